//! Exports of a ledger: the JSON and CSV the CLI writes, in a shape other tools can rely on.
//!
//! The JSON schema is documented in the README; it is built from the output structs here (never
//! by hand), so its field names and order are the schema. Amounts are decimal strings with
//! exactly the project's `rounding.decimals` decimals; measured values, targets and minimums
//! are strings rounded to 4 decimals, a value `null` when the month was not measured.

use crate::io::csv_safe::write_record;
use std::io::Write;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::engine::compare::{self, Comparison};
use crate::engine::{
    EarnBackEntry, EarnBackState, FlagKind, Ledger, LineKind, MonthLedger, Outcome, Totals,
};
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
    /// The earn-back ledger: each credit of the months exported that entered earn-back, in
    /// the order credited, as it stood at the end of the months exported.
    pub earn_back: Vec<EarnBackExport>,
    /// The sum of the earn-back credits still pending at the end of the months exported: every
    /// credit up to then, including any credited before the first month exported, that was
    /// neither earned back nor final by then.
    pub earn_back_pending: String,
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
    /// The measured value rounded to 4 decimals; `None` (null) when not measured (no data,
    /// a sample below the minimum, a quarter not assessed this month, an excluded month).
    pub value: Option<String>,
    /// The target in force this month, rounded to 4 decimals: the contract's, or the one a
    /// continuous-improvement reset moved it to.
    pub target: String,
    /// The minimum in force this month, rounded to 4 decimals; `None` (null) when there is
    /// none.
    pub minimum: Option<String>,
    /// `met`, `missed_target`, `missed_minimum`, `not_measured` or `excluded`.
    pub outcome: Outcome,
}

/// One credit in the earn-back ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EarnBackExport {
    /// The month credited, "YYYY-MM".
    pub period: String,
    /// The service level's id.
    pub service_level: String,
    /// The credit that may come back (its share after the credit caps), positive.
    pub amount: String,
    /// `pending`, `earned_back` or `final`, at the end of the months exported.
    pub state: EarnBackState,
    /// The month it was earned back or became final, "YYYY-MM"; `None` (null) while pending.
    pub settled: Option<String>,
}

/// A flag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlagExport {
    /// "YYYY-MM".
    pub period: String,
    /// `termination_trigger`, `escalation`, `cap_reached`, `cap_binding`, `change_control`,
    /// `missing_data`, `out_of_range`.
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
                            target: format_value(s.target),
                            minimum: s.minimum.map(format_value),
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
            earn_back: earn_back(&ledger.earn_back, from, to, decimals),
            earn_back_pending: amount(earn_back_pending(&ledger.earn_back, to)),
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

/// What `entry` was at the end of month `to` (the end of the term when `None`): its state,
/// and the month it was settled in, if it was by then.
fn as_of(entry: &EarnBackEntry, to: Option<YearMonth>) -> (EarnBackState, Option<YearMonth>) {
    match entry.resolved_in {
        Some(settled) if to.is_none_or(|t| settled <= t) => (entry.state, Some(settled)),
        _ => (EarnBackState::Pending, None),
    }
}

/// The earn-back ledger of the credits made in `from..=to`, as it stood at the end of `to`.
fn earn_back(
    entries: &[EarnBackEntry],
    from: Option<YearMonth>,
    to: Option<YearMonth>,
    decimals: u32,
) -> Vec<EarnBackExport> {
    entries
        .iter()
        .filter(|e| {
            from.is_none_or(|f| e.credited_in >= f) && to.is_none_or(|t| e.credited_in <= t)
        })
        .map(|e| {
            let (state, settled) = as_of(e, to);
            EarnBackExport {
                period: e.credited_in.to_string(),
                service_level: e.service_level.clone(),
                amount: format_amount(e.amount, decimals),
                state,
                settled: settled.map(|m| m.to_string()),
            }
        })
        .collect()
}

/// The sum of the credits made up to `to` that were still pending at its end.
fn earn_back_pending(entries: &[EarnBackEntry], to: Option<YearMonth>) -> Decimal {
    entries
        .iter()
        .filter(|e| to.is_none_or(|t| e.credited_in <= t))
        .filter(|e| as_of(e, to).0 == EarnBackState::Pending)
        .map(|e| e.amount)
        .sum()
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
            // January's credit, earned back in February.
            earn_back: vec![EarnBackEntry {
                service_level: "asa".into(),
                credited_in: ym("2025-01"),
                amount: dec!(200.5),
                state: EarnBackState::EarnedBack,
                resolved_in: Some(ym("2025-02")),
            }],
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
          "target": "30.0000",
          "minimum": "45.0000",
          "outcome": "missed_target"
        }
      ],
      "net": "9800.00"
    }
  ],
  "flags": [],
  "earn_back": [
    {
      "period": "2025-01",
      "service_level": "asa",
      "amount": "200.50",
      "state": "pending",
      "settled": null
    }
  ],
  "earn_back_pending": "200.50",
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
        // Over the term January's credit is earned back in February: nothing pending.
        assert_eq!(export.earn_back[0].state, EarnBackState::EarnedBack);
        assert_eq!(export.earn_back[0].settled.as_deref(), Some("2025-02"));
        assert_eq!(export.earn_back_pending, "0.00");
        // From February the credit (made in January) is not listed, and nothing is pending.
        assert!(from_feb.earn_back.is_empty());
        assert_eq!(from_feb.earn_back_pending, "0.00");
    }

    #[test]
    fn a_month_not_measured_has_a_null_value_and_still_its_levels() {
        let export = LedgerExport::new(&project(), &ledger(), None, None);
        let february = &export.months[1].service_levels[0];
        assert_eq!(february.value, None);
        assert_eq!(february.target, "30.0000");
        assert_eq!(february.minimum.as_deref(), Some("45.0000"));
        let json = serde_json::to_string(february).unwrap();
        assert_eq!(
            json,
            r#"{"id":"asa","value":null,"target":"30.0000","minimum":"45.0000","outcome":"not_measured"}"#
        );
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
