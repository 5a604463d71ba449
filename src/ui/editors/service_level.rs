//! The editor of a service level: KPI, direction, levels, window, data rules, the credit rule
//! of each family, repeat rule, cap, earn-back and continuous improvement.

use eframe::egui::{self, RichText, Ui};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::Ids;
use crate::model::glossary::Setting;
use crate::model::{
    ContinuousImprovement, CreditRule, CreditStep, Direction, EarnBack, Field, MeasurementWindow,
    MissingData, PointsBand, Precision, Rate, RepeatCount, RepeatRule, RoundingRule, RowField,
    ServiceLevel,
};
use crate::ui::widgets::{
    FieldLabel, checkbox, choice, count_edit, decimal_cell, decimal_edit, decimal_edit_unit,
    id_choice, label, optional_decimal, text_edit,
};

#[derive(Clone, Copy, PartialEq)]
enum Family {
    None,
    FixedPct,
    Table,
    AtRisk,
    Points,
    PerStep,
}

fn family(rule: &CreditRule) -> Family {
    match rule {
        CreditRule::None => Family::None,
        CreditRule::FixedPct { .. } => Family::FixedPct,
        CreditRule::Table(_) => Family::Table,
        CreditRule::AtRisk { .. } => Family::AtRisk,
        CreditRule::Points { .. } => Family::Points,
        CreditRule::PerStep { .. } => Family::PerStep,
    }
}

/// The editor of a service level.
pub fn service_level(
    ui: &mut Ui,
    sl: &mut ServiceLevel,
    ids: &Ids,
    charge_ids: &[String],
    repeat_window: Option<&str>,
) {
    text_edit(ui, ("Name", Field::Name), &mut sl.name);
    text_edit(ui, ("Id", Field::Id), &mut sl.id);
    id_choice(ui, ("KPI", Field::Kpi), &mut sl.kpi, &ids.kpis);
    choice(
        ui,
        ("Direction", Setting::Direction),
        &mut sl.direction,
        &[
            (Direction::HigherIsBetter, "Higher is better"),
            (Direction::LowerIsBetter, "Lower is better"),
        ],
    );
    let unit = ids.kpi_units.get(&sl.kpi).cloned().unwrap_or_default();
    decimal_edit_unit(ui, ("Target", Field::Target), &mut sl.target, &unit);
    let default_min = sl.target;
    let minimum = FieldLabel::from(("Minimum", Field::Minimum)).with_unit(&unit);
    optional_decimal(ui, minimum, &mut sl.minimum, default_min);
    ui.weak(match sl.minimum {
        Some(_) => format!(
            "Both in the KPI's unit ({}). Worse than the minimum is a minimum miss.",
            if unit.is_empty() { "none set" } else { &unit }
        ),
        None => format!(
            "In the KPI's unit ({}).",
            if unit.is_empty() { "none set" } else { &unit }
        ),
    });
    ui.weak("Tip: drag the target and minimum lines on the service level chart.");
    ui.separator();
    measurement(ui, sl);
    ui.separator();
    ui.label(RichText::new("Credit rule").strong());
    credit_rule(ui, &mut sl.credit);
    let base = ("Credit base", Field::CreditBase);
    crate::ui::editors::terms::scope(ui, base, &mut sl.credit_base, charge_ids);
    ui.separator();
    repeat_rule(ui, sl, repeat_window);
    earn_back_and_improvement(ui, sl, &unit);
}

/// How the KPI is measured: the window, missing data, the minimum sample, excluded months.
fn measurement(ui: &mut Ui, sl: &mut ServiceLevel) {
    let mut window = match sl.window {
        MeasurementWindow::Month => 0,
        MeasurementWindow::Quarter => 1,
        MeasurementWindow::Rolling(_) => 2,
        MeasurementWindow::AveragedWithPrevious => 3,
    };
    choice(
        ui,
        ("Measured over", Setting::MeasuredOver),
        &mut window,
        &[
            (0, "Each month"),
            (1, "Each quarter"),
            (2, "Rolling months"),
            (3, "Averaged with previous month"),
        ],
    );
    sl.window = match (window, sl.window) {
        (2, MeasurementWindow::Rolling(n)) => {
            let mut n = n;
            count_edit(
                ui,
                ("Rolling window (months)", Field::WindowMonths),
                &mut n,
                1..=36,
            );
            MeasurementWindow::Rolling(n)
        }
        (2, _) => MeasurementWindow::Rolling(3),
        (1, _) => MeasurementWindow::Quarter,
        (3, _) => MeasurementWindow::AveragedWithPrevious,
        _ => MeasurementWindow::Month,
    };
    choice(
        ui,
        ("Missing data", Setting::MissingData),
        &mut sl.missing_data,
        &[
            (MissingData::DeemedMinimumMiss, "Deemed a minimum miss"),
            (MissingData::NoClaim, "No claim possible"),
            (MissingData::Excluded, "Excluded"),
        ],
    );
    let sample = ("Minimum sample", Field::MinimumSample);
    optional_decimal(ui, sample, &mut sl.minimum_sample, dec!(30));
    let excluded = ("Excluded months", Field::ExcludedMonth(0));
    crate::ui::widgets::months_edit(ui, excluded, &mut sl.excluded_months);
}

/// The repeat rule: which misses count, how many in which window, and what the window holds
/// at the end of the period shown (`repeat_window`).
fn repeat_rule(ui: &mut Ui, sl: &mut ServiceLevel, repeat_window: Option<&str>) {
    let mut repeat = sl.repeat_rule.is_some();
    let label = (
        "Target misses count only when repeated",
        Setting::RepeatRule,
    );
    if checkbox(ui, label, &mut repeat).changed() {
        sl.repeat_rule = repeat.then_some(RepeatRule::new(4, 12));
    }
    let Some(r) = sl.repeat_rule.as_mut() else {
        return;
    };
    count_edit(
        ui,
        ("Misses needed", Field::RepeatMisses),
        &mut r.misses,
        1..=36,
    );
    let window = ("In rolling months", Field::RepeatWindowMonths);
    count_edit(ui, window, &mut r.window_months, 1..=36);
    choice(
        ui,
        ("Misses counted", Setting::RepeatCounts),
        &mut r.counts,
        &[
            (RepeatCount::AllMisses, "Every miss (minimum misses too)"),
            (RepeatCount::TargetMissesOnly, "Target misses only"),
        ],
    );
    if r.counts == RepeatCount::AllMisses {
        checkbox(
            ui,
            (
                "A month deemed missed for missing data counts",
                Setting::DeemedMissesCount,
            ),
            &mut r.deemed_misses_count,
        );
    }
    ui.weak(format!(
        "A target miss earns its credit from the {} {} in {} months; a minimum miss earns it at once.",
        crate::engine::ordinal(r.misses),
        r.counted_words(false),
        r.window_months
    ));
    if let Some(note) = repeat_window {
        ui.weak(note);
    }
}

/// What softens or moves the credits once earned: the monthly cap, earn-back and continuous
/// improvement.
fn earn_back_and_improvement(ui: &mut Ui, sl: &mut ServiceLevel, unit: &str) {
    crate::ui::editors::terms::limit(ui, ("Cap per month", Field::Cap), &mut sl.cap);
    let mut earn_back = sl.earn_back.is_some();
    if checkbox(ui, ("Earn-back", Setting::EarnBack), &mut earn_back).changed() {
        sl.earn_back = earn_back.then_some(EarnBack {
            window_months: 3,
            floor: None,
        });
    }
    if let Some(e) = sl.earn_back.as_mut() {
        count_edit(
            ui,
            (
                "Months meeting target to earn back",
                Field::EarnBackWindowMonths,
            ),
            &mut e.window_months,
            1..=24,
        );
        let default_floor = sl.minimum.unwrap_or(sl.target);
        let floor = FieldLabel::from(("Not eligible when worse than", Field::EarnBackFloor));
        optional_decimal(ui, floor.with_unit(unit), &mut e.floor, default_floor);
    }
    let mut improvement = sl.improvement.is_some();
    let label = ("Continuous improvement", Setting::Improvement);
    if checkbox(ui, label, &mut improvement).changed() {
        sl.improvement = improvement.then_some(ContinuousImprovement {
            share_pct: dec!(50),
            precision: None,
        });
    }
    if let Some(ci) = sl.improvement.as_mut() {
        let share = (
            "Move toward the year's average %",
            Field::ImprovementSharePct,
        );
        decimal_edit(ui, share, &mut ci.share_pct);
        precision_edit(ui, "Moved target kept to", &mut ci.precision);
    }
}

/// The credit rule: its family, then the terms of that family.
fn credit_rule(ui: &mut Ui, rule: &mut CreditRule) {
    family_choice(ui, rule);
    match rule {
        CreditRule::None => {
            ui.weak("Reported only (or used to gate bonuses).");
        }
        CreditRule::FixedPct {
            target_miss_pct,
            minimum_miss_pct,
        } => {
            let target = ("Credit on a target miss", Field::TargetMissPct);
            decimal_edit(ui, target, target_miss_pct);
            let minimum = ("Credit on a minimum miss", Field::MinimumMissPct);
            decimal_edit(ui, minimum, minimum_miss_pct);
        }
        CreditRule::Table(steps) => credit_table(ui, steps),
        CreditRule::AtRisk { allocation_pct } => {
            let allocation = ("Allocation of the pool %", Field::AllocationPct);
            decimal_edit(ui, allocation, allocation_pct);
            ui.weak("The pool itself is set under the scenario's credit pool and caps.");
        }
        CreditRule::Points {
            bands,
            repeat_doubles,
        } => points(ui, bands, repeat_doubles),
        CreditRule::PerStep {
            step,
            per_step,
            max_pct,
        } => {
            decimal_edit(ui, ("Step (KPI units)", Field::Step), step);
            crate::ui::editors::terms::rate(ui, ("Credit per step", Field::PerStep), per_step);
            optional_decimal(ui, ("At most % of base", Field::MaxPct), max_pct, dec!(10));
        }
    }
}

/// The family chooser; choosing another family starts it from typical terms.
fn family_choice(ui: &mut Ui, rule: &mut CreditRule) {
    let mut f = family(rule);
    let before = f;
    choice(
        ui,
        ("Family", Setting::CreditFamily),
        &mut f,
        &[
            (Family::None, "No credit"),
            (Family::FixedPct, "Fixed % on a miss"),
            (Family::Table, "Credit table on the value"),
            (Family::AtRisk, "Share of the at-risk pool"),
            (Family::Points, "Service points"),
            (Family::PerStep, "Per step of shortfall"),
        ],
    );
    if f != before {
        *rule = match f {
            Family::None => CreditRule::None,
            Family::FixedPct => CreditRule::FixedPct {
                target_miss_pct: dec!(2),
                minimum_miss_pct: dec!(5),
            },
            Family::Table => CreditRule::Table(vec![
                CreditStep {
                    worse_than: dec!(99.9),
                    credit_pct: dec!(10),
                },
                CreditStep {
                    worse_than: dec!(99.0),
                    credit_pct: dec!(25),
                },
                CreditStep {
                    worse_than: dec!(95.0),
                    credit_pct: dec!(100),
                },
            ]),
            Family::AtRisk => CreditRule::AtRisk {
                allocation_pct: dec!(20),
            },
            Family::Points => CreditRule::Points {
                bands: vec![
                    PointsBand {
                        worse_than: dec!(95),
                        points: 1,
                    },
                    PointsBand {
                        worse_than: dec!(90),
                        points: 3,
                    },
                ],
                repeat_doubles: true,
            },
            Family::PerStep => CreditRule::PerStep {
                step: dec!(1),
                per_step: Rate::PctOfBase(dec!(1)),
                max_pct: Some(dec!(10)),
            },
        };
    }
}

/// A credit table: the credit for each level the value is worse than.
fn credit_table(ui: &mut Ui, steps: &mut Vec<CreditStep>) {
    let mut remove = None;
    egui::Grid::new("credit_table")
        .num_columns(3)
        .show(ui, |ui| {
            label(
                ui,
                ("Worse than", Field::CreditStep(0, RowField::WorseThan)),
            );
            label(
                ui,
                ("Credit (% of base)", Field::CreditStep(0, RowField::Value)),
            );
            ui.end_row();
            for (i, s) in steps.iter_mut().enumerate() {
                decimal_cell(ui, &format!("Step {} worse than", i + 1), &mut s.worse_than);
                decimal_cell(ui, &format!("Step {} credit %", i + 1), &mut s.credit_pct);
                if ui.small_button("×").clicked() {
                    remove = Some(i);
                }
                ui.end_row();
            }
        });
    if let Some(i) = remove {
        steps.remove(i);
    }
    if ui.button("+ Add step").clicked() {
        steps.push(CreditStep {
            worse_than: steps.last().map_or(Decimal::ZERO, |s| s.worse_than),
            credit_pct: Decimal::ZERO,
        });
    }
}

/// Service points: the points for each severity the value is worse than.
fn points(ui: &mut Ui, bands: &mut Vec<PointsBand>, repeat_doubles: &mut bool) {
    let mut remove = None;
    egui::Grid::new("points").num_columns(3).show(ui, |ui| {
        label(
            ui,
            ("Worse than", Field::PointsBand(0, RowField::WorseThan)),
        );
        label(ui, ("Points", Field::PointsBand(0, RowField::Value)));
        ui.end_row();
        for (i, b) in bands.iter_mut().enumerate() {
            decimal_cell(
                ui,
                &format!("Severity {} worse than", i + 1),
                &mut b.worse_than,
            );
            ui.add(egui::DragValue::new(&mut b.points).range(0..=100))
                .accessible_name(format!("Severity {} points", i + 1));
            if ui.small_button("×").clicked() {
                remove = Some(i);
            }
            ui.end_row();
        }
    });
    if let Some(i) = remove {
        bands.remove(i);
    }
    if ui.button("+ Add severity").clicked() {
        bands.push(PointsBand {
            worse_than: bands.last().map_or(Decimal::ZERO, |b| b.worse_than),
            points: 1,
        });
    }
    checkbox(
        ui,
        (
            "A failure in consecutive months doubles the points",
            Setting::RepeatDoubles,
        ),
        repeat_doubles,
    );
}

/// A stated precision, or the engine's default when the clause states none.
fn precision_edit(ui: &mut Ui, label: &str, precision: &mut Option<Precision>) {
    let default = crate::engine::DEFAULT_IMPROVED_TARGET;
    let mut stated = precision.is_some();
    let stated_label = (
        format!("{label} a stated precision"),
        Field::ImprovementDecimals,
    );
    if checkbox(ui, stated_label, &mut stated)
        .on_hover_text(format!(
            "Unticked: {} (the reading of older files).",
            default.words()
        ))
        .changed()
    {
        *precision = stated.then_some(default);
    }
    if let Some(p) = precision.as_mut() {
        let decimals = ("Decimals", Field::ImprovementDecimals);
        count_edit(ui, decimals, &mut p.decimals, 0..=6);
        choice(
            ui,
            ("Halfway rounds", Setting::RoundingRule),
            &mut p.rule,
            &[
                (RoundingRule::HalfAwayFromZero, "Half up (away from zero)"),
                (RoundingRule::HalfEven, "Half to even"),
            ],
        );
    }
}
