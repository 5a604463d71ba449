//! One offer's commercial structure: charges, volume adjustments, minimums, indexation, charge
//! caps, the credit regime, bonuses and termination triggers (design §2.2–2.4).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::YearMonth;
use super::indexation::Indexation;
use super::service_level::ServiceLevel;

/// An offer: a complete agreement evaluated on the project's data ("Offer A", "Counter-offer 2").
///
/// The engine applies its parts in the contract's order of operations (design §2.4): charges →
/// volume adjustments → minimum commitments → indexation → charge caps → service credits → credit
/// caps → milestone delay credits (with the service credits, but outside every credit cap) →
/// bonuses → earn-back releases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The offer's name, unique in the project.
    pub name: String,
    /// The supplier making the offer.
    #[serde(default)]
    pub provider: String,
    /// Free text: what distinguishes this offer.
    #[serde(default)]
    pub notes: String,
    /// Where the offer stands in a negotiation: which offer it revises, its round, who
    /// proposed it and when, its status. `None` for an offer with no history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<super::Round>,
    /// Fee components in contract order: fixed fees, unit rates, tiers, ARC/RRC.
    #[serde(default)]
    pub charges: Vec<Charge>,
    /// Minimum commitments (take-or-pay).
    #[serde(default)]
    pub minimums: Vec<MinimumCommitment>,
    /// Annual price indexation clauses, in the order they apply: one for the whole price, or
    /// several (a fee indexed at 70 % of one index and a unit rate at 100 %; a labour share and
    /// a non-labour share on different indices). Written `Some(Indexation(..))` for one clause
    /// (as files always had it), `[Indexation(..), ..]` for several, `None` for none.
    #[serde(default, with = "super::indexation::clauses")]
    pub indexation: Vec<Indexation>,
    /// Caps on charges.
    #[serde(default)]
    pub charge_caps: Vec<ChargeCap>,
    /// Service levels with their credit rules.
    #[serde(default)]
    pub service_levels: Vec<ServiceLevel>,
    /// Pool, points rate and caps that apply to service credits together.
    #[serde(default)]
    pub credit_regime: CreditRegime,
    /// Bonuses for over-performance.
    #[serde(default)]
    pub bonuses: Vec<Bonus>,
    /// Termination and escalation triggers: flags with dates, not money.
    #[serde(default)]
    pub triggers: Vec<TerminationTrigger>,
    /// Dated commitments (transition kick-off, go-live), some with a delay credit; not written
    /// while empty, so files without them load and save unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<super::governance::Milestone>,
    /// When performance reviews are held; not written while absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviews: Option<super::governance::ReviewSchedule>,
    /// The provider's cost of delivering this offer (see [`super::provider`]), if modelled;
    /// not written while absent, so files without it load and save unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_model: Option<super::provider::ProviderModel>,
}

impl Scenario {
    /// An empty offer named `name`.
    pub fn new(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            provider: String::new(),
            notes: String::new(),
            round: None,
            charges: Vec::new(),
            minimums: Vec::new(),
            indexation: Vec::new(),
            charge_caps: Vec::new(),
            service_levels: Vec::new(),
            credit_regime: CreditRegime::default(),
            bonuses: Vec::new(),
            triggers: Vec::new(),
            milestones: Vec::new(),
            reviews: None,
            cost_model: None,
        }
    }

    /// The service level with id `id`.
    pub fn service_level(&self, id: &str) -> Option<&ServiceLevel> {
        self.service_levels.iter().find(|s| s.id == id)
    }

    /// The charge with id `id`.
    pub fn charge(&self, id: &str) -> Option<&Charge> {
        self.charges.iter().find(|c| c.id == id)
    }
}

/// A fee component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Charge {
    /// A word naming the component, unique in the offer (`base_fee`, `calls`).
    pub id: String,
    /// The name shown to people ("Base service fee").
    pub name: String,
    /// How the component is priced.
    pub pricing: Pricing,
}

/// How a fee component is priced each month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Pricing {
    /// A fixed amount per month.
    Fixed {
        /// The monthly amount.
        monthly: Decimal,
    },
    /// A rate per unit of volume, per service class (simple / standard / complex work priced
    /// differently). A time-and-materials rate card is the same shape: roles as classes, hours
    /// as the volume.
    UnitRates {
        /// One rate per class, each on its own volume series.
        rates: Vec<UnitRate>,
    },
    /// Prices by volume band.
    Tiered {
        /// The volume series the bands are read on.
        volume: String,
        /// Graduated, all-units or tiered fixed fee: they must never be confused.
        mode: TierMode,
        /// Contiguous bands from zero; the last one is open-ended.
        bands: Vec<TierBand>,
    },
    /// Additional / reduced resource charges around a baseline volume.
    ResourceAdjustment(ResourceAdjustment),
}

/// One class's unit rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitRate {
    /// The service class or role ("simple", "complex", "senior engineer").
    pub class: String,
    /// The volume series counted (calls, tickets, hours).
    pub volume: String,
    /// The price per unit.
    pub rate: Decimal,
}

/// How tier bands price a volume.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TierMode {
    /// Each band's units at that band's own rate.
    Graduated,
    /// The whole volume at the rate of the band reached. Has cliffs: with bands up to 5,000 at
    /// 4.00 and above at 3.50, 5,000 units cost 20,000.00 but 5,001 cost 17,503.50.
    AllUnits,
    /// A fixed monthly fee chosen by the band reached (the band's `flat_fee`); rates are unused.
    FixedFee,
}

/// A volume band. It covers volumes above `from` up to and including `to` (the contract
/// drafting "1–5,000, 5,001–10,000"); the first band starts at 0 and also covers zero volume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierBand {
    /// The band's lower edge (exclusive, except 0 for the first band).
    pub from: Decimal,
    /// The band's upper edge (inclusive); `None` for the open-ended last band.
    #[serde(default)]
    pub to: Option<Decimal>,
    /// The price per unit in this band.
    #[serde(default)]
    pub rate: Decimal,
    /// A flat monthly fee charged when the volume reaches this band.
    #[serde(default)]
    pub flat_fee: Decimal,
}

impl TierBand {
    /// The problems of a band table, in words: a first band not from 0, gaps, overlaps, a band
    /// ending below its start, a closed last band. Empty when the bands are contiguous from 0
    /// and the last is open. The editor shows them as the user types; the structure view shows
    /// no tier total while there are any.
    pub fn problems(bands: &[TierBand]) -> Vec<String> {
        let mut problems = Vec::new();
        if let Some(first) = bands.first()
            && !first.from.is_zero()
        {
            problems.push(format!(
                "band 1 starts at {}; the first band starts at 0",
                first.from
            ));
        }
        for (i, pair) in bands.windows(2).enumerate() {
            let (a, b) = (&pair[0], &pair[1]);
            match a.to {
                None => problems.push(format!(
                    "band {} is open-ended but band {} follows it",
                    i + 1,
                    i + 2
                )),
                Some(to) if b.from > to => problems.push(format!(
                    "gap between band {} (to {to}) and band {} (from {})",
                    i + 1,
                    i + 2,
                    b.from
                )),
                Some(to) if b.from < to => problems.push(format!(
                    "band {} (from {}) overlaps band {} (to {to})",
                    i + 2,
                    b.from,
                    i + 1
                )),
                _ => {}
            }
        }
        for (i, b) in bands.iter().enumerate() {
            if let Some(to) = b.to
                && to <= b.from
            {
                problems.push(format!(
                    "band {} ends at {to}, not above its start {}",
                    i + 1,
                    b.from
                ));
            }
        }
        if bands.last().is_some_and(|b| b.to.is_some()) {
            problems.push("the last band should be open-ended (no upper edge)".into());
        }
        problems
    }
}

/// ARC/RRC: a baseline volume with a dead band; volumes outside it are charged (ARC) or
/// refunded (RRC) per unit, and volumes beyond the outer band trigger change control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceAdjustment {
    /// The volume series measured against the baseline.
    pub volume: String,
    /// The monthly baseline volume priced in the base fee.
    pub baseline: Decimal,
    /// The dead band as a percentage of the baseline (e.g. 5 for ±5 %); a deviation exactly at
    /// the edge is inside.
    pub dead_band_pct: Decimal,
    /// Price per unit above the baseline (additional resource charge).
    pub arc_rate: Decimal,
    /// Refund per unit below the baseline (reduced resource credit), a positive number.
    pub rrc_rate: Decimal,
    /// Which units are adjusted once the volume leaves the dead band.
    pub convention: DeadBandConvention,
    /// Beyond this percentage from baseline, either way, the deviation triggers change control
    /// (a symmetric outer band). A side with its own limit below follows that limit instead.
    #[serde(default)]
    pub outer_band_pct: Option<Decimal>,
    /// The upper outer limit, when the contract sets one apart from the lower: above it the
    /// consequence the limit names applies.
    #[serde(default)]
    pub upper_limit: Option<BandLimit>,
    /// The lower outer limit, when the contract sets one apart from the upper: below it the
    /// consequence the limit names applies (billed as if at the limit is a hidden minimum).
    #[serde(default)]
    pub lower_limit: Option<BandLimit>,
}

/// One side's outer limit of a resource-unit band, and what a volume beyond it brings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandLimit {
    /// The limit as a percentage of the baseline from it (30 for 30 % above, or below).
    pub pct: Decimal,
    /// What a volume beyond the limit brings.
    pub beyond: BeyondLimit,
}

/// What a volume beyond an outer limit of a resource-unit band brings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BeyondLimit {
    /// Flagged for change control; still priced on the volume as it is.
    ChangeControl,
    /// Priced as if the volume were at the limit: above an upper limit no further ARC is
    /// charged, below a lower limit no further RRC is refunded (a hidden minimum).
    BilledAtLimit,
}

impl ResourceAdjustment {
    /// The outer limit above the baseline, in percent, and its consequence: the upper limit, or
    /// the symmetric outer band (change control).
    pub fn upper(&self) -> Option<(Decimal, BeyondLimit)> {
        (self.upper_limit.as_ref().map(|l| (l.pct, l.beyond)))
            .or_else(|| self.outer_band_pct.map(|p| (p, BeyondLimit::ChangeControl)))
    }

    /// The outer limit below the baseline, in percent, and its consequence: the lower limit,
    /// or the symmetric outer band (change control).
    pub fn lower(&self) -> Option<(Decimal, BeyondLimit)> {
        (self.lower_limit.as_ref().map(|l| (l.pct, l.beyond)))
            .or_else(|| self.outer_band_pct.map(|p| (p, BeyondLimit::ChangeControl)))
    }
}

/// The two drafting conventions for a dead band; they differ by real money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeadBandConvention {
    /// Once outside the dead band, the whole difference from baseline is adjusted.
    WholeDifference,
    /// Only the part of the difference beyond the dead band is adjusted.
    BeyondDeadBand,
}

/// A minimum commitment (take-or-pay): if the counted charges (or volume) fall short of the
/// minimum over the period, a percentage of the shortfall is billed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinimumCommitment {
    /// A word naming the commitment.
    pub id: String,
    /// The name shown to people.
    pub name: String,
    /// Monthly, or annual with a true-up in the last month of each contract year.
    pub period: CommitmentPeriod,
    /// What is committed: a spend or a volume.
    pub basis: CommitmentBasis,
    /// The percentage of the shortfall billed (100 for full take-or-pay).
    pub shortfall_pct: Decimal,
}

/// The period over which a minimum commitment is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommitmentPeriod {
    /// Each month on its own.
    Monthly,
    /// Each contract year, settled in its last month; a short final year is pro-rated.
    Annual,
}

/// What a minimum commitment counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CommitmentBasis {
    /// A minimum spend on the given charges, per period.
    Spend {
        /// The committed amount per period (per month or per contract year).
        amount: Decimal,
        /// The charges that count toward it.
        applies_to: ChargeScope,
    },
    /// A minimum volume per period; the shortfall in units is priced at `rate`.
    Volume {
        /// The volume series counted.
        volume: String,
        /// The committed units per period.
        units: Decimal,
        /// The price per unit of shortfall.
        rate: Decimal,
    },
}

/// Which charges a rule reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ChargeScope {
    /// Every charge and adjustment line of the month (after indexation and charge caps).
    #[default]
    AllCharges,
    /// Only the lines of these charge components (their indexation included).
    Components(Vec<String>),
}

/// A cap on charges: counted charges above the limit in the period are not billed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChargeCap {
    /// A word naming the cap.
    pub id: String,
    /// The name shown to people.
    pub name: String,
    /// Monthly, or per contract year (cumulative within the year).
    pub period: CommitmentPeriod,
    /// The largest amount billed for the counted charges in the period.
    pub limit: Decimal,
    /// The charges counted.
    #[serde(default)]
    pub applies_to: ChargeScope,
}

/// A limit on credits or bonuses: an amount, or a percentage of the charges it is read on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Limit {
    /// A fixed amount.
    Amount(Decimal),
    /// A percentage of the charges in the limit's period and scope.
    PctOfCharges(Decimal),
}

/// How money is derived from a count (points, steps) or an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Rate {
    /// A fixed amount per unit.
    Amount(Decimal),
    /// A percentage of the credit base per unit.
    PctOfBase(Decimal),
}

/// The rules that apply to service credits together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CreditRegime {
    /// The at-risk pool as a percentage of the month's charges (typically 10–15). Service
    /// levels with an at-risk credit take their allocation of it, and the month's total credits
    /// are capped at it.
    #[serde(default)]
    pub at_risk_pct: Option<Decimal>,
    /// The charges the at-risk amount and the caps in percent are read on.
    #[serde(default)]
    pub base: ChargeScope,
    /// What one service point is worth (service-points credit rules).
    #[serde(default)]
    pub points_rate: Option<Rate>,
    /// A cap on the month's credits, in addition to the at-risk cap.
    #[serde(default)]
    pub monthly_cap: Option<Limit>,
    /// A cap on credits per contract year.
    #[serde(default)]
    pub annual_cap: Option<Limit>,
    /// A cap on credits over the whole term.
    #[serde(default)]
    pub term_cap: Option<Limit>,
    /// A credit is issued only if the month's credits (after the caps) are greater than this
    /// amount (public cloud terms: "only if the credit is greater than USD 1.00"); a month's
    /// credits at or below it are not issued.
    #[serde(default)]
    pub minimum_credit: Option<Decimal>,
    /// The most all bonuses together pay per contract year, in aggregate ("bonuses in a
    /// contract year shall not exceed 25,000.00 in aggregate"), on top of each bonus's own cap;
    /// a cap in percent reads the year's charges on the regime's base. Bonuses are paid in the
    /// offer's order, so a later bonus gets what an earlier one left.
    #[serde(default)]
    pub bonus_cap: Option<Limit>,
}

/// A bonus for over-performance on a service level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bonus {
    /// A word naming the bonus.
    pub id: String,
    /// The name shown to people.
    pub name: String,
    /// The service level whose measured value earns the bonus.
    pub service_level: String,
    /// The value to reach or beat (in the service level's direction).
    pub threshold: Decimal,
    /// The bonus per month earned.
    pub amount: Rate,
    /// The charges a percentage bonus is read on.
    #[serde(default)]
    pub base: ChargeScope,
    /// No bonus in a month where any of these service levels missed its target or minimum.
    #[serde(default)]
    pub gated_by: Vec<String>,
    /// The most this bonus pays per contract year.
    #[serde(default)]
    pub annual_cap: Option<Limit>,
}

/// A termination or escalation trigger: a flag with a date, not money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TerminationTrigger {
    /// The same service level misses its minimum `months` months running.
    ConsecutiveMinimumMisses {
        /// The service level watched.
        service_level: String,
        /// How many consecutive months.
        months: u32,
    },
    /// The monthly credit cap is reached in `times` of a rolling `window_months` months.
    CapReached {
        /// How many months with the cap reached.
        times: u32,
        /// The rolling window in months.
        window_months: u32,
    },
    /// A step of an escalation ladder: the service level's misses in a rolling window reach a
    /// count, and the matter goes to `to` (two misses in three months: the service manager;
    /// three: the steering committee; a minimum miss: a rectification plan).
    Escalation {
        /// The service level watched.
        service_level: String,
        /// Misses needed in the window, this month's included.
        misses: u32,
        /// The rolling window in months.
        window_months: u32,
        /// Whether only minimum misses count (a target miss does not).
        #[serde(default)]
        minimum_only: bool,
        /// Where the matter goes ("service manager", "steering committee", "rectification
        /// plan").
        to: String,
    },
}

impl TerminationTrigger {
    /// The rule in a sentence, as the risk figures state it: "asa misses its minimum 3 months
    /// running".
    pub fn rule(&self) -> String {
        match self {
            TerminationTrigger::ConsecutiveMinimumMisses {
                service_level,
                months,
            } => format!("{service_level} misses its minimum {months} months running"),
            TerminationTrigger::CapReached {
                times,
                window_months,
            } => format!("credits reach the monthly cap {times} times in {window_months} months"),
            TerminationTrigger::Escalation {
                service_level,
                misses,
                window_months,
                minimum_only,
                to,
            } => format!(
                "{service_level} has {misses} {} in {window_months} months: escalated to {to}",
                miss_words(*minimum_only, *misses)
            ),
        }
    }

    /// Whether this is a step of an escalation ladder rather than a termination right.
    pub fn is_escalation(&self) -> bool {
        matches!(self, TerminationTrigger::Escalation { .. })
    }

    /// The trigger in a few words, as the tree, the structure and the report name it.
    pub fn name(&self) -> String {
        match self {
            TerminationTrigger::ConsecutiveMinimumMisses {
                service_level,
                months,
            } => format!("{service_level}: {months} minimum misses running"),
            TerminationTrigger::CapReached {
                times,
                window_months,
            } => format!("Credit cap reached {times}× in {window_months} months"),
            TerminationTrigger::Escalation {
                service_level,
                misses,
                window_months,
                minimum_only,
                to,
            } => format!(
                "{service_level}: {misses} {} in {window_months} months → {to}",
                miss_words(*minimum_only, *misses)
            ),
        }
    }
}

/// Misses in words, counted `n`: "miss", "misses", "minimum miss", "minimum misses" (when only
/// minimum misses count), as an escalation step's rule and its flags say them.
pub fn miss_words(minimum_only: bool, n: u32) -> &'static str {
    match (minimum_only, n == 1) {
        (false, true) => "miss",
        (false, false) => "misses",
        (true, true) => "minimum miss",
        (true, false) => "minimum misses",
    }
}

/// A value read on a month, written by date so a volume or KPI file can be checked by eye.
pub type MonthlyValues = std::collections::BTreeMap<YearMonth, Decimal>;
