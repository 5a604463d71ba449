//! The desktop app (eframe/egui), a thin shell over the model and engine.
//!
//! The app shows one project: a tree of its scenarios and data, the selected scenario's
//! structure as its order of operations, an editor for the selected term, charts and a ledger.
//! Derived data (ledgers) is cached by project revision; edits happen in place; structural
//! actions are [`commands::Command`]s run at the end of a frame.

pub mod app;
pub mod charts;
pub mod commands;
pub mod data_table;
pub mod editors;
pub mod edits;
pub mod files;
pub mod format;
pub mod import_dialog;
pub mod ledger_table;
pub mod menus;
pub mod negotiation;
pub mod pictures;
pub mod provider;
pub mod risk;
pub mod state;
pub mod status;
pub mod structure;
pub mod theme;
pub mod toolbar;
pub mod tree;
pub mod unchanged;
pub mod undo;
pub mod widgets;
pub mod windows;

use std::path::PathBuf;

use eframe::egui;

pub use app::DealbenchApp;

/// Opens the desktop window on `file`, else the last project, else the bundled sample.
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport: egui::ViewportBuilder::default()
            .with_title("Dealbench")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Dealbench",
        options,
        Box::new(move |cc| {
            theme::install_fonts(&cc.egui_ctx);
            let settings: state::Settings = cc
                .storage
                .and_then(|s| eframe::get_value(s, app::SETTINGS_KEY))
                .unwrap_or_default();
            Ok(Box::new(DealbenchApp::open(settings, file)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("the window could not be opened: {e}"))
}
