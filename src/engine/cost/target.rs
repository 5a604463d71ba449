//! The cost of a target: for one service level of an offer, over a range of targets, what
//! delivery costs (the intervals staffed to each target) and what the offer credits on the
//! replay (the offer billed with the target changed), and their sum. The cheapest point is
//! the provider's best target; the slope is the price of a tighter target for the client.

use std::sync::atomic::AtomicBool;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::engine::risk::{Control, Simulation};
use crate::model::RiskSettings;

use super::{CostError, checked_model, delivery};
use crate::model::{Component, Direction, Field, Project, Scenario, terms};

/// One target of the range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetPoint {
    /// The service level's target.
    pub target: Decimal,
    /// Delivery cost over the term, staffed to this target when the cost model reads this
    /// service level (otherwise the same at every target).
    pub cost: Decimal,
    /// Credits over the term on the replay, net of earn-back, with this target.
    pub credits: Decimal,
    /// Cost + credits: what the target costs the provider.
    pub total: Decimal,
    /// The mean credits over the term, net of earn-back, of the risk simulation with this
    /// target, when it was asked for and can run.
    pub risk_credits: Option<Decimal>,
}

/// The cost of a service level's targets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetSweep {
    /// The service level.
    pub service_level: String,
    /// Whether the cost model staffs to this service level's target (so cost varies).
    pub drives_staffing: bool,
    /// The targets, in the order given.
    pub points: Vec<TargetPoint>,
    /// The index of the point with the lowest total (the first of equals).
    pub cheapest: Option<usize>,
    /// Why the risk curve is missing, when it was asked for and could not run.
    pub risk_error: Option<String>,
}

/// The sweep of `service_level`'s target over `targets` for `scenario`; [`default_targets`]
/// gives a range around the current one. With `risk`, each target is also simulated with
/// those settings (on one thread) for its mean credits: a second curve beside the replay's.
pub fn cost_of_target(
    project: &Project,
    scenario: &Scenario,
    service_level: &str,
    targets: &[Decimal],
    risk: Option<RiskSettings>,
) -> Result<TargetSweep, CostError> {
    let model = checked_model(project, scenario)?;
    let path = Component::ServiceLevel(service_level.to_owned()).field(Field::Target);
    let mut points = Vec::with_capacity(targets.len());
    let mut risk_error = None;
    for target in targets {
        let mut copy = scenario.clone();
        terms::set_value(project, &mut copy, &path, *target)
            .map_err(|e| CostError::Invalid(e.to_string()))?;
        let cost = delivery(project, model, model.answer_for(&copy))?
            .iter()
            .map(|d| d.cost)
            .sum::<Decimal>();
        let totals = super::super::evaluate(project, &copy).totals;
        let credits = totals.credits - totals.earn_back;
        let risk_credits = match risk.map(|settings| mean_credits(project, &copy, settings)) {
            Some(Ok(mean)) => Some(mean),
            Some(Err(reason)) => {
                risk_error = Some(reason);
                None
            }
            None => None,
        };
        points.push(TargetPoint {
            target: *target,
            cost,
            credits,
            total: cost + credits,
            risk_credits,
        });
    }
    let cheapest = (0..points.len()).min_by_key(|i| points[*i].total);
    Ok(TargetSweep {
        service_level: service_level.to_owned(),
        drives_staffing: model.service_level.as_deref() == Some(service_level),
        points,
        cheapest,
        risk_error,
    })
}

/// The risk simulation's mean credits over the term, net of earn-back.
fn mean_credits(
    project: &Project,
    offer: &Scenario,
    settings: RiskSettings,
) -> Result<Decimal, String> {
    let stop = AtomicBool::new(false);
    let control = Control {
        threads: Some(1),
        stop: &stop,
    };
    let report = Simulation::new(project, offer, settings)
        .and_then(|s| s.run(&control, &mut ()))
        .map_err(|e| e.to_string())?;
    Ok(report.term.credits.mean - report.term.earn_back.mean)
}

/// Nine targets around `scenario`'s current target of `service_level`, from looser to
/// tighter: for a lower-is-better level (seconds, a rate) 0.4 to 2 times the target in fifths
/// (to 1 decimal); for a higher-is-better one, 20 points below to 20 points above in steps of
/// 5, kept strictly between 0 and 100 for a percentage. Empty when the offer has no such level.
pub fn default_targets(scenario: &Scenario, service_level: &str) -> Vec<Decimal> {
    let Some(level) = scenario.service_level(service_level) else {
        return Vec::new();
    };
    let t = level.target;
    let mut targets: Vec<Decimal> = match level.direction {
        Direction::LowerIsBetter => (2..=10)
            .rev()
            .map(|fifths| (t * Decimal::from(fifths) / Decimal::from(5)).round_dp(1))
            .collect(),
        Direction::HigherIsBetter => (-4..=4)
            .map(|steps| t + Decimal::from(steps * 5))
            .filter(|v| {
                *v > Decimal::ZERO && (t > Decimal::ONE_HUNDRED || *v < Decimal::ONE_HUNDRED)
            })
            .collect(),
    };
    targets.dedup();
    targets
}
