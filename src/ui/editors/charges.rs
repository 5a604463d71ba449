//! Editors of fee components: fixed fee, unit rates, tiers (a band table that flags gaps and
//! overlaps as you type), ARC/RRC.

use eframe::egui::{self, RichText, Ui};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::Ids;
use crate::model::glossary::Setting;
use crate::model::{
    BandField, BandLimit, BeyondLimit, Charge, DeadBandConvention, Field, Pricing, TierBand,
    TierMode, UnitRate,
};
use crate::ui::theme;
use crate::ui::widgets::{
    checkbox, choice, decimal_cell, decimal_edit, id_choice, label, optional_decimal, text_edit,
};

/// The editor of a charge.
pub fn charge(ui: &mut Ui, charge: &mut Charge, ids: &Ids) {
    text_edit(ui, ("Name", Field::Name), &mut charge.name);
    text_edit(ui, ("Id", Field::Id), &mut charge.id);
    ui.separator();
    match &mut charge.pricing {
        Pricing::Fixed { monthly } => {
            decimal_edit(ui, ("Monthly fee", Field::Monthly), monthly);
        }
        Pricing::UnitRates { rates } => {
            ui.label("Rates per service class");
            let mut remove = None;
            for (i, r) in rates.iter_mut().enumerate() {
                ui.push_id(i, |ui| {
                    ui.group(|ui| {
                        text_edit(ui, ("Class", Setting::ServiceClass), &mut r.class);
                        id_choice(ui, ("Volume", Field::Volume), &mut r.volume, &ids.volumes);
                        ui.horizontal(|ui| {
                            decimal_edit(ui, ("Rate per unit", Field::UnitRate(i)), &mut r.rate);
                            if ui
                                .small_button("×")
                                .on_hover_text("Remove this class")
                                .clicked()
                            {
                                remove = Some(i);
                            }
                        });
                    });
                });
            }
            if let Some(i) = remove {
                rates.remove(i);
            }
            if ui.button("+ Add a class").clicked() {
                let volume = rates
                    .last()
                    .map(|r| r.volume.clone())
                    .or_else(|| ids.volumes.first().cloned())
                    .unwrap_or_default();
                rates.push(UnitRate {
                    class: format!("class {}", rates.len() + 1),
                    volume,
                    rate: Decimal::ZERO,
                });
            }
        }
        Pricing::Tiered {
            volume,
            mode,
            bands,
        } => {
            id_choice(ui, ("Volume", Field::Volume), volume, &ids.volumes);
            choice(
                ui,
                ("Mode", Setting::TierMode),
                mode,
                &[
                    (TierMode::Graduated, "Graduated: each band at its own rate"),
                    (
                        TierMode::AllUnits,
                        "All-units: whole volume at the band reached",
                    ),
                    (TierMode::FixedFee, "Tiered fixed fee: the band's flat fee"),
                ],
            );
            tier_table(ui, bands);
        }
        Pricing::ResourceAdjustment(a) => {
            id_choice(ui, ("Volume", Field::Volume), &mut a.volume, &ids.volumes);
            decimal_edit(ui, ("Baseline volume", Field::Baseline), &mut a.baseline);
            decimal_edit(
                ui,
                ("Dead band ±%", Field::DeadBandPct),
                &mut a.dead_band_pct,
            );
            decimal_edit(ui, ("ARC rate (above)", Field::ArcRate), &mut a.arc_rate);
            decimal_edit(ui, ("RRC rate (below)", Field::RrcRate), &mut a.rrc_rate);
            choice(
                ui,
                ("Adjusted units", Setting::DeadBandConvention),
                &mut a.convention,
                &[
                    (
                        DeadBandConvention::WholeDifference,
                        "Whole difference from baseline",
                    ),
                    (
                        DeadBandConvention::BeyondDeadBand,
                        "Only beyond the dead band",
                    ),
                ],
            );
            optional_decimal(
                ui,
                ("Outer band ±% (change control)", Field::OuterBandPct),
                &mut a.outer_band_pct,
                dec!(20),
            )
            .on_hover_text("The same limit above and below; a side with its own limit follows it");
            let default_pct = a.outer_band_pct.unwrap_or(dec!(20));
            let upper = ("Upper limit", Field::UpperLimitPct);
            band_limit(ui, upper, "above", &mut a.upper_limit, default_pct);
            let lower = ("Lower limit", Field::LowerLimitPct);
            band_limit(ui, lower, "below", &mut a.lower_limit, default_pct);
        }
    }
}

fn tier_table(ui: &mut Ui, bands: &mut Vec<TierBand>) {
    ui.label(RichText::new("Bands (above \"from\", up to and including \"to\")").strong());
    let mut remove = None;
    egui::Grid::new("bands")
        .num_columns(6)
        .striped(true)
        .show(ui, |ui| {
            ui.label("#");
            label(ui, ("From", Field::Band(0, BandField::From)));
            label(ui, ("To", Field::Band(0, BandField::To)));
            label(ui, ("Rate", Field::Band(0, BandField::Rate)));
            label(ui, ("Flat fee", Field::Band(0, BandField::FlatFee)));
            ui.label("");
            ui.end_row();
            let count = bands.len();
            for (i, band) in bands.iter_mut().enumerate() {
                let n = i + 1;
                ui.label(n.to_string());
                decimal_cell(ui, &format!("Band {n} from"), &mut band.from);
                if i + 1 == count && band.to.is_none() {
                    if ui
                        .small_button("open-ended")
                        .on_hover_text("Give this band an upper edge")
                        .clicked()
                    {
                        band.to = Some(band.from + dec!(1000));
                    }
                } else {
                    let mut to = band.to.unwrap_or_default();
                    if decimal_cell(ui, &format!("Band {n} to"), &mut to).changed() {
                        band.to = Some(to);
                    }
                }
                decimal_cell(ui, &format!("Band {n} rate"), &mut band.rate);
                decimal_cell(ui, &format!("Band {n} flat fee"), &mut band.flat_fee);
                if ui
                    .small_button("×")
                    .on_hover_text(format!("Remove band {n}"))
                    .clicked()
                {
                    remove = Some(i);
                }
                ui.end_row();
            }
        });
    if let Some(i) = remove {
        bands.remove(i);
    }
    ui.horizontal(|ui| {
        if ui
            .button("+ Add band")
            .on_hover_text("Split the open-ended band: a new band above the last edge")
            .clicked()
        {
            add_band(bands);
        }
        if let Some(last) = bands.last_mut()
            && last.to.is_some()
            && ui.small_button("Make last band open-ended").clicked()
        {
            last.to = None;
        }
    });
    for problem in TierBand::problems(bands) {
        ui.colored_label(theme::WARNING, format!("! {problem}"));
    }
}

/// Adds a band at the top: the open-ended last band gets an edge and a new open band follows.
pub fn add_band(bands: &mut Vec<TierBand>) {
    let Some(last) = bands.last_mut() else {
        bands.push(TierBand {
            from: Decimal::ZERO,
            to: None,
            rate: Decimal::ZERO,
            flat_fee: Decimal::ZERO,
        });
        return;
    };
    let edge = match last.to {
        Some(to) => to,
        None => {
            let width = if last.from.is_zero() {
                dec!(1000)
            } else {
                last.from
            };
            let to = last.from + width;
            last.to = Some(to);
            to
        }
    };
    let rate = last.rate;
    bands.push(TierBand {
        from: edge,
        to: None,
        rate,
        flat_fee: Decimal::ZERO,
    });
}

/// One side's outer limit of a resource-unit band: its percentage and its consequence.
fn band_limit(
    ui: &mut Ui,
    (label, field): (&str, Field),
    side: &str,
    limit: &mut Option<BandLimit>,
    default_pct: Decimal,
) {
    let mut set = limit.is_some();
    if checkbox(ui, (format!("{label} of its own"), field), &mut set)
        .on_hover_text(format!(
            "A limit {side} the baseline apart from the other side's, with its own consequence"
        ))
        .changed()
    {
        *limit = set.then_some(BandLimit {
            pct: default_pct,
            beyond: BeyondLimit::ChangeControl,
        });
    }
    if let Some(l) = limit.as_mut() {
        decimal_edit(
            ui,
            (format!("{label} % {side} baseline"), field),
            &mut l.pct,
        );
        choice(
            ui,
            (
                format!("Beyond the {}", label.to_lowercase()),
                Setting::BeyondLimit,
            ),
            &mut l.beyond,
            &[
                (BeyondLimit::ChangeControl, "Change control (still priced)"),
                (BeyondLimit::BilledAtLimit, "Billed as if at the limit"),
            ],
        );
    }
}
