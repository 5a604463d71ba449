//! The help of the fields of service levels, credits, the credit regime, bonuses and triggers.

use super::FieldHelp;
use super::fields::help;

pub(super) const KPI: FieldHelp = help(
    "KPI",
    "",
    "",
    "The measured series the service level reads (availability, answer speed, resolution rate), in its own unit.",
);
pub(super) const TARGET: FieldHelp = help(
    "Target",
    "the KPI's unit",
    "e.g. 99.9 % availability, 80 % of calls in 20 s, 20 s average speed of answer",
    "The expected level. A month worse than it is a target miss: credited at once, or only when repeated if a repeat rule applies. KPI values are compared unrounded, in the service level's direction.",
);
pub(super) const MINIMUM: FieldHelp = help(
    "Minimum",
    "the KPI's unit",
    "a few points worse than the target (target 95 %, minimum 90 %)",
    "The floor. A month worse than it is a minimum miss: credited at once, and counted by termination triggers. Optional.",
);
pub(super) const ROLLING_WINDOW: FieldHelp = help(
    "Rolling window",
    "months",
    "3 months",
    "The months measured together. Ratios are summed over the window from their parts (Σ numerator / Σ denominator), not averaged.",
);
pub(super) const MINIMUM_SAMPLE: FieldHelp = help(
    "Minimum sample",
    "observations a month",
    "e.g. 30 survey answers for a satisfaction score",
    "A month with fewer observations is not measured: no miss, no credit. Optional.",
);
pub(super) const EXCLUDED_MONTHS: FieldHelp = help(
    "Excluded months",
    "months (YYYY-MM)",
    "the transition months, agreed relief",
    "Months the service level is not measured: no miss and no credit in them.",
);
pub(super) const TARGET_MISS_PCT: FieldHelp = help(
    "Credit on a target miss",
    "% of the credit base",
    "1–5 %",
    "Fixed-percentage credit: what a month missing only the target credits, × the month's credit base.",
);
pub(super) const MINIMUM_MISS_PCT: FieldHelp = help(
    "Credit on a minimum miss",
    "% of the credit base",
    "5–10 %",
    "Fixed-percentage credit: what a month missing the minimum credits, × the month's credit base.",
);
pub(super) const TABLE_WORSE_THAN: FieldHelp = help(
    "Credit table threshold",
    "the KPI's unit",
    "cloud availability: 99.9, 99.0, 95.0",
    "A row of the credit table applies when the measured value is worse than this. The worst row reached gives the credit.",
);
pub(super) const TABLE_CREDIT: FieldHelp = help(
    "Credit table credit",
    "% of the credit base",
    "cloud: 10 %, 25 %, 100 % (some providers top out at 50 %)",
    "The credit of the row reached, × the month's credit base.",
);
pub(super) const ALLOCATION: FieldHelp = help(
    "Pool allocation",
    "% of the at-risk amount",
    "10–50 % a service level; all together typically 100–250 % (over-allocation)",
    "At-risk credit: a miss credits the at-risk amount × this allocation. Allocations may sum to more than 100 %; the month's credits stay capped at the at-risk amount.",
);
pub(super) const POINTS_WORSE_THAN: FieldHelp = help(
    "Severity threshold",
    "the KPI's unit",
    "one threshold per severity, each worse than the one before",
    "Service points: a severity band applies when the value is worse than this; the worst band reached gives the points.",
);
pub(super) const POINTS: FieldHelp = help(
    "Points",
    "service points",
    "0–4 per severity (UK government style)",
    "The points a month in this band earns; a failure in consecutive months may double them. Points convert to money at the regime's points rate, subject to the caps.",
);
pub(super) const STEP: FieldHelp = help(
    "Step",
    "the KPI's unit",
    "1 % or 0.1 % of availability; a few seconds of answer speed",
    "Per-step credit: the size of one step of shortfall. Only full steps worse than the target count.",
);
pub(super) const PER_STEP: FieldHelp = help(
    "Credit per step",
    "money, or % of the credit base, per full step",
    "0.5–2 % of the base a step",
    "Per-step credit: what each full step of shortfall credits.",
);
pub(super) const MAX_PCT: FieldHelp = help(
    "Credit limit",
    "% of the credit base",
    "10–20 %",
    "Per-step credit: the most it credits in a month, however many steps.",
);
pub(super) const CREDIT_BASE: FieldHelp = help(
    "Credit base",
    "",
    "all charges, or the charges of the service measured",
    "The charges a percentage credit or bonus is read on: the month's charges of all components or of the chosen ones.",
);
pub(super) const REPEAT_MISSES: FieldHelp = help(
    "Repeat misses",
    "misses",
    "3–4",
    "Repeat rule: the counted misses needed in the rolling window before a target miss earns its credit (e.g. the 4th in 12 months). A minimum miss earns its credit at once.",
);
pub(super) const REPEAT_WINDOW: FieldHelp = help(
    "Repeat window",
    "months",
    "6–12 months",
    "Repeat rule: the rolling window, ending in the month billed, in which misses are counted.",
);
pub(super) const SL_CAP: FieldHelp = help(
    "Cap per month",
    "money, or % of charges",
    "the service level's share of the fee at risk",
    "The most this service level's credits may total in a month, before the regime's caps.",
);
pub(super) const EARN_BACK_WINDOW: FieldHelp = help(
    "Earn-back window",
    "months",
    "3–6 months",
    "Earn-back: a credit returns to the provider if the same service level meets its target in each of the next N measured months. Kept as a ledger (pending, earned back, final).",
);
pub(super) const EARN_BACK_FLOOR: FieldHelp = help(
    "Earn-back floor",
    "the KPI's unit",
    "the minimum, or a level below it",
    "Earn-back: a miss worse than this is not eligible; its credit is final at once. Optional.",
);
pub(super) const IMPROVEMENT_SHARE: FieldHelp = help(
    "Improvement share",
    "% of the gap to the average",
    "50 % (halfway)",
    "Continuous improvement: after 12 months better than the target, at the anniversary the target moves this share of the way toward the 12-month average.",
);
pub(super) const IMPROVEMENT_DECIMALS: FieldHelp = help(
    "Moved target's decimals",
    "decimal places",
    "as the clause states (often 1–3); 4, half to even, when it states none",
    "Continuous improvement: the decimals the moved target is kept to, with its halfway rule.",
);
pub(super) const AT_RISK: FieldHelp = help(
    "At-risk pool",
    "% of the month's charges",
    "10–12 %, up to 15 %",
    "At-risk amount = this % × the month's credit base. At-risk credits are allocations of it, and the month's credits are capped at it. Optional.",
);
pub(super) const POINTS_RATE: FieldHelp = help(
    "Points rate",
    "money, or % of the credit base, per point",
    "0.5–1 % of the monthly charges a point",
    "What one service point is worth in money.",
);
pub(super) const MONTHLY_CAP: FieldHelp = help(
    "Monthly cap",
    "money, or % of charges",
    "5–15 % of the month's charges",
    "The most all credits may total in a month. A cap reached is recorded apart from a cap binding (one that cut the credits).",
);
pub(super) const ANNUAL_CAP: FieldHelp = help(
    "Annual cap",
    "money, or % of charges",
    "5–12 % of the year's charges",
    "The most the credits (or a bonus) may total in a contract year.",
);
pub(super) const TERM_CAP: FieldHelp = help(
    "Term cap",
    "money, or % of charges",
    "a share of the total contract value",
    "The most the credits may total over the whole term.",
);
pub(super) const MINIMUM_CREDIT: FieldHelp = help(
    "Minimum credit issued",
    "money",
    "cloud terms: 1.00 in the currency",
    "A month's credits (after the caps) are issued only if greater than this amount; at or below it nothing is issued and the ledger says why. Optional.",
);
pub(super) const BONUS_CAP: FieldHelp = help(
    "Aggregate bonus cap",
    "money, or % of charges, a contract year",
    "a few % of the year's charges",
    "The most all bonuses together may pay in a contract year, on top of each bonus's own cap; paid in the offer's order.",
);
pub(super) const WATCHED_SERVICE_LEVEL: FieldHelp = help(
    "Service level",
    "",
    "",
    "The service level the bonus or trigger watches.",
);
pub(super) const BONUS_THRESHOLD: FieldHelp = help(
    "Threshold to beat",
    "the KPI's unit",
    "better than the target (target 95 %, bonus above 98 %)",
    "Bonus: a month better than this earns the bonus, unless a gating service level missed.",
);
pub(super) const BONUS_AMOUNT: FieldHelp = help(
    "Bonus per month",
    "money, or % of the bonus base",
    "1–5 % of the month's charges",
    "Bonus: what a month beating the threshold pays the provider, after credits, within the bonus's annual cap.",
);
pub(super) const GATED_BY: FieldHelp = help(
    "Gate",
    "",
    "the critical service levels",
    "Bonus: no bonus is paid in a month where a service level ticked here missed.",
);
pub(super) const TRIGGER_MONTHS: FieldHelp = help(
    "Consecutive months",
    "months",
    "2–3 months running",
    "Termination trigger: the service level misses its minimum this many months running. A flag with its month, no money.",
);
pub(super) const TRIGGER_TIMES: FieldHelp = help(
    "Times the cap is reached, or misses",
    "months, or misses",
    "the cap 3 times in 12 months; an escalation at 2 misses in 3 months",
    "Termination trigger: the credits reach the monthly cap this many times in the rolling window. Escalation step: this many misses of the service level in the rolling window send the matter on.",
);
pub(super) const TRIGGER_WINDOW: FieldHelp = help(
    "Trigger window",
    "months",
    "3–12 months",
    "The rolling window a cap-reached trigger or an escalation step counts in.",
);
