//! Checks of the charge side of an offer: fees, tier bands, minimum commitments, indexation.

use super::{Checker, at};
use crate::model::*;

impl Checker {
    pub(super) fn charge(
        &mut self,
        p: &Project,
        s: &Scenario,
        component: &Component,
        pricing: &Pricing,
    ) {
        let field = |f| at(s, component, f);
        match pricing {
            Pricing::Fixed { monthly } => {
                self.non_negative(field(Field::Monthly), "monthly", *monthly)
            }
            Pricing::UnitRates { rates } => {
                if rates.is_empty() {
                    self.push(
                        field(Field::UnitRate(0)),
                        "there are no rates; add one".into(),
                    );
                }
                for (i, r) in rates.iter().enumerate() {
                    self.volume_ref(p, field(Field::Volume), &r.volume);
                    let what = format!("the rate of \"{}\"", r.class);
                    self.non_negative(field(Field::UnitRate(i)), &what, r.rate);
                }
            }
            Pricing::Tiered {
                volume,
                mode,
                bands,
            } => {
                self.volume_ref(p, field(Field::Volume), volume);
                self.bands(s, component, *mode, bands);
            }
            Pricing::ResourceAdjustment(r) => {
                self.volume_ref(p, field(Field::Volume), &r.volume);
                self.non_negative(field(Field::Baseline), "baseline", r.baseline);
                self.non_negative(field(Field::DeadBandPct), "dead_band_pct", r.dead_band_pct);
                self.non_negative(field(Field::ArcRate), "arc_rate", r.arc_rate);
                self.non_negative(field(Field::RrcRate), "rrc_rate", r.rrc_rate);
                if let Some(outer) = r.outer_band_pct
                    && outer < r.dead_band_pct
                {
                    self.push(
                        field(Field::OuterBandPct),
                        format!(
                            "outer_band_pct {outer} is inside the dead band {}; make it wider",
                            r.dead_band_pct
                        ),
                    );
                }
                let sides = [
                    (Field::UpperLimitPct, "upper_limit", &r.upper_limit),
                    (Field::LowerLimitPct, "lower_limit", &r.lower_limit),
                ];
                for (f, name, limit) in sides {
                    let Some(limit) = limit else { continue };
                    if limit.pct < r.dead_band_pct {
                        self.push(
                            field(f),
                            format!(
                                "{name} {} is inside the dead band {}; make it wider",
                                limit.pct, r.dead_band_pct
                            ),
                        );
                    }
                }
                if let Some(lower) = &r.lower_limit
                    && lower.pct > Decimal::ONE_HUNDRED
                {
                    self.push(
                        field(Field::LowerLimitPct),
                        format!(
                            "lower_limit {} % is more than the whole baseline; use at most 100",
                            lower.pct
                        ),
                    );
                }
            }
        }
    }

    pub(super) fn minimum(
        &mut self,
        p: &Project,
        s: &Scenario,
        component: &Component,
        m: &MinimumCommitment,
    ) {
        let field = |f| at(s, component, f);
        self.non_negative(field(Field::ShortfallPct), "shortfall_pct", m.shortfall_pct);
        match &m.basis {
            CommitmentBasis::Spend { amount, applies_to } => {
                self.non_negative(field(Field::CommitmentAmount), "amount", *amount);
                self.scope(field(Field::AppliesTo), s, applies_to);
            }
            CommitmentBasis::Volume {
                volume,
                units,
                rate,
            } => {
                self.volume_ref(p, field(Field::Volume), volume);
                self.non_negative(field(Field::CommitmentUnits), "units", *units);
                self.non_negative(field(Field::ShortfallRate), "rate", *rate);
            }
        }
    }

    pub(super) fn indexation(&mut self, p: &Project, s: &Scenario, clause: usize, ix: &Indexation) {
        let field = |f| at(s, &Component::Indexation(clause), f);
        if p.index(&ix.index).is_none() {
            self.push(
                field(Field::Index),
                format!(
                    "index \"{}\" does not exist; add it (`indices` in the file, Index series in the app)",
                    ix.index
                ),
            );
        }
        self.non_negative(
            field(Field::IndexedSharePct),
            "indexed_share_pct",
            ix.indexed_share_pct,
        );
        self.non_negative(
            field(Field::ProductivityPct),
            "productivity_pct",
            ix.productivity_pct,
        );
        if let (Some(floor), Some(cap)) = (ix.floor_pct, ix.cap_pct)
            && floor > cap
        {
            self.push(
                field(Field::FloorPct),
                format!("floor_pct {floor} is above cap_pct {cap}; swap them"),
            );
        }
        self.scope(field(Field::AppliesTo), s, &ix.applies_to);
        if let IndexationMethod::ReRate { precision } = ix.method
            && precision.decimals > limits::MAX_PRECISION_DECIMALS
        {
            self.push(
                field(Field::RatePrecision),
                format!(
                    "re-rated prices are kept to {} decimals; use at most {}",
                    precision.decimals,
                    limits::MAX_PRECISION_DECIMALS
                ),
            );
        }
    }

    fn bands(&mut self, s: &Scenario, component: &Component, mode: TierMode, bands: &[TierBand]) {
        let band = |i, part| at(s, component, Field::Band(i, part));
        let Some(first) = bands.first() else {
            self.push(
                band(0, BandField::From),
                "there are no bands; add one starting at 0".into(),
            );
            return;
        };
        if !first.from.is_zero() {
            self.push(
                band(0, BandField::From),
                format!(
                    "band 1 starts at {}; the first band must start at 0",
                    first.from
                ),
            );
        }
        for (i, b) in bands.iter().enumerate() {
            let n = i + 1;
            self.non_negative(
                band(i, BandField::Rate),
                &format!("the rate of band {n}"),
                b.rate,
            );
            let what = format!("the flat fee of band {n}");
            self.non_negative(band(i, BandField::FlatFee), &what, b.flat_fee);
            if mode == TierMode::FixedFee && !b.rate.is_zero() {
                self.push(
                    band(i, BandField::Rate),
                    format!("band {n} has a rate of {}, but a tiered fixed fee uses only flat fees; set the rate to 0", b.rate),
                );
            }
            match b.to {
                Some(to) if to <= b.from => self.push(
                    band(i, BandField::To),
                    format!(
                        "band {n} ends at {to}, not above its start {}; make it end higher",
                        b.from
                    ),
                ),
                None if n < bands.len() => self.push(
                    band(i, BandField::To),
                    format!(
                        "band {n} is open-ended but band {} follows it; give band {n} an end",
                        n + 1
                    ),
                ),
                _ => {}
            }
            if let Some(next) = bands.get(i + 1)
                && let Some(to) = b.to
                && next.from != to
            {
                let what = if next.from < to {
                    "they overlap"
                } else {
                    "volumes between are in no band"
                };
                self.push(
                    band(i + 1, BandField::From),
                    format!(
                        "band {} starts at {} but band {n} ends at {to}: {what}; start band {} at {to}",
                        n + 1,
                        next.from,
                        n + 1
                    ),
                );
            }
        }
        if bands.last().is_some_and(|b| b.to.is_some()) {
            self.push(
                band(bands.len() - 1, BandField::To),
                format!(
                    "band {} has an end; the last band must be open-ended (no `to`)",
                    bands.len()
                ),
            );
        }
    }
}
