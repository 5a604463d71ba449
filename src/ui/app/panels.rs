//! The panels of a frame: menu bar, toolbar, status bar, tree, editor, structure and charts.

use eframe::egui::{self, Panel, Ui};

use super::DealbenchApp;
use crate::ui::charts::{self, ChartView};
use crate::ui::menus::{self, Menus};
use crate::ui::toolbar::{self, Toolbar};
use crate::ui::{editors, status, structure, tree};

impl DealbenchApp {
    /// The menu bar, toolbar, status bar, tree, editor, structure and charts; each panel gets
    /// the part of the state it shows or changes.
    pub(super) fn panels(&mut self, ui: &mut Ui) {
        let (can_undo, can_redo) = (self.can_undo(), self.history.can_redo());
        let view = &mut self.view;
        let project = &mut self.doc.project;
        let ledgers = &self.eval.cache.ledgers;
        let revision = self.doc.revision;
        let queue = &mut self.queue;
        Panel::top("menu").show(ui, |ui| {
            let menus = Menus {
                settings: &mut self.settings,
                project,
                can_undo,
                can_redo,
                period: &mut view.period,
                chart: &mut view.chart,
                flags_open: &mut view.flags.open,
                queue,
            };
            menus::show(ui, menus);
        });
        Panel::top("toolbar").show(ui, |ui| {
            let bar = Toolbar {
                project,
                scenario: &mut view.scenario,
                selection: &mut view.selection,
                period: &mut view.period,
                can_undo,
                can_redo,
                queue,
            };
            toolbar::show(ui, bar);
        });
        Panel::bottom("status").show(ui, |ui| {
            status::show(
                ui,
                project,
                ledgers.get(view.scenario),
                view.period,
                self.eval.cache.eval_ms,
                self.settings.show_frame_time.then_some(self.frame_ms),
                &mut view.flags,
            );
        });
        if self.settings.show_tree {
            Panel::left("tree")
                .resizable(true)
                .default_size(210.0)
                .show(ui, |ui| {
                    tree::show(ui, project, &mut view.scenario, &mut view.selection, queue);
                });
        }
        Panel::right("editor")
            .resizable(true)
            .default_size(400.0)
            .min_size(280.0)
            .show(ui, |ui| {
                let seen = editors::Seen {
                    ledger: ledgers.get(view.scenario),
                    period: view.period,
                    unchanged: match &view.selection {
                        crate::ui::state::Selection::Term(c) => view.edit_effect.note_for(c),
                        _ => None,
                    },
                };
                editors::show(ui, project, view.scenario, &mut view.selection, seen);
            });
        let show_charts = self.settings.show_charts;
        let show_ledger = self.settings.show_ledger;
        egui::CentralPanel::default().show(ui, |ui| {
            // The structure above, the charts below; drag the line between them.
            let height = ui.available_height();
            let (si, period) = (view.scenario, view.period);
            let mut structure = |ui: &mut Ui| {
                let ledger = ledgers.get(si);
                structure::show(ui, project, ledger, si, period, &mut view.selection, queue);
            };
            if !show_charts {
                structure(ui);
                return;
            }
            let panel = Panel::top("structure")
                .resizable(true)
                .default_size((height * 0.5).clamp(200.0, 460.0))
                .size_range(120.0..=(height - 160.0).max(160.0))
                .frame(egui::Frame::NONE)
                .show(ui, structure);
            divider_handle(ui, panel.response.rect);
            let charts = ChartView {
                scenario: si,
                period,
                show_ledger,
                tab: &mut view.chart,
                selection: &mut view.selection,
                data_table: &mut view.data_table,
                kpi_transform: &mut view.kpi_transform,
                risk: &mut self.risk,
                risk_view: &mut view.risk,
                revision,
                negotiation: &mut view.negotiation,
                area: &mut view.chart_area,
            };
            charts::show(ui, project, ledgers, charts, queue);
        });
    }
}

/// A grip drawn on the divider between the structure and the charts, so the line that resizes
/// them is easy to find and to grab (egui's own resize line shows only on hover).
fn divider_handle(ui: &Ui, above: egui::Rect) {
    let center = egui::pos2(above.center().x, above.bottom() + 1.0);
    let grip = egui::Rect::from_center_size(center, egui::vec2(44.0, 5.0));
    let color = ui
        .visuals()
        .widgets
        .inactive
        .fg_stroke
        .color
        .gamma_multiply(0.6);
    ui.painter().rect_filled(grip, 2.5, color);
}
