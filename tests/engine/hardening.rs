//! Issue 9: no panic from data. Each project below once crashed `eval`, `compare` or the app
//! (a `rust_decimal` overflow, a runaway allocation) while `check` accepted it. Now validation
//! refuses it with a message naming the term, and the engine evaluates it anyway without a
//! panic (the app evaluates while the user types, before anything is validated).

use crate::common::*;
use dealbench::engine::compare::Comparison;
use dealbench::engine::{evaluate, npv};
use dealbench::model::limits::*;
use dealbench::model::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// The problems validation reports for `p`, as text; fails when there is none containing
/// `expected`.
fn refused(p: &Project, expected: &str) {
    let problems: Vec<String> = validate(p).iter().map(ToString::to_string).collect();
    assert!(
        problems.iter().any(|m| m.contains(expected)),
        "expected a problem containing {expected:?}, got {problems:#?}"
    );
}

/// Evaluates every offer and compares them: must return, whatever the data.
fn evaluates(p: &Project) {
    let ledgers: Vec<_> = p.scenarios.iter().map(|s| evaluate(p, s)).collect();
    for ledger in &ledgers {
        npv(p, ledger);
    }
    Comparison::new(p, &ledgers);
}

fn unit_rated(volume: Decimal, rate: Decimal, growth: Decimal, term: u32) -> Project {
    let mut p = project("2025-01", term);
    add_volume(&mut p, "calls", monthly("2025-01", &[volume]));
    p.volumes[0].forecast = VolumeForecast::Growth { annual_pct: growth };
    scenario(&mut p).charges.push(Charge {
        id: "calls".into(),
        name: "calls".into(),
        pricing: Pricing::UnitRates {
            rates: vec![UnitRate {
                class: "all".into(),
                volume: "calls".into(),
                rate,
            }],
        },
    });
    p
}

#[test]
fn a_huge_fee_is_refused_and_still_evaluates() {
    let mut p = project("2025-01", 12);
    scenario(&mut p).charges.push(fixed("base", Decimal::MAX));
    refused(&p, "beyond the largest allowed, 1000000000000");
    evaluates(&p);
}

#[test]
fn a_huge_rate_times_a_huge_volume_is_refused_and_still_evaluates() {
    let p = unit_rated(dec!(1e27), dec!(1e27), dec!(0), 12);
    refused(
        &p,
        "the volume of 2025-01 is 1000000000000000000000000000, outside the range 0 to 1000000000",
    );
    refused(&p, "beyond the largest allowed, 1000000");
    evaluates(&p);
}

#[test]
fn growth_of_100_pct_a_year_for_100_years_is_refused_naming_the_growth() {
    // 1,000 calls doubled 99 times is about 6.3 × 10^32: past Decimal's range, far past 10^9.
    let p = unit_rated(dec!(1000), dec!(1), dec!(100), 1200);
    refused(
        &p,
        "a growth of 100 % a year for 100 years takes 1000 past the largest value allowed, 1000000000",
    );
    evaluates(&p);
}

#[test]
fn growth_of_minus_1000_pct_is_refused_and_bills_no_negative_volume() {
    let p = unit_rated(dec!(1000), dec!(1), dec!(-1000), 36);
    refused(
        &p,
        "a growth of -1000 % a year is outside the range above -100",
    );
    evaluates(&p);
}

#[test]
fn a_1000_pct_discount_rate_over_30_years_is_refused_and_npv_still_returns() {
    let mut p = project("2025-01", 360);
    p.discount_rate_pct = dec!(1000);
    scenario(&mut p).charges.push(fixed("base", dec!(1000)));
    refused(&p, "discount_rate_pct is 1000, above 100 % a year");
    evaluates(&p);
    // Within the bound, 100 % a year over 100 years still discounts to a finite number:
    // the factor 2^(1200/12) = 1.27 × 10^30 is past Decimal's range, so later months add 0.
    p.discount_rate_pct = dec!(100);
    p.term_months = 1200;
    assert_eq!(validate(&p), vec![]);
    let ledger = evaluate(&p, &p.scenarios[0]);
    // 1,000 / q^k summed over k = 1, 2, … with q = 2^(1/12) = 1.0594631: about
    // 1,000 / (q − 1) = 1,000 / 0.0594631 = 16,817.2 (the months after the factor overflows
    // add less than a cent each).
    let value = npv(&p, &ledger);
    assert!(value > dec!(16817) && value < dec!(16818), "{value}");
}

#[test]
fn a_start_in_9999_12_is_refused_and_still_evaluates() {
    let mut p = project("9999-12", 24);
    scenario(&mut p).charges.push(fixed("base", dec!(1000)));
    refused(&p, "the start 9999-12 is outside the years 1900 to 2200");
    evaluates(&p);
}

#[test]
fn a_term_of_2_pow_31_minus_1_or_u32_max_months_is_refused_and_evaluation_stays_small() {
    for term in [i32::MAX as u32, u32::MAX] {
        let mut p = project("2025-01", term);
        scenario(&mut p).charges.push(fixed("base", dec!(1000)));
        refused(
            &p,
            &format!("term_months is {term}, longer than 1200 months (100 years)"),
        );
        // Not billed at all (never 2^31 months): no months, the problem as a flag.
        let ledger = evaluate(&p, &p.scenarios[0]);
        assert!(ledger.months.is_empty());
        assert_eq!(
            ledger.flags[0].kind,
            dealbench::engine::FlagKind::OutOfRange
        );
        assert!(ledger.flags[0].message.contains("longer than 1200 months"));
    }
}

#[test]
fn a_rolling_window_of_2_pow_31_minus_1_months_is_refused_and_evaluates_quickly() {
    let mut p = with_kpi(&[dec!(20), dec!(40), dec!(25)]);
    let mut sl = asa_fixed_pct();
    sl.window = MeasurementWindow::Rolling(i32::MAX as u32);
    scenario(&mut p).service_levels.push(sl);
    refused(
        &p,
        "rolling window of 2147483647 months is longer than the longest term (1200 months",
    );
    evaluates(&p);
}

#[test]
fn a_huge_downtime_a_huge_ratio_and_a_huge_weighted_kpi_are_refused_and_evaluate() {
    let mut p = with_kpi(&[dec!(20)]);
    p.kpis[0].data = KpiData::Values {
        values: monthly("2025-01", &[dec!(1e27)]),
        samples: monthly("2025-01", &[dec!(1e27)]),
    };
    p.kpis.push(KpiSeries {
        id: "up".into(),
        name: "up".into(),
        unit: "%".into(),
        data: KpiData::Downtime {
            minutes: monthly("2025-01", &[Decimal::MAX]),
        },
        projected: MonthlyValues::new(),
    });
    p.kpis.push(KpiSeries {
        id: "abandon".into(),
        name: "abandon".into(),
        unit: "%".into(),
        data: KpiData::Ratio {
            numerator: monthly("2025-01", &[Decimal::MAX]),
            denominator: monthly("2025-01", &[dec!(0.0000001)]),
            scale: dec!(100),
        },
        projected: MonthlyValues::new(),
    });
    let mut quarter = asa_fixed_pct();
    quarter.window = MeasurementWindow::Rolling(1);
    for (id, kpi) in [("asa", "kpi"), ("up", "up"), ("abandon", "abandon")] {
        let mut sl = quarter.clone();
        sl.id = id.into();
        sl.kpi = kpi.into();
        scenario(&mut p).service_levels.push(sl);
    }
    refused(
        &p,
        "KPI \"kpi\": the value of 2025-01 is 1000000000000000000000000000",
    );
    refused(&p, "the sample size of 2025-01");
    refused(&p, "the downtime of 2025-01");
    refused(&p, "the numerator of 2025-01");
    evaluates(&p);
}

#[test]
fn a_tier_product_past_the_range_is_refused_and_evaluates() {
    let mut p = project("2025-01", 12);
    add_volume(&mut p, "calls", monthly("2025-01", &[dec!(1e20)]));
    scenario(&mut p).charges.push(Charge {
        id: "tiers".into(),
        name: "tiers".into(),
        pricing: Pricing::Tiered {
            volume: "calls".into(),
            mode: TierMode::Graduated,
            bands: vec![TierBand {
                from: dec!(0),
                to: None,
                rate: dec!(1e20),
                flat_fee: dec!(0),
            }],
        },
    });
    refused(&p, "beyond the largest allowed, 1000000");
    evaluates(&p);
}

#[test]
fn negative_sample_sizes_and_29_rounding_decimals_are_refused() {
    let mut p = with_kpi(&[dec!(20)]);
    p.kpis[0].data = KpiData::Values {
        values: monthly("2025-01", &[dec!(20)]),
        samples: monthly("2025-01", &[dec!(-5)]),
    };
    p.rounding.decimals = 29;
    scenario(&mut p).service_levels.push(asa_fixed_pct());
    refused(
        &p,
        "the sample size of 2025-01 is -5, outside the range 0 to 1000000000",
    );
    refused(&p, "rounding to 29 decimals is more than 6");
    evaluates(&p);
}

#[test]
fn a_weighted_kpi_and_huge_index_values_at_the_bounds_evaluate() {
    // Every bound at once is still a project the engine evaluates without overflow.
    let mut p = unit_rated(MAX_VOLUME, MAX_UNIT_RATE, dec!(0), 1200);
    p.indices.push(IndexSeries {
        id: "cpi".into(),
        name: "cpi".into(),
        values: monthly("2024-01", &[MIN_INDEX_VALUE]),
        forecast_annual_pct: dec!(0),
    });
    p.indices[0].values.insert(ym("2025-01"), MAX_INDEX_VALUE);
    scenario(&mut p).indexation = vec![Indexation {
        index: "cpi".into(),
        lag_months: 0,
        indexed_share_pct: dec!(100),
        floor_pct: None,
        cap_pct: None,
        productivity_pct: dec!(0),
        productivity: ProductivityCombination::default(),
        applies_to: ChargeScope::AllCharges,
        method: IndexationMethod::Line,
    }];
    assert_eq!(validate(&p), vec![]);
    evaluates(&p);
}

/// Every sample, as the engine sees it.
fn samples() -> Vec<Project> {
    ["cloud_service", "contact_centre", "it_outsourcing"]
        .iter()
        .map(|name| {
            let path = format!("{}/samples/{name}.ron", env!("CARGO_MANIFEST_DIR"));
            dealbench::io::project::load(std::path::Path::new(&path)).unwrap()
        })
        .collect()
}

/// One of the extremes of a term's range, or a point in it, chosen by `pick`.
fn extreme(pick: u8, max: Decimal) -> Decimal {
    match pick % 4 {
        0 => max,
        1 => Decimal::ZERO,
        2 => max / dec!(7),
        _ => dec!(0.000001),
    }
}

/// `p` with every numeric term of every offer set to an extreme of `picks` (cycled), the term,
/// growth and discount rate set from `setting`.
fn pushed_to_extremes(mut p: Project, picks: &[u8], setting: (u32, i64, u32)) -> Project {
    let (term, growth, discount) = setting;
    p.term_months = term;
    p.discount_rate_pct = Decimal::from(discount);
    for v in &mut p.volumes {
        if let VolumeForecast::Growth { annual_pct } = &mut v.forecast {
            *annual_pct = Decimal::from(growth);
        }
    }
    let mut picks = picks.iter().cycle();
    for i in 0..p.scenarios.len() {
        let mut s = p.scenarios[i].clone();
        for t in terms::numeric_terms(&p, &s) {
            let max = match t.unit {
                terms::Unit::Money => MAX_AMOUNT,
                terms::Unit::MoneyPerUnit => MAX_UNIT_RATE,
                terms::Unit::Percent => MAX_SHARE_PCT,
                terms::Unit::Volume => MAX_VOLUME,
                _ => continue,
            };
            let value = extreme(*picks.next().unwrap_or(&0), max);
            let _ = terms::set_value(&p, &mut s, &t.path, value);
        }
        p.scenarios[i] = s;
    }
    p
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    #[test]
    fn evaluate_never_panics_on_samples_pushed_to_the_extremes_of_their_ranges(
        sample in 0usize..3,
        picks in proptest::collection::vec(0u8..4, 1..40),
        term in 1u32..=1200,
        growth in -99i64..=100,
        discount in 0u32..=100,
    ) {
        let p = pushed_to_extremes(samples().swap_remove(sample), &picks, (term, growth, discount));
        // Valid or not (a growth past the range over a long term is refused), it evaluates.
        evaluates(&p);
    }

    #[test]
    fn evaluate_never_panics_on_arbitrary_numbers(
        sample in 0usize..3,
        raw in proptest::collection::vec((proptest::num::i64::ANY, 0u32..28), 1..40),
        term in proptest::num::u32::ANY,
    ) {
        let mut p = samples().swap_remove(sample);
        p.term_months = term;
        let mut raw = raw.iter().cycle();
        for i in 0..p.scenarios.len() {
            let mut s = p.scenarios[i].clone();
            for t in terms::numeric_terms(&p, &s) {
                let (n, scale) = raw.next().unwrap();
                let value = Decimal::new(*n, *scale).checked_mul(Decimal::from(u32::MAX)).unwrap_or(Decimal::MAX);
                let _ = terms::set_value(&p, &mut s, &t.path, value);
            }
            p.scenarios[i] = s;
        }
        evaluates(&p);
    }
}

#[test]
fn an_indexation_compounding_past_its_bound_is_refused_not_billed() {
    // it_outsourcing's offers index by CPI with a floor and a cap; at 100 % both, charges
    // double every contract year: 2^40 ≈ 1.1 × 10^12 by year 41 of a 481-month term, past
    // MAX_INDEX_FACTOR (1,000), which year 11 already passes (2^10 = 1,024).
    let mut p = samples().swap_remove(2);
    p.term_months = 481;
    for s in &mut p.scenarios {
        let ix = s.indexation.first_mut().unwrap();
        ix.floor_pct = Some(dec!(100));
        ix.cap_pct = Some(dec!(100));
        ix.indexed_share_pct = dec!(100);
        ix.productivity_pct = Decimal::ZERO;
    }
    evaluates(&p);
    let ledger = evaluate(&p, &p.scenarios[0]);
    assert!(ledger.months.is_empty());
    assert_eq!(ledger.flags.len(), 1);
    assert_eq!(
        ledger.flags[0].kind,
        dealbench::engine::FlagKind::OutOfRange
    );
    assert_eq!(
        ledger.flags[0].message,
        "the indexation multiplies charges by 1,024 by contract year 11, more than the 1000 times a contract may reach; check the index series and the floor and cap"
    );
    // The risk simulation refuses it as well (its fast path would bill the same charges).
    let settings = RiskSettings {
        trials: 2,
        ..RiskSettings::default()
    };
    let refused = dealbench::engine::risk::Simulation::new(&p, &p.scenarios[0], settings);
    assert!(matches!(
        refused,
        Err(dealbench::engine::risk::RiskError::OutOfRange(_))
    ));
    // The shrunk case proptest found: extremes with a 481-month term and shrinking volumes.
    evaluates(&pushed_to_extremes(
        samples().swap_remove(2),
        &[0, 0, 1, 0],
        (481, -99, 0),
    ));
}
