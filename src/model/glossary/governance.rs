//! The help of the governance terms' fields: milestones, their delay credits and the review
//! schedule.

use super::fields::{FieldHelp, help};

pub(super) const TARGET_DATE: FieldHelp = help(
    "Target date",
    "a date (YYYY-MM-DD)",
    "transition kick-off in the first weeks; go-live 3–6 months after signature",
    "The day the contract says the milestone is due. A delay credit counts the days from it to the day the milestone is actually met.",
);
pub(super) const ACTUAL_DATE: FieldHelp = help(
    "Actual date",
    "a date (YYYY-MM-DD), empty until met",
    "entered as it happens",
    "The day the milestone was met. Its delay credit is billed in that month's invoice; a milestone not met within the term is credited in the term's last month, counted to the term's last day.",
);
pub(super) const DELAY_AMOUNT: FieldHelp = help(
    "Delay credit",
    "money per day or per week late",
    "0.1–1 % of the annual charges per week; often 1,000–10,000 a day on large transitions",
    "The credit per unit of lateness (a day, a started week or a complete week, as the term says). A credit of its own, after the service credits' caps: the at-risk pool and the credit caps do not count it.",
);
pub(super) const DELAY_CAP: FieldHelp = help(
    "Delay credit cap",
    "money",
    "typically 5–15 % of the annual charges, or a fixed sum",
    "The most the milestone's delay credit can reach, however late it is met. Empty: no cap.",
);
pub(super) const DELAY_UNIT: FieldHelp = help(
    "Counted per",
    "day, started week or complete week",
    "per day on go-live; per week or part week in many transition schedules",
    "How lateness is counted: each day late; each week or part week (8 days late is 2 weeks); or each complete week (13 days late is 1 week).",
);
pub(super) const FIRST_REVIEW: FieldHelp = help(
    "First review",
    "a date, or months after a milestone",
    "2–3 months after go-live",
    "When the first performance review is held: on a date, or some months after a milestone (its actual date once met, its target date before). Each review summarises every service level since the previous one.",
);
pub(super) const REVIEW_EVERY: FieldHelp = help(
    "Reviews every",
    "months",
    "monthly service reviews; quarterly or half-yearly performance reviews",
    "The months between performance reviews. Each review gets a generated summary per service level: months measured, met, target and minimum misses, credits and the trend against the previous review.",
);
