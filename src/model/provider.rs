//! The provider's cost model: what delivering the contract costs, as a contact centre staffs
//! it. Contacts from the project's volume series are spread over the month's opening hours by
//! an arrival profile, each interval is staffed by Erlang C to the answer-time target, and the
//! paid hours are costed (see [`crate::engine::cost`]).
//!
//! One cost model per offer (`Scenario::cost_model`): offers usually come from different
//! providers (each offer names its `provider`), whose wages, handle times and shrinkage differ,
//! and a priced copy of an offer keeps its provider's model. The answer-time target is read
//! from the offer's own service level when [`ProviderModel::service_level`] names one, so a
//! tighter target in the offer is a costlier staffing plan.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The longest average handle time, in seconds (a day): far beyond any contact, and it keeps
/// the traffic of a month's largest volume ([`super::limits::MAX_VOLUME`]) a decimal.
pub const MAX_AHT_S: Decimal = Decimal::from_parts(86_400, 0, 0, false, 0);

/// The longest answer time a target may name, in seconds (an hour).
pub const MAX_ANSWER_S: Decimal = Decimal::from_parts(3_600, 0, 0, false, 0);

/// The most paid hours of one FTE in a month (every hour of a 31-day month).
pub const MAX_FTE_HOURS: Decimal = Decimal::from_parts(744, 0, 0, false, 0);

/// The highest cost per paid hour (10^6, as [`super::limits::MAX_UNIT_RATE`]).
pub const MAX_HOURLY_COST: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// The largest weight of a weekday or an interval in the arrival profile (10^6); weights are
/// relative, so only their ratios matter.
pub const MAX_PROFILE_WEIGHT: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// The provider's cost of delivery for a contact centre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderModel {
    /// How contacts arrive over the week and the day.
    #[serde(default)]
    pub profile: ArrivalProfile,
    /// The volume series that count as contacts (calls), summed each month.
    #[serde(default)]
    pub contacts: Vec<String>,
    /// Average handle time per contact (talk, hold and wrap-up), in seconds.
    pub aht_s: Decimal,
    /// The answer-time target the intervals are staffed to, when no service level of the offer
    /// gives it.
    pub answer: AnswerTarget,
    /// The offer's service level whose target replaces the number in [`Self::answer`] (the
    /// percentage for [`AnswerTarget::WithinSeconds`], the seconds for
    /// [`AnswerTarget::AverageSpeed`]); an offer without it is staffed to [`Self::answer`].
    #[serde(default)]
    pub service_level: Option<String>,
    /// The highest share of their time agents may spend on contacts, in percent.
    pub max_occupancy_pct: Decimal,
    /// The share of paid time not available for contacts (breaks, training, absence), in
    /// percent.
    pub shrinkage_pct: Decimal,
    /// What a paid hour, or a full-time agent, costs.
    pub labour: LabourCost,
    /// Paid hours of one full-time agent (FTE) in a month, e.g. 160.
    pub fte_hours_per_month: Decimal,
    /// Overhead on labour cost (supervision, facilities, IT), in percent.
    #[serde(default)]
    pub overhead_pct: Decimal,
    /// Costs per month that do not depend on volume (site, licences, management).
    #[serde(default)]
    pub fixed_monthly: Decimal,
}

/// The answer-time target an interval is staffed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerTarget {
    /// `target_pct` % of contacts answered within `within_s` seconds (e.g. 80 % in 20 s).
    WithinSeconds {
        /// The percentage answered in time.
        target_pct: Decimal,
        /// The answer time, in seconds.
        within_s: Decimal,
    },
    /// The average speed of answer over all contacts at most `asa_s` seconds.
    AverageSpeed {
        /// The average answer time, in seconds.
        asa_s: Decimal,
    },
}

impl AnswerTarget {
    /// The same kind of target with its number (the percentage, or the seconds) set to `value`:
    /// how an offer's service-level target is applied.
    pub fn with_value(self, value: Decimal) -> Self {
        match self {
            AnswerTarget::WithinSeconds { within_s, .. } => AnswerTarget::WithinSeconds {
                target_pct: value,
                within_s,
            },
            AnswerTarget::AverageSpeed { .. } => AnswerTarget::AverageSpeed { asa_s: value },
        }
    }

    /// The target in words: "80 % within 20 s", "an average speed of answer of 30 s".
    pub fn words(self) -> String {
        match self {
            AnswerTarget::WithinSeconds {
                target_pct,
                within_s,
            } => format!(
                "{} % within {} s",
                target_pct.normalize(),
                within_s.normalize()
            ),
            AnswerTarget::AverageSpeed { asa_s } => {
                format!("an average speed of answer of {} s", asa_s.normalize())
            }
        }
    }

    /// The target's number: the percentage, or the seconds.
    pub fn value(self) -> Decimal {
        match self {
            AnswerTarget::WithinSeconds { target_pct, .. } => target_pct,
            AnswerTarget::AverageSpeed { asa_s } => asa_s,
        }
    }
}

/// What labour costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LabourCost {
    /// A loaded cost per paid hour (wage, social charges, benefits).
    PerPaidHour(Decimal),
    /// A loaded cost per full-time agent per month; paid hours are turned into FTE by
    /// [`ProviderModel::fte_hours_per_month`].
    PerFte(Decimal),
}

/// How contacts arrive: a weight per weekday, and a curve over the opening hours of a day.
///
/// A month's contacts are shared among its days by their weekday's weight (the real calendar:
/// a month with five Mondays gets more Monday contacts), and each day's among its intervals by
/// the curve. Days of weight 0 are closed. All open days have the same opening hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArrivalProfile {
    /// The length of an interval, in minutes (15, 30 or 60; it must divide a day).
    pub interval_minutes: u32,
    /// When the first interval starts, in minutes after midnight (480 for 08:00).
    pub opens_minute: u32,
    /// Relative weights of Monday … Sunday (seven numbers; 0 closes the day).
    pub days: Vec<Decimal>,
    /// Relative weights of each interval from opening; their count sets the opening hours.
    pub intraday: Vec<Decimal>,
}

impl Default for ArrivalProfile {
    /// Monday to Friday 08:00–20:00 in 30-minute intervals, Monday the busiest (customers call
    /// about the weekend), Saturday at under half a weekday, Sunday closed; the day rises to a
    /// mid-morning peak, dips at lunch, has a smaller early-afternoon peak and tails off in the
    /// evening (a retail or utility contact centre). The curve's weights sum to 100, so each is
    /// the percent of a day's contacts.
    fn default() -> Self {
        let intraday = [
            "3.5", "4", "5", "6", "6.5", "6.5", "6", "5.5", "4.5", "4.5", "5", "5.5", "5.5", "5",
            "4.5", "4", "3.5", "3", "3", "2.5", "2", "2", "1.5", "1",
        ];
        Self {
            interval_minutes: 30,
            opens_minute: 8 * 60,
            days: ["120", "105", "100", "100", "95", "45", "0"]
                .iter()
                .map(|w| w.parse().expect("a literal weight"))
                .collect(),
            intraday: intraday
                .iter()
                .map(|w| w.parse().expect("a literal weight"))
                .collect(),
        }
    }
}

impl ArrivalProfile {
    /// The label of interval `index`: its start as `HH:MM`.
    pub fn interval_label(&self, index: usize) -> String {
        let minute = self.opens_minute as usize + index * self.interval_minutes as usize;
        format!("{:02}:{:02}", (minute / 60) % 24, minute % 60)
    }
}

impl ProviderModel {
    /// A cost model to start from for `contacts`: 5-minute handle time, 80 % in 20 s, 85 %
    /// maximum occupancy, 30 % shrinkage, 28.00 per paid hour, 160 hours per FTE, 15 %
    /// overhead, no fixed costs, on the default [`ArrivalProfile`].
    pub fn starting(contacts: Vec<String>) -> Self {
        Self {
            profile: ArrivalProfile::default(),
            contacts,
            aht_s: Decimal::new(300, 0),
            answer: AnswerTarget::WithinSeconds {
                target_pct: Decimal::new(80, 0),
                within_s: Decimal::new(20, 0),
            },
            service_level: None,
            max_occupancy_pct: Decimal::new(85, 0),
            shrinkage_pct: Decimal::new(30, 0),
            labour: LabourCost::PerPaidHour(Decimal::new(2800, 2)),
            fte_hours_per_month: Decimal::new(160, 0),
            overhead_pct: Decimal::new(15, 0),
            fixed_monthly: Decimal::ZERO,
        }
    }

    /// The answer-time target for `scenario`: the model's, with the number of the offer's
    /// service level [`Self::service_level`] when the offer has it.
    pub fn answer_for(&self, scenario: &super::Scenario) -> AnswerTarget {
        match self
            .service_level
            .as_deref()
            .and_then(|id| scenario.service_level(id))
        {
            Some(level) => self.answer.with_value(level.target),
            None => self.answer,
        }
    }
}
