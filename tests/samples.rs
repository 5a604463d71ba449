//! The bundled samples: each parses, validates with zero problems, has at least 24 months of
//! KPI history and at least two offers, and shows the mechanics it is bundled for.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

use std::path::Path;

use dealbench::model::{
    CreditRule, KpiData, MissingData, Pricing, Project, TerminationTrigger, TierMode, YearMonth,
    validate,
};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const SAMPLES: [&str; 3] = [
    "contact_centre.ron",
    "it_outsourcing.ron",
    "cloud_service.ron",
];

fn load(file: &str) -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ron::from_str::<Project>(&text).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn ym(text: &str) -> YearMonth {
    text.parse().unwrap()
}

#[test]
fn every_sample_parses_and_validates_without_problems() {
    for file in SAMPLES {
        let project = load(file);
        let problems = validate(&project);
        assert!(
            problems.is_empty(),
            "{file}:\n{}",
            problems
                .iter()
                .map(|p| format!("  {p}\n"))
                .collect::<String>()
        );
    }
}

#[test]
fn every_sample_reads_the_same_with_implicit_some() {
    // The project loader reads files with `implicit_some`; the samples write `Some(…)`, which
    // must mean the same thing there.
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    for file in SAMPLES {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let project: Project = options
            .from_str(&text)
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(project, load(file), "{file}");
    }
}

#[test]
fn every_sample_has_two_offers_and_two_years_of_kpi_history() {
    for file in SAMPLES {
        let project = load(file);
        assert!(
            project.scenarios.len() >= 2,
            "{file}: fewer than two offers"
        );
        assert!(!project.kpis.is_empty(), "{file}: no KPIs");
        for kpi in &project.kpis {
            let (first, last) = (kpi.first_month().unwrap(), kpi.last_month().unwrap());
            assert_eq!(first, project.start, "{file}: KPI {} starts late", kpi.id);
            assert!(
                last.months_since(first) + 1 >= 24,
                "{file}: KPI {} has only {first}..{last}",
                kpi.id
            );
        }
        for volume in &project.volumes {
            let first = *volume.history.keys().next().unwrap();
            let last = *volume.history.keys().next_back().unwrap();
            assert!(
                last.months_since(first) + 1 >= 24,
                "{file}: volume {}",
                volume.id
            );
        }
        for scenario in &project.scenarios {
            assert!(
                !scenario.charges.is_empty(),
                "{file}: {} has no charges",
                scenario.name
            );
            assert!(
                !scenario.service_levels.is_empty(),
                "{file}: {} has no service levels",
                scenario.name
            );
        }
    }
}

#[test]
fn the_contact_centre_has_both_tier_modes_a_cliff_and_unmeasured_csat_months() {
    let p = load("contact_centre.ron");
    assert_eq!(
        (p.currency.as_str(), p.start, p.term_months),
        ("EUR", ym("2024-01"), 36)
    );
    let a = p.scenario("Offer A – Graduated").unwrap();
    let b = p.scenario("Offer B – All-units").unwrap();
    let modes: Vec<TierMode> = [a, b]
        .iter()
        .flat_map(|s| &s.charges)
        .filter_map(|c| match &c.pricing {
            Pricing::Tiered { mode, .. } => Some(*mode),
            _ => None,
        })
        .collect();
    assert!(modes.contains(&TierMode::Graduated) && modes.contains(&TierMode::AllUnits));
    assert!(a.service_level("asa").unwrap().earn_back.is_some());
    assert!(b.service_levels.iter().all(|sl| sl.earn_back.is_none()));
    // ASA misses its 45 s minimum in December 2024.
    let asa = p.kpi("asa_secs").unwrap();
    assert!(asa.observation(ym("2024-12")).unwrap().value > dec!(45));
    // Some months have fewer than 30 CSAT responses.
    let KpiData::Values { samples, .. } = &p.kpi("csat").unwrap().data else {
        panic!("CSAT is entered as values with samples")
    };
    assert!(samples.values().any(|&n| n < dec!(30)));
}

#[test]
fn the_it_outsourcing_deal_over_allocates_its_pool_and_misses_a_month() {
    let p = load("it_outsourcing.ron");
    assert_eq!(
        (p.currency.as_str(), p.start, p.term_months),
        ("GBP", ym("2023-04"), 60)
    );
    for s in &p.scenarios {
        assert_eq!(s.credit_regime.at_risk_pct, Some(dec!(12)), "{}", s.name);
        let total: Decimal = s
            .service_levels
            .iter()
            .map(|sl| match sl.credit {
                CreditRule::AtRisk { allocation_pct } => allocation_pct,
                _ => Decimal::ZERO,
            })
            .sum();
        assert_eq!(total, dec!(150), "{}: allocations", s.name);
        assert!(!s.indexation.is_empty(), "{}: indexation", s.name);
        assert!(
            s.service_levels
                .iter()
                .any(|sl| sl.missing_data == MissingData::DeemedMinimumMiss),
            "{}",
            s.name
        );
        assert!(
            s.triggers
                .iter()
                .any(|t| matches!(t, TerminationTrigger::CapReached { .. }))
        );
        assert!(
            s.triggers
                .iter()
                .any(|t| matches!(t, TerminationTrigger::ConsecutiveMinimumMisses { .. }))
        );
    }
    // One KPI has a month without a report.
    let gaps = p.kpis.iter().any(|k| {
        let months = k.months();
        months.windows(2).any(|w| w[1].months_since(w[0]) > 1)
    });
    assert!(gaps, "no KPI has a missing month");
}

#[test]
fn the_cloud_service_has_44_minutes_down_in_a_30_and_a_31_day_month() {
    let p = load("cloud_service.ron");
    assert_eq!(
        (p.currency.as_str(), p.start, p.term_months),
        ("USD", ym("2024-07"), 36)
    );
    let uptime = p.kpi("uptime").unwrap();
    let KpiData::Downtime { minutes } = &uptime.data else {
        panic!("uptime is entered as downtime minutes")
    };
    let days: Vec<u32> = minutes
        .iter()
        .filter(|&(_, &m)| m == dec!(44))
        .map(|(month, _)| month.days())
        .collect();
    assert!(
        days.contains(&30) && days.contains(&31),
        "44-minute months: {days:?}"
    );
    for (month, _) in minutes.iter().filter(|&(_, &m)| m == dec!(44)) {
        let value = uptime.observation(*month).unwrap().value;
        // Below 99.9 % in a 30-day month, above it in a 31-day month.
        assert_eq!(value < dec!(99.9), month.days() == 30, "{month}: {value}");
    }
    let list = p.scenario("Provider list terms").unwrap();
    let sl = list
        .service_levels
        .iter()
        .find(|sl| sl.kpi == "uptime")
        .unwrap();
    assert_eq!(sl.missing_data, MissingData::NoClaim);
    let CreditRule::Table(steps) = &sl.credit else {
        panic!("the list terms use a credit table")
    };
    let rows: Vec<(Decimal, Decimal)> =
        steps.iter().map(|s| (s.worse_than, s.credit_pct)).collect();
    assert_eq!(
        rows,
        [
            (dec!(99.9), dec!(10)),
            (dec!(99.0), dec!(25)),
            (dec!(95.0), dec!(100))
        ]
    );
}

/// The stories the samples are bundled to tell, as the engine bills them: if a change to a
/// sample or to the engine's semantics stops a mechanic from happening, this says which.
mod stories {
    use dealbench::engine::{EarnBackState, FlagKind, Ledger, Outcome, evaluate};

    use super::*;

    fn ledger(project: &Project, scenario: &str) -> Ledger {
        evaluate(project, project.scenario(scenario).unwrap())
    }

    fn outcome(ledger: &Ledger, month: &str, sl: &str) -> Outcome {
        let month = ledger
            .months
            .iter()
            .find(|m| m.period == ym(month))
            .unwrap();
        month
            .service_levels
            .iter()
            .find(|r| r.id == sl)
            .unwrap()
            .outcome
    }

    fn flagged(ledger: &Ledger, month: &str, kind: FlagKind, component: &str) -> bool {
        ledger
            .flags
            .iter()
            .any(|f| f.period == ym(month) && f.kind == kind && f.component == component)
    }

    fn earn_back(ledger: &Ledger, sl: &str, month: &str) -> EarnBackState {
        let entry = ledger
            .earn_back
            .iter()
            .find(|e| e.service_level == sl && e.credited_in == ym(month))
            .unwrap_or_else(|| panic!("no earn-back entry for {sl} in {month}"));
        entry.state
    }

    #[test]
    fn contact_centre() {
        let p = load("contact_centre.ron");
        let a = ledger(&p, "Offer A – Graduated");
        assert_eq!(outcome(&a, "2024-01", "asa"), Outcome::Excluded);
        assert_eq!(outcome(&a, "2024-01", "csat"), Outcome::NotMeasured);
        assert_eq!(outcome(&a, "2024-12", "asa"), Outcome::MissedMinimum);
        assert_eq!(earn_back(&a, "asa", "2024-11"), EarnBackState::Final);
        assert_eq!(earn_back(&a, "asa", "2024-12"), EarnBackState::EarnedBack);
        assert!(
            a.totals.bonuses > Decimal::ZERO,
            "the CSAT bonus is never paid"
        );
        let b = ledger(&p, "Offer B – All-units");
        assert!(flagged(&b, "2024-12", FlagKind::CapBinding, "monthly_cap"));
        assert!(b.earn_back.is_empty());
        let counter = ledger(&p, "Counter-offer");
        assert!(flagged(
            &counter,
            "2024-12",
            FlagKind::TerminationTrigger,
            "asa"
        ));
        assert!(
            !a.flags
                .iter()
                .any(|f| f.kind == FlagKind::TerminationTrigger)
        );
    }

    #[test]
    fn it_outsourcing() {
        let p = load("it_outsourcing.ron");
        let incumbent = ledger(&p, "Incumbent renewal");
        assert_eq!(
            outcome(&incumbent, "2024-08", "service_desk_asa"),
            Outcome::MissedMinimum
        );
        for month in ["2024-12", "2025-01", "2025-02"] {
            assert!(
                flagged(&incumbent, month, FlagKind::CapBinding, "at_risk_cap"),
                "{month}"
            );
        }
        let trigger = FlagKind::TerminationTrigger;
        assert!(flagged(&incumbent, "2025-02", trigger, "p1_resolution"));
        assert!(flagged(&incumbent, "2025-02", trigger, "credit_cap"));
        let challenger = ledger(&p, "Challenger");
        assert!(flagged(&challenger, "2025-02", trigger, "p1_resolution"));
        let history = |f: &&dealbench::engine::Flag| f.period <= ym("2025-09");
        assert!(
            !challenger
                .flags
                .iter()
                .filter(history)
                .any(|f| f.kind == trigger && f.component == "credit_cap"),
            "the challenger's allocations keep the cap from being reached 3 times in 6 months"
        );
        assert!(
            incumbent
                .flags
                .iter()
                .any(|f| f.kind == FlagKind::ChangeControl)
        );
    }

    #[test]
    fn cloud_service() {
        let p = load("cloud_service.ron");
        let list = ledger(&p, "Provider list terms");
        assert_eq!(outcome(&list, "2024-09", "uptime"), Outcome::MissedTarget);
        assert_eq!(outcome(&list, "2025-01", "uptime"), Outcome::Met);
        assert_eq!(outcome(&list, "2025-10", "uptime"), Outcome::NotMeasured);
        let negotiated = ledger(&p, "Negotiated enterprise terms");
        assert!(flagged(
            &negotiated,
            "2025-06",
            FlagKind::CapBinding,
            "annual_cap"
        ));
        let first = &negotiated.months[0];
        assert!(first.lines.iter().any(|l| l.component == "minimum_spend"));
    }
}
