//! Where two offers cross: the volume level, as a multiple of the volumes the offers are billed
//! on, at which their nets over the term are equal.
//!
//! A multiple `k` scales every month of the term's volumes (measured months and the
//! projection alike: multiple 1 is the project as it stands), either all volume series together
//! or one series alone. Contract terms (baselines, band edges, commitments) do not move: that is
//! what makes one offer cheaper at high volume and the other at low.
//!
//! The difference of the nets, A − B, is piecewise linear in `k`: tiers, ARC/RRC bands,
//! minimums and caps make kinks, an all-units cliff a jump. The crossing is found exactly:
//!
//! 1. the range is sampled at [`SAMPLES`] + 1 evenly spaced multiples; a bracket is two
//!    neighbouring samples where the difference changes sign (or a sample where it is zero);
//! 2. on a bracket, the line through its two ends is solved for zero in exact decimals, the
//!    offers billed again at that multiple, and the bracket narrowed to the side where the sign
//!    still changes (regula falsi, with the Illinois halving so a kink cannot stall it);
//! 3. it stops when the billed nets are equal to the cent (one unit of the project's
//!    rounding): a crossing; or when the bracket is narrower than 10⁻¹² without that, the nets
//!    jumping past each other at a cliff: a jump, reported as such.
//!
//! Two crossings closer together than one sampling step can hide each other; the samples are
//! returned so a chart shows what was looked at.

use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{FlagKind, evaluate, projected_volumes};
use crate::model::{Project, Scenario, VolumeForecast};

/// How many intervals the range is sampled in.
pub const SAMPLES: usize = 30;

/// The largest multiple that may be asked for.
pub const MAX_MULTIPLE: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

const MAX_ITERATIONS: usize = 100;

/// How the two nets meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Meeting {
    /// The billed nets are equal to the cent at `multiple` (or, where the rounding of each
    /// month's lines steps over that cent, apart by no more than that rounding).
    Equal,
    /// The nets jump past each other at `multiple` (an all-units cliff, a minimum kicking in):
    /// equal at no volume, cheaper on one side and dearer on the other.
    Jump,
}

/// One point where the two offers cross.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Crossing {
    /// The sampled multiples either side of it.
    pub bracket: (Decimal, Decimal),
    /// The multiple found.
    pub multiple: Decimal,
    /// Offer A's net there.
    pub net_a: Decimal,
    /// Offer B's net there.
    pub net_b: Decimal,
    /// Whether they meet or jump past each other.
    pub meeting: Meeting,
    /// The volume over the term at that multiple (of the series scaled).
    pub volume: Decimal,
}

/// One sampled multiple: both nets there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sample {
    /// The multiple.
    pub multiple: Decimal,
    /// Offer A's net.
    pub net_a: Decimal,
    /// Offer B's net.
    pub net_b: Decimal,
}

/// The crossings of two offers as one set of volumes is scaled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakEven {
    /// The volume series scaled: `None` for all together.
    pub series: Option<String>,
    /// The volume over the term at multiple 1 (of the series scaled).
    pub volume: Decimal,
    /// The samples, in order of multiple (multiples the volume's range refuses are left out).
    pub samples: Vec<Sample>,
    /// Every crossing found, lowest multiple first; empty: none in range.
    pub crossings: Vec<Crossing>,
}

/// Break-even of two offers: all volumes together, then each series alone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakEvens {
    /// Offer A's name.
    pub a: String,
    /// Offer B's name.
    pub b: String,
    /// The range of multiples looked at.
    pub range: (Decimal, Decimal),
    /// All volume series scaled together.
    pub all: BreakEven,
    /// Each volume series scaled alone (the others as they stand), in project order; a series
    /// that neither offer bills on is left out.
    pub per_series: Vec<BreakEven>,
}

/// A copy of `project` with the term's volumes of series `series` (all when `None`) multiplied
/// by `k`: measured months, and the projection written out as an explicit forecast.
pub fn scaled(project: &Project, series: Option<&str>, k: Decimal) -> Project {
    let mut copy = project.clone();
    for v in &mut copy.volumes {
        if series.is_some_and(|s| s != v.id) {
            continue;
        }
        // A product past Decimal's range is past MAX_VOLUME: evaluate refuses it as out of range.
        let times = |x: Decimal| x.checked_mul(k).unwrap_or(Decimal::MAX);
        let projected = projected_volumes(project, &v.id);
        for x in v.history.values_mut() {
            *x = times(*x);
        }
        v.forecast =
            VolumeForecast::Explicit(projected.into_iter().map(|(m, x)| (m, times(x))).collect());
    }
    copy
}

/// The volume of series `series` (all when `None`) over the term.
fn term_volume(project: &Project, series: Option<&str>) -> Decimal {
    let months: Vec<_> = project.months().collect();
    (project.volumes.iter())
        .filter(|v| series.is_none_or(|s| s == v.id))
        .flat_map(|v| {
            let projected = projected_volumes(project, &v.id);
            months
                .iter()
                .filter_map(|m| {
                    (v.history.get(m).copied())
                        .or_else(|| projected.iter().find(|(p, _)| p == m).map(|(_, x)| *x))
                })
                .collect::<Vec<_>>()
        })
        .sum()
}

struct Pair<'a> {
    project: &'a Project,
    a: &'a Scenario,
    b: &'a Scenario,
    series: Option<&'a str>,
}

impl Pair<'_> {
    /// Both nets at multiple `k`; `None` when the scaled volumes are out of range.
    fn nets(&self, k: Decimal) -> Option<Sample> {
        let project = scaled(self.project, self.series, k);
        let net = |s: &Scenario| {
            let ledger = evaluate(&project, s);
            let refused = ledger.flags.iter().any(|f| f.kind == FlagKind::OutOfRange);
            (!refused).then_some(ledger.totals.net)
        };
        Some(Sample {
            multiple: k,
            net_a: net(self.a)?,
            net_b: net(self.b)?,
        })
    }
}

fn gap(s: &Sample) -> Decimal {
    s.net_a - s.net_b
}

/// Break-even of offers `a` and `b` of `project` over multiples `from..=to` (0 ≤ from < to ≤
/// [`MAX_MULTIPLE`]).
pub fn break_even(
    project: &Project,
    a: &Scenario,
    b: &Scenario,
    (from, to): (Decimal, Decimal),
) -> BreakEvens {
    let one = |series: Option<&str>| {
        let pair = Pair {
            project,
            a,
            b,
            series,
        };
        solve(&pair, from, to)
    };
    let per_series = (project.volumes.iter())
        .map(|v| one(Some(&v.id)))
        // A series neither offer bills on leaves both nets flat.
        .filter(|be| {
            let first = be.samples.first();
            (be.samples.iter())
                .any(|s| first.is_some_and(|f| (f.net_a, f.net_b) != (s.net_a, s.net_b)))
        })
        .collect();
    BreakEvens {
        a: a.name.clone(),
        b: b.name.clone(),
        range: (from, to),
        all: one(None),
        per_series,
    }
}

fn solve(pair: &Pair<'_>, from: Decimal, to: Decimal) -> BreakEven {
    let step = (to - from) / Decimal::from(SAMPLES);
    let multiples: Vec<Decimal> = (0..=SAMPLES)
        .map(|i| {
            if i == SAMPLES {
                to
            } else {
                from + step * Decimal::from(i)
            }
        })
        .collect();
    let samples: Vec<Sample> = multiples.par_iter().filter_map(|&k| pair.nets(k)).collect();
    let tolerance = Decimal::new(1, pair.project.rounding.decimals);
    let mut crossings = Vec::new();
    for (i, s) in samples.iter().enumerate() {
        if gap(s).is_zero() {
            crossings.push(crossing(pair, (s.multiple, s.multiple), *s, Meeting::Equal));
        } else if let Some(next) = samples.get(i + 1)
            && !gap(next).is_zero()
            && gap(s).is_sign_negative() != gap(next).is_sign_negative()
            && let Some(c) = refine(pair, *s, *next, tolerance)
        {
            crossings.push(c);
        }
    }
    BreakEven {
        series: pair.series.map(str::to_owned),
        volume: term_volume(pair.project, pair.series),
        samples,
        crossings,
    }
}

fn crossing(
    pair: &Pair<'_>,
    bracket: (Decimal, Decimal),
    at: Sample,
    meeting: Meeting,
) -> Crossing {
    Crossing {
        bracket,
        multiple: at.multiple,
        net_a: at.net_a,
        net_b: at.net_b,
        meeting,
        volume: term_volume(pair.project, pair.series) * at.multiple,
    }
}

/// The crossing between samples `lo` and `hi`, whose gaps have opposite signs.
fn refine(pair: &Pair<'_>, lo: Sample, hi: Sample, tolerance: Decimal) -> Option<Crossing> {
    let bracket = (lo.multiple, hi.multiple);
    let (mut lo, mut hi) = (lo, hi);
    // The Illinois variant of regula falsi: the gap of an end kept twice is halved in the
    // interpolation, so a bracket with a kink on one side still shrinks from both.
    let (mut g_lo, mut g_hi) = (gap(&lo), gap(&hi));
    let mut kept: Option<bool> = None;
    for _ in 0..MAX_ITERATIONS {
        let k = lo.multiple + (hi.multiple - lo.multiple) * g_lo / (g_lo - g_hi);
        if k <= lo.multiple || k >= hi.multiple {
            break;
        }
        let at = pair.nets(k)?;
        if gap(&at).abs() <= tolerance {
            return Some(crossing(pair, bracket, at, Meeting::Equal));
        }
        if gap(&at).is_sign_negative() == gap(&lo).is_sign_negative() {
            (lo, g_lo) = (at, gap(&at));
            if kept == Some(true) {
                g_hi /= Decimal::TWO;
            }
            kept = Some(true);
        } else {
            (hi, g_hi) = (at, gap(&at));
            if kept == Some(false) {
                g_lo /= Decimal::TWO;
            }
            kept = Some(false);
        }
        if hi.multiple - lo.multiple < Decimal::new(1, 12) {
            break;
        }
    }
    // Narrowed to nothing without the nets meeting to the cent: either the rounding of the
    // lines (at most a cent a month of the term) or a real jump past each other.
    let at = if gap(&lo).abs() <= gap(&hi).abs() {
        lo
    } else {
        hi
    };
    let months = Decimal::from(pair.project.months().count());
    let meeting = if (gap(&hi) - gap(&lo)).abs() <= tolerance * months {
        Meeting::Equal
    } else {
        Meeting::Jump
    };
    Some(crossing(pair, bracket, at, meeting))
}
