//! How long the risk simulation takes: the bench workload (12 service levels with
//! fixed-% credits on a fixed fee, a monthly cap, 24 history months, 60 simulated months,
//! 10,000 trials), a stateful offer on the same data (earn-back, rolling windows, repeat rules,
//! annual and term caps, triggers), and trials of the contact-centre sample, on the fast path
//! and on the full engine (the reference path).
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};
use dealbench::engine::risk::{Control, Path, Simulation, SplitMix64};
use dealbench::model::*;
use rust_decimal::Decimal;

/// 12 availability KPIs over the 24 months before a 60-month term from 2026-01, drawn from a
/// fixed stream: values 95.00–100.00, so that each service level (target 98, minimum 96) misses
/// its target about 60 % of the months and its minimum about 20 %.
fn workload() -> Project {
    let start: YearMonth = "2026-01".parse().unwrap();
    let mut p = Project::new_blank(start);
    p.term_months = 60;
    let mut stream = SplitMix64::new(8);
    for k in 0..12 {
        let values = (0..24)
            .map(|i| {
                let v = Decimal::new(9500 + (stream.next_u64() % 501) as i64, 2);
                (start.plus(i - 24), v)
            })
            .collect();
        p.kpis.push(KpiSeries {
            id: format!("k{k}"),
            name: format!("KPI {k}"),
            unit: "%".into(),
            data: KpiData::Values {
                values,
                samples: Default::default(),
            },
            projected: Default::default(),
        });
    }
    let mut s = Scenario::new("Bench");
    s.charges.push(Charge {
        id: "base".into(),
        name: "Service fee".into(),
        pricing: Pricing::Fixed {
            monthly: Decimal::new(25_000_000, 2),
        },
    });
    for k in 0..12 {
        s.service_levels.push(ServiceLevel {
            id: format!("sl{k}"),
            name: format!("Service level {k}"),
            kpi: format!("k{k}"),
            direction: Direction::HigherIsBetter,
            target: Decimal::from(98),
            minimum: Some(Decimal::from(96)),
            window: MeasurementWindow::Month,
            missing_data: MissingData::DeemedMinimumMiss,
            minimum_sample: None,
            excluded_months: Vec::new(),
            credit: CreditRule::FixedPct {
                target_miss_pct: Decimal::new(5, 1),
                minimum_miss_pct: Decimal::new(15, 1),
            },
            credit_base: ChargeScope::AllCharges,
            repeat_rule: None,
            cap: None,
            earn_back: None,
            improvement: None,
        });
    }
    s.credit_regime.monthly_cap = Some(Limit::PctOfCharges(Decimal::from(8)));
    p.scenarios = vec![s];
    p
}

/// The workload's offer with memory: every third service level on a rolling 3-month window,
/// every other one with earn-back (3 met months, floor 95.5) and a repeat rule (2 target misses
/// in 4 months), an annual cap of 5 % and a term cap of 4 %, and two triggers.
fn stateful() -> Project {
    let mut p = workload();
    let s = &mut p.scenarios[0];
    for (k, sl) in s.service_levels.iter_mut().enumerate() {
        if k % 3 == 0 {
            sl.window = MeasurementWindow::Rolling(3);
        }
        if k % 2 == 0 {
            sl.earn_back = Some(EarnBack {
                window_months: 3,
                floor: Some(Decimal::new(955, 1)),
            });
            sl.repeat_rule = Some(RepeatRule::new(2, 4));
        }
    }
    s.credit_regime.annual_cap = Some(Limit::PctOfCharges(Decimal::from(5)));
    s.credit_regime.term_cap = Some(Limit::PctOfCharges(Decimal::from(4)));
    s.triggers
        .push(TerminationTrigger::ConsecutiveMinimumMisses {
            service_level: "sl1".into(),
            months: 3,
        });
    s.triggers.push(TerminationTrigger::CapReached {
        times: 3,
        window_months: 6,
    });
    p
}

fn settings(trials: u32) -> RiskSettings {
    RiskSettings {
        trials,
        seed: 0,
        block_months: 1,
    }
}

fn run(simulation: &Simulation<'_>) -> RiskReportOf {
    let stop = AtomicBool::new(false);
    let control = Control {
        threads: None,
        stop: &stop,
    };
    simulation.run(&control, &mut ()).expect("a report")
}

type RiskReportOf = dealbench::engine::risk::RiskReport;

/// The bench measures what it claims: the fast path gives the engine's report on a few trials.
fn same_on_both_paths(project: &Project) {
    let scenario = &project.scenarios[0];
    let fast = Simulation::new(project, scenario, settings(50)).unwrap();
    assert_eq!(fast.path(), Path::Fast);
    let reference = Simulation::new(project, scenario, settings(50))
        .unwrap()
        .with_path(Path::Reference);
    assert_eq!(run(&fast), run(&reference));
}

fn bench_workloads(c: &mut Criterion) {
    let mut group = c.benchmark_group("risk");
    group.sample_size(10);
    for (name, project) in [("workload", workload()), ("stateful", stateful())] {
        let scenario = &project.scenarios[0];
        let simulation = Simulation::new(&project, scenario, settings(10_000)).unwrap();
        assert_eq!(simulation.fast_path(), Ok(()), "{name} is on the fast path");
        same_on_both_paths(&project);
        // Preparing included: what a user waits for.
        group.bench_function(format!("{name}_10000_trials"), |b| {
            b.iter(|| run(&Simulation::new(&project, scenario, settings(10_000)).unwrap()))
        });
        group.bench_function(format!("{name}_10000_trials_run_only"), |b| {
            b.iter(|| run(&simulation))
        });
        group.bench_function(format!("{name}_prepare"), |b| {
            b.iter(|| Simulation::new(&project, scenario, settings(10_000)).unwrap())
        });
        let reference = Simulation::new(&project, scenario, settings(100))
            .unwrap()
            .with_path(Path::Reference);
        group.bench_function(format!("{name}_100_trials_reference"), |b| {
            b.iter(|| run(&reference))
        });
    }
    group.finish();
}

fn bench_contact_centre(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/contact_centre.ron");
    let project = dealbench::io::project::load(std::path::Path::new(path)).expect("the sample");
    let mut group = c.benchmark_group("risk");
    group.sample_size(10);
    for path in [Path::Fast, Path::Reference] {
        let simulation = Simulation::new(&project, &project.scenarios[0], settings(200))
            .expect("a simulation")
            .with_path(path);
        let name = match path {
            Path::Fast => "contact_centre_200_trials",
            Path::Reference => "contact_centre_200_trials_reference",
        };
        group.bench_function(name, |b| b.iter(|| run(&simulation)));
    }
    group.finish();
}

criterion_group!(benches, bench_contact_centre, bench_workloads);
criterion_main!(benches);
