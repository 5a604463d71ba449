//! Offers compared: the one place that sums a ledger over a span of months, discounts it to a
//! net present value, and names the cheapest offer and each offer's gap to it.
//!
//! The export (`dealbench compare`), the offers chart and the status bar all read these, so an
//! offer's total, NPV and gap are the same number wherever they are shown. Reading: "cheapest"
//! is the lowest net over the term (what the customer pays, credits and bonuses included), and
//! only a unique lowest is named — with two offers tied there is no cheapest and no gaps.

use rust_decimal::Decimal;
use rust_decimal::prelude::MathematicalOps;

use super::{Ledger, MonthLedger, PeriodTotals, Rounder, Totals, evaluate};
use crate::model::{Project, YearMonth};

/// The totals of `months`, added in order: what a span of a ledger costs.
pub fn totals_over<'a>(months: impl IntoIterator<Item = &'a MonthLedger>) -> Totals {
    let mut totals = Totals::default();
    for month in months {
        totals.add(&month.totals);
    }
    totals
}

/// The totals of `ledger` from `from` to `to` (either bound optional, both inclusive).
pub fn totals_between(ledger: &Ledger, from: Option<YearMonth>, to: Option<YearMonth>) -> Totals {
    totals_over(ledger.months_between(from, to))
}

/// The totals of each contract year of `months` (a term's months, in order).
pub fn contract_years(months: &[MonthLedger]) -> Vec<PeriodTotals> {
    let mut years: Vec<PeriodTotals> = Vec::new();
    for month in months {
        match years.last_mut() {
            Some(year) if year.contract_year == month.contract_year => {
                year.last = month.period;
                year.totals.add(&month.totals);
            }
            _ => years.push(PeriodTotals {
                contract_year: month.contract_year,
                first: month.period,
                last: month.period,
                totals: month.totals,
            }),
        }
    }
    years
}

/// The running total of `ledger`'s monthly nets: what the customer has paid by each month.
pub fn cumulative_net(ledger: &Ledger) -> Vec<(YearMonth, Decimal)> {
    let mut total = Decimal::ZERO;
    ledger
        .months
        .iter()
        .map(|m| {
            total += m.totals.net;
            (m.period, total)
        })
        .collect()
}

/// The net present value of the ledger's monthly nets at the project's annual discount rate:
/// month n of the term (1-based) is discounted by (1 + rate)^(n / 12), as if paid at its end.
/// Rounded by the project's rule.
pub fn npv(project: &Project, ledger: &Ledger) -> Decimal {
    let rounder = Rounder::new(project.rounding);
    let yearly = Decimal::ONE + project.discount_rate_pct / Decimal::ONE_HUNDRED;
    let monthly = if project.discount_rate_pct.is_zero() {
        Decimal::ONE
    } else {
        yearly.powd(Decimal::ONE / Decimal::from(12))
    };
    let mut discount = Decimal::ONE;
    let mut total = Decimal::ZERO;
    for month in &ledger.months {
        // A high rate over a long term (100 % a year for 100 years: 2^100) takes the discount
        // factor past Decimal's range; every later month is worth nothing today to the
        // precision Decimal keeps, so the sum stops there instead of overflowing.
        let Some(next) = discount.checked_mul(monthly) else {
            break;
        };
        discount = next;
        let present = month.totals.net.checked_div(discount).unwrap_or_default();
        total = total.saturating_add(present);
    }
    rounder.round(total)
}

/// One offer in a comparison: what it costs over the term.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferSummary {
    /// The scenario (offer) name.
    pub scenario: String,
    /// Its totals over the whole term.
    pub totals: Totals,
    /// The net present value of its monthly nets at the project's discount rate.
    pub npv: Decimal,
    /// How much more its net over the term is than the cheapest offer's: zero for the
    /// cheapest, `None` when no single offer is cheapest.
    pub gap_to_cheapest: Option<Decimal>,
}

/// Every offer of a project side by side, in project order.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// One summary per offer.
    pub offers: Vec<OfferSummary>,
    /// The index in `offers` of the offer with the lowest net over the term, when exactly one
    /// is lowest.
    pub cheapest: Option<usize>,
}

impl Comparison {
    /// Compares `ledgers` (one per offer of `project`, as [`super::evaluate_all`] makes them).
    pub fn new(project: &Project, ledgers: &[Ledger]) -> Self {
        let cheapest = cheapest(ledgers);
        let lowest = cheapest.map(|c| ledgers[c].totals.net);
        let offers = ledgers
            .iter()
            .map(|ledger| OfferSummary {
                scenario: ledger.scenario.clone(),
                totals: ledger.totals,
                npv: npv(project, ledger),
                gap_to_cheapest: lowest.map(|lowest| ledger.totals.net - lowest),
            })
            .collect();
        Self { offers, cheapest }
    }

    /// Evaluates every offer of `project` and compares them.
    pub fn of_project(project: &Project) -> Self {
        let ledgers: Vec<Ledger> = project
            .scenarios
            .iter()
            .map(|s| evaluate(project, s))
            .collect();
        Self::new(project, &ledgers)
    }

    /// The cheapest offer, when exactly one is cheapest.
    pub fn cheapest_offer(&self) -> Option<&OfferSummary> {
        self.offers.get(self.cheapest?)
    }
}

/// The index of the ledger with the lowest net over the term, when exactly one is lowest.
fn cheapest(ledgers: &[Ledger]) -> Option<usize> {
    let lowest = ledgers.iter().map(|l| l.totals.net).min()?;
    let mut at = ledgers
        .iter()
        .enumerate()
        .filter(|(_, l)| l.totals.net == lowest);
    let (i, _) = at.next()?;
    at.next().is_none().then_some(i)
}

/// The period amounts are shown for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// One billing month.
    Month(YearMonth),
    /// One contract year (1, 2, …).
    Year(u32),
    /// The whole term.
    Term,
}

impl Period {
    /// The period in words: "2025-04", "Contract year 2", "Whole term".
    pub fn label(self) -> String {
        match self {
            Period::Month(m) => m.to_string(),
            Period::Year(y) => format!("Contract year {y}"),
            Period::Term => "Whole term".into(),
        }
    }

    /// The periods to choose from, with their names in the pickers: "Month" (the one shown,
    /// else the last month of history), each contract year, the whole term.
    pub fn choices(self, project: &Project) -> Vec<(Period, String)> {
        let month = match self {
            Period::Month(m) => m,
            _ => project.history_end().unwrap_or(project.start),
        };
        let years = project.term_months.div_ceil(12).max(1);
        let mut all = vec![(Period::Month(month), "Month".to_owned())];
        all.extend((1..=years).map(|y| (Period::Year(y), Period::Year(y).label())));
        all.push((Period::Term, Period::Term.label()));
        all
    }

    /// Whether `self` is the choice `other` (any month is the choice "Month").
    pub fn is_choice(self, other: Period) -> bool {
        match (self, other) {
            (Period::Month(_), Period::Month(_)) => true,
            (a, b) => a == b,
        }
    }

    /// Whether month `m` of contract year `year` falls in the period.
    pub fn contains(self, m: YearMonth, year: u32) -> bool {
        match self {
            Period::Month(p) => p == m,
            Period::Year(y) => y == year,
            Period::Term => true,
        }
    }

    /// The totals of `ledger` over the period.
    pub fn totals(self, ledger: &Ledger) -> Totals {
        let months = ledger.months.iter();
        totals_over(months.filter(|m| self.contains(m.period, m.contract_year)))
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::model::{Charge, Pricing, Scenario};

    fn ym(text: &str) -> YearMonth {
        text.parse().expect("a month")
    }

    /// A 3-month project from 2025-01 with one offer per fixed monthly fee, at 0 % discount.
    fn project(fees: &[(&str, Decimal)]) -> Project {
        let mut p = Project::new_blank(ym("2025-01"));
        p.term_months = 3;
        p.discount_rate_pct = Decimal::ZERO;
        p.scenarios = fees
            .iter()
            .map(|(name, monthly)| {
                let mut s = Scenario::new(name);
                s.charges.push(Charge {
                    id: "base".into(),
                    name: "Base".into(),
                    pricing: Pricing::Fixed { monthly: *monthly },
                });
                s
            })
            .collect();
        p
    }

    #[test]
    fn totals_over_a_span_add_its_months_only() {
        let p = project(&[("A", dec!(1000.10))]);
        let ledger = evaluate(&p, &p.scenarios[0]);
        // Feb + Mar = 2 × 1,000.10 = 2,000.20; from Feb on is the same; Jan alone 1,000.10.
        let span = totals_between(&ledger, Some(ym("2025-02")), Some(ym("2025-03")));
        assert_eq!(span.net, dec!(2000.20));
        assert_eq!(span.charges, dec!(2000.20));
        assert_eq!(
            totals_between(&ledger, Some(ym("2025-02")), None).net,
            dec!(2000.20)
        );
        assert_eq!(
            totals_between(&ledger, None, Some(ym("2025-01"))).net,
            dec!(1000.10)
        );
        // The whole term: 3 × 1,000.10 = 3,000.30, as the ledger's own totals say.
        assert_eq!(totals_over(&ledger.months), ledger.totals);
        assert_eq!(ledger.totals.net, dec!(3000.30));
    }

    #[test]
    fn cumulative_net_runs_month_by_month() {
        let p = project(&[("A", dec!(1000))]);
        let ledger = evaluate(&p, &p.scenarios[0]);
        // 1,000; 1,000 + 1,000 = 2,000; 3,000.
        assert_eq!(
            cumulative_net(&ledger),
            vec![
                (ym("2025-01"), dec!(1000)),
                (ym("2025-02"), dec!(2000)),
                (ym("2025-03"), dec!(3000)),
            ]
        );
    }

    #[test]
    fn the_cheapest_offer_and_each_gap_to_it() {
        // Over 3 months: A 3 × 1,000 = 3,000; B 3 × 900 = 2,700; C 3 × 950 = 2,850.
        let p = project(&[("A", dec!(1000)), ("B", dec!(900)), ("C", dec!(950))]);
        let c = Comparison::of_project(&p);
        assert_eq!(c.cheapest, Some(1));
        assert_eq!(c.cheapest_offer().map(|o| o.scenario.as_str()), Some("B"));
        let gaps: Vec<_> = c.offers.iter().map(|o| o.gap_to_cheapest).collect();
        // A − B = 3,000 − 2,700 = 300; B − B = 0; C − B = 2,850 − 2,700 = 150.
        assert_eq!(gaps, vec![Some(dec!(300)), Some(dec!(0)), Some(dec!(150))]);
        // At 0 % the NPV is the plain net.
        assert_eq!(c.offers[0].npv, dec!(3000.00));
        assert_eq!(c.offers[2].totals.net, dec!(2850));
    }

    #[test]
    fn a_tie_for_cheapest_names_no_cheapest_and_no_gaps() {
        // A and B both 3 × 900 = 2,700; C 3,000.
        let p = project(&[("A", dec!(900)), ("B", dec!(900)), ("C", dec!(1000))]);
        let c = Comparison::of_project(&p);
        assert_eq!(c.cheapest, None);
        assert!(c.cheapest_offer().is_none());
        assert!(c.offers.iter().all(|o| o.gap_to_cheapest.is_none()));
        assert_eq!(Comparison::new(&p, &[]).cheapest, None);
    }

    #[test]
    fn npv_discounts_each_month_from_its_end() {
        // 3 × 1,000 at 12 % a year: q = 1.12^(1/12) = 1.0094887929;
        // 1,000/q + 1,000/q² + 1,000/q³ = 990.60040 + 981.28915 + 972.06542 = 2,943.95497 → 2,943.95.
        let mut p = project(&[("A", dec!(1000))]);
        p.discount_rate_pct = dec!(12);
        let ledger = evaluate(&p, &p.scenarios[0]);
        assert_eq!(npv(&p, &ledger), dec!(2943.95));
        assert_eq!(Comparison::new(&p, &[ledger]).offers[0].npv, dec!(2943.95));
    }
}
