//! Checks of the service side of an offer: service levels and their credit rules, the credit
//! regime, triggers.

use rust_decimal::Decimal;

use super::{Checker, at};
use crate::model::limits::MAX_PRECISION_DECIMALS;
use crate::model::*;

impl Checker {
    pub(super) fn credit_regime(&mut self, s: &Scenario) {
        let field = |f| at(s, &Component::CreditRegime, f);
        let regime = &s.credit_regime;
        if let Some(pct) = regime.at_risk_pct {
            self.non_negative(field(Field::AtRiskPct), "at_risk_pct", pct);
        }
        self.scope(field(Field::CreditBase), s, &regime.base);
        if let Some(minimum) = regime.minimum_credit {
            self.non_negative(field(Field::MinimumCredit), "minimum_credit", minimum);
        }
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

    pub(super) fn trigger(&mut self, s: &Scenario, i: usize, trigger: &TerminationTrigger) {
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
            TerminationTrigger::Escalation {
                service_level,
                misses,
                window_months,
                to,
                ..
            } => {
                self.service_level_ref(field(Field::ServiceLevel), s, service_level);
                if *misses == 0 || misses > window_months {
                    self.push(
                        field(Field::TriggerTimes),
                        format!("{misses} misses in {window_months} months cannot happen; use 1 ≤ misses ≤ window_months"),
                    );
                }
                if to.trim().is_empty() {
                    self.push(
                        field(Field::Name),
                        "say where the escalation goes (`to`: \"service manager\", \"steering committee\")".into(),
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

    pub(super) fn service_level(
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
        if let Some(precision) = sl.improvement.as_ref().and_then(|ci| ci.precision)
            && precision.decimals > MAX_PRECISION_DECIMALS
        {
            self.push(
                field(Field::ImprovementDecimals),
                format!(
                    "the moved target is kept to {} decimals; use at most {MAX_PRECISION_DECIMALS}",
                    precision.decimals
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
}
