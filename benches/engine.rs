//! How long the engine takes on a large agreement: 10 years, 20 service levels, tiers, ARC/RRC,
//! indexation, at-risk pool, earn-back and bonuses.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use dealbench::engine::evaluate;
use dealbench::model::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn large_project() -> Project {
    let start: YearMonth = "2020-01".parse().unwrap();
    let mut p = Project::new_blank(start);
    p.term_months = 120;
    let months: Vec<YearMonth> = start.through(start.plus(95)).collect();
    let series = |f: &dyn Fn(usize) -> Decimal| {
        months
            .iter()
            .enumerate()
            .map(|(i, m)| (*m, f(i)))
            .collect::<MonthlyValues>()
    };
    p.volumes.push(VolumeSeries {
        id: "calls".into(),
        name: "Calls".into(),
        unit: "calls".into(),
        history: series(&|i| Decimal::from(40_000 + (i * 7_919) % 25_000)),
        forecast: VolumeForecast::Growth {
            annual_pct: dec!(3),
        },
    });
    p.indices.push(IndexSeries {
        id: "cpi".into(),
        name: "CPI".into(),
        values: series(&|i| Decimal::from(100) + Decimal::new(i as i64 * 25, 2)),
        forecast_annual_pct: dec!(2.5),
    });
    let s = &mut p.scenarios[0];
    s.charges.push(Charge {
        id: "base".into(),
        name: "Base".into(),
        pricing: Pricing::Fixed {
            monthly: dec!(180000),
        },
    });
    s.charges.push(Charge {
        id: "tiers".into(),
        name: "Calls".into(),
        pricing: Pricing::Tiered {
            volume: "calls".into(),
            mode: TierMode::Graduated,
            bands: vec![
                TierBand {
                    from: dec!(0),
                    to: Some(dec!(45000)),
                    rate: dec!(3.10),
                    flat_fee: dec!(0),
                },
                TierBand {
                    from: dec!(45000),
                    to: Some(dec!(55000)),
                    rate: dec!(2.85),
                    flat_fee: dec!(0),
                },
                TierBand {
                    from: dec!(55000),
                    to: None,
                    rate: dec!(2.60),
                    flat_fee: dec!(0),
                },
            ],
        },
    });
    s.charges.push(Charge {
        id: "arc".into(),
        name: "ARC/RRC".into(),
        pricing: Pricing::ResourceAdjustment(ResourceAdjustment {
            volume: "calls".into(),
            baseline: dec!(50000),
            dead_band_pct: dec!(5),
            arc_rate: dec!(0.40),
            rrc_rate: dec!(0.30),
            convention: DeadBandConvention::BeyondDeadBand,
            outer_band_pct: Some(dec!(20)),
            upper_limit: None,
            lower_limit: None,
        }),
    });
    s.indexation = vec![Indexation {
        index: "cpi".into(),
        lag_months: 2,
        indexed_share_pct: dec!(70),
        floor_pct: Some(dec!(0)),
        cap_pct: Some(dec!(4)),
        productivity_pct: dec!(2),
        productivity: ProductivityCombination::Compounded,
        applies_to: ChargeScope::AllCharges,
        method: IndexationMethod::Line,
    }];
    s.credit_regime.at_risk_pct = Some(dec!(12));
    s.credit_regime.annual_cap = Some(Limit::PctOfCharges(dec!(8)));
    for k in 0..20 {
        let id = format!("kpi{k}");
        p.kpis.push(KpiSeries {
            id: id.clone(),
            name: id.clone(),
            unit: "%".into(),
            data: KpiData::Values {
                values: series(&|i| {
                    Decimal::from(90) + Decimal::new(((i * 31 + k * 17) % 100) as i64, 1)
                }),
                samples: MonthlyValues::new(),
            },
            projected: MonthlyValues::new(),
        });
        let s = &mut p.scenarios[0];
        s.service_levels.push(ServiceLevel {
            id: format!("sl{k}"),
            name: format!("Service level {k}"),
            kpi: id,
            direction: Direction::HigherIsBetter,
            target: dec!(95),
            minimum: Some(dec!(92)),
            window: if k % 3 == 0 {
                MeasurementWindow::Rolling(3)
            } else {
                MeasurementWindow::Month
            },
            missing_data: MissingData::NoClaim,
            minimum_sample: None,
            excluded_months: Vec::new(),
            credit: if k % 2 == 0 {
                CreditRule::AtRisk {
                    allocation_pct: dec!(8),
                }
            } else {
                CreditRule::FixedPct {
                    target_miss_pct: dec!(1),
                    minimum_miss_pct: dec!(2),
                }
            },
            credit_base: ChargeScope::AllCharges,
            repeat_rule: Some(RepeatRule::new(3, 12)),
            cap: None,
            earn_back: Some(EarnBack {
                window_months: 3,
                floor: Some(dec!(90)),
            }),
            improvement: None,
        });
    }
    p.scenarios[0].bonuses.push(Bonus {
        id: "bonus".into(),
        name: "Bonus".into(),
        service_level: "sl1".into(),
        threshold: dec!(98),
        amount: Rate::PctOfBase(dec!(1)),
        base: ChargeScope::AllCharges,
        gated_by: vec!["sl2".into(), "sl3".into()],
        annual_cap: Some(Limit::Amount(dec!(50000))),
    });
    assert!(validate(&p).is_empty(), "{:?}", validate(&p));
    p
}

fn bench_evaluate(c: &mut Criterion) {
    let project = large_project();
    let scenario = &project.scenarios[0];
    c.bench_function("evaluate 10 years, 20 service levels", |b| {
        b.iter(|| evaluate(std::hint::black_box(&project), scenario))
    });
}

criterion_group!(benches, bench_evaluate);
criterion_main!(benches);
