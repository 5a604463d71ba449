//! The glossary: every contract term Dealbench models, in a sentence or two — what it means in a
//! contract, its unit and typical range from public practice, and how the engine applies it.
//! One list serves Help › Glossary and the structure view's hovers; the help of each field an
//! editor shows ([`field_help`], [`Setting`]) is in the submodules, beside it.

mod charges;
mod fields;
mod governance;
mod service;
mod setting_texts;
mod settings;

pub use fields::{FIELDS, FieldHelp, field_help, search_fields};
pub use settings::Setting;

/// One term of the glossary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The term as users say it.
    pub term: &'static str,
    /// Other names for it, and the names the structure view's blocks use.
    pub also: &'static [&'static str],
    /// What it means, its unit and range, and how Dealbench applies it.
    pub meaning: &'static str,
}

/// Every term, in the order of operations of an invoice, then the analysis terms.
pub const GLOSSARY: &[Entry] = &[
    Entry {
        term: "Charge",
        also: &["Charges", "Fee"],
        meaning: "What the provider bills for the service: a fixed fee, unit rates or tiered pricing, computed first in the order of operations (base charges, then volume adjustments).",
    },
    Entry {
        term: "Fixed fee",
        also: &["Base charges", "Management fee"],
        meaning: "An amount billed every month whatever the volume (money per month). Billed first, as a base charge.",
    },
    Entry {
        term: "Unit rate",
        also: &["Unit rates", "Service class"],
        meaning: "A price per transaction (call, ticket, invoice processed), optionally by service class: simple, standard and complex work priced differently (money per unit).",
    },
    Entry {
        term: "Tiered pricing",
        also: &["Tiers", "Band", "Graduated", "All-units"],
        meaning: "A volume priced by bands with explicit edges. Graduated: each band at its own rate. All-units: the whole volume at the rate of the band reached, which has cliffs (5,000 calls at 4.00 cost 20,000.00; 5,001 at 3.50 cost 17,503.50). A band may carry a flat fee.",
    },
    Entry {
        term: "ARC/RRC",
        also: &[
            "Volume adjustment",
            "Resource unit",
            "Dead band",
            "Change control",
        ],
        meaning: "Additional and reduced resource charges: a baseline volume, a dead band (typically ±5–10 %), an ARC rate above and an RRC rate below, and outer limits. Whether the whole difference or only the part beyond the dead band is charged is an explicit choice. The outer limits may be one symmetric band (change control either way) or separate upper and lower limits, each with its consequence: change control (still priced), or billed as if at the limit (below a lower limit, a hidden minimum).",
    },
    Entry {
        term: "Minimum commitment",
        also: &["Take-or-pay", "Shortfall"],
        meaning: "A monthly or annual spend the customer commits to; a shortfall is billed at a percentage (typically 100 %). Applied after the volume charges.",
    },
    Entry {
        term: "Indexation",
        also: &["Index", "CPI", "Productivity"],
        meaning: "At each contract anniversary, charges move by the index change (now over twelve months earlier, read a lag before), limited by a floor and a cap (e.g. 0–4 %), weighted by the indexed share (e.g. 70 % labour), less a productivity reduction (e.g. 2 % a year) compounded or additive. Factors compound over the years. An offer may have several clauses, each on its own charges and index (a labour share and a non-labour share). A clause adds an indexation line ((factor − 1) × the charges as billed) or re-rates the prices (each price × the year's factor, kept to a stated precision such as 4 decimals half up, and billed on the new price): the two differ by cents every month.",
    },
    Entry {
        term: "Charge cap",
        also: &[],
        meaning: "The most the counted charges may total in a month or a contract year (money); the excess is taken off as an adjustment.",
    },
    Entry {
        term: "Service level",
        also: &["SLA", "KPI", "Target", "Minimum", "Direction"],
        meaning: "A KPI with a direction (higher or lower is better), a target (expected) and often a minimum (floor), in the KPI's unit (seconds, %). Missing the minimum earns a credit at once; missing only the target may count after a number of misses in a rolling window (the repeat rule).",
    },
    Entry {
        term: "Measurement window",
        also: &["Window", "Rolling window", "Quarter"],
        meaning: "The months a service level is measured over: the month, the quarter, a rolling N months, or with the previous month. Ratios are summed over the window from their parts (Σ numerator / Σ denominator), not averaged.",
    },
    Entry {
        term: "Missing data",
        also: &["Minimum sample", "Exclusion"],
        meaning: "What a month without a measurement counts as: a minimum miss (common in IT outsourcing), no claim (cloud terms), or excluded. A month below the minimum sample (e.g. 30 survey answers) is not measured.",
    },
    Entry {
        term: "Service credit",
        also: &["Credit", "Credit table", "Fixed %", "Per step"],
        meaning: "What a miss costs the provider, taken off the invoice: a fixed % of the month's charges, a credit table on the measured value (cloud: below 99.9 → 10 %, below 99 → 25 %, below 95 → 100 %), an amount per full step of shortfall, service points, or an allocation of the at-risk pool. Rounded per line.",
    },
    Entry {
        term: "At-risk pool",
        also: &["At risk", "Allocation", "Credit pool"],
        meaning: "At-risk amount = at-risk % × monthly charges (typically 10–12 %, up to 15 %). Each service level has an allocation % of it (they may sum to more than 100 %); a miss credits the amount × its allocation, and the month's credits are capped at the at-risk amount.",
    },
    Entry {
        term: "Repeat rule",
        also: &["Expected service level default", "N misses in M months"],
        meaning: "Missing only the target (expected level) earns a credit only from the N-th counted miss in a rolling M months (e.g. the 4th in 12); a minimum miss earns it at once. Which misses count is a choice: every miss (minimum misses too, and, if chosen, months deemed missed for missing data), or target misses only (minimum misses credited at once and counted apart, as many ITO contracts draft it).",
    },
    Entry {
        term: "Minimum credit",
        also: &["Minimum credit issued"],
        meaning: "A credit is issued only if the month's credits (after the caps) are greater than a stated amount (cloud terms: \"only if the credit is greater than USD 1.00\"); at or below it nothing is issued and the ledger says why.",
    },
    Entry {
        term: "Service points",
        also: &["Points"],
        meaning: "Severity bands give points (0–4); a repeat failure in consecutive periods doubles them; points convert to money at a rate, subject to a cap (UK government style).",
    },
    Entry {
        term: "Credit caps",
        also: &[
            "Cap",
            "Monthly cap",
            "Annual cap",
            "Term cap",
            "Credit caps",
            "Fee at risk",
        ],
        meaning: "The most credits may total per service level, per month, per contract year and over the term (money or % of charges). A cap reached is recorded apart from a cap binding (one that cut the credits). The most the caps allow is the fee at risk.",
    },
    Entry {
        term: "Bonus",
        also: &["Bonuses", "Over-performance"],
        meaning: "A payment for beating a threshold, gated (none in a month with a critical miss) and capped per year. Several bonus tiers may share one aggregate cap per contract year (\"bonuses shall not exceed 25,000.00 in aggregate\"), paid in the offer's order. Paid after credits.",
    },
    Entry {
        term: "Earn-back",
        also: &["Earn back"],
        meaning: "A credit returns to the provider if the same service level meets its target in each of the next N measured months; misses beyond a floor are not eligible. Kept as a ledger (pending, earned back, final), not netted.",
    },
    Entry {
        term: "Continuous improvement",
        also: &["Improvement"],
        meaning: "After 12 months above a level, the target resets, e.g. halfway to the 12-month average, at the anniversary, kept to the precision the clause states (\"rounded to three decimal places\"; 4 decimals, half to even, when it states none).",
    },
    Entry {
        term: "Termination trigger",
        also: &["Trigger", "Termination right", "Escalation"],
        meaning: "A flag with a date, not money: the same service level misses its minimum K months running, or credits reach the monthly cap N times in a rolling M months. An escalation ladder's steps are triggers too: N misses (or minimum misses) of a service level in a rolling M months send the matter to someone (the service manager, the steering committee, a rectification plan), flagged as escalations.",
    },
    // Governance terms (issue 11): milestones, delay credits and reviews.
    Entry {
        term: "Milestone",
        also: &["Milestones", "Go-live", "Transition"],
        meaning: "A dated commitment of the provider (transition kick-off, go-live, a handover) with its target date and, once met, its actual date. Shown on a timeline; money only through its delay credit, if it has one.",
    },
    Entry {
        term: "Delay credit",
        also: &["Delay credits", "Liquidated damages", "Days late"],
        meaning: "An amount per day or per week a milestone is late (weeks as the term counts them: each started week in full, or complete weeks only), up to its own cap. Credited in the invoice of the month the milestone is met; not met within the term, in the term's last month for the lateness up to its last day. A credit line of its own, after the credit caps: neither the at-risk pool nor the monthly, annual or term caps count it.",
    },
    Entry {
        term: "Review",
        also: &["Reviews", "Performance review", "Service review"],
        meaning: "A performance review on a schedule (a date, or months after a milestone; then every N months). Each review summarises every service level over the complete months since the previous one: months measured, met, target and minimum misses, credits, and a trend (better, worse, steady) from the average value against the previous period's, in the service level's direction. Not money.",
    },
    Entry {
        term: "Rounding",
        also: &["Half away from zero", "Banker's rounding"],
        meaning: "Every invoice line is rounded to the currency's decimals when it is made, half away from zero by default or half to even; caps apply to the sum of rounded lines. KPI values are compared unrounded.",
    },
    Entry {
        term: "Credit base",
        also: &["Base"],
        meaning: "The charges a percentage credit, bonus or points rate is read on: the month's charges of all components, or of chosen ones (the service measured). A credit of 5 % on a base of 100,000.00 is 5,000.00.",
    },
    Entry {
        term: "Net",
        also: &["What the customer pays"],
        meaning: "Charges + adjustments − credits + bonuses + earn-back, month by month; over the term it is what the offer costs.",
    },
    Entry {
        term: "NPV",
        also: &["Net present value", "Discount rate"],
        meaning: "Each month's net discounted at the project's yearly rate to the contract start: how offers with different timing compare.",
    },
    Entry {
        term: "Replay",
        also: &["History", "Projection"],
        meaning: "The offer billed on the project's KPI history and volumes, then on their projection for the months after.",
    },
    Entry {
        term: "Risk simulation",
        also: &[
            "Risk",
            "Bootstrap",
            "Block",
            "Seed",
            "Trials",
            "P50",
            "P90",
            "Percentile",
        ],
        meaning: "Many futures of the term: each month without data takes a whole history month drawn at random (in blocks of L months to keep runs of bad months), billed as the replay is. Percentiles by nearest rank: P90 is an outcome that 90 % of the trials do not exceed.",
    },
    Entry {
        term: "Risk-adjusted fee",
        also: &["Fee at risk"],
        meaning: "The monthly fee F' = F / (1 − E[credit share]) that keeps the expected net revenue at today's fee F.",
    },
    Entry {
        term: "Offer",
        also: &["Scenario", "Scenarios", "Provider"],
        meaning: "One provider's proposal: its charges, service levels, credit regime, bonuses and triggers. Offers in a project are billed on the same history and projection and compared month by month.",
    },
    Entry {
        term: "Volume",
        also: &["Volumes", "Volume series", "Forecast"],
        meaning: "A monthly count the charges read (calls, tickets, servers): its history, then a forecast (a yearly growth % or months entered).",
    },
    Entry {
        term: "Negotiation round",
        also: &["Round", "Counter-offer"],
        meaning: "Where an offer stands in a negotiation: its round number, the offer it counters, who proposed it, when, and its status (draft, proposed, countered, accepted, rejected).",
    },
    Entry {
        term: "Cost model",
        also: &["Provider cost", "Staffing", "Erlang C"],
        meaning: "The provider's side: the agents each interval needs to meet an answer target (Erlang C, from contacts, handle time, occupancy and shrinkage), their cost with overhead and fixed costs, set against what the offer bills.",
    },
    Entry {
        term: "Import",
        also: &["Imports", "Import mapping"],
        meaning: "A spreadsheet or CSV the project reads KPI or volume months from, with the mapping of its columns, kept so the file can be read again.",
    },
    Entry {
        term: "Project file",
        also: &["Format version", "RON"],
        meaning: "One RON file per project, versioned (format_version): older files are migrated on load, newer ones refused. Amounts are written as strings so no cent is lost.",
    },
];

/// The entry for `name`, by its term or one of its other names (case does not matter).
pub fn lookup(name: &str) -> Option<&'static Entry> {
    let name = name.trim();
    GLOSSARY.iter().find(|e| {
        e.term.eq_ignore_ascii_case(name) || e.also.iter().any(|a| a.eq_ignore_ascii_case(name))
    })
}

/// The entries whose term, other names or meaning contain every word of `query` (case does not
/// matter); every entry for an empty query.
pub fn search(query: &str) -> Vec<&'static Entry> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    GLOSSARY
        .iter()
        .filter(|e| {
            let text = format!("{} {} {}", e.term, e.also.join(" "), e.meaning).to_lowercase();
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_found_by_any_of_their_names_and_by_words() {
        assert_eq!(lookup("earn-back").map(|e| e.term), Some("Earn-back"));
        assert_eq!(lookup("Credit caps").map(|e| e.term), Some("Credit caps"));
        assert_eq!(
            lookup("Service level").map(|e| e.term),
            Some("Service level")
        );
        assert!(lookup("nothing like it").is_none());
        let found: Vec<&str> = search("dead band").iter().map(|e| e.term).collect();
        assert_eq!(found, ["ARC/RRC"]);
        assert_eq!(search("").len(), GLOSSARY.len());
    }

    #[test]
    fn every_structure_block_stage_has_an_entry() {
        // The stages the structure view shows (engine::structure): each hover finds its term.
        for stage in [
            "Charge",
            "Volume adjustment",
            "Minimum commitment",
            "Indexation",
            "Charge cap",
            "Service level",
            "Credit caps",
            "Milestone",
            "Bonus",
            "Earn-back",
            "Trigger",
            "Net",
        ] {
            assert!(lookup(stage).is_some(), "{stage}");
        }
    }
}
