//! The structure view: the selected scenario drawn as its order of operations, a block per
//! component with its amount for the selected period; click a block to edit it; a palette adds
//! components.

use eframe::egui::{self, Label, RichText, Sense, Stroke, Ui};

use super::commands::{Command, ComponentKind};
use super::format::format_money;
use super::state::{Period, Selection};
use super::theme;
use crate::engine::Ledger;
use crate::engine::structure::net_block;
pub use crate::engine::structure::{Block, BlockKind, blocks};
use crate::model::Project;

/// Shows the structure view of the selected scenario with its palette.
pub fn show(
    ui: &mut Ui,
    project: &Project,
    ledger: Option<&Ledger>,
    si: usize,
    period: Period,
    selection: &mut Selection,
    queue: &mut Vec<Command>,
) {
    let Some(scenario) = project.scenarios.get(si) else {
        ui.label("The project has no scenario.");
        return;
    };
    let decimals = project.rounding.decimals;
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!("Structure of {}", scenario.name));
        ui.weak(format!(
            "· amounts for {} in {}",
            period.label(),
            project.currency
        ));
    });
    palette(ui, queue);
    let blocks = blocks(project, scenario, ledger, period);
    egui::ScrollArea::vertical().id_salt("structure").auto_shrink([false, false]).show(ui, |ui| {
        let mut all: Vec<Block> = blocks;
        if let Some(ledger) = ledger {
            all.push(net_block(ledger, period));
        }
        if all.len() <= 1 {
            ui.weak("This offer has no terms yet: add a fixed fee, unit rates or tiers from the palette above.");
        }
        // Rows of whole blocks, left to right, wrapping like text.
        let per_row = ((ui.available_width() + ARROW_WIDTH) / (BLOCK_WIDTH + ARROW_WIDTH)).floor().max(1.0) as usize;
        // Blocks share the row's width, so wide windows show longer titles.
        let width = ((ui.available_width() + ARROW_WIDTH) / per_row as f32 - ARROW_WIDTH).clamp(BLOCK_WIDTH, 2.0 * BLOCK_WIDTH) - 2.0;
        let count = all.len();
        for (row, chunk) in all.chunks(per_row).enumerate() {
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing = egui::vec2(4.0, 6.0);
                for (i, block) in chunk.iter().enumerate() {
                    let shows = matches!(selection, Selection::Term(c) if *c == block.component);
                    let selected = shows && !matches!(block.stage, "Net" | "Earn-back");
                    let key = (row * per_row + i, block.stage);
                    if block_ui(ui, block, selected, decimals, (width, key)).clicked() {
                        *selection = Selection::Term(block.component.clone());
                    }
                    if row * per_row + i + 1 < count {
                        ui.add_sized([ARROW_WIDTH - 8.0, 20.0], Label::new(RichText::new("›").strong().size(18.0)).selectable(false));
                    }
                }
            });
        }
    });
}

/// The outer width of a block, margins and outline included.
const BLOCK_WIDTH: f32 = 164.0;
/// The width of the arrow between blocks, spacing included.
const ARROW_WIDTH: f32 = 22.0;

fn palette(ui: &mut Ui, queue: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Add:");
        for kind in ComponentKind::ALL {
            if ui
                .small_button(format!("+ {}", kind.label()))
                .on_hover_text(kind.tooltip())
                .clicked()
            {
                queue.push(Command::Add(kind));
            }
        }
        ui.separator();
        for command in [
            Command::MoveUp,
            Command::MoveDown,
            Command::Delete,
            Command::DuplicateScenario,
        ] {
            let text = match command {
                Command::MoveUp => "Move earlier",
                Command::MoveDown => "Move later",
                Command::Delete => "Delete",
                _ => "Duplicate scenario",
            };
            if ui
                .small_button(text)
                .on_hover_text(command.tooltip())
                .clicked()
            {
                queue.push(command);
            }
        }
    });
}

fn block_ui(
    ui: &mut Ui,
    block: &Block,
    selected: bool,
    decimals: u32,
    (width, key): (f32, (usize, &str)),
) -> egui::Response {
    let stroke = if selected {
        Stroke::new(2.5, theme::SELECTED)
    } else {
        Stroke::new(1.0, theme::of_block(block.kind))
    };
    let frame = egui::Frame::new()
        .fill(theme::block_fill(theme::of_block(block.kind), ui.visuals()))
        .stroke(stroke)
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(8, 5));
    let inner = frame.show(ui, |ui| {
        ui.set_width(width - 18.0);
        ui.vertical(|ui| {
            ui.add(
                Label::new(
                    RichText::new(block.stage)
                        .small()
                        .color(theme::of_block(block.kind)),
                )
                .selectable(false),
            );
            // The title wraps (names are what users scan for); the detail stays on one line.
            ui.add(
                Label::new(RichText::new(&block.title).strong())
                    .selectable(false)
                    .wrap(),
            );
            ui.add(
                Label::new(RichText::new(&block.detail).small())
                    .selectable(false)
                    .truncate(),
            );
            let amount = match (block.amount, &block.status) {
                (Some(a), _) => RichText::new(format_money(a, decimals))
                    .monospace()
                    .size(15.0),
                (None, Some((status, warning))) => {
                    let text = RichText::new(status).strong();
                    if *warning {
                        text.color(theme::WARNING)
                    } else {
                        text.weak()
                    }
                }
                (None, None) => RichText::new("—").monospace().size(15.0),
            };
            ui.add(Label::new(amount).selectable(false).truncate());
        });
    });
    // A widget of its own, under an id kept from frame to frame: reachable by Tab, named for
    // assistive tech, opened with Enter or Space as with a click.
    let id = ui.scope_id().with(("structure_block", key));
    let response = ui.interact(inner.response.rect, id, Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            format!("{}: {}", block.title, block.detail),
        )
    });
    let response = response.on_hover_text(format!(
        "{}: {}{}{}{}\nClick to edit",
        block.title,
        block.detail,
        crate::model::glossary::lookup(block.stage)
            .map(|e| format!("\n\n{}: {}", e.term, e.meaning))
            .unwrap_or_default(),
        block
            .status
            .as_ref()
            .map(|(s, _)| format!("\n{s}"))
            .unwrap_or_default(),
        block.note.map(|n| format!("\n{n}")).unwrap_or_default()
    ));
    if response.hovered() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
    }
    if response.has_focus() {
        // Reached by Tab: a ring outside the block's own frame (Enter or Space opens it).
        let ring = Stroke::new(2.0, ui.visuals().selection.stroke.color);
        (ui.painter()).rect_stroke(
            response.rect.expand(3.0),
            8.0,
            ring,
            egui::StrokeKind::Outside,
        );
    }
    response
}
