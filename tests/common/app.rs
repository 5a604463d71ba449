//! The app under egui_kittest, as every UI test builds it: no window is opened.
#![allow(dead_code)]

use dealbench::model::Project;
use dealbench::ui::DealbenchApp;
use dealbench::ui::state::Settings;
use eframe::egui;
use egui_kittest::Harness;

/// The most frames `Harness::run` may take to settle.
pub const MAX_STEPS: u64 = 32;

/// The app on `project` with default settings, in a `width` × `height` window, after its first
/// frames.
pub fn app_harness(project: Project, width: f32, height: f32) -> Harness<'static, DealbenchApp> {
    let app = DealbenchApp::new(project, None, Settings::default());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(width, height))
        // The ledgers are computed on a thread that wakes the window when done: on a loaded
        // machine that answer can come a few frames later than kittest's default of 4 allows.
        .with_max_steps(MAX_STEPS)
        .with_context_setup(dealbench::ui::theme::install_fonts)
        .build_ui_state(|ui, app: &mut DealbenchApp| app.show(ui), app);
    harness.run();
    harness
}
