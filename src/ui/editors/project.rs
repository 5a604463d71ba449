//! Editors of the project settings, a scenario's heading, and the data series.

use eframe::egui::{self, Ui};
use rust_decimal_macros::dec;

use crate::model::glossary::Setting;
use crate::model::{
    Field, IndexSeries, KpiAssumption, KpiData, KpiSeries, MonthlyValues, Party, Project,
    RoundStatus, RoundingRule, Scenario, VolumeForecast, VolumeSeries, YearMonth,
};
use crate::ui::widgets::{
    FieldLabel, choice, count_edit, decimal_cell, decimal_edit, label, text_edit,
};

/// The project settings.
pub fn project(ui: &mut Ui, p: &mut Project) {
    text_edit(ui, ("Project name", Setting::ProjectName), &mut p.name);
    text_edit(ui, ("Customer", Setting::Customer), &mut p.customer);
    text_edit(ui, ("Currency", Setting::Currency), &mut p.currency);
    month_edit(ui, ("Contract start", Setting::ContractStart), &mut p.start);
    let term = ("Term (months)", Setting::TermMonths);
    count_edit(ui, term, &mut p.term_months, 1..=240);
    choice(
        ui,
        ("Rounding", Setting::RoundingRule),
        &mut p.rounding.rule,
        &[
            (RoundingRule::HalfAwayFromZero, "Half away from zero"),
            (RoundingRule::HalfEven, "Banker's (half even)"),
        ],
    );
    let decimals = ("Currency decimals", Setting::CurrencyDecimals);
    count_edit(ui, decimals, &mut p.rounding.decimals, 0..=4);
    let discount = ("Discount rate % per year", Setting::DiscountRate);
    decimal_edit(ui, discount, &mut p.discount_rate_pct);
    choice(
        ui,
        ("Future KPIs", Setting::FutureKpis),
        &mut p.projection.kpi,
        &[
            (KpiAssumption::RepeatLast12, "Repeat the last 12 months"),
            (KpiAssumption::HoldAtTarget, "Exactly at target"),
            (KpiAssumption::Explicit, "Entered values"),
        ],
    );
    if let Some(end) = p.history_end() {
        ui.weak(format!("History up to {end}; later months are projected."));
    }
}

/// A month typed as YYYY-MM; kept only when it parses.
fn month_edit<'a>(ui: &mut Ui, label: impl Into<FieldLabel<'a>>, month: &mut YearMonth) {
    let label = label.into();
    ui.horizontal(|ui| {
        let label = label.show(ui);
        let id = ui.scope_id().with(("month", label.id));
        let mut text: String = ui
            .data(|d| d.get_temp(id))
            .unwrap_or_else(|| month.to_string());
        let response = ui
            .add(egui::TextEdit::singleline(&mut text).desired_width(80.0))
            .labelled_by(label.id);
        match text.parse::<YearMonth>() {
            Ok(m) => {
                if response.changed() {
                    *month = m;
                }
            }
            Err(e) => {
                ui.colored_label(crate::ui::theme::INVALID, e.to_string());
            }
        }
        if response.has_focus() {
            ui.data_mut(|d| d.insert_temp(id, text));
        } else {
            ui.data_mut(|d| d.remove::<String>(id));
        }
    });
}

/// A scenario's name, provider and notes.
pub fn scenario(ui: &mut Ui, s: &mut Scenario) {
    text_edit(ui, ("Offer name", Setting::OfferName), &mut s.name);
    text_edit(ui, ("Provider", Setting::Provider), &mut s.provider);
    ui.horizontal(|ui| {
        let label = label(ui, ("Notes", Setting::Notes));
        ui.add(
            egui::TextEdit::multiline(&mut s.notes)
                .desired_rows(3)
                .desired_width(240.0),
        )
        .labelled_by(label.id);
    });
    round(ui, s);
    ui.weak(format!(
        "{}, {}, {}. Click a block in the structure to edit it.",
        count(s.charges.len(), "charge"),
        count(s.service_levels.len(), "service level"),
        count(s.bonuses.len(), "bonus")
    ));
}

/// A KPI series: its names and monthly values.
pub fn kpi(ui: &mut Ui, k: &mut KpiSeries, start: YearMonth) {
    text_edit(ui, ("Name", Field::Name), &mut k.name);
    text_edit(ui, ("Id", Field::Id), &mut k.id);
    text_edit(ui, ("Unit", Setting::SeriesUnit), &mut k.unit);
    match &mut k.data {
        KpiData::Values { values, .. } => {
            ui.label("Monthly values");
            values_table(ui, values, "value", start);
        }
        KpiData::Downtime { minutes } => {
            ui.label("Downtime minutes per month (availability uses the real month length)");
            values_table(ui, minutes, "minutes", start);
        }
        KpiData::Ratio {
            numerator,
            denominator,
            scale,
        } => {
            decimal_edit(ui, ("Scale", Setting::RatioScale), scale);
            ui.label("Numerator per month");
            values_table(ui, numerator, "numerator", start);
            ui.label("Denominator per month");
            values_table(ui, denominator, "denominator", start);
        }
    }
}

/// A volume series: names, history and forecast.
pub fn volume(ui: &mut Ui, v: &mut VolumeSeries, start: YearMonth) {
    text_edit(ui, ("Name", Field::Name), &mut v.name);
    text_edit(ui, ("Id", Field::Id), &mut v.id);
    text_edit(ui, ("Unit", Setting::SeriesUnit), &mut v.unit);
    match &mut v.forecast {
        VolumeForecast::Growth { annual_pct } => {
            let growth = ("Forecast growth % per year", Setting::VolumeGrowth);
            decimal_edit(ui, growth, annual_pct);
        }
        VolumeForecast::Explicit(values) => {
            ui.label("Forecast per month");
            values_table(ui, values, "forecast", start);
        }
    }
    ui.label("History");
    values_table(ui, &mut v.history, "volume", start);
}

/// An index series.
pub fn index(ui: &mut Ui, x: &mut IndexSeries, start: YearMonth) {
    text_edit(ui, ("Name", Field::Name), &mut x.name);
    text_edit(ui, ("Id", Field::Id), &mut x.id);
    decimal_edit(
        ui,
        (
            "Assumed change % per year after the data",
            Setting::IndexForecast,
        ),
        &mut x.forecast_annual_pct,
    );
    values_table(ui, &mut x.values, "index", start);
}

fn values_table(ui: &mut Ui, values: &mut MonthlyValues, what: &str, start: YearMonth) {
    ui.push_id(what, |ui| {
        egui::Grid::new("values")
            .striped(true)
            .num_columns(2)
            .show(ui, |ui| {
                for (month, value) in values.iter_mut() {
                    ui.monospace(month.to_string());
                    decimal_cell(ui, &format!("{what} {month}"), value);
                    ui.end_row();
                }
            });
        let next = Some(values.keys().next_back().map_or(start, |m| m.plus(1)));
        if let Some(next) = next
            && ui.small_button(format!("+ Add {next}")).clicked()
        {
            let last = values.values().next_back().copied().unwrap_or(dec!(0));
            values.insert(next, last);
        }
    });
}

fn count(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        _ if noun.ends_with('s') => format!("{n} {noun}es"),
        _ => format!("{n} {noun}s"),
    }
}

/// Where the offer stands in its negotiation: its round, who proposed it, when, its status.
fn round(ui: &mut Ui, s: &mut Scenario) {
    let Some(r) = s.round.as_mut() else {
        ui.weak("No negotiation history. Edit › Counter this offer makes it round 1 and copies it as round 2.");
        return;
    };
    ui.separator();
    match &r.of {
        Some(of) => ui.label(format!(
            "Round {} of the negotiation opened by {of}",
            r.number
        )),
        None => ui.label(format!("Round {}: the opening offer", r.number)),
    };
    choice(
        ui,
        ("Proposed by", Setting::ProposedBy),
        &mut r.party,
        &[
            (Party::Provider, "The provider"),
            (Party::Customer, "The customer"),
        ],
    );
    let statuses: Vec<(RoundStatus, &str)> =
        RoundStatus::ALL.iter().map(|s| (*s, s.label())).collect();
    choice(
        ui,
        ("Status", Setting::RoundStatus),
        &mut r.status,
        &statuses,
    );
    crate::ui::widgets::date_edit(ui, ("Proposed on", Setting::ProposedOn), &mut r.date, false);
}
