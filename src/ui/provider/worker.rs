//! The tab's figures, computed on a worker thread for each state of the project: the cost of
//! the term (a few milliseconds) and the cost of a target (the offer billed and the term
//! staffed once per target, far more than a frame). A change of the project starts a new
//! computation; the figures of the last one are marked pending until it answers.

use std::sync::{Arc, Mutex};

use eframe::egui::{self, Context};

use crate::engine::cost::{CostReport, TargetSweep, cost, cost_of_target, default_targets};
use crate::model::Project;

/// A figure that is being computed, or its answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Computed<T> {
    /// The worker is on it.
    Pending,
    /// The answer.
    Ready(T),
}

/// What the tab shows for the project as it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// The offer's cost and margin by month, or why not.
    pub cost: Computed<Result<CostReport, String>>,
    /// The cost of the target of the service level the cost model staffs to (else the offer's
    /// first), or why not; `Ready(Ok(None))` when the offer has no service level.
    pub sweep: Computed<Result<Option<TargetSweep>, String>>,
}

/// The state shared with the worker.
#[derive(Default)]
struct Shared {
    /// The project and offer the figures are for.
    key: Option<(Project, usize)>,
    /// Counts the computations started: a late answer of an older one is dropped.
    generation: u64,
    cost: Option<Result<CostReport, String>>,
    sweep: Option<Result<Option<TargetSweep>, String>>,
}

type Handle = Arc<Mutex<Shared>>;

/// Trials per target of the risk curve of the cost of a target.
const RISK_TRIALS: u32 = 300;

/// The figures for offer `scenario` of `project`, starting their computation when the project
/// changed since the last call.
pub fn figures(ctx: &Context, project: &Project, scenario: usize) -> Figures {
    let id = egui::Id::unique("provider_worker");
    let handle: Handle = ctx.data_mut(|d| d.get_temp_mut_or_default::<Handle>(id).clone());
    let mut shared = handle
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let current = shared
        .key
        .as_ref()
        .is_some_and(|(p, s)| *s == scenario && p == project);
    if !current {
        shared.key = Some((project.clone(), scenario));
        shared.generation += 1;
        shared.cost = None;
        shared.sweep = None;
        start(
            ctx.clone(),
            handle.clone(),
            project.clone(),
            scenario,
            shared.generation,
        );
    }
    Figures {
        cost: shared
            .cost
            .clone()
            .map_or(Computed::Pending, Computed::Ready),
        sweep: shared
            .sweep
            .clone()
            .map_or(Computed::Pending, Computed::Ready),
    }
}

fn start(ctx: Context, handle: Handle, project: Project, scenario: usize, generation: u64) {
    std::thread::spawn(move || {
        let store = |f: &dyn Fn(&mut Shared)| {
            let mut shared = handle
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if shared.generation == generation {
                f(&mut shared);
            }
        };
        let Some(offer) = project.scenarios.get(scenario) else {
            return;
        };
        let report = cost(&project, offer).map_err(|e| e.to_string());
        store(&|s| s.cost = Some(report.clone()));
        ctx.request_repaint();
        let linked = (offer.cost_model.as_ref())
            .and_then(|m| m.service_level.clone())
            .filter(|id| offer.service_level(id).is_some());
        let level = linked.or_else(|| offer.service_levels.first().map(|l| l.id.clone()));
        let sweep = match level {
            Some(level) => {
                let targets = default_targets(offer, &level);
                // A short simulation per target: the mean settles within a few hundred trials.
                let risk = crate::model::RiskSettings {
                    trials: project.risk.trials.min(RISK_TRIALS),
                    ..project.risk
                };
                cost_of_target(&project, offer, &level, &targets, Some(risk))
                    .map(Some)
                    .map_err(|e| e.to_string())
            }
            None => Ok(None),
        };
        store(&|s| s.sweep = Some(sweep.clone()));
        ctx.request_repaint();
    });
}
