//! The project as data: the agreement, its fee components and service levels, KPI history,
//! volumes and index series.
//!
//! Everything here is plain serde data, saved as one RON file (see [`crate::io::project`]). The
//! order of the fields follows the order of a contract, and components carry ids that are words
//! (`asa`, `p1_resolution`) so that a procurement lead recognises the contract in the file.
//! Amounts, rates and thresholds are [`Decimal`]s, written as strings. Derived data (the ledger)
//! is never stored: the [`crate::engine`] computes it.

pub mod agreement;
pub mod edit;
pub mod glossary;
pub mod governance;
pub mod import_mapping;
pub mod indexation;
pub mod limits;
pub mod negotiation;
pub mod path;
pub mod period;
pub mod provider;
pub mod risk;
pub mod series;
pub mod service_level;
pub mod terms;
pub mod validate;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use agreement::*;
pub use governance::{DelayCredit, DelayUnit, Milestone, ReviewSchedule, ReviewStart};
pub use indexation::{Indexation, IndexationMethod, ProductivityCombination};
pub use negotiation::{Party, Round, RoundStatus};
pub use path::{BandField, Component, Field, Location, RowField, TermPath};
pub use period::{ParseMonthError, YearMonth};
pub use provider::ProviderModel;
pub use risk::RiskSettings;
pub use series::*;
pub use service_level::*;
pub use validate::{ValidationError, validate};

/// The project file format this build writes. Older files are migrated on load; newer ones are
/// refused with a message asking for a newer Dealbench.
pub const FORMAT_VERSION: u32 = 1;

/// A Dealbench project: one agreement's context (parties, term, data) and the offers on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// The file format version ([`FORMAT_VERSION`] when written by this build).
    pub format_version: u32,
    /// The project's name, e.g. "Contact centre 2025".
    pub name: String,
    /// The buying organisation.
    #[serde(default)]
    pub customer: String,
    /// ISO 4217 code of the contract currency, e.g. "EUR".
    pub currency: String,
    /// How amounts are rounded when a ledger line is made.
    #[serde(default)]
    pub rounding: Rounding,
    /// The first billed month of the contract; contract years run from here.
    pub start: YearMonth,
    /// The contract term in months.
    pub term_months: u32,
    /// Annual discount rate in percent for net present values (e.g. 8 for 8 %).
    #[serde(default)]
    pub discount_rate_pct: Decimal,
    /// How months beyond the history are filled in.
    #[serde(default)]
    pub projection: Projection,
    /// The offers: each a complete agreement evaluated on the same data.
    pub scenarios: Vec<Scenario>,
    /// Monthly KPI history, one series per metric.
    #[serde(default)]
    pub kpis: Vec<KpiSeries>,
    /// Monthly volume history and forecast (calls, tickets, hours, …).
    #[serde(default)]
    pub volumes: Vec<VolumeSeries>,
    /// Price index series used by indexation.
    #[serde(default)]
    pub indices: Vec<IndexSeries>,
    /// Where imported series came from and how they were read, so they can be re-imported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub imports: Vec<ImportSource>,
    /// How the risk simulation is run (trials, seed, block length); not written while default.
    #[serde(default, skip_serializing_if = "RiskSettings::is_default")]
    pub risk: RiskSettings,
}

/// The provenance of imported series: the file and the mapping that read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportSource {
    /// The file as the user chose it (absolute, or relative to the project file).
    pub file: String,
    /// How its columns became monthly series.
    pub mapping: import_mapping::ImportMapping,
    /// The ids of the KPI and volume series it fills.
    pub series: Vec<String>,
}

/// When a line is rounded and how. Each ledger line is rounded when it is made (design §2.4);
/// caps apply to the sum of rounded lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rounding {
    /// The rule for a value exactly halfway between two cents.
    pub rule: RoundingRule,
    /// Decimal places of the currency (2 for EUR and USD, 0 for JPY).
    pub decimals: u32,
}

impl Default for Rounding {
    fn default() -> Self {
        Self {
            rule: RoundingRule::HalfAwayFromZero,
            decimals: 2,
        }
    }
}

/// The rounding rule of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum RoundingRule {
    /// 0.125 → 0.13, −0.125 → −0.13: the commercial default.
    #[default]
    HalfAwayFromZero,
    /// Banker's rounding: 0.125 → 0.12, 0.135 → 0.14.
    HalfEven,
}

impl RoundingRule {
    /// The strategy of `rust_decimal` that applies the rule.
    pub fn strategy(self) -> rust_decimal::RoundingStrategy {
        match self {
            RoundingRule::HalfAwayFromZero => rust_decimal::RoundingStrategy::MidpointAwayFromZero,
            RoundingRule::HalfEven => rust_decimal::RoundingStrategy::MidpointNearestEven,
        }
    }

    /// The rule in words: "half up", "half to even".
    pub fn words(self) -> &'static str {
        match self {
            RoundingRule::HalfAwayFromZero => "half up",
            RoundingRule::HalfEven => "half to even",
        }
    }
}

/// A precision a contract states for a number that is not money but feeds it: a re-rated unit
/// price ("rounded to four decimal places, half up"), a moved target ("rounded to three decimal
/// places").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Precision {
    /// Decimal places kept.
    pub decimals: u32,
    /// The rule for a value exactly halfway.
    pub rule: RoundingRule,
}

impl Precision {
    /// `value` kept to the stated decimals by the stated rule.
    pub fn round(self, value: Decimal) -> Decimal {
        value.round_dp_with_strategy(self.decimals, self.rule.strategy())
    }

    /// The precision in words: "4 decimals, half up".
    pub fn words(self) -> String {
        format!("{} decimals, {}", self.decimals, self.rule.words())
    }
}

/// How KPI values are assumed for months after the history (design §2.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum KpiAssumption {
    /// Each future month repeats the same calendar month of the last 12 months of history.
    #[default]
    RepeatLast12,
    /// Each service level is assumed to be met exactly at its target.
    HoldAtTarget,
    /// The values entered in each series' `projected` map; months without one are missing.
    Explicit,
}

/// The projection settings of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Projection {
    /// How KPI values are filled in after the history.
    pub kpi: KpiAssumption,
}

impl Project {
    /// The scenario named `name`.
    pub fn scenario(&self, name: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.name == name)
    }

    /// The KPI series with id `id`.
    pub fn kpi(&self, id: &str) -> Option<&KpiSeries> {
        self.kpis.iter().find(|k| k.id == id)
    }

    /// The volume series with id `id`.
    pub fn volume(&self, id: &str) -> Option<&VolumeSeries> {
        self.volumes.iter().find(|v| v.id == id)
    }

    /// The index series with id `id`.
    pub fn index(&self, id: &str) -> Option<&IndexSeries> {
        self.indices.iter().find(|i| i.id == id)
    }

    /// The last month of the contract term.
    pub fn end(&self) -> YearMonth {
        self.start.plus(self.term_months as i32 - 1)
    }

    /// The months of the contract term, in order.
    pub fn months(&self) -> impl Iterator<Item = YearMonth> {
        self.start.through(self.end())
    }

    /// The last month with measured data in any KPI or volume series: months after it are
    /// projected. `None` when the project has no data at all.
    pub fn history_end(&self) -> Option<YearMonth> {
        let kpi_ends = self.kpis.iter().filter_map(KpiSeries::last_month);
        let volume_ends = self
            .volumes
            .iter()
            .filter_map(|v| v.history.keys().next_back().copied());
        kpi_ends.chain(volume_ends).max()
    }

    /// A small, complete project to start from: one scenario with a fixed fee.
    pub fn new_blank(start: YearMonth) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            name: "New project".to_owned(),
            customer: String::new(),
            currency: "EUR".to_owned(),
            rounding: Rounding::default(),
            start,
            term_months: 36,
            discount_rate_pct: Decimal::new(8, 0),
            projection: Projection::default(),
            scenarios: vec![Scenario::new("Offer A")],
            kpis: Vec::new(),
            volumes: Vec::new(),
            indices: Vec::new(),
            imports: Vec::new(),
            risk: RiskSettings::default(),
        }
    }
}
