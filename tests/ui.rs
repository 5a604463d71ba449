//! Interaction tests of the desktop app with egui_kittest: no window is opened.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]
#![cfg(feature = "gui")]

#[path = "common/app.rs"]
mod app;

use dealbench::model::*;
use dealbench::ui::DealbenchApp;
use dealbench::ui::state::{Selection, Settings};
use eframe::egui::{self, Modifiers, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn ym(text: &str) -> YearMonth {
    text.parse().unwrap()
}

/// A contact-centre-like project built in code: a fixed fee, graduated call tiers, ASA and
/// abandonment service levels, a bonus, a year of KPI history and volumes.
fn demo_project() -> Project {
    let mut p = Project::new_blank(ym("2025-01"));
    p.name = "Contact centre demo".into();
    p.customer = "Demo customer".into();
    let months: Vec<YearMonth> = ym("2025-01").through(ym("2025-12")).collect();
    let asa = [28, 31, 25, 36, 29, 27, 33, 41, 26, 24, 30, 29];
    let calls = [
        9200, 9800, 10400, 11100, 9900, 9500, 8800, 9100, 10200, 10900, 11800, 12300,
    ];
    p.kpis.push(KpiSeries {
        id: "asa_secs".into(),
        name: "Average speed of answer".into(),
        unit: "s".into(),
        data: KpiData::Values {
            values: months
                .iter()
                .zip(asa)
                .map(|(m, v)| (*m, Decimal::from(v)))
                .collect(),
            samples: MonthlyValues::new(),
        },
        projected: MonthlyValues::new(),
    });
    p.volumes.push(VolumeSeries {
        id: "calls".into(),
        name: "Calls offered".into(),
        unit: "calls".into(),
        history: months
            .iter()
            .zip(calls)
            .map(|(m, v)| (*m, Decimal::from(v)))
            .collect(),
        forecast: VolumeForecast::Growth {
            annual_pct: dec!(3),
        },
    });
    let s = &mut p.scenarios[0];
    s.charges.push(Charge {
        id: "base_fee".into(),
        name: "Base service fee".into(),
        pricing: Pricing::Fixed {
            monthly: dec!(180000),
        },
    });
    s.charges.push(Charge {
        id: "calls_tiers".into(),
        name: "Calls, graduated".into(),
        pricing: Pricing::Tiered {
            volume: "calls".into(),
            mode: TierMode::Graduated,
            bands: vec![
                TierBand {
                    from: dec!(0),
                    to: Some(dec!(5000)),
                    rate: dec!(4.00),
                    flat_fee: dec!(0),
                },
                TierBand {
                    from: dec!(5000),
                    to: None,
                    rate: dec!(3.50),
                    flat_fee: dec!(0),
                },
            ],
        },
    });
    s.service_levels.push(ServiceLevel {
        id: "asa".into(),
        name: "ASA ≤ 30 s".into(),
        kpi: "asa_secs".into(),
        direction: Direction::LowerIsBetter,
        target: dec!(30),
        minimum: Some(dec!(40)),
        window: MeasurementWindow::Month,
        missing_data: MissingData::NoClaim,
        minimum_sample: None,
        excluded_months: Vec::new(),
        credit: CreditRule::FixedPct {
            target_miss_pct: dec!(2),
            minimum_miss_pct: dec!(5),
        },
        credit_base: ChargeScope::AllCharges,
        repeat_rule: None,
        cap: None,
        earn_back: Some(EarnBack {
            window_months: 3,
            floor: None,
        }),
        improvement: None,
    });
    s.credit_regime.monthly_cap = Some(Limit::PctOfCharges(dec!(8)));
    s.bonuses.push(Bonus {
        id: "asa_bonus".into(),
        name: "Fast answer bonus".into(),
        service_level: "asa".into(),
        threshold: dec!(25),
        amount: Rate::PctOfBase(dec!(1)),
        base: ChargeScope::AllCharges,
        gated_by: vec!["asa".into()],
        annual_cap: None,
    });
    let mut b = s.clone();
    b.name = "Offer B".into();
    p.scenarios.push(b);
    p
}

fn harness(project: Project) -> Harness<'static, DealbenchApp> {
    app::app_harness(project, 1400.0, 900.0)
}

/// The status bar's net text, e.g. "· net 0.00 EUR".
fn net_text(harness: &Harness<'_, DealbenchApp>) -> String {
    let node = harness.get_by_label_contains("· net ");
    node.value()
        .or_else(|| node.accesskit_node().label())
        .unwrap_or_default()
}

#[test]
fn the_app_opens_the_default_project() {
    let harness = harness(dealbench::io::project::default_project());
    let name = &harness.state().doc.project.scenarios[0].name;
    harness.get_by_label(&format!("Structure of {name}"));
    harness.get_by_label("File");
    let net = net_text(&harness);
    assert!(net.contains("EUR"), "{net:?}");
    // The bundled sample's blocks, in its order of operations, with their year-1 amounts.
    for block in [
        "Simple and complex calls",
        "Average speed of answer",
        "Credit pool and caps",
        "CSAT excellence bonus",
    ] {
        assert!(
            harness.get_all_by_label_contains(block).count() > 0,
            "no block {block}"
        );
    }
    // Year 1 of the golden file tests/golden/contact_centre.offer-a-graduated.json: the sum of
    // its twelve monthly nets is 1,945,889.70 EUR.
    assert!(net.contains("1,945,889.70"), "{net:?}");
}

#[test]
fn editing_a_rate_changes_the_total_shown() {
    let mut harness = harness(demo_project());
    harness.state_mut().view.selection = Selection::Term(Component::Charge("base_fee".into()));
    harness.run();
    let before = net_text(&harness);
    harness.get_by_label("Monthly fee").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Monthly fee").type_text("250,000.50");
    harness.run();
    let Pricing::Fixed { monthly } = harness.state().doc.project.scenarios[0].charges[0].pricing
    else {
        panic!("a fixed fee")
    };
    assert_eq!(monthly, dec!(250000.50));
    assert!(harness.state().doc.is_dirty());
    // The total shown is the engine's: once the engine bills months, the fee moves it.
    let after = net_text(&harness);
    if !harness.state().ledgers()[0].months.is_empty() {
        assert_ne!(before, after);
    }
}

#[test]
fn invalid_decimal_input_is_not_committed() {
    let mut harness = harness(demo_project());
    harness.state_mut().view.selection = Selection::Term(Component::Charge("base_fee".into()));
    harness.run();
    harness.get_by_label("Monthly fee").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Monthly fee").type_text("12x");
    harness.run();
    let Pricing::Fixed { monthly } = harness.state().doc.project.scenarios[0].charges[0].pricing
    else {
        panic!("a fixed fee")
    };
    assert_eq!(monthly, dec!(180000));
}

#[test]
fn adding_a_tier_band() {
    let mut harness = harness(demo_project());
    harness.state_mut().view.selection = Selection::Term(Component::Charge("calls_tiers".into()));
    harness.run();
    harness.get_by_label("+ Add band").click();
    harness.run();
    let Pricing::Tiered { bands, .. } =
        &harness.state().doc.project.scenarios[0].charges[1].pricing
    else {
        panic!("tiers")
    };
    assert_eq!(bands.len(), 3);
    assert_eq!(bands[1].to, Some(dec!(10000)));
    assert_eq!(bands[2].from, dec!(10000));
    harness.get_by_label("Band 3 rate");
}

#[test]
fn a_gap_between_bands_is_flagged_as_you_type() {
    let mut harness = harness(demo_project());
    harness.state_mut().view.selection = Selection::Term(Component::Charge("calls_tiers".into()));
    harness.run();
    harness.get_by_label("Band 2 from").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Band 2 from").type_text("6000");
    harness.run();
    // Said in the editor, and on the structure's block in place of a tier total.
    assert!(
        harness
            .get_all_by_label_contains("gap between band 1")
            .count()
            >= 1
    );
    assert!(
        harness
            .get_all_by_label_contains("tiers need fixing: gap between band 1")
            .count()
            >= 1
    );
}

#[test]
fn undo_and_redo() {
    let mut harness = harness(demo_project());
    harness.get_by_label("+ Fixed fee").click();
    harness.run();
    assert_eq!(harness.state().doc.project.scenarios[0].charges.len(), 3);
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().doc.project.scenarios[0].charges.len(), 2);
    assert!(!harness.state().doc.is_dirty());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().doc.project.scenarios[0].charges.len(), 3);
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Y);
    harness.run();
    assert_eq!(harness.state().doc.project.scenarios[0].charges.len(), 3);
}

#[test]
fn closing_with_unsaved_changes_asks_and_cancel_keeps_the_app() {
    let mut harness = harness(demo_project());
    harness.get_by_label("+ Service level").click();
    harness.run();
    assert!(harness.state().doc.is_dirty());
    harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    harness.run();
    harness.get_by_label("Save changes?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Save changes?").is_none());
    assert!(!harness.state().view.closing);
    assert!(harness.state().doc.is_dirty());
    // The Quit shortcut asks too; "Don't save" closes.
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Q);
    harness.run();
    harness.get_by_label("Don't save").click();
    harness.run();
    assert!(harness.state().view.closing);
}

#[test]
fn the_structure_view_lists_the_blocks() {
    let harness = harness(demo_project());
    for title in [
        "Base service fee",
        "Calls, graduated",
        "ASA ≤ 30 s",
        "Credit pool and caps",
        "Fast answer bonus",
        "Earn-back",
        "What the customer pays",
    ] {
        assert!(
            !harness
                .get_all_by_label(title)
                .collect::<Vec<_>>()
                .is_empty(),
            "no block {title}"
        );
    }
}

#[test]
fn clicking_a_block_opens_its_editor() {
    let mut harness = harness(demo_project());
    harness
        .get_all_by_label("Fast answer bonus")
        .next()
        .unwrap()
        .click();
    harness.run();
    assert_eq!(
        harness.state().view.selection,
        Selection::Term(Component::Bonus("asa_bonus".into()))
    );
    harness.get_by_label("Threshold to beat");
}

#[test]
fn drag_values_follow_the_visible_precision() {
    use dealbench::ui::charts::drag_to_value;
    // Seconds over a 0–60 range: whole seconds.
    assert_eq!(drag_to_value(31.37, 60.0, 0), dec!(31));
    // Availability over 99.5–100: hundredths.
    assert_eq!(drag_to_value(99.8734, 0.5, 1), dec!(99.87));
    // Never coarser than the term as written.
    assert_eq!(drag_to_value(4.256, 60.0, 1), dec!(4.3));
}

/// Drags the KPI chart's line at `from` to `to` (plot values, at month 5) in ten steps.
fn drag_kpi_line(harness: &mut Harness<'static, DealbenchApp>, from: f64, to: f64) {
    let transform = harness
        .state()
        .view
        .kpi_transform
        .expect("the KPI chart was drawn");
    let from = transform.position_from_point(&egui_plot::PlotPoint::new(5.0, from));
    let to = transform.position_from_point(&egui_plot::PlotPoint::new(5.0, to));
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    for step in 1..=10 {
        harness.hover_at(from + (to - from) * (step as f32 / 10.0));
        harness.run();
    }
    harness.drop_at(to);
    harness.run();
}

#[test]
fn dragging_the_target_line_changes_the_service_level() {
    let mut harness = harness(demo_project());
    harness.state_mut().view.selection = Selection::Term(Component::ServiceLevel("asa".into()));
    harness.state_mut().view.chart = dealbench::ui::charts::ChartTab::ServiceLevels;
    harness.run();
    drag_kpi_line(&mut harness, 30.0, 35.0);
    let target = harness.state().doc.project.scenarios[0].service_levels[0].target;
    assert!(
        (dec!(34)..=dec!(36)).contains(&target),
        "target is {target}"
    );
    // The drag is one undo step.
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(
        harness.state().doc.project.scenarios[0].service_levels[0].target,
        dec!(30)
    );
}

/// Issue 10, item 9: after a continuous-improvement reset the service-level chart draws the
/// target in force as a step line beside the contract's target, which can still be dragged.
#[test]
fn the_service_level_chart_draws_a_moved_target_and_keeps_the_drag() {
    let mut project = demo_project();
    // A year met throughout at 26 s against 30 s: 30 + (26 − 30) × 50 % = 28 s from 2026-01.
    if let KpiData::Values { values, .. } = &mut project.kpis[0].data {
        values.values_mut().for_each(|v| *v = dec!(26));
    }
    project.scenarios[0].service_levels[0].improvement = Some(ContinuousImprovement {
        share_pct: dec!(50),
        precision: None,
    });
    let ledger = dealbench::engine::evaluate(&project, &project.scenarios[0]);
    let targets: Vec<_> = ledger
        .months
        .iter()
        .map(|m| (m.period, m.service_levels[0].target))
        .collect();
    assert_eq!(targets[11], (ym("2025-12"), dec!(30)));
    assert_eq!(targets[12], (ym("2026-01"), dec!(28)));
    let mut harness = harness(project);
    harness.state_mut().view.selection = Selection::Term(Component::ServiceLevel("asa".into()));
    harness.state_mut().view.chart = dealbench::ui::charts::ChartTab::ServiceLevels;
    harness.run();
    // The legend names both lines: the target in force and the contract's (to drag).
    harness.get_by_label("target in force");
    harness.get_by_label("contract target 30");
    drag_kpi_line(&mut harness, 30.0, 35.0);
    let target = harness.state().doc.project.scenarios[0].service_levels[0].target;
    assert!(
        (dec!(34)..=dec!(36)).contains(&target),
        "the drag edits the contract's target: {target}"
    );
}

#[test]
fn save_as_through_the_path_field_then_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deal.ron");
    let mut harness = harness(demo_project());
    harness.get_by_label("+ Bonus").click();
    harness.run();
    assert!(harness.state().doc.title().contains("•"));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::S);
    harness.run();
    harness.get_by_label("Save the project as");
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Path")
        .type_text(path.to_str().unwrap());
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    assert!(path.is_file());
    assert!(!harness.state().doc.is_dirty());
    assert!(!harness.state().doc.title().contains("•"));
    let saved = dealbench::io::project::load(&path).unwrap();
    assert_eq!(saved.scenarios[0].bonuses.len(), 2);

    // A change, then Open over it: the prompt comes first; "Don't save" opens the file.
    harness.get_by_label("+ Trigger").click();
    harness.run();
    harness
        .state_mut()
        .queue(dealbench::ui::commands::Command::OpenPath(path.clone()));
    harness.run();
    harness.get_by_label("Save changes?");
    harness.get_by_label("Don't save").click();
    harness.run();
    assert_eq!(harness.state().doc.project.scenarios[0].triggers.len(), 0);
    assert_eq!(harness.state().doc.path.as_deref(), Some(path.as_path()));
}

#[test]
fn a_broken_file_is_reported_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "(format_version: 1, name: ").unwrap();
    let mut harness = harness(demo_project());
    harness
        .state_mut()
        .queue(dealbench::ui::commands::Command::OpenPath(path));
    harness.run();
    harness.get_by_label_contains("Could not open the project");
    assert_eq!(harness.state().doc.project.name, "Contact centre demo");
}

/// A hand-made ledger for the demo's Offer A: two months of base fee and one ASA credit.
fn hand_ledger(project: &Project) -> dealbench::engine::Ledger {
    use dealbench::engine::*;
    let line = |stage: Stage, component: &str, amount: Decimal| Line {
        kind: stage.kind(),
        stage,
        component: component.into(),
        term: match stage {
            Stage::Credit => Component::ServiceLevel(component.into()),
            _ => Component::Charge(component.into()),
        },
        exact: amount,
        amount,
        explanation: format!("{component}: {amount}"),
    };
    let months: Vec<MonthLedger> = [("2025-01", dec!(0)), ("2025-02", dec!(-3600))]
        .into_iter()
        .map(|(m, credit)| {
            let mut lines = vec![line(Stage::BaseCharge, "base_fee", dec!(180000))];
            if !credit.is_zero() {
                lines.push(line(Stage::Credit, "asa", credit));
            }
            MonthLedger {
                period: ym(m),
                contract_year: 1,
                projected: false,
                totals: Totals::of(&lines),
                lines,
                service_levels: Vec::new(),
            }
        })
        .collect();
    let mut totals = Totals::default();
    for m in &months {
        totals.add(&m.totals);
    }
    Ledger {
        scenario: project.scenarios[0].name.clone(),
        currency: project.currency.clone(),
        months,
        flags: Vec::new(),
        earn_back: Vec::new(),
        years: Vec::new(),
        totals,
    }
}

#[test]
fn blocks_show_their_amounts_and_the_ledger_copies_as_tsv() {
    use dealbench::ui::state::Period;
    use dealbench::ui::structure::blocks;
    let project = demo_project();
    let ledger = hand_ledger(&project);
    let year = blocks(
        &project,
        &project.scenarios[0],
        Some(&ledger),
        Period::Year(1),
    );
    let amount = |title: &str| {
        year.iter()
            .find(|b| b.title == title)
            .and_then(|b| b.amount)
    };
    assert_eq!(amount("Base service fee"), Some(dec!(360000)));
    assert_eq!(amount("ASA ≤ 30 s"), Some(dec!(-3600)));
    let month = blocks(
        &project,
        &project.scenarios[0],
        Some(&ledger),
        Period::Month(ym("2025-01")),
    );
    assert_eq!(
        month
            .iter()
            .find(|b| b.title == "ASA ≤ 30 s")
            .unwrap()
            .amount,
        None
    );
    let tsv = dealbench::ui::ledger_table::tsv(&ledger);
    assert_eq!(
        tsv,
        "month\tprojected\tbase_fee (base charges)\tasa (service credits)\tnet\n\
         2025-01\tfalse\t180000\t0\t180000\n\
         2025-02\tfalse\t180000\t-3600\t176400\n"
    );
    assert_eq!(
        dealbench::ui::format::format_money(ledger.totals.net, 2),
        "356,400.00"
    );
}

#[test]
fn shortcuts_do_not_fire_while_typing_in_a_field() {
    let mut harness = harness(demo_project());
    harness.state_mut().view.selection = Selection::Term(Component::Charge("base_fee".into()));
    harness.run();
    harness.get_by_label("Monthly fee").click();
    harness.run();
    harness.key_press(egui::Key::Delete);
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::N);
    harness.run();
    assert_eq!(harness.state().doc.project.scenarios[0].charges.len(), 2);
    assert_eq!(harness.state().doc.project.name, "Contact centre demo");
    // Without a focused field, Delete removes the selected component.
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness
        .get_all_by_label("Base service fee")
        .next()
        .unwrap()
        .click();
    harness.run();
    harness.key_press(egui::Key::Delete);
    harness.run();
    assert_eq!(harness.state().doc.project.scenarios[0].charges.len(), 1);
}

#[test]
fn every_chart_draws_a_ledger_with_months() {
    use dealbench::ui::charts::{self, ChartTab, ChartView};
    use dealbench::ui::state::ViewState;
    let project = demo_project();
    let ledger = hand_ledger(&project);
    for tab in ChartTab::ALL {
        let mut project = project.clone();
        let ledgers = vec![ledger.clone(), ledger.clone()];
        let mut view = ViewState {
            chart: tab,
            ..ViewState::default()
        };
        let mut queue = Vec::new();
        let mut risk = dealbench::ui::risk::RiskRunner::new();
        let mut harness = Harness::builder()
            .with_max_steps(app::MAX_STEPS)
            .with_size(egui::vec2(900.0, 600.0))
            .with_context_setup(dealbench::ui::theme::install_fonts)
            .build_ui(move |ui| {
                let charts = ChartView {
                    scenario: view.scenario,
                    period: view.period,
                    show_ledger: true,
                    tab: &mut view.chart,
                    selection: &mut view.selection,
                    data_table: &mut view.data_table,
                    kpi_transform: &mut view.kpi_transform,
                    risk: &mut risk,
                    risk_view: &mut view.risk,
                    revision: 0,
                    negotiation: &mut view.negotiation,
                    area: &mut view.chart_area,
                };
                charts::show(ui, &mut project, &ledgers, charts, &mut queue)
            });
        harness.run();
        if tab == ChartTab::Ledger {
            harness.get_by_label("Copy as TSV");
            assert!(
                !harness
                    .get_all_by_label("176,400.00")
                    .collect::<Vec<_>>()
                    .is_empty()
            );
        }
        if tab == ChartTab::Offers {
            assert_eq!(harness.get_all_by_label_contains("356,400.00").count(), 2);
        }
    }
}

/// Steps the app until a widget labelled `label` shows (the import dialog reads and imports on
/// a worker thread), at most a few seconds.
fn step_until(harness: &mut Harness<'_, DealbenchApp>, label: &str) {
    for _ in 0..500 {
        harness.step();
        if harness.query_all_by_label_contains(label).next().is_some() {
            // Let the dialog finish growing to its new content before anything is clicked.
            harness.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("{label:?} never showed");
}

/// Opens the import dialog on `file` and reads it with the guessed mapping.
fn read_in_dialog(harness: &mut Harness<'_, DealbenchApp>, file: &std::path::Path) {
    start_reading(harness, file);
    step_until(harness, "Check import");
}

/// Opens the import dialog (Ctrl+I), types `file` and presses Read.
fn start_reading(harness: &mut Harness<'_, DealbenchApp>, file: &std::path::Path) {
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::I);
    harness.run();
    harness.get_by_label("Import KPI history");
    harness.get_by_label("KPI file").click();
    harness.run();
    harness
        .get_by_label("KPI file")
        .type_text(&file.display().to_string());
    harness.run();
    harness.get_by_label("Read").click();
}

#[test]
fn importing_a_file_shows_the_changes_then_applies_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kpis.csv");
    // One changed ASA month (2025-12: 29 → 33), one new month for both series.
    std::fs::write(
        &file,
        "month,asa_secs,calls\n2025-12,33,12300\n2026-01,27,12500\n",
    )
    .unwrap();
    let mut harness = harness(demo_project());
    read_in_dialog(&mut harness, &file);
    // The preview shows the file's rows before anything is imported.
    harness.get_by_label("2026-01");
    harness.get_by_label("Check import").click();
    step_until(&mut harness, "Apply import");
    // The review names the values that change.
    harness.get_by_label("2025-12: 29 → 33, 2026-01: + 27");
    // Nothing changed yet.
    let kpi = |h: &Harness<'_, DealbenchApp>, m: &str| match &h.state().doc.project.kpis[0].data {
        KpiData::Values { values, .. } => values.get(&ym(m)).copied(),
        _ => unreachable!(),
    };
    assert_eq!(kpi(&harness, "2025-12"), Some(dec!(29)));
    assert!(!harness.state().doc.is_dirty());
    harness.get_by_label("Apply import").click();
    harness.run();
    assert!(harness.state().view.import.is_none());
    assert_eq!(kpi(&harness, "2025-12"), Some(dec!(33)));
    assert_eq!(kpi(&harness, "2026-01"), Some(dec!(27)));
    let volumes = &harness.state().doc.project.volumes[0].history;
    assert_eq!(volumes.get(&ym("2026-01")), Some(&dec!(12500)));
    // The project remembers where the data came from, for re-import.
    let imports = &harness.state().doc.project.imports;
    assert_eq!(imports.len(), 1);
    assert!(
        imports[0].file.ends_with("kpis.csv"),
        "{:?}",
        imports[0].file
    );
    // 2025-12 ASA changed, 2026-01 ASA and calls added; 2025-12 calls unchanged.
    harness.get_by_label_contains("Imported kpis.csv: 3 month values added or changed in 2 series");
    // One undo takes the whole import back.
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(kpi(&harness, "2025-12"), Some(dec!(29)));
    assert_eq!(kpi(&harness, "2026-01"), None);
    assert!(harness.state().doc.project.imports.is_empty());
    assert!(!harness.state().doc.is_dirty());
}

#[test]
fn a_file_with_errors_cannot_be_applied_and_cancel_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.csv");
    std::fs::write(
        &file,
        "month,asa_secs\n2025-08,33\n2025-09,30\n2025-10,31\n2025-11,29\n2025-12,33\n2026-13,27\n2026-02,abc\n",
    )
    .unwrap();
    let before = demo_project();
    let mut harness = harness(before.clone());
    read_in_dialog(&mut harness, &file);
    harness.get_by_label("Check import").click();
    step_until(&mut harness, "Apply import");
    // Each problem names the file, the row and the value.
    harness.get_by_label_contains(
        "broken.csv row 7, column \"month\": \"2026-13\" is not a month or a date",
    );
    harness.get_by_label_contains("broken.csv row 8, column \"asa_secs\": \"abc\" is not a number");
    harness.get_by_label("Apply import").click();
    harness.run();
    assert!(harness.state().view.import.is_some(), "applied with errors");
    assert_eq!(harness.state().doc.project, before);
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().view.import.is_none());
    assert_eq!(harness.state().doc.project, before);
    assert!(!harness.state().doc.is_dirty());
}

#[test]
fn skipping_the_listed_bad_rows_applies_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.csv");
    std::fs::write(
        &file,
        "month,asa_secs\n2025-09,30\n2025-10,31\n2025-11,29\n2025-12,33\n2026-02,abc\n",
    )
    .unwrap();
    let mut harness = harness(demo_project());
    read_in_dialog(&mut harness, &file);
    harness.get_by_label("Check import").click();
    step_until(&mut harness, "Apply import");
    harness
        .get_by_label_contains("Skip the 1 bad row(s)")
        .click();
    harness.run();
    harness.get_by_label("Apply import").click();
    harness.run();
    let KpiData::Values { values, .. } = &harness.state().doc.project.kpis[0].data else {
        unreachable!()
    };
    assert_eq!(values.get(&ym("2025-12")), Some(&dec!(33)));
    assert_eq!(values.get(&ym("2026-02")), None);
}

#[test]
fn a_missing_file_is_reported_in_the_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nowhere.csv");
    let mut harness = harness(demo_project());
    start_reading(&mut harness, &file);
    step_until(&mut harness, "nowhere.csv: ");
    assert!(harness.query_by_label("Check import").is_none());
}

#[test]
fn the_data_table_edits_a_value_with_undo() {
    use dealbench::ui::charts::ChartTab;
    let mut harness = harness(demo_project());
    harness.state_mut().view.chart = ChartTab::Data;
    harness.run();
    let cell = "Average speed of answer (asa_secs) 2025-03";
    harness.get_by_label(cell).click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(cell).type_text("27.5");
    harness.run();
    let value = |h: &Harness<'_, DealbenchApp>| match &h.state().doc.project.kpis[0].data {
        KpiData::Values { values, .. } => values.get(&ym("2025-03")).copied(),
        _ => unreachable!(),
    };
    assert_eq!(value(&harness), Some(dec!(27.5)));
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(value(&harness), Some(dec!(25)));
}

#[test]
fn the_data_table_adds_a_month_and_takes_a_pasted_block() {
    use dealbench::ui::charts::ChartTab;
    let mut harness = harness(demo_project());
    harness.state_mut().view.chart = ChartTab::Data;
    harness.run();
    // "Add" with the field empty adds the month after the last one.
    harness.get_by_label("Add").click();
    harness.run();
    assert_eq!(
        harness.state().doc.project.volumes[0]
            .history
            .get(&ym("2026-01")),
        Some(&dec!(0))
    );
    harness
        .get_by_label("Paste a block from a spreadsheet")
        .click();
    harness.run();
    harness.get_by_label("Pasted block").click();
    harness.run();
    harness
        .get_by_label("Pasted block")
        .type_text("month\tcalls\tasa_secs\n2026-01\t12,400\t31.5\n");
    harness.run();
    harness.get_by_label("Apply pasted block").click();
    harness.run();
    assert!(
        harness.state().view.data_table.paste.is_empty(),
        "not applied: {:?}",
        harness.state().view.data_table.paste_message
    );
    let project = &harness.state().doc.project;
    assert_eq!(
        project.volumes[0].history.get(&ym("2026-01")),
        Some(&dec!(12400))
    );
    let KpiData::Values { values, .. } = &project.kpis[0].data else {
        unreachable!()
    };
    assert_eq!(values.get(&ym("2026-01")), Some(&dec!(31.5)));
    harness.get_by_label_contains("Pasted 2 value(s) into 2 series");
}

#[test]
fn every_symbol_the_app_writes_has_a_glyph() {
    // Explanations, reviews and labels use these; a missing glyph would draw as a box (and
    // makes kittest panic).
    let mut harness = Harness::builder()
        .with_max_steps(app::MAX_STEPS)
        .with_context_setup(dealbench::ui::theme::install_fonts)
        .build_ui(|ui| {
            ui.label("→ − ≥ ≤ × · … – — ‹ › € £ ± ≈ ▸ ▾");
        });
    harness.run();
}

#[test]
fn triggers_show_when_they_fired_and_the_flags_window_lists_them() {
    use dealbench::io::project::{SAMPLES, parse};
    use dealbench::ui::state::Period;
    let (name, text) = SAMPLES
        .iter()
        .find(|(n, _)| n.starts_with("it_outsourcing"))
        .unwrap();
    let mut harness = harness(parse(text, name).unwrap());
    // Contract year 2 (2024-04 to 2025-03): both triggers fire in 2025-02 (samples/README.md).
    harness.state_mut().view.period = Period::Year(2);
    harness.run();
    assert_eq!(harness.get_all_by_label("fired 2025-02").count(), 2);
    // In 2025-03 the cap trigger (3 of 6 months) has not fired again but still holds.
    harness.state_mut().view.period = Period::Month(ym("2025-03"));
    harness.run();
    harness.get_by_label("holds since 2025-02");
    harness.state_mut().view.period = Period::Year(1);
    harness.run();
    assert_eq!(harness.get_all_by_label("not fired in year 1").count(), 2);
    // Year 1 has no flags: the button opens the window on the whole term.
    harness.get_by_label_contains("0 flags").click();
    harness.run();
    harness.get_by_label("Flags of Incumbent renewal");
    // P1's trigger fires in 4 months of the term (each bad winter) and holds on while the
    // streak lasts: the fired months end ": termination right", the others "still holds".
    let p1 = |h: &Harness<'_, DealbenchApp>, tail: &str| {
        h.query_all_by_label_contains(&format!("missed its minimum 3 months running: {tail}"))
            .count()
    };
    assert_eq!(
        p1(&harness, "termination right") - p1(&harness, "termination right still holds"),
        4
    );
    // Counts in words, each kind once: one flag per month a trigger's condition holds (issue
    // 10, item 11). Two triggers, each firing in 4 months of the term; the cap trigger (3 of 6
    // months) still holds in the 3 months after each firing but the last (the term ends in
    // 2028-03): 8 firings, then 3 + 3 + 3 + 1 = 10 months still holding.
    let counts = harness.get_by_label_contains("termination trigger");
    assert_eq!(
        counts.accesskit_node().value().as_deref(),
        Some("8 termination triggers fired, still holding in 10 more months")
    );
    // The whole term chosen in the toolbar: the window offers no second "Whole term" (before,
    // it showed two radio buttons of that name beside the toolbar's).
    harness.state_mut().view.period = Period::Term;
    harness.run();
    assert_eq!(harness.query_all_by_label("Whole term").count(), 1);
}

#[test]
fn an_import_into_a_derived_kpi_is_refused_in_the_review_not_after_apply() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rates.csv");
    std::fs::write(
        &file,
        "month,abandon_rate\n2025-09,4.1\n2025-10,3.9\n2025-11,5.2\n2025-12,4.4\n",
    )
    .unwrap();
    let mut project = demo_project();
    project.kpis.push(KpiSeries {
        id: "abandon_rate".into(),
        name: "Abandonment".into(),
        unit: "%".into(),
        data: KpiData::Ratio {
            numerator: MonthlyValues::new(),
            denominator: MonthlyValues::new(),
            scale: dec!(100),
        },
        projected: MonthlyValues::new(),
    });
    let before = project.clone();
    let mut harness = harness(project);
    read_in_dialog(&mut harness, &file);
    harness.get_by_label("Check import").click();
    step_until(&mut harness, "Apply import");
    harness.get_by_label_contains(
        "Cannot apply: KPI \"abandon_rate\" is derived from raw parts (numerator and denominator)",
    );
    harness.get_by_label("Apply import").click();
    harness.run();
    assert!(harness.state().view.import.is_some());
    assert_eq!(harness.state().doc.project, before);
}

#[test]
fn an_xlsx_sheet_and_header_row_are_chosen_in_the_dialog() {
    let file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/kpis.xlsx");
    let mut harness = harness(demo_project());
    read_in_dialog(&mut harness, &file);
    // The "Serials" sheet has a title row: the header is row 2. A drag value: set as
    // assistive technology sets it.
    harness.get_by_label("Header row").set_value_accesskit(2.0);
    harness.run();
    assert_eq!(
        harness.get_by_label("Header row").value().as_deref(),
        Some("2")
    );
    // Choosing a sheet from the workbook's list reads it again.
    harness.get_by_label("Sheet").click();
    harness.run();
    harness.get_by_label("Serials").click();
    step_until(&mut harness, "Resolution hours");
    step_until(&mut harness, "Check import");
    harness.get_by_label("Check import").click();
    step_until(&mut harness, "Apply import");
    harness.get_by_label("Apply import").click();
    harness.run();
    let project = &harness.state().doc.project;
    let kpi = project
        .kpi("resolution_hours")
        .expect("the Serials sheet's column");
    let KpiData::Values { values, .. } = &kpi.data else {
        unreachable!()
    };
    // (1.5 + 2.5) / 2 = 2 hours in 2024-01 (tests/import.rs reads the same sheet).
    assert_eq!(values.get(&ym("2024-01")), Some(&dec!(2)));
    assert_eq!(
        project.imports[0].mapping.format.sheet.as_deref(),
        Some("Serials")
    );
    assert_eq!(project.imports[0].mapping.format.header_row, 2);
}

#[test]
fn a_removed_column_is_added_back_to_the_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kpis.csv");
    std::fs::write(&file, "month,asa_secs,calls\n2026-01,27,12500\n").unwrap();
    let mut harness = harness(demo_project());
    read_in_dialog(&mut harness, &file);
    harness.get_all_by_label("Remove").next().unwrap().click();
    harness.run();
    assert!(harness.query_by_label("Metric id 2").is_none());
    harness.get_by_label("+ Add a column").click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "asa_secs")
        .click();
    harness.run();
    harness.get_by_label("Check import").click();
    step_until(&mut harness, "Apply import");
    harness.get_by_label("Apply import").click();
    harness.run();
    let KpiData::Values { values, .. } = &harness.state().doc.project.kpis[0].data else {
        unreachable!()
    };
    assert_eq!(values.get(&ym("2026-01")), Some(&dec!(27)));
}

fn selection(harness: &Harness<'_, DealbenchApp>) -> Selection {
    harness.state().view.selection.clone()
}

fn charge_ids(harness: &Harness<'_, DealbenchApp>) -> Vec<String> {
    let charges = &harness.state().doc.project.scenarios[0].charges;
    charges.iter().map(|c| c.id.clone()).collect()
}

#[test]
fn the_selection_follows_an_id_typed_in_the_editor() {
    let mut harness = harness(demo_project());
    harness.state_mut().view.selection = Selection::Term(Component::Charge("base_fee".into()));
    harness.run();
    harness.get_by_label("Id").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Id").type_text("monthly_fee");
    harness.run();
    assert_eq!(charge_ids(&harness), ["monthly_fee", "calls_tiers"]);
    assert_eq!(
        selection(&harness),
        Selection::Term(Component::Charge("monthly_fee".into()))
    );
    // Still the same charge's editor, its field still focused: typing goes on in it.
    harness.get_by_label("Monthly fee");
    harness.get_by_label("Id").type_text("_2");
    harness.run();
    assert_eq!(charge_ids(&harness), ["monthly_fee_2", "calls_tiers"]);
    assert_eq!(
        selection(&harness),
        Selection::Term(Component::Charge("monthly_fee_2".into()))
    );
}

#[test]
fn an_id_typed_over_another_keeps_the_edited_term_selected() {
    let mut harness = harness(demo_project());
    harness.state_mut().view.selection = Selection::Term(Component::Charge("calls_tiers".into()));
    harness.run();
    harness.get_by_label("Id").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    // The same id as the first charge: the tiers stay in the editor (validation flags it).
    harness.get_by_label("Id").type_text("base_fee");
    harness.run();
    assert_eq!(charge_ids(&harness), ["base_fee", "base_fee"]);
    harness.get_by_label("+ Add band");
}

#[test]
fn deleting_the_selected_term_falls_back_to_the_offer() {
    let mut harness = harness(demo_project());
    harness
        .get_all_by_label("Fast answer bonus")
        .next()
        .unwrap()
        .click();
    harness.run();
    harness.get_by_label("Delete").click();
    harness.run();
    assert!(harness.state().doc.project.scenarios[0].bonuses.is_empty());
    assert_eq!(selection(&harness), Selection::OFFER);
    // Undo brings it back; the offer stays selected.
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().doc.project.scenarios[0].bonuses.len(), 1);
    assert_eq!(selection(&harness), Selection::OFFER);
}

#[test]
fn undoing_an_add_falls_back_to_the_offer() {
    let mut harness = harness(demo_project());
    harness.get_by_label("+ Bonus").click();
    harness.run();
    assert_eq!(
        selection(&harness),
        Selection::Term(Component::Bonus("bonus".into()))
    );
    harness.get_by_label("Threshold to beat");
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().doc.project.scenarios[0].bonuses.len(), 1);
    assert_eq!(selection(&harness), Selection::OFFER);
}

#[test]
fn terms_move_earlier_and_later_from_the_palette_and_the_keyboard() {
    let mut harness = harness(demo_project());
    let tiers = Selection::Term(Component::Charge("calls_tiers".into()));
    harness.state_mut().view.selection = tiers.clone();
    harness.run();
    harness.get_by_label("Move earlier").click();
    harness.run();
    assert_eq!(charge_ids(&harness), ["calls_tiers", "base_fee"]);
    assert_eq!(selection(&harness), tiers);
    // At the start of its list it stays.
    harness.get_by_label("Move earlier").click();
    harness.run();
    assert_eq!(charge_ids(&harness), ["calls_tiers", "base_fee"]);
    harness.key_press_modifiers(Modifiers::ALT, egui::Key::ArrowDown);
    harness.run();
    assert_eq!(charge_ids(&harness), ["base_fee", "calls_tiers"]);
    assert_eq!(selection(&harness), tiers);
    harness.get_by_label("Move later").click();
    harness.run();
    assert_eq!(charge_ids(&harness), ["base_fee", "calls_tiers"]);
}

#[test]
fn the_edit_menu_moves_the_selected_term() {
    let mut harness = harness(demo_project());
    harness.state_mut().view.selection = Selection::Term(Component::Charge("calls_tiers".into()));
    harness.run();
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label_contains("Move up").click();
    harness.run();
    assert_eq!(charge_ids(&harness), ["calls_tiers", "base_fee"]);
}

#[test]
fn tree_rows_select_the_term_they_name() {
    let mut harness = harness(demo_project());
    harness.get_by_label("SL · ASA ≤ 30 s").click();
    harness.run();
    assert_eq!(
        selection(&harness),
        Selection::Term(Component::ServiceLevel("asa".into()))
    );
    harness
        .get_all_by_label("Credit pool and caps")
        .next()
        .unwrap()
        .click();
    harness.run();
    assert_eq!(
        selection(&harness),
        Selection::Term(Component::CreditRegime)
    );
}

/// An app on the demo project keeping its recovery file in `path`, written `interval` seconds
/// after a change.
fn harness_with_recovery(path: &std::path::Path, interval: f64) -> Harness<'static, DealbenchApp> {
    let recovery = dealbench::ui::files::Recovery::at(Some(path.to_owned()), interval);
    let app = DealbenchApp::new(demo_project(), None, Settings::default()).with_recovery(recovery);
    let mut harness = Harness::builder()
        .with_max_steps(app::MAX_STEPS)
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(dealbench::ui::theme::install_fonts)
        .build_ui_state(|ui, app: &mut DealbenchApp| app.show(ui), app);
    harness.run();
    harness
}

#[test]
fn unsaved_changes_are_written_to_recovery_on_a_timer_without_input() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recovery.ron");
    let mut harness = harness_with_recovery(&path, 5.0);
    harness.get_by_label("+ Bonus").click();
    harness.run();
    assert!(harness.state().doc.is_dirty());
    assert!(!path.exists(), "not before the interval");
    // The app asked to be woken when the write is due: no pointer or key event is needed.
    let delay = harness.output().viewport_output[&ViewportId::ROOT].repaint_delay;
    assert!(delay <= std::time::Duration::from_secs(5), "{delay:?}");
    let now = harness.ctx.input(|i| i.time);
    harness.input_mut().time = Some(now + 5.1);
    harness.step();
    let written = dealbench::io::project::load(&path).unwrap();
    assert_eq!(written.scenarios[0].bonuses.len(), 2);

    // Saving the work removes this session's recovery file.
    let saved = dir.path().join("deal.ron");
    harness
        .state_mut()
        .queue(dealbench::ui::commands::Command::SaveTo(saved.clone()));
    harness.run();
    assert!(saved.is_file());
    assert!(!path.exists(), "saved work needs no recovery");
}

#[test]
fn a_recovery_file_is_offered_at_start_and_recover_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recovery.ron");
    let mut crashed = demo_project();
    crashed.name = "Work before the crash".into();
    dealbench::io::project::save(&path, &crashed).unwrap();

    let mut harness = harness_with_recovery(&path, 5.0);
    harness.get_by_label_contains("Recover unsaved changes from ");
    // Undecided, the file stays, however long the app runs.
    let now = harness.ctx.input(|i| i.time);
    harness.input_mut().time = Some(now + 60.0);
    harness.step();
    assert!(path.is_file());
    harness.get_by_label("Recover").click();
    harness.run();
    let state = harness.state();
    assert_eq!(state.doc.project.name, "Work before the crash");
    assert!(state.doc.is_dirty(), "recovered work is unsaved");
    assert_eq!(state.doc.path, None, "Save asks where");
    assert!(path.is_file(), "kept until the work is saved");
}

#[test]
fn discarding_the_offered_recovery_deletes_it_and_a_clean_start_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recovery.ron");
    dealbench::io::project::save(&path, &demo_project()).unwrap();
    // A clean run that never answers leaves the file for the next start.
    let mut harness = harness_with_recovery(&path, 5.0);
    harness.state_mut().view.closing = true;
    harness.run();
    drop(harness);
    assert!(path.is_file());

    let mut harness = harness_with_recovery(&path, 5.0);
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(!path.exists());
    assert_eq!(harness.state().doc.project.name, "Contact centre demo");
}

#[test]
fn a_29_digit_amount_is_refused_with_the_reason_and_the_app_keeps_running() {
    let mut harness = harness(demo_project());
    harness.state_mut().view.selection = Selection::Term(Component::Charge("base_fee".into()));
    harness.run();
    harness.get_by_label("Monthly fee").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Monthly fee")
        .type_text("12345678901234567890123456789");
    harness.run();
    let Pricing::Fixed { monthly } = harness.state().doc.project.scenarios[0].charges[0].pricing
    else {
        panic!("a fixed fee")
    };
    assert_eq!(monthly, dec!(180000));
    harness.get_by_label_contains("beyond the largest number a term takes");
    // 28 digits parse as a Decimal but are still past 10^12: refused the same way.
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Monthly fee")
        .type_text("1234567890123456789012345678");
    harness.run();
    let Pricing::Fixed { monthly } = harness.state().doc.project.scenarios[0].charges[0].pricing
    else {
        panic!("a fixed fee")
    };
    assert_eq!(monthly, dec!(180000));
    harness.get_by_label_contains("beyond the largest number a term takes");
}

/// The demo project with a fee whose yearly sum overflows exact arithmetic.
fn overflowing_project() -> Project {
    let mut p = demo_project();
    p.scenarios[0].charges[0].pricing = Pricing::Fixed {
        monthly: dec!(79228162514264337593543950335),
    };
    p
}

#[test]
fn an_overflowing_project_opened_from_a_file_is_reported_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("overflow.ron");
    std::fs::write(
        &path,
        dealbench::io::project::to_ron(&overflowing_project()),
    )
    .unwrap();
    let mut harness = harness(demo_project());
    harness
        .state_mut()
        .queue(dealbench::ui::commands::Command::OpenPath(path));
    harness.run();
    harness.get_by_label_contains("beyond the largest allowed, 1000000000000");
}

#[test]
fn an_overflowing_project_in_the_app_shows_the_problem_and_bills_nothing() {
    let mut harness = harness(overflowing_project());
    harness.state_mut().view.selection = Selection::Term(Component::Charge("base_fee".into()));
    harness.run();
    assert!(harness.state().ledgers()[0].months.is_empty());
    harness.get_by_label_contains("beyond the largest allowed, 1000000000000");
}

#[test]
fn a_panic_in_a_frame_is_caught_the_work_goes_to_recovery_and_the_app_goes_on() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recovery.ron");
    let recovery = dealbench::ui::files::Recovery::at(Some(path.clone()), 30.0);
    let app = DealbenchApp::new(demo_project(), None, Settings::default()).with_recovery(recovery);
    let fail = Arc::new(AtomicBool::new(false));
    let trap = fail.clone();
    let mut harness = Harness::builder()
        .with_max_steps(app::MAX_STEPS)
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(dealbench::ui::theme::install_fonts)
        .build_ui_state(
            move |ui, app: &mut DealbenchApp| {
                app.guarded(ui, |app, ui| {
                    app.show(ui);
                    // A bug somewhere in a frame, after the edit was made.
                    assert!(!trap.load(Ordering::Relaxed), "injected failure");
                });
            },
            app,
        );
    harness.run();
    harness.get_by_label("+ Bonus").click();
    harness.run();
    assert!(harness.state().doc.is_dirty());
    assert!(!path.exists(), "the timer is not due yet");
    fail.store(true, Ordering::Relaxed);
    harness.step();
    fail.store(false, Ordering::Relaxed);
    // The unsaved edit was written at once, not 30 s later.
    let written = dealbench::io::project::load(&path).unwrap();
    assert_eq!(written.scenarios[0].bonuses.len(), 2);
    harness.run();
    assert!(
        harness
            .state()
            .failure()
            .unwrap()
            .contains("injected failure")
    );
    harness.get_by_label("Dealbench hit an internal error");
    harness.get_by_label_contains("written to the recovery file");
    harness.get_by_label("Continue").click();
    harness.run();
    assert!(harness.state().failure().is_none());
    // The project and its unsaved edit are still there.
    assert_eq!(harness.state().doc.project.scenarios[0].bonuses.len(), 2);
    assert!(harness.state().doc.is_dirty());
    harness.get_by_label("+ Bonus");
}

#[test]
fn the_workbook_is_exported_from_the_file_menu() {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deal.xlsx");
    let mut harness = harness(demo_project());
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export workbook…").click();
    harness.run();
    harness.get_by_label("Export the workbook (XLSX)");
    // The proposed name is the project's, as a workbook.
    let proposed = harness.get_by_label("Path").value().unwrap_or_default();
    assert!(proposed.ends_with("contact_centre_demo.xlsx"), "{proposed}");
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Path")
        .type_text(path.to_str().unwrap());
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    assert!(path.is_file());
    harness.get_by_label_contains("Exported the workbook to");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let names = book.sheet_names();
    assert_eq!(
        names,
        [
            "Offers compared",
            "Offer A",
            "Offer B",
            "History",
            "Assumptions"
        ]
    );
    let compared = book.worksheet_range("Offers compared").unwrap();
    let net = harness.state().ledgers()[0].totals.net;
    let cell = compared.get((1, 6)).unwrap();
    let calamine::Data::Float(shown) = cell else {
        panic!("{cell:?}")
    };
    assert_eq!(Decimal::try_from(*shown).unwrap().round_dp(2), net);
    // Exporting changed nothing in the project.
    assert!(!harness.state().doc.is_dirty());
}

#[test]
fn the_report_is_exported_and_print_opens_it_or_says_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deal.html");
    let mut harness = harness(demo_project());
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export report…").click();
    harness.run();
    harness.get_by_label("Export the report (.html, or .pdf)");
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Path")
        .type_text(path.to_str().unwrap());
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("<h1>Contact centre demo</h1>"));
    let net = dealbench::format::format_money(harness.state().ledgers()[0].totals.net, 2);
    assert!(html.contains(&net), "{net}");
    harness.get_by_label_contains("Exported the report to");

    // Ctrl+P with no browser to open it: the report is saved and the toast says where.
    let app = DealbenchApp::new(demo_project(), None, Settings::default())
        .with_opener(|_| Err(std::io::Error::other("no browser")));
    let mut harness = Harness::builder()
        .with_max_steps(app::MAX_STEPS)
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(dealbench::ui::theme::install_fonts)
        .build_ui_state(|ui, app: &mut DealbenchApp| app.show(ui), app);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::P);
    harness.run();
    harness.get_by_label_contains("No browser to open the report: it is saved at");
    let saved = std::env::temp_dir().join("contact_centre_demo.report.html");
    assert!(
        std::fs::read_to_string(&saved)
            .unwrap()
            .contains("Contact centre demo")
    );

    // With a browser, it opens there.
    let app = DealbenchApp::new(demo_project(), None, Settings::default()).with_opener(|_| Ok(()));
    let mut harness = Harness::builder()
        .with_max_steps(app::MAX_STEPS)
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(dealbench::ui::theme::install_fonts)
        .build_ui_state(|ui, app: &mut DealbenchApp| app.show(ui), app);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::P);
    harness.run();
    harness.get_by_label_contains("The report opened in your browser");
}

#[test]
fn a_chart_is_saved_as_svg_drawn_from_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("invoice.svg");
    let mut harness = harness(demo_project());
    assert!(harness.state().view.chart_area.is_some());
    harness.get_by_label("Save picture…").click();
    harness.run();
    harness.get_by_label("Save the chart as a picture (.png, or .svg)");
    let proposed = harness.get_by_label("Path").value().unwrap_or_default();
    assert!(
        proposed.ends_with("contact_centre_demo_invoice_per_month.png"),
        "{proposed}"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Path")
        .type_text(path.to_str().unwrap());
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.starts_with("<svg"), "{svg}");
    assert!(svg.contains("Invoice per month of Offer A"));
    // Each month's amounts are on its bars, as the ledger has them: February's credits.
    let february = &harness.state().ledgers()[0].months[1];
    let credits: Decimal = (february.lines.iter())
        .filter(|l| l.kind == dealbench::engine::LineKind::Credit)
        .map(|l| l.amount)
        .sum();
    let money = dealbench::format::format_money(credits, 2);
    assert!(
        svg.contains(&format!("2025-02 Credits: {money}<")),
        "{money}"
    );
    harness.get_by_label_contains("Saved the chart to");

    // The ledger table is not a picture: no picture buttons there.
    harness.state_mut().view.chart = dealbench::ui::charts::ChartTab::Ledger;
    harness.run();
    assert!(harness.query_by_label("Save picture…").is_none());
}

#[test]
fn escape_closes_windows_and_dialogs_and_a_stray_click_keeps_the_import() {
    let mut harness = harness(demo_project());
    harness.key_press(egui::Key::F1);
    harness.run();
    harness.get_by_label("Keyboard shortcuts");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(!harness.state().view.show_shortcuts);
    assert!(harness.query_by_label("Keyboard shortcuts").is_none());

    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::I);
    harness.run();
    harness.get_by_label("Import KPI history");
    // A click beside the dialog (on the backdrop) keeps it and what was typed.
    harness.get_by_label("KPI file").click();
    harness.run();
    harness
        .get_by_label("KPI file")
        .type_text("/tmp/half-typed.csv");
    harness.run();
    let beside = egui::pos2(20.0, 880.0);
    harness.hover_at(beside);
    harness.drag_at(beside);
    harness.drop_at(beside);
    harness.run();
    assert!(harness.state().view.import.is_some());
    assert!(
        harness
            .query_all_by_value("/tmp/half-typed.csv")
            .next()
            .is_some()
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.state().view.import.is_none());
}

#[test]
fn the_fee_at_risk_shows_in_money_on_the_credit_block_and_the_status_bar() {
    use dealbench::engine::structure::{blocks, fee_at_risk};
    use dealbench::ui::state::Period;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/contact_centre.ron");
    let project = dealbench::io::project::load(&path).unwrap();
    let ledger = dealbench::engine::evaluate(&project, &project.scenarios[0]);
    // Offer A, contract year 1: charges 1,976,000.75; the annual cap is 10 % of them,
    // 197,600.075 → 197,600.08 (half away from zero), below the sum of the monthly caps.
    // Credits in the year: 39,636.48, so 39,636.48 / 197,600.08 = 20.06 % → 20.1 %.
    let (most, used) =
        fee_at_risk(&project, &project.scenarios[0], &ledger, Period::Year(1)).unwrap();
    assert_eq!((most, used), (dec!(197600.08), dec!(39636.48)));
    let year = blocks(
        &project,
        &project.scenarios[0],
        Some(&ledger),
        Period::Year(1),
    );
    let regime = year
        .iter()
        .find(|b| b.title == "Credit pool and caps")
        .unwrap();
    assert_eq!(
        regime.detail,
        "monthly cap, annual cap, at most 197,600.08 in year 1; 39,636.48 used (20.1 %)"
    );
    let harness = harness(project);
    harness.get_by_label("of 197,600.08 at risk");
}

#[test]
fn the_waterfall_zooms_on_the_changes() {
    let mut harness = harness(demo_project());
    harness.state_mut().view.chart = dealbench::ui::charts::ChartTab::Waterfall;
    harness.run();
    let toggled = |h: &Harness<'_, DealbenchApp>| {
        h.get_by_label("Zoom on the changes")
            .accesskit_node()
            .toggled()
    };
    assert_eq!(toggled(&harness), Some(egui::accesskit::Toggled::False));
    harness.get_by_label("Zoom on the changes").click();
    harness.run();
    // Kept from frame to frame: the zoomed plot stays.
    harness.run();
    assert_eq!(toggled(&harness), Some(egui::accesskit::Toggled::True));
}

/// The contact-centre sample on the Offers tab, its first two offers compared term by term.
fn compared_offers() -> Harness<'static, DealbenchApp> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/contact_centre.ron");
    let mut harness = harness(dealbench::io::project::load(&path).unwrap());
    harness.state_mut().view.chart = dealbench::ui::charts::ChartTab::Offers;
    harness.run();
    harness.get_by_label("What changed").click();
    harness.run();
    harness.get_by_label("Compare").click();
    harness.run();
    harness
}

#[test]
fn the_offers_tab_shows_what_changed_between_two_offers_with_the_money() {
    let harness = compared_offers();
    harness.get_by_label("Everything else (added or removed terms, rules, interaction)");
    // The header states both nets and their difference, as the engine's diff computes them.
    let project = &harness.state().doc.project;
    let d = dealbench::engine::diff::diff(project, &project.scenarios[0], &project.scenarios[1]);
    let money = |v| dealbench::format::format_money(v, 2);
    harness.get_by_label_contains(&format!(
        "Net over the term {} → {}",
        money(d.from_net),
        money(d.to_net)
    ));
    // The management fee moved from 18,500 to 14,000 a month: the first term listed.
    assert_eq!(d.terms[0].term, "charge \"management_fee\" / monthly fee");
    harness.get_by_label(&d.terms[0].term);
    harness.get_by_label("18,500 EUR");
}

#[test]
fn the_terms_that_changed_sort_by_the_size_of_their_effect_and_back() {
    let mut harness = compared_offers();
    let project = &harness.state().doc.project;
    let d = dealbench::engine::diff::diff(project, &project.scenarios[0], &project.scenarios[1]);
    let applied: Vec<String> = d.terms.iter().map(|t| t.term.clone()).collect();
    let mut by_size = d.terms.clone();
    by_size.sort_by_key(|t| std::cmp::Reverse(t.net_effect.map(|v| v.abs())));
    let by_size: Vec<String> = by_size.into_iter().map(|t| t.term).collect();
    assert_ne!(
        applied, by_size,
        "the sample's order must differ to show a sort"
    );
    // The rows top to bottom, by where each term's label is drawn.
    let rows = |h: &Harness<'_, DealbenchApp>, names: &[String]| -> Vec<String> {
        let mut at: Vec<(f32, String)> = names
            .iter()
            .map(|n| (h.get_by_label(n).rect().top(), n.clone()))
            .collect();
        at.sort_by(|a, b| a.0.total_cmp(&b.0));
        at.into_iter().map(|(_, n)| n).collect()
    };
    assert_eq!(rows(&harness, &applied), applied);
    harness.get_by_label("Net effect").click();
    harness.run();
    assert_eq!(rows(&harness, &applied), by_size);
    // A second click reverses; the button goes back to the order the changes were priced in.
    // Through AccessKit: a second pointer click this soon would be a double click.
    harness
        .get_by_label_contains("Net effect")
        .click_accesskit();
    harness.run();
    let reversed: Vec<String> = by_size.iter().rev().cloned().collect();
    assert_eq!(rows(&harness, &applied), reversed);
    harness.get_by_label("Back to the order priced").click();
    harness.run();
    assert_eq!(rows(&harness, &applied), applied);
}

#[test]
fn the_first_launch_tour_shows_three_things_and_is_dismissed_for_good() {
    use dealbench::ui::charts::ChartTab;
    let app = DealbenchApp::new(
        dealbench::io::project::default_project(),
        None,
        Settings::default(),
    )
    .first_launch();
    let mut harness = Harness::builder()
        .with_max_steps(app::MAX_STEPS)
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(dealbench::ui::theme::install_fonts)
        .build_ui_state(|ui, app: &mut DealbenchApp| app.show(ui), app);
    harness.run();
    harness.get_by_label("Three things to try");
    let buttons: Vec<_> = harness.get_all_by_label("Show me").collect();
    assert_eq!(buttons.len(), 3);
    // The first sets up the service-level chart on the offer's first service level.
    buttons[0].click();
    harness.run();
    assert_eq!(harness.state().view.chart, ChartTab::ServiceLevels);
    assert!(matches!(
        harness.state().view.selection,
        Selection::Term(Component::ServiceLevel(_))
    ));
    harness.get_all_by_label("Show me").nth(2).unwrap().click();
    harness.run();
    assert_eq!(harness.state().view.chart, ChartTab::Offers);
    harness.get_by_label("Got it").click();
    harness.run();
    assert!(harness.query_by_label("Three things to try").is_none());
    assert!(harness.state().settings.toured);
    // A later launch with these settings shows no tour.
    let again = DealbenchApp::new(
        dealbench::io::project::default_project(),
        None,
        harness.state().settings.clone(),
    )
    .first_launch();
    let harness = Harness::builder()
        .with_max_steps(app::MAX_STEPS)
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut DealbenchApp| app.show(ui), again);
    assert!(harness.query_by_label("Three things to try").is_none());
}

#[test]
fn the_glossary_opens_from_help_and_finds_a_term_by_any_word() {
    let mut harness = harness(demo_project());
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("Glossary…").click();
    harness.run();
    harness.get_by_label("Glossary");
    assert!(
        harness
            .query_all_by_label("Tiered pricing")
            .next()
            .is_some()
    );
    harness.get_by_label("Search").click();
    harness.run();
    harness
        .get_by_label("Search")
        .type_text("returns to the provider");
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("Kept as a ledger (pending, earned back, final)")
            .next()
            .is_some()
    );
    assert_eq!(harness.query_all_by_label("Tiered pricing").count(), 0);
    harness.key_press(egui::Key::Escape);
    harness.run();
    // Escape in the search field leaves the field first; a second closes the window.
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.state().view.glossary.is_none());
}

#[test]
fn each_terms_editor_says_what_the_term_means() {
    let mut harness = harness(demo_project());
    harness.state_mut().view.selection = Selection::Term(Component::Charge("calls_tiers".into()));
    harness.run();
    harness.get_by_label("What this term means").click();
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("Graduated: each band at its own rate")
            .next()
            .is_some()
    );
    // The offer's own fields are not a contract term: no explanation there.
    harness.state_mut().view.selection = Selection::OFFER;
    harness.run();
    assert!(harness.query_by_label("What this term means").is_none());
}

#[test]
fn the_review_says_when_nothing_could_be_read_and_when_months_precede_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    // Every row refused: the review must not say the project already has these values.
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "month,asa_secs\n2025-08,abc\n2025-09,xyz\n").unwrap();
    let mut harness = harness(demo_project());
    read_in_dialog(&mut harness, &bad);
    harness.get_by_label("Check import").click();
    step_until(&mut harness, "Apply import");
    // A column of text is not imported (a warning, not an error): nothing is read at all, and
    // the refusal names the file.
    harness.get_by_label_contains("Nothing to import: the mapped columns hold no values.");
    harness.get_by_label_contains("Cannot apply: ");
    assert!(
        harness
            .query_by_label_contains("Cannot apply: : ")
            .is_none()
    );
    assert!(
        harness
            .query_by_label("Nothing: the project already has these values.")
            .is_none()
    );
    // Months before the contract start (2025-01) are imported, and said.
    let early = dir.path().join("early.csv");
    std::fs::write(
        &early,
        "month,asa_secs\n2024-11,30\n2024-12,31\n2025-09,30\n",
    )
    .unwrap();
    let harness = harness_for_early(&early);
    harness.get_by_label_contains(
        "2 month values from 2024-11 fall before the contract start (2025-01)",
    );
}

fn harness_for_early(file: &std::path::Path) -> Harness<'static, DealbenchApp> {
    let mut harness = harness(demo_project());
    read_in_dialog(&mut harness, file);
    harness.get_by_label("Check import").click();
    step_until(&mut harness, "Apply import");
    harness
}

#[test]
fn the_ledgers_months_stay_while_the_amounts_scroll_sideways_and_scroll_down_with_them() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/it_outsourcing.ron");
    let mut harness = app::app_harness(dealbench::io::project::load(&path).unwrap(), 1100.0, 800.0);
    harness.state_mut().view.chart = dealbench::ui::charts::ChartTab::Ledger;
    harness.run();
    let month = |h: &Harness<'_, DealbenchApp>| h.get_by_label("2023-04").rect();
    let header = harness.get_by_label("Month").rect();
    // The ledger's "Net" heading: the one on the row of "Month".
    let net = |h: &Harness<'_, DealbenchApp>| {
        h.get_all_by_label("Net")
            .map(|n| n.rect())
            .min_by(|a, b| {
                let gap = |r: &egui::Rect| (r.center().y - header.center().y).abs();
                gap(a).total_cmp(&gap(b))
            })
            .unwrap()
    };
    let (month0, net0) = (month(&harness), net(&harness));
    // Bring the net column into view: the amounts scroll sideways, the months stay.
    harness
        .get_all_by_label("Net")
        .find(|n| (n.rect().center().y - header.center().y).abs() < 20.0)
        .unwrap()
        .scroll_to_me();
    harness.run();
    assert!(
        net(&harness).left() < net0.left() - 100.0,
        "the amounts scroll"
    );
    assert_eq!(month(&harness).left(), month0.left(), "the months stay");
    // Scroll the months down: the amounts follow, row for row.
    harness.get_by_label("2023-04").scroll_down();
    harness.run();
    assert!(
        harness.query_by_label("2023-04").is_none(),
        "scrolled past the first month"
    );
    // Every month shown has its amounts on its own line: an amount cell at the same height.
    let body_top = header.bottom() + 2.0;
    // Month labels ("2023-07") and amounts ("392,000.00") below the headings.
    let tops = |months: bool| -> Vec<f32> {
        harness
            .query_all_by(|n| {
                let text = n.label().or_else(|| n.value()).unwrap_or_default();
                let is_month = text.len() == 7 && text.as_bytes()[4] == b'-';
                let is_amount = text.contains('.') && text.chars().any(|c| c.is_ascii_digit());
                n.bounding_box().is_some_and(|b| b.y0 as f32 > body_top)
                    && if months {
                        is_month
                    } else {
                        is_amount && !is_month
                    }
            })
            .map(|n| n.rect().top())
            .collect()
    };
    let (months, amounts) = (tops(true), tops(false));
    assert!(months.len() > 5, "{months:?}");
    for top in months.iter().take(months.len() - 1) {
        let nearest = amounts
            .iter()
            .map(|a| (a - top).abs())
            .fold(f32::MAX, f32::min);
        assert!(
            nearest < 3.0,
            "a month at {top} has no amounts beside it: {amounts:?}"
        );
    }
    assert_eq!(harness.get_by_label("Month").rect(), header);
}

#[test]
fn every_chart_reads_as_a_table_of_its_values() {
    use dealbench::ui::charts::ChartTab;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/contact_centre.ron");
    let mut harness = harness(dealbench::io::project::load(&path).unwrap());
    harness.state_mut().view.chart = ChartTab::Invoice;
    harness.run();
    harness.get_by_label("Values as a table").click();
    harness.run();
    // The first month's net, as the ledger bills it.
    let ledger = dealbench::engine::evaluate(
        &harness.state().doc.project,
        &harness.state().doc.project.scenarios[0],
    );
    let first = &ledger.months[0];
    harness.get_by_label_contains(&format!("{}: each month's invoice", ledger.scenario));
    assert!(
        harness
            .query_all_by_label(&dealbench::format::format_money(first.totals.net, 2))
            .next()
            .is_some()
    );
    // The same switch serves the other charts.
    for (tab, heading) in [
        (ChartTab::ServiceLevels, "Target in force"),
        (ChartTab::Waterfall, "Level after"),
        (ChartTab::Volumes, "Volumes: history, then the forecast"),
    ] {
        harness.state_mut().view.chart = tab;
        harness.run();
        assert!(
            harness.query_all_by_label(heading).next().is_some(),
            "{heading}"
        );
    }
    harness.state_mut().view.chart = ChartTab::Offers;
    harness.run();
    harness.get_by_label_contains("Each offer's cumulative net");
    // Off again: the chart is back.
    harness.get_by_label("Values as a table").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Each offer's cumulative net")
            .is_none()
    );
}

#[test]
fn an_edit_that_changes_nothing_says_why_in_the_editor() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.ron");
    let mut harness = harness(dealbench::io::project::load(&path).unwrap());
    let asa = Component::ServiceLevel("asa".into());
    harness.state_mut().view.selection = Selection::Term(asa);
    let set_target = |h: &mut Harness<'_, DealbenchApp>, target: Decimal| {
        let sl = &mut h.state_mut().doc.project.scenarios[0].service_levels[0];
        sl.target = target;
        sl.minimum = None;
        for _ in 0..20 {
            h.step();
        }
    };
    // A target no month misses, then another: the money cannot move.
    set_target(&mut harness, dec!(1000));
    assert!(
        harness
            .query_by_label("The last edit changed nothing in the period shown")
            .is_none()
    );
    set_target(&mut harness, dec!(999));
    harness.get_by_label("The last edit changed nothing in the period shown");
    harness.get_by_label_contains("meets the target 999: the worst is");
    // An edit that moves the money clears the note: a target every month misses.
    set_target(&mut harness, dec!(0));
    assert!(
        harness
            .query_by_label("The last edit changed nothing in the period shown")
            .is_none()
    );
}

#[test]
fn tab_reaches_every_part_of_the_window_and_each_stop_is_named() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/contact_centre.ron");
    let mut harness = harness(dealbench::io::project::load(&path).unwrap());
    let mut stops: Vec<String> = Vec::new();
    for _ in 0..200 {
        harness.key_press(egui::Key::Tab);
        harness.run();
        let Some(focused) = harness.query_by(|n| n.is_focused()) else {
            continue;
        };
        let name = (focused.accesskit_node().label())
            .or_else(|| focused.accesskit_node().value())
            .or_else(|| {
                // A field named by the label beside it.
                let by = focused.accesskit_node().labelled_by().next()?;
                by.label()
            })
            .unwrap_or_default();
        assert!(
            !name.trim().is_empty(),
            "a Tab stop without a name for assistive tech after {:?}",
            stops.last()
        );
        stops.push(name);
    }
    let reached = |part: &str| stops.iter().any(|s| s.contains(part));
    // The toolbar, the tree, the structure's blocks, the editor's fields and the chart tabs.
    for part in [
        "File",
        "Scenario",
        "Offer terms",
        "Account management and reporting: 18,500.00 per month",
        "Offer name",
        "Invoice per month",
        "Offers compared",
    ] {
        assert!(reached(part), "Tab never reached {part:?}: {stops:#?}");
    }
    // A structure block reached by Tab opens its term with Enter, as a click does.
    harness
        .get_by_label("Account management and reporting: 18,500.00 per month")
        .focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().view.selection,
        Selection::Term(Component::Charge("management_fee".into()))
    );
}

#[test]
fn a_long_error_notice_wraps_inside_the_window() {
    let mut harness = app::app_harness(demo_project(), 1100.0, 700.0);
    let text = "Could not read deal.ron line 14, column 9: unknown field `milestones` in Scenario; \
                expected one of `name`, `provider`, `notes`, `round`, `charges`, `minimums`, \
                `indexation`, `charge_caps`, `service_levels`, `credit_regime`, `bonuses`, \
                `triggers`, `cost_model`: check the spelling";
    harness.state_mut().view.toast(text.to_owned(), true);
    harness.run();
    let rect = harness.get_by_label(text).rect();
    assert!(rect.left() >= 0.0, "cut at the left edge: {rect:?}");
    assert!(rect.right() <= 1100.0, "cut at the right edge: {rect:?}");
    assert!(rect.height() > 30.0, "on several lines: {rect:?}");
}
