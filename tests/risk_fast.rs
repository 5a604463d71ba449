//! The fast path of the risk simulation against the full engine: the same rows, to the cent,
//! for every trial, on random offers in the supported set and on every sample; offers it does
//! not cover fall back to the full engine with the same results (issue 8).
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

mod common;

use std::path::Path as FsPath;
use std::sync::atomic::AtomicBool;

use common::*;
use dealbench::engine::risk::*;
use dealbench::model::*;
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Runs `scenario` of `p` on `path`: the report, every trial's rows, and the path it ran on.
fn simulate_on(
    p: &Project,
    scenario: usize,
    settings: RiskSettings,
    path: Path,
) -> (RiskReport, Vec<TrialRow>, Path) {
    struct Rows(Vec<TrialRow>);
    impl Observer for Rows {
        fn trial(&mut self, rows: &[TrialRow]) {
            self.0.extend_from_slice(rows);
        }
    }
    let simulation = Simulation::new(p, &p.scenarios[scenario], settings)
        .unwrap()
        .with_path(path);
    let stop = AtomicBool::new(false);
    let mut rows = Rows(Vec::new());
    let control = Control {
        threads: Some(2),
        stop: &stop,
    };
    let report = simulation.run(&control, &mut rows).unwrap();
    (report, rows.0, simulation.path())
}

/// Asserts both paths give the same rows and report; returns the path the default took.
fn same_on_both_paths(p: &Project, scenario: usize, settings: RiskSettings) -> Path {
    let (fast, fast_rows, path) = simulate_on(p, scenario, settings, Path::Fast);
    let (reference, reference_rows, reference_path) =
        simulate_on(p, scenario, settings, Path::Reference);
    assert_eq!(reference_path, Path::Reference);
    assert_eq!(fast_rows.len(), reference_rows.len());
    for (f, r) in fast_rows.iter().zip(&reference_rows) {
        assert_eq!(f, r, "trial {} year {}", r.trial, r.contract_year);
    }
    assert_eq!(fast, reference);
    path
}

fn sample(file: &str) -> Project {
    let path = FsPath::new(env!("CARGO_MANIFEST_DIR"))
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

// ---------------------------------------------------------------------------------------------
// The samples

#[test]
fn every_sample_gives_the_same_report_on_both_paths() {
    let mut fast = Vec::new();
    for file in [
        "contact_centre.ron",
        "cloud_service.ron",
        "it_outsourcing.ron",
    ] {
        let p = sample(file);
        for s in 0..p.scenarios.len() {
            for block in [1, 3] {
                let path = same_on_both_paths(&p, s, settings(150, 17 + s as u64, block));
                if path == Path::Fast {
                    fast.push(format!("{file}/{}", p.scenarios[s].name));
                }
            }
        }
    }
    // Every sample offer but the one with continuous improvement runs on the fast path.
    let p = sample("contact_centre.ron");
    let falls_back: Vec<&str> = (p.scenarios.iter())
        .filter(|s| s.service_levels.iter().any(|sl| sl.improvement.is_some()))
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(falls_back.len(), 1, "{falls_back:?}");
    assert!(!fast.iter().any(|f| f.ends_with(falls_back[0])), "{fast:?}");
    assert!(fast.len() >= 2 * 5, "{fast:?}");
}

// ---------------------------------------------------------------------------------------------
// The fallback

#[test]
fn an_offer_with_continuous_improvement_falls_back_to_the_full_engine() {
    let mut p = project("2025-01", 24);
    add_kpi(
        &mut p,
        "kpi",
        monthly("2025-01", &[dec!(20), dec!(25), dec!(50), dec!(28)]),
    );
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(10000.00)));
    let mut sl = asa_fixed_pct();
    sl.improvement = Some(ContinuousImprovement {
        share_pct: dec!(50),
        precision: None,
    });
    s.service_levels.push(sl);
    let simulation = Simulation::new(&p, &p.scenarios[0], settings(10, 0, 1)).unwrap();
    assert_eq!(
        simulation.fast_path(),
        Err(&Unsupported::Improvement("asa".into()))
    );
    assert_eq!(simulation.path(), Path::Reference);
    assert_eq!(
        same_on_both_paths(&p, 0, settings(60, 4, 2)),
        Path::Reference
    );
    // Without it, the same offer runs on the fast path, with the same results as the engine.
    p.scenarios[0].service_levels[0].improvement = None;
    assert_eq!(same_on_both_paths(&p, 0, settings(60, 4, 2)), Path::Fast);
}

#[test]
fn a_cap_with_fractions_of_a_cent_falls_back() {
    let mut p = project("2025-01", 6);
    add_kpi(&mut p, "kpi", monthly("2025-01", &[dec!(20), dec!(50)]));
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(10000.00)));
    s.service_levels.push(asa_fixed_pct());
    // 333.335 cannot be carried in cents: the engine keeps the fraction in its annual sums.
    s.credit_regime.annual_cap = Some(Limit::Amount(dec!(333.335)));
    let simulation = Simulation::new(&p, &p.scenarios[0], settings(10, 0, 1)).unwrap();
    assert!(matches!(
        simulation.fast_path(),
        Err(Unsupported::NotWhole(_))
    ));
    assert_eq!(
        same_on_both_paths(&p, 0, settings(40, 1, 1)),
        Path::Reference
    );
}

/// A rolling window of 4 months over a pool of 24 reads 24^4 = 331,776 combinations of draws
/// once its whole window lies in the term, and 24 + 24^2 + 24^3 = 14,424 in the term's first
/// three months (months before the start are not read): 346,200 measurements, more than the
/// fast path precomputes, so the offer runs on the full engine; 3 months (14,424) fit.
#[test]
fn a_window_with_too_many_combinations_of_draws_falls_back() {
    let mut p = project("2025-01", 30);
    let values: Vec<Decimal> = (0..24).map(|i| Decimal::from(20 + (i * 7) % 40)).collect();
    add_kpi(&mut p, "kpi", monthly("2023-01", &values));
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(10000.00)));
    let mut sl = asa_fixed_pct();
    sl.window = MeasurementWindow::Rolling(4);
    s.service_levels.push(sl);
    let simulation = Simulation::new(&p, &p.scenarios[0], settings(10, 0, 1)).unwrap();
    assert_eq!(
        simulation.fast_path(),
        Err(&Unsupported::Window("asa".into(), 346_200))
    );
    assert_eq!(
        same_on_both_paths(&p, 0, settings(8, 2, 1)),
        Path::Reference
    );
    p.scenarios[0].service_levels[0].window = MeasurementWindow::Rolling(3);
    assert_eq!(same_on_both_paths(&p, 0, settings(40, 2, 1)), Path::Fast);
}

// ---------------------------------------------------------------------------------------------
// A case by hand on the fast path: earn-back of a capped credit

/// 2025-01..2025-04 at 10,000.00 a month; answer time 50 s in January (beyond the 45 s
/// minimum: 5 % = 500.00) and 20 s in February (met). March and April are simulated. Credits
/// are capped at 300.00 a month; a credit is earned back after 1 met month.
#[test]
fn a_capped_credit_is_earned_back_at_the_share_the_cap_let_through() {
    let mut p = project("2025-01", 4);
    add_kpi(&mut p, "kpi", monthly("2025-01", &[dec!(50), dec!(20)]));
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(10000.00)));
    let mut sl = asa_fixed_pct();
    sl.earn_back = Some(EarnBack {
        window_months: 1,
        floor: None,
    });
    s.service_levels.push(sl);
    s.credit_regime.monthly_cap = Some(Limit::Amount(dec!(300.00)));
    let (report, rows, path) = simulate_on(&p, 0, settings(64, 5, 1), Path::Fast);
    assert_eq!(path, Path::Fast);
    // January: 500.00 capped to 300.00 (share 0.6; 300.00 eligible). February met: 300.00
    // earned back. A simulated month drawing January credits 300.00 (earned back only by a
    // later met month); drawing February, nothing. Year credits 300.00 + 300.00 × b, with b
    // the bad simulated months; earn-back 300.00, plus 300.00 if March is bad and April good.
    for row in &rows {
        let b = (row.credits - dec!(300.00)) / dec!(300.00);
        assert!(b == dec!(0) || b == dec!(1) || b == dec!(2), "{row:?}");
        let march_bad = row.months[2].credits == dec!(300.00);
        let april_good = row.months[3].credits == dec!(0.00);
        let earned = dec!(300.00)
            + if march_bad && april_good {
                dec!(300.00)
            } else {
                dec!(0)
            };
        assert_eq!(row.earn_back, earned, "{row:?}");
        assert_eq!(row.net, dec!(40000.00) - row.credits + row.earn_back);
        assert_eq!(row.caps_binding, vec![0], "January's cap binds");
    }
    assert_eq!(report.caps[0].cap, "monthly_cap");
    assert_eq!(same_on_both_paths(&p, 0, settings(64, 5, 1)), Path::Fast);
}

/// Issue 10, item 11: a trigger is flagged every month its condition holds, but fires only in
/// the first month of a run; a run that goes on into the next contract year fired in the year
/// it began, on both paths, and the odds count the trials in which it fired at least once.
/// 24 months from 2025-01, the six months of history all 50 s (a minimum miss: 5 % of
/// 10,000.00 = 500.00, beyond the 300.00 monthly cap), so every drawn month misses too.
#[test]
fn a_trigger_holding_into_the_next_year_fired_only_in_the_year_it_began() {
    let mut p = project("2025-01", 24);
    add_kpi(&mut p, "kpi", monthly("2025-01", &[dec!(50); 6]));
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(10000.00)));
    s.service_levels.push(asa_fixed_pct());
    s.credit_regime.monthly_cap = Some(Limit::Amount(dec!(300.00)));
    s.triggers
        .push(TerminationTrigger::ConsecutiveMinimumMisses {
            service_level: "asa".into(),
            months: 2,
        });
    s.triggers.push(TerminationTrigger::CapReached {
        times: 2,
        window_months: 3,
    });
    let (report, rows, path) = simulate_on(&p, 0, settings(16, 3, 1), Path::Fast);
    assert_eq!(path, Path::Fast);
    for row in &rows {
        // Both conditions first hold in February 2025 (2 misses running; the cap reached in
        // January and February) and hold every month after it: they fire in year 1 only.
        let expected: Vec<usize> = if row.contract_year == 1 {
            vec![0, 1]
        } else {
            Vec::new()
        };
        assert_eq!(row.triggers, expected, "{row:?}");
    }
    // Fired at least once in every trial: 16 of 16, once each however long it held.
    for odds in &report.triggers {
        assert_eq!((odds.fired.trials, odds.fired.of), (16, 16));
    }
    assert_eq!((report.any_trigger.trials, report.any_trigger.of), (16, 16));
    assert_eq!(same_on_both_paths(&p, 0, settings(16, 3, 1)), Path::Fast);
}

/// Credits exactly at the monthly cap reach it without binding it, and a bonus exactly at what
/// its annual cap has left is paid whole: the cap trigger counts the month, no cap is marked.
/// 2025-01..2025-03 at 10,000.00; answer time 50 s in January (beyond the 45 s minimum: 5 % =
/// 500.00, the monthly cap exactly), 20 s in February (a 250.00 bonus, its annual cap 250.00).
#[test]
fn amounts_exactly_at_a_cap_reach_it_without_binding_it() {
    let mut p = project("2025-01", 3);
    add_kpi(&mut p, "kpi", monthly("2025-01", &[dec!(50), dec!(20)]));
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(10000.00)));
    s.service_levels.push(asa_fixed_pct());
    s.credit_regime.monthly_cap = Some(Limit::Amount(dec!(500)));
    s.bonuses.push(Bonus {
        id: "fast".into(),
        name: "Fast answer".into(),
        service_level: "asa".into(),
        threshold: dec!(25),
        amount: Rate::Amount(dec!(250.00)),
        base: ChargeScope::AllCharges,
        gated_by: Vec::new(),
        annual_cap: Some(Limit::Amount(dec!(250))),
    });
    s.triggers.push(TerminationTrigger::CapReached {
        times: 1,
        window_months: 1,
    });
    let (_, rows, path) = simulate_on(&p, 0, settings(16, 3, 1), Path::Fast);
    assert_eq!(path, Path::Fast);
    for row in &rows {
        // March draws January (another 500.00 at the cap) or February (a bonus, but the cap
        // has nothing left: 0.00 paid, the cap binding). Credits 500.00 or 1,000.00.
        let march_bad = row.credits == dec!(1000.00);
        assert_eq!(row.triggers, vec![0], "{row:?}");
        assert_eq!(row.bonuses, dec!(250.00), "{row:?}");
        let binding: Vec<usize> = if march_bad { vec![] } else { vec![1] };
        assert_eq!(row.caps_binding, binding, "{row:?}");
        assert_eq!(row.net, dec!(30000.00) - row.credits + dec!(250.00));
    }
    assert_eq!(same_on_both_paths(&p, 0, settings(16, 3, 1)), Path::Fast);
}

// ---------------------------------------------------------------------------------------------
// Random offers in the supported set

/// A random offer built from `seed`: its draws decide every choice, so a failing case is
/// reproduced by its seed.
struct Gen(SplitMix64);

impl Gen {
    fn below(&mut self, n: u64) -> u64 {
        self.0.next_u64() % n.max(1)
    }
    fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
    fn decimal(&mut self, from: i64, to: i64, scale: u32) -> Decimal {
        Decimal::new(from + self.below((to - from + 1) as u64) as i64, scale)
    }
    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize].clone()
    }
    /// A cap: round amounts and whole percentages often, so that credits land exactly on it.
    fn limit(&mut self) -> Limit {
        if self.chance(25) {
            Limit::Amount(Decimal::from(100 * self.below(30)))
        } else if self.chance(25) {
            Limit::PctOfCharges(Decimal::from(self.below(15)))
        } else if self.chance(50) {
            Limit::Amount(self.decimal(0, 4000, 0))
        } else {
            Limit::PctOfCharges(self.decimal(0, 150, 1))
        }
    }
}

/// A KPI series over `months` from `first`, values 80.0–100.0, some months missing, some with
/// samples.
fn random_kpi(g: &mut Gen, id: &str, first: YearMonth, months: u32) -> KpiSeries {
    let mut values = MonthlyValues::new();
    let mut samples = MonthlyValues::new();
    let with_samples = g.chance(30);
    for i in 0..months {
        if g.chance(85) {
            let m = first.plus(i as i32);
            values.insert(m, g.decimal(800, 1000, 1));
            if with_samples {
                samples.insert(m, g.decimal(0, 60, 0));
            }
        }
    }
    // Values for an explicit projection, read in actual months after the series' history.
    let mut projected = MonthlyValues::new();
    for i in 0..36 {
        if g.chance(50) {
            projected.insert(first.plus(i), g.decimal(800, 1000, 1));
        }
    }
    KpiSeries {
        id: id.into(),
        name: id.into(),
        unit: String::new(),
        data: KpiData::Values { values, samples },
        projected,
    }
}

fn random_rule(g: &mut Gen) -> CreditRule {
    match g.below(7) {
        6 => CreditRule::Points {
            bands: vec![
                PointsBand {
                    worse_than: g.decimal(850, 1000, 1),
                    points: g.below(4) as u32,
                },
                PointsBand {
                    worse_than: g.decimal(800, 950, 1),
                    points: g.below(10) as u32,
                },
            ],
            repeat_doubles: g.chance(70),
        },
        0 => CreditRule::None,
        1 => CreditRule::FixedPct {
            target_miss_pct: g.decimal(0, 50, 1),
            minimum_miss_pct: g.decimal(0, 120, 1),
        },
        2 => CreditRule::FixedPct {
            target_miss_pct: g.decimal(0, 5, 0),
            minimum_miss_pct: g.decimal(0, 12, 0),
        },
        3 => CreditRule::Table(vec![
            CreditStep {
                worse_than: g.decimal(850, 1000, 1),
                credit_pct: g.decimal(0, 100, 1),
            },
            CreditStep {
                worse_than: g.decimal(800, 950, 1),
                credit_pct: g.decimal(0, 250, 1),
            },
        ]),
        4 => CreditRule::AtRisk {
            allocation_pct: g.decimal(0, 800, 1),
        },
        _ => CreditRule::PerStep {
            step: g.decimal(5, 30, 1),
            per_step: if g.chance(50) {
                Rate::Amount(g.decimal(0, 50000, 2))
            } else {
                Rate::PctOfBase(g.decimal(0, 40, 1))
            },
            max_pct: g.chance(50).then(|| g.decimal(0, 200, 1)),
        },
    }
}

fn random_level(g: &mut Gen, i: usize, kpis: usize, term: u32, start: YearMonth) -> ServiceLevel {
    let direction = g.pick(&[Direction::HigherIsBetter, Direction::LowerIsBetter]);
    let (a, b) = (g.decimal(820, 990, 1), g.decimal(820, 990, 1));
    let (lo, hi) = (a.min(b), a.max(b));
    let (target, minimum) = match direction {
        Direction::HigherIsBetter => (hi, lo),
        Direction::LowerIsBetter => (lo, hi),
    };
    let mut sl = service_level(
        &format!("sl{i}"),
        &format!("k{}", g.below(kpis as u64)),
        direction,
        target,
        g.chance(70).then_some(minimum),
        random_rule(g),
    );
    sl.window = g.pick(&[
        MeasurementWindow::Month,
        MeasurementWindow::Month,
        MeasurementWindow::Rolling(2),
        MeasurementWindow::Rolling(3),
        MeasurementWindow::Quarter,
        MeasurementWindow::AveragedWithPrevious,
    ]);
    sl.missing_data = g.pick(&[
        MissingData::DeemedMinimumMiss,
        MissingData::NoClaim,
        MissingData::Excluded,
    ]);
    sl.minimum_sample = g.chance(20).then(|| g.decimal(0, 40, 0));
    if g.chance(20) {
        sl.excluded_months = vec![start.plus(g.below(term as u64) as i32)];
    }
    if g.chance(20) {
        sl.credit_base = ChargeScope::Components(vec!["base".into()]);
    }
    sl.repeat_rule = g.chance(30).then(|| {
        let window_months = 1 + g.below(4) as u32;
        RepeatRule {
            misses: 1 + g.below(window_months as u64) as u32,
            window_months,
            counts: if g.below(2) == 0 {
                RepeatCount::AllMisses
            } else {
                RepeatCount::TargetMissesOnly
            },
            deemed_misses_count: g.below(2) == 0,
        }
    });
    sl.cap = g.chance(35).then(|| g.limit());
    sl.earn_back = g.chance(45).then(|| EarnBack {
        window_months: 1 + g.below(3) as u32,
        floor: g.chance(40).then(|| g.decimal(800, 950, 1)),
    });
    sl
}

/// The offer: one or two fixed charges, 1–4 service levels, the regime's caps, bonuses and
/// triggers, all at random.
fn random_offer(g: &mut Gen, p: &mut Project, kpis: usize) {
    let (term, start) = (p.term_months, p.start);
    let s = scenario(p);
    let fee = if g.chance(50) {
        Decimal::from(10_000 * (1 + g.below(5)))
    } else {
        g.decimal(100_000, 9_999_999, 2)
    };
    s.charges.push(fixed("base", fee));
    if g.chance(40) {
        s.charges.push(fixed("extra", g.decimal(0, 500_000, 2)));
    }
    let levels = 1 + g.below(4) as usize;
    s.service_levels = (0..levels)
        .map(|i| random_level(g, i, kpis, term, start))
        .collect();
    let allocates =
        (s.service_levels.iter()).any(|sl| matches!(sl.credit, CreditRule::AtRisk { .. }));
    let r = &mut s.credit_regime;
    r.at_risk_pct = (allocates || g.chance(30)).then(|| g.decimal(0, 200, 1));
    r.points_rate = g.chance(80).then(|| {
        if g.chance(50) {
            Rate::Amount(g.decimal(0, 50_000, 2))
        } else {
            Rate::PctOfBase(g.decimal(0, 20, 1))
        }
    });
    r.monthly_cap = g.chance(50).then(|| g.limit());
    r.annual_cap = g.chance(40).then(|| g.limit());
    r.term_cap = g.chance(25).then(|| g.limit());
    // Three decimals, so that a minimum between two cents is floored as the engine compares it.
    r.minimum_credit = g.chance(25).then(|| g.decimal(0, 5_000_000, 3));
    r.bonus_cap = g.chance(30).then(|| g.limit());
    for b in 0..g.below(3) {
        s.bonuses.push(Bonus {
            id: format!("bonus{b}"),
            name: format!("bonus{b}"),
            service_level: format!("sl{}", g.below(levels as u64)),
            threshold: g.decimal(850, 1000, 1),
            amount: if g.chance(50) {
                Rate::Amount(g.decimal(0, 100_000, 2))
            } else {
                Rate::PctOfBase(g.decimal(0, 30, 1))
            },
            base: ChargeScope::AllCharges,
            gated_by: if g.chance(50) {
                vec![format!("sl{}", g.below(levels as u64))]
            } else {
                Vec::new()
            },
            annual_cap: g.chance(50).then(|| g.limit()),
        });
    }
    for _ in 0..g.below(4) {
        let trigger = if g.chance(50) {
            TerminationTrigger::ConsecutiveMinimumMisses {
                service_level: format!("sl{}", g.below(levels as u64)),
                months: 1 + g.below(3) as u32,
            }
        } else {
            let window_months = 1 + g.below(4) as u32;
            TerminationTrigger::CapReached {
                times: 1 + g.below(window_months as u64) as u32,
                window_months,
            }
        };
        s.triggers.push(trigger);
    }
}

/// A random project: 3–30 months from 2025-01, 1–3 KPIs whose history starts up to 3 months
/// before the contract and covers 2–8 months (a month in which no KPI has data is simulated
/// too), a random rounding and KPI projection.
fn random_project(seed: u64) -> (Project, RiskSettings) {
    let mut g = Gen(SplitMix64::new(seed));
    let term = 3 + g.below(28) as u32;
    let mut p = project("2025-01", term);
    p.rounding = Rounding {
        rule: g.pick(&[RoundingRule::HalfAwayFromZero, RoundingRule::HalfEven]),
        decimals: g.below(4) as u32,
    };
    p.projection.kpi = g.pick(&[
        KpiAssumption::RepeatLast12,
        KpiAssumption::HoldAtTarget,
        KpiAssumption::Explicit,
    ]);
    let first = p.start.plus(-(g.below(4) as i32));
    let history = 2 + g.below(7) as u32;
    let kpis = 1 + g.below(3) as usize;
    for k in 0..kpis {
        let series = random_kpi(&mut g, &format!("k{k}"), first, history);
        p.kpis.push(series);
    }
    random_offer(&mut g, &mut p, kpis);
    let pool = Plan::new(&p, 1, 0).map_or(1, |plan| plan.pool.len().max(1));
    let block = 1 + g.below(pool as u64) as u32;
    (p, settings(1 + g.below(40) as u32, g.0.next_u64(), block))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_fast_path_bills_every_trial_as_the_engine_does(seed in any::<u64>()) {
        let (p, settings) = random_project(seed);
        prop_assume!(validate(&p).is_empty());
        prop_assume!(Simulation::new(&p, &p.scenarios[0], settings).is_ok());
        let simulation = Simulation::new(&p, &p.scenarios[0], settings).unwrap();
        prop_assert_eq!(simulation.fast_path(), Ok(()));
        prop_assert_eq!(same_on_both_paths(&p, 0, settings), Path::Fast);
    }
}

/// The random offers reach every mechanic the fast path covers: most are valid and supported,
/// and many credit, earn back, pay bonuses, fire triggers and bind caps.
#[test]
fn the_random_offers_exercise_every_mechanic() {
    let mut seen = [0; 6];
    for seed in 0..300 {
        let (p, settings) = random_project(seed);
        if !validate(&p).is_empty() {
            continue;
        }
        let Ok(simulation) = Simulation::new(&p, &p.scenarios[0], settings) else {
            continue;
        };
        assert_eq!(simulation.fast_path(), Ok(()), "seed {seed}");
        let (_, rows, _) = simulate_on(&p, 0, settings, Path::Fast);
        let any = |f: &dyn Fn(&TrialRow) -> bool| usize::from(rows.iter().any(f));
        seen[0] += 1;
        seen[1] += any(&|r| r.credits > Decimal::ZERO);
        seen[2] += any(&|r| r.earn_back > Decimal::ZERO);
        seen[3] += any(&|r| r.bonuses > Decimal::ZERO);
        seen[4] += any(&|r| !r.triggers.is_empty());
        seen[5] += any(&|r| !r.caps_binding.is_empty());
    }
    assert!(seen[0] >= 250, "{seen:?}");
    assert!(seen[1..].iter().all(|&n| n >= 30), "{seen:?}");
}
