//! Checks a project makes sense before it is evaluated: references resolve, bands meet, rates
//! are not negative. Every problem names where it is and what to do.

use std::collections::BTreeSet;
use std::fmt;

use rust_decimal::Decimal;

use super::*;

/// A problem in a project that the file format alone cannot catch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// Where the problem is, in words: `scenario "Offer A", charge "calls", band 2`.
    pub location: String,
    /// The id or name nearest to the problem, used to find its line in the file.
    pub anchor: Option<String>,
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

impl Checker {
    fn push(&mut self, location: &str, anchor: Option<&str>, message: String) {
        self.errors.push(ValidationError {
            location: location.to_owned(),
            anchor: anchor.map(str::to_owned),
            message,
        });
    }

    fn non_negative(&mut self, location: &str, anchor: &str, field: &str, value: Decimal) {
        if value.is_sign_negative() && !value.is_zero() {
            self.push(
                location,
                Some(anchor),
                format!("{field} is {value}, but it cannot be negative; enter 0 or more"),
            );
        }
    }

    fn id(&mut self, location: &str, id: &str, seen: &mut BTreeSet<String>) {
        let is_word = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !is_word {
            self.push(
                location,
                Some(id),
                format!(
                    "id \"{id}\" must be a word of lower-case letters, digits and _ (like \"p1_resolution\")"
                ),
            );
        }
        if !seen.insert(id.to_owned()) {
            self.push(
                location,
                Some(id),
                format!("id \"{id}\" is used twice; give each component its own id"),
            );
        }
    }

    fn project(&mut self, p: &Project) {
        if p.format_version != FORMAT_VERSION {
            self.push(
                "project",
                None,
                format!(
                    "format_version is {}, but this Dealbench writes {FORMAT_VERSION}",
                    p.format_version
                ),
            );
        }
        if p.term_months == 0 {
            self.push(
                "project",
                None,
                "term_months is 0; a contract runs for at least one month".into(),
            );
        }
        if p.currency.len() != 3 || !p.currency.chars().all(|c| c.is_ascii_uppercase()) {
            self.push(
                "project",
                None,
                format!(
                    "currency \"{}\" is not an ISO 4217 code; write three capital letters like \"EUR\"",
                    p.currency
                ),
            );
        }
        self.non_negative(
            "project",
            "discount_rate_pct",
            "discount_rate_pct",
            p.discount_rate_pct,
        );
        if p.scenarios.is_empty() {
            self.push(
                "project",
                None,
                "there are no scenarios; add at least one offer".into(),
            );
        }
        let mut names = BTreeSet::new();
        for s in &p.scenarios {
            if !names.insert(s.name.as_str()) {
                self.push(
                    &format!("scenario \"{}\"", s.name),
                    Some(&s.name),
                    "two scenarios have this name; rename one".into(),
                );
            }
            self.scenario(p, s);
        }
        let mut ids = BTreeSet::new();
        for k in &p.kpis {
            self.id(&format!("KPI \"{}\"", k.id), &k.id, &mut ids);
            if let KpiData::Ratio { scale, .. } = &k.data
                && (scale.is_zero() || scale.is_sign_negative())
            {
                self.push(
                    &format!("KPI \"{}\"", k.id),
                    Some(&k.id),
                    format!("scale is {scale}; use 100 for a percentage or 1 for a fraction"),
                );
            }
        }
        let mut ids = BTreeSet::new();
        for v in &p.volumes {
            let location = format!("volume \"{}\"", v.id);
            self.id(&location, &v.id, &mut ids);
            for (month, value) in &v.history {
                self.non_negative(&location, &v.id, &format!("the volume of {month}"), *value);
            }
        }
        let mut ids = BTreeSet::new();
        for i in &p.indices {
            let location = format!("index \"{}\"", i.id);
            self.id(&location, &i.id, &mut ids);
            for (month, value) in &i.values {
                if *value <= Decimal::ZERO {
                    self.push(
                        &location,
                        Some(&i.id),
                        format!("the value of {month} is {value}; index values must be above 0"),
                    );
                }
            }
        }
    }

    fn scope(&mut self, location: &str, anchor: &str, scenario: &Scenario, scope: &ChargeScope) {
        if let ChargeScope::Components(ids) = scope {
            for id in ids {
                if scenario.charge(id).is_none() {
                    self.push(
                        location,
                        Some(anchor),
                        format!("charge \"{id}\" does not exist in this scenario; name one of its charges"),
                    );
                }
            }
        }
    }

    fn volume_ref(&mut self, p: &Project, location: &str, anchor: &str, volume: &str) {
        if p.volume(volume).is_none() {
            self.push(
                location,
                Some(anchor),
                format!("volume \"{volume}\" does not exist; add it (`volumes` in the file, Volumes in the app) or name an existing one"),
            );
        }
    }

    fn scenario(&mut self, p: &Project, s: &Scenario) {
        let at = |what: &str, id: &str| format!("scenario \"{}\", {what} \"{id}\"", s.name);
        let mut ids = BTreeSet::new();
        for c in &s.charges {
            let location = at("charge", &c.id);
            self.id(&location, &c.id, &mut ids);
            match &c.pricing {
                Pricing::Fixed { monthly } => {
                    self.non_negative(&location, &c.id, "monthly", *monthly)
                }
                Pricing::UnitRates { rates } => {
                    if rates.is_empty() {
                        self.push(&location, Some(&c.id), "there are no rates; add one".into());
                    }
                    for r in rates {
                        self.volume_ref(p, &location, &c.id, &r.volume);
                        self.non_negative(
                            &location,
                            &c.id,
                            &format!("the rate of \"{}\"", r.class),
                            r.rate,
                        );
                    }
                }
                Pricing::Tiered {
                    volume,
                    mode,
                    bands,
                } => {
                    self.volume_ref(p, &location, &c.id, volume);
                    self.bands(&location, &c.id, *mode, bands);
                }
                Pricing::ResourceAdjustment(r) => {
                    self.volume_ref(p, &location, &c.id, &r.volume);
                    self.non_negative(&location, &c.id, "baseline", r.baseline);
                    self.non_negative(&location, &c.id, "dead_band_pct", r.dead_band_pct);
                    self.non_negative(&location, &c.id, "arc_rate", r.arc_rate);
                    self.non_negative(&location, &c.id, "rrc_rate", r.rrc_rate);
                    if let Some(outer) = r.outer_band_pct
                        && outer < r.dead_band_pct
                    {
                        self.push(
                            &location,
                            Some(&c.id),
                            format!(
                                "outer_band_pct {outer} is inside the dead band {}; make it wider",
                                r.dead_band_pct
                            ),
                        );
                    }
                }
            }
        }
        for m in &s.minimums {
            let location = at("minimum", &m.id);
            self.id(&location, &m.id, &mut ids);
            self.non_negative(&location, &m.id, "shortfall_pct", m.shortfall_pct);
            match &m.basis {
                CommitmentBasis::Spend { amount, applies_to } => {
                    self.non_negative(&location, &m.id, "amount", *amount);
                    self.scope(&location, &m.id, s, applies_to);
                }
                CommitmentBasis::Volume {
                    volume,
                    units,
                    rate,
                } => {
                    self.volume_ref(p, &location, &m.id, volume);
                    self.non_negative(&location, &m.id, "units", *units);
                    self.non_negative(&location, &m.id, "rate", *rate);
                }
            }
        }
        if let Some(ix) = &s.indexation {
            let location = format!("scenario \"{}\", indexation", s.name);
            if p.index(&ix.index).is_none() {
                self.push(
                    &location,
                    Some(&ix.index),
                    format!(
                        "index \"{}\" does not exist; add it (`indices` in the file, Index series in the app)",
                        ix.index
                    ),
                );
            }
            self.non_negative(
                &location,
                &ix.index,
                "indexed_share_pct",
                ix.indexed_share_pct,
            );
            self.non_negative(
                &location,
                &ix.index,
                "productivity_pct",
                ix.productivity_pct,
            );
            if let (Some(floor), Some(cap)) = (ix.floor_pct, ix.cap_pct)
                && floor > cap
            {
                self.push(
                    &location,
                    Some(&ix.index),
                    format!("floor_pct {floor} is above cap_pct {cap}; swap them"),
                );
            }
            self.scope(&location, &ix.index, s, &ix.applies_to);
        }
        for c in &s.charge_caps {
            let location = at("charge cap", &c.id);
            self.id(&location, &c.id, &mut ids);
            self.non_negative(&location, &c.id, "limit", c.limit);
            self.scope(&location, &c.id, s, &c.applies_to);
        }
        let mut sl_ids = BTreeSet::new();
        for sl in &s.service_levels {
            let location = at("service level", &sl.id);
            self.id(&location, &sl.id, &mut ids);
            sl_ids.insert(sl.id.clone());
            self.service_level(p, s, &location, sl);
        }
        let regime = &s.credit_regime;
        let location = format!("scenario \"{}\", credit regime", s.name);
        if let Some(pct) = regime.at_risk_pct {
            self.non_negative(&location, "at_risk_pct", "at_risk_pct", pct);
        }
        self.scope(&location, "credit_regime", s, &regime.base);
        let uses_points = s
            .service_levels
            .iter()
            .any(|sl| matches!(sl.credit, CreditRule::Points { .. }));
        if uses_points && regime.points_rate.is_none() {
            self.push(
                &location,
                Some("credit_regime"),
                "service levels earn points but points_rate is not set; say what a point is worth"
                    .into(),
            );
        }
        let uses_pool = s
            .service_levels
            .iter()
            .any(|sl| matches!(sl.credit, CreditRule::AtRisk { .. }));
        if uses_pool && regime.at_risk_pct.is_none() {
            self.push(
                &location,
                Some("credit_regime"),
                "service levels take an allocation of the at-risk pool but at_risk_pct is not set"
                    .into(),
            );
        }
        for b in &s.bonuses {
            let location = at("bonus", &b.id);
            self.id(&location, &b.id, &mut ids);
            for sl in std::iter::once(&b.service_level).chain(&b.gated_by) {
                if !sl_ids.contains(sl) {
                    self.push(
                        &location,
                        Some(&b.id),
                        format!("service level \"{sl}\" does not exist in this scenario"),
                    );
                }
            }
            self.scope(&location, &b.id, s, &b.base);
        }
        for t in &s.triggers {
            let location = format!("scenario \"{}\", trigger", s.name);
            match t {
                TerminationTrigger::ConsecutiveMinimumMisses {
                    service_level,
                    months,
                } => {
                    if !sl_ids.contains(service_level) {
                        self.push(
                            &location,
                            Some(service_level),
                            format!(
                                "service level \"{service_level}\" does not exist in this scenario"
                            ),
                        );
                    }
                    if *months == 0 {
                        self.push(
                            &location,
                            Some(service_level),
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
                            &location,
                            None,
                            format!("{times} times in {window_months} months cannot happen; use 1 ≤ times ≤ window_months"),
                        );
                    }
                }
            }
        }
    }

    fn service_level(&mut self, p: &Project, s: &Scenario, location: &str, sl: &ServiceLevel) {
        let id = sl.id.as_str();
        if p.kpi(&sl.kpi).is_none() {
            self.push(
                location,
                Some(id),
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
                    location,
                    Some(id),
                    format!(
                        "the minimum {minimum} is better than the target {}; the minimum is the floor, so it must be {} the target",
                        sl.target,
                        sl.direction.worse_word()
                    ),
                );
        }
        if let MeasurementWindow::Rolling(0) = sl.window {
            self.push(
                location,
                Some(id),
                "a rolling window needs at least 1 month".into(),
            )
        }
        match &sl.credit {
            CreditRule::None => {}
            CreditRule::FixedPct {
                target_miss_pct,
                minimum_miss_pct,
            } => {
                self.non_negative(location, id, "target_miss_pct", *target_miss_pct);
                self.non_negative(location, id, "minimum_miss_pct", *minimum_miss_pct);
            }
            CreditRule::Table(steps) => {
                if steps.is_empty() {
                    self.push(
                        location,
                        Some(id),
                        "the credit table is empty; add a row".into(),
                    );
                }
                for step in steps {
                    self.non_negative(location, id, "credit_pct", step.credit_pct);
                }
            }
            CreditRule::AtRisk { allocation_pct } => {
                self.non_negative(location, id, "allocation_pct", *allocation_pct)
            }
            CreditRule::Points { bands, .. } => {
                if bands.is_empty() {
                    self.push(
                        location,
                        Some(id),
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
                        location,
                        Some(id),
                        format!("step is {step}; a step must be above 0"),
                    );
                }
                let (Rate::Amount(v) | Rate::PctOfBase(v)) = per_step;
                self.non_negative(location, id, "per_step", *v);
                if let Some(max) = max_pct {
                    self.non_negative(location, id, "max_pct", *max);
                }
            }
        }
        self.scope(location, id, s, &sl.credit_base);
        if let Some(rule) = sl.repeat_rule
            && (rule.misses == 0 || rule.misses > rule.window_months)
        {
            self.push(
                location,
                Some(id),
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
                location,
                Some(id),
                "the earn-back window needs at least 1 month".into(),
            );
        }
        if let Some(ci) = &sl.improvement
            && (ci.share_pct <= Decimal::ZERO || ci.share_pct > Decimal::ONE_HUNDRED)
        {
            self.push(
                location,
                Some(id),
                format!(
                    "improvement share_pct is {}; use a value above 0 and at most 100",
                    ci.share_pct
                ),
            );
        }
    }

    fn bands(&mut self, location: &str, anchor: &str, mode: TierMode, bands: &[TierBand]) {
        let Some(first) = bands.first() else {
            self.push(
                location,
                Some(anchor),
                "there are no bands; add one starting at 0".into(),
            );
            return;
        };
        if !first.from.is_zero() {
            self.push(
                location,
                Some(anchor),
                format!(
                    "band 1 starts at {}; the first band must start at 0",
                    first.from
                ),
            );
        }
        for (i, band) in bands.iter().enumerate() {
            let n = i + 1;
            self.non_negative(
                location,
                anchor,
                &format!("the rate of band {n}"),
                band.rate,
            );
            self.non_negative(
                location,
                anchor,
                &format!("the flat fee of band {n}"),
                band.flat_fee,
            );
            if mode == TierMode::FixedFee && !band.rate.is_zero() {
                self.push(
                    location,
                    Some(anchor),
                    format!("band {n} has a rate of {}, but a tiered fixed fee uses only flat fees; set the rate to 0", band.rate),
                );
            }
            match band.to {
                Some(to) if to <= band.from => self.push(
                    location,
                    Some(anchor),
                    format!(
                        "band {n} ends at {to}, not above its start {}; make it end higher",
                        band.from
                    ),
                ),
                None if n < bands.len() => self.push(
                    location,
                    Some(anchor),
                    format!(
                        "band {n} is open-ended but band {} follows it; give band {n} an end",
                        n + 1
                    ),
                ),
                _ => {}
            }
            if let Some(next) = bands.get(i + 1)
                && let Some(to) = band.to
            {
                if next.from < to {
                    self.push(
                            location,
                            Some(anchor),
                            format!(
                                "band {} starts at {} but band {n} ends at {to}: they overlap; start band {} at {to}",
                                n + 1,
                                next.from,
                                n + 1
                            ),
                        );
                } else if next.from > to {
                    self.push(
                            location,
                            Some(anchor),
                            format!(
                                "band {} starts at {} but band {n} ends at {to}: volumes between are in no band; start band {} at {to}",
                                n + 1,
                                next.from,
                                n + 1
                            ),
                        );
                }
            }
        }
        if bands.last().is_some_and(|b| b.to.is_some()) {
            self.push(
                location,
                Some(anchor),
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
