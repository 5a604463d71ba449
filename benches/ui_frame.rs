//! What a frame of the desktop app costs while a term is dragged: each iteration moves the
//! first service level's target (as a drag of its line does), so the frame re-evaluates every
//! offer and redraws structure, editor, charts and status bar. Measured headless with
//! egui_kittest (layout and tessellation-free CPU work; no GPU), on each bundled sample.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use dealbench::io::project::{SAMPLES, parse};
use dealbench::ui::DealbenchApp;
use dealbench::ui::charts::ChartTab;
use dealbench::ui::state::Settings;
use eframe::egui;
use egui_kittest::Harness;
use rust_decimal::Decimal;

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("ui_frame_dragging_a_target");
    for (name, text) in SAMPLES {
        let project = parse(text, name).expect("a bundled sample parses");
        let mut app = DealbenchApp::new(project, None, Settings::default());
        app.view.chart = ChartTab::ServiceLevels;
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1600.0, 1000.0))
            .with_context_setup(dealbench::ui::theme::install_fonts)
            .build_ui_state(|ui, app: &mut DealbenchApp| app.show(ui), app);
        harness.run();
        let mut step = 0u32;
        group.bench_function(*name, |b| {
            b.iter(|| {
                step += 1;
                let sl = &mut harness.state_mut().doc.project.scenarios[0].service_levels[0];
                // Alternate up and down by a hundredth so the target stays near its value.
                let delta = Decimal::new(if step.is_multiple_of(2) { 1 } else { -1 }, 2);
                sl.target += delta;
                harness.step();
            });
        });
    }
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
