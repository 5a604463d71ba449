//! Staffing a contact-centre interval by Erlang C: how many agents answer the calls of one
//! interval within the promised service level, and how many must be scheduled once shrinkage
//! (breaks, training, absence) is allowed for.
//!
//! The agent counts are contract decisions, so they are made exactly: traffic, the occupancy
//! ceiling and the shrinkage ceiling are computed in [`Decimal`] from the inputs as given, never
//! through a floating-point quotient (21 agents at 30 % shrinkage are 30 scheduled, not the 31
//! that `ceil(21 / 0.7)` gives in `f64`). The waiting probabilities are statistics, not money:
//! they are `f64`, evaluated through the Erlang B recursion, which never forms `A^N / N!` and
//! so neither overflows nor underflows at thousands of agents.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// The largest traffic staffed, in Erlangs (simultaneous calls in progress). Far beyond any
/// single queue (the largest contact centres run a few thousand agents), and it keeps the search
/// for the agent count, which walks up from the traffic one agent at a time, under a second.
pub const MAX_TRAFFIC_ERLANGS: u32 = 100_000;

/// A service level within this distance of the target counts as met. Exact ties are the rule
/// of the contract ("80 % within 20 s" is met at 80 % exactly), but a service level computed in
/// `f64` carries rounding errors of about 1e-15 per step of the recursion; 1e-12 absorbs them at
/// [`MAX_TRAFFIC_ERLANGS`] while staying far below any target a contract writes (targets are
/// given to a few decimals of a percent).
pub const TIE_TOLERANCE: f64 = 1e-12;

/// One interval's staffing question: its calls and how they must be answered. Every field is a
/// decimal as written by the user, so that the agent counts derived from them are exact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StaffingInput {
    /// Calls offered in the interval (zero or more).
    pub calls: Decimal,
    /// The interval's length, in seconds (more than zero).
    pub interval_s: Decimal,
    /// Average handle time per call (talk, hold and wrap-up), in seconds (more than zero).
    pub aht_s: Decimal,
    /// The service-level target: this percentage of calls answered within `within_s`
    /// (strictly between 0 and 100).
    pub target_pct: Decimal,
    /// The answer time of the target, in seconds (zero or more).
    pub within_s: Decimal,
    /// The highest share of their time agents may spend on calls, in percent (more than 0, at
    /// most 100); 100 sets no limit beyond the service level.
    pub max_occupancy_pct: Decimal,
    /// The share of paid time not available for calls, in percent (0 or more, less than 100).
    pub shrinkage_pct: Decimal,
}

/// Which input a refusal is about, so the command line and the app can name their own field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffingField {
    /// [`StaffingInput::calls`].
    Calls,
    /// [`StaffingInput::interval_s`].
    IntervalS,
    /// [`StaffingInput::aht_s`].
    AhtS,
    /// [`StaffingInput::target_pct`].
    TargetPct,
    /// [`StaffingInput::within_s`].
    WithinS,
    /// [`StaffingInput::max_occupancy_pct`].
    MaxOccupancyPct,
    /// [`StaffingInput::shrinkage_pct`].
    ShrinkagePct,
}

/// Why an interval cannot be staffed. Nothing is computed from refused input.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StaffingError {
    /// An input outside its range; `allowed` says the range in words.
    #[error("{value} is out of range: {allowed}")]
    OutOfRange {
        /// The input.
        field: StaffingField,
        /// The value given.
        value: Decimal,
        /// The range, e.g. "more than 0 seconds".
        allowed: &'static str,
    },
    /// The traffic (calls × handle time ÷ interval) is above [`MAX_TRAFFIC_ERLANGS`], or too
    /// large to compute at all.
    #[error(
        "the traffic of {calls} calls of {aht_s} s in {interval_s} s is more than {MAX_TRAFFIC_ERLANGS} Erlangs"
    )]
    TrafficTooLarge {
        /// The calls given.
        calls: Decimal,
        /// The handle time given.
        aht_s: Decimal,
        /// The interval given.
        interval_s: Decimal,
    },
}

/// What set the productive agent count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Binding {
    /// The service-level target (it needs at least as many agents as the occupancy limit).
    ServiceLevel,
    /// The maximum occupancy (it needs more agents than the service level).
    Occupancy,
}

/// How an interval performs with a given number of productive agents.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AgentMetrics {
    /// Productive agents on the phones.
    pub agents: u64,
    /// The probability that a call waits at all (Erlang C).
    pub p_wait: f64,
    /// The share of calls answered within the target's time: 1 − P(wait)·e^(−(N−A)·T/AHT).
    pub service_level: f64,
    /// Average speed of answer over all calls, in seconds: P(wait)·AHT / (N − A).
    pub asa_s: f64,
    /// The share of the agents' time spent on calls: A / N.
    pub occupancy: f64,
}

/// The answer for one interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Staffing {
    /// Traffic A in Erlangs: calls × AHT ÷ interval, exact to 28 digits.
    pub traffic_erlangs: Decimal,
    /// The fewest agents, more than the traffic, whose service level meets the target.
    pub agents_for_service_level: u64,
    /// The fewest agents keeping occupancy at or under its maximum: ceil(A ÷ max occupancy).
    pub agents_for_occupancy: u64,
    /// Productive agents: the larger of the two counts above.
    pub productive_agents: u64,
    /// Which count set `productive_agents` (the service level when they are equal).
    pub binding: Binding,
    /// Agents to schedule: ceil(productive ÷ (1 − shrinkage)), exactly.
    pub scheduled_agents: u64,
    /// The metrics at N − 1, N and N + 1 productive agents; N − 1 is left out when it cannot
    /// carry the traffic (N − 1 ≤ A), so the list then starts at N.
    pub at: Vec<AgentMetrics>,
}

/// Staffs one interval: checks the input, then finds the productive agents (the service level's
/// count raised to the occupancy's), the scheduled agents and the metrics around N.
pub fn staff(input: &StaffingInput) -> Result<Staffing, StaffingError> {
    check(input)?;
    let hundred = Decimal::ONE_HUNDRED;
    let too_large = || StaffingError::TrafficTooLarge {
        calls: input.calls,
        aht_s: input.aht_s,
        interval_s: input.interval_s,
    };
    // Traffic as a fraction work / interval, both exact: every decision below compares these
    // products instead of a rounded quotient.
    let (work, traffic) = traffic(input)?;
    // The first count that carries the traffic: N > A ⇔ N·interval > work, so floor + 1.
    let first = ceil_div(work, input.interval_s, true).ok_or_else(too_large)?;
    let erlangs = Erlangs::new(traffic, first, input)?;
    let agents_for_service_level = erlangs.search();
    // ceil(A ÷ (occ/100)) = ceil(work·100 ÷ (interval·occ)).
    let occupancy_den = input
        .interval_s
        .checked_mul(input.max_occupancy_pct)
        .ok_or_else(too_large)?;
    let work_pct = work.checked_mul(hundred).ok_or_else(too_large)?;
    let agents_for_occupancy = ceil_div(work_pct, occupancy_den, false).ok_or_else(too_large)?;
    let (productive_agents, binding) = if agents_for_occupancy > agents_for_service_level {
        (agents_for_occupancy, Binding::Occupancy)
    } else {
        (agents_for_service_level, Binding::ServiceLevel)
    };
    // ceil(N ÷ (1 − s/100)) = ceil(N·100 ÷ (100 − s)).
    let scheduled_agents = ceil_div(
        Decimal::from(productive_agents) * hundred,
        hundred - input.shrinkage_pct,
        false,
    )
    .ok_or_else(too_large)?;
    let low = if productive_agents > first {
        productive_agents - 1
    } else {
        productive_agents
    };
    let at = erlangs.metrics(low, productive_agents + 1);
    Ok(Staffing {
        traffic_erlangs: traffic.normalize(),
        agents_for_service_level,
        agents_for_occupancy,
        productive_agents,
        binding,
        scheduled_agents,
        at,
    })
}

/// The metrics of the interval with `agents` productive agents, for a user weighing one agent
/// more or less than [`staff`] chose; `None` when they cannot carry the traffic (agents ≤ A,
/// where the queue grows without end). The input is checked as by [`staff`].
pub fn metrics_at(
    input: &StaffingInput,
    agents: u64,
) -> Result<Option<AgentMetrics>, StaffingError> {
    check(input)?;
    let (work, traffic) = traffic(input)?;
    let too_large = || StaffingError::TrafficTooLarge {
        calls: input.calls,
        aht_s: input.aht_s,
        interval_s: input.interval_s,
    };
    let first = ceil_div(work, input.interval_s, true).ok_or_else(too_large)?;
    if agents < first {
        return Ok(None);
    }
    let erlangs = Erlangs::new(traffic, first, input)?;
    Ok(erlangs.metrics(agents, agents).pop())
}

/// The work (calls × AHT, in call-seconds) and the traffic A = work ÷ interval, refused above
/// [`MAX_TRAFFIC_ERLANGS`] or when the product does not fit a decimal.
fn traffic(input: &StaffingInput) -> Result<(Decimal, Decimal), StaffingError> {
    let too_large = || StaffingError::TrafficTooLarge {
        calls: input.calls,
        aht_s: input.aht_s,
        interval_s: input.interval_s,
    };
    let work = input.calls.checked_mul(input.aht_s).ok_or_else(too_large)?;
    let traffic = work.checked_div(input.interval_s).ok_or_else(too_large)?;
    if traffic > Decimal::from(MAX_TRAFFIC_ERLANGS) {
        return Err(too_large());
    }
    Ok((work, traffic))
}

/// Refuses every input outside its range, in the order of the fields.
fn check(input: &StaffingInput) -> Result<(), StaffingError> {
    let zero = Decimal::ZERO;
    let hundred = Decimal::ONE_HUNDRED;
    let rules: [(StaffingField, Decimal, bool, &'static str); 7] = [
        (
            StaffingField::Calls,
            input.calls,
            input.calls >= zero,
            "calls cannot be negative",
        ),
        (
            StaffingField::IntervalS,
            input.interval_s,
            input.interval_s > zero,
            "the interval must be more than 0 seconds",
        ),
        (
            StaffingField::AhtS,
            input.aht_s,
            input.aht_s > zero,
            "the average handle time must be more than 0 seconds",
        ),
        (
            StaffingField::TargetPct,
            input.target_pct,
            input.target_pct > zero && input.target_pct < hundred,
            "the target must be more than 0 and less than 100 percent",
        ),
        (
            StaffingField::WithinS,
            input.within_s,
            input.within_s >= zero,
            "the answer time cannot be negative",
        ),
        (
            StaffingField::MaxOccupancyPct,
            input.max_occupancy_pct,
            input.max_occupancy_pct > zero && input.max_occupancy_pct <= hundred,
            "the maximum occupancy must be more than 0 and at most 100 percent",
        ),
        (
            StaffingField::ShrinkagePct,
            input.shrinkage_pct,
            input.shrinkage_pct >= zero && input.shrinkage_pct < hundred,
            "the shrinkage must be at least 0 and less than 100 percent",
        ),
    ];
    match rules.into_iter().find(|(_, _, ok, _)| !ok) {
        Some((field, value, _, allowed)) => Err(StaffingError::OutOfRange {
            field,
            value,
            allowed,
        }),
        None => Ok(()),
    }
}

/// ceil(numerator ÷ denominator) for a positive denominator, exactly: the remainder decides,
/// not a rounded quotient. With `strictly_above`, the smallest integer strictly above the
/// quotient (floor + 1), which is what "N > A" needs when A is a whole number. `None` when the
/// result does not fit.
fn ceil_div(numerator: Decimal, denominator: Decimal, strictly_above: bool) -> Option<u64> {
    let remainder = numerator.checked_rem(denominator)?;
    // numerator − remainder is an exact multiple of denominator, so this quotient is whole.
    let floor = numerator
        .checked_sub(remainder)?
        .checked_div(denominator)?
        .round();
    let up = strictly_above || !remainder.is_zero();
    floor.to_u64()?.checked_add(u64::from(up))
}

/// The queue's constants in the form the probabilities use, with N − A kept from the exact
/// traffic: ASA divides by it, and it must not round to 0 when A is a hair under a whole number.
struct Erlangs {
    /// The first count above the traffic (floor(A) + 1).
    first: u64,
    /// first − A, in (0, 1], from the exact decimals; N − A = (N − first) + gap.
    gap: f64,
    a: f64,
    aht: f64,
    within: f64,
    target: f64,
}

impl Erlangs {
    fn new(traffic: Decimal, first: u64, input: &StaffingInput) -> Result<Self, StaffingError> {
        // Every value is in range and at most 100,000 Erlangs here, so each converts.
        let to_f64 = |field, value: Decimal| {
            value.to_f64().ok_or(StaffingError::OutOfRange {
                field,
                value,
                allowed: "a number this build can compute with",
            })
        };
        Ok(Self {
            first,
            gap: to_f64(StaffingField::Calls, Decimal::from(first) - traffic)?,
            a: to_f64(StaffingField::Calls, traffic)?,
            aht: to_f64(StaffingField::AhtS, input.aht_s)?,
            within: to_f64(StaffingField::WithinS, input.within_s)?,
            target: to_f64(
                StaffingField::TargetPct,
                input.target_pct / Decimal::ONE_HUNDRED,
            )?,
        })
    }

    /// The smallest N ≥ `first` whose service level meets the target (within
    /// [`TIE_TOLERANCE`]), walking Erlang B up one agent at a time: linear in N. It ends: past
    /// the traffic B falls faster than geometrically, and once it underflows the service level
    /// is 1, above any target (which is less than 100 %).
    fn search(&self) -> u64 {
        let mut b = 1.0;
        let mut n: u64 = 0;
        loop {
            n += 1;
            b = erlang_b_step(self.a, n, b);
            if n >= self.first && self.with_b(n, b).service_level >= self.target - TIE_TOLERANCE {
                return n;
            }
        }
    }

    /// The metrics at `low..=high` agents (all more than the traffic), in one walk of the
    /// recursion.
    fn metrics(&self, low: u64, high: u64) -> Vec<AgentMetrics> {
        let mut b = 1.0;
        let mut rows = Vec::with_capacity(3);
        // `high` is at least `first`, so at least 1.
        let mut n = 1;
        loop {
            b = erlang_b_step(self.a, n, b);
            if n >= low {
                rows.push(self.with_b(n, b));
            }
            if n >= high {
                return rows;
            }
            // Once B has underflowed it stays 0 (the queue never waits): jump to `low`, so that
            // even `agents` near u64::MAX costs a few thousand steps past the traffic, no more.
            n = if b == 0.0 && n < low { low } else { n + 1 };
        }
    }

    /// Erlang C from Erlang B: C = N·B / (N − A + A·B), every term positive, so no
    /// cancellation. N − A comes from the exact traffic, so it is never zero for N > A.
    fn with_b(&self, agents: u64, b: f64) -> AgentMetrics {
        let n = agents as f64;
        let spare = (agents - self.first) as f64 + self.gap;
        let p_wait = (n * b / (spare + self.a * b)).clamp(0.0, 1.0);
        let service_level = 1.0 - p_wait * (-spare * self.within / self.aht).exp();
        AgentMetrics {
            agents,
            p_wait,
            service_level,
            asa_s: p_wait * self.aht / spare,
            occupancy: self.a / n,
        }
    }
}

/// One step of the Erlang B recursion: B(n) = A·B(n−1) / (n + A·B(n−1)), B(0) = 1. Each B is
/// in (0, 1], so nothing overflows; it underflows only towards 0, which is the true limit.
fn erlang_b_step(a: f64, n: u64, previous: f64) -> f64 {
    let x = a * previous;
    x / (n as f64 + x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn ceilings_are_decided_by_the_exact_remainder() {
        // 21 agents at 30 % shrinkage: 2100 / 70 = 30, remainder 0: 30, not 31.
        assert_eq!(ceil_div(d("2100"), d("70"), false), Some(30));
        // 14 at 30 %: 1400 / 70 = 20 exactly; 15: 1500 / 70 = 21.43 → 22.
        assert_eq!(ceil_div(d("1400"), d("70"), false), Some(20));
        assert_eq!(ceil_div(d("1500"), d("70"), false), Some(22));
        // N > A for A = 10 (work 18,000 call-seconds in 1,800 s): 11; for A = 9.99: 10.
        assert_eq!(ceil_div(d("18000"), d("1800"), true), Some(11));
        assert_eq!(ceil_div(d("17982"), d("1800"), true), Some(10));
        // A quotient with no finite decimal (1/3) is still floored exactly: 1 / 3 → 1.
        assert_eq!(ceil_div(d("1"), d("3"), false), Some(1));
        assert_eq!(ceil_div(d("1"), d("3"), true), Some(1));
    }

    #[test]
    fn the_erlang_b_recursion_matches_the_closed_form() {
        // A = 2: B(1) = 2/3, B(2) = (4/3)/(2 + 4/3) = 0.4, B(3) = 0.8/3.8 = 4/19.
        let b1 = erlang_b_step(2.0, 1, 1.0);
        let b2 = erlang_b_step(2.0, 2, b1);
        let b3 = erlang_b_step(2.0, 3, b2);
        assert!((b1 - 2.0 / 3.0).abs() < 1e-15);
        assert!((b2 - 0.4).abs() < 1e-15);
        assert!((b3 - 4.0 / 19.0).abs() < 1e-15);
    }

    #[test]
    fn the_first_refused_field_is_named() {
        let input = StaffingInput {
            calls: d("100"),
            interval_s: d("0"),
            aht_s: d("0"),
            target_pct: d("80"),
            within_s: d("20"),
            max_occupancy_pct: d("100"),
            shrinkage_pct: d("0"),
        };
        assert!(matches!(
            staff(&input),
            Err(StaffingError::OutOfRange {
                field: StaffingField::IntervalS,
                ..
            })
        ));
    }
}
