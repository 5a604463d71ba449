//! Indexation: the index change limited, weighted and combined with productivity.

use crate::common::*;
use dealbench::engine::Stage;
use dealbench::model::*;
use rust_decimal_macros::dec;

fn indexed(
    productivity: ProductivityCombination,
    index_now: rust_decimal::Decimal,
) -> dealbench::engine::Ledger {
    let mut p = project("2025-01", 24);
    p.indices.push(IndexSeries {
        id: "cpi".into(),
        name: "CPI".into(),
        values: [(ym("2024-12"), dec!(100)), (ym("2025-12"), index_now)].into(),
        forecast_annual_pct: dec!(0),
    });
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000)));
    s.indexation = vec![Indexation {
        index: "cpi".into(),
        lag_months: 1,
        indexed_share_pct: dec!(70),
        floor_pct: Some(dec!(0)),
        cap_pct: Some(dec!(4)),
        productivity_pct: dec!(2),
        productivity,
        applies_to: ChargeScope::AllCharges,
        method: IndexationMethod::Line,
    }];
    run(&p)
}

#[test]
fn indexation_caps_the_index_change_weights_it_and_compounds_productivity() {
    let ledger = indexed(ProductivityCombination::Compounded, dec!(105));
    // Year 1 is never indexed.
    assert!(lines_at(&ledger, 11, Stage::Indexation).is_empty());
    // Year 2 (2026-01), index read one month earlier: 105 / 100 = +5 %, capped at 4 %,
    // × 70 % = 2.8 %; (1.028 × 0.98) = 1.00744; 0.00744 × 100,000 = 744.00
    assert_eq!(ledger.months[12].period, ym("2026-01"));
    assert_eq!(sum_at(&ledger, 12, Stage::Indexation), dec!(744.00));
    assert_eq!(sum_at(&ledger, 23, Stage::Indexation), dec!(744.00));
    assert_eq!(ledger.years[1].totals.adjustments, dec!(8928.00)); // 12 × 744
}

#[test]
fn indexation_with_additive_productivity() {
    let ledger = indexed(ProductivityCombination::Additive, dec!(105));
    // 1 + (2.8 − 2) / 100 = 1.008 → 800.00
    assert_eq!(sum_at(&ledger, 12, Stage::Indexation), dec!(800.00));
}

#[test]
fn indexation_floor_stops_a_falling_index_but_productivity_still_applies() {
    let ledger = indexed(ProductivityCombination::Compounded, dec!(97));
    // −3 % floored to 0 %; factor (1 + 0) × 0.98 = 0.98 → −2,000.00
    assert_eq!(sum_at(&ledger, 12, Stage::Indexation), dec!(-2000.00));
}

/// A unit rate indexed at 100 % over three contract years, by re-rating or by a line: the two
/// methods differ by cents every month.
fn rate_indexed(method: IndexationMethod) -> dealbench::engine::Ledger {
    let mut p = project("2025-01", 36);
    p.indices.push(IndexSeries {
        id: "cpi".into(),
        name: "CPI".into(),
        values: [
            (ym("2024-12"), dec!(100)),
            (ym("2025-12"), dec!(103.17)),
            (ym("2026-12"), dec!(106)),
        ]
        .into(),
        forecast_annual_pct: dec!(0),
    });
    add_volume(&mut p, "calls", monthly("2025-01", &[dec!(10001); 36]));
    let s = scenario(&mut p);
    s.charges.push(Charge {
        id: "calls".into(),
        name: "Calls".into(),
        pricing: Pricing::UnitRates {
            rates: vec![UnitRate {
                class: "standard".into(),
                volume: "calls".into(),
                rate: dec!(1.2345),
            }],
        },
    });
    s.indexation = vec![Indexation {
        index: "cpi".into(),
        lag_months: 1,
        indexed_share_pct: dec!(100),
        floor_pct: None,
        cap_pct: None,
        productivity_pct: dec!(0),
        productivity: ProductivityCombination::Compounded,
        applies_to: ChargeScope::AllCharges,
        method,
    }];
    run(&p)
}

#[test]
fn re_rating_bills_the_month_on_the_new_rate_kept_to_the_stated_precision() {
    let rerate = rate_indexed(IndexationMethod::ReRate {
        precision: Precision {
            decimals: 4,
            rule: RoundingRule::HalfAwayFromZero,
        },
    });
    let net = |l: &dealbench::engine::Ledger, i: usize| l.months[i].totals.net;
    // Year 1: 10,001 × 1.2345 = 12,346.2345 → 12,346.23.
    assert_eq!(net(&rerate, 0), dec!(12346.23));
    // Year 2: 103.17 / 100 = × 1.0317; 1.2345 × 1.0317 = 1.27363365 → 1.2736 (4 decimals,
    // half up); 10,001 × 1.2736 = 12,737.2736 → 12,737.27. No indexation line.
    assert_eq!(net(&rerate, 12), dec!(12737.27));
    assert!(lines_at(&rerate, 12, Stage::Indexation).is_empty());
    assert_eq!(
        rerate.months[12].lines[0].explanation,
        "Calls (standard): 10,001 × 1.2736 (prices re-rated by indexation for contract year 2: last year's × 1.0317, kept to 4 decimals, half up)"
    );
    // Year 3: 106 / 103.17 = × 1.0274304546…; 1.2736 × 1.0274304546… = 1.3085354… → 1.3085;
    // 10,001 × 1.3085 = 13,086.3085 → 13,086.31.
    assert_eq!(net(&rerate, 24), dec!(13086.31));

    let line = rate_indexed(IndexationMethod::Line);
    // Year 2 by a line: 12,346.23 + 0.0317 × 12,346.23 (= 391.375491 → 391.38) = 12,737.61,
    // 0.34 more than re-rating.
    assert_eq!(net(&line, 12), dec!(12737.61));
    assert_eq!(sum_at(&line, 12, Stage::Indexation), dec!(391.38));
    // Year 3: cumulative 1.0317 × 1.0274304546… = 1.06; 0.06 × 12,346.23 = 740.7738 → 740.77;
    // 12,346.23 + 740.77 = 13,087.00.
    assert_eq!(net(&line, 24), dec!(13087.00));
}

/// Several clauses: the fee's labour share (60 %) on a labour index and its other share
/// (40 %) on a price index, and the unit rate at 100 % of the labour index. Each clause makes
/// its own lines, addressed by its position.
#[test]
fn several_clauses_index_each_its_own_charges_on_its_own_index() {
    let mut p = project("2025-01", 13);
    let index = |id: &str, then, now| IndexSeries {
        id: id.into(),
        name: id.into(),
        values: [(ym("2024-12"), then), (ym("2025-12"), now)].into(),
        forecast_annual_pct: dec!(0),
    };
    p.indices.push(index("labour", dec!(100), dec!(105)));
    p.indices.push(index("ppi", dec!(200), dec!(205)));
    add_volume(&mut p, "calls", monthly("2025-01", &[dec!(10000); 13]));
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000)));
    s.charges.push(Charge {
        id: "calls".into(),
        name: "Calls".into(),
        pricing: Pricing::UnitRates {
            rates: vec![UnitRate {
                class: "standard".into(),
                volume: "calls".into(),
                rate: dec!(1),
            }],
        },
    });
    let clause = |index: &str, share, on: &str| Indexation {
        index: index.into(),
        lag_months: 1,
        indexed_share_pct: share,
        floor_pct: None,
        cap_pct: None,
        productivity_pct: dec!(0),
        productivity: ProductivityCombination::Compounded,
        applies_to: ChargeScope::Components(vec![on.into()]),
        method: IndexationMethod::Line,
    };
    s.indexation = vec![
        clause("labour", dec!(60), "base"),
        clause("ppi", dec!(40), "base"),
        clause("labour", dec!(100), "calls"),
    ];
    let ledger = run(&p);
    let lines: Vec<_> = lines_at(&ledger, 12, Stage::Indexation)
        .iter()
        .map(|l| (l.term.clone(), l.component.clone(), l.amount))
        .collect();
    // Labour +5 % × 60 % = 3 % of 100,000 = 3,000.00; PPI 205 / 200 = +2.5 % × 40 % = 1 % of
    // 100,000 = 1,000.00; calls: +5 % × 100 % of 10,000 × 1 = 500.00.
    assert_eq!(
        lines,
        vec![
            (Component::Indexation(0), "base".to_owned(), dec!(3000.00)),
            (Component::Indexation(1), "base".to_owned(), dec!(1000.00)),
            (Component::Indexation(2), "calls".to_owned(), dec!(500.00)),
        ]
    );
    // Re-rating the fee by the two shares adds their changes: 100,000 × (1 + 0.03 + 0.01) =
    // 104,000.00 (kept to 2 decimals).
    let s = scenario(&mut p);
    for ix in &mut s.indexation[..2] {
        ix.method = IndexationMethod::ReRate {
            precision: Precision {
                decimals: 2,
                rule: RoundingRule::HalfAwayFromZero,
            },
        };
    }
    let ledger = run(&p);
    assert_eq!(sum_at(&ledger, 12, Stage::BaseCharge), dec!(114000.00));
    assert_eq!(sum_at(&ledger, 12, Stage::Indexation), dec!(500.00));
}

/// The project file takes one clause as it always did (`Some(..)`, or the clause alone) and
/// several as a list; one clause is written back as `Some(..)`.
#[test]
fn the_file_reads_one_clause_as_before_and_several_as_a_list() {
    use dealbench::io::project::{parse_unchecked, to_ron};
    let clause = r#"(index: "cpi", indexed_share_pct: "70")"#;
    let offer = |indexation: &str| {
        format!(
            r#"#![enable(implicit_some)]
(format_version: 1, name: "P", currency: "EUR", start: "2025-01", term_months: 12,
 scenarios: [(name: "A", indexation: {indexation})])"#
        )
    };
    let read = |text: String| {
        parse_unchecked(&text, "p.ron").expect("reads").scenarios[0]
            .indexation
            .len()
    };
    assert_eq!(read(offer("None")), 0);
    assert_eq!(read(offer(&format!("Some({clause})"))), 1);
    assert_eq!(read(offer(clause)), 1);
    assert_eq!(read(offer(&format!("[{clause}, {clause}]"))), 2);
    let one = parse_unchecked(&offer(&format!("Some({clause})")), "p.ron").expect("reads");
    let written = to_ron(&one);
    assert!(
        written.contains("indexation: Some((") || written.contains("indexation: ("),
        "{written}"
    );
    let two = parse_unchecked(&offer(&format!("[{clause}, {clause}]")), "p.ron").expect("reads");
    assert!(to_ron(&two).contains("indexation: ["), "{}", to_ron(&two));
    assert_eq!(parse_unchecked(&to_ron(&two), "p.ron").expect("reads"), two);
}
