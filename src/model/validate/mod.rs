//! Checks a project makes sense before it is evaluated: references resolve, bands meet, rates
//! are not negative. Every problem carries the typed address of the term it is about
//! ([`Location`]) and says what to do.

use std::collections::BTreeSet;
use std::fmt;

use rust_decimal::Decimal;

use super::*;

mod charges;
mod governance;
mod provider;
mod ranges;
mod service_levels;

pub use provider::provider_problems;
pub use ranges::out_of_range;

/// A problem in a project that the file format alone cannot catch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// Where the problem is: the offer and the term (and field) in it, a series, or a project
    /// setting.
    pub location: Location,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Every problem found in `project`, in file order; empty when the project can be evaluated.
pub fn validate(project: &Project) -> Vec<ValidationError> {
    let mut check = Checker::default();
    check.project(project);
    check.ranges(project);
    check.provider(project);
    check.errors
}

#[derive(Default)]
struct Checker {
    errors: Vec<ValidationError>,
}

/// The address of `field` of `component` in the offer named `scenario`.
fn at(scenario: &Scenario, component: &Component, field: Field) -> Location {
    Location::term(&scenario.name, component.clone().field(field))
}

impl Checker {
    fn push(&mut self, location: Location, message: String) {
        self.errors.push(ValidationError { location, message });
    }

    /// `what` (as the message names it) must not be negative.
    fn non_negative(&mut self, location: Location, what: &str, value: Decimal) {
        if value.is_sign_negative() && !value.is_zero() {
            self.push(
                location,
                format!("{what} is {value}, but it cannot be negative; enter 0 or more"),
            );
        }
    }

    fn id(&mut self, location: Location, id: &str, seen: &mut BTreeSet<String>) {
        let is_word = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !is_word {
            self.push(
                location.clone(),
                format!(
                    "id \"{id}\" must be a word of lower-case letters, digits and _ (like \"p1_resolution\")"
                ),
            );
        }
        if !seen.insert(id.to_owned()) {
            self.push(
                location,
                format!("id \"{id}\" is used twice; give each component its own id"),
            );
        }
    }

    fn project(&mut self, p: &Project) {
        let setting = |field| Location::Project(Some(field));
        if p.format_version != FORMAT_VERSION {
            self.push(
                setting("format_version"),
                format!(
                    "format_version is {}, but this Dealbench writes {FORMAT_VERSION}",
                    p.format_version
                ),
            );
        }
        if p.term_months == 0 {
            self.push(
                setting("term_months"),
                "term_months is 0; a contract runs for at least one month".into(),
            );
        }
        if p.currency.len() != 3 || !p.currency.chars().all(|c| c.is_ascii_uppercase()) {
            self.push(
                setting("currency"),
                format!(
                    "currency \"{}\" is not an ISO 4217 code; write three capital letters like \"EUR\"",
                    p.currency
                ),
            );
        }
        self.non_negative(
            setting("discount_rate_pct"),
            "discount_rate_pct",
            p.discount_rate_pct,
        );
        if p.scenarios.is_empty() {
            self.push(
                setting("scenarios"),
                "there are no scenarios; add at least one offer".into(),
            );
        }
        let mut names = BTreeSet::new();
        for s in &p.scenarios {
            if !names.insert(s.name.as_str()) {
                self.push(
                    Location::Scenario {
                        scenario: s.name.clone(),
                        term: Some(Component::Offer.field(Field::Name)),
                    },
                    "two scenarios have this name; rename one".into(),
                );
            }
            self.scenario(p, s);
        }
        self.series(p);
    }

    fn series(&mut self, p: &Project) {
        let mut ids = BTreeSet::new();
        for k in &p.kpis {
            let location = Location::Kpi(k.id.clone());
            self.id(location.clone(), &k.id, &mut ids);
            if let KpiData::Ratio { scale, .. } = &k.data
                && (scale.is_zero() || scale.is_sign_negative())
            {
                self.push(
                    location,
                    format!("scale is {scale}; use 100 for a percentage or 1 for a fraction"),
                );
            }
        }
        let mut ids = BTreeSet::new();
        for v in &p.volumes {
            let location = Location::Volume(v.id.clone());
            self.id(location.clone(), &v.id, &mut ids);
            for (month, value) in &v.history {
                self.non_negative(location.clone(), &format!("the volume of {month}"), *value);
            }
        }
        let mut ids = BTreeSet::new();
        for i in &p.indices {
            let location = Location::Index(i.id.clone());
            self.id(location.clone(), &i.id, &mut ids);
            for (month, value) in &i.values {
                if *value <= Decimal::ZERO {
                    self.push(
                        location.clone(),
                        format!("the value of {month} is {value}; index values must be above 0"),
                    );
                }
            }
        }
    }

    fn scope(&mut self, location: Location, scenario: &Scenario, scope: &ChargeScope) {
        if let ChargeScope::Components(ids) = scope {
            for id in ids {
                if scenario.charge(id).is_none() {
                    self.push(
                        location.clone(),
                        format!("charge \"{id}\" does not exist in this scenario; name one of its charges"),
                    );
                }
            }
        }
    }

    fn volume_ref(&mut self, p: &Project, location: Location, volume: &str) {
        if p.volume(volume).is_none() {
            self.push(
                location,
                format!("volume \"{volume}\" does not exist; add it (`volumes` in the file, Volumes in the app) or name an existing one"),
            );
        }
    }

    fn service_level_ref(&mut self, location: Location, scenario: &Scenario, id: &str) {
        if scenario.service_level(id).is_none() {
            self.push(
                location,
                format!("service level \"{id}\" does not exist in this scenario"),
            );
        }
    }

    fn scenario(&mut self, p: &Project, s: &Scenario) {
        if let Some(of) = s.round.as_ref().and_then(|r| r.of.as_deref())
            && p.scenario(of).is_none()
        {
            self.push(
                Location::Scenario {
                    scenario: s.name.clone(),
                    term: Some(Component::Offer.into()),
                },
                format!("this round counters \"{of}\", which is not an offer of the project; name the opening offer or remove the round"),
            );
        }
        let mut ids = BTreeSet::new();
        for c in &s.charges {
            let component = Component::Charge(c.id.clone());
            self.id(at(s, &component, Field::Id), &c.id, &mut ids);
            self.charge(p, s, &component, &c.pricing);
        }
        for m in &s.minimums {
            let component = Component::Minimum(m.id.clone());
            self.id(at(s, &component, Field::Id), &m.id, &mut ids);
            self.minimum(p, s, &component, m);
        }
        for (i, ix) in s.indexation.iter().enumerate() {
            self.indexation(p, s, i, ix);
        }
        for c in &s.charge_caps {
            let component = Component::ChargeCap(c.id.clone());
            self.id(at(s, &component, Field::Id), &c.id, &mut ids);
            self.non_negative(at(s, &component, Field::Limit), "limit", c.limit);
            self.scope(at(s, &component, Field::AppliesTo), s, &c.applies_to);
        }
        for sl in &s.service_levels {
            let component = Component::ServiceLevel(sl.id.clone());
            self.id(at(s, &component, Field::Id), &sl.id, &mut ids);
            self.service_level(p, s, &component, sl);
        }
        self.credit_regime(s);
        for b in &s.bonuses {
            let component = Component::Bonus(b.id.clone());
            self.id(at(s, &component, Field::Id), &b.id, &mut ids);
            self.service_level_ref(at(s, &component, Field::ServiceLevel), s, &b.service_level);
            for (i, gate) in b.gated_by.iter().enumerate() {
                self.service_level_ref(at(s, &component, Field::GatedBy(i)), s, gate);
            }
            self.scope(at(s, &component, Field::CreditBase), s, &b.base);
        }
        for (i, t) in s.triggers.iter().enumerate() {
            self.trigger(s, i, t);
        }
        self.governance(s, &mut ids);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Scenario, YearMonth};

    #[test]
    fn an_unknown_kpi_says_where_to_add_it_in_the_file_and_in_the_app() {
        let start: YearMonth = "2025-01".parse().unwrap();
        let mut project = Project::new_blank(start);
        let mut scenario = Scenario::new("Offer A");
        let mut sl = crate::io::project::default_project().scenarios[0].service_levels[0].clone();
        sl.kpi = "nowhere".into();
        let id = sl.id.clone();
        scenario.service_levels.push(sl);
        project.scenarios = vec![scenario];
        let problems = validate(&project);
        let problem = problems
            .iter()
            .find(|p| p.message.contains("nowhere"))
            .expect("the unknown KPI is reported");
        assert_eq!(
            problem.to_string(),
            format!(
                "scenario \"Offer A\", service level \"{id}\": KPI \"nowhere\" does not exist; add it (`kpis` in the file, KPI series in the app) or name an existing one"
            )
        );
    }
}
