//! The help of the fields of charges, commitments, indexation and charge caps.

use super::FieldHelp;
use super::fields::help;

pub(super) const MONTHLY: FieldHelp = help(
    "Monthly fee",
    "money a month",
    "set by the offer",
    "A fixed amount billed every month whatever the volume. The engine bills it first, as a base charge, and it counts in every credit base that reads this charge.",
);
pub(super) const VOLUME: FieldHelp = help(
    "Volume",
    "",
    "",
    "The volume series the term reads each month (calls, tickets, servers): its history, then its forecast. Choose among the project's volume series.",
);
pub(super) const UNIT_RATE: FieldHelp = help(
    "Rate per unit",
    "money per unit of volume",
    "from cents (an API call) to tens of money (a complex ticket)",
    "The price of one transaction of this service class (simple, standard, complex work priced differently). The engine bills the month's units × the rate, rounded per line.",
);
pub(super) const BAND_FROM: FieldHelp = help(
    "Band lower edge",
    "units of volume",
    "0 for the first band; each band starts where the one below ends",
    "The volume above which the band applies (the band holds the units above \"from\", up to and including \"to\"). Gaps and overlaps between bands are flagged.",
);
pub(super) const BAND_TO: FieldHelp = help(
    "Band upper edge",
    "units of volume",
    "the next band's lower edge; the last band is open-ended",
    "The volume up to and including which the band applies. The last band may be open-ended.",
);
pub(super) const BAND_RATE: FieldHelp = help(
    "Band rate",
    "money per unit",
    "falling as the bands rise",
    "The price per unit in the band. Graduated: the band's own units at this rate. All-units: every unit at the rate of the band the volume reaches (which has cliffs at the edges).",
);
pub(super) const BAND_FLAT_FEE: FieldHelp = help(
    "Band flat fee",
    "money a month",
    "0 unless the band carries a fixed fee",
    "A fixed amount billed in a month whose volume reaches the band; with a tiered fixed fee it is the whole charge.",
);
pub(super) const BASELINE: FieldHelp = help(
    "Baseline volume",
    "units of volume a month",
    "the volume the fixed charges were priced on",
    "ARC/RRC: the monthly volume the base charges pay for. Volumes above it are charged at the ARC rate, below it refunded at the RRC rate, outside the dead band.",
);
pub(super) const DEAD_BAND: FieldHelp = help(
    "Dead band",
    "± % of the baseline",
    "±5–10 %",
    "ARC/RRC: a band around the baseline in which volume changes are not charged. Outside it the engine adjusts either the whole difference from the baseline or only the part beyond the band, as chosen.",
);
pub(super) const ARC_RATE: FieldHelp = help(
    "ARC rate",
    "money per unit above the baseline",
    "near the unit price implied by the base charges",
    "Additional resource charge: the price of each unit above the baseline (outside the dead band), added to the month's charges.",
);
pub(super) const RRC_RATE: FieldHelp = help(
    "RRC rate",
    "money per unit below the baseline",
    "at or below the ARC rate",
    "Reduced resource credit: the refund for each unit below the baseline (outside the dead band), taken off the month's charges.",
);
pub(super) const OUTER_BAND: FieldHelp = help(
    "Outer band",
    "± % of the baseline",
    "±20–30 %",
    "ARC/RRC: the limit either side of the baseline beyond which volumes go to change control (a renegotiation). The engine still prices them and flags the months.",
);
pub(super) const UPPER_LIMIT: FieldHelp = help(
    "Upper limit",
    "% above the baseline",
    "+20–30 %",
    "ARC/RRC: an outer limit above the baseline of its own, with its consequence: change control (still priced) or billed as if the volume were at the limit.",
);
pub(super) const LOWER_LIMIT: FieldHelp = help(
    "Lower limit",
    "% below the baseline",
    "−20–30 %",
    "ARC/RRC: an outer limit below the baseline of its own. Billed as if at the limit, it is a hidden minimum: volumes below it are not refunded.",
);
pub(super) const COMMITTED_SPEND: FieldHelp = help(
    "Committed spend",
    "money per period",
    "a share of the expected charges, often around 80 %",
    "Minimum commitment (take-or-pay): the spend the customer commits to per month or contract year. The engine bills the shortfall (commitment − counted charges) × the shortfall %, after the volume charges.",
);
pub(super) const COMMITTED_UNITS: FieldHelp = help(
    "Committed units",
    "units of volume per period",
    "a share of the forecast volume, often around 80 %",
    "A volume commitment: the units the customer commits to per period. Units short are billed at the price per unit short × the shortfall %.",
);
pub(super) const SHORTFALL_RATE: FieldHelp = help(
    "Price per unit short",
    "money per unit",
    "the unit price, or a share of it",
    "A volume commitment: what each unit below the committed units costs.",
);
pub(super) const SHORTFALL_PCT: FieldHelp = help(
    "Shortfall billed",
    "% of the shortfall",
    "100 % (take-or-pay); 50–100 % when softened",
    "The part of a shortfall the customer pays.",
);
pub(super) const APPLIES_TO: FieldHelp = help(
    "Charges counted",
    "",
    "all charges, or the service charges only",
    "Which charges the rule reads: all of the offer's charges, or chosen ones (a cap on the run charges only, indexation of the labour charges only).",
);
pub(super) const INDEX: FieldHelp = help(
    "Index",
    "",
    "CPI, a labour cost index, or an agreed basket",
    "The price index series the clause reads: its change over twelve months (now over a year earlier, read a lag before each anniversary).",
);
pub(super) const LAG: FieldHelp = help(
    "Index lag",
    "months",
    "1–3 months (the last published figure)",
    "How many months before each anniversary the index is read, as published figures come late.",
);
pub(super) const INDEXED_SHARE: FieldHelp = help(
    "Indexed share",
    "% of the charges",
    "50–80 % (the labour share)",
    "The part of the charges that moves with the index; the rest stays fixed. The yearly change applied is the index change × this share.",
);
pub(super) const INDEX_FLOOR: FieldHelp = help(
    "Floor",
    "% a year",
    "0 % (prices never fall)",
    "The smallest yearly change applied: a lower index change is raised to it.",
);
pub(super) const INDEX_CAP: FieldHelp = help(
    "Cap",
    "% a year",
    "3–5 %",
    "The largest yearly change applied: a higher index change is cut to it.",
);
pub(super) const PRODUCTIVITY: FieldHelp = help(
    "Productivity reduction",
    "% a year",
    "1–3 % a year",
    "A yearly reduction the provider commits to, taken off the indexed change: compounded (factor × (1 − p)) or additive (change − p), as chosen. Factors compound over the years.",
);
pub(super) const PRICE_DECIMALS: FieldHelp = help(
    "Price decimals",
    "decimal places",
    "2–4 decimals",
    "Re-rating: the decimals a re-rated price is kept to at each anniversary (with the halfway rule), before the month is billed on it.",
);
pub(super) const CHARGE_CAP_LIMIT: FieldHelp = help(
    "Limit",
    "money per period",
    "the customer's budget for the period",
    "Charge cap: the most the counted charges may total in a month or contract year. The engine takes the excess off as an adjustment.",
);
