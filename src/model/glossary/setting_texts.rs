//! The help texts of the settings ([`super::Setting`]) and of every term's id and name.

use super::FieldHelp;
use super::fields::help;

pub(super) const ID: FieldHelp = help(
    "Id",
    "",
    "a short word: asa, p1_resolution",
    "The term's id in the project file: other terms point at it (a bonus at its service level, a scope at its charges), and offers are compared term by term through it.",
);
pub(super) const NAME: FieldHelp = help(
    "Name",
    "",
    "",
    "The name people know the term by, shown in the structure, the ledger and the report.",
);
pub(super) const PROJECT_NAME: FieldHelp = help(
    "Project name",
    "",
    "",
    "The deal being modelled, shown in titles and the report.",
);
pub(super) const CUSTOMER: FieldHelp = help(
    "Customer",
    "",
    "",
    "The party buying the service: credits are paid to it, charges by it.",
);
pub(super) const CURRENCY: FieldHelp = help(
    "Currency",
    "an ISO code",
    "EUR, GBP, USD",
    "The currency of every amount in the project.",
);
pub(super) const CONTRACT_START: FieldHelp = help(
    "Contract start",
    "month (YYYY-MM)",
    "",
    "The first month of the term: contract years and anniversaries (indexation, continuous improvement, annual caps) count from it.",
);
pub(super) const TERM_MONTHS: FieldHelp = help(
    "Term",
    "months",
    "36–60 months (3–5 years) for outsourcing; 12–36 for cloud",
    "The contract's length: the months billed, replayed on history and projected after it.",
);
pub(super) const ROUNDING_RULE: FieldHelp = help(
    "Rounding",
    "",
    "half away from zero (commercial); half to even (banker's)",
    "How a half is rounded. Every invoice line is rounded when it is made; caps apply to the sum of rounded lines.",
);
pub(super) const CURRENCY_DECIMALS: FieldHelp = help(
    "Currency decimals",
    "decimal places",
    "2 (0 for JPY)",
    "The decimals every invoice line is rounded to.",
);
pub(super) const DISCOUNT_RATE: FieldHelp = help(
    "Discount rate",
    "% a year",
    "the customer's cost of capital, often 6–10 %",
    "Each month's net is discounted at this yearly rate to the contract start (NPV), so offers with different timing compare.",
);
pub(super) const FUTURE_KPIS: FieldHelp = help(
    "Future KPIs",
    "",
    "",
    "What the months after the KPI history assume: the last 12 months repeated, every KPI exactly at target, or values entered.",
);
pub(super) const OFFER_NAME: FieldHelp = help(
    "Offer name",
    "",
    "",
    "The offer (scenario) as compared and reported; its negotiation rounds follow a rename.",
);
pub(super) const PROVIDER: FieldHelp = help(
    "Provider",
    "",
    "",
    "The party offering the service: it bills the charges and pays the credits.",
);
pub(super) const NOTES: FieldHelp = help(
    "Notes",
    "",
    "",
    "Free text kept with the offer: assumptions, open points.",
);
pub(super) const PROPOSED_BY: FieldHelp = help(
    "Proposed by",
    "",
    "",
    "Who put this round of the negotiation on the table: the provider or the customer.",
);
pub(super) const ROUND_STATUS: FieldHelp = help(
    "Status",
    "",
    "",
    "Where the round stands: draft, proposed, countered, accepted or rejected.",
);
pub(super) const PROPOSED_ON: FieldHelp = help(
    "Proposed on",
    "date (YYYY-MM-DD)",
    "",
    "The day the round was proposed.",
);
pub(super) const SERIES_UNIT: FieldHelp = help(
    "Unit",
    "",
    "%, s, calls, tickets",
    "The unit the series' values are in; service levels on a KPI show it beside their levels.",
);
pub(super) const RATIO_SCALE: FieldHelp = help(
    "Scale",
    "×",
    "100 for a percentage",
    "A ratio KPI is Σ numerator / Σ denominator over its window, times this scale.",
);
pub(super) const VOLUME_GROWTH: FieldHelp = help(
    "Forecast growth",
    "% a year",
    "−10 to +10 %",
    "The volume after its history grows at this yearly rate, month by month.",
);
pub(super) const INDEX_FORECAST: FieldHelp = help(
    "Assumed index change",
    "% a year",
    "2–3 % (central bank inflation targets)",
    "After the index's last value, it is assumed to change at this yearly rate.",
);
pub(super) const SERVICE_CLASS: FieldHelp = help(
    "Service class",
    "",
    "simple, standard, complex",
    "A class of work priced at its own unit rate, read on its own volume series.",
);
pub(super) const PRICING_KIND: FieldHelp = help(
    "Pricing",
    "",
    "",
    "How a charge is priced: a fixed fee a month, unit rates per service class, tiered pricing on a volume, or ARC/RRC (a baseline volume with a dead band, adjusted at a rate above and below).",
);
pub(super) const KPI_DATA: FieldHelp = help(
    "KPI data",
    "",
    "",
    "How a KPI's months are given: the values themselves (with sample sizes if any), downtime minutes (availability from the real month length), or a ratio's numerator and denominator, summed over a window before dividing.",
);
pub(super) const TIER_MODE: FieldHelp = help(
    "Tier mode",
    "",
    "",
    "Graduated: each band's units at its own rate. All-units: the whole volume at the rate of the band reached (with cliffs: 5,000 calls at 4.00 cost 20,000.00; 5,001 at 3.50 cost 17,503.50). Tiered fixed fee: the flat fee of the band reached.",
);
pub(super) const DEAD_BAND_CONVENTION: FieldHelp = help(
    "Adjusted units",
    "",
    "",
    "ARC/RRC: outside the dead band, the whole difference from the baseline is charged, or only the part beyond the dead band. The two drafting conventions differ by real money.",
);
pub(super) const BEYOND_LIMIT: FieldHelp = help(
    "Beyond the limit",
    "",
    "",
    "What a volume beyond an outer limit means: change control (still priced, flagged), or billed as if the volume were at the limit (below a lower limit, a hidden minimum).",
);
pub(super) const COMMITMENT_PERIOD: FieldHelp = help(
    "Period",
    "",
    "monthly, or per contract year",
    "The period the commitment or cap is measured over. A yearly commitment is settled in the contract year's last month (prorated when the term cuts the year short); a yearly charge cap cuts the charges from the month the year's total reaches it.",
);
pub(super) const COMMITMENT_BASIS: FieldHelp = help(
    "Committed",
    "",
    "",
    "What is committed: a spend (money per period on chosen charges) or a volume (units per period, units short billed at a price).",
);
pub(super) const PRODUCTIVITY_COMBINATION: FieldHelp = help(
    "Combined",
    "",
    "",
    "How the productivity reduction meets the index change: compounded (factor × (1 − p)) or additive (change − p).",
);
pub(super) const INDEXATION_METHOD: FieldHelp = help(
    "Applied as",
    "",
    "",
    "An indexation line adds (factor − 1) × the month's indexed charges, as billed. Re-rating moves the prices at each anniversary (rate × factor, kept to a stated precision) and bills on the new prices: the two differ by cents every month.",
);
pub(super) const DIRECTION: FieldHelp = help(
    "Direction",
    "",
    "higher: availability, % answered; lower: answer time, backlog",
    "Whether a higher or a lower KPI value is better; every comparison with the target, minimum and thresholds follows it.",
);
pub(super) const MEASURED_OVER: FieldHelp = help(
    "Measured over",
    "",
    "each month (most); quarter or rolling 3 months for low volumes",
    "The months a service level is measured over: the month, the quarter, a rolling N months, or with the previous month. Ratios are summed over the window from their parts, not averaged.",
);
pub(super) const MISSING_DATA: FieldHelp = help(
    "Missing data",
    "",
    "deemed a minimum miss (IT outsourcing); no claim (cloud)",
    "What a month without a measurement counts as: a minimum miss, no claim possible, or excluded.",
);
pub(super) const CREDIT_FAMILY: FieldHelp = help(
    "Credit family",
    "",
    "",
    "How a miss is credited: a fixed % of the credit base, a credit table on the measured value, a share of the at-risk pool, service points, or an amount per full step of shortfall.",
);
pub(super) const REPEAT_RULE: FieldHelp = help(
    "Repeat rule",
    "",
    "the 4th miss in 12 months",
    "Missing only the target earns a credit only from the N-th counted miss in a rolling M months; a minimum miss earns it at once.",
);
pub(super) const REPEAT_COUNTS: FieldHelp = help(
    "Misses counted",
    "",
    "",
    "Every miss: a minimum miss also counts toward the repeat. Target misses only: minimum misses are credited at once and counted apart, as many IT outsourcing contracts write it.",
);
pub(super) const DEEMED_MISSES_COUNT: FieldHelp = help(
    "Deemed misses count",
    "",
    "",
    "Whether a month deemed missed for missing data counts toward the repeat rule.",
);
pub(super) const REPEAT_DOUBLES: FieldHelp = help(
    "Repeat doubles",
    "",
    "",
    "Service points: a failure in consecutive months doubles the points.",
);
pub(super) const EARN_BACK: FieldHelp = help(
    "Earn-back",
    "",
    "the next 3 months at target",
    "A credit returns to the provider if the same service level meets its target in each of the next N measured months; misses beyond a floor are not eligible. Kept as a ledger (pending, earned back, final), not netted.",
);
pub(super) const IMPROVEMENT: FieldHelp = help(
    "Continuous improvement",
    "",
    "halfway to the 12-month average",
    "After 12 months better than the target, the target moves at the anniversary toward the year's average.",
);
pub(super) const LIMIT_KIND: FieldHelp = help(
    "Limit",
    "money, or % of charges",
    "",
    "A cap written as an amount in the currency, or as a % of the period's charges; none for no cap.",
);
pub(super) const RATE_KIND: FieldHelp = help(
    "Rate",
    "money, or % of the base",
    "",
    "An amount in the currency, or a % of the base charges.",
);
pub(super) const TRIGGER_KIND: FieldHelp = help(
    "Fires when",
    "",
    "3 minimum misses running; the cap reached 3 times in 12 months",
    "A termination right (the minimum missed months running, or credits at the cap often) or a step of the escalation ladder (misses in a rolling window). Flags with their month, never money.",
);
pub(super) const MINIMUM_ONLY: FieldHelp = help(
    "Only minimum misses",
    "",
    "",
    "Escalation: only minimum misses count toward the step, not target misses.",
);
pub(super) const ESCALATED_TO: FieldHelp = help(
    "Escalated to",
    "",
    "service manager, steering committee, rectification plan",
    "Escalation: who the matter goes to when the step is reached.",
);
pub(super) const TRIALS: FieldHelp = help(
    "Trials",
    "futures",
    "10,000",
    "Risk simulation: how many futures of the term are drawn.",
);
pub(super) const SEED: FieldHelp = help(
    "Seed",
    "",
    "any number",
    "Risk simulation: the same seed draws the same futures, so a result can be reproduced.",
);
pub(super) const BLOCK_MONTHS: FieldHelp = help(
    "Block length",
    "months",
    "3 months",
    "Risk simulation: history months are drawn in blocks of this length, to keep runs of bad months.",
);
pub(super) const CONTACTS: FieldHelp = help(
    "Contacts",
    "",
    "",
    "Cost model: the volume series counted as contacts (calls), summed each month.",
);
pub(super) const HANDLE_TIME: FieldHelp = help(
    "Average handle time",
    "s",
    "180–600 s for a call",
    "Cost model: talk, hold and wrap-up per contact: the workload is contacts × handle time.",
);
pub(super) const ANSWER_TARGET: FieldHelp = help(
    "Answer target",
    "",
    "80 % in 20 s; 30 s average speed",
    "Cost model: the answer-time target each interval is staffed to (Erlang C).",
);
pub(super) const ANSWERED_IN_TIME: FieldHelp = help(
    "Answered in time",
    "% of contacts",
    "80–90 %",
    "Cost model: the share of contacts answered within the answer time.",
);
pub(super) const ANSWER_TIME: FieldHelp = help(
    "Answer time",
    "s",
    "20–30 s",
    "Cost model: the time within which contacts count as answered in time.",
);
pub(super) const AVERAGE_SPEED: FieldHelp = help(
    "Average speed of answer",
    "s",
    "20–60 s",
    "Cost model: the average time to answer over all contacts.",
);
pub(super) const TARGET_READ_FROM: FieldHelp = help(
    "Target read from",
    "",
    "",
    "Cost model: the offer's service level whose target replaces the number above, so staffing follows the offer.",
);
pub(super) const MAX_OCCUPANCY: FieldHelp = help(
    "Maximum occupancy",
    "%",
    "80–90 %",
    "Cost model: the highest share of their time agents may spend on contacts.",
);
pub(super) const SHRINKAGE: FieldHelp = help(
    "Shrinkage",
    "% of paid time",
    "30–35 %",
    "Cost model: paid time not available for contacts (breaks, training, absence).",
);
pub(super) const LABOUR_COST: FieldHelp = help(
    "Labour cost",
    "money an hour, or a month per FTE",
    "",
    "Cost model: what a paid hour, or a full-time agent a month, costs.",
);
pub(super) const FTE_HOURS: FieldHelp = help(
    "Hours per FTE",
    "paid hours a month",
    "150–170",
    "Cost model: paid hours of one full-time agent in a month.",
);
pub(super) const OVERHEAD: FieldHelp = help(
    "Overhead",
    "% of labour",
    "15–30 %",
    "Cost model: supervision, facilities and IT on top of labour.",
);
pub(super) const FIXED_COSTS: FieldHelp = help(
    "Fixed costs",
    "money a month",
    "",
    "Cost model: costs that do not depend on volume (site, licences, management).",
);
pub(super) const INTERVAL_MINUTES: FieldHelp = help(
    "Interval length",
    "minutes",
    "15 or 30 minutes",
    "Cost model: the length of a staffing interval; each is staffed on its own.",
);
pub(super) const OPENS_AT: FieldHelp = help(
    "Opens at",
    "hour of the day",
    "8",
    "Cost model: when the first interval of the day starts.",
);
pub(super) const DAY_WEIGHT: FieldHelp = help(
    "Day weight",
    "relative",
    "0 closes the day",
    "Cost model: how the week's contacts spread over the days, relative to each other.",
);
pub(super) const INTERVALS_A_DAY: FieldHelp = help(
    "Intervals a day",
    "intervals",
    "",
    "Cost model: how many staffing intervals the service is open a day.",
);
pub(super) const INTRADAY_WEIGHT: FieldHelp = help(
    "Interval weight",
    "relative",
    "",
    "Cost model: how a day's contacts spread over its intervals, relative to each other.",
);
