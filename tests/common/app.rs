//! The app under egui_kittest, as every UI test builds it: no window is opened.
#![allow(dead_code)]

use dealbench::model::Project;
use dealbench::ui::DealbenchApp;
use dealbench::ui::state::Settings;
use eframe::egui;
use egui_kittest::Harness;

/// The app on `project` with default settings, in a `width` × `height` window, after its first
/// frames.
pub fn app_harness(project: Project, width: f32, height: f32) -> Harness<'static, DealbenchApp> {
    let app = DealbenchApp::new(project, None, Settings::default());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(width, height))
        .with_context_setup(dealbench::ui::theme::install_fonts)
        .build_ui_state(|ui, app: &mut DealbenchApp| app.show(ui), app);
    harness.run();
    harness
}
