//! Exports of a ledger: the JSON and CSV the CLI writes, in a shape other tools can rely on.
//!
//! The JSON schema is documented in the README; it is built from the output structs here (never
//! by hand), so its field names and order are the schema. Amounts are decimal strings with
//! exactly the project's `rounding.decimals` decimals; measured values are strings rounded to
//! 4 decimals, or `null` when not measured.

use std::io::Write;

use serde::Serialize;

use crate::engine::{FlagKind, Ledger, LineKind, MonthLedger, Outcome, Totals};
use crate::format::{format_amount, format_value};
use crate::model::{Project, YearMonth};

/// One scenario's ledger as exported (`dealbench eval --format json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerExport {
    /// The project's name.
    pub project: String,
    /// The scenario evaluated.
    pub scenario: String,
    /// The contract currency.
    pub currency: String,
    /// The months exported, in order.
    pub months: Vec<MonthExport>,
    /// The flags of the months exported.
    pub flags: Vec<FlagExport>,
    /// The totals of the months exported.
    pub totals: TotalsExport,
}

/// One month of an exported ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthExport {
    /// "YYYY-MM".
    pub period: String,
    /// The contract year, 1, 2, …
    pub contract_year: u32,
    /// Whether the month's data is a projection.
    pub projected: bool,
    /// The invoice lines in the order of operations.
    pub lines: Vec<LineExport>,
    /// Each service level's result.
    pub service_levels: Vec<ServiceLevelExport>,
    /// What the customer pays for the month.
    pub net: String,
}

/// One invoice line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineExport {
    /// `charge`, `adjustment`, `credit`, `bonus` or `earn_back`.
    pub kind: LineKind,
    /// The id of the component that made the line.
    pub component: String,
    /// The billed amount, signed as it moves the invoice.
    pub amount: String,
    /// Why.
    pub explanation: String,
}

/// A service level's result for a month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceLevelExport {
    /// The service level's id.
    pub id: String,
    /// The measured value rounded to 4 decimals; `None` (null) when not measured.
    pub value: Option<String>,
    /// `met`, `missed_target`, `missed_minimum`, `not_measured` or `excluded`.
    pub outcome: Outcome,
}

/// A flag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlagExport {
    /// "YYYY-MM".
    pub period: String,
    /// `termination_trigger`, `cap_reached`, `cap_binding`, `change_control`, `missing_data`.
    pub kind: FlagKind,
    /// What happened.
    pub message: String,
}

/// Money totals. `credits` is the positive amount taken off:
/// `net = charges + adjustments − credits + bonuses + earn_back`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TotalsExport {
    /// Sum of charge lines.
    pub charges: String,
    /// Sum of adjustment lines.
    pub adjustments: String,
    /// Service credits after caps, positive.
    pub credits: String,
    /// Bonuses.
    pub bonuses: String,
    /// Credits returned by earn-back.
    pub earn_back: String,
    /// What the customer pays.
    pub net: String,
}

impl TotalsExport {
    /// `totals` with each amount written with `decimals` decimals.
    pub fn new(totals: &Totals, decimals: u32) -> Self {
        let a = |d| format_amount(d, decimals);
        Self {
            charges: a(totals.charges),
            adjustments: a(totals.adjustments),
            credits: a(totals.credits),
            bonuses: a(totals.bonuses),
            earn_back: a(totals.earn_back),
            net: a(totals.net),
        }
    }
}

/// The months of `ledger` from `from` to `to` (either optional), and their flags and totals.
pub struct Selection<'a> {
    /// The months selected, in order.
    pub months: Vec<&'a MonthLedger>,
    /// The flags of those months.
    pub flags: Vec<&'a crate::engine::Flag>,
    /// The sum of the selected months' totals.
    pub totals: Totals,
}

impl<'a> Selection<'a> {
    /// Selects the months of `ledger` in `from..=to`.
    pub fn new(ledger: &'a Ledger, from: Option<YearMonth>, to: Option<YearMonth>) -> Self {
        let within = |p: YearMonth| from.is_none_or(|f| p >= f) && to.is_none_or(|t| p <= t);
        let months: Vec<_> = ledger.months_between(from, to).collect();
        let mut totals = Totals::default();
        for month in &months {
            totals.add(&month.totals);
        }
        Self {
            months,
            flags: ledger.flags.iter().filter(|f| within(f.period)).collect(),
            totals,
        }
    }
}

impl LedgerExport {
    /// The export of `ledger` (of a scenario of `project`) over `from..=to`.
    pub fn new(
        project: &Project,
        ledger: &Ledger,
        from: Option<YearMonth>,
        to: Option<YearMonth>,
    ) -> Self {
        let decimals = project.rounding.decimals;
        let amount = |d| format_amount(d, decimals);
        let selection = Selection::new(ledger, from, to);
        Self {
            project: project.name.clone(),
            scenario: ledger.scenario.clone(),
            currency: ledger.currency.clone(),
            months: selection
                .months
                .iter()
                .map(|m| MonthExport {
                    period: m.period.to_string(),
                    contract_year: m.contract_year,
                    projected: m.projected,
                    lines: m
                        .lines
                        .iter()
                        .map(|l| LineExport {
                            kind: l.kind,
                            component: l.component.clone(),
                            amount: amount(l.amount),
                            explanation: l.explanation.clone(),
                        })
                        .collect(),
                    service_levels: m
                        .service_levels
                        .iter()
                        .map(|s| ServiceLevelExport {
                            id: s.id.clone(),
                            value: s.value.map(format_value),
                            outcome: s.outcome,
                        })
                        .collect(),
                    net: amount(m.totals.net),
                })
                .collect(),
            flags: selection
                .flags
                .iter()
                .map(|f| FlagExport {
                    period: f.period.to_string(),
                    kind: f.kind,
                    message: f.message.clone(),
                })
                .collect(),
            totals: TotalsExport::new(&selection.totals, decimals),
        }
    }

    /// Writes the export as pretty JSON (2-space indents) and a final newline.
    pub fn write_json(&self, out: &mut dyn Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        writeln!(out)
    }

    /// Writes one CSV row per invoice line: period, contract_year, projected, kind, component,
    /// amount, explanation (with a header row).
    pub fn write_csv(&self, out: &mut dyn Write) -> std::io::Result<()> {
        #[derive(Serialize)]
        struct Row<'a> {
            period: &'a str,
            contract_year: u32,
            projected: bool,
            kind: LineKind,
            component: &'a str,
            amount: &'a str,
            explanation: &'a str,
        }
        // The header is written by hand so that an empty selection still has one.
        let mut writer = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        writer.write_record([
            "period",
            "contract_year",
            "projected",
            "kind",
            "component",
            "amount",
            "explanation",
        ])?;
        for month in &self.months {
            for line in &month.lines {
                writer.serialize(Row {
                    period: &month.period,
                    contract_year: month.contract_year,
                    projected: month.projected,
                    kind: line.kind,
                    component: &line.component,
                    amount: &line.amount,
                    explanation: &line.explanation,
                })?;
            }
        }
        writer.flush()
    }
}

/// One scenario in a comparison (`dealbench compare`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioSummary {
    /// The scenario's name.
    pub scenario: String,
    /// Sum of charge lines over the term.
    pub charges: String,
    /// Sum of adjustment lines.
    pub adjustments: String,
    /// Service credits after caps, positive.
    pub credits: String,
    /// Bonuses.
    pub bonuses: String,
    /// Credits returned by earn-back.
    pub earn_back: String,
    /// What the customer pays over the term.
    pub net: String,
    /// The net present value of the monthly nets at the project's discount rate.
    pub npv: String,
}

/// Every scenario of a project side by side (`dealbench compare --format json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonExport {
    /// The project's name.
    pub project: String,
    /// The contract currency.
    pub currency: String,
    /// The annual discount rate used for the NPVs, in percent.
    pub discount_rate_pct: String,
    /// One entry per scenario, in file order.
    pub scenarios: Vec<ScenarioSummary>,
}

impl ComparisonExport {
    /// Evaluates every scenario of `project` and summarises it.
    pub fn new(project: &Project) -> Self {
        let decimals = project.rounding.decimals;
        let scenarios = project
            .scenarios
            .iter()
            .map(|scenario| {
                let ledger = crate::engine::evaluate(project, scenario);
                let totals = TotalsExport::new(&ledger.totals, decimals);
                ScenarioSummary {
                    scenario: scenario.name.clone(),
                    charges: totals.charges,
                    adjustments: totals.adjustments,
                    credits: totals.credits,
                    bonuses: totals.bonuses,
                    earn_back: totals.earn_back,
                    net: totals.net,
                    npv: format_amount(crate::engine::npv(project, &ledger), decimals),
                }
            })
            .collect();
        Self {
            project: project.name.clone(),
            currency: project.currency.clone(),
            discount_rate_pct: project.discount_rate_pct.normalize().to_string(),
            scenarios,
        }
    }

    /// Writes the comparison as pretty JSON and a final newline.
    pub fn write_json(&self, out: &mut dyn Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        writeln!(out)
    }

    /// Writes one CSV row per scenario, with a header row.
    pub fn write_csv(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut writer = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        writer.write_record([
            "scenario",
            "charges",
            "adjustments",
            "credits",
            "bonuses",
            "earn_back",
            "net",
            "npv",
        ])?;
        for summary in &self.scenarios {
            writer.serialize(summary)?;
        }
        writer.flush()
    }
}
