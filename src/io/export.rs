//! Exports of a ledger: the JSON and CSV the CLI writes, in a shape other tools can rely on.
//!
//! The JSON schema is documented in the README; it is built from the output structs here (never
//! by hand), so its field names and order are the schema. Amounts are decimal strings with
//! exactly the project's `rounding.decimals` decimals; measured values are strings rounded to
//! 4 decimals, or `null` when not measured.

use crate::io::csv_safe::write_record;
use std::io::Write;

use serde::Serialize;

use crate::engine::compare::{self, Comparison};
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
        Self {
            totals: compare::totals_over(months.iter().copied()),
            months,
            flags: ledger.flags.iter().filter(|f| within(f.period)).collect(),
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
                write_record(
                    &mut writer,
                    [
                        month.period.as_str(),
                        &month.contract_year.to_string(),
                        if month.projected { "true" } else { "false" },
                        line.kind.key(),
                        &line.component,
                        &line.amount,
                        &line.explanation,
                    ],
                )?;
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
    /// Evaluates every scenario of `project` and summarises it, as [`Comparison`] computes it.
    pub fn new(project: &Project) -> Self {
        Self::of(project, &Comparison::of_project(project))
    }

    /// The export of `comparison`, made from the offers of `project`.
    pub fn of(project: &Project, comparison: &Comparison) -> Self {
        let decimals = project.rounding.decimals;
        let scenarios = comparison
            .offers
            .iter()
            .map(|offer| {
                let totals = TotalsExport::new(&offer.totals, decimals);
                ScenarioSummary {
                    scenario: offer.scenario.clone(),
                    charges: totals.charges,
                    adjustments: totals.adjustments,
                    credits: totals.credits,
                    bonuses: totals.bonuses,
                    earn_back: totals.earn_back,
                    net: totals.net,
                    npv: format_amount(offer.npv, decimals),
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
        for s in &self.scenarios {
            write_record(
                &mut writer,
                [
                    &s.scenario,
                    &s.charges,
                    &s.adjustments,
                    &s.credits,
                    &s.bonuses,
                    &s.earn_back,
                    &s.net,
                    &s.npv,
                ],
            )?;
        }
        writer.flush()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;

    use super::*;
    use crate::engine::{Flag, Line, MonthLedger, ServiceLevelResult, Stage};
    use crate::model::Component;

    fn ym(text: &str) -> YearMonth {
        text.parse().unwrap()
    }

    fn line(kind: LineKind, component: &str, amount: Decimal, explanation: &str) -> Line {
        let stage = match kind {
            LineKind::Charge => Stage::BaseCharge,
            LineKind::Adjustment => Stage::VolumeAdjustment,
            LineKind::Credit => Stage::Credit,
            LineKind::Bonus => Stage::Bonus,
            LineKind::EarnBack => Stage::EarnBack,
        };
        let term = match kind {
            LineKind::Credit | LineKind::EarnBack => Component::ServiceLevel(component.to_owned()),
            LineKind::Bonus => Component::Bonus(component.to_owned()),
            LineKind::Charge | LineKind::Adjustment => Component::Charge(component.to_owned()),
        };
        Line {
            kind,
            stage,
            component: component.to_owned(),
            term,
            exact: amount,
            amount,
            explanation: explanation.to_owned(),
        }
    }

    /// A hand-made two-month ledger: the export is tested apart from the engine.
    pub(crate) fn ledger() -> Ledger {
        let month = |period: &str, projected, lines: Vec<Line>, value| MonthLedger {
            period: ym(period),
            contract_year: 1,
            projected,
            totals: Totals::of(&lines),
            lines,
            service_levels: vec![ServiceLevelResult {
                id: "asa".into(),
                value,
                target: dec!(30),
                minimum: Some(dec!(45)),
                outcome: if value.is_some() {
                    Outcome::MissedTarget
                } else {
                    Outcome::NotMeasured
                },
                credit: dec!(200),
                explanation: "ASA 35 s above target 30 s: 2 % of 10,000.00".into(),
            }],
        };
        let january = month(
            "2025-01",
            false,
            vec![
                line(LineKind::Charge, "base_fee", dec!(10000), "Base fee"),
                line(LineKind::Credit, "asa", dec!(-200), "ASA missed"),
            ],
            Some(dec!(35)),
        );
        let february = month(
            "2025-02",
            true,
            vec![
                line(LineKind::Charge, "base_fee", dec!(10000), "Base fee"),
                line(LineKind::EarnBack, "asa", dec!(200.5), "Earned back"),
            ],
            None,
        );
        let mut totals = january.totals;
        totals.add(&february.totals);
        Ledger {
            scenario: "Offer A".into(),
            currency: "EUR".into(),
            months: vec![january, february],
            flags: vec![Flag {
                period: ym("2025-02"),
                kind: FlagKind::CapBinding,
                component: "credit_regime".into(),
                term: Some(Component::CreditRegime),
                message: "The monthly cap cut credits".into(),
            }],
            earn_back: Vec::new(),
            years: Vec::new(),
            totals,
        }
    }

    fn project() -> Project {
        let mut project = Project::new_blank(ym("2025-01"));
        project.name = "Test".into();
        project
    }

    #[test]
    fn json_follows_the_documented_schema() {
        let export = LedgerExport::new(&project(), &ledger(), None, Some(ym("2025-01")));
        let mut out = Vec::new();
        export.write_json(&mut out).unwrap();
        let expected = r#"{
  "project": "Test",
  "scenario": "Offer A",
  "currency": "EUR",
  "months": [
    {
      "period": "2025-01",
      "contract_year": 1,
      "projected": false,
      "lines": [
        {
          "kind": "charge",
          "component": "base_fee",
          "amount": "10000.00",
          "explanation": "Base fee"
        },
        {
          "kind": "credit",
          "component": "asa",
          "amount": "-200.00",
          "explanation": "ASA missed"
        }
      ],
      "service_levels": [
        {
          "id": "asa",
          "value": "35.0000",
          "outcome": "missed_target"
        }
      ],
      "net": "9800.00"
    }
  ],
  "flags": [],
  "totals": {
    "charges": "10000.00",
    "adjustments": "0.00",
    "credits": "200.00",
    "bonuses": "0.00",
    "earn_back": "0.00",
    "net": "9800.00"
  }
}
"#;
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn the_whole_term_sums_every_month_and_keeps_its_flags() {
        let export = LedgerExport::new(&project(), &ledger(), None, None);
        assert_eq!(export.months.len(), 2);
        assert_eq!(export.months[1].service_levels[0].value, None);
        assert_eq!(export.flags.len(), 1);
        assert_eq!(export.totals.net, "20000.50");
        assert_eq!(export.totals.earn_back, "200.50");
        let from_feb = LedgerExport::new(&project(), &ledger(), Some(ym("2025-02")), None);
        assert_eq!(from_feb.totals.net, "10200.50");
    }

    #[test]
    fn csv_has_one_row_per_line() {
        let export = LedgerExport::new(&project(), &ledger(), None, None);
        let mut out = Vec::new();
        export.write_csv(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "period,contract_year,projected,kind,component,amount,explanation\n\
             2025-01,1,false,charge,base_fee,10000.00,Base fee\n\
             2025-01,1,false,credit,asa,-200.00,ASA missed\n\
             2025-02,1,true,charge,base_fee,10000.00,Base fee\n\
             2025-02,1,true,earn_back,asa,200.50,Earned back\n"
        );
    }
}
