//! The ledger: what an agreement bills, month by month, with every line explained.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Component, YearMonth};

/// The result of evaluating one scenario over the contract term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ledger {
    /// The scenario evaluated.
    pub scenario: String,
    /// The contract currency.
    pub currency: String,
    /// One entry per month of the term, in order.
    pub months: Vec<MonthLedger>,
    /// Termination triggers, caps reached and binding, change control, data gaps.
    pub flags: Vec<Flag>,
    /// Each earn-back-eligible credit and what became of it.
    pub earn_back: Vec<EarnBackEntry>,
    /// Totals per contract year, in order.
    pub years: Vec<PeriodTotals>,
    /// Totals over the whole term.
    pub totals: Totals,
}

/// One month of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthLedger {
    /// The billing month.
    pub period: YearMonth,
    /// The contract year the month falls in (1, 2, …).
    pub contract_year: u32,
    /// Whether the month lies after the measured history (its data is a projection).
    pub projected: bool,
    /// The invoice lines, in the order of operations.
    pub lines: Vec<Line>,
    /// Each service level's result for the month.
    pub service_levels: Vec<ServiceLevelResult>,
    /// The month's totals.
    pub totals: Totals,
}

/// One invoice line. Amounts are signed as they move the invoice: charges positive, reductions
/// and credits negative, bonuses and earn-back positive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// What kind of line this is.
    pub kind: LineKind,
    /// The step of the order of operations that made it.
    pub stage: Stage,
    /// The id of the component, service level, cap or bonus that made it, as exports show it
    /// (an indexation line shows the charge it indexes, a regime cap its cap: `monthly_cap`).
    pub component: String,
    /// The typed address of the term that made the line: the charge for a base charge, the
    /// indexation clause for indexation, the credit regime for its caps, the service level for
    /// its credit and its earn-back. Not exported: exports keep `component`.
    pub term: Component,
    /// The amount before rounding.
    pub exact: Decimal,
    /// The amount billed: `exact` rounded by the project's rule when the line is made.
    pub amount: Decimal,
    /// One sentence tying the amount to the term that made it.
    pub explanation: String,
}

/// The steps of a month's invoice, in the fixed order they are computed (design §2.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Fixed fees, unit rates and tiers.
    BaseCharge,
    /// ARC/RRC around a baseline.
    VolumeAdjustment,
    /// A minimum-commitment shortfall.
    Minimum,
    /// Annual indexation of charges.
    Indexation,
    /// A cap on charges.
    ChargeCap,
    /// A service level's credit.
    Credit,
    /// A credit cap giving back credits beyond it.
    CreditCap,
    /// A performance bonus.
    Bonus,
    /// A credit earned back.
    EarnBack,
}

impl Stage {
    /// All stages, in the order of operations.
    pub const ALL: [Stage; 9] = [
        Stage::BaseCharge,
        Stage::VolumeAdjustment,
        Stage::Minimum,
        Stage::Indexation,
        Stage::ChargeCap,
        Stage::Credit,
        Stage::CreditCap,
        Stage::Bonus,
        Stage::EarnBack,
    ];

    /// The kind of line this stage makes.
    pub fn kind(self) -> LineKind {
        match self {
            Stage::BaseCharge | Stage::Minimum => LineKind::Charge,
            Stage::VolumeAdjustment | Stage::Indexation | Stage::ChargeCap => LineKind::Adjustment,
            Stage::Credit | Stage::CreditCap => LineKind::Credit,
            Stage::Bonus => LineKind::Bonus,
            Stage::EarnBack => LineKind::EarnBack,
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Stage::BaseCharge => "Base charges",
            Stage::VolumeAdjustment => "Volume adjustments",
            Stage::Minimum => "Minimum commitments",
            Stage::Indexation => "Indexation",
            Stage::ChargeCap => "Charge caps",
            Stage::Credit => "Service credits",
            Stage::CreditCap => "Credit caps",
            Stage::Bonus => "Bonuses",
            Stage::EarnBack => "Earn-back",
        }
    }
}

/// The kind of an invoice line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// A fee: fixed, unit rates, tiers, a minimum-commitment shortfall.
    Charge,
    /// A change to charges: ARC/RRC, indexation, a charge cap.
    Adjustment,
    /// A service credit (negative), or a credit cap giving some back (positive).
    Credit,
    /// A performance bonus.
    Bonus,
    /// A credit returned to the provider by earn-back.
    EarnBack,
}

impl LineKind {
    /// All kinds, in invoice order.
    pub const ALL: [LineKind; 5] = [
        LineKind::Charge,
        LineKind::Adjustment,
        LineKind::Credit,
        LineKind::Bonus,
        LineKind::EarnBack,
    ];

    /// The name in files (JSON, CSV): `charge`, `adjustment`, `credit`, `bonus`, `earn_back`.
    pub fn key(self) -> &'static str {
        match self {
            LineKind::Charge => "charge",
            LineKind::Adjustment => "adjustment",
            LineKind::Credit => "credit",
            LineKind::Bonus => "bonus",
            LineKind::EarnBack => "earn_back",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            LineKind::Charge => "Charges",
            LineKind::Adjustment => "Adjustments",
            LineKind::Credit => "Credits",
            LineKind::Bonus => "Bonuses",
            LineKind::EarnBack => "Earn-back",
        }
    }
}

/// A service level's result for a month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceLevelResult {
    /// The service level's id.
    pub id: String,
    /// The measured value over its window, unrounded; `None` when not measured.
    pub value: Option<Decimal>,
    /// The target in force this month (continuous improvement may have moved it).
    pub target: Decimal,
    /// The minimum in force this month.
    pub minimum: Option<Decimal>,
    /// What the month counts as.
    pub outcome: Outcome,
    /// The credit this service level earned this month before caps (a positive amount).
    pub credit: Decimal,
    /// Why: the value, the level it met or missed, and the credit.
    pub explanation: String,
}

/// What a month counts as for a service level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// At or better than target.
    Met,
    /// Worse than target, at or better than the minimum.
    MissedTarget,
    /// Worse than the minimum (or deemed so for missing data).
    MissedMinimum,
    /// No data, too small a sample, or not a month the window is assessed in.
    NotMeasured,
    /// Excluded by the contract (transition, maintenance, missing data policy).
    Excluded,
}

impl Outcome {
    /// Whether the month is a miss of target or minimum.
    pub fn is_miss(self) -> bool {
        matches!(self, Outcome::MissedTarget | Outcome::MissedMinimum)
    }

    /// Whether the month was measured (met or missed).
    pub fn is_measured(self) -> bool {
        matches!(
            self,
            Outcome::Met | Outcome::MissedTarget | Outcome::MissedMinimum
        )
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Met => "met",
            Outcome::MissedTarget => "missed target",
            Outcome::MissedMinimum => "missed minimum",
            Outcome::NotMeasured => "not measured",
            Outcome::Excluded => "excluded",
        }
    }
}

/// An event worth a person's attention, with its month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// The month it happened.
    pub period: YearMonth,
    /// What happened.
    pub kind: FlagKind,
    /// The component it concerns.
    pub component: String,
    /// The typed address of the term it is about, when it is about one (a cap, a charge, a
    /// trigger, the indexation clause). Not exported: exports keep `message`.
    pub term: Option<Component>,
    /// One sentence saying what and why.
    pub message: String,
}

/// The kinds of flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// A termination trigger fired (or its right still holds).
    TerminationTrigger,
    /// A step of the escalation ladder was reached (or still holds).
    Escalation,
    /// Credits (or charges, or a bonus) reached a cap exactly or more.
    CapReached,
    /// A cap cut the amount: without it more would have been billed or credited.
    CapBinding,
    /// A volume went beyond the outer band: change control.
    ChangeControl,
    /// Data was missing where the contract needed it.
    MissingData,
    /// An input lies outside its documented range: the offer was not billed.
    OutOfRange,
}

impl FlagKind {
    /// All kinds, in the order a reader cares about them.
    pub const ALL: [FlagKind; 7] = [
        FlagKind::TerminationTrigger,
        FlagKind::Escalation,
        FlagKind::CapBinding,
        FlagKind::CapReached,
        FlagKind::ChangeControl,
        FlagKind::MissingData,
        FlagKind::OutOfRange,
    ];

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            FlagKind::TerminationTrigger => "Termination trigger",
            FlagKind::Escalation => "Escalation",
            FlagKind::CapReached => "Cap reached",
            FlagKind::CapBinding => "Cap binding",
            FlagKind::ChangeControl => "Change control",
            FlagKind::MissingData => "Missing data",
            FlagKind::OutOfRange => "Out of range",
        }
    }

    /// How many of this kind, in words: "1 termination trigger", "3 months of missing data".
    pub fn count(self, n: usize) -> String {
        let (one, many) = match self {
            FlagKind::TerminationTrigger => ("termination trigger", "termination triggers"),
            FlagKind::Escalation => ("escalation", "escalations"),
            FlagKind::CapReached => ("cap reached", "caps reached"),
            FlagKind::CapBinding => ("cap binding", "caps binding"),
            FlagKind::ChangeControl => ("change-control flag", "change-control flags"),
            FlagKind::MissingData => ("month of missing data", "months of missing data"),
            FlagKind::OutOfRange => ("input out of range", "inputs out of range"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }
}

/// The state of an earn-back-eligible credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EarnBackState {
    /// Waiting for the window to pass.
    Pending,
    /// Returned to the provider.
    EarnedBack,
    /// Kept by the customer: a miss in the window, or the miss was beyond the floor.
    Final,
}

/// One credit in the earn-back ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EarnBackEntry {
    /// The service level.
    pub service_level: String,
    /// The month of the credit.
    pub credited_in: YearMonth,
    /// The credit eligible to come back (its share after caps).
    pub amount: Decimal,
    /// What became of it.
    pub state: EarnBackState,
    /// The month it was earned back or became final.
    pub resolved_in: Option<YearMonth>,
}

/// Money totals for a month, year or term. Credits are a positive number taken off:
/// `net = charges + adjustments − credits + bonuses + earn_back`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Totals {
    /// Sum of charge lines.
    pub charges: Decimal,
    /// Sum of adjustment lines (ARC/RRC, indexation, charge caps).
    pub adjustments: Decimal,
    /// Service credits after caps, as a positive amount.
    pub credits: Decimal,
    /// Bonuses paid.
    pub bonuses: Decimal,
    /// Credits returned by earn-back.
    pub earn_back: Decimal,
    /// What the customer pays.
    pub net: Decimal,
}

impl Totals {
    /// The totals of `lines`.
    pub fn of(lines: &[Line]) -> Self {
        let mut totals = Totals::default();
        for line in lines {
            totals.add_line(line);
        }
        totals
    }

    /// Adds a line to the totals.
    pub fn add_line(&mut self, line: &Line) {
        match line.kind {
            LineKind::Charge => self.charges += line.amount,
            LineKind::Adjustment => self.adjustments += line.amount,
            LineKind::Credit => self.credits -= line.amount,
            LineKind::Bonus => self.bonuses += line.amount,
            LineKind::EarnBack => self.earn_back += line.amount,
        }
        self.net += line.amount;
    }

    /// Adds other totals to these.
    pub fn add(&mut self, other: &Totals) {
        self.charges += other.charges;
        self.adjustments += other.adjustments;
        self.credits += other.credits;
        self.bonuses += other.bonuses;
        self.earn_back += other.earn_back;
        self.net += other.net;
    }

    /// Charges and adjustments together: what the agreement bills before credits.
    pub fn gross(&self) -> Decimal {
        self.charges + self.adjustments
    }
}

/// Totals for a contract year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodTotals {
    /// The contract year (1, 2, …).
    pub contract_year: u32,
    /// Its first month.
    pub first: YearMonth,
    /// Its last month within the term.
    pub last: YearMonth,
    /// The year's totals.
    pub totals: Totals,
}

impl Ledger {
    /// The month `period`, if within the term.
    pub fn month(&self, period: YearMonth) -> Option<&MonthLedger> {
        self.months.iter().find(|m| m.period == period)
    }

    /// The months from `from` to `to` (either bound optional), in order.
    pub fn months_between(
        &self,
        from: Option<YearMonth>,
        to: Option<YearMonth>,
    ) -> impl Iterator<Item = &MonthLedger> {
        self.months
            .iter()
            .filter(move |m| from.is_none_or(|f| m.period >= f) && to.is_none_or(|t| m.period <= t))
    }
}
