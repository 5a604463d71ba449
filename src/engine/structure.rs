//! An offer's structure as its order of operations: a block per component, each with its terms
//! in a few words and its amount over a period of the ledger. The app's structure view draws
//! these blocks and the report writes them out, so both say the same.

use rust_decimal::Decimal;

use super::compare::Period;
use super::{FlagKind, Ledger, Line, Rounder, Stage};
use crate::format::format_money;
use crate::model::{
    Component, CreditRule, Indexation, IndexationMethod, Pricing, Project, Scenario, TierBand,
    YearMonth,
};

/// The kind of money a block makes, which colours it in the app and the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A fee.
    Charge,
    /// A change to fees (volume adjustment, indexation, charge cap).
    Adjustment,
    /// Service credits and their caps.
    Credit,
    /// A bonus.
    Bonus,
    /// Credits given back by earn-back.
    EarnBack,
    /// A termination trigger.
    Warning,
    /// What the customer pays.
    Net,
}

/// One block of the structure: a component of the offer, or the net.
#[derive(Debug, Clone)]
pub struct Block {
    /// The step of the order of operations ("Charges", "Service credits").
    pub stage: &'static str,
    /// The component's name.
    pub title: String,
    /// Its terms in a few words.
    pub detail: String,
    /// The term clicking it selects.
    pub component: Component,
    /// Its amount in the period, when the ledger has lines for it.
    pub amount: Option<Decimal>,
    /// The kind of money it makes, which colours it.
    pub kind: BlockKind,
    /// What it did in the period when it makes no money (a trigger that fired), shown in
    /// place of the amount; `true` marks a warning.
    pub status: Option<(String, bool)>,
    /// What the amount means, when its sign or source is not obvious (shown on hover).
    pub note: Option<&'static str>,
}

/// The amounts of the ledger's lines over a period.
struct Sums<'a> {
    ledger: Option<&'a Ledger>,
    period: Period,
}

impl Sums<'_> {
    /// The total of the lines `pred` picks; `None` when there are none.
    fn sum(&self, pred: &dyn Fn(&Line) -> bool) -> Option<Decimal> {
        let ledger = self.ledger?;
        let mut total = None;
        for m in ledger
            .months
            .iter()
            .filter(|m| self.period.contains(m.period, m.contract_year))
        {
            for l in m.lines.iter().filter(|l| pred(l)) {
                *total.get_or_insert(Decimal::ZERO) += l.amount;
            }
        }
        total
    }

    /// The lines one term made at the given steps of the order of operations.
    fn of(&self, stages: &[Stage], term: &Component) -> Option<Decimal> {
        self.sum(&|l| stages.contains(&l.stage) && l.term == *term)
    }

    /// `block` with `words` in place of its amount when the ledger has no line of it in the
    /// period (a dash alone would leave the reader guessing).
    fn quiet(&self, block: Block, words: &str) -> Block {
        if block.amount.is_some() || block.status.is_some() || self.ledger.is_none() {
            return block;
        }
        Block {
            status: Some((words.to_owned(), false)),
            ..block
        }
    }

    /// Whether every month of the period is in the first contract year.
    fn first_year_only(&self) -> bool {
        self.ledger.is_some_and(|l| {
            (l.months.iter())
                .filter(|m| self.period.contains(m.period, m.contract_year))
                .all(|m| m.contract_year <= 1)
        })
    }

    /// The lines of one step.
    fn stage(&self, stage: Stage) -> Option<Decimal> {
        self.sum(&|l| l.stage == stage)
    }
}

impl Block {
    /// A block with no status and no note.
    fn new(stage: &'static str, component: Component, kind: BlockKind) -> Self {
        Block {
            stage,
            title: String::new(),
            detail: String::new(),
            component,
            amount: None,
            kind,
            status: None,
            note: None,
        }
    }

    fn titled(mut self, title: impl Into<String>, detail: String, amount: Option<Decimal>) -> Self {
        self.title = title.into();
        self.detail = detail;
        self.amount = amount;
        self
    }
}

/// The blocks of `scenario`, in the order of operations.
pub fn blocks(
    project: &Project,
    scenario: &Scenario,
    ledger: Option<&Ledger>,
    period: Period,
) -> Vec<Block> {
    let sums = Sums { ledger, period };
    let s = scenario;
    let mut blocks = charges(s, &sums);
    for m in &s.minimums {
        let detail = format!("{:?}, shortfall {} %", m.period, m.shortfall_pct);
        let c = Component::Minimum(m.id.clone());
        let amount = sums.of(&[Stage::Minimum], &c);
        let block = Block::new("Minimum commitment", c, BlockKind::Charge);
        let block = block.titled(m.name.clone(), detail, amount);
        blocks.push(sums.quiet(block, "met: no shortfall in this period"));
    }
    for (i, x) in s.indexation.iter().enumerate() {
        let c = Component::Indexation(i);
        let block = Block::new("Indexation", c.clone(), BlockKind::Adjustment);
        let (detail, amount) = match x.method {
            IndexationMethod::Line => (indexation_detail(x), sums.of(&[Stage::Indexation], &c)),
            // Re-rating moves the prices themselves: its money is in the charges' lines.
            IndexationMethod::ReRate { precision } => (
                format!(
                    "{}, re-rates prices ({})",
                    indexation_detail(x),
                    precision.words()
                ),
                None,
            ),
        };
        let quiet = match x.method {
            IndexationMethod::ReRate { .. } => "in the prices of the charges it re-rates",
            IndexationMethod::Line if sums.first_year_only() => "starts at the first anniversary",
            IndexationMethod::Line => "no change in this period",
        };
        let block = block.titled(format!("Index {}", x.index), detail, amount);
        blocks.push(sums.quiet(block, quiet));
    }
    for c in &s.charge_caps {
        let detail = format!("{:?} limit {}", c.period, format_money(c.limit, 0));
        let at = Component::ChargeCap(c.id.clone());
        let amount = sums.of(&[Stage::ChargeCap], &at);
        let block = Block::new("Charge cap", at, BlockKind::Adjustment);
        let block = block.titled(c.name.clone(), detail, amount);
        blocks.push(sums.quiet(block, "not reached in this period"));
    }
    blocks.extend(service_levels(project, s, &sums));
    blocks.extend(credit_regime(project, s, &sums));
    blocks.extend(s.milestones.iter().map(|m| milestone(m, &sums)));
    for b in &s.bonuses {
        let detail = format!("{} beats {}", b.service_level, b.threshold);
        let at = Component::Bonus(b.id.clone());
        let amount = sums.of(&[Stage::Bonus], &at);
        let block =
            Block::new("Bonus", at, BlockKind::Bonus).titled(b.name.clone(), detail, amount);
        blocks.push(sums.quiet(block, "not earned in this period"));
    }
    blocks.extend(earn_back(s, &sums));
    for (i, t) in s.triggers.iter().enumerate() {
        let mut block = Block::new("Trigger", Component::Trigger(i), BlockKind::Warning);
        block = block.titled("Termination trigger", t.name(), None);
        block.status = ledger.map(|l| trigger_status(l, i, period));
        blocks.push(block);
    }
    blocks
}

fn charges(s: &Scenario, sums: &Sums<'_>) -> Vec<Block> {
    s.charges
        .iter()
        .map(|c| {
            let (stage, kind) = match c.pricing {
                Pricing::ResourceAdjustment(_) => ("Volume adjustment", BlockKind::Adjustment),
                _ => ("Charge", BlockKind::Charge),
            };
            let at = Component::Charge(c.id.clone());
            let amount = sums.of(&[Stage::BaseCharge, Stage::VolumeAdjustment], &at);
            let block = Block::new(stage, at, kind).titled(
                c.name.clone(),
                charge_detail(&c.pricing),
                amount,
            );
            // Bands that overlap or leave a gap price some volumes twice or not at all: no
            // total is shown until they are fixed.
            match &c.pricing {
                Pricing::Tiered { bands, .. } => match TierBand::problems(bands).first() {
                    Some(problem) => Block {
                        amount: None,
                        status: Some((format!("tiers need fixing: {problem}"), true)),
                        ..block
                    },
                    None => block,
                },
                Pricing::ResourceAdjustment(_) => {
                    sums.quiet(block, "within the dead band: nothing billed")
                }
                _ => block,
            }
        })
        .collect()
}

fn indexation_detail(x: &Indexation) -> String {
    format!(
        "{} % indexed{}{}",
        x.indexed_share_pct,
        x.cap_pct
            .map(|c| format!(", cap {c} %"))
            .unwrap_or_default(),
        if x.productivity_pct.is_zero() {
            String::new()
        } else {
            format!(", −{} % productivity", x.productivity_pct)
        }
    )
}

/// A milestone: its dates and delay credit in a few words, the credit billed in the period.
fn milestone(m: &crate::model::Milestone, sums: &Sums<'_>) -> Block {
    let met = m
        .actual
        .map_or_else(|| "not met yet".to_owned(), |d| format!("met {d}"));
    let credit = m.delay_credit.as_ref().map_or_else(String::new, |c| {
        let cap = c.cap.map(|cap| format!(", cap {}", format_money(cap, 0)));
        format!(
            " · {} {}{}",
            format_money(c.amount, 2),
            c.per.label(),
            cap.unwrap_or_default()
        )
    });
    let detail = format!("due {}, {met}{credit}", m.target);
    let at = Component::Milestone(m.id.clone());
    let amount = sums.of(&[Stage::Credit], &at);
    let block =
        Block::new("Milestone", at, BlockKind::Credit).titled(m.name.clone(), detail, amount);
    sums.quiet(block, "no delay credit in this period")
}

/// A service level's block: its target and minimum in the KPI's unit (the KPI's id is the file's
/// word, not the reader's) and its kind of credit.
fn service_levels(project: &Project, s: &Scenario, sums: &Sums<'_>) -> Vec<Block> {
    s.service_levels
        .iter()
        .map(|sl| {
            let arrow = match sl.direction {
                crate::model::Direction::HigherIsBetter => "≥",
                crate::model::Direction::LowerIsBetter => "≤",
            };
            let unit = project
                .kpi(&sl.kpi)
                .map(|k| k.unit.as_str())
                .unwrap_or_default();
            let with_unit = |v: Decimal| match unit {
                "" => v.to_string(),
                unit => format!("{v} {unit}"),
            };
            let minimum =
                (sl.minimum.map(|m| format!(", min {}", with_unit(m)))).unwrap_or_default();
            let family = credit_family(&sl.credit);
            let detail = format!("{arrow} {}{minimum} · {family}", with_unit(sl.target));
            let at = Component::ServiceLevel(sl.id.clone());
            let amount = sums.of(&[Stage::Credit], &at);
            let block = Block::new("Service level", at, BlockKind::Credit);
            sums.quiet(
                block.titled(sl.name.clone(), detail, amount),
                "no credit in this period",
            )
        })
        .collect()
}

/// The credit pool and caps, when the offer has service levels or any cap.
fn credit_regime(project: &Project, s: &Scenario, sums: &Sums<'_>) -> Option<Block> {
    let regime = &s.credit_regime;
    let caps = [
        (regime.monthly_cap.is_some(), "monthly cap"),
        (regime.annual_cap.is_some(), "annual cap"),
        (regime.term_cap.is_some(), "term cap"),
        (regime.minimum_credit.is_some(), "minimum credit"),
        (regime.bonus_cap.is_some(), "aggregate bonus cap"),
    ];
    if s.service_levels.is_empty() && regime.at_risk_pct.is_none() && !caps.iter().any(|c| c.0) {
        return None;
    }
    let mut parts: Vec<String> = regime
        .at_risk_pct
        .map(|p| format!("{p} % at risk"))
        .into_iter()
        .chain(caps.iter().filter(|c| c.0).map(|c| c.1.to_owned()))
        .collect();
    if parts.is_empty() {
        parts.push("no caps".into());
    }
    if let Some(money) = fee_at_risk_words(project, s, sums) {
        parts.push(money);
    }
    let mut block = Block::new("Credit caps", Component::CreditRegime, BlockKind::Credit).titled(
        "Credit pool and caps",
        parts.join(", "),
        sums.stage(Stage::CreditCap),
    );
    block.note = Some(
        "Credits the caps gave back: the service credits above are before caps, so a positive amount here is what the caps saved the provider",
    );
    Some(sums.quiet(block, "no cap bound in this period"))
}

/// The fee at risk over `period` on the ledger: the most credits the regime's caps allow
/// (at-risk pool, monthly, annual and term caps) and the credits used, both in money; `None`
/// when nothing in the regime bounds credits in the period.
pub fn fee_at_risk(
    project: &Project,
    scenario: &Scenario,
    ledger: &Ledger,
    period: Period,
) -> Option<(Decimal, Decimal)> {
    let rounder = Rounder::new(project.rounding);
    let caps = super::risk::fee::caps_in_money(scenario, ledger, &rounder);
    let most = match period {
        Period::Month(m) => caps.months.iter().find(|x| x.period == m)?.most?,
        Period::Year(y) => {
            (caps.years.iter())
                .find(|x| x.contract_year == Some(y))?
                .most?
        }
        Period::Term => caps.term.most?,
    };
    Some((most, period.totals(ledger).credits))
}

/// The fee at risk in words: "at most 197,600.08 in year 1; 39,636.48 used (20.1 %)".
fn fee_at_risk_words(project: &Project, s: &Scenario, sums: &Sums<'_>) -> Option<String> {
    let (most, used) = fee_at_risk(project, s, sums.ledger?, sums.period)?;
    let when = match sums.period {
        Period::Month(m) => format!("in {m}"),
        Period::Year(y) => format!("in year {y}"),
        Period::Term => "over the term".to_owned(),
    };
    let d = project.rounding.decimals;
    let share = if most.is_zero() {
        String::new()
    } else {
        format!(" ({} %)", (used / most * Decimal::ONE_HUNDRED).round_dp(1))
    };
    Some(format!(
        "at most {} {when}; {} used{share}",
        format_money(most, d),
        format_money(used, d)
    ))
}

/// Earn-back, when a service level has it; clicking opens the first such service level.
fn earn_back(s: &Scenario, sums: &Sums<'_>) -> Option<Block> {
    let first = s.service_levels.iter().find(|s| s.earn_back.is_some())?;
    let detail = s
        .service_levels
        .iter()
        .filter_map(|s| {
            s.earn_back
                .as_ref()
                .map(|e| format!("{} after {} months", s.id, e.window_months))
        })
        .collect::<Vec<_>>()
        .join(", ");
    let at = Component::ServiceLevel(first.id.clone());
    Some(Block::new("Earn-back", at, BlockKind::EarnBack).titled(
        "Earn-back",
        detail,
        sums.stage(Stage::EarnBack),
    ))
}

/// When `trigger` fired in `period`: "fired 2025-02", "fired 3× from 2025-02", "holds since
/// 2025-02" (fired before the period and still holding in it), or "not fired".
/// `trigger` is the trigger's position in the offer, as its flags address it; a month it
/// still holds in is not a firing (`triggers::firings`).
fn trigger_status(ledger: &Ledger, trigger: usize, period: Period) -> (String, bool) {
    let within = |month: YearMonth| {
        (ledger.months.iter().find(|m| m.period == month))
            .is_some_and(|m| period.contains(m.period, m.contract_year))
    };
    let fired: Vec<YearMonth> = super::triggers::firings(&ledger.flags)
        .into_iter()
        .filter(|&(t, _)| t == trigger)
        .map(|(_, month)| month)
        .collect();
    let months: Vec<YearMonth> = fired.iter().copied().filter(|m| within(*m)).collect();
    // Not fired in the period, but still holding from an earlier firing.
    let holding = (ledger.flags.iter())
        .filter(|f| f.kind == FlagKind::TerminationTrigger)
        .filter(|f| f.term == Some(Component::Trigger(trigger)))
        .find(|f| within(f.period));
    if let (true, Some(flag)) = (months.is_empty(), holding)
        && let Some(since) = fired.iter().rfind(|m| **m <= flag.period)
    {
        return (format!("holds since {since}"), true);
    }
    match months.as_slice() {
        [] => (
            match period {
                Period::Month(m) => format!("not fired in {m}"),
                Period::Year(y) => format!("not fired in year {y}"),
                Period::Term => "not fired in the term".into(),
            },
            false,
        ),
        [one] => (format!("fired {one}"), true),
        [first, ..] => (format!("fired {}× from {first}", months.len()), true),
    }
}

fn charge_detail(pricing: &Pricing) -> String {
    match pricing {
        Pricing::Fixed { monthly } => format!("{} per month", format_money(*monthly, 2)),
        Pricing::UnitRates { rates } => rates
            .iter()
            .map(|r| format!("{} @ {}", r.class, r.rate))
            .collect::<Vec<_>>()
            .join(", "),
        Pricing::Tiered { volume, bands, .. } => format!("{} bands on {volume}", bands.len()),
        Pricing::ResourceAdjustment(a) => format!(
            "baseline {} ±{} %",
            format_money(a.baseline, 0),
            a.dead_band_pct
        ),
    }
}

fn credit_family(rule: &CreditRule) -> &'static str {
    match rule {
        CreditRule::None => "no credit",
        CreditRule::FixedPct { .. } => "fixed %",
        CreditRule::Table(_) => "credit table",
        CreditRule::AtRisk { .. } => "at-risk pool",
        CreditRule::Points { .. } => "service points",
        CreditRule::PerStep { .. } => "per step",
    }
}

/// The closing block: what the customer pays over `period`.
pub fn net_block(ledger: &Ledger, period: Period) -> Block {
    let mut block = Block::new("Net", Component::Offer, BlockKind::Net);
    block = block.titled(
        "What the customer pays",
        period.label(),
        Some(period.totals(ledger).net),
    );
    block
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_that_bills_nothing_in_the_period_says_why_instead_of_a_dash() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/it_outsourcing.ron");
        let project = crate::io::project::load(&path).expect("the sample loads");
        let offer = &project.scenarios[0];
        let ledger = crate::engine::evaluate(&project, offer);
        let year_one = blocks(&project, offer, Some(&ledger), Period::Year(1));
        let status = |component: &Component| {
            (year_one.iter().find(|b| &b.component == component))
                .and_then(|b| b.status.clone())
                .map(|(words, _)| words)
        };
        // The incumbent's CPI clause adds a line from the first anniversary (2024-04) only.
        assert_eq!(
            status(&Component::Indexation(0)).as_deref(),
            Some("starts at the first anniversary")
        );
        // Each quiet block has words or an amount, never a bare dash.
        let bare: Vec<_> = (year_one.iter())
            .filter(|b| b.amount.is_none() && b.status.is_none())
            .map(|b| b.stage)
            .collect();
        assert!(bare.is_empty(), "{bare:?}");
        // Without a ledger (nothing evaluated yet) no block claims anything.
        let unevaluated = blocks(&project, offer, None, Period::Year(1));
        assert!(unevaluated.iter().all(|b| b.status.is_none()));
    }
}
