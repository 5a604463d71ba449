//! The risk simulation: the draw stream, the plan, trials on the full engine, the statistics
//! and their determinism on any number of threads (issue 8).
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use common::*;
use dealbench::engine::risk::*;
use dealbench::engine::{Ledger, Stage, evaluate};
use dealbench::model::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn sample(file: &str) -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(file);
    dealbench::io::project::load(&path).unwrap()
}

fn settings(trials: u32, seed: u64, block_months: u32) -> RiskSettings {
    RiskSettings {
        trials,
        seed,
        block_months,
    }
}

/// Runs `trials` of the first offer on `threads` threads, with every trial's rows.
fn simulate(
    p: &Project,
    settings: RiskSettings,
    threads: Option<usize>,
) -> (RiskReport, Vec<TrialRow>) {
    struct Rows(Vec<TrialRow>);
    impl Observer for Rows {
        fn trial(&mut self, rows: &[TrialRow]) {
            self.0.extend_from_slice(rows);
        }
    }
    let simulation = Simulation::new(p, &p.scenarios[0], settings).unwrap();
    let stop = AtomicBool::new(false);
    let mut rows = Rows(Vec::new());
    let report = simulation
        .run(
            &Control {
                threads,
                stop: &stop,
            },
            &mut rows,
        )
        .unwrap();
    (report, rows.0)
}

// ---------------------------------------------------------------------------------------------
// The draw stream

#[test]
fn splitmix64_gives_the_reference_outputs_for_seed_0() {
    let mut stream = SplitMix64::new(0);
    assert_eq!(stream.next_u64(), 0xE220_A839_7B1D_CDAF);
    assert_eq!(stream.next_u64(), 0x6E78_9E6A_A1B9_65F4);
}

#[test]
fn splitmix64_matches_an_independent_implementation_of_vignas_reference() {
    // Computed with this Python transcription of Vigna's splitmix64.c:
    //   M = 2**64 - 1
    //   def stream(seed, n):
    //       x = seed; out = []
    //       for _ in range(n):
    //           x = (x + 0x9E3779B97F4A7C15) & M
    //           z = x
    //           z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    //           z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    //           out.append(z ^ (z >> 31))
    //       return out
    //   [hex(v) for v in stream(1234567, 3)]
    //   [hex(v) for v in stream(2**64 - 1, 2)]
    let mut stream = SplitMix64::new(1_234_567);
    assert_eq!(stream.next_u64(), 0x599E_D017_FB08_FC85);
    assert_eq!(stream.next_u64(), 0x2C73_F084_5854_0FA5);
    assert_eq!(stream.next_u64(), 0x883E_BCE5_A3F2_7C77);
    // The state wraps modulo 2^64.
    let mut stream = SplitMix64::new(u64::MAX);
    assert_eq!(stream.next_u64(), 0xE4D9_7177_1B65_2C20);
    assert_eq!(stream.next_u64(), 0xE99F_F867_DBF6_82C9);
}

#[test]
fn any_draw_can_be_reached_without_the_ones_before_it() {
    let mut stream = SplitMix64::new(42);
    for k in 0..1000 {
        assert_eq!(SplitMix64::draw(42, k), stream.next_u64(), "draw {k}");
    }
}

// ---------------------------------------------------------------------------------------------
// Percentiles by nearest rank

#[test]
fn percentiles_are_by_nearest_rank_without_interpolation() {
    let sorted = [dec!(15), dec!(20), dec!(35), dec!(40), dec!(50)];
    // n = 5: P5 rank ⌈0.25⌉ = 1; P30 rank ⌈1.5⌉ = 2; P40 rank ⌈2⌉ = 2; P50 rank ⌈2.5⌉ = 3;
    // P90 rank ⌈4.5⌉ = 5; P100 rank 5; P0 is rank 1, the smallest.
    assert_eq!(nearest_rank(&sorted, 5), Some(dec!(15)));
    assert_eq!(nearest_rank(&sorted, 30), Some(dec!(20)));
    assert_eq!(nearest_rank(&sorted, 40), Some(dec!(20)));
    assert_eq!(nearest_rank(&sorted, 50), Some(dec!(35)));
    assert_eq!(nearest_rank(&sorted, 90), Some(dec!(50)));
    assert_eq!(nearest_rank(&sorted, 100), Some(dec!(50)));
    assert_eq!(nearest_rank(&sorted, 0), Some(dec!(15)));
    assert_eq!(nearest_rank::<Decimal>(&[], 50), None);

    // Unsorted in, sorted in place; the mean is rounded to the cent by the project's rule:
    // (0.01 + 0.02 + 0.02 + 0.10) / 4 = 0.0375 → 0.04.
    let mut outcomes = [dec!(0.10), dec!(0.02), dec!(0.01), dec!(0.02)];
    let d = Distribution::of(&mut outcomes, Rounding::default());
    // n = 4: P5 rank 1, P50 rank 2, P90 rank ⌈3.6⌉ = 4, P95 rank 4.
    assert_eq!(
        (d.mean, d.p5, d.p50, d.p90, d.p95, d.max),
        (
            dec!(0.04),
            dec!(0.01),
            dec!(0.02),
            dec!(0.10),
            dec!(0.10),
            dec!(0.10)
        )
    );
}

// ---------------------------------------------------------------------------------------------
// The plan

#[test]
fn the_plan_draws_blocks_of_consecutive_history_months() {
    // History 2025-01..2025-03 (H = 3); the term 2025-01..2025-08 simulates 2025-04..08 (S = 5).
    let mut p = project("2025-01", 8);
    add_kpi(
        &mut p,
        "kpi",
        monthly("2025-01", &[dec!(1), dec!(2), dec!(3)]),
    );
    let plan = Plan::new(&p, 2, 99).unwrap();
    assert_eq!(plan.pool, vec![ym("2025-01"), ym("2025-02"), ym("2025-03")]);
    assert_eq!(
        plan.simulated,
        ym("2025-04").through(ym("2025-08")).collect::<Vec<_>>()
    );
    // B = ⌈5 / 2⌉ = 3 blocks per trial, each starting at z mod (3 − 2 + 1) = z mod 2.
    assert_eq!((plan.draws_per_trial(), plan.starts()), (3, 2));
    for trial in 0..20u64 {
        let start = |b: u64| (SplitMix64::draw(99, trial * 3 + b) % 2) as usize;
        let (s0, s1, s2) = (start(0), start(1), start(2));
        // The last block is cut to the one month left.
        assert_eq!(
            plan.pool_indices(trial),
            vec![s0, s0 + 1, s1, s1 + 1, s2],
            "trial {trial}"
        );
    }
    // Blocks of 1: draw k = trial × S + month picks z_k mod H.
    let plan = Plan::new(&p, 1, 99).unwrap();
    let expected: Vec<usize> = (0..5)
        .map(|j| (SplitMix64::draw(99, 7 * 5 + j) % 3) as usize)
        .collect();
    assert_eq!(plan.pool_indices(7), expected);
}

#[test]
fn the_pool_takes_history_before_the_start_and_whole_missing_months_are_simulated() {
    // Data in 2024-12 (before the start), 2025-01 and 2025-03; 2025-02 has none.
    let mut p = project("2025-01", 4);
    let mut values = monthly("2024-12", &[dec!(1), dec!(2)]);
    values.insert(ym("2025-03"), dec!(3));
    add_kpi(&mut p, "kpi", values);
    let plan = Plan::new(&p, 1, 0).unwrap();
    assert_eq!(plan.pool, vec![ym("2024-12"), ym("2025-01"), ym("2025-03")]);
    assert_eq!(plan.simulated, vec![ym("2025-02"), ym("2025-04")]);
    assert_eq!(
        Plan::new(&p, 4, 0),
        Err(RiskError::BlockLength {
            block_months: 4,
            history_months: 3
        })
    );
    assert!(matches!(
        Plan::new(&p, 0, 0),
        Err(RiskError::BlockLength { .. })
    ));
    let empty = project("2025-01", 4);
    assert_eq!(Plan::new(&empty, 1, 0), Err(RiskError::NoHistory));
}

// ---------------------------------------------------------------------------------------------
// A case small enough to enumerate: 2 pool months, 3 simulated months, 8 paths

/// 2025-01..2025-05 at a 10,000.00 fixed fee. Answer time 20 s in January (met) and 50 s in
/// February (beyond the 45 s minimum: 5 % = 500.00); March to May are simulated. Credits are
/// capped at 1,200.00 a contract year; two minimum misses running give a termination right.
fn enumerable() -> Project {
    let mut p = project("2025-01", 5);
    add_kpi(&mut p, "kpi", monthly("2025-01", &[dec!(20), dec!(50)]));
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(10000.00)));
    s.service_levels.push(service_level(
        "asa",
        "kpi",
        Direction::LowerIsBetter,
        dec!(30),
        Some(dec!(45)),
        CreditRule::FixedPct {
            target_miss_pct: dec!(2),
            minimum_miss_pct: dec!(5),
        },
    ));
    s.credit_regime.annual_cap = Some(Limit::Amount(dec!(1200.00)));
    s.triggers
        .push(TerminationTrigger::ConsecutiveMinimumMisses {
            service_level: "asa".into(),
            months: 2,
        });
    assert_eq!(validate(&p), vec![]);
    p
}

/// Two triggers on the same service level (two and four minimum misses running) are told apart
/// by their typed address, not by the service level their flags name. February (history) is a
/// minimum miss; a path says which pool month March, April and May take (1 = February's).
#[test]
fn two_triggers_on_one_service_level_fire_apart() {
    let mut p = enumerable();
    let s = &mut p.scenarios[0];
    s.triggers
        .push(TerminationTrigger::ConsecutiveMinimumMisses {
            service_level: "asa".into(),
            months: 4,
        });
    let plan = Plan::new(&p, 1, 0).unwrap();
    let watched = Watched::of(&p.scenarios[0]);
    let on = |path: [usize; 3]| {
        let months: BTreeMap<YearMonth, YearMonth> = plan
            .simulated
            .iter()
            .zip(path)
            .map(|(&m, i)| (m, plan.pool[i]))
            .collect();
        let ledger = trial::ledger_on(&p, &p.scenarios[0], &months);
        watched.rows(0, &ledger)[0].triggers.clone()
    };
    // February bad, March bad, April good: two misses running fire trigger 0 only.
    assert_eq!(on([1, 0, 0]), vec![0]);
    // February to May all bad: four misses running fire both.
    assert_eq!(on([1, 1, 1]), vec![0, 1]);
    // All good after February: one miss, nothing fires.
    assert_eq!(on([0, 0, 0]), Vec::<usize>::new());
}

/// The hand-computed outcome of a path: which pool month (0 = January, good; 1 = February,
/// bad) March, April and May take. With b bad simulated months, credits are February's 500.00
/// plus 500.00 per bad month, capped at 1,200.00 a year: b = 0 → 500.00, 1 → 1,000.00,
/// 2 → 1,500.00 capped to 1,200.00, 3 → 2,000.00 capped to 1,200.00 (the cap binds when b ≥ 2).
/// The trigger fires when March is bad (February's miss runs on) or April and May both are.
fn by_hand(path: [usize; 3]) -> (Decimal, bool, bool) {
    let bad = path.iter().sum::<usize>();
    let credits = [dec!(500.00), dec!(1000.00), dec!(1200.00), dec!(1200.00)][bad];
    let fires = path[0] == 1 || (path[1] == 1 && path[2] == 1);
    (credits, fires, bad >= 2)
}

#[test]
fn all_eight_paths_bill_as_computed_by_hand() {
    let p = enumerable();
    let plan = Plan::new(&p, 1, 0).unwrap();
    assert_eq!(plan.pool, vec![ym("2025-01"), ym("2025-02")]);
    assert_eq!(
        plan.simulated,
        vec![ym("2025-03"), ym("2025-04"), ym("2025-05")]
    );
    let mut credits = Vec::new();
    let mut fired = 0;
    for n in 0..8usize {
        let path = [n >> 2 & 1, n >> 1 & 1, n & 1];
        let months: BTreeMap<YearMonth, YearMonth> = plan
            .simulated
            .iter()
            .zip(path)
            .map(|(&m, i)| (m, plan.pool[i]))
            .collect();
        let ledger = trial::ledger_on(&p, &p.scenarios[0], &months);
        let (expected, fires, binds) = by_hand(path);
        assert_eq!(ledger.totals.credits, expected, "path {path:?}");
        assert_eq!(
            ledger.totals.net,
            dec!(50000.00) - expected,
            "path {path:?}"
        );
        let watched = Watched::of(&p.scenarios[0]);
        let rows = watched.rows(0, &ledger);
        assert_eq!(rows[0].triggers.is_empty(), !fires, "path {path:?}");
        assert_eq!(rows[0].caps_binding.is_empty(), !binds, "path {path:?}");
        credits.push(expected);
        fired += usize::from(fires);
    }
    // Sorted: 500, 1,000 ×3, 1,200 ×4. Mean (500 + 3,000 + 4,800) / 8 = 1,037.50; n = 8:
    // P5 rank ⌈0.4⌉ = 1 → 500; P50 rank 4 → 1,000; P90 rank ⌈7.2⌉ = 8 and P95 rank ⌈7.6⌉ = 8
    // → 1,200.
    let d = Distribution::of(&mut credits, p.rounding);
    assert_eq!(
        (d.mean, d.p5, d.p50, d.p90, d.p95, d.max),
        (
            dec!(1037.50),
            dec!(500.00),
            dec!(1000.00),
            dec!(1200.00),
            dec!(1200.00),
            dec!(1200.00)
        )
    );
    // March bad: 4 paths; March good, April and May bad: 1 more.
    assert_eq!(fired, 5);
}

#[test]
fn a_run_counts_the_paths_its_draws_take() {
    let p = enumerable();
    let (report, rows) = simulate(&p, settings(200, 7, 1), Some(1));
    // Each trial's path from the stream itself: draw k = trial × 3 + month, pool month z mod 2.
    let mut credits = Vec::new();
    let (mut fired, mut binds) = (0, 0);
    for t in 0..200u64 {
        let path = [0, 1, 2].map(|j| (SplitMix64::draw(7, t * 3 + j) % 2) as usize);
        let (c, f, b) = by_hand(path);
        assert_eq!(rows[t as usize].credits, c, "trial {t}");
        credits.push(c);
        fired += u64::from(f);
        binds += u64::from(b);
    }
    let expected = Distribution::of(&mut credits, p.rounding);
    assert_eq!(report.trials, 200);
    assert_eq!(report.term.credits, expected);
    assert_eq!(report.contract_years[0].figures.credits, expected);
    assert_eq!(
        report.triggers[0].fired,
        Frequency {
            trials: fired,
            of: 200
        }
    );
    assert_eq!(report.any_trigger, report.triggers[0].fired);
    assert_eq!(report.caps[0].cap, "annual_cap");
    assert_eq!(
        report.caps[0].years,
        vec![Frequency {
            trials: binds,
            of: 200
        }]
    );
    // Fees are 50,000.00 over 5 months; the annual cap allows 1,200.00 = 2.4 % of them.
    let term = &report.fee_at_risk.term;
    assert_eq!(
        (term.fees, term.most, term.most_pct),
        (dec!(50000.00), Some(dec!(1200.00)), Some(dec!(2.40)))
    );
    assert_eq!(report.fee_at_risk.months[0].most, None);
    // F = 10,000.00; F' = F × G / E[N] with E[N] = 50,000.00 − E[credits].
    let mean_credits: Decimal = rows.iter().map(|r| r.credits).sum::<Decimal>() / dec!(200);
    let adjusted = (dec!(10000) * dec!(50000) / (dec!(50000) - mean_credits)).round_dp(2);
    assert_eq!(report.risk_adjusted_fee.fee, dec!(10000.00));
    assert_eq!(report.risk_adjusted_fee.adjusted, Some(adjusted));
}

// ---------------------------------------------------------------------------------------------
// Trials on the full engine

/// 2025-02..2025-07 at 10,000.00 a month; the only KPI data is February's: answer time 50 s
/// on 40 responses, abandonment 30 / 600 = 5 %. Every simulated month takes February.
fn one_month_pool() -> Project {
    let mut p = project("2025-02", 6);
    p.kpis.push(KpiSeries {
        id: "asa".into(),
        name: "asa".into(),
        unit: "s".into(),
        data: KpiData::Values {
            values: monthly("2025-02", &[dec!(50)]),
            samples: monthly("2025-02", &[dec!(40)]),
        },
        projected: MonthlyValues::new(),
    });
    p.kpis.push(KpiSeries {
        id: "abandon".into(),
        name: "abandon".into(),
        unit: "%".into(),
        data: KpiData::Ratio {
            numerator: monthly("2025-02", &[dec!(30)]),
            denominator: monthly("2025-02", &[dec!(600)]),
            scale: dec!(100),
        },
        projected: MonthlyValues::new(),
    });
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(10000.00)));
    // Lower is better; 2 % of the fee for a target miss, 5 % for a minimum miss.
    let fixed_pct = |id: &str, kpi: &str, target, minimum| {
        service_level(
            id,
            kpi,
            Direction::LowerIsBetter,
            target,
            Some(minimum),
            CreditRule::FixedPct {
                target_miss_pct: dec!(2),
                minimum_miss_pct: dec!(5),
            },
        )
    };
    let mut asa = fixed_pct("asa", "asa", dec!(30), dec!(45));
    asa.window = MeasurementWindow::Rolling(2);
    asa.minimum_sample = Some(dec!(30));
    let mut abandon = fixed_pct("abandonment", "abandon", dec!(4), dec!(8));
    abandon.repeat_rule = Some(RepeatRule::new(2, 3));
    s.service_levels = vec![asa, abandon];
    s.credit_regime.annual_cap = Some(Limit::PctOfCharges(dec!(10)));
    s.triggers
        .push(TerminationTrigger::ConsecutiveMinimumMisses {
            service_level: "asa".into(),
            months: 3,
        });
    assert_eq!(validate(&p), vec![]);
    p
}

/// The ledger with every month's `projected` flag cleared, to compare what was billed.
fn billed(mut ledger: Ledger) -> Ledger {
    ledger.months.iter_mut().for_each(|m| m.projected = false);
    ledger
}

#[test]
fn with_a_pool_of_one_month_every_trial_bills_that_month_everywhere() {
    let p = one_month_pool();
    let plan = Plan::new(&p, 1, 3).unwrap();
    assert_eq!(plan.pool, vec![ym("2025-02")]);
    // The same project with February's raw data written into every simulated month.
    let mut filled = p.clone();
    for series in &mut filled.kpis {
        let copy = |values: &mut MonthlyValues| {
            let february = values[&ym("2025-02")];
            for &m in &plan.simulated {
                values.insert(m, february);
            }
        };
        match &mut series.data {
            KpiData::Values { values, samples } => {
                copy(values);
                copy(samples);
            }
            KpiData::Ratio {
                numerator,
                denominator,
                ..
            } => {
                copy(numerator);
                copy(denominator);
            }
            KpiData::Downtime { minutes } => copy(minutes),
        }
    }
    let expected = evaluate(&filled, &filled.scenarios[0]);
    // By hand: answer time 50 s (over 2 months, 50 s) misses the 45 s minimum every month:
    // 5 % of 10,000.00 = 500.00. Abandonment 5 % misses its 4 % target; the first miss earns
    // nothing (2 misses in 3 months needed), the next five 2 % = 200.00 each. Credits
    // 500.00 + 5 × 700.00 = 4,000.00, under the annual cap of 10 % of 60,000.00. Answer time
    // misses its minimum for the 3rd month running in April: the trigger fires.
    assert_eq!(expected.totals.credits, dec!(4000.00));
    assert_eq!(expected.totals.net, dec!(56000.00));
    let simulation = Simulation::new(&p, &p.scenarios[0], settings(5, 3, 1)).unwrap();
    let replay = evaluate(&p, &p.scenarios[0]);
    for t in [0, 1, 17, 1_000_000] {
        let ledger = simulation.trial_ledger(t);
        // A month's `projected` flag is `eval`'s: after the history, simulated or not.
        let flags = |l: &Ledger| l.months.iter().map(|m| m.projected).collect::<Vec<_>>();
        assert_eq!(flags(&ledger), flags(&replay));
        assert_eq!(flags(&ledger), vec![false, true, true, true, true, true]);
        assert_eq!(billed(ledger), billed(expected.clone()), "trial {t}");
    }
}

#[test]
fn a_trial_never_changes_charges_or_volumes() {
    let p = sample("contact_centre.ron");
    for scenario in &p.scenarios {
        let replay = evaluate(&p, scenario);
        let plan = Plan::new(&p, 1, 11).unwrap();
        for t in 0..3 {
            let trial = trial::ledger(&p, scenario, &plan, t);
            for (a, b) in trial.months.iter().zip(&replay.months) {
                let charges = |m: &dealbench::engine::MonthLedger| {
                    m.lines
                        .iter()
                        .filter(|l| l.stage < Stage::Credit)
                        .cloned()
                        .collect::<Vec<_>>()
                };
                assert_eq!(charges(a), charges(b), "{} {}", scenario.name, a.period);
                assert_eq!(a.projected, b.projected);
            }
        }
    }
}

#[test]
fn the_contact_centre_draws_its_last_year_from_two_years_of_history() {
    let p = sample("contact_centre.ron");
    let plan = Plan::new(&p, 1, 0).unwrap();
    assert_eq!(
        plan.pool,
        ym("2024-01").through(ym("2025-12")).collect::<Vec<_>>()
    );
    assert_eq!(
        plan.simulated,
        ym("2026-01").through(ym("2026-12")).collect::<Vec<_>>()
    );
}

// ---------------------------------------------------------------------------------------------
// Determinism, stopping and the project file

#[test]
fn results_are_identical_on_one_thread_and_on_all() {
    let p = enumerable();
    let one = simulate(&p, settings(500, 2024, 1), Some(1));
    assert_eq!(simulate(&p, settings(500, 2024, 1), Some(3)), one);
    assert_eq!(simulate(&p, settings(500, 2024, 1), None), one);
    // Another seed, other draws.
    assert_ne!(simulate(&p, settings(500, 2025, 1), None).1, one.1);
    let p = sample("contact_centre.ron");
    let one = simulate(&p, settings(24, 5, 3), Some(1));
    assert_eq!(simulate(&p, settings(24, 5, 3), None), one);
    assert_eq!(one.0.contract_years.len(), 3);
}

#[test]
fn a_stopped_run_reports_the_trials_it_finished() {
    struct StopAfterFirstBatch<'a>(&'a AtomicBool);
    impl Observer for StopAfterFirstBatch<'_> {
        fn progress(&mut self, _done: u64, _of: u64) {
            self.0.store(true, Ordering::Relaxed);
        }
    }
    let p = enumerable();
    let simulation = Simulation::new(&p, &p.scenarios[0], settings(1000, 1, 1)).unwrap();
    let stop = AtomicBool::new(false);
    let control = Control {
        threads: Some(1),
        stop: &stop,
    };
    let report = simulation
        .run(&control, &mut StopAfterFirstBatch(&stop))
        .unwrap();
    // One batch of 32 trials on one thread, the same as a run of 32.
    assert_eq!(report.trials, 32);
    let (short, _) = simulate(&p, settings(32, 1, 1), Some(1));
    assert_eq!(report.contract_years, short.contract_years);
    assert_eq!(report.triggers, short.triggers);
    // Stopped before it starts: no trials.
    let report = simulation.run(&control, &mut ()).unwrap();
    assert_eq!(report.trials, 0);
}

#[test]
fn risk_settings_are_saved_only_when_set() {
    let mut p = enumerable();
    let text = dealbench::io::project::to_ron(&p);
    // (`at_risk_pct` is a credit-regime field, not the settings.)
    assert!(!text.contains("    risk:"), "{text}");
    p.risk = settings(2500, 77, 3);
    let text = dealbench::io::project::to_ron(&p);
    assert!(text.contains("    risk: ("), "{text}");
    let back = dealbench::io::project::parse(&text, "test.ron").unwrap();
    assert_eq!(back.risk, p.risk);
}

#[test]
fn zero_trials_are_refused() {
    let p = enumerable();
    assert!(matches!(
        Simulation::new(&p, &p.scenarios[0], settings(0, 0, 1)),
        Err(RiskError::NoTrials)
    ));
}

/// Trials bypass `evaluate`'s guard against out-of-range inputs, so a simulation of such a
/// project is refused up front: a 2^31 − 1 month term must not be allocated per trial.
#[test]
fn an_out_of_range_project_is_refused_before_any_trial() {
    let mut p = enumerable();
    p.term_months = i32::MAX as u32;
    let refused = Simulation::new(&p, &p.scenarios[0], settings(10, 0, 1)).err();
    assert!(
        matches!(&refused, Some(RiskError::OutOfRange(m)) if m.contains("term_months is 2147483647")),
        "{refused:?}"
    );
}

#[test]
fn odds_are_shown_to_one_decimal_rounded_half_away_from_zero() {
    // 55 of 10,000 trials = 0.55 % → 0.6 %; 1 of 3 = 33.333… % → 33.3 %; none → 0.0 %.
    assert_eq!(
        Frequency {
            trials: 55,
            of: 10_000
        }
        .percent(),
        "0.6 %"
    );
    assert_eq!(Frequency { trials: 1, of: 3 }.percent(), "33.3 %");
    assert_eq!(Frequency { trials: 0, of: 0 }.percent(), "0.0 %");
    assert_eq!(Frequency { trials: 7, of: 7 }.percent(), "100.0 %");
}
