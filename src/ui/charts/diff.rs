//! What changed from one offer to another, term by term, with each change's money
//! (`engine::diff`): computed when asked (it bills the offer once per changed term), and marked
//! out of date when either offer's net has moved since.

use eframe::egui::{self, Grid, Id, RichText, Ui};
use rust_decimal::Decimal;

use crate::engine::Ledger;
use crate::engine::diff::{OfferDiff, TermChange, diff};
use crate::format::{format_money, format_number, format_signed_money};
use crate::model::Project;
use crate::ui::theme;
use crate::ui::widgets::choice;

/// The offers compared, the last result and its order, kept between frames.
#[derive(Debug, Clone, Default)]
struct DiffState {
    from: usize,
    to: usize,
    result: Option<OfferDiff>,
    sort: Sort,
}

/// The order of the rows: a column and a direction, chosen by clicking the column's head.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    /// The column sorted on.
    pub by: SortBy,
    /// Reversed from the column's natural order.
    pub reversed: bool,
}

/// What the rows are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// The order the changes were applied in (the order of operations): the order in which
    /// the effects were attributed.
    #[default]
    Applied,
    /// The term's name, A to Z.
    Term,
    /// The net effect, largest in size first.
    Net,
    /// The NPV effect, largest in size first.
    Npv,
    /// Changed, added, removed.
    Change,
}

impl Sort {
    /// The row positions of `terms` in this order.
    pub fn order(self, terms: &[TermChange]) -> Vec<usize> {
        let mut rows: Vec<usize> = (0..terms.len()).collect();
        let size = |v: Option<Decimal>| std::cmp::Reverse(v.map(|v| v.abs()));
        match self.by {
            SortBy::Applied => {}
            SortBy::Term => rows.sort_by(|&a, &b| terms[a].term.cmp(&terms[b].term)),
            SortBy::Net => rows.sort_by_key(|&i| size(terms[i].net_effect)),
            SortBy::Npv => rows.sort_by_key(|&i| size(terms[i].npv_effect)),
            SortBy::Change => rows.sort_by_key(|&i| terms[i].change as u8),
        }
        if self.reversed {
            rows.reverse();
        }
        rows
    }

    /// The head of column `by`: a button that sorts on it, or reverses it when it is sorted on.
    fn head(&mut self, ui: &mut Ui, by: SortBy, text: &str, natural: &str) {
        let on = self.by == by;
        let arrow = match (on, self.reversed) {
            (false, _) => "",
            (true, false) => " ↓",
            (true, true) => " ↑",
        };
        let clicked = ui
            .selectable_label(on, RichText::new(format!("{text}{arrow}")).strong())
            .on_hover_text(format!("Sort by {natural}; click again to reverse"))
            .clicked();
        if clicked {
            self.reversed = on && !self.reversed;
            self.by = by;
        }
    }
}

/// Shows the two offer pickers, the Compare button and the terms that differ.
pub fn show(ui: &mut Ui, project: &Project, ledgers: &[Ledger]) {
    let id = Id::unique("offers_diff");
    let mut state: DiffState = ui.data(|d| d.get_temp(id)).unwrap_or_else(|| DiffState {
        to: 1.min(project.scenarios.len().saturating_sub(1)),
        ..DiffState::default()
    });
    let names: Vec<(usize, &str)> = (project.scenarios.iter().enumerate())
        .map(|(i, s)| (i, s.name.as_str()))
        .collect();
    let mut compare = false;
    ui.horizontal(|ui| {
        choice(ui, "From", &mut state.from, &names);
        choice(ui, "To", &mut state.to, &names);
        compare = ui
            .button("Compare")
            .on_hover_text(
                "Price each changed term in turn, from the first offer toward the second",
            )
            .clicked();
    });
    let current = |i: usize| ledgers.get(i).map(|l| l.totals.net);
    let stale = state.result.as_ref().is_some_and(|r| {
        Some(r.from_net) != current(state.from)
            || Some(r.to_net) != current(state.to)
            || r.from != project.scenarios.get(state.from).map_or("", |s| &s.name)
            || r.to != project.scenarios.get(state.to).map_or("", |s| &s.name)
    });
    if compare {
        let (a, b) = (
            project.scenarios.get(state.from),
            project.scenarios.get(state.to),
        );
        state.result = a.zip(b).map(|(a, b)| diff(project, a, b));
    }
    match &state.result {
        None => {
            ui.weak("Choose two offers and Compare: every term that differs, and what each change is worth.");
        }
        Some(result) => {
            if stale && !compare {
                ui.colored_label(theme::WARNING, "The offers changed since: Compare again.");
            }
            table(ui, project, result, &mut state.sort);
        }
    }
    ui.data_mut(|d| d.insert_temp(id, state));
}

fn table(ui: &mut Ui, project: &Project, d: &OfferDiff, sort: &mut Sort) {
    let dp = project.rounding.decimals;
    let signed = |v: Decimal| format_signed_money(v, dp);
    ui.label(
        RichText::new(format!(
            "Net over the term {} → {} ({}); NPV {} → {} ({})",
            format_money(d.from_net, dp),
            format_money(d.to_net, dp),
            signed(d.to_net - d.from_net),
            format_money(d.from_npv, dp),
            format_money(d.to_npv, dp),
            signed(d.to_npv - d.from_npv)
        ))
        .strong(),
    );
    let value = |v: Option<Decimal>, unit: &str| {
        v.map_or_else(
            || "—".to_owned(),
            |v| format!("{} {unit}", format_number(v)),
        )
    };
    if sort.by != SortBy::Applied
        && ui
            .button("Back to the order priced")
            .on_hover_text(
                "The changes in the order they were applied from the first offer toward the second",
            )
            .clicked()
    {
        *sort = Sort::default();
    }
    // The money first: the table is often wider than the panel, and the effects matter most.
    // Sideways only: the Offers tab scrolls down as a whole.
    egui::ScrollArea::horizontal()
        .id_salt("diff_scroll")
        // Shown, not only on hover: the columns beyond the edge must be findable.
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
        .show(ui, |ui| {
            Grid::new("diff_grid").striped(true).show(ui, |ui| {
                sort.head(ui, SortBy::Term, "Term", "the term's name");
                sort.head(ui, SortBy::Net, "Net effect", "the size of the net effect");
                sort.head(ui, SortBy::Npv, "NPV effect", "the size of the NPV effect");
                sort.head(ui, SortBy::Change, "Change", "changed, added, removed");
                ui.label(RichText::new("From").strong());
                ui.label(RichText::new("To").strong());
                ui.end_row();
                for t in sort.order(&d.terms).into_iter().map(|i| &d.terms[i]) {
                    ui.label(&t.term);
                    // Added and removed terms are priced together in the last row.
                    let rest = || "in the last row".to_owned();
                    ui.label(t.net_effect.map_or_else(rest, signed));
                    ui.label(t.npv_effect.map_or_else(rest, signed));
                    ui.label(t.change.label());
                    ui.label(value(t.from, &t.unit));
                    ui.label(value(t.to, &t.unit));
                    ui.end_row();
                }
                ui.label("Everything else (added or removed terms, rules, interaction)");
                ui.label(signed(d.remainder_net));
                ui.label(signed(d.remainder_npv));
                ui.end_row();
            });
        });
}
