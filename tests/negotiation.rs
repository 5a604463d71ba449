//! Negotiation analyses on small offers, with the hand arithmetic: the tornado (each term moved
//! down and up), two-term grids and the volume at which two offers break even.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

#[path = "common/mod.rs"]
mod common;

use common::*;
use dealbench::engine::breakeven::{Meeting, break_even};
use dealbench::engine::grid::{Axis, Measure, grid};
use dealbench::engine::sensitivity::{Moves, moved, sensitivity};
use dealbench::model::terms::{NumericTerm, Unit};
use dealbench::model::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn unit_rate(id: &str, rate: Decimal) -> Charge {
    Charge {
        id: id.into(),
        name: id.into(),
        pricing: Pricing::UnitRates {
            rates: vec![UnitRate {
                class: "all".into(),
                volume: "calls".into(),
                rate,
            }],
        },
    }
}

fn graduated(id: &str, bands: Vec<TierBand>) -> Charge {
    Charge {
        id: id.into(),
        name: id.into(),
        pricing: Pricing::Tiered {
            volume: "calls".into(),
            mode: TierMode::Graduated,
            bands,
        },
    }
}

fn band(from: Decimal, to: Option<Decimal>, rate: Decimal) -> TierBand {
    TierBand {
        from,
        to,
        rate,
        flat_fee: dec!(0),
    }
}

/// 12 months from 2025-01 with 1,000 calls a month; offer "A" holds `a`, offer "B" holds `b`.
fn two_offers(a: Charge, b: Charge) -> Project {
    let mut p = project("2025-01", 12);
    add_volume(&mut p, "calls", monthly("2025-01", &[dec!(1000); 12]));
    scenario(&mut p).name = "A".into();
    scenario(&mut p).charges.push(a);
    let mut offer_b = Scenario::new("B");
    offer_b.charges.push(b);
    p.scenarios.push(offer_b);
    assert_eq!(validate(&p), vec![]);
    p
}

#[test]
fn a_fixed_fee_and_a_unit_rate_cross_at_fee_over_rate() {
    // A: 5,000 a month fixed = 60,000 over the term. B: 3.00 a call on 1,000k calls a month =
    // 3,000k a month = 36,000k over the term. Equal at k = 60,000 / 36,000 = 5/3 = 1.6667
    // (5,000 calls a month: fee / rate), between the samples 1.65 and 1.70 (0.5 to 2.0 in 30
    // steps of 0.05).
    let p = two_offers(fixed("fee", dec!(5000)), unit_rate("calls", dec!(3.00)));
    let be = break_even(&p, &p.scenarios[0], &p.scenarios[1], (dec!(0.5), dec!(2.0)));
    assert_eq!(be.all.volume, dec!(12000));
    assert_eq!(be.all.crossings.len(), 1);
    let c = &be.all.crossings[0];
    assert_eq!(c.bracket, (dec!(1.65), dec!(1.70)));
    assert_eq!(c.meeting, Meeting::Equal);
    assert!(
        (c.multiple - dec!(5) / dec!(3)).abs() < dec!(0.000001),
        "{}",
        c.multiple
    );
    // 3.00 × 1,666.67 calls = 5,000.00 a month once rounded to the cent: equal to the cent.
    assert_eq!(c.net_a, dec!(60000));
    assert!((c.net_b - dec!(60000)).abs() <= dec!(0.01), "{}", c.net_b);
    // 12,000 calls over the term × 5/3 = 20,000 calls.
    assert!((c.volume - dec!(20000)).abs() < dec!(0.01));
    // One series: scaled alone it is the same crossing.
    assert_eq!(be.per_series.len(), 1);
    assert_eq!(be.per_series[0].series.as_deref(), Some("calls"));
    assert_eq!(be.per_series[0].crossings[0].bracket, c.bracket);
}

#[test]
fn a_crossing_past_a_tier_kink_is_solved_exactly() {
    // B: graduated, 0–1,020 calls at 4.00, above at 2.00: at k ≥ 1.02 a month costs
    // 4,080 + 2 × (1,000k − 1,020) = 2,040 + 2,000k; below, 4,000k. A: 4,120 a month fixed.
    // 2,040 + 2,000k = 4,120 → k = 1.04, inside the sampled bracket 1.00–1.05 that also holds
    // the kink at 1.02 (the line through the bracket's ends first lands at 1.0429, past the
    // crossing; the refinement then finds it on the linear piece beyond the kink).
    let b = graduated(
        "calls",
        vec![
            band(dec!(0), Some(dec!(1020)), dec!(4.00)),
            band(dec!(1020), None, dec!(2.00)),
        ],
    );
    let p = two_offers(fixed("fee", dec!(4120)), b);
    let be = break_even(&p, &p.scenarios[0], &p.scenarios[1], (dec!(0.5), dec!(2.0)));
    assert_eq!(be.all.crossings.len(), 1);
    let c = &be.all.crossings[0];
    assert_eq!(c.bracket, (dec!(1.00), dec!(1.05)));
    assert_eq!(c.meeting, Meeting::Equal);
    // Equal to the cent over 12 months: |Δk| × 2,000 × 12 ≤ 0.01 → |Δk| ≤ 0.0000004.
    assert!(
        (c.multiple - dec!(1.04)).abs() < dec!(0.000001),
        "{}",
        c.multiple
    );
    // 4,120 × 12 = 49,440.
    assert_eq!(c.net_a, dec!(49440));
    assert!((c.net_b - dec!(49440)).abs() <= dec!(0.01), "{}", c.net_b);
}

#[test]
fn offers_that_never_cross_in_the_range_say_so() {
    // A: 60,000 over the term; B: 4.00 × 12,000k = 48,000k; equal at k = 1.25, below 1.5.
    let p = two_offers(fixed("fee", dec!(5000)), unit_rate("calls", dec!(4.00)));
    let be = break_even(&p, &p.scenarios[0], &p.scenarios[1], (dec!(1.5), dec!(2.0)));
    assert!(be.all.crossings.is_empty());
    assert_eq!(be.all.samples.len(), 31);
    // At × 1.5: B = 48,000 × 1.5 = 72,000, dearer than A's 60,000.
    assert_eq!(be.all.samples[0].net_b, dec!(72000));
    // On a sample exactly: 1.25 is 0.5 + 15 × 0.05, a crossing bracketed by itself.
    let be = break_even(&p, &p.scenarios[0], &p.scenarios[1], (dec!(0.5), dec!(2.0)));
    assert_eq!(be.all.crossings.len(), 1);
    assert_eq!(be.all.crossings[0].bracket, (dec!(1.25), dec!(1.25)));
    assert_eq!(be.all.crossings[0].net_b, dec!(60000));
}

#[test]
fn an_all_units_cliff_is_a_jump_not_an_equality() {
    // B: all-units, 0–1,020 at 5.50, above at 4.50. A: 5,000 a month. B costs 5,500k a month
    // up to k = 1.02 (equal to A at k = 5,000 / 5,500 = 0.9091) and 4,500k above it: 5,610 at
    // the edge, 4,590.05 just above: dearer then cheaper than A at the cliff, never equal there;
    // then equal again at 4,500k = 5,000, k = 1.1111. Each in its own sampling step.
    let mut b = graduated(
        "calls",
        vec![
            band(dec!(0), Some(dec!(1020)), dec!(5.50)),
            band(dec!(1020), None, dec!(4.50)),
        ],
    );
    if let Pricing::Tiered { mode, .. } = &mut b.pricing {
        *mode = TierMode::AllUnits;
    }
    let p = two_offers(fixed("fee", dec!(5000)), b);
    let be = break_even(&p, &p.scenarios[0], &p.scenarios[1], (dec!(0.5), dec!(2.0)));
    let kinds: Vec<_> = be.all.crossings.iter().map(|c| c.meeting).collect();
    assert_eq!(kinds, [Meeting::Equal, Meeting::Jump, Meeting::Equal]);
    assert!((be.all.crossings[0].multiple - dec!(10) / dec!(11)).abs() < dec!(0.000001));
    assert!((be.all.crossings[1].multiple - dec!(1.02)).abs() < dec!(0.000001));
    assert!((be.all.crossings[2].multiple - dec!(10) / dec!(9)).abs() < dec!(0.000001));
}

/// 12 months, 500 calls a month: a fixed fee of 1,000 a month and graduated calls at 3.00 up to
/// 1,000 and 1.00 above (never reached).
fn tiny_offer() -> Project {
    let mut p = project("2025-01", 12);
    add_volume(&mut p, "calls", monthly("2025-01", &[dec!(500); 12]));
    scenario(&mut p).charges.push(fixed("fee", dec!(1000)));
    scenario(&mut p).charges.push(graduated(
        "calls",
        vec![
            band(dec!(0), Some(dec!(1000)), dec!(3.00)),
            band(dec!(1000), None, dec!(1.00)),
        ],
    ));
    assert_eq!(validate(&p), vec![]);
    p
}

#[test]
fn the_tornado_ranks_terms_by_swing_and_lists_what_it_skipped() {
    // Net: 1,000 × 12 + 500 × 3.00 × 12 = 12,000 + 18,000 = 30,000.
    let p = tiny_offer();
    let s = sensitivity(&p, &p.scenarios[0], &Moves::default());
    assert_eq!(s.net, dec!(30000));
    let rows: Vec<_> = s
        .swings
        .iter()
        .map(|w| (w.term.as_str(), w.net_low, w.net_high, w.swing))
        .collect();
    assert_eq!(
        rows,
        [
            // 3.00 ± 10 % = 2.70 / 3.30: 12,000 + 6,000 × 2.70 = 28,200; + 6,000 × 3.30 = 31,800.
            (
                "charge \"calls\" / band 1 rate",
                dec!(28200),
                dec!(31800),
                dec!(3600)
            ),
            // 1,000 ± 10 % = 900 / 1,100: 10,800 + 18,000 = 28,800; 13,200 + 18,000 = 31,200.
            (
                "charge \"fee\" / monthly fee",
                dec!(28800),
                dec!(31200),
                dec!(2400)
            ),
            // The edge between the bands moves nothing (900 or 1,100: 500 calls stay in band
            // 1), nor does band 2's rate (never reached). Equal swings keep the order of
            // operations.
            (
                "charge \"calls\" / band 1 upper edge",
                dec!(30000),
                dec!(30000),
                dec!(0)
            ),
            (
                "charge \"calls\" / band 2 rate",
                dec!(30000),
                dec!(30000),
                dec!(0)
            ),
        ]
    );
    // The edge moved band 1's upper and band 2's lower edge together (else the bands would not
    // meet), so band 2's lower edge is listed as moved with it; flat fees of 0 move nothing.
    let skipped: Vec<_> = s.skipped.iter().map(|k| k.term.as_str()).collect();
    assert_eq!(
        skipped,
        [
            "charge \"calls\" / band 1 flat fee",
            "charge \"calls\" / band 2 lower edge",
            "charge \"calls\" / band 2 flat fee",
        ]
    );
    assert!(s.skipped[0].reason.contains("is 0"));
    assert_eq!(
        s.skipped[1].reason,
        "the same edge as charge \"calls\" / band 1 upper edge: moved with it"
    );
    assert_eq!((s.swings[2].low, s.swings[2].high), (dec!(900), dec!(1100)));
}

#[test]
fn thresholds_move_by_a_step_in_the_kpi_unit_and_whole_numbers_by_at_least_one() {
    let term = |unit: Unit, value: Decimal, whole: bool| NumericTerm {
        path: Component::Indexation(0).field(Field::LagMonths),
        value,
        unit,
        whole,
    };
    let moves = Moves::default();
    // A 45 s answer-time target: 5 s either way; an 80 % KPI target: 1 percentage point.
    assert_eq!(
        moved(&term(Unit::Kpi("s".into()), dec!(45), false), &moves),
        (dec!(40), dec!(50))
    );
    assert_eq!(
        moved(&term(Unit::Kpi("%".into()), dec!(80), false), &moves),
        (dec!(79), dec!(81))
    );
    // A lag of 3 months: 10 % is 0.3, rounded to 0, so 1 month either way; 20 months: 2.
    assert_eq!(
        moved(&term(Unit::Months, dec!(3), true), &moves),
        (dec!(2), dec!(4))
    );
    assert_eq!(
        moved(&term(Unit::Months, dec!(20), true), &moves),
        (dec!(18), dec!(22))
    );
    // A rate at 25 %: 3.00 → 2.25 / 3.75.
    let quarter = Moves {
        pct: dec!(25),
        ..Moves::default()
    };
    assert_eq!(
        moved(&term(Unit::MoneyPerUnit, dec!(3.00), false), &quarter),
        (dec!(2.25), dec!(3.75))
    );
}

#[test]
fn a_two_by_two_grid_bills_each_pair() {
    // Net = 12 × fee + 6,000 × band-1 rate (500 calls × 12 months).
    let p = tiny_offer();
    let fee = Component::Charge("fee".into()).field(Field::Monthly);
    let rate = Component::Charge("calls".into()).field(Field::Band(0, BandField::Rate));
    let x = Axis {
        path: fee,
        from: dec!(1000),
        to: dec!(2000),
        steps: 2,
    };
    let y = Axis {
        path: rate,
        from: dec!(2),
        to: dec!(3),
        steps: 2,
    };
    let g = grid(&p, &p.scenarios[0], &x, &y, Measure::Net).unwrap();
    assert_eq!(g.xs, [dec!(1000), dec!(2000)]);
    assert_eq!(g.ys, [dec!(2), dec!(3)]);
    assert_eq!(
        g.cells,
        [
            // 12,000 + 12,000 = 24,000; 24,000 + 12,000 = 36,000.
            [Some(dec!(24000)), Some(dec!(36000))],
            // 12,000 + 18,000 = 30,000; 24,000 + 18,000 = 42,000.
            [Some(dec!(30000)), Some(dec!(42000))],
        ]
    );
    assert_eq!(g.current, (dec!(1000), dec!(3.00)));
    assert_eq!(g.current_value, dec!(30000));
    // No credits in this offer: every cell is 0.
    let credits = grid(&p, &p.scenarios[0], &x, &y, Measure::Credits).unwrap();
    assert!(
        credits
            .cells
            .iter()
            .flatten()
            .all(|c| *c == Some(Decimal::ZERO))
    );
    // A band edge that breaks the bands leaves its cells empty, with the reason.
    let edge = Axis {
        path: Component::Charge("calls".into()).field(Field::Band(0, BandField::To)),
        from: dec!(900),
        to: dec!(1000),
        steps: 2,
    };
    let g = grid(&p, &p.scenarios[0], &edge, &y, Measure::Net).unwrap();
    assert_eq!(g.cells[0][0], None);
    assert_eq!(g.cells[0][1], Some(dec!(24000)));
    assert!(g.invalid_reason.is_some());
}

#[path = "common/cli.rs"]
mod cli_run;

mod cli {
    use super::cli_run::dealbench;

    const SMALL: &str = "tests/fixtures/small.ron";

    fn text(bytes: &[u8]) -> String {
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[test]
    fn sensitivity_prints_the_tornado_and_json_has_every_swing() {
        let out = dealbench(&["sensitivity", SMALL]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let table = text(&out.stdout);
        assert!(table.starts_with("Offer A: net "), "{table}");
        assert!(
            table.contains("charge \"base_fee\" / monthly fee"),
            "{table}"
        );
        let out = dealbench(&["sensitivity", SMALL, "--pct", "5", "-f", "json"]);
        let json: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
        let swings = json["swings"].as_array().unwrap();
        assert!(!swings.is_empty());
        // The base fee of 10,000 a month moves by ±5 %: 9,500 and 10,500.
        let fee = swings
            .iter()
            .find(|s| s["term"] == "charge \"base_fee\" / monthly fee")
            .unwrap();
        assert_eq!(
            (fee["low"].as_str(), fee["high"].as_str()),
            (Some("9500"), Some("10500"))
        );
        assert!(json["skipped"].is_array());
    }

    #[test]
    fn a_grid_of_two_terms_and_its_errors() {
        let out = dealbench(&[
            "sensitivity",
            SMALL,
            "--grid",
            "charge \"base_fee\" / monthly fee=9000..11000:3",
            "charge \"calls\" / band 1 rate=3..5:3",
            "-f",
            "json",
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let json: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
        assert_eq!(json["xs"], serde_json::json!(["9000", "10000", "11000"]));
        assert_eq!(json["cells"].as_array().unwrap().len(), 3);
        let bad = dealbench(&["sensitivity", SMALL, "--grid", "nothing=1..2:2", "x=1..2:2"]);
        assert_eq!(bad.status.code(), Some(2));
        let message = text(&bad.stderr);
        assert!(message.contains("--grid: tests/fixtures/small.ron: offer \"Offer A\" has no numeric term \"nothing\""), "{message}");
        let bad = dealbench(&["sensitivity", SMALL, "--pct", "0"]);
        assert_eq!(bad.status.code(), Some(2));
    }

    #[test]
    fn breakeven_gives_the_crossing_or_none_in_range() {
        let out = dealbench(&["breakeven", SMALL, "--a", "Offer A", "--b", "Offer B"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let table = text(&out.stdout);
        assert!(
            table.starts_with("Offer A against Offer B, volumes × 0.5 to × 2"),
            "{table}"
        );
        assert!(table.contains("all together"), "{table}");
        let out = dealbench(&[
            "breakeven",
            SMALL,
            "--a",
            "Offer A",
            "--b",
            "Offer B",
            "-f",
            "json",
        ]);
        let json: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
        assert!(json["all"]["crossings"].is_array());
        assert_eq!(json["all"]["samples"].as_array().unwrap().len(), 31);
        let bad = dealbench(&[
            "breakeven",
            SMALL,
            "--a",
            "Offer A",
            "--b",
            "Offer B",
            "--from",
            "2",
            "--to",
            "1",
        ]);
        assert_eq!(bad.status.code(), Some(2));
    }
}
