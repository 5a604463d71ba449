//! Colours as meanings. Panels ask for "credit" or "missed minimum", never for a colour.

use eframe::egui::{self, Color32, Visuals};

use crate::engine::{LineKind, Outcome};

/// A charge line (fees).
pub const CHARGE: Color32 = Color32::from_rgb(70, 130, 200);
/// An adjustment (ARC/RRC, indexation, charge cap).
pub const ADJUSTMENT: Color32 = Color32::from_rgb(140, 110, 200);
/// A service credit.
pub const CREDIT: Color32 = Color32::from_rgb(215, 80, 70);
/// A bonus.
pub const BONUS: Color32 = Color32::from_rgb(60, 170, 110);
/// Earn-back returned to the provider.
pub const EARN_BACK: Color32 = Color32::from_rgb(220, 160, 50);
/// The net amount.
pub const NET: Color32 = Color32::from_rgb(120, 120, 120);

/// The colour of a structure block: the kind of money it makes.
pub fn of_block(kind: crate::engine::structure::BlockKind) -> Color32 {
    use crate::engine::structure::BlockKind;
    match kind {
        BlockKind::Charge => CHARGE,
        BlockKind::Adjustment => ADJUSTMENT,
        BlockKind::Credit => CREDIT,
        BlockKind::Bonus => BONUS,
        BlockKind::EarnBack => EARN_BACK,
        BlockKind::Warning => WARNING,
        BlockKind::Net => NET,
    }
}
/// A month that met its target.
pub const MET: Color32 = Color32::from_rgb(60, 170, 110);
/// A month that missed the target but met the minimum.
pub const MISSED_TARGET: Color32 = Color32::from_rgb(230, 150, 40);
/// A month that missed the minimum.
pub const MISSED_MINIMUM: Color32 = Color32::from_rgb(215, 60, 60);
/// A month not measured or excluded.
pub const NOT_MEASURED: Color32 = Color32::from_rgb(150, 150, 150);
/// The target line on a KPI chart.
pub const TARGET: Color32 = Color32::from_rgb(60, 170, 110);
/// The minimum line on a KPI chart.
pub const MINIMUM: Color32 = Color32::from_rgb(215, 60, 60);
/// The KPI itself.
pub const KPI: Color32 = Color32::from_rgb(70, 130, 200);
/// A tier band edge.
pub const BAND_EDGE: Color32 = Color32::from_rgb(140, 110, 200);
/// An input that does not parse.
pub const INVALID: Color32 = Color32::from_rgb(215, 60, 60);
/// A warning (validation message).
pub const WARNING: Color32 = Color32::from_rgb(230, 150, 40);
/// An error notification.
pub const ERROR: Color32 = Color32::from_rgb(215, 60, 60);
/// An information notification.
pub const INFO: Color32 = Color32::from_rgb(70, 130, 200);
/// The selected block's outline.
pub const SELECTED: Color32 = Color32::from_rgb(255, 190, 60);

/// How much of a colour remains for projected months (lighter than history).
pub const PROJECTION_ALPHA: f32 = 0.40;

/// The colours of series told apart by name only (each offer's line): distinct, and none of
/// them the red of credits, so no offer looks like a loss.
pub const SERIES: [Color32; 6] = [
    Color32::from_rgb(70, 130, 200),
    Color32::from_rgb(60, 170, 110),
    Color32::from_rgb(220, 160, 50),
    Color32::from_rgb(160, 110, 210),
    Color32::from_rgb(90, 190, 200),
    Color32::from_rgb(200, 120, 160),
];

/// The colour of the `i`-th series (the palette repeats after six).
pub fn series(i: usize) -> Color32 {
    SERIES[i % SERIES.len()]
}

/// The colour of a kind of invoice line.
pub fn line_kind(kind: LineKind) -> Color32 {
    match kind {
        LineKind::Charge => CHARGE,
        LineKind::Adjustment => ADJUSTMENT,
        LineKind::Credit => CREDIT,
        LineKind::Bonus => BONUS,
        LineKind::EarnBack => EARN_BACK,
    }
}

/// The colour of a service level's monthly outcome.
pub fn outcome(outcome: Outcome) -> Color32 {
    match outcome {
        Outcome::Met => MET,
        Outcome::MissedTarget => MISSED_TARGET,
        Outcome::MissedMinimum => MISSED_MINIMUM,
        Outcome::NotMeasured | Outcome::Excluded => NOT_MEASURED,
    }
}

/// `color` as drawn for a projected month.
pub fn projected(color: Color32) -> Color32 {
    color.gamma_multiply(PROJECTION_ALPHA)
}

/// A block's fill colour by its kind, faint enough for text on top.
pub fn block_fill(color: Color32, visuals: &Visuals) -> Color32 {
    let base = visuals.extreme_bg_color;
    lerp(base, color, 0.18)
}

fn lerp(a: Color32, b: Color32, t: f32) -> Color32 {
    let mix = |x: u8, y: u8| (x as f32 + (y as f32 - x as f32) * t).round() as u8;
    Color32::from_rgb(mix(a.r(), b.r()), mix(a.g(), b.g()), mix(a.b(), b.b()))
}

/// Puts the monospace font behind the proportional one as a fallback: the proportional font
/// (Ubuntu Light) has no arrow `→`, which explanations and import reviews use. Call once on a
/// new context, before its first frame.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    let monospace = fonts
        .families
        .get(&egui::FontFamily::Monospace)
        .cloned()
        .unwrap_or_default();
    let proportional = fonts
        .families
        .entry(egui::FontFamily::Proportional)
        .or_default();
    for font in monospace {
        if !proportional.contains(&font) {
            proportional.push(font);
        }
    }
    ctx.set_fonts(fonts);
}
