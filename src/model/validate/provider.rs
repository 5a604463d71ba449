//! The provider's cost model checked: the contact series exist, the profile has open hours
//! that fit in a day, and every number lies in its range ([`crate::model::provider`]'s limits).

use rust_decimal::Decimal;

use super::{Checker, Location, Project, Scenario, ValidationError};
use crate::model::limits::{MAX_AMOUNT, MAX_PCT};
use crate::model::provider::{
    AnswerTarget, LabourCost, MAX_AHT_S, MAX_ANSWER_S, MAX_FTE_HOURS, MAX_HOURLY_COST,
    MAX_PROFILE_WEIGHT, ProviderModel,
};

/// Every problem of `offer`'s cost model (none when it has none): what the cost and pricing
/// commands refuse, and what `validate` lists.
pub fn provider_problems(project: &Project, offer: &Scenario) -> Vec<ValidationError> {
    let mut check = Checker::default();
    check.cost_model(project, offer);
    check.errors
}

impl Checker {
    /// Pushes a problem when `value` is outside `min..=max` (or equals an open end).
    fn cost_range(
        &mut self,
        here: &Location,
        what: &str,
        value: Decimal,
        (min, max): (Decimal, Decimal),
        open: (bool, bool),
    ) {
        let below = if open.0 { value <= min } else { value < min };
        let above = if open.1 { value >= max } else { value > max };
        if below || above {
            let (from, to) = (
                if open.0 { "more than" } else { "from" },
                if open.1 { "less than" } else { "to" },
            );
            self.push(
                here.clone(),
                format!("cost model: {what} is {value}; enter a value {from} {min} {to} {max}"),
            );
        }
    }

    /// The cost model of every offer that has one.
    pub(super) fn provider(&mut self, p: &Project) {
        for offer in &p.scenarios {
            self.cost_model(p, offer);
        }
    }

    fn cost_model(&mut self, p: &Project, offer: &Scenario) {
        let Some(model) = &offer.cost_model else {
            return;
        };
        let here = Location::Scenario {
            scenario: offer.name.clone(),
            term: None,
        };
        if model.contacts.is_empty() {
            self.push(
                here.clone(),
                "cost model: no volume series counts as contacts; name at least one in `contacts`"
                    .into(),
            );
        }
        for id in &model.contacts {
            if p.volume(id).is_none() {
                self.push(
                    here.clone(),
                    format!("cost model: contacts name volume \"{id}\", which does not exist; name an existing volume series"),
                );
            }
        }
        if let Some(id) = &model.service_level
            && offer.service_level(id).is_none()
        {
            self.push(
                here.clone(),
                format!("cost model: the offer has no service level \"{id}\"; name one of its service levels or none"),
            );
        }
        self.profile(&here, model);
        self.cost_numbers(&here, model);
    }

    fn profile(&mut self, here: &Location, model: &ProviderModel) {
        let profile = &model.profile;
        let minutes = profile.interval_minutes;
        if !(5..=60).contains(&minutes) || 1440 % minutes != 0 {
            self.push(
                here.clone(),
                format!("cost model: intervals of {minutes} minutes; use a length from 5 to 60 minutes that divides a day (15, 30, 60)"),
            );
            return;
        }
        let close =
            u64::from(profile.opens_minute) + profile.intraday.len() as u64 * u64::from(minutes);
        if profile.intraday.is_empty() || close > 1440 {
            self.push(
                here.clone(),
                format!("cost model: opening at minute {} with {} intervals of {minutes} minutes does not fit in a day; open earlier or give fewer intervals", profile.opens_minute, profile.intraday.len()),
            );
        }
        if profile.days.len() != 7 {
            self.push(
                here.clone(),
                format!(
                    "cost model: the profile has {} day weights; give seven, Monday to Sunday",
                    profile.days.len()
                ),
            );
        }
        let weights = (Decimal::ZERO, MAX_PROFILE_WEIGHT);
        for w in profile.days.iter().chain(&profile.intraday) {
            self.cost_range(here, "a profile weight", *w, weights, (false, false));
        }
        let positive = |ws: &[Decimal]| ws.iter().any(|w| *w > Decimal::ZERO);
        if !positive(&profile.days) || !positive(&profile.intraday) {
            self.push(
                here.clone(),
                "cost model: every weight of a day or of the intraday curve is 0, so no contact can arrive; give one a weight above 0".into(),
            );
        }
    }

    fn cost_numbers(&mut self, here: &Location, model: &ProviderModel) {
        let zero = Decimal::ZERO;
        let hundred = Decimal::ONE_HUNDRED;
        self.cost_range(
            here,
            "the handle time (s)",
            model.aht_s,
            (zero, MAX_AHT_S),
            (true, false),
        );
        match model.answer {
            AnswerTarget::WithinSeconds {
                target_pct,
                within_s,
            } => {
                self.cost_range(
                    here,
                    "the answer target (%)",
                    target_pct,
                    (zero, hundred),
                    (true, true),
                );
                self.cost_range(
                    here,
                    "the answer time (s)",
                    within_s,
                    (zero, MAX_ANSWER_S),
                    (false, false),
                );
            }
            AnswerTarget::AverageSpeed { asa_s } => {
                self.cost_range(
                    here,
                    "the average speed of answer (s)",
                    asa_s,
                    (zero, MAX_ANSWER_S),
                    (true, false),
                );
            }
        }
        self.cost_range(
            here,
            "the maximum occupancy (%)",
            model.max_occupancy_pct,
            (zero, hundred),
            (true, false),
        );
        self.cost_range(
            here,
            "the shrinkage (%)",
            model.shrinkage_pct,
            (zero, hundred),
            (false, true),
        );
        match model.labour {
            LabourCost::PerPaidHour(rate) => {
                self.cost_range(
                    here,
                    "the cost per paid hour",
                    rate,
                    (zero, MAX_HOURLY_COST),
                    (false, false),
                );
            }
            LabourCost::PerFte(rate) => {
                self.cost_range(
                    here,
                    "the cost per FTE",
                    rate,
                    (zero, MAX_AMOUNT),
                    (false, false),
                );
            }
        }
        self.cost_range(
            here,
            "the hours per FTE",
            model.fte_hours_per_month,
            (zero, MAX_FTE_HOURS),
            (true, false),
        );
        self.cost_range(
            here,
            "the overhead (%)",
            model.overhead_pct,
            (zero, MAX_PCT),
            (false, false),
        );
        self.cost_range(
            here,
            "the fixed costs per month",
            model.fixed_monthly,
            (zero, MAX_AMOUNT),
            (false, false),
        );
    }
}
