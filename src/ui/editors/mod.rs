//! The editor of the selected item: one editor per model type, exact decimal entry, and the
//! project's validation messages for the item shown as you type.

mod charges;
mod governance;
mod project;
mod service_level;
mod terms;

use eframe::egui::{self, Id, RichText, Ui};
use rust_decimal::Decimal;

use super::state::Selection;
use super::theme;
use super::tree::item_name;
use crate::model::edit::{SeriesKind, component_at};
use crate::model::{self, Component, Location, Project, Scenario};

/// Shows the editor of `selection`, an item of scenario `si`. An editor may change the item's
/// id: the selection follows it in the same frame.
pub fn show(
    ui: &mut Ui,
    project: &mut Project,
    si: usize,
    selection: &mut Selection,
    seen: Seen<'_>,
) {
    crate::ui::widgets::set_currency(ui, &project.currency);
    let title = item_name(project, project.scenarios.get(si), selection);
    ui.heading(title);
    if let Some(entry) = glossary_entry(project.scenarios.get(si), selection) {
        egui::CollapsingHeader::new("What this term means")
            .id_salt("term_meaning")
            .show(ui, |ui| {
                ui.label(entry.meaning);
                ui.weak("More in Help › Glossary.");
            });
    }
    // Where the user looks after an edit: the money shown did not move, and this is why. The
    // scope is there with or without the note, so the fields below keep their ids (and focus).
    ui.scope(|ui| {
        if let Some(why) = seen.unchanged {
            egui::Frame::group(ui.style())
                .stroke(egui::Stroke::new(1.0, theme::WARNING))
                .show(ui, |ui| {
                    ui.label(
                        RichText::new("The last edit changed nothing in the period shown").strong(),
                    );
                    ui.label(why);
                });
        }
    });
    ui.separator();
    let name_before = project.scenarios.get(si).map(|s| s.name.clone());
    let errors = model::validate(project);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Keyed by position, not id, so a field keeps its focus while the id is typed.
            let hint = Id::unique("editor_position");
            let at: Option<usize> = ui.data(|d| d.get_temp(hint));
            let shown = ui
                .push_id(si, |ui| match selection.clone() {
                    Selection::Project => {
                        project::project(ui, project);
                        None
                    }
                    Selection::Series(kind, id) => {
                        series(ui, project, kind, &id, at).map(|(i, id)| {
                            *selection = Selection::Series(kind, id);
                            i
                        })
                    }
                    Selection::Term(component) => {
                        let scenario = project.scenarios.get_mut(si);
                        let ids = Ids::of_series(&project.kpis, &project.volumes, &project.indices);
                        scenario.and_then(|s| {
                            let i = term(ui, s, &component, at, &ids, seen)?;
                            // The item at the same place, under its id as edited.
                            let now = component_at(s, &component, i).unwrap_or(component);
                            *selection = Selection::Term(now);
                            Some(i)
                        })
                    }
                })
                .inner;
            ui.data_mut(|d| match shown {
                Some(i) => {
                    d.insert_temp(hint, i);
                }
                None => {
                    d.remove::<usize>(hint);
                }
            });
            // An offer renamed in its editor keeps its rounds.
            if let (Some(before), Some(now)) = (&name_before, project.scenarios.get(si))
                && *before != now.name
            {
                let now = now.name.clone();
                model::negotiation::rename_negotiation(project, before, &now);
            }
            ui.add_space(8.0);
            let relevant: Vec<_> = errors
                .iter()
                .filter(|e| concerns(project.scenarios.get(si), selection, &e.location))
                .collect();
            if !relevant.is_empty() {
                ui.separator();
                ui.label(RichText::new("Problems").strong().color(theme::WARNING));
                for e in relevant {
                    ui.colored_label(theme::WARNING, format!("! {}: {}", e.location, e.message));
                }
            }
        });
}

/// The glossary entry of the selected term (a charge by its kind of pricing).
fn glossary_entry(
    scenario: Option<&Scenario>,
    selection: &Selection,
) -> Option<&'static model::glossary::Entry> {
    let Selection::Term(component) = selection else {
        return None;
    };
    let name = match component {
        Component::Charge(id) => {
            let charge = scenario?.charges.iter().find(|c| &c.id == id)?;
            match charge.pricing {
                model::Pricing::Fixed { .. } => "Fixed fee",
                model::Pricing::UnitRates { .. } => "Unit rate",
                model::Pricing::Tiered { .. } => "Tiered pricing",
                model::Pricing::ResourceAdjustment(_) => "ARC/RRC",
            }
        }
        Component::Minimum(_) => "Minimum commitment",
        Component::Indexation(_) => "Indexation",
        Component::ChargeCap(_) => "Charge cap",
        Component::ServiceLevel(_) => "Service level",
        Component::CreditRegime => "Credit caps",
        Component::Bonus(_) => "Bonus",
        Component::Trigger(_) => "Termination trigger",
        Component::Milestone(_) => "Milestone",
        _ => return None,
    };
    model::glossary::lookup(name)
}

/// Where `component` is: at `hint` when the item there has that address (two items share an
/// id while one is being renamed, and the one being edited must stay), else the first with it.
fn resolve(scenario: &Scenario, component: &Component, hint: Option<usize>) -> Option<usize> {
    hint.filter(|i| component_at(scenario, component, *i).as_ref() == Some(component))
        .or_else(|| scenario.position(component))
}

/// The editor of a series; returns its position and its id as edited.
fn series(
    ui: &mut Ui,
    project: &mut Project,
    kind: SeriesKind,
    id: &str,
    hint: Option<usize>,
) -> Option<(usize, String)> {
    let at = |ids: Vec<&str>| {
        hint.filter(|i| ids.get(*i) == Some(&id))
            .or_else(|| ids.iter().position(|x| *x == id))
    };
    let start = project.start;
    let i = match kind {
        SeriesKind::Kpi => at(project.kpis.iter().map(|s| s.id.as_str()).collect()),
        SeriesKind::Volume => at(project.volumes.iter().map(|s| s.id.as_str()).collect()),
        SeriesKind::Index => at(project.indices.iter().map(|s| s.id.as_str()).collect()),
    }?;
    ui.push_id(("series", i), |ui| match kind {
        SeriesKind::Kpi => {
            project::kpi(ui, &mut project.kpis[i], start);
            (i, project.kpis[i].id.clone())
        }
        SeriesKind::Volume => {
            project::volume(ui, &mut project.volumes[i], start);
            (i, project.volumes[i].id.clone())
        }
        SeriesKind::Index => {
            project::index(ui, &mut project.indices[i], start);
            (i, project.indices[i].id.clone())
        }
    })
    .inner
    .into()
}

/// The editor of a term of `scenario`; returns its position in its list.
fn term(
    ui: &mut Ui,
    scenario: &mut Scenario,
    component: &Component,
    hint: Option<usize>,
    ids: &Ids,
    seen: Seen<'_>,
) -> Option<usize> {
    let i = resolve(scenario, component, hint)?;
    let charge_ids: Vec<String> = scenario.charges.iter().map(|c| c.id.clone()).collect();
    let sl_ids: Vec<String> = scenario
        .service_levels
        .iter()
        .map(|s| s.id.clone())
        .collect();
    ui.push_id((component.kind_word(), i), |ui| match component {
        Component::Offer => {
            project::scenario(ui, scenario);
            governance::reviews_section(ui, scenario, seen.ledger);
        }
        Component::Charge(_) => charges::charge(ui, &mut scenario.charges[i], ids),
        Component::Minimum(_) => {
            terms::minimum(ui, &mut scenario.minimums[i], ids, &charge_ids);
        }
        Component::Indexation(_) => {
            terms::indexation(ui, &mut scenario.indexation[i], ids, &charge_ids);
        }
        Component::ChargeCap(_) => {
            terms::charge_cap(ui, &mut scenario.charge_caps[i], &charge_ids);
        }
        Component::ServiceLevel(_) => {
            let sl = &mut scenario.service_levels[i];
            let repeat = seen.repeat_window(sl);
            service_level::service_level(ui, sl, ids, &charge_ids, repeat.as_deref());
        }
        Component::CreditRegime => {
            terms::credit_regime(ui, &mut scenario.credit_regime, &charge_ids);
        }
        Component::Bonus(_) => terms::bonus(ui, &mut scenario.bonuses[i], &sl_ids, &charge_ids),
        Component::Trigger(_) => terms::trigger(ui, &mut scenario.triggers[i], &sl_ids),
        Component::Milestone(_) => governance::milestone(ui, scenario, i, seen.ledger),
    });
    Some(i)
}

/// What the ledger shows of the offer being edited, for the editors' notes ("the window holds 2
/// of the 4 misses needed").
#[derive(Clone, Copy)]
pub struct Seen<'a> {
    /// The offer's ledger, when evaluated.
    pub ledger: Option<&'a crate::engine::Ledger>,
    /// The period the app shows.
    pub period: crate::engine::compare::Period,
    /// Why the last edit of the term shown changed nothing, when it did not.
    pub unchanged: Option<&'a str>,
}

impl Seen<'_> {
    /// The last month of the period shown.
    fn month(&self) -> Option<model::YearMonth> {
        use crate::engine::compare::Period;
        let ledger = self.ledger?;
        match self.period {
            Period::Month(m) => Some(m),
            Period::Year(y) => ledger
                .months
                .iter()
                .rfind(|m| m.contract_year == y)
                .map(|m| m.period),
            Period::Term => ledger.months.last().map(|m| m.period),
        }
    }

    /// How many misses `sl`'s repeat rule counts in its window at the end of the period shown,
    /// in words.
    fn repeat_window(&self, sl: &model::ServiceLevel) -> Option<String> {
        let rule = sl.repeat_rule?;
        let month = self.month()?;
        let held = crate::engine::repeat_window_misses(self.ledger?, sl, month)?;
        let verdict = if held >= rule.misses {
            "a target miss there earns its credit"
        } else {
            "a target miss there earns no credit yet"
        };
        Some(format!(
            "In the {} months to {month} the window holds {held} {} of the {} needed: {verdict}.",
            rule.window_months,
            rule.counted_words(held != 1),
            rule.misses
        ))
    }
}

/// The ids of the project's series, for choosers.
pub struct Ids {
    /// KPI series ids.
    pub kpis: Vec<String>,
    /// Volume series ids.
    pub volumes: Vec<String>,
    /// Index series ids.
    pub indices: Vec<String>,
    /// Each KPI's unit ("s", "%"), by id.
    pub kpi_units: std::collections::BTreeMap<String, String>,
}

impl Ids {
    fn of_series(
        kpis: &[model::KpiSeries],
        volumes: &[model::VolumeSeries],
        indices: &[model::IndexSeries],
    ) -> Self {
        Self {
            kpis: kpis.iter().map(|k| k.id.clone()).collect(),
            volumes: volumes.iter().map(|k| k.id.clone()).collect(),
            indices: indices.iter().map(|k| k.id.clone()).collect(),
            kpi_units: kpis
                .iter()
                .map(|k| (k.id.clone(), k.unit.clone()))
                .collect(),
        }
    }
}

/// Whether a validation problem at `location` concerns the selected item: the item itself, or
/// for the offer, any of its terms.
fn concerns(scenario: Option<&Scenario>, selection: &Selection, location: &Location) -> bool {
    match (selection, location) {
        (Selection::Project, Location::Project(_)) => true,
        (Selection::Series(SeriesKind::Kpi, id), Location::Kpi(at))
        | (Selection::Series(SeriesKind::Volume, id), Location::Volume(at))
        | (Selection::Series(SeriesKind::Index, id), Location::Index(at)) => id == at,
        (
            Selection::Term(component),
            Location::Scenario {
                scenario: name,
                term,
            },
        ) => {
            let in_offer = scenario.is_some_and(|s| &s.name == name);
            let about = term.as_ref().map(|t| &t.component);
            in_offer && (*component == Component::Offer || about == Some(component))
        }
        _ => false,
    }
}

/// Zero, for optional decimals switched on.
pub const ZERO: Decimal = Decimal::ZERO;
