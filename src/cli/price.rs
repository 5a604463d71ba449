//! `dealbench price`: the fixed fee or unit rate at which an offer reaches a target margin
//! over the term (see [`crate::engine::cost::price`]), after delivery cost and a risk premium;
//! with `-o`, the project with the priced copy added as the offer's next round (the provider's
//! draft).

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use clap::Args;
use rust_decimal::Decimal;

use super::CliError;
use super::cost::CostFileError;
use super::request::ProjectFile;
use crate::engine::cost::{PriceError, PriceLever, Priced, price};
use crate::engine::risk::{Control, Simulation};
use crate::format::format_money;
use crate::model::Party;
use crate::model::negotiation::add_round;

/// The options of `price`.
#[derive(Debug, Clone, Args)]
pub struct PriceArgs {
    /// The project file (the offer needs a `cost_model`).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The offer to price, by name.
    #[arg(long, short, value_name = "NAME")]
    pub scenario: String,
    /// The margin to reach over the term, in percent of the net (after the premium).
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    pub margin_pct: Decimal,
    /// The charge whose price is solved for: a fixed fee (its monthly amount) or a unit-rate
    /// charge (its first class's rate). The offer's first fixed fee by default.
    #[arg(long, value_name = "ID")]
    pub charge: Option<String>,
    /// The risk premium: `replay` (the credits of the replay, already in its net: no extra) or
    /// a figure of the risk simulation's credits over the term, `mean`, `p50`, `p90` or `p95`
    /// (run with the project's risk settings), less the replay's.
    #[arg(long, value_name = "replay|mean|pNN", default_value = "replay")]
    pub premium: String,
    /// Write the project with the priced copy added as the offer's next round to this file.
    #[arg(long, short, value_name = "OUT.ron")]
    pub out: Option<PathBuf>,
}

/// An option of `price` that cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct PriceOptionError {
    /// The project file.
    pub file: String,
    /// What is wrong and what to do.
    pub message: String,
}

/// `price`, checked.
#[derive(Debug)]
pub(super) struct PriceRequest {
    file: ProjectFile,
    scenario: usize,
    lever: PriceLever,
    args: PriceArgs,
}

impl PriceRequest {
    /// Loads the project, finds the offer and its charge, checks the premium's name.
    pub fn resolve(args: &PriceArgs) -> Result<Self, CliError> {
        let file = ProjectFile::load(&args.file)?;
        let scenario = file.scenario_index(Some(&args.scenario))?;
        let offer = &file.project.scenarios[scenario];
        let bad = |message: String| PriceOptionError {
            file: file.path.display().to_string(),
            message,
        };
        let lever = match &args.charge {
            Some(id) => PriceLever::of_charge(offer, id).ok_or_else(|| {
                bad(format!(
                    "--charge {id}: the offer has no fixed fee or unit-rate charge with this id"
                ))
            })?,
            None => PriceLever::first(offer).ok_or_else(|| {
                bad("the offer has no fixed fee or unit-rate charge to price; add one".into())
            })?,
        };
        if !matches!(
            args.premium.as_str(),
            "replay" | "mean" | "p50" | "p90" | "p95"
        ) {
            return Err(bad(format!(
                "--premium {}: give replay, mean, p50, p90 or p95",
                args.premium
            ))
            .into());
        }
        Ok(Self {
            file,
            scenario,
            lever,
            args: args.clone(),
        })
    }

    fn file_name(&self) -> String {
        self.file.path.display().to_string()
    }

    /// The extra credits of the premium asked for, over the replay's, at today's price.
    fn premium(&self) -> Result<Decimal, CliError> {
        let project = &self.file.project;
        let offer = &project.scenarios[self.scenario];
        if self.args.premium == "replay" {
            return Ok(Decimal::ZERO);
        }
        let bad = |message: String| PriceOptionError {
            file: self.file_name(),
            message,
        };
        let simulation = Simulation::new(project, offer, project.risk)
            .map_err(|e| bad(format!("--premium {}: {e}", self.args.premium)))?;
        let stop = AtomicBool::new(false);
        let control = Control {
            threads: None,
            stop: &stop,
        };
        let report = simulation
            .run(&control, &mut ())
            .map_err(|e| bad(format!("--premium {}: {e}", self.args.premium)))?;
        let credits = &report.term.credits;
        let figure = match self.args.premium.as_str() {
            "mean" => credits.mean,
            "p50" => credits.p50,
            "p90" => credits.p90,
            _ => credits.p95,
        };
        Ok(figure - simulation.replay().totals.credits)
    }
}

/// Prices the offer, prints how, and writes the project with the copy when asked.
pub(super) fn run(request: &PriceRequest, out: &mut dyn Write) -> Result<(), CliError> {
    let project = &request.file.project;
    let offer = &project.scenarios[request.scenario];
    let premium = request.premium()?;
    let priced = price(
        project,
        offer,
        &request.lever,
        request.args.margin_pct,
        premium,
    )
    .map_err(|e| price_error(request, e))?;
    let name = format!(
        "{} at {} % margin",
        offer.name,
        request.args.margin_pct.normalize()
    );
    let mut written = project.clone();
    // The priced proposal is the provider's next round of the offer's negotiation.
    let at = add_round(
        &mut written,
        request.scenario,
        priced.scenario.clone(),
        &name,
        Party::Provider,
        None,
    )
    .expect("the offer was found when the request was resolved");
    let name = written.scenarios[at].name.clone();
    out.write_all(summary(request, &priced, &name, project.rounding.decimals).as_bytes())?;
    if let Some(path) = &request.args.out {
        crate::io::project::save(path, &written)?;
        writeln!(out, "Written to {}", path.display())?;
    }
    Ok(())
}

fn price_error(request: &PriceRequest, error: PriceError) -> CliError {
    match error {
        PriceError::Cost(source) => CostFileError {
            file: request.file_name(),
            source,
        }
        .into(),
        other => PriceOptionError {
            file: request.file_name(),
            message: other.to_string(),
        }
        .into(),
    }
}

/// What was solved, for people.
fn summary(request: &PriceRequest, p: &Priced, name: &str, decimals: u32) -> String {
    let money = |d: Decimal| format_money(d, decimals);
    let how = if p.linear {
        "solved from the net's slope"
    } else {
        "the net bends here (a cap, minimum or credit): found by bisection"
    };
    format!(
        "{name}\n  {}: {} → {}\n  delivery cost {} · premium ({}) {} · net {} · margin {} ({})\n  {how}; {} evaluations\n",
        request.lever.label(),
        p.before.normalize(),
        p.after.normalize(),
        money(p.cost),
        request.args.premium,
        money(p.premium),
        money(p.net),
        money(p.margin),
        p.margin_pct
            .map_or_else(|| "–".to_owned(), |m| format!("{m:.2} %")),
        p.evaluations,
    )
}
