//! Review findings: each test states the contract meaning and the hand-computed money.

mod common;

use common::*;
use dealbench::engine::{FlagKind, Outcome, Stage};
use dealbench::model::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use Direction::{HigherIsBetter, LowerIsBetter};

fn asa_fixed_pct() -> ServiceLevel {
    service_level(
        "asa",
        "kpi",
        LowerIsBetter,
        dec!(30),
        Some(dec!(45)),
        CreditRule::FixedPct {
            target_miss_pct: dec!(2),
            minimum_miss_pct: dec!(5),
        },
    )
}

/// An escalation trigger (2 months) and a termination trigger (3 months) on the same service
/// level must each count the same streak; the streak must not advance once per trigger.
#[test]
fn two_triggers_on_one_service_level_share_one_streak() {
    let mut p = project("2025-01", 3);
    add_kpi(
        &mut p,
        "kpi",
        monthly("2025-01", &[dec!(50), dec!(50), dec!(50)]),
    );
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000)));
    s.service_levels.push(asa_fixed_pct());
    for k in [2, 3] {
        s.triggers
            .push(TerminationTrigger::ConsecutiveMinimumMisses {
                service_level: "asa".into(),
                months: k,
            });
    }
    let ledger = run(&p);
    let fired: Vec<_> = ledger
        .flags
        .iter()
        .filter(|f| f.kind == FlagKind::TerminationTrigger)
        .map(|f| f.period)
        .collect();
    // 50 > 45 in Jan, Feb, Mar: 2 running at the end of Feb, 3 running at the end of Mar
    assert_eq!(fired, vec![ym("2025-02"), ym("2025-03")]);
}

/// A CSAT month with 0 responses is below a 30-response minimum sample: not measured, no credit.
#[test]
fn a_month_with_zero_responses_is_below_the_minimum_sample() {
    let mut p = project("2025-01", 2);
    p.kpis.push(KpiSeries {
        id: "csat".into(),
        name: "CSAT".into(),
        unit: "%".into(),
        data: KpiData::Values {
            values: monthly("2025-01", &[dec!(0), dec!(70)]),
            samples: monthly("2025-01", &[dec!(0), dec!(30)]),
        },
        projected: MonthlyValues::new(),
    });
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000)));
    let mut sl = service_level(
        "csat",
        "csat",
        HigherIsBetter,
        dec!(85),
        None,
        CreditRule::FixedPct {
            target_miss_pct: dec!(1),
            minimum_miss_pct: dec!(1),
        },
    );
    sl.minimum_sample = Some(dec!(30));
    s.service_levels.push(sl);
    let ledger = run(&p);
    let outcomes: Vec<_> = ledger
        .months
        .iter()
        .map(|m| m.service_levels[0].outcome)
        .collect();
    // Jan: 0 responses < 30 → not measured; Feb: 30 responses, 70 < 85 → 1 % of 100,000.00
    assert_eq!(outcomes, vec![Outcome::NotMeasured, Outcome::MissedTarget]);
    let credits: Vec<_> = ledger.months.iter().map(|m| m.totals.credits).collect();
    assert_eq!(credits, vec![dec!(0), dec!(1000.00)]);
}

fn spend_minimum(id: &str, period: CommitmentPeriod, amount: Decimal) -> MinimumCommitment {
    MinimumCommitment {
        id: id.into(),
        name: id.into(),
        period,
        basis: CommitmentBasis::Spend {
            amount,
            applies_to: ChargeScope::AllCharges,
        },
        shortfall_pct: dec!(100),
    }
}

/// An annual take-or-pay counts the year's base charges and adjustments; it must not count the
/// last month's monthly-minimum shortfall (and not the other eleven), nor depend on the order
/// the commitments are listed in.
#[test]
fn an_annual_minimum_does_not_count_the_last_months_monthly_shortfall() {
    for annual_first in [false, true] {
        let mut p = project("2025-01", 12);
        let s = scenario(&mut p);
        s.charges.push(fixed("base", dec!(800)));
        let monthly_min = spend_minimum("monthly_min", CommitmentPeriod::Monthly, dec!(1000));
        let annual_min = spend_minimum("annual_min", CommitmentPeriod::Annual, dec!(12000));
        if annual_first {
            s.minimums.extend([annual_min, monthly_min]);
        } else {
            s.minimums.extend([monthly_min, annual_min]);
        }
        let ledger = run(&p);
        let annual: Decimal = lines_at(&ledger, 11, Stage::Minimum)
            .iter()
            .filter(|l| l.component == "annual_min")
            .map(|l| l.amount)
            .sum();
        // monthly: 1,000 − 800 = 200 each month; annual: 12,000 − 12 × 800 = 2,400
        assert_eq!(annual, dec!(2400.00), "annual listed first: {annual_first}");
        assert_eq!(sum_at(&ledger, 11, Stage::Minimum), dec!(2600.00));
    }
}

/// A contract starting in February measured per calendar quarter: the first quarter is the stub
/// February–March. January is before the contract and must not count against the provider.
#[test]
fn a_quarter_at_the_start_of_the_term_ignores_months_before_the_contract() {
    let mut p = project("2025-02", 2);
    add_kpi(
        &mut p,
        "kpi",
        monthly("2025-01", &[dec!(50), dec!(100), dec!(100)]),
    );
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000)));
    let mut sl = service_level(
        "avail",
        "kpi",
        HigherIsBetter,
        dec!(90),
        None,
        CreditRule::FixedPct {
            target_miss_pct: dec!(5),
            minimum_miss_pct: dec!(5),
        },
    );
    sl.window = MeasurementWindow::Quarter;
    s.service_levels.push(sl);
    let ledger = run(&p);
    // March: (100 + 100) / 2 = 100 ≥ 90, met; with January it would be 250 / 3 = 83.33, a
    // 5,000.00 credit for a month the provider was not under contract
    assert_eq!(ledger.months[1].service_levels[0].value, Some(dec!(100)));
    assert_eq!(ledger.months[1].service_levels[0].outcome, Outcome::Met);
    assert_eq!(ledger.totals.credits, dec!(0));
}

/// Same for a rolling window in the first months of the term.
#[test]
fn a_rolling_window_at_the_start_of_the_term_ignores_months_before_the_contract() {
    let mut p = project("2025-03", 1);
    add_kpi(
        &mut p,
        "kpi",
        monthly("2025-01", &[dec!(10), dec!(10), dec!(100)]),
    );
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000)));
    let mut sl = service_level(
        "avail",
        "kpi",
        HigherIsBetter,
        dec!(90),
        None,
        CreditRule::FixedPct {
            target_miss_pct: dec!(5),
            minimum_miss_pct: dec!(5),
        },
    );
    sl.window = MeasurementWindow::Rolling(3);
    s.service_levels.push(sl);
    let ledger = run(&p);
    // only March is in the term: 100 ≥ 90 (with Jan and Feb: 120 / 3 = 40, a 5,000.00 credit)
    assert_eq!(ledger.months[0].service_levels[0].value, Some(dec!(100)));
    assert_eq!(ledger.totals.credits, dec!(0));
}

/// A new deal priced on forecasts only: a KPI with no history under "hold at target" is met, and
/// a volume with no history but an explicit forecast is billed on that forecast.
#[test]
fn a_project_without_history_uses_its_projection() {
    let mut p = project("2025-01", 2);
    add_kpi(&mut p, "kpi", MonthlyValues::new());
    p.projection.kpi = KpiAssumption::HoldAtTarget;
    add_volume(&mut p, "calls", MonthlyValues::new());
    p.volumes[0].forecast = VolumeForecast::Explicit(monthly("2025-01", &[dec!(1000), dec!(2000)]));
    let s = scenario(&mut p);
    s.charges.push(Charge {
        id: "calls".into(),
        name: "calls".into(),
        pricing: Pricing::UnitRates {
            rates: vec![UnitRate {
                class: "standard".into(),
                volume: "calls".into(),
                rate: dec!(2.50),
            }],
        },
    });
    let mut sl = asa_fixed_pct();
    sl.missing_data = MissingData::DeemedMinimumMiss;
    s.service_levels.push(sl);
    let ledger = run(&p);
    // 1,000 × 2.50 = 2,500.00 and 2,000 × 2.50 = 5,000.00; ASA held at its 30 s target: met
    assert_eq!(ledger.months[0].totals.charges, dec!(2500.00));
    assert_eq!(ledger.months[1].totals.charges, dec!(5000.00));
    assert_eq!(ledger.months[0].service_levels[0].outcome, Outcome::Met);
    assert_eq!(ledger.totals.credits, dec!(0));
    assert!(ledger.flags.iter().all(|f| f.kind != FlagKind::MissingData));
}

/// Continuous improvement on a quarterly service level: four quarters met at 96 against 90 is a
/// year above target; halfway to the average moves the target to 93.
#[test]
fn continuous_improvement_applies_to_a_quarterly_service_level() {
    let mut p = project("2025-01", 13);
    add_kpi(&mut p, "kpi", monthly("2025-01", &[dec!(96); 13]));
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000)));
    let mut sl = service_level(
        "avail",
        "kpi",
        HigherIsBetter,
        dec!(90),
        None,
        CreditRule::FixedPct {
            target_miss_pct: dec!(5),
            minimum_miss_pct: dec!(5),
        },
    );
    sl.window = MeasurementWindow::Quarter;
    sl.improvement = Some(ContinuousImprovement {
        share_pct: dec!(50),
    });
    s.service_levels.push(sl);
    let ledger = run(&p);
    // quarters Mar, Jun, Sep, Dec 2025 all 96: 90 + (96 − 90) × 50 % = 93 from 2026-01
    assert_eq!(ledger.months[12].service_levels[0].target, dec!(93));
}

/// A bonus cut by its annual cap: the line's `exact` is the amount before rounding, so it must
/// be the capped amount, not the uncapped one.
#[test]
fn a_capped_bonus_line_keeps_exact_and_amount_together() {
    let mut p = project("2025-01", 2);
    add_kpi(&mut p, "kpi", monthly("2025-01", &[dec!(20), dec!(20)]));
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000)));
    s.service_levels.push(asa_fixed_pct());
    s.bonuses.push(Bonus {
        id: "bonus".into(),
        name: "bonus".into(),
        service_level: "asa".into(),
        threshold: dec!(25),
        amount: Rate::Amount(dec!(1000)),
        base: ChargeScope::AllCharges,
        gated_by: Vec::new(),
        annual_cap: Some(Limit::Amount(dec!(1500))),
    });
    let ledger = run(&p);
    // Jan 1,000.00; Feb 1,000.00 limited to the 500.00 left under the 1,500.00 cap
    let feb = lines_at(&ledger, 1, Stage::Bonus);
    assert_eq!(feb[0].amount, dec!(500.00));
    assert_eq!(feb[0].exact, dec!(500.00));
}

/// A credit that the annual cap gave back in full leaves nothing to earn back: no 0.00 entry in
/// the earn-back ledger and no "credit of 0.00 is earned back" line.
#[test]
fn a_credit_fully_given_back_by_a_cap_has_nothing_to_earn_back() {
    let mut p = project("2025-01", 3);
    add_kpi(
        &mut p,
        "kpi",
        monthly("2025-01", &[dec!(50), dec!(35), dec!(20)]),
    );
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000)));
    let mut sl = asa_fixed_pct();
    sl.earn_back = Some(EarnBack {
        window_months: 1,
        floor: None,
    });
    s.service_levels.push(sl);
    s.credit_regime.annual_cap = Some(Limit::Amount(dec!(5000)));
    let ledger = run(&p);
    // Jan: 50 > 45, 5 % = 5,000.00, the whole annual cap; Feb: 35 > 30, 2 % = 2,000.00, all
    // given back (0 left), so 0.00 is credited; Mar: met, but there is nothing to return.
    assert_eq!(ledger.months[1].totals.credits, dec!(0));
    assert!(lines_at(&ledger, 2, Stage::EarnBack).is_empty());
    assert!(ledger.earn_back.iter().all(|e| e.amount > Decimal::ZERO));
    assert_eq!(ledger.earn_back.len(), 1);
}
