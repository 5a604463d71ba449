//! Charts as pictures: SVG drawn from the same ledgers as the chart shown (the report's
//! drawings), or PNG of the chart as it is on screen (a screenshot of its area, at the screen's
//! resolution), saved to a file or copied to the clipboard.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use eframe::egui::{self, ColorImage, Rect};

use super::charts::ChartTab;
use super::risk::RiskRunner;
use super::state::Period;
use crate::engine::Ledger;
use crate::io::atomic::{Backup, write_atomically};
use crate::io::report::svg;
use crate::model::Project;

/// The SVG of the chart `tab` shows for offer `scenario` over `period`; `None` for the charts
/// that are not drawings of amounts (service levels, volumes, tables) or have nothing yet.
pub fn chart_svg(
    tab: ChartTab,
    project: &Project,
    ledgers: &[Ledger],
    scenario: usize,
    period: Period,
    risk: &RiskRunner,
) -> Option<String> {
    let ledger = ledgers.get(scenario)?;
    match tab {
        ChartTab::Invoice => Some(svg::invoice(project, ledger)),
        ChartTab::Waterfall => {
            let totals = period.totals(ledger);
            let label = period.label().to_lowercase();
            Some(svg::waterfall(project, &ledger.scenario, &totals, &label))
        }
        ChartTab::Offers => Some(svg::cumulative(project, ledgers)),
        ChartTab::Risk => {
            let risk = risk.offers.get(scenario)?.as_ref()?;
            Some(svg::fan(project, ledger, &risk.spread))
        }
        _ => None,
    }
}

/// `image` as PNG bytes.
pub fn png_bytes(image: &ColorImage) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let [w, h] = image.size;
    let mut encoder = png::Encoder::new(&mut bytes, w as u32, h as u32);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let rgba: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(&rgba).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// Writes `bytes` to `path` atomically, as a sentence for the window.
fn write(path: &Path, bytes: &[u8]) -> Result<String, String> {
    write_atomically(path, Backup::None, |w| w.write_all(bytes))
        .map(|()| format!("Saved the chart to {}", path.display()))
        .map_err(|e| format!("Could not save the chart: {e}"))
}

/// What became of a picture asked for: a sentence for the window, and whether it is an error.
pub type Outcome = Arc<Mutex<Option<(String, bool)>>>;

/// Saves the chart: SVG from the ledgers when the name ends in `.svg`, else a PNG of `area`
/// as it is on screen (ready a frame later: the outcome is set then).
pub fn save(
    ctx: &egui::Context,
    path: PathBuf,
    area: Rect,
    svg: Option<String>,
    outcome: &Outcome,
) {
    let is_svg = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if is_svg {
        let result = match svg {
            Some(svg) => write(&path, svg.as_bytes()),
            None => Err("This chart has no SVG drawing: save it as .png".to_owned()),
        };
        set(outcome, result);
        return;
    }
    let outcome = outcome.clone();
    let ppp = ctx.pixels_per_point();
    let wake = ctx.clone();
    ctx.request_screenshot(move |image| {
        let cropped = image.region(&area, Some(ppp));
        set(
            &outcome,
            png_bytes(&cropped).and_then(|bytes| write(&path, &bytes)),
        );
        wake.request_repaint();
    });
}

/// Copies the chart in `area`, as it is on screen, to the clipboard as an image.
pub fn copy(ctx: &egui::Context, area: Rect, outcome: &Outcome) {
    let outcome = outcome.clone();
    let ppp = ctx.pixels_per_point();
    let wake = ctx.clone();
    ctx.request_screenshot(move |image| {
        wake.copy_image(image.region(&area, Some(ppp)));
        set(&outcome, Ok("Copied the chart as an image".to_owned()));
        wake.request_repaint();
    });
}

fn set(outcome: &Outcome, result: Result<String, String>) {
    let message = match result {
        Ok(text) => (text, false),
        Err(text) => (text, true),
    };
    if let Ok(mut slot) = outcome.lock() {
        *slot = Some(message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::Color32;

    #[test]
    fn a_chart_picture_is_a_png_of_its_area() {
        // A 4 × 2 image at 2 pixels per point; the chart's area is the right half in points.
        let mut pixels = vec![Color32::WHITE; 8];
        pixels[2] = Color32::RED;
        pixels[3] = Color32::RED;
        pixels[6] = Color32::BLUE;
        let image = ColorImage::new([4, 2], pixels);
        let area = Rect::from_min_max(egui::pos2(1.0, 0.0), egui::pos2(2.0, 1.0));
        let cropped = image.region(&area, Some(2.0));
        assert_eq!(cropped.size, [2, 2]);
        let bytes = png_bytes(&cropped).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut rgba = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut rgba).unwrap();
        assert_eq!(&rgba[..4], &[255, 0, 0, 255]);
        assert_eq!(&rgba[8..12], &[0, 0, 255, 255]);
    }
}
