//! Checks a project makes sense before it is evaluated: references resolve, bands meet, rates
//! are not negative. Every problem carries the typed address of the term it is about
//! ([`Location`]) and says what to do.

use std::collections::BTreeSet;
use std::fmt;

use rust_decimal::Decimal;

use super::*;

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
        if let Some(ix) = &s.indexation {
            self.indexation(p, s, ix);
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
    }

    fn charge(&mut self, p: &Project, s: &Scenario, component: &Component, pricing: &Pricing) {
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
            }
        }
    }

    fn minimum(&mut self, p: &Project, s: &Scenario, component: &Component, m: &MinimumCommitment) {
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

    fn indexation(&mut self, p: &Project, s: &Scenario, ix: &Indexation) {
        let field = |f| at(s, &Component::Indexation, f);
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
    }

    fn credit_regime(&mut self, s: &Scenario) {
        let field = |f| at(s, &Component::CreditRegime, f);
        let regime = &s.credit_regime;
        if let Some(pct) = regime.at_risk_pct {
            self.non_negative(field(Field::AtRiskPct), "at_risk_pct", pct);
        }
        self.scope(field(Field::CreditBase), s, &regime.base);
        let uses =
            |rule: fn(&CreditRule) -> bool| s.service_levels.iter().any(|sl| rule(&sl.credit));
        if uses(|c| matches!(c, CreditRule::Points { .. })) && regime.points_rate.is_none() {
            self.push(
                field(Field::PointsRate),
                "service levels earn points but points_rate is not set; say what a point is worth"
                    .into(),
            );
        }
        if uses(|c| matches!(c, CreditRule::AtRisk { .. })) && regime.at_risk_pct.is_none() {
            self.push(
                field(Field::AtRiskPct),
                "service levels take an allocation of the at-risk pool but at_risk_pct is not set"
                    .into(),
            );
        }
    }

    fn trigger(&mut self, s: &Scenario, i: usize, trigger: &TerminationTrigger) {
        let field = |f| at(s, &Component::Trigger(i), f);
        match trigger {
            TerminationTrigger::ConsecutiveMinimumMisses {
                service_level,
                months,
            } => {
                self.service_level_ref(field(Field::ServiceLevel), s, service_level);
                if *months == 0 {
                    self.push(
                        field(Field::TriggerMonths),
                        "months must be at least 1".into(),
                    );
                }
            }
            TerminationTrigger::CapReached {
                times,
                window_months,
            } => {
                if *times == 0 || times > window_months {
                    self.push(
                        field(Field::TriggerTimes),
                        format!("{times} times in {window_months} months cannot happen; use 1 ≤ times ≤ window_months"),
                    );
                }
            }
        }
    }

    fn service_level(
        &mut self,
        p: &Project,
        s: &Scenario,
        component: &Component,
        sl: &ServiceLevel,
    ) {
        let field = |f| at(s, component, f);
        if p.kpi(&sl.kpi).is_none() {
            self.push(
                field(Field::Kpi),
                format!(
                    "KPI \"{}\" does not exist; add it (`kpis` in the file, KPI series in the app) or name an existing one",
                    sl.kpi
                ),
            );
        }
        if let Some(minimum) = sl.minimum
            && sl.direction.worse(sl.target, minimum)
        {
            self.push(
                field(Field::Minimum),
                format!(
                    "the minimum {minimum} is better than the target {}; the minimum is the floor, so it must be {} the target",
                    sl.target,
                    sl.direction.worse_word()
                ),
            );
        }
        if let MeasurementWindow::Rolling(0) = sl.window {
            self.push(
                field(Field::WindowMonths),
                "a rolling window needs at least 1 month".into(),
            )
        }
        self.credit_rule(s, component, &sl.credit);
        self.scope(field(Field::CreditBase), s, &sl.credit_base);
        if let Some(rule) = sl.repeat_rule
            && (rule.misses == 0 || rule.misses > rule.window_months)
        {
            self.push(
                field(Field::RepeatMisses),
                format!(
                    "{} misses in {} months cannot happen; use 1 ≤ misses ≤ window_months",
                    rule.misses, rule.window_months
                ),
            );
        }
        if let Some(eb) = &sl.earn_back
            && eb.window_months == 0
        {
            self.push(
                field(Field::EarnBackWindowMonths),
                "the earn-back window needs at least 1 month".into(),
            );
        }
        if let Some(ci) = &sl.improvement
            && (ci.share_pct <= Decimal::ZERO || ci.share_pct > Decimal::ONE_HUNDRED)
        {
            self.push(
                field(Field::ImprovementSharePct),
                format!(
                    "improvement share_pct is {}; use a value above 0 and at most 100",
                    ci.share_pct
                ),
            );
        }
    }

    fn credit_rule(&mut self, s: &Scenario, component: &Component, rule: &CreditRule) {
        let field = |f| at(s, component, f);
        match rule {
            CreditRule::None => {}
            CreditRule::FixedPct {
                target_miss_pct,
                minimum_miss_pct,
            } => {
                self.non_negative(
                    field(Field::TargetMissPct),
                    "target_miss_pct",
                    *target_miss_pct,
                );
                self.non_negative(
                    field(Field::MinimumMissPct),
                    "minimum_miss_pct",
                    *minimum_miss_pct,
                );
            }
            CreditRule::Table(steps) => {
                if steps.is_empty() {
                    self.push(
                        field(Field::CreditStep(0, RowField::Value)),
                        "the credit table is empty; add a row".into(),
                    );
                }
                for (i, step) in steps.iter().enumerate() {
                    let cell = field(Field::CreditStep(i, RowField::Value));
                    self.non_negative(cell, "credit_pct", step.credit_pct);
                }
            }
            CreditRule::AtRisk { allocation_pct } => self.non_negative(
                field(Field::AllocationPct),
                "allocation_pct",
                *allocation_pct,
            ),
            CreditRule::Points { bands, .. } => {
                if bands.is_empty() {
                    self.push(
                        field(Field::PointsBand(0, RowField::Value)),
                        "there are no points bands; add one".into(),
                    );
                }
            }
            CreditRule::PerStep {
                step,
                per_step,
                max_pct,
            } => {
                if *step <= Decimal::ZERO {
                    self.push(
                        field(Field::Step),
                        format!("step is {step}; a step must be above 0"),
                    );
                }
                let (Rate::Amount(v) | Rate::PctOfBase(v)) = per_step;
                self.non_negative(field(Field::PerStep), "per_step", *v);
                if let Some(max) = max_pct {
                    self.non_negative(field(Field::MaxPct), "max_pct", *max);
                }
            }
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
