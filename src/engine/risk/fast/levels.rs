//! Each service level's measurements and credits, precomputed: per month, which table of
//! classes its measurement is read from and which simulated months index it; per class, what
//! the month counts as; per month and class, the credit when due.
//!
//! A month's measurement reads the observations of its window's months: those before the
//! contract start or excluded are left out, actual months read the project's data, simulated
//! months the pool month drawn for them. Two months whose windows read the same actual months
//! and the same number of simulated months, in the same places, measure the same for the same
//! draws: they share one table, indexed by the draws of their simulated months (the first one
//! the lowest digit, base H). Every entry is the engine's own `measure`.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use super::{Unsupported, code, minor};
use crate::engine::credit_caps::service_level_cap;
use crate::engine::credit_rules::{CreditCase, PointsMemory, credit_for};
use crate::engine::inputs::Inputs;
use crate::engine::measurement::{InForce, Record, measure, window_of};
use crate::engine::{FlagKind, Outcome, Rounder, TermMonth};
use crate::model::{CreditRule, Project, Rate, RepeatRule, ServiceLevel, YearMonth};

/// Where one month's measurement of a service level is read.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cell {
    /// Offset of its table in [`Level::classes`].
    pub table: u32,
    /// Its simulated months: `Level::slots[from..from + len]`, as indices into the plan's
    /// simulated months.
    pub from: u32,
    /// How many simulated months its window reads.
    pub len: u32,
}

/// What a class of measurement means to the month's state.
#[derive(Debug, Clone, Copy)]
pub(super) struct ClassInfo {
    /// The outcome, as the kernel codes it.
    pub outcome: u8,
    /// Whether a credit of this class is final at once (worse than the earn-back floor).
    pub beyond_floor: bool,
    /// Which of the bonuses on this service level its value earns (bit i: its i-th bonus).
    pub bonus_bits: u64,
    /// Whether a month of this class counts toward the service level's repeat rule.
    pub repeat_counts: bool,
}

/// One service level, precomputed.
pub(super) struct Level {
    /// Per month of the term.
    pub cells: Vec<Cell>,
    /// The simulated months each cell's window reads, cell after cell.
    pub slots: Vec<u32>,
    /// Every table of classes, one after another (16 bits: the tables stay in cache).
    pub classes: Vec<u16>,
    /// Per class.
    pub info: Vec<ClassInfo>,
    /// Per month and class (`month × classes + class`): the credit when due, after the
    /// service level's own cap, in minor units.
    pub credit: Vec<i128>,
    /// Per month and class: whether the service level's cap binds that credit.
    pub binds: Vec<bool>,
    /// The repeat rule of a target miss.
    pub repeat: Option<RepeatRule>,
    /// The earn-back window in measured months, if credits can be earned back.
    pub earn_back: Option<u32>,
    /// The caps a binding service-level cap marks ([`crate::engine::risk::Watched::caps`]).
    pub cap_mask: u128,
    /// Service points, whose credit doubles on a repeat.
    pub points: Option<Points>,
}

/// What a service-points level remembers: whether the last measured month earned points.
pub(super) struct Points {
    /// Whether a repeat doubles the points.
    pub repeat_doubles: bool,
    /// Per class: whether a month of this class, when due, earns points.
    pub earns: Vec<bool>,
    /// Per month and class: the credit when due on a repeat (points doubled), after the cap.
    pub doubled: Vec<i128>,
    /// Per month and class: whether the service level's cap binds that credit.
    pub doubled_binds: Vec<bool>,
}

/// What an offer's tables may still take: measurements to compute
/// ([`super::MAX_MEASUREMENTS`]) and (month, class) credits to keep.
pub(super) struct Budget {
    /// Measurements left.
    pub measurements: u64,
    /// Credit cells left.
    pub cells: u64,
}

/// The month's facts a service level's credit reads, the same in every trial.
pub(super) struct MonthFacts<'a> {
    /// Each month of the term.
    pub months: &'a [TermMonth],
    /// The index of each simulated month in the plan's simulated months.
    pub simulated: &'a HashMap<YearMonth, u32>,
    /// The history months drawn from.
    pub pool: &'a [YearMonth],
    /// Each month's at-risk amount.
    pub at_risk: &'a [Option<Decimal>],
    /// The regime's price of a service point.
    pub points_rate: Option<&'a Rate>,
    /// The engine's rounding.
    pub rounder: &'a Rounder,
}

/// A class: what the engine's measurement is reduced to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ClassKey {
    outcome: Outcome,
    /// The value, where the credit rule reads it; `None` otherwise.
    value: Option<Decimal>,
    beyond_floor: bool,
    bonus_bits: u64,
    /// A minimum miss deemed for missing data (the repeat rule may not count it).
    deemed: bool,
}

/// How a month's window reads: not at all, or these months (`None` for a simulated one).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Signature {
    Excluded,
    NotAssessed,
    Window(Vec<Option<YearMonth>>),
}

/// Builds the tables and credits of `sl`, with `bonus_thresholds` the thresholds of the bonuses
/// on it (in offer order); `bases` are its credit base per month; `budget` is what the offer's
/// tables may still take.
pub(super) fn level(
    project: &Project,
    sl: &ServiceLevel,
    facts: &MonthFacts<'_>,
    bases: &[Decimal],
    bonus_thresholds: &[Decimal],
    budget: &mut Budget,
) -> Result<Level, Unsupported> {
    let h = facts.pool.len() as u64;
    let mut tables: HashMap<Signature, u32> = HashMap::new();
    let mut keys: Vec<ClassKey> = Vec::new();
    let mut interned: HashMap<ClassKey, usize> = HashMap::new();
    let mut out = Level {
        cells: Vec::with_capacity(facts.months.len()),
        slots: Vec::new(),
        classes: Vec::new(),
        info: Vec::new(),
        credit: Vec::new(),
        binds: Vec::new(),
        repeat: sl.repeat_rule,
        earn_back: sl.earn_back.as_ref().map(|e| e.window_months),
        cap_mask: 0,
        points: None,
    };
    for at in facts.months {
        let (signature, window, sims) = signature(project, sl, at, facts.simulated);
        let from = out.slots.len() as u32;
        out.slots.extend(&sims);
        let table = match tables.get(&signature) {
            Some(&t) => t,
            None => {
                let size = h.saturating_pow(sims.len() as u32);
                if size > budget.measurements {
                    return Err(Unsupported::Window(sl.id.clone(), size));
                }
                budget.measurements -= size;
                let t = out.classes.len() as u32;
                for tuple in 0..size {
                    let drawn = drawn_months(&window, facts.pool, tuple);
                    let inputs = Inputs::with_kpi_months(project, &drawn);
                    let m = measure(
                        sl,
                        "",
                        at.month,
                        at.last_of_term,
                        &InForce::written(sl),
                        &inputs,
                    );
                    let key = class_key(sl, m.outcome, m.value, bonus_thresholds);
                    let n = interned.len();
                    let class = *interned.entry(key.clone()).or_insert_with(|| {
                        keys.push(key);
                        n
                    });
                    let class = u16::try_from(class)
                        .map_err(|_| Unsupported::Window(sl.id.clone(), size))?;
                    out.classes.push(class);
                }
                tables.insert(signature, t);
                t
            }
        };
        out.cells.push(Cell {
            table,
            from,
            len: sims.len() as u32,
        });
    }
    out.info = keys
        .iter()
        .map(|k| ClassInfo {
            outcome: code(k.outcome),
            beyond_floor: k.beyond_floor,
            bonus_bits: k.bonus_bits,
            repeat_counts: sl.repeat_rule.is_some_and(|rule| {
                rule.counts_month(
                    k.outcome == Outcome::MissedTarget,
                    k.outcome == Outcome::MissedMinimum,
                    k.deemed,
                )
            }),
        })
        .collect();
    credits(sl, facts, bases, &keys, &mut out, &mut budget.cells)?;
    Ok(out)
}

/// How many measurements `sl`'s tables need: H^k for each distinct way its windows read k
/// simulated months. Known before any is computed, so that an offer beyond
/// [`super::MAX_MEASUREMENTS`] falls back at once.
pub(super) fn measurements(project: &Project, sl: &ServiceLevel, facts: &MonthFacts<'_>) -> u64 {
    let h = facts.pool.len() as u64;
    let mut seen = std::collections::HashSet::new();
    let mut total: u64 = 0;
    for at in facts.months {
        let (signature, _, sims) = signature(project, sl, at, facts.simulated);
        if seen.insert(signature) {
            total = total.saturating_add(h.saturating_pow(sims.len() as u32));
        }
    }
    total
}

/// The signature of `sl`'s window in month `at`, the months it reads (simulated ones marked by
/// their place in the window) and the indices of its simulated months.
fn signature(
    project: &Project,
    sl: &ServiceLevel,
    at: &TermMonth,
    simulated: &HashMap<YearMonth, u32>,
) -> (Signature, Vec<YearMonth>, Vec<u32>) {
    if sl.excluded_months.contains(&at.month) {
        return (Signature::Excluded, Vec::new(), Vec::new());
    }
    let Ok(window) = window_of(sl, at.month, at.last_of_term) else {
        return (Signature::NotAssessed, Vec::new(), Vec::new());
    };
    // Months before the start and excluded months are never read: left out, as `measure`
    // leaves them out.
    let read: Vec<YearMonth> = window
        .into_iter()
        .filter(|m| *m >= project.start && !sl.excluded_months.contains(m))
        .collect();
    let sims: Vec<u32> = read
        .iter()
        .filter_map(|m| simulated.get(m).copied())
        .collect();
    let shape = read
        .iter()
        .map(|m| (!simulated.contains_key(m)).then_some(*m))
        .collect();
    let window = read
        .into_iter()
        .filter(|m| simulated.contains_key(m))
        .collect();
    (Signature::Window(shape), window, sims)
}

/// The simulated `months` of a window mapped to the pool months of combination `tuple` (the
/// first month its lowest digit, base H).
fn drawn_months(
    months: &[YearMonth],
    pool: &[YearMonth],
    mut tuple: u64,
) -> BTreeMap<YearMonth, YearMonth> {
    let h = pool.len() as u64;
    months
        .iter()
        .map(|&m| {
            let i = (tuple % h) as usize;
            tuple /= h;
            (m, pool[i])
        })
        .collect()
}

/// What of a measurement the month's state reads.
fn class_key(
    sl: &ServiceLevel,
    outcome: Outcome,
    value: Option<Decimal>,
    bonus_thresholds: &[Decimal],
) -> ClassKey {
    let reads_value = matches!(
        sl.credit,
        CreditRule::Table(_) | CreditRule::PerStep { .. } | CreditRule::Points { .. }
    );
    let floor = sl.earn_back.as_ref().and_then(|e| e.floor);
    let beyond_floor =
        floor.is_some_and(|floor| value.is_none_or(|v| sl.direction.worse(v, floor)));
    let measured = value.filter(|_| outcome.is_measured());
    let bonus_bits = bonus_thresholds
        .iter()
        .enumerate()
        .filter(|(_, t)| measured.is_some_and(|v| !sl.direction.worse(v, **t)))
        .fold(0_u64, |bits, (i, _)| bits | 1 << i);
    ClassKey {
        outcome,
        value: value.filter(|_| reads_value),
        beyond_floor,
        bonus_bits,
        deemed: outcome == Outcome::MissedMinimum && value.is_none(),
    }
}

/// Each month's credit per class when due: the engine's credit rule (without the repeat rule,
/// which the kernel applies), rounded, then the service level's own cap; for service points
/// also the credit on a repeat, and which classes earn points.
fn credits(
    sl: &ServiceLevel,
    facts: &MonthFacts<'_>,
    bases: &[Decimal],
    keys: &[ClassKey],
    out: &mut Level,
    cells_left: &mut u64,
) -> Result<(), Unsupported> {
    let cells = (facts.months.len() as u64).saturating_mul(keys.len() as u64);
    if cells > *cells_left {
        return Err(Unsupported::Window(sl.id.clone(), cells));
    }
    *cells_left -= cells;
    let always_due = ServiceLevel {
        repeat_rule: None,
        ..sl.clone()
    };
    let mut points = match sl.credit {
        CreditRule::Points { repeat_doubles, .. } => Some(Points {
            repeat_doubles,
            earns: keys.iter().map(|k| earns_points(&always_due, k)).collect(),
            doubled: Vec::new(),
            doubled_binds: Vec::new(),
        }),
        _ => None,
    };
    let rounder = facts.rounder;
    for (i, at) in facts.months.iter().enumerate() {
        for key in keys {
            if !key.outcome.is_miss() {
                out.credit.push(0);
                out.binds.push(false);
                if let Some(points) = &mut points {
                    points.doubled.push(0);
                    points.doubled_binds.push(false);
                }
                continue;
            }
            let case = CreditCase {
                outcome: key.outcome,
                value: key.value,
                target: sl.target,
                base: bases[i],
                at_risk: facts.at_risk[i],
                points_rate: facts.points_rate,
                dp: rounder.decimals,
            };
            // A fresh memory: no points last month, so nothing doubles.
            let mut memory = PointsMemory::default();
            let (credit, binds) = credited(&always_due, sl, &case, at, rounder, &mut memory)?;
            out.credit.push(credit);
            out.binds.push(binds);
            if let Some(points) = &mut points {
                // The same month again: the memory now holds this month's points, as a repeat.
                let (credit, binds) = credited(&always_due, sl, &case, at, rounder, &mut memory)?;
                points.doubled.push(credit);
                points.doubled_binds.push(binds);
            }
        }
    }
    out.points = points;
    Ok(())
}

/// The credit `always_due` (the level without its repeat rule) earns in `case` with `memory`,
/// rounded and limited by `sl`'s own cap, in minor units, and whether the cap binds.
fn credited(
    always_due: &ServiceLevel,
    sl: &ServiceLevel,
    case: &CreditCase<'_>,
    at: &TermMonth,
    rounder: &Rounder,
    memory: &mut PointsMemory,
) -> Result<(i128, bool), Unsupported> {
    let (credit, _) = credit_for(always_due, case, &Record::default(), memory);
    let mut flags = Vec::new();
    let (credit, _) = service_level_cap(
        sl,
        rounder.round(credit),
        case.base,
        String::new(),
        at,
        &mut flags,
        rounder,
    );
    let binds = flags.iter().any(|f| f.kind == FlagKind::CapBinding);
    Ok((
        minor(credit, rounder.decimals).ok_or(Unsupported::TooLarge)?,
        binds,
    ))
}

/// Whether a due month of class `key` earns service points: its credit at one unit of money
/// per point (the engine's rule with a probe rate) is above zero.
fn earns_points(always_due: &ServiceLevel, key: &ClassKey) -> bool {
    let one = Rate::Amount(Decimal::ONE);
    let case = CreditCase {
        outcome: key.outcome,
        value: key.value,
        target: always_due.target,
        base: Decimal::ZERO,
        at_risk: None,
        points_rate: Some(&one),
        dp: 0,
    };
    let (points, _) = credit_for(
        always_due,
        &case,
        &Record::default(),
        &mut PointsMemory::default(),
    );
    key.outcome.is_miss() && points > Decimal::ZERO
}
