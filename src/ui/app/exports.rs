//! What leaves the app: the workbook, the client report (HTML or PDF), the report opened in
//! the system's browser to print, and the chart shown as a picture.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::DealbenchApp;
use crate::ui::files;

impl DealbenchApp {
    /// The ledgers of the project as it is: the evaluator's when they are for this revision
    /// (they usually are), else evaluated now, so an export never shows an older revision.
    fn current_ledgers(&self) -> std::borrow::Cow<'_, [crate::engine::Ledger]> {
        let cache = &self.eval.cache;
        if cache.revision == self.doc.revision {
            std::borrow::Cow::Borrowed(&cache.ledgers)
        } else {
            std::borrow::Cow::Owned(crate::engine::evaluate_all(&self.doc.project))
        }
    }

    /// Writes the workbook of the ledgers shown (the engine's, at the current revision).
    pub(super) fn export_workbook(&mut self, path: &Path) {
        let ledgers = self.current_ledgers();
        let written = crate::io::workbook::workbook(&self.doc.project, &ledgers)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                crate::io::atomic::write_atomically(path, crate::io::atomic::Backup::None, |w| {
                    w.write_all(&bytes)
                })
                .map_err(|e| e.to_string())
            });
        match written {
            Ok(()) => self.info(format!("Exported the workbook to {}", path.display())),
            Err(err) => self.error(format!("Could not export the workbook: {err}")),
        }
    }

    /// Saves the chart shown: SVG drawn from the ledgers, or PNG of it as on screen.
    pub(super) fn save_chart(&mut self, ctx: &egui::Context, path: PathBuf) {
        let Some(area) = self.view.chart_area else {
            self.error("No chart is shown to save".into());
            return;
        };
        let svg = crate::ui::pictures::chart_svg(
            self.view.chart,
            &self.doc.project,
            &self.eval.cache.ledgers,
            self.view.scenario,
            self.view.period,
            &self.risk,
        );
        crate::ui::pictures::save(ctx, path, area, svg, &self.view.picture);
    }

    /// Shows what became of a picture once it is ready.
    pub(super) fn picture_outcome(&mut self) {
        let ready = self
            .view
            .picture
            .lock()
            .ok()
            .and_then(|mut slot| slot.take());
        if let Some((text, is_error)) = ready {
            self.view.toast(text, is_error);
        }
    }

    /// The client report of the project as it is (every offer), as HTML; with the Risk tab's
    /// figures where they are for the project as it is.
    pub(super) fn report_html(&self) -> String {
        let ledgers = self.current_ledgers();
        let risk = (self.risk.offers.iter().enumerate())
            .filter_map(|(offer, r)| {
                let r = r.as_ref().filter(|r| r.revision == self.doc.revision)?;
                Some(crate::io::report::OfferRisk {
                    offer,
                    report: r.report.clone(),
                    spread: r.spread.clone(),
                })
            })
            .collect();
        let options = crate::io::report::ReportOptions {
            risk,
            ..Default::default()
        };
        crate::io::report::html(&self.doc.project, &ledgers, &options)
    }

    /// Writes the report: PDF when the name ends in `.pdf` (printed by Chromium or Chrome),
    /// HTML otherwise.
    pub(super) fn export_report(&mut self, path: &Path) {
        let html = self.report_html();
        let pdf = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        let written = if pdf {
            crate::io::report::pdf::print(&html, path).map_err(|e| e.to_string())
        } else {
            crate::io::atomic::write_atomically(path, crate::io::atomic::Backup::None, |w| {
                w.write_all(html.as_bytes())
            })
            .map_err(|e| e.to_string())
        };
        match written {
            Ok(()) => self.info(format!("Exported the report to {}", path.display())),
            Err(err) => self.error(format!("Could not export the report: {err}")),
        }
    }

    /// Opens the report in the system's browser (to read or print); without one, says where
    /// the report was saved.
    pub(super) fn print(&mut self) {
        let name = format!("{}.report.html", files::slug(&self.doc.project.name));
        let path = std::env::temp_dir().join(name);
        let html = self.report_html();
        let written =
            crate::io::atomic::write_atomically(&path, crate::io::atomic::Backup::None, |w| {
                w.write_all(html.as_bytes())
            });
        if let Err(err) = written {
            self.error(format!("Could not write the report: {err}"));
            return;
        }
        match (self.opener)(&path) {
            Ok(()) => self.info(format!(
                "The report opened in your browser: print it from there ({})",
                path.display()
            )),
            Err(_) => self.info(format!(
                "No browser to open the report: it is saved at {}; open it in a browser to print it, or use File › Export report… with a .pdf name",
                path.display()
            )),
        }
    }

    /// Replaces how files are opened in the system's browser (tests record instead).
    pub fn with_opener(mut self, opener: fn(&Path) -> std::io::Result<()>) -> Self {
        self.opener = opener;
        self
    }
}
