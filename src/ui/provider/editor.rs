//! The cost model's editor: every field labelled, with its unit beside it.

use eframe::egui::{self, Ui};
use rust_decimal::Decimal;

use crate::model::glossary::Setting;
use crate::model::provider::{AnswerTarget, LabourCost, ProviderModel};
use crate::model::{Project, Scenario};
use crate::ui::widgets::{choice, count_edit, decimal_cell, decimal_edit_unit, label};

/// The kind of answer target, for the choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Within,
    Speed,
}

/// Edits the cost model of offer `scenario`; its service levels are offered as the one whose
/// target is staffed to.
pub fn show(ui: &mut Ui, project: &mut Project, scenario: usize) {
    let volumes: Vec<String> = project.volumes.iter().map(|v| v.id.clone()).collect();
    let currency = project.currency.clone();
    let Some(offer) = project.scenarios.get_mut(scenario) else {
        return;
    };
    let levels = offer.clone();
    let Some(model) = offer.cost_model.as_mut() else {
        return;
    };
    let offer = &levels;
    ui.heading("Cost model");
    label(ui, ("Contacts (volume series counted)", Setting::Contacts));
    for id in &volumes {
        let mut on = model.contacts.contains(id);
        if ui.checkbox(&mut on, id.as_str()).changed() {
            if on {
                model.contacts.push(id.clone());
            } else {
                model.contacts.retain(|c| c != id);
            }
        }
    }
    let aht = ("Average handle time", Setting::HandleTime);
    decimal_edit_unit(ui, aht, &mut model.aht_s, "s");
    answer(ui, model, offer);
    let occupancy = ("Maximum occupancy", Setting::MaxOccupancy);
    decimal_edit_unit(ui, occupancy, &mut model.max_occupancy_pct, "%");
    let shrinkage = ("Shrinkage", Setting::Shrinkage);
    decimal_edit_unit(ui, shrinkage, &mut model.shrinkage_pct, "% of paid time");
    labour(ui, model, &currency);
    decimal_edit_unit(
        ui,
        ("Hours per FTE", Setting::FteHours),
        &mut model.fte_hours_per_month,
        "paid hours a month",
    );
    let overhead = ("Overhead", Setting::Overhead);
    decimal_edit_unit(ui, overhead, &mut model.overhead_pct, "% of labour");
    decimal_edit_unit(
        ui,
        ("Fixed costs", Setting::FixedCosts),
        &mut model.fixed_monthly,
        &format!("{currency} a month"),
    );
    profile(ui, model);
}

fn answer(ui: &mut Ui, model: &mut ProviderModel, offer: &Scenario) {
    let mut kind = match model.answer {
        AnswerTarget::WithinSeconds { .. } => Kind::Within,
        AnswerTarget::AverageSpeed { .. } => Kind::Speed,
    };
    let options = [
        (Kind::Within, "% answered within a time"),
        (Kind::Speed, "Average speed of answer"),
    ];
    if choice(
        ui,
        ("Answer target", Setting::AnswerTarget),
        &mut kind,
        &options,
    )
    .changed()
    {
        model.answer = match kind {
            Kind::Within => AnswerTarget::WithinSeconds {
                target_pct: Decimal::new(80, 0),
                within_s: Decimal::new(20, 0),
            },
            Kind::Speed => AnswerTarget::AverageSpeed {
                asa_s: Decimal::new(30, 0),
            },
        };
    }
    match &mut model.answer {
        AnswerTarget::WithinSeconds {
            target_pct,
            within_s,
        } => {
            let in_time = ("Answered in time", Setting::AnsweredInTime);
            decimal_edit_unit(ui, in_time, target_pct, "% of contacts");
            decimal_edit_unit(ui, ("Answer time", Setting::AnswerTime), within_s, "s");
        }
        AnswerTarget::AverageSpeed { asa_s } => {
            let speed = ("Average speed of answer", Setting::AverageSpeed);
            decimal_edit_unit(ui, speed, asa_s, "s");
        }
    }
    let mut options: Vec<(Option<String>, String)> = vec![(None, "none: the target above".into())];
    options.extend(
        (offer.service_levels.iter())
            .map(|l| (Some(l.id.clone()), format!("{} ({})", l.name, l.id))),
    );
    if let Some(id) = &model.service_level
        && !options.iter().any(|(o, _)| o.as_ref() == Some(id))
    {
        options.push((Some(id.clone()), id.clone()));
    }
    let named: Vec<(Option<String>, &str)> = options
        .iter()
        .map(|(o, n)| (o.clone(), n.as_str()))
        .collect();
    let read_from = ("Target read from", Setting::TargetReadFrom);
    choice(ui, read_from, &mut model.service_level, &named);
}

fn labour(ui: &mut Ui, model: &mut ProviderModel, currency: &str) {
    let per_hour = matches!(model.labour, LabourCost::PerPaidHour(_));
    let mut kind = per_hour;
    let options = [(true, "per paid hour"), (false, "per FTE a month")];
    if choice(
        ui,
        ("Labour cost", Setting::LabourCost),
        &mut kind,
        &options,
    )
    .changed()
    {
        let rate = match model.labour {
            LabourCost::PerPaidHour(r) | LabourCost::PerFte(r) => r,
        };
        model.labour = if kind {
            LabourCost::PerPaidHour(rate / model.fte_hours_per_month.max(Decimal::ONE))
        } else {
            LabourCost::PerFte(rate * model.fte_hours_per_month)
        };
    }
    match &mut model.labour {
        LabourCost::PerPaidHour(rate) => {
            decimal_edit_unit(
                ui,
                ("Cost per paid hour", Setting::LabourCost),
                rate,
                &format!("{currency} an hour"),
            );
        }
        LabourCost::PerFte(rate) => {
            let per_fte = ("Cost per FTE", Setting::LabourCost);
            decimal_edit_unit(ui, per_fte, rate, &format!("{currency} a month"));
        }
    }
}

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn profile(ui: &mut Ui, model: &mut ProviderModel) {
    egui::CollapsingHeader::new("Arrival profile")
        .id_salt("arrival_profile")
        .show(ui, |ui| {
            let p = &mut model.profile;
            count_edit(
                ui,
                ("Interval length (minutes)", Setting::IntervalMinutes),
                &mut p.interval_minutes,
                5..=60,
            );
            let mut opens = p.opens_minute / 60;
            let opens_at = ("Opens at (hour)", Setting::OpensAt);
            if count_edit(ui, opens_at, &mut opens, 0..=23).changed() {
                p.opens_minute = opens * 60;
            }
            ui.weak("Weights are relative; 0 closes a day.");
            for (i, day) in DAYS.iter().enumerate() {
                if let Some(weight) = p.days.get_mut(i) {
                    let day = (format!("{day} weight"), Setting::DayWeight);
                    decimal_edit_unit(ui, day, weight, "relative");
                }
            }
            let mut count = p.intraday.len() as u32;
            let intervals = ("Intervals a day", Setting::IntervalsADay);
            if count_edit(ui, intervals, &mut count, 1..=288).changed() {
                p.intraday.resize(count as usize, Decimal::ONE);
            }
            egui::Grid::new("intraday_weights")
                .num_columns(2)
                .show(ui, |ui| {
                    for i in 0..p.intraday.len() {
                        let label = p.interval_label(i);
                        ui.label(&label);
                        decimal_cell(ui, &format!("Weight of {label}"), &mut p.intraday[i]);
                        ui.end_row();
                    }
                });
        });
}
