//! The structural commands on the selection (add, delete, move), made with
//! [`crate::model::edit`]: this module only decides which item they act on and what is
//! selected afterwards.

use super::commands::Command;
use super::state::Selection;
use crate::model::edit::{self, ComponentKind, EditError, Move, SeriesKind};
use crate::model::{Component, Project};

/// Runs a structural command on scenario `scenario` and the selection; other commands are
/// left alone. The selection follows what the command made or moved.
pub fn apply(
    command: &Command,
    project: &mut Project,
    scenario: &mut usize,
    selection: &mut Selection,
) -> Result<(), EditError> {
    match command {
        Command::Add(kind) => add(project, *scenario, selection, *kind)?,
        Command::AddSeries(kind) => add_series(project, selection, *kind),
        Command::NewScenario => {
            *scenario = edit::new_scenario(project);
            *selection = Selection::OFFER;
        }
        Command::DuplicateScenario => {
            // Nothing to copy when the project has no offer.
            if let Ok(i) = edit::duplicate_scenario(project, *scenario) {
                *scenario = i;
                *selection = Selection::OFFER;
            }
        }
        Command::CounterOffer => {
            let today = chrono::Local::now().date_naive();
            if let Some(i) = crate::model::negotiation::counter(project, *scenario, Some(today)) {
                *scenario = i;
                *selection = Selection::OFFER;
            }
        }
        Command::Delete => delete(project, *scenario, selection)?,
        Command::MoveUp => move_selected(project, scenario, selection, Move::Earlier),
        Command::MoveDown => move_selected(project, scenario, selection, Move::Later),
        _ => {}
    }
    Ok(())
}

/// Adds a term of `kind` to scenario `scenario` and selects it.
pub fn add(
    project: &mut Project,
    scenario: usize,
    selection: &mut Selection,
    kind: ComponentKind,
) -> Result<(), EditError> {
    let added = edit::add(project, scenario, kind)?;
    *selection = Selection::Term(added);
    Ok(())
}

/// Adds a data series of `kind` and selects it.
pub fn add_series(project: &mut Project, selection: &mut Selection, kind: SeriesKind) {
    let id = edit::add_series(project, kind);
    *selection = Selection::Series(kind, id);
}

/// Deletes the selected item: a term, a series, or (the offer's own fields selected) the
/// offer. The offer's own fields are selected afterwards. The project settings and the credit
/// regime cannot be deleted: nothing happens.
pub fn delete(
    project: &mut Project,
    scenario: usize,
    selection: &mut Selection,
) -> Result<(), EditError> {
    let result = match &*selection {
        Selection::Project => return Ok(()),
        Selection::Term(Component::Offer) => edit::delete_scenario(project, scenario),
        Selection::Term(component) => match project.scenarios.get_mut(scenario) {
            Some(s) => edit::delete(s, component),
            None => return Ok(()),
        },
        Selection::Series(kind, id) => edit::delete_series(project, *kind, id),
    };
    match result {
        Err(EditError::Single { .. }) => return Ok(()),
        Err(err) => return Err(err),
        Ok(()) => {}
    }
    *selection = Selection::OFFER;
    Ok(())
}

/// Moves the selected term one place in its list (the offer's own fields selected: the offer
/// among the offers); the selection follows it.
pub fn move_selected(
    project: &mut Project,
    scenario: &mut usize,
    selection: &mut Selection,
    direction: Move,
) {
    match &*selection {
        Selection::Term(Component::Offer) => {
            if let Ok(to) = edit::move_scenario(project, *scenario, direction) {
                *scenario = to;
            }
        }
        Selection::Term(component) => {
            let moved = project
                .scenarios
                .get_mut(*scenario)
                .map(|s| edit::move_component(s, component, direction));
            // The offer's single terms (indexation, credit regime) have no order to change.
            if let Some(Ok(to)) = moved {
                *selection = Selection::Term(to);
            }
        }
        Selection::Project | Selection::Series(..) => {}
    }
}

/// An error as a sentence for a notification: its first letter upper case.
pub fn sentence(err: &EditError) -> String {
    let text = err.to_string();
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
