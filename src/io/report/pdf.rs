//! The report as a PDF: the HTML report printed by a Chromium-family browser in headless mode,
//! whose print engine honours the report's print styles (paper size, tables and charts kept
//! whole, each offer on a new page). Dealbench draws nothing twice: the PDF is the HTML report.
//!
//! The browser is `DEALBENCH_BROWSER` when set, else the first of `chromium`,
//! `chromium-browser`, `google-chrome`, `google-chrome-stable`, `microsoft-edge` found on the
//! `PATH`. Without one, the PDF is refused with what to do instead.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::io::atomic::{Backup, write_atomically};

/// The browsers looked for on the `PATH`, in order.
const BROWSERS: [&str; 5] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "microsoft-edge",
];

/// Why the PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// No Chromium-family browser to print with.
    #[error(
        "a PDF is printed by Chromium or Chrome, and neither was found (set DEALBENCH_BROWSER to one, or install chromium); the HTML report (-o report.html) prints from any browser"
    )]
    NoBrowser,
    /// The browser ran but made no PDF.
    #[error("{browser} did not print the report: {reason}")]
    Failed {
        /// The browser run.
        browser: String,
        /// What it said, or what was wrong with its output.
        reason: String,
    },
    /// A file could not be read or written.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The browser the PDF is printed with, if there is one.
pub fn browser() -> Option<PathBuf> {
    if let Some(chosen) = std::env::var_os("DEALBENCH_BROWSER") {
        let chosen = PathBuf::from(chosen);
        return chosen.is_file().then_some(chosen);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| BROWSERS.iter().map(move |b| dir.join(b)))
        .find(|p| p.is_file())
}

/// Prints `html` to the PDF file `out`, atomically (the old file or the complete new one).
pub fn print(html: &str, out: &Path) -> Result<(), PdfError> {
    let browser = browser().ok_or(PdfError::NoBrowser)?;
    let work = tempfile::tempdir()?;
    let page = work.path().join("report.html");
    let pdf = work.path().join("report.pdf");
    std::fs::write(&page, html)?;
    let output = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            work.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()?;
    let failed = |reason: String| PdfError::Failed {
        browser: browser.display().to_string(),
        reason,
    };
    let bytes = std::fs::read(&pdf).map_err(|_| {
        let said = String::from_utf8_lossy(&output.stderr);
        failed(
            said.lines()
                .last()
                .unwrap_or("no PDF was written")
                .to_owned(),
        )
    })?;
    if !bytes.starts_with(b"%PDF") {
        return Err(failed("what it wrote is not a PDF".to_owned()));
    }
    write_atomically(out, Backup::None, |w| w.write_all(&bytes))?;
    Ok(())
}
