//! Service levels: what is measured, against which levels, over which window, and what a miss
//! costs (design §2.3).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::YearMonth;
use super::agreement::{ChargeScope, Limit, Rate};

/// A service level: a KPI, its direction, its target and minimum, and its credit rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceLevel {
    /// A word naming the service level (`asa`, `p1_resolution`).
    pub id: String,
    /// The name shown to people ("Average speed of answer").
    pub name: String,
    /// The KPI series measured.
    pub kpi: String,
    /// Whether a higher or a lower value is better.
    pub direction: Direction,
    /// The expected level; a value exactly at the target meets it.
    pub target: Decimal,
    /// The floor; a value worse than it is a minimum miss. `None` when the contract has only a
    /// target.
    #[serde(default)]
    pub minimum: Option<Decimal>,
    /// The period over which the value is measured.
    #[serde(default)]
    pub window: MeasurementWindow,
    /// What a month without data counts as.
    #[serde(default)]
    pub missing_data: MissingData,
    /// Below this sample (e.g. 30 survey responses) the month is "not measured".
    #[serde(default)]
    pub minimum_sample: Option<Decimal>,
    /// Months excluded from measurement (transition, agreed maintenance).
    #[serde(default)]
    pub excluded_months: Vec<YearMonth>,
    /// What a miss costs.
    #[serde(default)]
    pub credit: CreditRule,
    /// The charges a percentage credit is read on.
    #[serde(default)]
    pub credit_base: ChargeScope,
    /// Missing only the target earns a credit only after this many target misses in a rolling
    /// window; a minimum miss earns it at once.
    #[serde(default)]
    pub repeat_rule: Option<RepeatRule>,
    /// The most this service level's credits can be in one month.
    #[serde(default)]
    pub cap: Option<Limit>,
    /// A credit returns to the provider if the service level then meets target for a while.
    #[serde(default)]
    pub earn_back: Option<EarnBack>,
    /// After a year above target, the target resets toward the achieved level.
    #[serde(default)]
    pub improvement: Option<ContinuousImprovement>,
}

/// Whether a higher or lower KPI value is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// Availability, CSAT, first-contact resolution.
    HigherIsBetter,
    /// Answer time, abandonment, resolution time.
    LowerIsBetter,
}

impl Direction {
    /// Whether `value` is strictly worse than `level`.
    pub fn worse(self, value: Decimal, level: Decimal) -> bool {
        match self {
            Direction::HigherIsBetter => value < level,
            Direction::LowerIsBetter => value > level,
        }
    }

    /// How far `value` falls short of `level` (zero when it meets it).
    pub fn shortfall(self, value: Decimal, level: Decimal) -> Decimal {
        match self {
            Direction::HigherIsBetter => (level - value).max(Decimal::ZERO),
            Direction::LowerIsBetter => (value - level).max(Decimal::ZERO),
        }
    }

    /// The word for "worse than" in explanations ("below", "above").
    pub fn worse_word(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "below",
            Direction::LowerIsBetter => "above",
        }
    }
}

/// The period over which a service level is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum MeasurementWindow {
    /// Each calendar month.
    #[default]
    Month,
    /// Each calendar quarter, assessed in its last month; other months are not measured.
    Quarter,
    /// The last `n` months including this one, assessed every month.
    Rolling(u32),
    /// This month together with the previous one.
    AveragedWithPrevious,
}

/// What a month without data counts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum MissingData {
    /// Deemed a minimum miss (common in IT outsourcing: no report, no pass).
    DeemedMinimumMiss,
    /// No claim is possible (cloud terms: the customer must evidence the failure).
    #[default]
    NoClaim,
    /// The month is excluded from measurement.
    Excluded,
}

/// What a miss costs. Percentages are of the service level's credit base for the month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub enum CreditRule {
    /// No credit (the level is reported, or only used to gate bonuses).
    #[default]
    None,
    /// A fixed percentage on a miss.
    FixedPct {
        /// Percent when only the target is missed.
        target_miss_pct: Decimal,
        /// Percent when the minimum is missed.
        minimum_miss_pct: Decimal,
    },
    /// A credit table on the measured value (cloud terms: below 99.9 → 10 %, below 99.0 →
    /// 25 %, below 95.0 → 100 %). The largest percentage whose threshold the value is worse
    /// than applies; a value exactly at a threshold is not worse.
    Table(Vec<CreditStep>),
    /// A share of the at-risk pool: credit = at-risk amount × allocation %. Allocations may sum
    /// to more than 100 % (over-allocation); the month's total is capped at the at-risk amount.
    AtRisk {
        /// This service level's allocation of the pool, in percent.
        allocation_pct: Decimal,
    },
    /// Service points (UK government style): severity bands give points, a repeat failure in
    /// the next period doubles them, the regime's points rate turns them into money.
    Points {
        /// Points by severity; the band with the most points whose threshold is breached
        /// applies.
        bands: Vec<PointsBand>,
        /// Whether a failure in consecutive months doubles the points.
        repeat_doubles: bool,
    },
    /// A credit per full step of shortfall from the target (per full 1 %, per 0.1 point, per
    /// occurrence, per day late).
    PerStep {
        /// The size of one step in the KPI's unit.
        step: Decimal,
        /// The credit per full step.
        per_step: Rate,
        /// The most this rule credits in a month, as a percentage of the base.
        #[serde(default)]
        max_pct: Option<Decimal>,
    },
}

/// A row of a credit table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditStep {
    /// The threshold: a value worse than it earns `credit_pct`.
    pub worse_than: Decimal,
    /// The credit in percent of the base.
    pub credit_pct: Decimal,
}

/// A severity band of service points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointsBand {
    /// The threshold: a value worse than it earns `points`.
    pub worse_than: Decimal,
    /// The points earned.
    pub points: u32,
}

/// Expected versus minimum: missing only the target counts after `misses` counted misses in a
/// rolling `window_months` months (e.g. 4 in 12); a minimum miss earns its credit at once
/// regardless. Which misses are counted is a drafting choice ([`RepeatCount`]); by default every
/// miss counts, a minimum miss too (it is also a target miss), and so does a month deemed a
/// minimum miss for missing data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepeatRule {
    /// Counted misses needed in the window (this month's included).
    pub misses: u32,
    /// The rolling window in months.
    pub window_months: u32,
    /// Which misses count toward `misses`.
    #[serde(default)]
    pub counts: RepeatCount,
    /// Whether a month deemed a minimum miss for missing data counts toward `misses` (only read
    /// when minimum misses count at all).
    #[serde(default = "deemed_misses_count_by_default")]
    pub deemed_misses_count: bool,
}

impl RepeatRule {
    /// `misses` in `window_months`, counted the default way: every miss, deemed ones too.
    pub fn new(misses: u32, window_months: u32) -> Self {
        Self {
            misses,
            window_months,
            counts: RepeatCount::default(),
            deemed_misses_count: true,
        }
    }

    /// Whether a month is counted toward the rule: `target_miss` for a month that missed only
    /// the target, `minimum_miss` for one that missed the minimum, `deemed` when that minimum
    /// miss was deemed for missing data.
    pub fn counts_month(&self, target_miss: bool, minimum_miss: bool, deemed: bool) -> bool {
        if target_miss {
            return true;
        }
        minimum_miss
            && self.counts == RepeatCount::AllMisses
            && (!deemed || self.deemed_misses_count)
    }

    /// What is counted, in words, one or many: "target miss" / "target misses", "miss" /
    /// "misses", "measured miss" / "measured misses" (deemed misses not counted).
    pub fn counted_words(&self, many: bool) -> &'static str {
        match (self.counts, self.deemed_misses_count, many) {
            (RepeatCount::TargetMissesOnly, _, false) => "target miss",
            (RepeatCount::TargetMissesOnly, _, true) => "target misses",
            (RepeatCount::AllMisses, true, false) => "miss",
            (RepeatCount::AllMisses, true, true) => "misses",
            (RepeatCount::AllMisses, false, false) => "measured miss",
            (RepeatCount::AllMisses, false, true) => "measured misses",
        }
    }
}

/// The default of [`RepeatRule::deemed_misses_count`]: the reading of files written before the
/// choice existed.
fn deemed_misses_count_by_default() -> bool {
    true
}

/// Which misses a repeat rule counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum RepeatCount {
    /// Every miss: a target miss and a minimum miss alike (a minimum miss is also a target
    /// miss). The reading of files written before the choice existed.
    #[default]
    AllMisses,
    /// Only expected-level (target) defaults: minimum misses are credited at once and counted
    /// separately, so they do not bring a target miss's credit nearer (common in IT
    /// outsourcing: "the fourth Expected Service Level Default in any rolling 12 months").
    TargetMissesOnly,
}

/// Earn-back: a credit returns to the provider if the same service level meets target in each
/// of the next `window_months` measured months. Credits for a value worse than `floor` are not
/// eligible.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EarnBack {
    /// Measured months that must all meet target.
    pub window_months: u32,
    /// Misses worse than this value are final at once.
    #[serde(default)]
    pub floor: Option<Decimal>,
}

/// Continuous improvement: at each contract anniversary, if every measured month of the
/// contract year met the target, the target moves `share_pct` of the way toward the year's
/// average (only ever toward better), kept to the clause's precision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContinuousImprovement {
    /// How far toward the average the target moves, in percent (50 for halfway).
    pub share_pct: Decimal,
    /// The precision the moved target is kept to ("rounded to three decimal places"); `None`
    /// keeps 4 decimals, half to even (the reading of files written before it was a term).
    #[serde(default)]
    pub precision: Option<super::Precision>,
}
