//! Measurement: outcomes at the edges, windows, missing data, minimum samples.

use crate::common::*;
use dealbench::engine::Outcome;
use dealbench::model::*;
use rust_decimal_macros::dec;

use Direction::{HigherIsBetter, LowerIsBetter};

#[test]
fn availability_from_downtime_misses_in_30_day_months_and_meets_in_31() {
    let mut p = project("2025-04", 2);
    p.kpis.push(KpiSeries {
        id: "uptime".into(),
        name: "Uptime".into(),
        unit: "%".into(),
        data: KpiData::Downtime {
            minutes: monthly("2025-04", &[dec!(44), dec!(44)]),
        },
        projected: MonthlyValues::new(),
    });
    let s = scenario(&mut p);
    s.charges.push(fixed("platform", dec!(10000)));
    s.service_levels.push(service_level(
        "uptime",
        "uptime",
        HigherIsBetter,
        dec!(99.9),
        None,
        CreditRule::Table(vec![
            CreditStep {
                worse_than: dec!(99.9),
                credit_pct: dec!(10),
            },
            CreditStep {
                worse_than: dec!(99.0),
                credit_pct: dec!(25),
            },
            CreditStep {
                worse_than: dec!(95.0),
                credit_pct: dec!(100),
            },
        ]),
    ));
    let ledger = run(&p);
    let april = &ledger.months[0].service_levels[0];
    // April: (43,200 − 44) / 43,200 = 99.8981 % < 99.9 → 10 % of 10,000 = 1,000
    assert_eq!(april.value.unwrap().round_dp(4), dec!(99.8981));
    assert_eq!(april.outcome, Outcome::MissedTarget);
    assert_eq!(ledger.months[0].totals.credits, dec!(1000.00));
    // May: (44,640 − 44) / 44,640 = 99.9014 % → met, no credit
    assert_eq!(ledger.months[1].service_levels[0].outcome, Outcome::Met);
    assert_eq!(ledger.months[1].totals.credits, dec!(0));
}

#[test]
fn missing_data_follows_the_policy_and_excluded_months_are_excluded() {
    let mut p = project("2025-01", 3);
    add_kpi(
        &mut p,
        "kpi",
        [(ym("2025-01"), dec!(50)), (ym("2025-03"), dec!(50))].into(),
    );
    scenario(&mut p).charges.push(fixed("base", dec!(100000)));
    let mut sl = asa_fixed_pct();
    sl.excluded_months = vec![ym("2025-03")];
    scenario(&mut p).service_levels.push(sl);
    use Outcome::*;
    let policy = |p: &mut Project, policy| scenario(p).service_levels[0].missing_data = policy;
    policy(&mut p, MissingData::NoClaim);
    assert_eq!(outcomes(&p), vec![MissedMinimum, NotMeasured, Excluded]);
    assert_eq!(credits(&p), vec![dec!(5000.00), dec!(0), dec!(0)]);
    policy(&mut p, MissingData::DeemedMinimumMiss);
    assert_eq!(outcomes(&p), vec![MissedMinimum, MissedMinimum, Excluded]);
    assert_eq!(credits(&p), vec![dec!(5000.00), dec!(5000.00), dec!(0)]);
    policy(&mut p, MissingData::Excluded);
    assert_eq!(outcomes(&p), vec![MissedMinimum, Excluded, Excluded]);
}

/// Two months from 2025-01 of a CSAT KPI in % with `values` and response counts `samples`,
/// a 100,000.00 fee, and a CSAT service level: target 85 %, a minimum sample of 30 responses,
/// 1 % of charges for a miss.
fn csat_with_samples(
    values: &[rust_decimal::Decimal],
    samples: &[rust_decimal::Decimal],
) -> Project {
    let mut p = project("2025-01", 2);
    p.kpis.push(KpiSeries {
        id: "csat".into(),
        name: "CSAT".into(),
        unit: "%".into(),
        data: KpiData::Values {
            values: monthly("2025-01", values),
            samples: monthly("2025-01", samples),
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
    p
}

#[test]
fn a_month_below_the_minimum_sample_is_not_measured() {
    let p = csat_with_samples(&[dec!(70), dec!(70)], &[dec!(29), dec!(30)]);
    // 29 responses < 30: not measured; 30 is enough
    assert_eq!(
        outcomes(&p),
        vec![Outcome::NotMeasured, Outcome::MissedTarget]
    );
    assert_eq!(credits(&p), vec![dec!(0), dec!(1000.00)]);
}

#[test]
fn a_quarterly_ratio_is_summed_from_its_parts_and_assessed_in_the_last_month() {
    let mut p = project("2025-01", 3);
    p.kpis.push(KpiSeries {
        id: "abandon".into(),
        name: "Abandonment".into(),
        unit: "%".into(),
        data: KpiData::Ratio {
            numerator: monthly("2025-01", &[dec!(50), dec!(90), dec!(20)]),
            denominator: monthly("2025-01", &[dec!(1000), dec!(1000), dec!(2000)]),
            scale: dec!(100),
        },
        projected: MonthlyValues::new(),
    });
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000)));
    let mut sl = service_level(
        "abandon",
        "abandon",
        LowerIsBetter,
        dec!(5),
        None,
        CreditRule::FixedPct {
            target_miss_pct: dec!(3),
            minimum_miss_pct: dec!(3),
        },
    );
    sl.window = MeasurementWindow::Quarter;
    s.service_levels.push(sl);
    let ledger = run(&p);
    let sls: Vec<_> = ledger.months.iter().map(|m| &m.service_levels[0]).collect();
    assert_eq!(sls[0].outcome, Outcome::NotMeasured);
    assert_eq!(sls[1].outcome, Outcome::NotMeasured);
    // (50 + 90 + 20) / (1,000 + 1,000 + 2,000) × 100 = 160 / 4,000 × 100 = 4 % — met.
    // (A mean of the monthly ratios, (5 + 9 + 1) / 3 = 5 %, would wrongly be "at target".)
    assert_eq!(sls[2].value, Some(dec!(4)));
    assert_eq!(sls[2].outcome, Outcome::Met);
}

#[test]
fn rolling_and_averaged_windows() {
    let mut p = with_kpi(&[dec!(20), dec!(40), dec!(33), dec!(30)]);
    let mut sl = asa_fixed_pct();
    sl.window = MeasurementWindow::Rolling(3);
    scenario(&mut p).service_levels.push(sl);
    let values = |p: &Project| -> Vec<_> {
        run(p)
            .months
            .iter()
            .map(|m| m.service_levels[0].value.unwrap())
            .collect()
    };
    // 20; (20 + 40) / 2 = 30; (20 + 40 + 33) / 3 = 31; (40 + 33 + 30) / 3 = 34.333…
    let v = values(&p);
    assert_eq!(v[..3], [dec!(20), dec!(30), dec!(31)]);
    assert_eq!(v[3].round_dp(4), dec!(34.3333));
    scenario(&mut p).service_levels[0].window = MeasurementWindow::AveragedWithPrevious;
    // 20; 30; (40 + 33) / 2 = 36.5; (33 + 30) / 2 = 31.5
    assert_eq!(values(&p), vec![dec!(20), dec!(30), dec!(36.5), dec!(31.5)]);
}

/// A CSAT month with 0 responses is below a 30-response minimum sample: not measured, no credit.
#[test]
fn a_month_with_zero_responses_is_below_the_minimum_sample() {
    let p = csat_with_samples(&[dec!(0), dec!(70)], &[dec!(0), dec!(30)]);
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

/// Issue 10, item 8: a month with no KPI data raises one `missing_data` flag per service level,
/// naming the level and the policy applied; a month the contract excludes raises none.
#[test]
fn a_month_with_no_data_flags_the_service_level_and_its_policy() {
    let mut p = project("2025-01", 3);
    // Data in January only: February has none, March is excluded by the contract.
    add_kpi(&mut p, "kpi", [(ym("2025-01"), dec!(50))].into());
    scenario(&mut p).charges.push(fixed("base", dec!(100000)));
    let mut sl = asa_fixed_pct();
    sl.excluded_months = vec![ym("2025-03")];
    scenario(&mut p).service_levels.push(sl);
    let missing = |p: &Project| -> Vec<(YearMonth, String, String)> {
        run(p)
            .flags
            .iter()
            .filter(|f| f.kind == dealbench::engine::FlagKind::MissingData)
            .map(|f| (f.period, f.component.clone(), f.message.clone()))
            .collect()
    };
    let policy = |p: &mut Project, policy| scenario(p).service_levels[0].missing_data = policy;
    for (rule, words) in [
        (MissingData::NoClaim, "not measured, no claim possible"),
        (MissingData::DeemedMinimumMiss, "deemed a minimum miss"),
        (MissingData::Excluded, "excluded from measurement"),
    ] {
        policy(&mut p, rule);
        assert_eq!(
            missing(&p),
            vec![(
                ym("2025-02"),
                "asa".to_owned(),
                format!(
                    "No data of KPI \"kpi\" for 2025-02: asa {words} (its missing-data policy)"
                )
            )],
            "{rule:?}"
        );
    }
    // Deemed a minimum miss: 5 % of 100,000.00 = 5,000.00 in February too (the money is the
    // policy's, unchanged by the flag).
    policy(&mut p, MissingData::DeemedMinimumMiss);
    assert_eq!(credits(&p), vec![dec!(5000.00), dec!(5000.00), dec!(0)]);
}

/// Issue 10, item 9: a month below the minimum sample is not measured, so its result has no
/// value (JSON null); the value stays in the explanation.
#[test]
fn a_month_below_the_minimum_sample_has_no_value_but_says_it() {
    let p = csat_with_samples(&[dec!(100), dec!(70)], &[dec!(3), dec!(30)]);
    let ledger = run(&p);
    let january = &ledger.months[0].service_levels[0];
    // 3 responses < 30: not measured, 100 % does not count.
    assert_eq!(january.outcome, Outcome::NotMeasured);
    assert_eq!(january.value, None);
    assert_eq!(
        january.explanation,
        "csat 100%: sample of 3 is below the minimum 30, not measured"
    );
    // February: 30 responses, 70 % < 85 % → 1 % of 100,000.00 = 1,000.00.
    let february = &ledger.months[1].service_levels[0];
    assert_eq!(february.value, Some(dec!(70)));
    assert_eq!(ledger.months[1].totals.credits, dec!(1000.00));
}
