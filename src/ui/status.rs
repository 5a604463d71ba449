//! The status bar (the selected scenario's totals for the selected period) and the
//! notifications shown in the window.

use crate::engine::structure::fee_at_risk;
use eframe::egui::{self, Align2, RichText, Ui};

use super::format::format_money;
use super::state::{Period, Toast};
use super::theme;
use crate::engine::{Flag, FlagKind, Ledger};
use crate::model::Project;

/// How long an information notice stays, in seconds (errors stay until dismissed).
const INFO_SECS: f64 = 6.0;
/// How many notifications show at once.
const MAX_TOASTS: usize = 3;

/// The status bar.
pub fn show(
    ui: &mut Ui,
    project: &Project,
    ledger: Option<&Ledger>,
    period: Period,
    eval_ms: f64,
    frame_ms: Option<f64>,
    flags_view: &mut FlagsView,
) {
    ui.horizontal(|ui| {
        let Some(ledger) = ledger else {
            ui.label("No scenario");
            return;
        };
        let t = period.totals(ledger);
        let d = project.rounding.decimals;
        ui.label(RichText::new(format!("{}, {}:", ledger.scenario, period.label())).strong());
        ui.label(format!("charges {}", format_money(t.charges, d)));
        if !t.adjustments.is_zero() {
            ui.label(format!("· adjustments {}", format_money(t.adjustments, d)));
        }
        ui.colored_label(
            theme::CREDIT,
            format!("· credits {}", format_money(-t.credits, d)),
        );
        let scenario = project.scenario(&ledger.scenario);
        let at_risk = scenario.and_then(|s| fee_at_risk(project, s, ledger, period));
        if let Some((most, _)) = at_risk {
            ui.colored_label(
                theme::CREDIT,
                format!("of {} at risk", format_money(most, d)),
            )
            .on_hover_text("The most credits the credit pool and caps allow in this period");
        }
        ui.colored_label(
            theme::BONUS,
            format!("· bonuses {}", format_money(t.bonuses, d)),
        );
        if !t.earn_back.is_zero() {
            ui.colored_label(
                theme::EARN_BACK,
                format!("· earn-back {}", format_money(t.earn_back, d)),
            );
        }
        ui.label(
            RichText::new(format!(
                "· net {} {}",
                format_money(t.net, d),
                project.currency
            ))
            .strong(),
        )
        .on_hover_text(
            "What the customer pays: charges + adjustments − credits + bonuses + earn-back",
        );
        let in_period = flags_in(ledger, period).count();
        let all = ledger.flags.len();
        if all > 0 {
            let text = if in_period == all || period == Period::Term {
                format!("· {all} flags")
            } else {
                let here = if in_period == 1 { "flag" } else { "flags" };
                format!(
                    "· {in_period} {here} in {} ({all} in the term)",
                    period.label().to_lowercase()
                )
            };
            if ui
                .add(egui::Button::new(RichText::new(text).color(theme::WARNING)).small())
                .on_hover_text(
                    "Triggers, caps, change control and missing data: click for the list",
                )
                .clicked()
            {
                flags_view.open = true;
                // Nothing to list in the period: show the term's flags.
                flags_view.whole_term |= in_period == 0;
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if let Some(ms) = frame_ms {
                ui.weak(format!("frame {ms:.1} ms · evaluation {eval_ms:.1} ms"));
            }
        });
    });
}

/// Shows the notifications in the bottom-right corner; each can be dismissed.
pub fn toasts(ctx: &egui::Context, toasts: &mut Vec<Toast>, now: f64) {
    toasts.retain(|t| t.error || now - t.since < INFO_SECS || t.since > now);
    // The newest few: a pile of notices would cover the work.
    let excess = toasts.len().saturating_sub(MAX_TOASTS);
    toasts.drain(..excess);
    if toasts.is_empty() {
        return;
    }
    let mut dismissed = None;
    egui::Area::new(egui::Id::unique("toasts"))
        .anchor(Align2::RIGHT_BOTTOM, [-12.0, -36.0])
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            for (i, toast) in toasts.iter().enumerate() {
                let colour = if toast.error {
                    theme::ERROR
                } else {
                    theme::INFO
                };
                egui::Frame::popup(ui.style())
                    .stroke(egui::Stroke::new(1.5, colour))
                    .show(ui, |ui| {
                        ui.set_max_width(420.0);
                        ui.horizontal_top(|ui| {
                            ui.colored_label(colour, if toast.error { "!" } else { "i" });
                            // Wrapped within the notice: a long error is read whole, never cut
                            // at the window's edge. The button keeps its room on the right.
                            let room = (ui.available_width() - 24.0).max(120.0);
                            ui.allocate_ui(egui::vec2(room, 0.0), |ui| {
                                ui.add(egui::Label::new(&toast.text).wrap());
                            });
                            if ui.small_button("×").on_hover_text("Dismiss").clicked() {
                                dismissed = Some(i);
                            }
                        });
                    });
            }
        });
    if let Some(i) = dismissed {
        toasts.remove(i);
    }
}

/// The ledger's flags in `period`.
fn flags_in(ledger: &Ledger, period: Period) -> impl Iterator<Item = &Flag> {
    ledger.flags.iter().filter(move |f| {
        ledger
            .months
            .iter()
            .find(|m| m.period == f.period)
            .is_some_and(|m| period.contains(m.period, m.contract_year))
    })
}

/// The triggers (or escalations) of a period in words: "2 termination triggers fired, still
/// holding in 6 more months".
fn trigger_count(kind: FlagKind, fired: usize, holding_months: usize) -> String {
    let verb = if kind == FlagKind::Escalation {
        "reached"
    } else {
        "fired"
    };
    let fired_words = format!("{} {verb}", kind.count(fired));
    match holding_months {
        0 => fired_words,
        1 => format!("{fired_words}, still holding in 1 more month"),
        n => format!("{fired_words}, still holding in {n} more months"),
    }
}

/// Whether the flags window is open and what it lists.
#[derive(Debug, Default, Clone, Copy)]
pub struct FlagsView {
    /// The window is open.
    pub open: bool,
    /// It lists the whole term rather than the selected period.
    pub whole_term: bool,
}

/// The flags window: the selected scenario's flags by kind, for the period or the whole term.
/// Clicking a month shows that month.
pub fn flags_window(
    ctx: &egui::Context,
    ledger: Option<&Ledger>,
    view: &mut FlagsView,
    period: &mut Period,
) {
    let Some(ledger) = ledger else {
        view.open = false;
        return;
    };
    let whole_term = &mut view.whole_term;
    egui::Window::new(format!("Flags of {}", ledger.scenario))
        .open(&mut view.open)
        .default_size([640.0, 420.0])
        .default_pos(ctx.content_rect().center() - egui::vec2(320.0, 210.0))
        .show(ctx, |ui| {
            // Two choices only when they differ: the toolbar's period, or the whole term.
            if *period != Period::Term {
                ui.horizontal(|ui| {
                    ui.radio_value(whole_term, false, period.label());
                    ui.radio_value(whole_term, true, "Whole term");
                });
            }
            let shown = if *whole_term { Period::Term } else { *period };
            let flags: Vec<&Flag> = flags_in(ledger, shown).collect();
            ui.horizontal_wrapped(|ui| {
                for kind in FlagKind::ALL {
                    let n = flags.iter().filter(|f| f.kind == kind).count();
                    if n == 0 {
                        continue;
                    }
                    if matches!(kind, FlagKind::TerminationTrigger | FlagKind::Escalation) {
                        // A trigger flags every month its condition holds; it fires in the
                        // first of a run.
                        let fired = crate::engine::firings(&ledger.flags)
                            .into_iter()
                            .filter(|(t, month)| {
                                flags.iter().any(|f| {
                                    f.kind == kind
                                        && f.period == *month
                                        && f.term == Some(crate::model::Component::Trigger(*t))
                                })
                            })
                            .count();
                        ui.label(trigger_count(kind, fired, n - fired));
                    } else {
                        ui.label(kind.count(n));
                    }
                }
                if flags.is_empty() {
                    ui.weak("No flags in this period.");
                }
            });
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("flags_grid").striped(true).show(ui, |ui| {
                    for kind in FlagKind::ALL {
                        for flag in flags.iter().filter(|f| f.kind == kind) {
                            if ui
                                .link(flag.period.to_string())
                                .on_hover_text("Show this month")
                                .clicked()
                            {
                                *period = Period::Month(flag.period);
                            }
                            let colour = match kind {
                                FlagKind::MissingData => ui.visuals().weak_text_color(),
                                FlagKind::OutOfRange => theme::ERROR,
                                _ => theme::WARNING,
                            };
                            ui.colored_label(colour, kind.label());
                            ui.label(&flag.message);
                            ui.end_row();
                        }
                    }
                });
            });
        });
}
