//! Every numeric term of an offer, with its address, value and unit: what sensitivity analysis,
//! the term diff between offers and the grids walk.
//!
//! One walk ([`walk`]) visits each number an offer's terms hold, in the order of operations,
//! as a typed address and a mutable slot; listing ([`numeric_terms`]), reading ([`value`]) and
//! changing ([`set_value`]) a term all go through it, so a new field is added in one place.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive as _;

use super::*;

/// What a term's number is counted in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// An amount of money in the contract currency (a fee, a cap, a commitment).
    Money,
    /// Money per unit of volume (a unit rate, a band rate, an ARC rate).
    MoneyPerUnit,
    /// A percentage (of charges, of the baseline, of the pool, of an index change).
    Percent,
    /// The unit of the service level's KPI ("s", "%"), as its series names it.
    Kpi(String),
    /// Units of volume (calls, tickets).
    Volume,
    /// A count of months.
    Months,
    /// Service points.
    Points,
    /// A count (misses, samples, times).
    Count,
}

impl Unit {
    /// The unit as shown after a value ("%", "months"); money is shown with the currency.
    pub fn suffix(&self, currency: &str) -> String {
        match self {
            Unit::Money => currency.to_owned(),
            Unit::MoneyPerUnit => format!("{currency} per unit"),
            Unit::Percent => "%".to_owned(),
            Unit::Kpi(unit) => unit.clone(),
            Unit::Volume => "units".to_owned(),
            Unit::Months => "months".to_owned(),
            Unit::Points => "points".to_owned(),
            Unit::Count => String::new(),
        }
    }
}

/// Where a term's number is held: exact decimals, or whole numbers (months, points, counts).
#[derive(Debug)]
pub enum Slot<'a> {
    /// A decimal amount, rate, percentage or threshold.
    Decimal(&'a mut Decimal),
    /// A whole number.
    Whole(&'a mut u32),
}

impl Slot<'_> {
    fn get(&self) -> Decimal {
        match self {
            Slot::Decimal(d) => **d,
            Slot::Whole(n) => Decimal::from(**n),
        }
    }
}

/// One numeric term of an offer.
#[derive(Debug, Clone, PartialEq)]
pub struct NumericTerm {
    /// Its address.
    pub path: TermPath,
    /// Its value.
    pub value: Decimal,
    /// What the value counts.
    pub unit: Unit,
    /// Whether it holds whole numbers only (months, points, counts).
    pub whole: bool,
}

/// Why a term could not be changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TermError {
    /// The offer has no numeric term at that address.
    #[error("{0} is not a numeric term of this offer")]
    NoSuchTerm(TermPath),
    /// A whole-number term was given a fraction or a value out of range.
    #[error("{path} takes a whole number from 0 to {max}, not {value}", max = u32::MAX)]
    NotWhole {
        /// The term.
        path: TermPath,
        /// The value refused.
        value: Decimal,
    },
}

/// Every numeric term of `scenario`, in the order of operations. Units of service-level
/// thresholds are read from the KPI series of `project`.
pub fn numeric_terms(project: &Project, scenario: &Scenario) -> Vec<NumericTerm> {
    let mut copy = scenario.clone();
    let mut terms = Vec::new();
    walk(project, &mut copy, &mut |path, unit, slot| {
        terms.push(NumericTerm {
            path,
            value: slot.get(),
            whole: matches!(slot, Slot::Whole(_)),
            unit,
        });
    });
    terms
}

/// The value of the numeric term at `path`, if the offer has one.
pub fn value(project: &Project, scenario: &Scenario, path: &TermPath) -> Option<Decimal> {
    numeric_terms(project, scenario)
        .into_iter()
        .find(|t| &t.path == path)
        .map(|t| t.value)
}

/// Sets the numeric term at `path` to `value`. A whole-number term takes only whole numbers.
pub fn set_value(
    project: &Project,
    scenario: &mut Scenario,
    path: &TermPath,
    value: Decimal,
) -> Result<(), TermError> {
    let mut result = Err(TermError::NoSuchTerm(path.clone()));
    walk(project, scenario, &mut |at, _, slot| {
        if &at != path {
            return;
        }
        result = match slot {
            Slot::Decimal(d) => {
                *d = value;
                Ok(())
            }
            Slot::Whole(n) => match value.to_u32() {
                Some(whole) if value.fract().is_zero() => {
                    *n = whole;
                    Ok(())
                }
                _ => Err(TermError::NotWhole { path: at, value }),
            },
        };
    });
    result
}

/// The visitor [`walk`] calls: the term's address, its unit and its slot.
pub type Visit<'v> = dyn FnMut(TermPath, Unit, Slot<'_>) + 'v;

/// Visits every numeric term of `scenario` in the order of operations.
pub fn walk(project: &Project, scenario: &mut Scenario, visit: &mut Visit<'_>) {
    for charge in &mut scenario.charges {
        let component = Component::Charge(charge.id.clone());
        charge_terms(&component, &mut charge.pricing, visit);
    }
    for minimum in &mut scenario.minimums {
        let component = Component::Minimum(minimum.id.clone());
        minimum_terms(&component, minimum, visit);
    }
    for (i, ix) in scenario.indexation.iter_mut().enumerate() {
        indexation_terms(i, ix, visit);
    }
    for cap in &mut scenario.charge_caps {
        let at = Component::ChargeCap(cap.id.clone()).field(Field::Limit);
        visit(at, Unit::Money, Slot::Decimal(&mut cap.limit));
    }
    for sl in &mut scenario.service_levels {
        let unit = project
            .kpi(&sl.kpi)
            .map_or_else(String::new, |k| k.unit.clone());
        service_level_terms(sl, Unit::Kpi(unit), visit);
    }
    regime_terms(&mut scenario.credit_regime, visit);
    // Delay credits come after the credit caps, which never count them.
    for m in &mut scenario.milestones {
        let at = |field| Component::Milestone(m.id.clone()).field(field);
        if let Some(credit) = &mut m.delay_credit {
            visit(
                at(Field::DelayAmount),
                Unit::Money,
                Slot::Decimal(&mut credit.amount),
            );
            if let Some(cap) = &mut credit.cap {
                visit(at(Field::DelayCap), Unit::Money, Slot::Decimal(cap));
            }
        }
    }
    for bonus in &mut scenario.bonuses {
        let unit = scenario_kpi_unit(project, &scenario.service_levels, &bonus.service_level);
        bonus_terms(bonus, unit, visit);
    }
    for (i, trigger) in scenario.triggers.iter_mut().enumerate() {
        trigger_terms(i, trigger, visit);
    }
}

fn scenario_kpi_unit(project: &Project, service_levels: &[ServiceLevel], id: &str) -> Unit {
    let sl = service_levels.iter().find(|s| s.id == id);
    let kpi = sl.and_then(|s| project.kpi(&s.kpi));
    Unit::Kpi(kpi.map_or_else(String::new, |k| k.unit.clone()))
}

fn charge_terms(component: &Component, pricing: &mut Pricing, visit: &mut Visit<'_>) {
    let at = |field| component.clone().field(field);
    match pricing {
        Pricing::Fixed { monthly } => {
            visit(at(Field::Monthly), Unit::Money, Slot::Decimal(monthly))
        }
        Pricing::UnitRates { rates } => {
            for (i, r) in rates.iter_mut().enumerate() {
                visit(
                    at(Field::UnitRate(i)),
                    Unit::MoneyPerUnit,
                    Slot::Decimal(&mut r.rate),
                );
            }
        }
        Pricing::Tiered { bands, .. } => {
            for (i, band) in bands.iter_mut().enumerate() {
                let edge = |part| at(Field::Band(i, part));
                if i > 0 {
                    // The first band starts at 0 by definition: not a term to move.
                    visit(
                        edge(BandField::From),
                        Unit::Volume,
                        Slot::Decimal(&mut band.from),
                    );
                }
                if let Some(to) = &mut band.to {
                    visit(edge(BandField::To), Unit::Volume, Slot::Decimal(to));
                }
                let rate = Slot::Decimal(&mut band.rate);
                visit(edge(BandField::Rate), Unit::MoneyPerUnit, rate);
                let fee = Slot::Decimal(&mut band.flat_fee);
                visit(edge(BandField::FlatFee), Unit::Money, fee);
            }
        }
        Pricing::ResourceAdjustment(r) => {
            visit(
                at(Field::Baseline),
                Unit::Volume,
                Slot::Decimal(&mut r.baseline),
            );
            visit(
                at(Field::DeadBandPct),
                Unit::Percent,
                Slot::Decimal(&mut r.dead_band_pct),
            );
            visit(
                at(Field::ArcRate),
                Unit::MoneyPerUnit,
                Slot::Decimal(&mut r.arc_rate),
            );
            visit(
                at(Field::RrcRate),
                Unit::MoneyPerUnit,
                Slot::Decimal(&mut r.rrc_rate),
            );
            if let Some(outer) = &mut r.outer_band_pct {
                visit(at(Field::OuterBandPct), Unit::Percent, Slot::Decimal(outer));
            }
            if let Some(upper) = &mut r.upper_limit {
                visit(
                    at(Field::UpperLimitPct),
                    Unit::Percent,
                    Slot::Decimal(&mut upper.pct),
                );
            }
            if let Some(lower) = &mut r.lower_limit {
                visit(
                    at(Field::LowerLimitPct),
                    Unit::Percent,
                    Slot::Decimal(&mut lower.pct),
                );
            }
        }
    }
}

fn minimum_terms(component: &Component, m: &mut MinimumCommitment, visit: &mut Visit<'_>) {
    let at = |field| component.clone().field(field);
    match &mut m.basis {
        CommitmentBasis::Spend { amount, .. } => {
            visit(
                at(Field::CommitmentAmount),
                Unit::Money,
                Slot::Decimal(amount),
            );
        }
        CommitmentBasis::Volume { units, rate, .. } => {
            visit(
                at(Field::CommitmentUnits),
                Unit::Volume,
                Slot::Decimal(units),
            );
            visit(
                at(Field::ShortfallRate),
                Unit::MoneyPerUnit,
                Slot::Decimal(rate),
            );
        }
    }
    visit(
        at(Field::ShortfallPct),
        Unit::Percent,
        Slot::Decimal(&mut m.shortfall_pct),
    );
}

fn indexation_terms(clause: usize, ix: &mut Indexation, visit: &mut Visit<'_>) {
    let at = |field| Component::Indexation(clause).field(field);
    visit(
        at(Field::LagMonths),
        Unit::Months,
        Slot::Whole(&mut ix.lag_months),
    );
    let share = Slot::Decimal(&mut ix.indexed_share_pct);
    visit(at(Field::IndexedSharePct), Unit::Percent, share);
    if let Some(floor) = &mut ix.floor_pct {
        visit(at(Field::FloorPct), Unit::Percent, Slot::Decimal(floor));
    }
    if let Some(cap) = &mut ix.cap_pct {
        visit(at(Field::CapPct), Unit::Percent, Slot::Decimal(cap));
    }
    let productivity = Slot::Decimal(&mut ix.productivity_pct);
    visit(at(Field::ProductivityPct), Unit::Percent, productivity);
}

/// The number a limit holds and its unit.
fn limit_slot(limit: &mut Limit) -> (Unit, Slot<'_>) {
    match limit {
        Limit::Amount(v) => (Unit::Money, Slot::Decimal(v)),
        Limit::PctOfCharges(v) => (Unit::Percent, Slot::Decimal(v)),
    }
}

/// The number a rate holds and its unit.
fn rate_slot(rate: &mut Rate) -> (Unit, Slot<'_>) {
    match rate {
        Rate::Amount(v) => (Unit::Money, Slot::Decimal(v)),
        Rate::PctOfBase(v) => (Unit::Percent, Slot::Decimal(v)),
    }
}

fn service_level_terms(sl: &mut ServiceLevel, kpi: Unit, visit: &mut Visit<'_>) {
    let component = Component::ServiceLevel(sl.id.clone());
    let at = |field| component.clone().field(field);
    visit(
        at(Field::Target),
        kpi.clone(),
        Slot::Decimal(&mut sl.target),
    );
    if let Some(minimum) = &mut sl.minimum {
        visit(at(Field::Minimum), kpi.clone(), Slot::Decimal(minimum));
    }
    if let MeasurementWindow::Rolling(n) = &mut sl.window {
        visit(at(Field::WindowMonths), Unit::Months, Slot::Whole(n));
    }
    if let Some(sample) = &mut sl.minimum_sample {
        visit(at(Field::MinimumSample), Unit::Count, Slot::Decimal(sample));
    }
    credit_rule_terms(&component, &mut sl.credit, &kpi, visit);
    if let Some(rule) = &mut sl.repeat_rule {
        visit(
            at(Field::RepeatMisses),
            Unit::Count,
            Slot::Whole(&mut rule.misses),
        );
        let window = Slot::Whole(&mut rule.window_months);
        visit(at(Field::RepeatWindowMonths), Unit::Months, window);
    }
    if let Some(cap) = &mut sl.cap {
        let (unit, slot) = limit_slot(cap);
        visit(at(Field::Cap), unit, slot);
    }
    if let Some(eb) = &mut sl.earn_back {
        let window = Slot::Whole(&mut eb.window_months);
        visit(at(Field::EarnBackWindowMonths), Unit::Months, window);
        if let Some(floor) = &mut eb.floor {
            visit(at(Field::EarnBackFloor), kpi.clone(), Slot::Decimal(floor));
        }
    }
    if let Some(ci) = &mut sl.improvement {
        let share = Slot::Decimal(&mut ci.share_pct);
        visit(at(Field::ImprovementSharePct), Unit::Percent, share);
    }
}

fn credit_rule_terms(
    component: &Component,
    rule: &mut CreditRule,
    kpi: &Unit,
    visit: &mut Visit<'_>,
) {
    let at = |field| component.clone().field(field);
    match rule {
        CreditRule::None => {}
        CreditRule::FixedPct {
            target_miss_pct,
            minimum_miss_pct,
        } => {
            visit(
                at(Field::TargetMissPct),
                Unit::Percent,
                Slot::Decimal(target_miss_pct),
            );
            visit(
                at(Field::MinimumMissPct),
                Unit::Percent,
                Slot::Decimal(minimum_miss_pct),
            );
        }
        CreditRule::Table(steps) => {
            for (i, step) in steps.iter_mut().enumerate() {
                let threshold = Slot::Decimal(&mut step.worse_than);
                visit(
                    at(Field::CreditStep(i, RowField::WorseThan)),
                    kpi.clone(),
                    threshold,
                );
                let credit = Slot::Decimal(&mut step.credit_pct);
                visit(
                    at(Field::CreditStep(i, RowField::Value)),
                    Unit::Percent,
                    credit,
                );
            }
        }
        CreditRule::AtRisk { allocation_pct } => {
            visit(
                at(Field::AllocationPct),
                Unit::Percent,
                Slot::Decimal(allocation_pct),
            );
        }
        CreditRule::Points { bands, .. } => {
            for (i, band) in bands.iter_mut().enumerate() {
                let threshold = Slot::Decimal(&mut band.worse_than);
                visit(
                    at(Field::PointsBand(i, RowField::WorseThan)),
                    kpi.clone(),
                    threshold,
                );
                let points = Slot::Whole(&mut band.points);
                visit(
                    at(Field::PointsBand(i, RowField::Value)),
                    Unit::Points,
                    points,
                );
            }
        }
        CreditRule::PerStep {
            step,
            per_step,
            max_pct,
        } => {
            visit(at(Field::Step), kpi.clone(), Slot::Decimal(step));
            let (unit, slot) = rate_slot(per_step);
            visit(at(Field::PerStep), unit, slot);
            if let Some(max) = max_pct {
                visit(at(Field::MaxPct), Unit::Percent, Slot::Decimal(max));
            }
        }
    }
}

fn regime_terms(regime: &mut CreditRegime, visit: &mut Visit<'_>) {
    let at = |field| Component::CreditRegime.field(field);
    if let Some(pct) = &mut regime.at_risk_pct {
        visit(at(Field::AtRiskPct), Unit::Percent, Slot::Decimal(pct));
    }
    if let Some(rate) = &mut regime.points_rate {
        let (unit, slot) = rate_slot(rate);
        visit(at(Field::PointsRate), unit, slot);
    }
    let caps = [
        (Field::MonthlyCap, &mut regime.monthly_cap),
        (Field::AnnualCap, &mut regime.annual_cap),
        (Field::TermCap, &mut regime.term_cap),
        (Field::BonusCap, &mut regime.bonus_cap),
    ];
    for (field, cap) in caps {
        if let Some(cap) = cap {
            let (unit, slot) = limit_slot(cap);
            visit(at(field), unit, slot);
        }
    }
    if let Some(minimum) = &mut regime.minimum_credit {
        visit(
            at(Field::MinimumCredit),
            Unit::Money,
            Slot::Decimal(minimum),
        );
    }
}

fn bonus_terms(bonus: &mut Bonus, kpi: Unit, visit: &mut Visit<'_>) {
    let component = Component::Bonus(bonus.id.clone());
    let at = |field| component.clone().field(field);
    visit(
        at(Field::Threshold),
        kpi,
        Slot::Decimal(&mut bonus.threshold),
    );
    let (unit, slot) = rate_slot(&mut bonus.amount);
    visit(at(Field::BonusAmount), unit, slot);
    if let Some(cap) = &mut bonus.annual_cap {
        let (unit, slot) = limit_slot(cap);
        visit(at(Field::AnnualCap), unit, slot);
    }
}

fn trigger_terms(i: usize, trigger: &mut TerminationTrigger, visit: &mut Visit<'_>) {
    let at = |field| Component::Trigger(i).field(field);
    match trigger {
        TerminationTrigger::ConsecutiveMinimumMisses { months, .. } => {
            visit(at(Field::TriggerMonths), Unit::Months, Slot::Whole(months));
        }
        TerminationTrigger::CapReached {
            times,
            window_months,
        }
        | TerminationTrigger::Escalation {
            misses: times,
            window_months,
            ..
        } => {
            visit(at(Field::TriggerTimes), Unit::Count, Slot::Whole(times));
            let window = Slot::Whole(window_months);
            visit(at(Field::TriggerWindowMonths), Unit::Months, window);
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::io::project::default_project;

    #[test]
    fn lists_the_terms_of_an_offer_with_their_units() {
        let project = default_project();
        let offer = &project.scenarios[0];
        let terms = numeric_terms(&project, offer);
        let sl = &offer.service_levels[0];
        let target = Component::ServiceLevel(sl.id.clone()).field(Field::Target);
        let term = terms.iter().find(|t| t.path == target).expect("a target");
        assert_eq!(term.value, sl.target);
        let unit = project
            .kpi(&sl.kpi)
            .map(|k| k.unit.clone())
            .unwrap_or_default();
        assert_eq!(term.unit, Unit::Kpi(unit));
        assert!(!term.whole);
        // Every address is unique: sensitivity and diffs key on it.
        let mut paths: Vec<_> = terms.iter().map(|t| &t.path).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), terms.len());
    }

    #[test]
    fn sets_a_term_by_its_address_and_refuses_what_it_cannot_hold() {
        let mut project = default_project();
        let mut offer = project.scenarios[0].clone();
        let sl_id = offer.service_levels[0].id.clone();
        let target = Component::ServiceLevel(sl_id.clone()).field(Field::Target);
        set_value(&project, &mut offer, &target, dec!(42.5)).unwrap();
        assert_eq!(offer.service_levels[0].target, dec!(42.5));
        assert_eq!(value(&project, &offer, &target), Some(dec!(42.5)));

        let missing = Component::Charge("no_such".into()).field(Field::Monthly);
        assert_eq!(
            set_value(&project, &mut offer, &missing, dec!(1)),
            Err(TermError::NoSuchTerm(missing.clone()))
        );

        offer.triggers = vec![TerminationTrigger::ConsecutiveMinimumMisses {
            service_level: sl_id,
            months: 3,
        }];
        let months = Component::Trigger(0).field(Field::TriggerMonths);
        set_value(&project, &mut offer, &months, dec!(4)).unwrap();
        assert!(matches!(
            offer.triggers[0],
            TerminationTrigger::ConsecutiveMinimumMisses { months: 4, .. }
        ));
        assert!(matches!(
            set_value(&project, &mut offer, &months, dec!(4.5)),
            Err(TermError::NotWhole { .. })
        ));
        project.scenarios[0] = offer;
    }
}
