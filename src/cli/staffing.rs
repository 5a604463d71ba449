//! `dealbench staffing`: the agents one contact-centre interval needs by Erlang C (see
//! [`crate::engine::staffing`]), as a summary for people or JSON for programs. It reads no
//! project: every input is an option.

use std::io::Write;

use clap::{Args, ValueEnum};
use rust_decimal::Decimal;
use serde::Serialize;

use super::CliError;
use super::table::{columns, count};
use crate::engine::staffing::{
    AgentMetrics, Binding, Staffing, StaffingError, StaffingField, StaffingInput, staff,
};

/// How `staffing` writes its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StaffingFormat {
    /// A summary for people: the counts, then the metrics around N.
    Table,
    /// JSON as documented in the README, for programs.
    Json,
}

/// The options of `staffing`: one interval's calls and how they must be answered.
#[derive(Debug, Clone, Args)]
pub struct StaffingArgs {
    /// Calls offered in the interval.
    #[arg(long, value_name = "N")]
    pub calls: Decimal,
    /// The interval's length in seconds (1800 for half an hour).
    #[arg(long, value_name = "S")]
    pub interval_s: Decimal,
    /// Average handle time per call in seconds (talk, hold and wrap-up).
    #[arg(long, value_name = "S")]
    pub aht_s: Decimal,
    /// The service-level target: this percentage of calls answered within --within-s.
    #[arg(long, value_name = "P")]
    pub target_pct: Decimal,
    /// The answer time of the target, in seconds.
    #[arg(long, value_name = "T")]
    pub within_s: Decimal,
    /// The highest share of time agents may spend on calls, in percent.
    #[arg(long, value_name = "PCT", default_value = "100")]
    pub max_occupancy: Decimal,
    /// The share of paid time not available for calls, in percent.
    #[arg(long, value_name = "PCT", default_value = "0")]
    pub shrinkage: Decimal,
    /// The output format.
    #[arg(long, short, value_enum, default_value_t = StaffingFormat::Table)]
    pub format: StaffingFormat,
}

/// An option of `staffing` out of range: the option, the value and what to give instead.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{option} {value}: {reason}; {advice}")]
pub struct StaffingOptionError {
    /// The option, e.g. `--aht-s`.
    pub option: &'static str,
    /// The value given.
    pub value: String,
    /// What is wrong.
    pub reason: String,
    /// What to do.
    pub advice: &'static str,
}

impl StaffingOptionError {
    /// Names the option behind an engine refusal.
    fn new(error: &StaffingError) -> Self {
        match error {
            StaffingError::OutOfRange {
                field,
                value,
                allowed,
            } => {
                let (option, advice) = option_of(*field);
                Self {
                    option,
                    value: value.to_string(),
                    reason: (*allowed).to_owned(),
                    advice,
                }
            }
            StaffingError::TrafficTooLarge { calls, .. } => Self {
                option: "--calls",
                value: calls.to_string(),
                reason: error.to_string(),
                advice: "staff a shorter interval or split the queue",
            },
        }
    }
}

/// The option of each input and the advice for a bad value.
fn option_of(field: StaffingField) -> (&'static str, &'static str) {
    match field {
        StaffingField::Calls => (
            "--calls",
            "give the calls of the interval, e.g. --calls 100",
        ),
        StaffingField::IntervalS => (
            "--interval-s",
            "give the interval in seconds, e.g. --interval-s 1800 for 30 minutes",
        ),
        StaffingField::AhtS => (
            "--aht-s",
            "give the average handle time in seconds, e.g. --aht-s 180",
        ),
        StaffingField::TargetPct => (
            "--target-pct",
            "give the percentage answered in time, e.g. --target-pct 80",
        ),
        StaffingField::WithinS => (
            "--within-s",
            "give the answer time in seconds, e.g. --within-s 20",
        ),
        StaffingField::MaxOccupancyPct => (
            "--max-occupancy",
            "give a percentage, e.g. --max-occupancy 85, or leave it out for no limit",
        ),
        StaffingField::ShrinkagePct => (
            "--shrinkage",
            "give a percentage, e.g. --shrinkage 30, or leave it out for none",
        ),
    }
}

/// `staffing`, checked and computed: the answer and how to write it.
#[derive(Debug)]
pub(super) struct StaffingRequest {
    staffing: Staffing,
    format: StaffingFormat,
}

impl StaffingRequest {
    /// Staffs the interval; a refused input is a [`StaffingOptionError`] naming its option.
    pub fn resolve(args: &StaffingArgs) -> Result<Self, CliError> {
        let input = StaffingInput {
            calls: args.calls,
            interval_s: args.interval_s,
            aht_s: args.aht_s,
            target_pct: args.target_pct,
            within_s: args.within_s,
            max_occupancy_pct: args.max_occupancy,
            shrinkage_pct: args.shrinkage,
        };
        let staffing = staff(&input).map_err(|e| StaffingOptionError::new(&e))?;
        Ok(Self {
            staffing,
            format: args.format,
        })
    }
}

/// The JSON of `staffing`, field for field as the README documents it.
#[derive(Debug, Serialize)]
struct StaffingJson {
    traffic_erlangs: String,
    agents_for_service_level: u64,
    agents_for_occupancy: u64,
    productive_agents: u64,
    binding: Binding,
    scheduled_agents: u64,
    at: Vec<MetricsJson>,
}

/// One row of `at`: figures as decimal strings of 15 significant digits.
#[derive(Debug, Serialize)]
struct MetricsJson {
    agents: u64,
    p_wait: String,
    service_level: String,
    asa_s: String,
    occupancy: String,
}

/// `value` in plain decimal notation (never an exponent) with 15 significant digits, the
/// precision an `f64` holds; zero as `0.00000000000000`.
pub fn significant(value: f64) -> String {
    const DIGITS: i32 = 15;
    if !value.is_finite() {
        return value.to_string();
    }
    let magnitude = if value == 0.0 {
        0
    } else {
        value.abs().log10().floor() as i32
    };
    // A value just under a power of ten may round up to it: one decimal fewer is still 15.
    let decimals = (DIGITS - 1 - magnitude).clamp(0, 340) as usize;
    format!("{value:.decimals$}")
}

/// Writes the staffing as a summary or as JSON.
pub(super) fn run(request: &StaffingRequest, out: &mut dyn Write) -> Result<(), CliError> {
    let s = &request.staffing;
    match request.format {
        StaffingFormat::Json => {
            let json = StaffingJson {
                traffic_erlangs: s.traffic_erlangs.to_string(),
                agents_for_service_level: s.agents_for_service_level,
                agents_for_occupancy: s.agents_for_occupancy,
                productive_agents: s.productive_agents,
                binding: s.binding,
                scheduled_agents: s.scheduled_agents,
                at: s.at.iter().map(metrics_json).collect(),
            };
            serde_json::to_writer_pretty(&mut *out, &json).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        StaffingFormat::Table => write_table(s, out)?,
    }
    Ok(())
}

fn metrics_json(m: &AgentMetrics) -> MetricsJson {
    MetricsJson {
        agents: m.agents,
        p_wait: significant(m.p_wait),
        service_level: significant(m.service_level),
        asa_s: significant(m.asa_s),
        occupancy: significant(m.occupancy),
    }
}

/// The counts, then the metrics at N − 1, N and N + 1 (saying why N − 1 is missing).
fn write_table(s: &Staffing, out: &mut dyn Write) -> std::io::Result<()> {
    let binding = match s.binding {
        Binding::ServiceLevel => "the service level",
        Binding::Occupancy => "the maximum occupancy",
    };
    let summary = vec![
        vec!["Traffic".to_owned(), erlangs(s.traffic_erlangs)],
        vec![
            "Agents for the service level".to_owned(),
            s.agents_for_service_level.to_string(),
        ],
        vec![
            "Agents for the occupancy".to_owned(),
            s.agents_for_occupancy.to_string(),
        ],
        vec![
            "Productive agents".to_owned(),
            format!("{} (set by {binding})", s.productive_agents),
        ],
        vec![
            "Scheduled agents".to_owned(),
            format!("{} (after shrinkage)", s.scheduled_agents),
        ],
    ];
    write!(out, "{}", columns(&summary, &[false, false]))?;
    writeln!(out)?;
    let mut rows = vec![
        ["Agents", "P(wait)", "Service level", "ASA (s)", "Occupancy"]
            .map(str::to_owned)
            .to_vec(),
    ];
    rows.extend(s.at.iter().map(|m| {
        vec![
            m.agents.to_string(),
            format!("{:.4}", m.p_wait),
            format!("{:.4}", m.service_level),
            format!("{:.2}", m.asa_s),
            format!("{:.4}", m.occupancy),
        ]
    }));
    write!(out, "{}", columns(&rows, &[true; 5]))?;
    if s.at.first().map(|m| m.agents) == Some(s.productive_agents) {
        writeln!(
            out,
            "N − 1 = {} is not shown: it cannot carry {} (N − 1 ≤ A)",
            count((s.productive_agents - 1) as usize, "agent", "agents"),
            erlangs(s.traffic_erlangs)
        )?;
    }
    Ok(())
}

/// `10 Erlangs`, `1 Erlang`: exact in the JSON, four decimals are enough to read.
fn erlangs(traffic: Decimal) -> String {
    let shown = traffic.round_dp(4).normalize();
    format!(
        "{shown} {}",
        if shown == Decimal::ONE {
            "Erlang"
        } else {
            "Erlangs"
        }
    )
}
