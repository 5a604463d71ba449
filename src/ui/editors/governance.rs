//! The editor of a milestone (issue 11, governance): its dates typed as YYYY-MM-DD, its delay
//! credit, a timeline of the offer's milestones (target against actual), and the offer's
//! review schedule with the engine's summary of each review.

use chrono::NaiveDate;
use eframe::egui::{self, Color32, Pos2, Rect, Sense, Stroke, Ui, vec2};
use rust_decimal_macros::dec;

use crate::engine::Ledger;
use crate::engine::reviews::{Review, reviews};
use crate::format::format_money;
use crate::model::glossary::Setting;
use crate::model::{
    Component, DelayCredit, DelayUnit, Field, ReviewSchedule, ReviewStart, Scenario,
};
use crate::ui::theme;
use crate::ui::widgets::{
    checkbox, choice, count_edit, date_edit, decimal_edit, id_choice, optional_decimal, text_edit,
};

/// The editor of milestone `i` of `scenario`, with the offer's timeline and reviews.
pub fn milestone(ui: &mut Ui, scenario: &mut Scenario, i: usize, ledger: Option<&Ledger>) {
    let m = &mut scenario.milestones[i];
    text_edit(ui, ("Name", Field::Name), &mut m.name);
    text_edit(ui, ("Id", Field::Id), &mut m.id);
    let mut target = Some(m.target);
    date_edit(ui, ("Target date", Field::TargetDate), &mut target, true);
    if let Some(day) = target {
        m.target = day;
    }
    date_edit(ui, ("Actual date", Field::ActualDate), &mut m.actual, false);
    ui.weak("Leave the actual date empty while the milestone is not met.");
    let mut on = m.delay_credit.is_some();
    if checkbox(ui, ("Delay credit", Field::DelayAmount), &mut on).changed() {
        m.delay_credit = on.then(|| DelayCredit {
            amount: dec!(500),
            per: DelayUnit::Day,
            cap: None,
        });
    }
    if let Some(credit) = &mut m.delay_credit {
        decimal_edit(
            ui,
            ("Credit amount", Field::DelayAmount),
            &mut credit.amount,
        );
        let units: Vec<(DelayUnit, &str)> =
            DelayUnit::ALL.iter().map(|u| (*u, u.label())).collect();
        choice(ui, ("Counted", Setting::DelayUnit), &mut credit.per, &units);
        optional_decimal(
            ui,
            ("Credit cap", Field::DelayCap),
            &mut credit.cap,
            dec!(10000),
        );
    }
    let component = Component::Milestone(m.id.clone());
    if let Some(line) = ledger.and_then(|l| {
        l.months
            .iter()
            .flat_map(|month| month.lines.iter().map(move |line| (month.period, line)))
            .find(|(_, line)| line.term == component)
    }) {
        ui.label(format!("Billed in {}: {}", line.0, line.1.explanation));
    }
    ui.separator();
    ui.label(egui::RichText::new("Timeline").strong());
    timeline(ui, scenario);
    reviews_section(ui, scenario, ledger);
}

/// The offer's review schedule and the summary of each review, in the milestone editor and the
/// offer's own (an offer may hold reviews without any milestone).
pub fn reviews_section(ui: &mut Ui, scenario: &mut Scenario, ledger: Option<&Ledger>) {
    ui.separator();
    // Without a milestone to count from, the first review is three months into the term.
    let fallback = (ledger.and_then(|l| l.months.first())).map(|m| m.period.plus(3).first_day());
    review_schedule(ui, scenario, fallback);
    if let Some(ledger) = ledger
        && scenario.reviews.is_some()
    {
        review_list(ui, &reviews(scenario, ledger));
    }
}

/// The offer's milestones on one time axis: a hollow mark at the target, a filled one at the
/// actual date, joined in red when late.
fn timeline(ui: &mut Ui, scenario: &Scenario) {
    let days: Vec<NaiveDate> = scenario
        .milestones
        .iter()
        .flat_map(|m| std::iter::once(m.target).chain(m.actual))
        .collect();
    let (Some(first), Some(last)) = (days.iter().min(), days.iter().max()) else {
        return;
    };
    let span = (*last - *first).num_days().max(1) as f32;
    let row = 22.0;
    let width = ui.available_width().clamp(200.0, 600.0);
    // Room under the axis for its first and last dates.
    let height = row * scenario.milestones.len() as f32 + 22.0;
    let (response, painter) = ui.allocate_painter(vec2(width, height), Sense::hover());
    let rect = response.rect;
    let (left, right) = (rect.left() + 130.0, rect.right() - 10.0);
    let x = |d: NaiveDate| left + (right - left) * ((d - *first).num_days() as f32 / span);
    let text = ui.visuals().text_color();
    for (n, m) in scenario.milestones.iter().enumerate() {
        let y = rect.top() + 4.0 + row * (n as f32 + 0.5);
        let font = egui::FontId::proportional(12.0);
        let anchor = egui::Align2::LEFT_CENTER;
        painter.text(Pos2::new(rect.left(), y), anchor, &m.name, font, text);
        let target = Pos2::new(x(m.target), y);
        if let Some(actual) = m.actual {
            let late = actual > m.target;
            let colour = if late {
                theme::MISSED_MINIMUM
            } else {
                theme::MET
            };
            let at = Pos2::new(x(actual), y);
            painter.line_segment([target, at], Stroke::new(2.0, colour));
            painter.circle_filled(at, 5.0, colour);
        }
        painter.circle_stroke(target, 5.0, Stroke::new(1.5, text));
    }
    let axis_y = rect.bottom() - 16.0;
    let axis = Rect::from_x_y_ranges(left..=right, axis_y..=axis_y + 1.0);
    painter.rect_filled(axis, 0.0, Color32::GRAY);
    let small = egui::FontId::proportional(11.0);
    let weak = ui.visuals().weak_text_color();
    let below = |at: f32, anchor, date: &NaiveDate| {
        painter.text(
            Pos2::new(at, axis_y + 3.0),
            anchor,
            date.to_string(),
            small.clone(),
            weak,
        );
    };
    below(left, egui::Align2::LEFT_TOP, first);
    if last != first {
        below(right, egui::Align2::RIGHT_TOP, last);
    }
    response.on_hover_text(format!(
        "From {first} to {last}: hollow marks are target dates, filled marks actual dates (red when late)"
    ));
}

/// The offer's review schedule: none, on a date, or months after a milestone; every N months.
fn review_schedule(ui: &mut Ui, scenario: &mut Scenario, first_date: Option<NaiveDate>) {
    let mut on = scenario.reviews.is_some();
    let first_milestone = scenario.milestones.first().map(|m| m.id.clone());
    if checkbox(ui, ("Performance reviews", Setting::ReviewEvery), &mut on).changed() {
        // Reviews every two months as a starting point: counted from the first milestone, or
        // from a date three months into the term when the offer has none.
        let first = match (first_milestone, first_date) {
            (Some(milestone), _) => Some(ReviewStart::AfterMilestone {
                milestone,
                months: 2,
            }),
            (None, Some(date)) => Some(ReviewStart::On(date)),
            (None, None) => None,
        };
        scenario.reviews = first.filter(|_| on).map(|first| ReviewSchedule {
            first,
            every_months: 2,
        });
    }
    let ids: Vec<String> = scenario.milestones.iter().map(|m| m.id.clone()).collect();
    let fallback = (scenario.milestones.first().map(|m| m.target)).or(first_date);
    let Some(schedule) = &mut scenario.reviews else {
        return;
    };
    let mut after = matches!(schedule.first, ReviewStart::AfterMilestone { .. });
    let options = [(false, "On a date"), (true, "After a milestone")];
    if choice(
        ui,
        ("First review", Setting::FirstReview),
        &mut after,
        &options,
    )
    .changed()
    {
        schedule.first = match (after, ids.first(), fallback) {
            (true, Some(id), _) => ReviewStart::AfterMilestone {
                milestone: id.clone(),
                months: 2,
            },
            (_, _, Some(day)) => ReviewStart::On(day),
            _ => return,
        };
    }
    match &mut schedule.first {
        ReviewStart::On(day) => {
            let mut date = Some(*day);
            date_edit(
                ui,
                ("First review date", Setting::FirstReview),
                &mut date,
                true,
            );
            if let Some(d) = date {
                *day = d;
            }
        }
        ReviewStart::AfterMilestone { milestone, months } => {
            id_choice(
                ui,
                ("After milestone", Setting::FirstReview),
                milestone,
                &ids,
            );
            count_edit(
                ui,
                ("Months after it", Setting::ReviewEvery),
                months,
                0..=120,
            );
        }
    }
    count_edit(
        ui,
        ("Every (months)", Setting::ReviewEvery),
        &mut schedule.every_months,
        1..=60,
    );
}

/// Each review's summary: per service level, months measured, met, misses, credits and trend.
fn review_list(ui: &mut Ui, reviews: &[Review]) {
    if reviews.is_empty() {
        return;
    }
    ui.label(egui::RichText::new("Reviews").strong());
    for (n, review) in reviews.iter().enumerate() {
        let title = format!(
            "Review {} on {} ({} to {})",
            n + 1,
            review.date,
            review.from,
            review.to
        );
        egui::CollapsingHeader::new(title)
            .id_salt(("review", n))
            .show(ui, |ui| {
                for sl in &review.service_levels {
                    let trend = sl.trend.map_or("no trend yet", |t| t.label());
                    ui.label(format!(
                        "{}: {} measured, {} met, {} target misses, {} minimum misses, credits {}, {trend}",
                        sl.name,
                        sl.measured,
                        sl.met,
                        sl.target_misses,
                        sl.minimum_misses,
                        format_money(sl.credits, 2),
                    ));
                }
            });
    }
}
