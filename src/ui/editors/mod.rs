//! The editor of the selected item: one editor per model type, exact decimal entry, and the
//! project's validation messages for the item shown as you type.

mod charges;
mod project;
mod service_level;
mod terms;

use eframe::egui::{self, RichText, Ui};
use rust_decimal::Decimal;

use super::app::ViewState;
use super::commands::ComponentKind;
use super::state::Selection;
use super::theme;
use super::tree::item_name;
use crate::model::{self, Component, Location, Project, Scenario};

pub use charges::new_charge;
pub use service_level::new_service_level;
pub use terms::{new_bonus, new_charge_cap, new_indexation, new_minimum};

/// Shows the editor of `view.selection`.
pub fn show(ui: &mut Ui, project: &mut Project, view: &mut ViewState) {
    let title = item_name(
        project,
        project.scenarios.get(view.scenario),
        view.selection,
    );
    ui.heading(title);
    ui.separator();
    let errors = model::validate(project);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.push_id((view.scenario, format!("{:?}", view.selection)), |ui| {
                let ids = Ids::of(project);
                let si = view.scenario;
                match view.selection {
                    Selection::Project => project::project(ui, project),
                    Selection::Kpi(i) => project::kpi(ui, &mut project.kpis[i], project.start),
                    Selection::Volume(i) => {
                        project::volume(ui, &mut project.volumes[i], project.start)
                    }
                    Selection::Index(i) => {
                        project::index(ui, &mut project.indices[i], project.start)
                    }
                    selection => {
                        let Some(scenario) = project.scenarios.get_mut(si) else {
                            return;
                        };
                        let charge_ids: Vec<String> =
                            scenario.charges.iter().map(|c| c.id.clone()).collect();
                        let sl_ids: Vec<String> = scenario
                            .service_levels
                            .iter()
                            .map(|s| s.id.clone())
                            .collect();
                        match selection {
                            Selection::Scenario => project::scenario(ui, scenario),
                            Selection::Charge(i) => {
                                charges::charge(ui, &mut scenario.charges[i], &ids)
                            }
                            Selection::Minimum(i) => {
                                terms::minimum(ui, &mut scenario.minimums[i], &ids, &charge_ids)
                            }
                            Selection::Indexation => {
                                if let Some(x) = scenario.indexation.as_mut() {
                                    terms::indexation(ui, x, &ids, &charge_ids);
                                }
                            }
                            Selection::ChargeCap(i) => {
                                terms::charge_cap(ui, &mut scenario.charge_caps[i], &charge_ids)
                            }
                            Selection::ServiceLevel(i) => service_level::service_level(
                                ui,
                                &mut scenario.service_levels[i],
                                &ids,
                                &charge_ids,
                            ),
                            Selection::CreditRegime => {
                                terms::credit_regime(ui, &mut scenario.credit_regime, &charge_ids)
                            }
                            Selection::Bonus(i) => {
                                terms::bonus(ui, &mut scenario.bonuses[i], &sl_ids, &charge_ids)
                            }
                            Selection::Trigger(i) => {
                                terms::trigger(ui, &mut scenario.triggers[i], &sl_ids)
                            }
                            _ => {}
                        }
                    }
                }
            });
            ui.add_space(8.0);
            let relevant: Vec<_> = errors
                .iter()
                .filter(|e| concerns(project, view.scenario, view.selection, &e.location))
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
    fn of(project: &Project) -> Self {
        Self {
            kpis: project.kpis.iter().map(|k| k.id.clone()).collect(),
            volumes: project.volumes.iter().map(|k| k.id.clone()).collect(),
            indices: project.indices.iter().map(|k| k.id.clone()).collect(),
            kpi_units: project
                .kpis
                .iter()
                .map(|k| (k.id.clone(), k.unit.clone()))
                .collect(),
        }
    }
}

/// Whether a validation problem at `location` concerns the selected item: the item itself, or
/// for the offer, any of its terms.
fn concerns(project: &Project, si: usize, selection: Selection, location: &Location) -> bool {
    let scenario = project.scenarios.get(si);
    let id_is = |id: Option<&String>, wanted: &String| id == Some(wanted);
    match (selection, location) {
        (Selection::Project, Location::Project(_)) => true,
        (Selection::Kpi(i), Location::Kpi(id)) => id_is(project.kpis.get(i).map(|k| &k.id), id),
        (Selection::Volume(i), Location::Volume(id)) => {
            id_is(project.volumes.get(i).map(|v| &v.id), id)
        }
        (Selection::Index(i), Location::Index(id)) => {
            id_is(project.indices.get(i).map(|x| &x.id), id)
        }
        (
            selection,
            Location::Scenario {
                scenario: name,
                term,
            },
        ) => {
            let Some(s) = scenario.filter(|s| &s.name == name) else {
                return false;
            };
            match (selection, term.as_ref().map(|t| &t.component)) {
                (Selection::Scenario, _) => true,
                (selection, Some(component)) => {
                    component_of(s, selection).as_ref() == Some(component)
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// The address of the selected component of offer `s`.
fn component_of(s: &Scenario, selection: Selection) -> Option<Component> {
    Some(match selection {
        Selection::Charge(i) => Component::Charge(s.charges.get(i)?.id.clone()),
        Selection::Minimum(i) => Component::Minimum(s.minimums.get(i)?.id.clone()),
        Selection::Indexation => Component::Indexation,
        Selection::ChargeCap(i) => Component::ChargeCap(s.charge_caps.get(i)?.id.clone()),
        Selection::ServiceLevel(i) => Component::ServiceLevel(s.service_levels.get(i)?.id.clone()),
        Selection::CreditRegime => Component::CreditRegime,
        Selection::Bonus(i) => Component::Bonus(s.bonuses.get(i)?.id.clone()),
        Selection::Trigger(i) => Component::Trigger(i),
        _ => return None,
    })
}

/// An id not in `taken`: `base`, `base_2`, `base_3`, …
pub fn unique_id(base: &str, taken: &[&str]) -> String {
    if !taken.contains(&base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|id| !taken.contains(&id.as_str()))
        .expect("an unused id exists")
}

/// The default name of a new component of `kind`.
pub fn default_name(kind: ComponentKind) -> &'static str {
    kind.label()
}

/// Zero, for optional decimals switched on.
pub const ZERO: Decimal = Decimal::ZERO;
