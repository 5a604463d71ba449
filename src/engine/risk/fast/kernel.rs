//! One trial over the precomputed offer: the engine's month loop (`credits::settle`) in its
//! order of operations — measure and credit each service level, the regime's caps, bonuses,
//! earn-back, triggers — on integers, with the state the engine carries from month to month
//! and nothing else: no lines, no explanations, no ledger.

use rust_decimal::Decimal;

use super::prepare::TriggerPlan;
use super::{Prepared, minor, money};
use crate::engine::risk::{MonthAmounts, TrialRow};

/// The month met its target.
pub(super) const MET: u8 = 0;
/// The month missed its target only.
pub(super) const MISSED_TARGET: u8 = 1;
/// The month missed its minimum.
pub(super) const MISSED_MINIMUM: u8 = 2;
/// The month was not measured or was excluded: no state moves on it.
pub(super) const UNMEASURED: u8 = 3;

/// What one thread reuses from trial to trial: the state of a trial, cleared at its start.
pub struct Scratch {
    /// Per service level: this month's class, outcome and credit.
    class: Vec<usize>,
    outcome: Vec<u8>,
    credit: Vec<i128>,
    /// Per service level and month: whether it counts toward the repeat rule.
    misses: Vec<bool>,
    /// Per service level: misses in its repeat window so far.
    miss_count: Vec<u32>,
    /// Per service level: consecutive minimum misses.
    streak: Vec<u32>,
    /// Per service level: whether its last measured month earned service points.
    had_points: Vec<bool>,
    /// Per service level: credits waiting to be earned back, and the met months counted.
    pending: Vec<Vec<(i128, u32)>>,
    /// Per bonus: paid so far this contract year.
    bonus_used: Vec<i128>,
    /// All bonuses: paid so far this contract year (the aggregate bonus cap).
    bonus_pool_used: i128,
    /// Months with the first cap reached, as a running count (`reached[i]` before month i).
    reached: Vec<u32>,
}

impl Scratch {
    /// Room for a trial of `p`.
    pub(super) fn new(p: &Prepared) -> Self {
        let n = p.levels.len();
        Self {
            class: vec![0; n],
            outcome: vec![UNMEASURED; n],
            credit: vec![0; n],
            misses: vec![false; n * p.months],
            miss_count: vec![0; n],
            streak: vec![0; n],
            had_points: vec![false; n],
            pending: vec![Vec::new(); n],
            bonus_used: vec![0; p.bonuses.len()],
            bonus_pool_used: 0,
            reached: vec![0; p.months + 1],
        }
    }

    fn clear(&mut self) {
        self.miss_count.fill(0);
        self.streak.fill(0);
        self.had_points.fill(false);
        self.pending.iter_mut().for_each(Vec::clear);
    }
}

/// One contract year's sums.
#[derive(Default)]
struct Year {
    credits: i128,
    bonuses: i128,
    earn_back: i128,
    net: i128,
    triggers: u64,
    caps: u128,
    months: Vec<MonthAmounts>,
}

/// Year and term totals of the regime's caps so far.
#[derive(Default)]
struct Used {
    year: i128,
    term: i128,
}

/// The rows of `trial` (see [`Prepared::run`]).
pub(super) fn run(p: &Prepared, trial: u64, s: &mut Scratch) -> Vec<TrialRow> {
    s.clear();
    let draws = p.plan.pool_indices(trial);
    let mut years: Vec<Year> = Vec::with_capacity(p.months.div_ceil(12));
    let mut used = Used::default();
    for i in 0..p.months {
        if i % 12 == 0 {
            used.year = 0;
            if !s.bonus_used.is_empty() {
                s.bonus_used.fill(0);
            }
            s.bonus_pool_used = 0;
            years.push(Year {
                caps: p.charge_caps[i / 12],
                months: Vec::with_capacity(12),
                ..Year::default()
            });
        }
        let mut caps = 0_u128;
        let uncapped = measure_and_credit(p, i, &draws, s, &mut caps);
        let (allowed, reached) = regime_caps(p, i, uncapped, &mut used, &mut caps);
        let bonuses = pay_bonuses(p, i, s, &mut caps);
        let earned_back = earn_back(p, s, uncapped, allowed);
        let fired = watch_triggers(p, i, s, reached);
        let net = p.gross[i] - allowed + bonuses + earned_back;
        let year = years.last_mut().expect("a year opens at month 0");
        year.credits += allowed;
        year.bonuses += bonuses;
        year.earn_back += earned_back;
        year.net += net;
        year.triggers |= fired;
        year.caps |= caps;
        year.months.push(MonthAmounts {
            credits: money(allowed, p.dp),
            net: money(net, p.dp),
        });
    }
    rows(p, trial, years)
}

/// Measures every service level in month `i` on the trial's `draws` and credits it when due;
/// returns the month's credits before the regime's caps.
fn measure_and_credit(
    p: &Prepared,
    i: usize,
    draws: &[usize],
    s: &mut Scratch,
    caps: &mut u128,
) -> i128 {
    let sums = &p.memoryless.months[i];
    let mut uncapped = sums.constant;
    *caps |= sums.constant_caps;
    for &(slot, offset) in &sums.groups {
        let (credit, bound) = p.memoryless.entries[offset as usize + draws[slot as usize]];
        uncapped += credit;
        *caps |= bound;
    }
    for &l in &p.memoryless.stateful {
        let level = &p.levels[l];
        let cell = level.cells[i];
        let from = cell.from as usize;
        let mut index = 0;
        let mut digit = 1;
        for &slot in &level.slots[from..from + cell.len as usize] {
            index += draws[slot as usize] * digit;
            digit *= p.pool;
        }
        let class = level.classes[cell.table as usize + index] as usize;
        let outcome = level.info[class].outcome;
        // The engine's `due`: a minimum miss always; a target miss once the repeat rule's
        // misses happened in its window, this month included.
        let repeat = level.repeat.map(|rule| {
            s.misses[l * p.months + i] = level.info[class].repeat_counts;
            repeat_misses(p, s, l, i, rule.window_months) >= rule.misses
        });
        let due = match outcome {
            MISSED_MINIMUM => true,
            MISSED_TARGET => repeat.unwrap_or(true),
            _ => false,
        };
        let (mut credits, mut binds) = (&level.credit, &level.binds);
        if let Some(points) = &level.points {
            // The engine's points memory: a measured month forgets, a due one remembers
            // whether it earned points; a repeat doubles.
            let previous = s.had_points[l];
            if outcome != UNMEASURED {
                s.had_points[l] = false;
            }
            if due {
                s.had_points[l] = points.earns[class];
                if previous && points.repeat_doubles {
                    (credits, binds) = (&points.doubled, &points.doubled_binds);
                }
            }
        }
        let cell_index = i * level.info.len() + class;
        let credit = if due { credits[cell_index] } else { 0 };
        if due && binds[cell_index] {
            *caps |= level.cap_mask;
        }
        s.class[l] = class;
        s.outcome[l] = outcome;
        s.credit[l] = credit;
        uncapped += credit;
    }
    uncapped
}

/// Level `l`'s misses in its repeat window of `window` months up to month `i` (whose miss is
/// recorded), kept as a running count: this month's miss in, the one `window` months back out.
fn repeat_misses(p: &Prepared, s: &mut Scratch, l: usize, i: usize, window: u32) -> u32 {
    let at = l * p.months;
    s.miss_count[l] += u32::from(s.misses[at + i]);
    if let Some(back) = i.checked_sub(window as usize) {
        s.miss_count[l] -= u32::from(s.misses[at + back]);
    }
    s.miss_count[l]
}

/// The regime's caps on month `i`'s credits, narrowest first, each on what the one before
/// left: returns what they allow and whether the month's first cap was reached.
fn regime_caps(
    p: &Prepared,
    i: usize,
    uncapped: i128,
    used: &mut Used,
    caps: &mut u128,
) -> (i128, bool) {
    let r = &p.regime;
    let annual = (r.annual.as_ref()).map(|a| (a[i / 12] - used.year).max(0));
    let term = r.term.map(|t| (t - used.term).max(0));
    let chain = [
        (r.month_limit[i], r.month_mask[i]),
        (annual, r.annual_mask),
        (term, r.term_mask),
    ];
    let mut allowed = uncapped;
    let mut reached = false;
    for (n, (limit, mask)) in chain.into_iter().enumerate() {
        let Some(limit) = limit else { continue };
        if allowed == 0 || allowed < limit {
            continue;
        }
        reached |= n == 0;
        if allowed > limit {
            *caps |= mask;
            allowed = limit;
        }
    }
    // The engine's minimum credit: a month's credits at or below it are not issued.
    if r.minimum_credit
        .is_some_and(|m| allowed > 0 && allowed <= m)
    {
        allowed = 0;
    }
    used.year += allowed;
    used.term += allowed;
    (allowed, reached)
}

/// Month `i`'s bonuses, each limited by what its annual cap has left: their sum.
fn pay_bonuses(p: &Prepared, i: usize, s: &mut Scratch, caps: &mut u128) -> i128 {
    let mut total = 0;
    for (b, bonus) in p.bonuses.iter().enumerate() {
        let Some((l, bit)) = bonus.level else {
            continue;
        };
        let info = p.levels[l].info[s.class[l]];
        let withheld =
            (bonus.gates.iter()).any(|&g| matches!(s.outcome[g], MISSED_TARGET | MISSED_MINIMUM));
        if info.bonus_bits >> bit & 1 == 0 || withheld {
            continue;
        }
        let mut amount = bonus.amount[i];
        if let Some(limit) = &bonus.limit {
            let left = (limit[i / 12] - s.bonus_used[b]).max(0);
            if amount > left {
                *caps |= bonus.mask;
                amount = left;
            }
        }
        if let Some(limit) = &p.regime.bonus_cap {
            let left = (limit[i / 12] - s.bonus_pool_used).max(0);
            if amount > left {
                *caps |= p.regime.bonus_cap_mask;
                amount = left;
            }
        }
        s.bonus_used[b] += amount;
        s.bonus_pool_used += amount;
        total += amount;
    }
    total
}

/// Earn-back in this month: pending credits move on each service level's outcome, then this
/// month's credits join at the share the caps let through. Returns what was earned back.
fn earn_back(p: &Prepared, s: &mut Scratch, uncapped: i128, allowed: i128) -> i128 {
    let mut earned = 0;
    for &l in &p.memoryless.stateful {
        let level = &p.levels[l];
        let Some(window) = level.earn_back else {
            continue;
        };
        let pending = &mut s.pending[l];
        match s.outcome[l] {
            MET => pending.retain_mut(|(amount, met)| {
                if *met + 1 >= window {
                    earned += *amount;
                    false
                } else {
                    *met += 1;
                    true
                }
            }),
            MISSED_TARGET | MISSED_MINIMUM => pending.clear(),
            _ => {}
        }
        let credit = s.credit[l];
        if credit == 0 || level.info[s.class[l]].beyond_floor {
            continue;
        }
        let amount = if allowed == uncapped {
            credit
        } else {
            shared(p, credit, uncapped, allowed)
        };
        if amount > 0 {
            pending.push((amount, 0));
        }
    }
    earned
}

/// What earn-back can return of a `credit` when the caps let `allowed` of `uncapped` through:
/// the engine's `round(credit × (allowed / uncapped))`, the share a 28-digit `Decimal`.
///
/// The exact quotient is formed in integers: the engine's result differs from it by less than
/// 10^−9 minor units (the share's last digit and the product's, for amounts below 2^53 minor
/// units), so wherever the exact value lies further than 10^−6 from a midpoint both round the
/// same way; nearer a midpoint, or for larger amounts, it is formed in `Decimal` as the engine
/// forms it.
fn shared(p: &Prepared, credit: i128, uncapped: i128, allowed: i128) -> i128 {
    if allowed == 0 {
        // A share of exactly 0: nothing survives the caps.
        return 0;
    }
    const SMALL: i128 = 1 << 53;
    if credit > 0 && credit < SMALL && allowed > 0 && uncapped < SMALL {
        let product = credit * allowed;
        let (whole, rest) = (product / uncapped, product % uncapped);
        // Distance from the midpoint, as |2 rest − uncapped| / (2 uncapped).
        if (2 * rest - uncapped).abs() * 500_000 > uncapped {
            return whole + i128::from(2 * rest > uncapped);
        }
    }
    shared_as_the_engine(p, credit, uncapped, allowed)
}

/// [`shared`] in `Decimal`, exactly as the engine forms it.
fn shared_as_the_engine(p: &Prepared, credit: i128, uncapped: i128, allowed: i128) -> i128 {
    let share = money(allowed, p.dp) / money(uncapped, p.dp);
    let amount: Decimal = p.rounder.round(money(credit, p.dp) * share);
    // Rounded to the currency and at most the credit: whole and in range.
    minor(amount, p.dp).expect("a rounded share of a credit is whole minor units")
}

/// Moves the streaks and the cap count on month `i`, and returns the triggers that fire: whose
/// condition holds this month and did not last month (the engine's rule, `triggers.rs`; a
/// month a trigger still holds in is not a firing).
fn watch_triggers(p: &Prepared, i: usize, s: &mut Scratch, reached: bool) -> u64 {
    s.reached[i + 1] = s.reached[i] + u32::from(reached);
    for &l in &p.memoryless.stateful {
        match s.outcome[l] {
            MISSED_MINIMUM => s.streak[l] += 1,
            MET | MISSED_TARGET => s.streak[l] = 0,
            _ => {}
        }
    }
    let mut fired = 0;
    for (t, trigger) in p.triggers.iter().enumerate() {
        let fires = match *trigger {
            TriggerPlan::Minimum {
                level: Some(l),
                months,
            } => s.outcome[l] == MISSED_MINIMUM && s.streak[l] == months.max(1),
            TriggerPlan::Minimum { level: None, .. } => false,
            TriggerPlan::Cap { times, window } => {
                // Reached months in the window ending at month `end` (exclusive).
                let count =
                    |end: usize| s.reached[end] - s.reached[end.saturating_sub(window as usize)];
                let times = times.max(1);
                count(i + 1) >= times && (i == 0 || count(i) < times)
            }
        };
        if fires {
            fired |= 1 << t;
        }
    }
    fired
}

/// The trial's contract years as rows.
fn rows(p: &Prepared, trial: u64, years: Vec<Year>) -> Vec<TrialRow> {
    (years.into_iter().enumerate())
        .map(|(y, year)| TrialRow {
            trial,
            contract_year: y as u32 + 1,
            credits: money(year.credits, p.dp),
            bonuses: money(year.bonuses, p.dp),
            earn_back: money(year.earn_back, p.dp),
            net: money(year.net, p.dp),
            triggers: members(u128::from(year.triggers)),
            caps_binding: members(year.caps),
            months: year.months,
        })
        .collect()
}

/// The members of a set of indices, ascending.
fn members(mut set: u128) -> Vec<usize> {
    let mut out = Vec::new();
    while set != 0 {
        out.push(set.trailing_zeros() as usize);
        set &= set - 1;
    }
    out
}
