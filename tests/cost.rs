//! The provider's side: intervals spread on the calendar, paid hours and FTE, cost, margin,
//! the cost of a target and the pricing solve, on cases computed by hand.

use dealbench::engine::cost::{PriceLever, cost, cost_of_target, default_targets, price, spread};
use dealbench::model::provider::{AnswerTarget, ArrivalProfile, LabourCost, ProviderModel};
use dealbench::model::{
    Charge, Pricing, Project, Scenario, VolumeForecast, VolumeSeries, YearMonth, validate,
};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn ym(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).expect("a month")
}

/// February 2025 (28 days from a Saturday: four of each weekday, 20 weekdays), two one-hour
/// intervals a weekday, 4,000 calls: 4,000 ÷ 20 days ÷ 2 = 100 calls an interval, 180 s each,
/// so A = 100 × 180 ÷ 3,600 = 5 Erlangs in every interval.
fn small() -> Project {
    let mut project = Project::new_blank(ym(2025, 2));
    project.term_months = 1;
    project.scenarios = vec![Scenario::new("Offer A")];
    project.scenarios[0].charges.push(Charge {
        id: "service_fee".into(),
        name: "Service fee".into(),
        pricing: Pricing::Fixed {
            monthly: dec!(15000.00),
        },
    });
    project.volumes.push(VolumeSeries {
        id: "calls".into(),
        name: "Calls".into(),
        unit: "calls".into(),
        history: [(ym(2025, 2), dec!(4000))].into(),
        forecast: VolumeForecast::Growth {
            annual_pct: Decimal::ZERO,
        },
    });
    project.scenarios[0].cost_model = Some(ProviderModel {
        profile: ArrivalProfile {
            interval_minutes: 60,
            opens_minute: 9 * 60,
            days: vec![
                dec!(1),
                dec!(1),
                dec!(1),
                dec!(1),
                dec!(1),
                dec!(0),
                dec!(0),
            ],
            intraday: vec![dec!(1), dec!(1)],
        },
        contacts: vec!["calls".into()],
        aht_s: dec!(180),
        answer: AnswerTarget::WithinSeconds {
            target_pct: dec!(80),
            within_s: dec!(20),
        },
        service_level: None,
        max_occupancy_pct: dec!(85),
        shrinkage_pct: dec!(30),
        labour: LabourCost::PerPaidHour(dec!(20.00)),
        fte_hours_per_month: dec!(160),
        overhead_pct: dec!(10),
        fixed_monthly: dec!(1000.00),
    });
    project
}

#[test]
fn the_small_case_validates() {
    assert_eq!(validate(&small()), vec![]);
}

#[test]
fn a_month_is_spread_by_its_real_weekdays() {
    // March 2025 starts on a Saturday: 31 days hold five Saturdays, Sundays and Mondays and
    // four of every other day. Weights 120, 105, 100, 100, 95, 45, 0 give
    // W = 5·120 + 4·105 + 4·100 + 4·100 + 4·95 + 5·45 = 600 + 420 + 400 + 400 + 380 + 225 = 2,425.
    // 48,500 calls: a Monday 48,500 × 120 ÷ 2,425 = 2,400, a Saturday 48,500 × 45 ÷ 2,425 = 900;
    // the default curve opens at 3.5 % of the day: Monday 08:00 = 84 calls, Saturday 31.5.
    let profile = ArrivalProfile::default();
    let month = spread(&profile, ym(2025, 3), dec!(48500));
    assert_eq!(month.open_intervals, 26 * 24);
    let first = |days: u32, contacts: Decimal| {
        month
            .slots
            .iter()
            .any(|s| s.interval == 0 && s.days == days && s.contacts == contacts)
    };
    assert!(first(5, dec!(84)), "Mondays at 08:00");
    assert!(first(5, dec!(31.5)), "Saturdays at 08:00");
    let total: Decimal = month
        .slots
        .iter()
        .map(|s| s.contacts * Decimal::from(s.days))
        .sum();
    assert_eq!(total, dec!(48500));
    assert_eq!(profile.interval_label(23), "19:30");
}

#[test]
fn paid_hours_fte_cost_and_margin_of_the_small_case() {
    // A = 5 Erlangs: 80 % in 20 s needs 8 agents (SL 0.8801; 7 give 0.7404); occupancy
    // ceil(5 ÷ 0.85) = 6 does not bind; scheduled ceil(8 ÷ 0.7) = ceil(11.43) = 12.
    // 40 intervals of an hour: productive 8 × 40 = 320 h (2.00 FTE of 160 h), paid
    // 12 × 40 = 480 h (3.00 FTE). Cost 480 × 20.00 × 1.10 + 1,000.00 = 10,560.00 + 1,000.00
    // = 11,560.00. Net 15,000.00, margin 3,440.00, 3,440 ÷ 15,000 = 22.93 %.
    let project = small();
    let report = cost(&project, &project.scenarios[0]).expect("costed");
    let m = &report.months[0];
    assert_eq!(m.intervals, 40);
    assert_eq!(m.contacts, dec!(4000));
    assert_eq!(m.productive_hours, dec!(320));
    assert_eq!(m.paid_hours, dec!(480));
    assert_eq!(
        (m.productive_fte, m.scheduled_fte),
        (dec!(2.00), dec!(3.00))
    );
    assert_eq!(m.cost, dec!(11560.00));
    assert_eq!(m.net, dec!(15000.00));
    assert_eq!(m.margin, dec!(3440.00));
    assert_eq!(m.margin_pct, Some(dec!(22.93)));
    assert_eq!(report.totals.margin, dec!(3440.00));
}

#[test]
fn an_average_speed_target_and_a_cost_per_fte() {
    // ASA at most 30 s: 6 agents answer in 105.75 s on average, 7 in 29.17 s: 7 productive,
    // scheduled 7 ÷ 0.7 = 10 exactly (not 11). Paid 10 × 40 = 400 h = 2.5 FTE;
    // at 3,200.00 per FTE: 2.5 × 3,200.00 × 1.10 + 1,000.00 = 8,800.00 + 1,000.00 = 9,800.00.
    let mut project = small();
    let model = project.scenarios[0].cost_model.as_mut().expect("a model");
    model.answer = AnswerTarget::AverageSpeed { asa_s: dec!(30) };
    model.labour = LabourCost::PerFte(dec!(3200.00));
    let report = cost(&project, &project.scenarios[0]).expect("costed");
    let m = &report.months[0];
    assert_eq!(m.productive_hours, dec!(280));
    assert_eq!(m.paid_hours, dec!(400));
    assert_eq!(m.scheduled_fte, dec!(2.50));
    assert_eq!(m.cost, dec!(9800.00));
}

#[test]
fn pricing_reaches_the_target_margin_to_the_cent() {
    // 30 % margin on a cost of 11,560.00: net ≥ 11,560 ÷ 0.7 = 16,514.2857…, so the fee is
    // 16,514.29 (margin 4,954.29, 30.00002 %); 16,514.28 would give 29.99998 %.
    let project = small();
    let offer = &project.scenarios[0];
    let lever = PriceLever::first(offer).expect("a fixed fee");
    let priced = price(&project, offer, &lever, dec!(30), Decimal::ZERO).expect("priced");
    assert_eq!(priced.after, dec!(16514.29));
    assert_eq!(priced.net, dec!(16514.29));
    assert_eq!(priced.margin, dec!(4954.29));
    assert_eq!(priced.margin_pct, Some(dec!(30.00)));
    assert!(priced.linear);
    assert!(dec!(4954.28) / dec!(16514.28) < dec!(0.3));
    let Pricing::Fixed { monthly } = &priced.scenario.charges[0].pricing else {
        panic!("the fee is still fixed");
    };
    assert_eq!(*monthly, dec!(16514.29));
    assert!(priced.scenario.notes.contains("30 % margin"));
    // A premium of 1,000.00 more credits: net ≥ 16,514.2857… + 1,000 → 17,514.29.
    let priced = price(&project, offer, &lever, dec!(30), dec!(1000)).expect("priced");
    assert_eq!(priced.after, dec!(17514.29));
    assert_eq!(priced.margin_pct, Some(dec!(30.00)));
}

#[test]
fn a_margin_of_a_hundred_percent_is_refused() {
    let project = small();
    let offer = &project.scenarios[0];
    let lever = PriceLever::first(offer).expect("a fixed fee");
    let error = price(&project, offer, &lever, dec!(100), Decimal::ZERO).unwrap_err();
    assert_eq!(
        error.to_string(),
        "a margin of 100 % cannot be reached; give a margin below 100 %"
    );
}

#[test]
fn a_cost_model_naming_a_missing_series_is_refused_with_advice() {
    let mut project = small();
    project.scenarios[0]
        .cost_model
        .as_mut()
        .expect("a model")
        .contacts = vec!["emails".into()];
    let problems = validate(&project);
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].to_string(),
        "scenario \"Offer A\": cost model: contacts name volume \"emails\", which does not exist; name an existing volume series"
    );
    assert!(cost(&project, &project.scenarios[0]).is_err());
}

#[test]
fn the_sample_has_a_cost_model_and_its_target_sweep_has_a_cheapest_point() {
    let project = dealbench::io::project::default_project();
    assert_eq!(validate(&project), vec![]);
    let offer = &project.scenarios[0];
    let report = cost(&project, offer).expect("costed");
    assert_eq!(report.months.len(), 36);
    assert_eq!(
        report.answer,
        AnswerTarget::AverageSpeed { asa_s: dec!(30) }
    );
    let targets = default_targets(offer, "asa");
    assert_eq!(targets.first(), Some(&dec!(60.0)));
    assert_eq!(targets.last(), Some(&dec!(12.0)));
    let sweep = cost_of_target(&project, offer, "asa", &targets, None).expect("swept");
    assert!(sweep.drives_staffing);
    // A tighter answer time costs more to deliver.
    assert!(sweep.points[0].cost < sweep.points[8].cost);
    assert!(sweep.cheapest.is_some());
}
