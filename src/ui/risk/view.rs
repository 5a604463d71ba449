//! The Risk tab: the simulation's settings, its progress, the fan and the histogram of the
//! offer shown, the fee at risk, the odds of each trigger and cap, and every offer compared on
//! its likely and bad-case net beside the replay.

use eframe::egui::{self, Grid, RichText, Ui};
use rust_decimal::Decimal;

use super::charts::{self, FanOf};
use super::runner::{OfferRisk, RiskRunner, RunState};
use crate::engine::Ledger;
use crate::engine::risk::spread::BAND_TRIALS;
use crate::engine::risk::{PeriodAtRisk, Plan, RiskReport};
use crate::model::limits::MAX_TRIALS;
use crate::model::{Project, Scenario};
use crate::ui::format::format_money;
use crate::ui::theme;
use crate::ui::widgets::count_edit;

/// What the Risk tab remembers between frames.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RiskViewState {
    /// What the fan draws.
    pub fan: FanOf,
    /// The contract year the histogram shows; `None` for the term.
    pub histogram_year: Option<u32>,
}

/// Shows the Risk tab for offer `scenario`; `ledgers` are the replays of every offer.
pub fn show(
    ui: &mut Ui,
    project: &mut Project,
    ledgers: &[Ledger],
    scenario: usize,
    runner: &mut RiskRunner,
    state: &mut RiskViewState,
) {
    settings(ui, project, runner);
    ui.separator();
    if let Some(Some(error)) = runner.errors.get(scenario) {
        ui.colored_label(
            theme::ERROR,
            format!("This offer cannot be simulated: {error}."),
        );
        return;
    }
    let (Some(Some(risk)), Some(replay)) = (runner.offers.get(scenario), ledgers.get(scenario))
    else {
        ui.weak("Simulating the first trials…");
        return;
    };
    let d = project.rounding.decimals;
    let offer = project.scenarios.get(scenario);
    if let Some(offer) = offer {
        // Which offer these figures are: the one picked in the toolbar.
        ui.label(RichText::new(format!("Risk of {}", offer.name)).strong());
    }
    method_line(
        ui,
        &risk.report,
        runner.is_stale(scenario, project.risk.trials),
    );
    egui::ScrollArea::vertical()
        .id_salt("risk_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let height = (ui.available_height() * 0.6).clamp(200.0, 320.0);
            ui.columns(2, |columns| {
                columns[0].allocate_ui(egui::vec2(columns[0].available_width(), height), |ui| {
                    fan_picker(ui, &mut state.fan, risk.report.trials);
                    charts::fan(ui, project, risk, replay, state.fan);
                });
                columns[1].allocate_ui(egui::vec2(columns[1].available_width(), height), |ui| {
                    histogram(ui, project, risk, &mut state.histogram_year);
                });
            });
            // Tables one under the other: each is as wide as its figures.
            let tables: [&dyn Fn(&mut Ui); 4] = [
                &|ui| offers_compared(ui, runner, ledgers, d),
                &|ui| fee_at_risk(ui, &risk.report, d),
                &|ui| triggers(ui, &risk.report),
                &|ui| caps(ui, &risk.report, offer),
            ];
            for table in tables {
                ui.add_space(10.0);
                table(ui);
            }
        });
}

/// Trials, seed and block length (saved in the project), the progress and Stop.
fn settings(ui: &mut Ui, project: &mut Project, runner: &mut RiskRunner) {
    let most_block = project_history_months(project).max(1);
    ui.horizontal_wrapped(|ui| {
        let risk = &mut project.risk;
        count_edit(ui, "Trials", &mut risk.trials, 1..=MAX_TRIALS as u32)
            .on_hover_text("How many futures of the term are simulated");
        ui.horizontal(|ui| {
            let label = ui.label("Seed");
            ui.add(egui::DragValue::new(&mut risk.seed))
                .labelled_by(label.id)
                .on_hover_text("Where the SplitMix64 draw stream starts: the same seed gives the same figures");
        });
        count_edit(ui, "Block (months)", &mut risk.block_months, 1..=most_block)
            .on_hover_text("Consecutive history months drawn together: 1 draws months one by one; more keeps runs of bad months together");
        ui.separator();
        match runner.state {
            RunState::Running { offer, done, of } => {
                let name = project.scenarios.get(offer).map_or("", |s| s.name.as_str());
                let share = if of == 0 { 0.0 } else { done as f32 / of as f32 };
                ui.label(format!("Simulating {name} (every offer is simulated, the one shown first)"));
                ui.add(
                    egui::ProgressBar::new(share)
                        .desired_width(150.0)
                        .text(format!(
                            "{} of {}",
                            format_money(Decimal::from(done), 0),
                            format_money(Decimal::from(of), 0)
                        )),
                );
                if ui.button("Stop").on_hover_text("Keep the trials finished so far").clicked() {
                    runner.stop();
                }
            }
            RunState::Stopped | RunState::Idle => {
                if runner.state == RunState::Stopped {
                    ui.label(RichText::new("Stopped").color(theme::WARNING));
                }
                if ui.button("Run again").on_hover_text("Simulate every offer again").clicked() {
                    runner.restart();
                }
            }
        }
    });
}

/// The months of KPI history (the pool), the most a block can span.
fn project_history_months(project: &Project) -> u32 {
    Plan::new(project, 1, 0).map_or(1, |plan| plan.pool.len() as u32)
}

/// How the figures were made, so anyone can reproduce them.
fn method_line(ui: &mut Ui, report: &RiskReport, stale: bool) {
    let settings = &report.settings;
    let blocks = match settings.block_months {
        1 => "month by month".to_owned(),
        n => format!("in blocks of {n} months"),
    };
    let pool = match (report.pool.first(), report.pool.last()) {
        (Some(a), Some(b)) => format!("{} history months ({a} – {b})", report.pool.len()),
        _ => "no history months".to_owned(),
    };
    let text = format!(
        "{} trials, seed {}, {} simulated months drawn {blocks} from {pool} by SplitMix64. Percentiles by nearest rank.",
        format_money(Decimal::from(report.trials), 0),
        settings.seed,
        report.simulated.len(),
    );
    ui.horizontal_wrapped(|ui| {
        ui.weak(text);
        if stale {
            ui.label(RichText::new("updating…").color(theme::INFO));
        }
    });
}

fn fan_picker(ui: &mut Ui, fan: &mut FanOf, trials: u64) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("Per month").strong());
        ui.selectable_value(fan, FanOf::Net, "Net");
        ui.selectable_value(fan, FanOf::Credits, "Credits");
        if trials > BAND_TRIALS as u64 {
            ui.weak("bands of the first 100,000 trials");
        }
    });
}

fn histogram(ui: &mut Ui, project: &Project, risk: &OfferRisk, year: &mut Option<u32>) {
    let report = &risk.report;
    if year.is_some_and(|y| y as usize > report.contract_years.len()) {
        *year = None;
    }
    ui.horizontal(|ui| {
        ui.label(RichText::new("Credits").strong());
        ui.selectable_value(year, None, "Term");
        for y in &report.contract_years {
            let n = y.contract_year;
            ui.selectable_value(year, Some(n), format!("Year {n}"));
        }
    });
    let (values, exact) = match *year {
        Some(n) => (
            risk.spread.year_credits.get(n as usize - 1),
            report
                .contract_years
                .get(n as usize - 1)
                .map(|y| &y.figures.credits),
        ),
        None => (Some(&risk.spread.term_credits), Some(&report.term.credits)),
    };
    if let (Some(values), Some(exact)) = (values, exact) {
        charts::histogram(ui, "risk_histogram", values, exact, &project.currency);
    }
}

/// Every offer's net over the term: the replay beside the simulated mean, P50 and P90.
fn offers_compared(ui: &mut Ui, runner: &RiskRunner, ledgers: &[Ledger], d: u32) {
    ui.label(RichText::new("Offers compared: net over the term").strong());
    Grid::new("risk_offers").striped(true).show(ui, |ui| {
        for head in ["Offer", "Replay", "Mean", "P50", "P90", "Any trigger"] {
            ui.label(RichText::new(head).strong());
        }
        ui.end_row();
        for (i, ledger) in ledgers.iter().enumerate() {
            ui.label(&ledger.scenario);
            amount(ui, format_money(ledger.totals.net, d));
            match runner.offers.get(i).and_then(|o| o.as_ref()) {
                Some(risk) => {
                    let net = &risk.report.term.net;
                    for value in [net.mean, net.p50, net.p90] {
                        amount(ui, format_money(value, d));
                    }
                    amount(ui, risk.report.any_trigger.percent());
                }
                None => {
                    ui.weak("…");
                }
            }
            ui.end_row();
        }
    });
}

fn triggers(ui: &mut Ui, report: &RiskReport) {
    ui.label(RichText::new("Termination rights: odds of firing during the term").strong());
    if report.triggers.is_empty() {
        ui.weak("The offer has no termination triggers.");
        return;
    }
    Grid::new("risk_triggers").striped(true).show(ui, |ui| {
        for t in &report.triggers {
            ui.label(&t.rule);
            amount(ui, t.fired.percent());
            let (fired, of) = (Decimal::from(t.fired.trials), Decimal::from(t.fired.of));
            ui.weak(format!(
                "{} of {} trials",
                format_money(fired, 0),
                format_money(of, 0)
            ));
            ui.end_row();
        }
        ui.label(RichText::new("Any trigger").strong());
        amount(ui, report.any_trigger.percent());
        ui.end_row();
    });
}

/// The caps' limits beside the expected and P90 credits, per year and over the term.
fn fee_at_risk(ui: &mut Ui, report: &RiskReport, d: u32) {
    ui.label(RichText::new("Fee at risk").strong());
    Grid::new("risk_fee").striped(true).show(ui, |ui| {
        for head in [
            "",
            "Fees",
            "Most at risk",
            "Expected credits",
            "P90 credits",
        ] {
            ui.label(RichText::new(head).strong());
        }
        ui.end_row();
        let periods = report.fee_at_risk.years.iter();
        for p in periods.chain(std::iter::once(&report.fee_at_risk.term)) {
            period_row(ui, p, d);
        }
    });
    let fee = &report.risk_adjusted_fee;
    let share = (fee.expected_credit_share * Decimal::ONE_HUNDRED).round_dp(2);
    let adjusted = fee.adjusted.map_or_else(
        || "none (no fees, or expected net not positive)".to_owned(),
        |f| format_money(f, d),
    );
    ui.label(format!(
        "Risk-adjusted monthly fee: {adjusted} ({} today, expected credit share {share}%)",
        format_money(fee.fee, d)
    ))
    .on_hover_text(
        "F' = F / (1 − E[credit share]): the fee that keeps expected net revenue at today's fee",
    );
}

fn period_row(ui: &mut Ui, p: &PeriodAtRisk, d: u32) {
    let name = p
        .contract_year
        .map_or_else(|| "Term".to_owned(), |y| format!("Year {y}"));
    ui.label(name);
    amount(ui, format_money(p.fees, d));
    let with_pct = |value: Decimal, pct: Option<Decimal>| match pct {
        Some(pct) => format!("{} ({pct}%)", format_money(value, d)),
        None => format_money(value, d),
    };
    amount(
        ui,
        p.most
            .map_or_else(|| "uncapped".to_owned(), |m| with_pct(m, p.most_pct)),
    );
    amount(ui, with_pct(p.expected, p.expected_pct));
    amount(ui, with_pct(p.p90, p.p90_pct));
    ui.end_row();
}

fn caps(ui: &mut Ui, report: &RiskReport, scenario: Option<&Scenario>) {
    ui.label(RichText::new("Caps: odds of binding in each contract year").strong());
    if report.caps.is_empty() {
        ui.weak("The offer has no caps.");
        return;
    }
    Grid::new("risk_caps").striped(true).show(ui, |ui| {
        ui.label("");
        for y in &report.contract_years {
            ui.label(RichText::new(format!("Year {}", y.contract_year)).strong());
        }
        ui.end_row();
        for cap in &report.caps {
            ui.label(cap_name(scenario, &cap.cap));
            for year in &cap.years {
                amount(ui, year.percent());
            }
            ui.end_row();
        }
    });
}

/// A cap as people name it: the regime's caps by their kind, the others by their term's name.
fn cap_name(scenario: Option<&Scenario>, cap: &str) -> String {
    let named = match cap {
        "at_risk_cap" => Some("At-risk pool (credits in a month)"),
        "monthly_cap" => Some("Monthly credit cap"),
        "annual_cap" => Some("Annual credit cap"),
        "term_cap" => Some("Credit cap over the term"),
        _ => None,
    };
    if let Some(name) = named {
        return name.to_owned();
    }
    let Some(s) = scenario else {
        return cap.to_owned();
    };
    let level = s.service_levels.iter().find(|l| l.id == cap);
    let bonus = s.bonuses.iter().find(|b| b.id == cap);
    let charge_cap = s.charge_caps.iter().find(|c| c.id == cap);
    level
        .map(|l| format!("Credit cap of {}", l.name))
        .or_else(|| bonus.map(|b| format!("Annual cap of {}", b.name)))
        .or_else(|| charge_cap.map(|c| c.name.clone()))
        .unwrap_or_else(|| cap.to_owned())
}

fn amount(ui: &mut Ui, text: String) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        ui.label(text);
    });
}
