//! The project tree: scenarios with their components, then the project's data.

use eframe::egui::{self, CollapsingHeader, Ui};

use super::commands::{Command, SeriesKind};
use super::state::{Selection, series_position};
use crate::model::negotiation::rounds_of;
use crate::model::{Charge, Component, Pricing, Project, Scenario};

/// What kind of charge this is, in words.
pub fn charge_kind(charge: &Charge) -> &'static str {
    match &charge.pricing {
        Pricing::Fixed { .. } => "Fixed fee",
        Pricing::UnitRates { .. } => "Unit rates",
        Pricing::Tiered { mode, .. } => match mode {
            crate::model::TierMode::Graduated => "Tiers, graduated",
            crate::model::TierMode::AllUnits => "Tiers, all-units",
            crate::model::TierMode::FixedFee => "Tiered fixed fee",
        },
        Pricing::ResourceAdjustment(_) => "ARC/RRC",
    }
}

/// The name of a selected item of `scenario`, for the tree and the editor's heading.
pub fn item_name(project: &Project, scenario: Option<&Scenario>, selection: &Selection) -> String {
    let name = match selection {
        Selection::Project => Some("Project settings".to_owned()),
        Selection::Term(c) => scenario.and_then(|s| term_name(s, c)),
        Selection::Series(kind, id) => series_position(project, *kind, id).map(|i| {
            match kind {
                SeriesKind::Kpi => &project.kpis[i].name,
                SeriesKind::Volume => &project.volumes[i].name,
                SeriesKind::Index => &project.indices[i].name,
            }
            .clone()
        }),
    };
    name.unwrap_or_else(|| "?".into())
}

/// The name of term `c` of `s`; `None` when the offer has no such term.
fn term_name(s: &Scenario, c: &Component) -> Option<String> {
    let i = s.position(c)?;
    Some(match c {
        Component::Offer => s.name.clone(),
        Component::Charge(_) => s.charges[i].name.clone(),
        Component::Minimum(_) => s.minimums[i].name.clone(),
        Component::Indexation(_) => indexation_name(s, i),
        Component::ChargeCap(_) => s.charge_caps[i].name.clone(),
        Component::ServiceLevel(_) => s.service_levels[i].name.clone(),
        Component::CreditRegime => "Credit pool and caps".into(),
        Component::Bonus(_) => s.bonuses[i].name.clone(),
        Component::Trigger(_) => s.triggers[i].name(),
        Component::Milestone(_) => s.milestones[i].name.clone(),
    })
}

/// An indexation clause's name: "Indexation" for an offer's only clause, "Indexation · cpi"
/// when there are several (told apart by their index).
fn indexation_name(s: &Scenario, i: usize) -> String {
    if s.indexation.len() == 1 {
        "Indexation".into()
    } else {
        format!("Indexation {} · {}", i + 1, s.indexation[i].index)
    }
}

/// The tree row of term `c` of `s`: its kind and name ("SL · Answer speed").
fn row_label(s: &Scenario, c: &Component) -> Option<String> {
    let i = s.position(c)?;
    Some(match c {
        Component::Offer => "Offer terms".into(),
        Component::Charge(_) => {
            let charge = &s.charges[i];
            format!("{} · {}", charge_kind(charge), charge.name)
        }
        Component::Minimum(_) => format!("Minimum · {}", s.minimums[i].name),
        Component::Indexation(_) => indexation_name(s, i),
        Component::ChargeCap(_) => format!("Charge cap · {}", s.charge_caps[i].name),
        Component::ServiceLevel(_) => format!("SL · {}", s.service_levels[i].name),
        Component::CreditRegime => "Credit pool and caps".into(),
        Component::Bonus(_) => format!("Bonus · {}", s.bonuses[i].name),
        Component::Trigger(_) => format!("Trigger · {}", s.triggers[i].name()),
        Component::Milestone(_) => format!("Milestone · {}", s.milestones[i].name),
    })
}

/// Shows the tree; clicking an item selects it (and its scenario).
pub fn show(
    ui: &mut Ui,
    project: &Project,
    scenario: &mut usize,
    selection: &mut Selection,
    queue: &mut Vec<Command>,
) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut at = Focus {
                scenario,
                selection,
            };
            let current = *at.scenario;
            // The tree follows the scenario picker: when the offer shown changes, its heading
            // (and the heading of the negotiation it is a round of) opens.
            let shown_id = egui::Id::unique("tree_scenario_shown");
            let changed = ui.data(|d| d.get_temp::<usize>(shown_id)) != Some(current);
            ui.data_mut(|d| d.insert_temp(shown_id, current));
            let follow = |open_it: bool| (changed && open_it).then_some(true);
            at.item(ui, current, Selection::Project, "Project settings");
            ui.add_space(4.0);
            ui.strong("Scenarios");
            for (si, s) in project.scenarios.iter().enumerate() {
                // A round is shown under the offer that opened its negotiation.
                if is_later_round(project, s) {
                    continue;
                }
                let rounds: Vec<usize> = rounds_of(project, &s.name)
                    .into_iter()
                    .filter(|&r| r != si)
                    .collect();
                let holds_current = si == current || rounds.contains(&current);
                CollapsingHeader::new(offer_title(s))
                    .id_salt(("scenario", si))
                    .default_open(holds_current)
                    .open(follow(holds_current))
                    .show(ui, |ui| {
                        terms(ui, &mut at, si, s);
                        for ri in rounds {
                            let r = &project.scenarios[ri];
                            CollapsingHeader::new(offer_title(r))
                                .id_salt(("scenario", ri))
                                .default_open(ri == current)
                                .open(follow(ri == current))
                                .show(ui, |ui| terms(ui, &mut at, ri, r));
                        }
                    });
            }
            buttons(ui, queue);
            data(ui, project, &mut at);
        });
}

/// Whether `s` is a later round of an offer of `project` (shown under it).
fn is_later_round(project: &Project, s: &Scenario) -> bool {
    let root = s.negotiation();
    root != s.name && project.scenario(root).is_some()
}

/// An offer's heading: its name, and where it stands when it has a history ("Offer A · round
/// 1, provider, countered").
fn offer_title(s: &Scenario) -> String {
    match &s.round {
        Some(r) => format!(
            "{} · round {}, {}, {}",
            s.name,
            r.number,
            r.party.label(),
            r.status.label()
        ),
        None => s.name.clone(),
    }
}

/// The rows of offer `si`'s terms.
fn terms(ui: &mut Ui, at: &mut Focus<'_>, si: usize, s: &Scenario) {
    for c in s.components() {
        if let Some(label) = row_label(s, &c) {
            at.item(ui, si, Selection::Term(c), &label);
        }
    }
}

/// New and duplicate scenario, then the data heading and its add buttons.
fn buttons(ui: &mut Ui, queue: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        for command in [
            Command::NewScenario,
            Command::DuplicateScenario,
            Command::CounterOffer,
        ] {
            if ui
                .small_button(command.label())
                .on_hover_text(command.tooltip())
                .clicked()
            {
                queue.push(command);
            }
        }
    });
    ui.add_space(6.0);
    ui.strong("Data");
    ui.horizontal_wrapped(|ui| {
        for kind in [SeriesKind::Kpi, SeriesKind::Volume, SeriesKind::Index] {
            if ui
                .small_button(format!("+ {}", kind.label()))
                .on_hover_text(kind.tooltip())
                .clicked()
            {
                queue.push(Command::AddSeries(kind));
            }
        }
    });
}

/// The project's series, one collapsible list per kind.
fn data(ui: &mut Ui, project: &Project, at: &mut Focus<'_>) {
    let kpis = pairs(&project.kpis, |k| (&k.id, &k.name));
    series_list(ui, at, SeriesKind::Kpi, ("KPI series", "kpis", true), kpis);
    let volumes = pairs(&project.volumes, |k| (&k.id, &k.name));
    series_list(
        ui,
        at,
        SeriesKind::Volume,
        ("Volumes", "volumes", true),
        volumes,
    );
    let indices = pairs(&project.indices, |k| (&k.id, &k.name));
    series_list(
        ui,
        at,
        SeriesKind::Index,
        ("Index series", "indices", false),
        indices,
    );
}

/// One kind's list: its heading (title, id salt, open at first) and a row per (id, name).
fn series_list(
    ui: &mut Ui,
    at: &mut Focus<'_>,
    kind: SeriesKind,
    (title, salt, open): (&str, &str, bool),
    items: Vec<(&str, &str)>,
) {
    let current = *at.scenario;
    CollapsingHeader::new(format!("{title} ({})", items.len()))
        .id_salt(salt)
        .default_open(open)
        .show(ui, |ui| {
            for (id, name) in items {
                at.item(ui, current, Selection::Series(kind, id.to_owned()), name);
            }
        });
}

/// The ids and names of a list of series.
fn pairs<T>(items: &[T], f: impl Fn(&T) -> (&String, &String)) -> Vec<(&str, &str)> {
    items
        .iter()
        .map(|t| {
            let (id, name) = f(t);
            (id.as_str(), name.as_str())
        })
        .collect()
}

/// The scenario and item selected, as the tree changes them.
struct Focus<'a> {
    scenario: &'a mut usize,
    selection: &'a mut Selection,
}

impl Focus<'_> {
    /// A row selecting `selection` of `scenario`.
    fn item(&mut self, ui: &mut Ui, scenario: usize, selection: Selection, text: &str) {
        let selected = *self.selection == selection
            && (*self.scenario == scenario || !selection.is_scenario_item());
        if ui.selectable_label(selected, text).clicked() {
            *self.scenario = scenario;
            *self.selection = selection;
        }
    }
}
