//! The JSON of `dealbench risk --format json`, built from the output structs here (never by
//! hand), so their field names and order are the schema documented in the README. Amounts are
//! decimal strings with exactly the currency's decimals (the project's `rounding.decimals`);
//! probabilities are decimal strings with 4 decimals beside the exact count of trials;
//! percentages of fees have 2 decimals.

use std::io::Write;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::engine::risk::{
    Distribution, FeeAtRisk, Figures, Frequency, PeriodAtRisk, RiskAdjustedFee, RiskReport,
};
use crate::format::format_amount;

/// One offer's risk as exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskExport {
    /// The offer.
    pub scenario: String,
    /// The contract currency.
    pub currency: String,
    /// The trials run.
    pub trials: u64,
    /// Where the draw stream started.
    pub seed: u64,
    /// History months per draw (1: the plain month bootstrap).
    pub block: u32,
    /// The draw stream: `splitmix64`.
    pub draw: &'static str,
    /// The history months drawn from, in date order ("YYYY-MM").
    pub pool: Vec<String>,
    /// The months of the term that were simulated, in date order.
    pub simulated: Vec<String>,
    /// Each contract year's distributions.
    pub contract_years: Vec<YearExport>,
    /// The term's distributions.
    pub term: FiguresExport,
    /// Each termination trigger of the offer, in its order.
    pub triggers: Vec<TriggerExport>,
    /// The trials in which any trigger fired.
    pub any_trigger: FrequencyExport,
    /// Each cap of the offer: how often it bound in each contract year.
    pub caps: Vec<CapExport>,
    /// The caps' limits beside the expected and P90 credits.
    pub fee_at_risk: FeeAtRiskExport,
    /// The monthly fee that keeps expected net revenue at today's fee.
    pub risk_adjusted_fee: AdjustedFeeExport,
}

/// Mean and percentiles (nearest rank) of one amount over the trials.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DistributionExport {
    /// The mean, rounded to the currency.
    pub mean: String,
    /// The 5th percentile.
    pub p5: String,
    /// The median.
    pub p50: String,
    /// The 90th percentile.
    pub p90: String,
    /// The 95th percentile.
    pub p95: String,
    /// The largest outcome.
    pub max: String,
}

/// Credits, bonuses, earn-back and net of a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FiguresExport {
    /// Service credits after caps, positive.
    pub credits: DistributionExport,
    /// Bonuses paid.
    pub bonuses: DistributionExport,
    /// Credits returned by earn-back.
    pub earn_back: DistributionExport,
    /// What the customer pays.
    pub net: DistributionExport,
}

/// One contract year's distributions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearExport {
    /// The contract year (1, 2, …).
    pub contract_year: u32,
    /// Its amounts.
    #[serde(flatten)]
    pub figures: FiguresExport,
}

/// How often something happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrequencyExport {
    /// The share of trials, to 4 decimals.
    pub probability: String,
    /// The trials in which it happened.
    pub trials: u64,
}

/// One termination trigger's odds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TriggerExport {
    /// The service level watched, or `credit_cap`.
    pub trigger: String,
    /// The rule, in words.
    pub rule: String,
    /// The share of trials in which it fired during the term, to 4 decimals.
    pub probability: String,
    /// The trials in which it fired.
    pub trials: u64,
}

/// One cap's odds of binding, per contract year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapExport {
    /// The cap: `at_risk_cap`, `monthly_cap`, `annual_cap`, `term_cap`, or a service level's,
    /// bonus's or charge cap's id.
    pub cap: String,
    /// Per contract year.
    pub years: Vec<CapYearExport>,
}

/// How often a cap bound in a contract year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapYearExport {
    /// The contract year.
    pub contract_year: u32,
    /// The share of trials in which it bound at least once in the year.
    pub probability: String,
    /// Those trials.
    pub trials: u64,
}

/// The fee at risk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeeAtRiskExport {
    /// Each month of the term.
    pub months: Vec<MonthAtRiskExport>,
    /// Each contract year.
    pub years: Vec<PeriodAtRiskExport>,
    /// The whole term.
    pub term: PeriodAtRiskExport,
}

/// What the regime's caps allow in a month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthAtRiskExport {
    /// "YYYY-MM".
    pub period: String,
    /// The month's fees.
    pub fees: String,
    /// The most credits the month's caps allow; null without one.
    pub most: Option<String>,
}

/// What is at risk in a contract year or the term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodAtRiskExport {
    /// The contract year; null for the term.
    pub contract_year: Option<u32>,
    /// The period's fees.
    pub fees: String,
    /// The most credits the regime's caps allow; null when uncapped.
    pub most: Option<String>,
    /// `most` as % of the fees.
    pub most_pct: Option<String>,
    /// The expected (mean) credits.
    pub expected: String,
    /// `expected` as % of the fees.
    pub expected_pct: Option<String>,
    /// The 90th percentile of credits.
    pub p90: String,
    /// `p90` as % of the fees.
    pub p90_pct: Option<String>,
}

/// The risk-adjusted fee.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdjustedFeeExport {
    /// F: the mean monthly fee over the term.
    pub fee: String,
    /// E[s]: the expected share of fees not paid for service, to 6 decimals.
    pub expected_credit_share: String,
    /// F' = F / (1 − E[s]); null when the term has no fees or the expected net is not
    /// positive.
    pub adjusted: Option<String>,
}

/// A probability with 4 decimals.
fn probability(frequency: &Frequency) -> String {
    format_amount(frequency.probability(), 4)
}

fn pct(value: Option<Decimal>) -> Option<String> {
    value.map(|v| format_amount(v, 2))
}

impl RiskExport {
    /// The export of `report`, amounts with `decimals` decimals.
    pub fn new(report: &RiskReport, decimals: u32) -> Self {
        let figures = |f: &Figures| FiguresExport::new(f, decimals);
        Self {
            scenario: report.scenario.clone(),
            currency: report.currency.clone(),
            trials: report.trials,
            seed: report.settings.seed,
            block: report.settings.block_months,
            draw: report.draw,
            pool: report.pool.iter().map(ToString::to_string).collect(),
            simulated: report.simulated.iter().map(ToString::to_string).collect(),
            contract_years: (report.contract_years.iter())
                .map(|y| YearExport {
                    contract_year: y.contract_year,
                    figures: figures(&y.figures),
                })
                .collect(),
            term: figures(&report.term),
            triggers: (report.triggers.iter())
                .map(|t| TriggerExport {
                    trigger: t.trigger.clone(),
                    rule: t.rule.clone(),
                    probability: probability(&t.fired),
                    trials: t.fired.trials,
                })
                .collect(),
            any_trigger: FrequencyExport {
                probability: probability(&report.any_trigger),
                trials: report.any_trigger.trials,
            },
            caps: (report.caps.iter())
                .map(|c| CapExport {
                    cap: c.cap.clone(),
                    years: (c.years.iter().zip(&report.contract_years))
                        .map(|(f, y)| CapYearExport {
                            contract_year: y.contract_year,
                            probability: probability(f),
                            trials: f.trials,
                        })
                        .collect(),
                })
                .collect(),
            fee_at_risk: FeeAtRiskExport::new(&report.fee_at_risk, decimals),
            risk_adjusted_fee: AdjustedFeeExport::new(&report.risk_adjusted_fee, decimals),
        }
    }

    /// Writes the export as pretty JSON (2-space indents) and a final newline.
    pub fn write_json(&self, out: &mut dyn Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        writeln!(out)
    }
}

impl DistributionExport {
    fn new(d: &Distribution, decimals: u32) -> Self {
        let a = |v| format_amount(v, decimals);
        Self {
            mean: a(d.mean),
            p5: a(d.p5),
            p50: a(d.p50),
            p90: a(d.p90),
            p95: a(d.p95),
            max: a(d.max),
        }
    }
}

impl FiguresExport {
    fn new(f: &Figures, decimals: u32) -> Self {
        Self {
            credits: DistributionExport::new(&f.credits, decimals),
            bonuses: DistributionExport::new(&f.bonuses, decimals),
            earn_back: DistributionExport::new(&f.earn_back, decimals),
            net: DistributionExport::new(&f.net, decimals),
        }
    }
}

impl PeriodAtRiskExport {
    fn new(p: &PeriodAtRisk, decimals: u32) -> Self {
        let a = |v| format_amount(v, decimals);
        Self {
            contract_year: p.contract_year,
            fees: a(p.fees),
            most: p.most.map(a),
            most_pct: pct(p.most_pct),
            expected: a(p.expected),
            expected_pct: pct(p.expected_pct),
            p90: a(p.p90),
            p90_pct: pct(p.p90_pct),
        }
    }
}

impl FeeAtRiskExport {
    fn new(f: &FeeAtRisk, decimals: u32) -> Self {
        let a = |v| format_amount(v, decimals);
        Self {
            months: (f.months.iter())
                .map(|m| MonthAtRiskExport {
                    period: m.period.to_string(),
                    fees: a(m.fees),
                    most: m.most.map(a),
                })
                .collect(),
            years: (f.years.iter())
                .map(|y| PeriodAtRiskExport::new(y, decimals))
                .collect(),
            term: PeriodAtRiskExport::new(&f.term, decimals),
        }
    }
}

impl AdjustedFeeExport {
    fn new(f: &RiskAdjustedFee, decimals: u32) -> Self {
        Self {
            fee: format_amount(f.fee, decimals),
            expected_credit_share: format_amount(f.expected_credit_share, 6),
            adjusted: f.adjusted.map(|v| format_amount(v, decimals)),
        }
    }
}
