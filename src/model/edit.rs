//! Structural edits of a project: add a term to an offer, delete, move, duplicate it; add,
//! copy, rename and delete offers; add and delete data series.
//!
//! Editing a term's values happens in place (the app's editors change fields directly); these
//! are the edits that change which terms an offer has and in what order. They take and return
//! typed addresses ([`Component`]), so a caller can follow the term it acted on, and they
//! keep ids unique within their list (`calls`, `calls_2`) because the engine and the ledger
//! name terms by id. Nothing here knows about the app: the same edits serve a future CLI or
//! the negotiation rounds.

use super::{
    Bonus, Charge, ChargeCap, Component, IndexSeries, KpiData, KpiSeries, Milestone,
    MinimumCommitment, Project, Scenario, ServiceLevel, TerminationTrigger, VolumeSeries,
};

mod defaults;

pub use defaults::{
    new_bonus, new_charge, new_charge_cap, new_indexation, new_minimum, new_service_level,
};

/// A kind of term an offer can be given: the entries of the app's palette, in the contract's
/// order of operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ComponentKind {
    /// A fixed monthly fee.
    FixedFee,
    /// Unit rates per service class.
    UnitRates,
    /// Tiered pricing on a volume.
    Tiers,
    /// Additional / reduced resource charges around a baseline.
    ResourceAdjustment,
    /// A minimum commitment (take-or-pay).
    MinimumCommitment,
    /// Annual indexation.
    Indexation,
    /// A cap on charges.
    ChargeCap,
    /// A service level with a credit rule.
    ServiceLevel,
    /// A bonus for over-performance.
    Bonus,
    /// A termination trigger.
    Trigger,
    /// A milestone (go-live, a handover), perhaps with a delay credit.
    Milestone,
}

impl ComponentKind {
    /// All kinds, in the contract's order of operations.
    pub const ALL: [ComponentKind; 11] = [
        ComponentKind::FixedFee,
        ComponentKind::UnitRates,
        ComponentKind::Tiers,
        ComponentKind::ResourceAdjustment,
        ComponentKind::MinimumCommitment,
        ComponentKind::Indexation,
        ComponentKind::ChargeCap,
        ComponentKind::ServiceLevel,
        ComponentKind::Bonus,
        ComponentKind::Trigger,
        ComponentKind::Milestone,
    ];
}

/// A kind of data series of the project, shared by all offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SeriesKind {
    /// A KPI's monthly history.
    Kpi,
    /// A volume's history and forecast.
    Volume,
    /// A price index.
    Index,
}

/// Which way a term moves in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// One place earlier (applied first among its kind).
    Earlier,
    /// One place later.
    Later,
}

/// Why a structural edit was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The offer does not exist (an index past the project's offers).
    #[error("there is no offer number {}", index + 1)]
    UnknownScenario {
        /// The index asked for.
        index: usize,
    },
    /// The offer has no such term.
    #[error("the offer has no {component}")]
    UnknownComponent {
        /// The address asked for.
        component: Component,
    },
    /// The project has no such data series.
    #[error("the project has no such series \"{id}\"")]
    UnknownSeries {
        /// The series' id.
        id: String,
    },
    /// Every offer has exactly one of this component (the offer itself, its credit regime):
    /// it cannot be deleted, copied or moved.
    #[error("every offer has exactly one {component}")]
    Single {
        /// The component.
        component: Component,
    },
    /// The last offer cannot be deleted: a project compares at least one.
    #[error("a project needs at least one scenario")]
    LastScenario,
    /// An offer's name must be unique and not empty: results and files name offers by it.
    #[error("the name \"{name}\" is empty or taken by another offer")]
    NameTaken {
        /// The name refused.
        name: String,
    },
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

/// An offer name not used in `project`: for "Offer", the first free of "Offer A" … "Offer Z",
/// else `base`; then `base 2`, `base 3`, …
pub fn unique_name(project: &Project, base: &str) -> String {
    let first: Vec<String> = if base == "Offer" {
        ('A'..='Z').map(|c| format!("Offer {c}")).collect()
    } else {
        vec![base.to_owned()]
    };
    first
        .into_iter()
        .chain((2..).map(|n| format!("{base} {n}")))
        .find(|name| project.scenario(name).is_none())
        .expect("an unused name exists")
}

/// The ids of a list, for [`unique_id`].
fn ids<T>(items: &[T], id_of: impl Fn(&T) -> &str) -> Vec<&str> {
    items.iter().map(id_of).collect()
}

/// The first id of a list, or `fallback` when it is empty: what a new term reads by default.
fn first_id<T>(items: &[T], id_of: impl Fn(&T) -> &str, fallback: &str) -> String {
    items.first().map_or(fallback, id_of).to_owned()
}

/// Adds a term of `kind` to offer `scenario` and returns its address. The term reads the
/// project's first volume, index or KPI (or a placeholder id that validation will name);
/// bonuses and triggers watch the offer's first service level. Indexation adds a clause (an
/// offer may index parts of its price on different indices). A project without offers is
/// given "Offer A" first.
pub fn add(
    project: &mut Project,
    scenario: usize,
    kind: ComponentKind,
) -> Result<Component, EditError> {
    if project.scenarios.is_empty() {
        project.scenarios.push(Scenario::new("Offer A"));
    }
    let volume = first_id(&project.volumes, |v| &v.id, "volume");
    let index = first_id(&project.indices, |v| &v.id, "index");
    let kpi = first_id(&project.kpis, |k| &k.id, "kpi");
    // A new milestone is due on the first day of the term until the user says otherwise.
    let due = project.start.first_day();
    let s = project
        .scenarios
        .get_mut(scenario)
        .ok_or(EditError::UnknownScenario { index: scenario })?;
    let service_level = first_id(&s.service_levels, |x| &x.id, "");
    Ok(match kind {
        ComponentKind::FixedFee
        | ComponentKind::UnitRates
        | ComponentKind::Tiers
        | ComponentKind::ResourceAdjustment => {
            let charge = new_charge(kind, &ids(&s.charges, |c| &c.id), &volume);
            let id = charge.id.clone();
            s.charges.push(charge);
            Component::Charge(id)
        }
        ComponentKind::MinimumCommitment => {
            let minimum = new_minimum(&ids(&s.minimums, |c| &c.id));
            let id = minimum.id.clone();
            s.minimums.push(minimum);
            Component::Minimum(id)
        }
        ComponentKind::Indexation => {
            s.indexation.push(new_indexation(&index));
            Component::Indexation(s.indexation.len() - 1)
        }
        ComponentKind::ChargeCap => {
            let cap = new_charge_cap(&ids(&s.charge_caps, |c| &c.id));
            let id = cap.id.clone();
            s.charge_caps.push(cap);
            Component::ChargeCap(id)
        }
        ComponentKind::ServiceLevel => {
            let sl = new_service_level(&ids(&s.service_levels, |c| &c.id), &kpi);
            let id = sl.id.clone();
            s.service_levels.push(sl);
            Component::ServiceLevel(id)
        }
        ComponentKind::Bonus => {
            let bonus = new_bonus(&ids(&s.bonuses, |c| &c.id), &service_level);
            let id = bonus.id.clone();
            s.bonuses.push(bonus);
            Component::Bonus(id)
        }
        ComponentKind::Trigger => {
            s.triggers
                .push(TerminationTrigger::ConsecutiveMinimumMisses {
                    service_level,
                    months: 3,
                });
            Component::Trigger(s.triggers.len() - 1)
        }
        ComponentKind::Milestone => {
            let id = unique_id("milestone", &ids(&s.milestones, |m| &m.id));
            s.milestones.push(Milestone::new(&id, "New milestone", due));
            Component::Milestone(id)
        }
    })
}

/// Adds an empty data series of `kind` and returns its id, unique among all the project's
/// series (a scope names series of any kind by id).
pub fn add_series(project: &mut Project, kind: SeriesKind) -> String {
    let taken: Vec<&str> = project
        .kpis
        .iter()
        .map(|k| k.id.as_str())
        .chain(project.volumes.iter().map(|v| v.id.as_str()))
        .chain(project.indices.iter().map(|v| v.id.as_str()))
        .collect();
    let id = unique_id(
        match kind {
            SeriesKind::Kpi => "kpi",
            SeriesKind::Volume => "volume",
            SeriesKind::Index => "index",
        },
        &taken,
    );
    match kind {
        SeriesKind::Kpi => project.kpis.push(KpiSeries {
            id: id.clone(),
            name: "New KPI".into(),
            unit: "%".into(),
            data: KpiData::Values {
                values: Default::default(),
                samples: Default::default(),
            },
            projected: Default::default(),
        }),
        SeriesKind::Volume => project.volumes.push(VolumeSeries {
            id: id.clone(),
            name: "New volume".into(),
            unit: "units".into(),
            history: Default::default(),
            forecast: Default::default(),
        }),
        SeriesKind::Index => project.indices.push(IndexSeries {
            id: id.clone(),
            name: "New index".into(),
            values: Default::default(),
            forecast_annual_pct: Default::default(),
        }),
    }
    id
}

/// Deletes the data series `id` of `kind`. Terms that read it are left as they are: validation
/// names them.
pub fn delete_series(project: &mut Project, kind: SeriesKind, id: &str) -> Result<(), EditError> {
    let position = match kind {
        SeriesKind::Kpi => project.kpis.iter().position(|s| s.id == id),
        SeriesKind::Volume => project.volumes.iter().position(|s| s.id == id),
        SeriesKind::Index => project.indices.iter().position(|s| s.id == id),
    }
    .ok_or_else(|| EditError::UnknownSeries { id: id.to_owned() })?;
    match kind {
        SeriesKind::Kpi => drop(project.kpis.remove(position)),
        SeriesKind::Volume => drop(project.volumes.remove(position)),
        SeriesKind::Index => drop(project.indices.remove(position)),
    }
    Ok(())
}

/// The address of the term of `component`'s kind at `position` in its list: where a term is
/// after an edit changed its id. `None` past the end of the list, or for the single components
/// other than at position 0.
pub fn component_at(scenario: &Scenario, like: &Component, position: usize) -> Option<Component> {
    fn id_at<T>(items: &[T], i: usize, id_of: impl Fn(&T) -> &str) -> Option<String> {
        items.get(i).map(|item| id_of(item).to_owned())
    }
    let s = scenario;
    match like {
        Component::Charge(_) => id_at(&s.charges, position, |c| &c.id).map(Component::Charge),
        Component::Minimum(_) => id_at(&s.minimums, position, |c| &c.id).map(Component::Minimum),
        Component::ChargeCap(_) => {
            id_at(&s.charge_caps, position, |c| &c.id).map(Component::ChargeCap)
        }
        Component::ServiceLevel(_) => {
            id_at(&s.service_levels, position, |c| &c.id).map(Component::ServiceLevel)
        }
        Component::Bonus(_) => id_at(&s.bonuses, position, |c| &c.id).map(Component::Bonus),
        Component::Milestone(_) => {
            id_at(&s.milestones, position, |c| &c.id).map(Component::Milestone)
        }
        Component::Trigger(_) => {
            (position < s.triggers.len()).then_some(Component::Trigger(position))
        }
        Component::Offer | Component::CreditRegime => (position == 0).then(|| like.clone()),
        Component::Indexation(_) => {
            (position < s.indexation.len()).then_some(Component::Indexation(position))
        }
    }
}

/// Runs `f` on the list that holds `component` and the component's position in it.
fn with_list<R>(
    scenario: &mut Scenario,
    component: &Component,
    f: impl FnOnce(&mut dyn ListOps, usize) -> R,
) -> Result<R, EditError> {
    let position = scenario
        .position(component)
        .ok_or_else(|| EditError::UnknownComponent {
            component: component.clone(),
        })?;
    let list: &mut dyn ListOps = match component {
        Component::Charge(_) => &mut scenario.charges,
        Component::Minimum(_) => &mut scenario.minimums,
        Component::ChargeCap(_) => &mut scenario.charge_caps,
        Component::ServiceLevel(_) => &mut scenario.service_levels,
        Component::Bonus(_) => &mut scenario.bonuses,
        Component::Trigger(_) => &mut scenario.triggers,
        Component::Milestone(_) => &mut scenario.milestones,
        Component::Indexation(_) => &mut scenario.indexation,
        Component::Offer | Component::CreditRegime => {
            return Err(EditError::Single {
                component: component.clone(),
            });
        }
    };
    Ok(f(list, position))
}

/// What the structural edits do to a list of terms, whatever their type.
trait ListOps {
    fn len(&self) -> usize;
    fn remove_at(&mut self, i: usize);
    fn swap_at(&mut self, i: usize, j: usize);
    /// Inserts a copy of item `i` after it, with an id not used in the list; the copy's name
    /// gets " copy".
    fn duplicate_at(&mut self, i: usize);
}

/// A term with an id and a name, as most of an offer's terms are.
trait Named: Clone {
    fn id_mut(&mut self) -> &mut String;
    fn name_mut(&mut self) -> &mut String;
}

macro_rules! named {
    ($($t:ty),*) => {$(
        impl Named for $t {
            fn id_mut(&mut self) -> &mut String {
                &mut self.id
            }
            fn name_mut(&mut self) -> &mut String {
                &mut self.name
            }
        }
    )*};
}
named!(
    Charge,
    MinimumCommitment,
    ChargeCap,
    ServiceLevel,
    Bonus,
    Milestone
);

impl<T: Named> ListOps for Vec<T> {
    fn len(&self) -> usize {
        <[T]>::len(self)
    }
    fn remove_at(&mut self, i: usize) {
        self.remove(i);
    }
    fn swap_at(&mut self, i: usize, j: usize) {
        self.swap(i, j);
    }
    fn duplicate_at(&mut self, i: usize) {
        let mut copy = self[i].clone();
        let taken: Vec<String> = self.iter_mut().map(|t| t.id_mut().clone()).collect();
        let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
        let id = unique_id(copy.id_mut(), &taken);
        *copy.id_mut() = id;
        copy.name_mut().push_str(" copy");
        self.insert(i + 1, copy);
    }
}

/// Lists whose items have no id (triggers, indexation clauses): a copy is the same item.
macro_rules! unnamed_list {
    ($($t:ty),*) => {$(
        impl ListOps for Vec<$t> {
            fn len(&self) -> usize {
                <[$t]>::len(self)
            }
            fn remove_at(&mut self, i: usize) {
                self.remove(i);
            }
            fn swap_at(&mut self, i: usize, j: usize) {
                self.swap(i, j);
            }
            fn duplicate_at(&mut self, i: usize) {
                let copy = self[i].clone();
                self.insert(i + 1, copy);
            }
        }
    )*};
}
unnamed_list!(TerminationTrigger, crate::model::Indexation);

/// Deletes `component` from the offer; the offer itself and its credit regime cannot be
/// deleted. Terms that refer to it are left as they are: validation names them.
pub fn delete(scenario: &mut Scenario, component: &Component) -> Result<(), EditError> {
    with_list(scenario, component, |list, i| list.remove_at(i))
}

/// Moves `component` one place earlier or later among the terms of its kind (charges are
/// billed, and listed, in their order) and returns its address after the move. At the end of
/// its list it stays where it is.
pub fn move_component(
    scenario: &mut Scenario,
    component: &Component,
    direction: Move,
) -> Result<Component, EditError> {
    let to = with_list(scenario, component, |list, i| {
        let j = shifted(i, direction, list.len())?;
        list.swap_at(i, j);
        Some(j)
    })?;
    Ok(match (component, to) {
        (Component::Trigger(_), Some(j)) => Component::Trigger(j),
        (Component::Indexation(_), Some(j)) => Component::Indexation(j),
        _ => component.clone(),
    })
}

/// The place one step from `i` in a list of `len`, if there is one.
fn shifted(i: usize, direction: Move, len: usize) -> Option<usize> {
    match direction {
        Move::Earlier => i.checked_sub(1),
        Move::Later => Some(i + 1).filter(|j| *j < len),
    }
}

/// Copies `component` right after it: every value is kept, the id gets the next free suffix
/// (`calls_2`) and the name " copy". Returns the copy's address.
pub fn duplicate(scenario: &mut Scenario, component: &Component) -> Result<Component, EditError> {
    let at = with_list(scenario, component, |list, i| {
        list.duplicate_at(i);
        i + 1
    })?;
    Ok(component_at(scenario, component, at).expect("the copy was just inserted there"))
}

/// Adds an empty offer named "Offer B" (the first free letter) at the end; returns its index.
pub fn new_scenario(project: &mut Project) -> usize {
    let name = unique_name(project, "Offer");
    project.scenarios.push(Scenario::new(&name));
    project.scenarios.len() - 1
}

/// Copies offer `index` right after it, named "`<name> copy`"; returns the copy's index.
pub fn duplicate_scenario(project: &mut Project, index: usize) -> Result<usize, EditError> {
    let s = project
        .scenarios
        .get(index)
        .ok_or(EditError::UnknownScenario { index })?;
    let mut copy = s.clone();
    copy.name = unique_name(project, &format!("{} copy", s.name));
    project.scenarios.insert(index + 1, copy);
    Ok(index + 1)
}

/// Renames offer `index`. The name must be unique and not empty.
pub fn rename_scenario(project: &mut Project, index: usize, name: &str) -> Result<(), EditError> {
    let name = name.trim();
    let taken = project
        .scenarios
        .iter()
        .enumerate()
        .any(|(i, s)| i != index && s.name == name);
    if name.is_empty() || taken {
        return Err(EditError::NameTaken {
            name: name.to_owned(),
        });
    }
    let s = project
        .scenarios
        .get_mut(index)
        .ok_or(EditError::UnknownScenario { index })?;
    let old = std::mem::replace(&mut s.name, name.to_owned());
    super::negotiation::rename_negotiation(project, &old, name);
    Ok(())
}

/// Deletes offer `index`; the last offer stays.
pub fn delete_scenario(project: &mut Project, index: usize) -> Result<(), EditError> {
    if index >= project.scenarios.len() {
        return Err(EditError::UnknownScenario { index });
    }
    if project.scenarios.len() == 1 {
        return Err(EditError::LastScenario);
    }
    project.scenarios.remove(index);
    Ok(())
}

/// Moves offer `index` one place earlier or later; returns where it is now (unchanged at the
/// end of the list).
pub fn move_scenario(
    project: &mut Project,
    index: usize,
    direction: Move,
) -> Result<usize, EditError> {
    let len = project.scenarios.len();
    if index >= len {
        return Err(EditError::UnknownScenario { index });
    }
    Ok(match shifted(index, direction, len) {
        Some(j) => {
            project.scenarios.swap(index, j);
            j
        }
        None => index,
    })
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::model::Pricing;
    use crate::model::YearMonth;

    fn project() -> Project {
        Project::new_blank(YearMonth::new(2025, 1).expect("a valid month"))
    }

    fn charge(id: &str) -> Component {
        Component::Charge(id.into())
    }

    #[test]
    fn added_terms_get_unique_ids_and_default_names() {
        let mut p = project();
        assert_eq!(add(&mut p, 0, ComponentKind::Tiers), Ok(charge("tiers")));
        assert_eq!(add(&mut p, 0, ComponentKind::Tiers), Ok(charge("tiers_2")));
        assert_eq!(add(&mut p, 0, ComponentKind::Tiers), Ok(charge("tiers_3")));
        let charges = &p.scenarios[0].charges;
        assert_eq!(charges.len(), 3);
        assert_eq!(charges[1].name, "Volume tiers");
        // Without volumes in the project the tiers read a placeholder id validation names.
        assert!(
            matches!(&charges[0].pricing, Pricing::Tiered { volume, .. } if volume == "volume")
        );
        assert_eq!(unique_id("calls", &["calls"]), "calls_2");
        assert_eq!(unique_id("calls", &["calls", "calls_2"]), "calls_3");
        assert_eq!(unique_id("calls", &["asa"]), "calls");
    }

    #[test]
    fn every_kind_adds_the_term_it_names() {
        let mut p = project();
        let added: Vec<Component> = ComponentKind::ALL
            .iter()
            .map(|k| add(&mut p, 0, *k).expect("offer 0 exists"))
            .collect();
        assert_eq!(
            added,
            vec![
                charge("fixed_fee"),
                charge("unit_rates"),
                charge("tiers"),
                charge("arc_rrc"),
                Component::Minimum("minimum".into()),
                Component::Indexation(0),
                Component::ChargeCap("charge_cap".into()),
                Component::ServiceLevel("service_level".into()),
                Component::Bonus("bonus".into()),
                Component::Trigger(0),
                Component::Milestone("milestone".into()),
            ]
        );
        let s = &p.scenarios[0];
        for c in &added {
            assert!(s.has(c), "{c} was not added");
        }
        // The bonus and the trigger watch the service level added before them.
        assert_eq!(s.bonuses[0].service_level, "service_level");
        assert_eq!(s.bonuses[0].threshold, dec!(98));
        assert_eq!(
            s.triggers[0],
            TerminationTrigger::ConsecutiveMinimumMisses {
                service_level: "service_level".into(),
                months: 3
            }
        );
        // A second indexation is a second clause; the first is kept as it was.
        p.scenarios[0].indexation[0].lag_months = 7;
        assert_eq!(
            add(&mut p, 0, ComponentKind::Indexation),
            Ok(Component::Indexation(1))
        );
        let lags: Vec<u32> = (p.scenarios[0].indexation.iter())
            .map(|x| x.lag_months)
            .collect();
        assert_eq!(lags, vec![7, 3]);
        assert_eq!(
            add(&mut p, 4, ComponentKind::Bonus),
            Err(EditError::UnknownScenario { index: 4 })
        );
    }

    #[test]
    fn series_ids_are_unique_across_kinds() {
        let mut p = project();
        assert_eq!(add_series(&mut p, SeriesKind::Volume), "volume");
        assert_eq!(add_series(&mut p, SeriesKind::Volume), "volume_2");
        assert_eq!(add_series(&mut p, SeriesKind::Kpi), "kpi");
        assert_eq!(p.volumes[1].name, "New volume");
        // New charges read the first volume.
        add(&mut p, 0, ComponentKind::UnitRates).expect("offer 0 exists");
        let Pricing::UnitRates { rates } = &p.scenarios[0].charges[0].pricing else {
            panic!("unit rates expected");
        };
        assert_eq!(rates[0].volume, "volume");
        assert_eq!(delete_series(&mut p, SeriesKind::Volume, "volume"), Ok(()));
        assert_eq!(p.volumes.len(), 1);
        assert_eq!(p.volumes[0].id, "volume_2");
        assert_eq!(
            delete_series(&mut p, SeriesKind::Index, "volume_2"),
            Err(EditError::UnknownSeries {
                id: "volume_2".into()
            })
        );
    }

    #[test]
    fn moving_changes_the_order_and_stops_at_the_ends() {
        let mut p = project();
        for _ in 0..3 {
            add(&mut p, 0, ComponentKind::FixedFee).expect("offer 0 exists");
        }
        let s = &mut p.scenarios[0];
        let order = |s: &Scenario| s.charges.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
        let moved = move_component(s, &charge("fixed_fee_3"), Move::Earlier);
        assert_eq!(moved, Ok(charge("fixed_fee_3")));
        assert_eq!(order(s), ["fixed_fee", "fixed_fee_3", "fixed_fee_2"]);
        move_component(s, &charge("fixed_fee_3"), Move::Earlier).expect("it exists");
        assert_eq!(order(s), ["fixed_fee_3", "fixed_fee", "fixed_fee_2"]);
        move_component(s, &charge("fixed_fee_3"), Move::Earlier).expect("it exists");
        assert_eq!(order(s), ["fixed_fee_3", "fixed_fee", "fixed_fee_2"]);
        move_component(s, &charge("fixed_fee"), Move::Later).expect("it exists");
        assert_eq!(order(s), ["fixed_fee_3", "fixed_fee_2", "fixed_fee"]);
        assert_eq!(
            move_component(s, &Component::CreditRegime, Move::Later),
            Err(EditError::Single {
                component: Component::CreditRegime
            })
        );
        assert_eq!(
            move_component(s, &charge("calls"), Move::Later),
            Err(EditError::UnknownComponent {
                component: charge("calls")
            })
        );
    }

    #[test]
    fn triggers_move_by_position() {
        let mut p = project();
        add(&mut p, 0, ComponentKind::Trigger).expect("offer 0 exists");
        add(&mut p, 0, ComponentKind::Trigger).expect("offer 0 exists");
        let s = &mut p.scenarios[0];
        s.triggers[1] = TerminationTrigger::CapReached {
            times: 2,
            window_months: 12,
        };
        let moved = move_component(s, &Component::Trigger(1), Move::Earlier);
        assert_eq!(moved, Ok(Component::Trigger(0)));
        assert_eq!(
            s.triggers[0],
            TerminationTrigger::CapReached {
                times: 2,
                window_months: 12
            }
        );
        let stays = move_component(s, &Component::Trigger(1), Move::Later);
        assert_eq!(stays, Ok(Component::Trigger(1)));
    }

    #[test]
    fn a_duplicate_keeps_every_value_but_id_and_name() {
        let mut p = project();
        add(&mut p, 0, ComponentKind::ServiceLevel).expect("offer 0 exists");
        add(&mut p, 0, ComponentKind::Bonus).expect("offer 0 exists");
        let s = &mut p.scenarios[0];
        s.service_levels[0].target = dec!(97.5);
        let original = s.service_levels[0].clone();
        let copy = duplicate(s, &Component::ServiceLevel("service_level".into()));
        assert_eq!(copy, Ok(Component::ServiceLevel("service_level_2".into())));
        assert_eq!(s.service_levels.len(), 2);
        let mut expected = original.clone();
        expected.id = "service_level_2".into();
        expected.name = "Service level copy".into();
        assert_eq!(s.service_levels[1], expected);
        assert_eq!(s.service_levels[0], original);
        // The copy goes right after the original.
        duplicate(s, &Component::ServiceLevel("service_level".into())).expect("it exists");
        let ids: Vec<&str> = s.service_levels.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["service_level", "service_level_3", "service_level_2"]);
        assert_eq!(
            duplicate(s, &Component::Offer),
            Err(EditError::Single {
                component: Component::Offer
            })
        );
    }

    #[test]
    fn deleting_a_term_removes_it_and_only_it() {
        let mut p = project();
        add(&mut p, 0, ComponentKind::FixedFee).expect("offer 0 exists");
        add(&mut p, 0, ComponentKind::FixedFee).expect("offer 0 exists");
        add(&mut p, 0, ComponentKind::Indexation).expect("offer 0 exists");
        let s = &mut p.scenarios[0];
        assert_eq!(delete(s, &charge("fixed_fee")), Ok(()));
        assert_eq!(s.charges.len(), 1);
        assert_eq!(s.charges[0].id, "fixed_fee_2");
        assert_eq!(
            delete(s, &charge("fixed_fee")),
            Err(EditError::UnknownComponent {
                component: charge("fixed_fee")
            })
        );
        assert_eq!(delete(s, &Component::Indexation(0)), Ok(()));
        assert!(s.indexation.is_empty());
        assert!(delete(s, &Component::Indexation(0)).is_err());
        assert_eq!(
            delete(s, &Component::CreditRegime),
            Err(EditError::Single {
                component: Component::CreditRegime
            })
        );
    }

    #[test]
    fn component_at_follows_an_id_change() {
        let mut p = project();
        add(&mut p, 0, ComponentKind::FixedFee).expect("offer 0 exists");
        let s = &mut p.scenarios[0];
        s.charges[0].id = "base_fee".into();
        assert_eq!(
            component_at(s, &charge("fixed_fee"), 0),
            Some(charge("base_fee"))
        );
        assert_eq!(component_at(s, &charge("fixed_fee"), 1), None);
        assert_eq!(component_at(s, &Component::Indexation(0), 0), None);
        assert_eq!(
            component_at(s, &Component::Offer, 0),
            Some(Component::Offer)
        );
    }

    #[test]
    fn offers_are_named_uniquely_copied_renamed_and_the_last_kept() {
        let mut p = project();
        assert_eq!(new_scenario(&mut p), 1);
        assert_eq!(p.scenarios[1].name, "Offer B");
        add(&mut p, 0, ComponentKind::FixedFee).expect("offer 0 exists");
        assert_eq!(duplicate_scenario(&mut p, 0), Ok(1));
        assert_eq!(p.scenarios[1].name, "Offer A copy");
        assert_eq!(p.scenarios[1].charges, p.scenarios[0].charges);
        assert_eq!(duplicate_scenario(&mut p, 0), Ok(1));
        assert_eq!(p.scenarios[1].name, "Offer A copy 2");
        assert_eq!(
            duplicate_scenario(&mut p, 9),
            Err(EditError::UnknownScenario { index: 9 })
        );
        assert_eq!(
            rename_scenario(&mut p, 1, "Offer B"),
            Err(EditError::NameTaken {
                name: "Offer B".into()
            })
        );
        assert!(rename_scenario(&mut p, 1, "  ").is_err());
        assert_eq!(rename_scenario(&mut p, 1, "Offer C"), Ok(()));
        assert_eq!(p.scenarios[1].name, "Offer C");
        assert_eq!(move_scenario(&mut p, 1, Move::Earlier), Ok(0));
        assert_eq!(p.scenarios[0].name, "Offer C");
        assert_eq!(move_scenario(&mut p, 0, Move::Earlier), Ok(0));
        while p.scenarios.len() > 1 {
            delete_scenario(&mut p, 0).expect("more than one offer");
        }
        assert_eq!(p.scenarios[0].name, "Offer B");
        assert_eq!(delete_scenario(&mut p, 0), Err(EditError::LastScenario));
        assert_eq!(
            EditError::LastScenario.to_string(),
            "a project needs at least one scenario"
        );
    }

    #[test]
    fn a_project_without_offers_is_given_one() {
        let mut p = project();
        p.scenarios.clear();
        assert_eq!(
            add(&mut p, 0, ComponentKind::Bonus),
            Ok(Component::Bonus("bonus".into()))
        );
        assert_eq!(p.scenarios[0].name, "Offer A");
        // No service level yet: the bonus watches none, and validation says so.
        assert_eq!(p.scenarios[0].bonuses[0].service_level, "");
    }
}
