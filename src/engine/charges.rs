//! The charge side of the invoice: base charges, volume adjustments, minimum commitments,
//! indexation and charge caps (design §2.2). Charges never depend on service credits, so they
//! are computed for the whole term first.

use rust_decimal::Decimal;

use super::inputs::Inputs;
use super::{Flag, FlagKind, Line, Rounder, Stage};
use crate::format::{format_money as money, format_number as number};
use crate::model::{
    ChargeScope, CommitmentBasis, CommitmentPeriod, DeadBandConvention, Indexation, Pricing,
    ProductivityCombination, Project, ResourceAdjustment, Scenario, TierBand, TierMode, YearMonth,
};

/// The charge lines of every month of the term, and the flags raised on the way.
pub(crate) struct ChargeBook {
    /// Lines per month, in term order.
    pub months: Vec<Vec<Line>>,
    /// Change control, missing volumes, charge caps reached or binding.
    pub flags: Vec<Flag>,
}

/// Whether a line of `component` counts in `scope`.
pub(crate) fn in_scope(scope: &ChargeScope, component: &str) -> bool {
    match scope {
        ChargeScope::AllCharges => true,
        ChargeScope::Components(ids) => ids.iter().any(|id| id == component),
    }
}

/// The sum of the charge and adjustment lines of `lines` that count in `scope`.
pub(crate) fn scoped_sum(lines: &[Line], scope: &ChargeScope) -> Decimal {
    lines
        .iter()
        .filter(|l| l.stage < Stage::Credit && in_scope(scope, &l.component))
        .map(|l| l.amount)
        .sum()
}

/// Bills the charges of `scenario` for every month of the term.
pub(crate) fn bill(
    project: &Project,
    scenario: &Scenario,
    inputs: &Inputs,
    rounder: &Rounder,
) -> ChargeBook {
    let months: Vec<YearMonth> = project.months().collect();
    let mut book = ChargeBook {
        months: Vec::with_capacity(months.len()),
        flags: Vec::new(),
    };
    let factors = scenario
        .indexation
        .as_ref()
        .map(|ix| index_factors(project, ix, inputs, &mut book.flags))
        .unwrap_or_default();
    // Charge caps per contract year: what each annual cap has let through so far.
    let mut cap_billed = vec![Decimal::ZERO; scenario.charge_caps.len()];
    for (i, &month) in months.iter().enumerate() {
        let year = month.contract_year(project.start).unwrap_or(1);
        let year_start = i - (i % 12);
        if i % 12 == 0 {
            cap_billed.iter_mut().for_each(|b| *b = Decimal::ZERO);
        }
        let last_of_year = i % 12 == 11 || i + 1 == months.len();
        let mut lines = Vec::new();
        for charge in &scenario.charges {
            base_lines(&mut lines, &mut book.flags, charge, month, inputs, rounder);
        }
        // Minimum commitments read the base charges and volume adjustments.
        for min in &scenario.minimums {
            let (counted, committed, unit_rate) = match (&min.basis, min.period) {
                (CommitmentBasis::Spend { amount, applies_to }, CommitmentPeriod::Monthly) => {
                    (pre_minimum_sum(&lines, applies_to), *amount, None)
                }
                (CommitmentBasis::Spend { amount, applies_to }, CommitmentPeriod::Annual) => {
                    if !last_of_year {
                        continue;
                    }
                    let earlier: Decimal = book.months[year_start..i]
                        .iter()
                        .map(|l| pre_minimum_sum(l, applies_to))
                        .sum();
                    let months_in_year = Decimal::from(i - year_start + 1);
                    let prorated = *amount * months_in_year / Decimal::from(12);
                    (
                        earlier + pre_minimum_sum(&lines, applies_to),
                        prorated,
                        None,
                    )
                }
                (
                    CommitmentBasis::Volume {
                        volume,
                        units,
                        rate,
                    },
                    period,
                ) => {
                    let volume_in = |m: YearMonth| inputs.volume(volume, m).unwrap_or_default();
                    match period {
                        CommitmentPeriod::Monthly => (volume_in(month), *units, Some(*rate)),
                        CommitmentPeriod::Annual => {
                            if !last_of_year {
                                continue;
                            }
                            let counted =
                                months[year_start..=i].iter().map(|&m| volume_in(m)).sum();
                            let months_in_year = Decimal::from(i - year_start + 1);
                            (
                                counted,
                                *units * months_in_year / Decimal::from(12),
                                Some(*rate),
                            )
                        }
                    }
                }
            };
            let shortfall = (committed - counted).max(Decimal::ZERO);
            if shortfall.is_zero() {
                continue;
            }
            let pct = min.shortfall_pct;
            let period = match min.period {
                CommitmentPeriod::Monthly => "this month".to_owned(),
                CommitmentPeriod::Annual => format!("contract year {year}"),
            };
            let (exact, explanation) = match unit_rate {
                None => (
                    shortfall * pct / Decimal::ONE_HUNDRED,
                    format!(
                        "{}: spend {} in {period} is {} short of the {} minimum; {}% of the shortfall billed",
                        min.name,
                        money(counted, rounder.decimals),
                        money(shortfall, rounder.decimals),
                        money(committed, rounder.decimals),
                        number(pct)
                    ),
                ),
                Some(rate) => (
                    shortfall * rate * pct / Decimal::ONE_HUNDRED,
                    format!(
                        "{}: volume {} in {period} is {} short of the {} minimum; × {} × {}%",
                        min.name,
                        number(counted),
                        number(shortfall),
                        number(committed),
                        number(rate),
                        number(pct)
                    ),
                ),
            };
            lines.push(rounder.line(Stage::Minimum, &min.id, exact, explanation));
        }
        if let (Some(ix), Some((factor, why))) =
            (&scenario.indexation, factors.get(year as usize - 1))
            && *factor != Decimal::ONE
        {
            index_lines(&mut lines, scenario, ix, *factor, why, rounder);
        }
        for (c, cap) in scenario.charge_caps.iter().enumerate() {
            let counted = scoped_sum(&lines, &cap.applies_to);
            let (before, period) = match cap.period {
                CommitmentPeriod::Monthly => (Decimal::ZERO, "month".to_owned()),
                CommitmentPeriod::Annual => (cap_billed[c], format!("contract year {year}")),
            };
            let total = before + counted;
            let excess = (total - cap.limit).min(counted).max(Decimal::ZERO);
            cap_billed[c] = total - excess;
            if total >= cap.limit {
                let (kind, verb) = if excess > Decimal::ZERO {
                    (FlagKind::CapBinding, "binding")
                } else {
                    (FlagKind::CapReached, "reached")
                };
                book.flags.push(Flag {
                    period: month,
                    kind,
                    component: cap.id.clone(),
                    message: format!(
                        "{} {verb}: charges {} against the {} limit for the {period}",
                        cap.name,
                        money(total, rounder.decimals),
                        money(cap.limit, rounder.decimals)
                    ),
                });
            }
            if excess > Decimal::ZERO {
                let explanation = format!(
                    "{}: charges of {} in the {period} exceed the {} limit by {}",
                    cap.name,
                    money(total, rounder.decimals),
                    money(cap.limit, rounder.decimals),
                    money(excess, rounder.decimals)
                );
                lines.push(rounder.line(Stage::ChargeCap, &cap.id, -excess, explanation));
            }
        }
        book.months.push(lines);
    }
    book
}

/// The base charges and volume adjustments of one component in one month.
fn base_lines(
    lines: &mut Vec<Line>,
    flags: &mut Vec<Flag>,
    charge: &crate::model::Charge,
    month: YearMonth,
    inputs: &Inputs,
    rounder: &Rounder,
) {
    let mut volume_of = |id: &str| {
        inputs.volume(id, month).unwrap_or_else(|| {
            flags.push(Flag {
                period: month,
                kind: FlagKind::MissingData,
                component: charge.id.clone(),
                message: format!(
                    "No volume \"{id}\" for {month}: {} billed on zero",
                    charge.name
                ),
            });
            Decimal::ZERO
        })
    };
    match &charge.pricing {
        Pricing::Fixed { monthly } => lines.push(rounder.line(
            Stage::BaseCharge,
            &charge.id,
            *monthly,
            format!("{}: fixed monthly fee", charge.name),
        )),
        Pricing::UnitRates { rates } => {
            for rate in rates {
                let volume = volume_of(&rate.volume);
                lines.push(rounder.line(
                    Stage::BaseCharge,
                    &charge.id,
                    volume * rate.rate,
                    format!(
                        "{} ({}): {} × {}",
                        charge.name,
                        rate.class,
                        number(volume),
                        number(rate.rate)
                    ),
                ));
            }
        }
        Pricing::Tiered {
            volume,
            mode,
            bands,
        } => {
            let volume = volume_of(volume);
            let (exact, how) = tier_amount(*mode, bands, volume);
            lines.push(rounder.line(
                Stage::BaseCharge,
                &charge.id,
                exact,
                format!("{}: {how}", charge.name),
            ));
        }
        Pricing::ResourceAdjustment(adj) => {
            let volume = volume_of(&adj.volume);
            if let Some((exact, why)) = resource_adjustment(adj, volume) {
                lines.push(rounder.line(
                    Stage::VolumeAdjustment,
                    &charge.id,
                    exact,
                    format!("{}: {why}", charge.name),
                ));
            }
            if let Some(outer) = adj.outer_band_pct {
                let deviation = volume - adj.baseline;
                if deviation.abs() * Decimal::ONE_HUNDRED > outer * adj.baseline {
                    flags.push(Flag {
                        period: month,
                        kind: FlagKind::ChangeControl,
                        component: charge.id.clone(),
                        message: format!(
                            "{}: volume {} is more than {}% from the baseline {}: change control",
                            charge.name,
                            number(volume),
                            number(outer),
                            number(adj.baseline)
                        ),
                    });
                }
            }
        }
    }
}

/// The index of the band `volume` falls in: the first whose upper edge is at or above it.
pub fn band_reached(bands: &[TierBand], volume: Decimal) -> usize {
    bands
        .iter()
        .position(|b| b.to.is_none_or(|to| volume <= to))
        .unwrap_or(bands.len().saturating_sub(1))
}

/// The exact charge for `volume` under `bands` in `mode`, and how it was made.
pub fn tier_amount(mode: TierMode, bands: &[TierBand], volume: Decimal) -> (Decimal, String) {
    if bands.is_empty() {
        return (Decimal::ZERO, "no bands".to_owned());
    }
    let reached = band_reached(bands, volume);
    let band = &bands[reached];
    let flat = |text: String| {
        if band.flat_fee.is_zero() {
            text
        } else {
            format!("{text} + flat fee {}", number(band.flat_fee))
        }
    };
    match mode {
        TierMode::Graduated => {
            let mut amount = Decimal::ZERO;
            let mut parts = Vec::new();
            for b in &bands[..=reached] {
                let top = b.to.map_or(volume, |to| to.min(volume));
                let units = (top - b.from).max(Decimal::ZERO);
                if units > Decimal::ZERO {
                    amount += units * b.rate;
                    parts.push(format!("{} × {}", number(units), number(b.rate)));
                }
            }
            let parts = if parts.is_empty() {
                "0 units".to_owned()
            } else {
                parts.join(" + ")
            };
            (
                amount + band.flat_fee,
                flat(format!("{} units graduated: {parts}", number(volume))),
            )
        }
        TierMode::AllUnits => (
            volume * band.rate + band.flat_fee,
            flat(format!(
                "{} units, all at band {} rate {}",
                number(volume),
                reached + 1,
                number(band.rate)
            )),
        ),
        TierMode::FixedFee => (
            band.flat_fee,
            format!(
                "{} units in band {}: fixed fee {}",
                number(volume),
                reached + 1,
                number(band.flat_fee)
            ),
        ),
    }
}

/// The ARC (positive) or RRC (negative) for `volume`, or `None` inside the dead band.
pub(crate) fn resource_adjustment(
    adj: &ResourceAdjustment,
    volume: Decimal,
) -> Option<(Decimal, String)> {
    let deviation = volume - adj.baseline;
    let band = adj.baseline * adj.dead_band_pct / Decimal::ONE_HUNDRED;
    if deviation.abs() <= band {
        return None;
    }
    let units = match adj.convention {
        DeadBandConvention::WholeDifference => deviation,
        DeadBandConvention::BeyondDeadBand if deviation > Decimal::ZERO => deviation - band,
        DeadBandConvention::BeyondDeadBand => deviation + band,
    };
    let (rate, name) = if deviation > Decimal::ZERO {
        (adj.arc_rate, "ARC")
    } else {
        (adj.rrc_rate, "RRC")
    };
    let which = match adj.convention {
        DeadBandConvention::WholeDifference => "the whole difference",
        DeadBandConvention::BeyondDeadBand => "the part beyond the dead band",
    };
    Some((
        units * rate,
        format!(
            "volume {} against baseline {} is outside the ±{}% dead band; {name} on {which}: {} × {}",
            number(volume),
            number(adj.baseline),
            number(adj.dead_band_pct),
            number(units),
            number(rate)
        ),
    ))
}

/// Base charges and volume adjustments of `lines` in `scope`: what a minimum commitment counts.
fn pre_minimum_sum(lines: &[Line], scope: &ChargeScope) -> Decimal {
    lines
        .iter()
        .filter(|l| l.stage < Stage::Minimum && in_scope(scope, &l.component))
        .map(|l| l.amount)
        .sum()
}

/// The cumulative indexation factor of each contract year (year 1 = 1), with its explanation.
fn index_factors(
    project: &Project,
    ix: &Indexation,
    inputs: &Inputs,
    flags: &mut Vec<Flag>,
) -> Vec<(Decimal, String)> {
    let years = project.term_months.div_ceil(12) as usize;
    let hundred = Decimal::ONE_HUNDRED;
    let mut out = vec![(Decimal::ONE, String::new())];
    let mut cumulative = Decimal::ONE;
    for year in 2..=years {
        let anniversary = project.start.plus(12 * (year as i32 - 1));
        let now_month = anniversary.plus(-(ix.lag_months as i32));
        let then_month = now_month.plus(-12);
        let (Some(now), Some(then)) = (
            inputs.index(&ix.index, now_month),
            inputs.index(&ix.index, then_month),
        ) else {
            flags.push(Flag {
                period: anniversary,
                kind: FlagKind::MissingData,
                component: ix.index.clone(),
                message: format!(
                    "No value of index \"{}\" for {then_month} or {now_month}: year {year} not indexed",
                    ix.index
                ),
            });
            out.push((
                cumulative,
                format!("year {year}: index missing, not indexed"),
            ));
            continue;
        };
        let change = (now / then - Decimal::ONE) * hundred;
        let mut clamped = change;
        if let Some(floor) = ix.floor_pct {
            clamped = clamped.max(floor);
        }
        if let Some(cap) = ix.cap_pct {
            clamped = clamped.min(cap);
        }
        let indexed = clamped * ix.indexed_share_pct / hundred;
        let p = ix.productivity_pct;
        let factor = match ix.productivity {
            ProductivityCombination::Compounded => {
                (Decimal::ONE + indexed / hundred) * (Decimal::ONE - p / hundred)
            }
            ProductivityCombination::Additive => Decimal::ONE + (indexed - p) / hundred,
        };
        cumulative *= factor;
        let clamp_note = if clamped != change {
            format!(", limited to {}%", number(clamped.round_dp(4)))
        } else {
            String::new()
        };
        let productivity = if p.is_zero() {
            String::new()
        } else {
            let how = match ix.productivity {
                ProductivityCombination::Compounded => "compounded",
                ProductivityCombination::Additive => "additive",
            };
            format!(", less {}% productivity ({how})", number(p))
        };
        out.push((
            cumulative,
            format!(
                "year {year}: index {} / {} = {:+}%{clamp_note}, × {}% indexed share{productivity}; cumulative factor {}",
                number(now),
                number(then),
                change.round_dp(2),
                number(ix.indexed_share_pct),
                cumulative.round_dp(6)
            ),
        ));
    }
    out
}

/// One indexation line per indexed component: (factor − 1) × its base charges and adjustments.
fn index_lines(
    lines: &mut Vec<Line>,
    scenario: &Scenario,
    ix: &Indexation,
    factor: Decimal,
    why: &str,
    rounder: &Rounder,
) {
    for charge in &scenario.charges {
        if !in_scope(&ix.applies_to, &charge.id) {
            continue;
        }
        let base: Decimal = lines
            .iter()
            .filter(|l| l.stage < Stage::Minimum && l.component == charge.id)
            .map(|l| l.amount)
            .sum();
        if base.is_zero() {
            continue;
        }
        let explanation = format!(
            "Indexation of {} ({}): ({} − 1) × {}",
            charge.name,
            why,
            factor.round_dp(6),
            money(base, rounder.decimals)
        );
        lines.push(rounder.line(
            Stage::Indexation,
            &charge.id,
            (factor - Decimal::ONE) * base,
            explanation,
        ));
    }
}
