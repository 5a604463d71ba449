//! The typed address of a term: which component of an offer, and where needed which field in
//! it (`charge "calls" / band 2 / upper edge`, `service level "asa" / target`).
//!
//! Every part of Dealbench that points at a term uses these values, never a sentence: a
//! validation problem ([`crate::model::ValidationError`]), a ledger line
//! ([`crate::engine::Line`]), the app's selection, the structure view, and the analyses that
//! walk an offer's terms ([`crate::model::terms`]). Components are addressed by their id, so
//! an address means the same term in two offers (which is what a diff between offers needs);
//! triggers have no id and are addressed by position.

use std::fmt;

use serde::{Deserialize, Serialize};

mod components;

/// A component of an offer: a fee, a commitment, a cap, a service level, …
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Component {
    /// The offer itself: its name, provider and notes.
    Offer,
    /// A fee component, by id.
    Charge(String),
    /// A minimum commitment, by id.
    Minimum(String),
    /// An indexation clause, by position (0-based) in the offer's list.
    Indexation(usize),
    /// A cap on charges, by id.
    ChargeCap(String),
    /// A service level, by id.
    ServiceLevel(String),
    /// The rules that apply to credits together: the at-risk pool, points rate and caps.
    CreditRegime,
    /// A bonus, by id.
    Bonus(String),
    /// A termination trigger, by position (0-based) in the offer's list.
    Trigger(usize),
    /// A milestone (and its delay credit), by id.
    Milestone(String),
}

impl Component {
    /// The word for the kind of component, as people say it ("charge", "service level").
    pub fn kind_word(&self) -> &'static str {
        match self {
            Component::Offer => "offer",
            Component::Charge(_) => "charge",
            Component::Minimum(_) => "minimum",
            Component::Indexation(_) => "indexation",
            Component::ChargeCap(_) => "charge cap",
            Component::ServiceLevel(_) => "service level",
            Component::CreditRegime => "credit regime",
            Component::Bonus(_) => "bonus",
            Component::Trigger(_) => "trigger",
            Component::Milestone(_) => "milestone",
        }
    }

    /// The component's id, for those addressed by one.
    pub fn id(&self) -> Option<&str> {
        match self {
            Component::Charge(id)
            | Component::Minimum(id)
            | Component::ChargeCap(id)
            | Component::ServiceLevel(id)
            | Component::Bonus(id)
            | Component::Milestone(id) => Some(id),
            _ => None,
        }
    }

    /// The address of `field` in this component.
    pub fn field(self, field: Field) -> TermPath {
        TermPath {
            component: self,
            field: Some(field),
        }
    }
}

impl fmt::Display for Component {
    /// `charge "calls"`, `indexation` (the first clause), `indexation 2`, `trigger 2` (counted
    /// from 1, as people count).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Component::Trigger(i) => write!(f, "trigger {}", i + 1),
            // The first clause is "indexation", as when an offer had only one.
            Component::Indexation(0) => f.write_str("indexation"),
            Component::Indexation(i) => write!(f, "indexation {}", i + 1),
            other => match other.id() {
                Some(id) => write!(f, "{} \"{id}\"", other.kind_word()),
                None => f.write_str(other.kind_word()),
            },
        }
    }
}

/// The edge, rate or fee of a tier band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum BandField {
    /// The lower edge (`from`).
    From,
    /// The upper edge (`to`).
    To,
    /// The price per unit in the band.
    Rate,
    /// The flat monthly fee of the band.
    FlatFee,
}

/// A cell of a row of a credit table or of a points band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RowField {
    /// The threshold the value must be worse than.
    WorseThan,
    /// What the row gives: a credit percentage or points.
    Value,
}

/// A field of a component. Rows (bands, rates, table rows) are addressed by position, 0-based;
/// they are shown counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    /// The component's id.
    Id,
    /// The name shown to people.
    Name,
    /// A fixed fee's monthly amount.
    Monthly,
    /// The volume series a tier, unit rate, adjustment or volume commitment reads.
    Volume,
    /// The price per unit of a unit-rate class, by position.
    UnitRate(usize),
    /// A tier band's edge, rate or flat fee, by position.
    Band(usize, BandField),
    /// ARC/RRC: the monthly baseline volume.
    Baseline,
    /// ARC/RRC: the dead band in percent of the baseline.
    DeadBandPct,
    /// ARC/RRC: the price per unit above the baseline.
    ArcRate,
    /// ARC/RRC: the refund per unit below the baseline.
    RrcRate,
    /// ARC/RRC: the outer band that triggers change control, in percent.
    OuterBandPct,
    /// ARC/RRC: the upper outer limit in percent above the baseline.
    UpperLimitPct,
    /// ARC/RRC: the lower outer limit in percent below the baseline.
    LowerLimitPct,
    /// A spend commitment's amount per period.
    CommitmentAmount,
    /// A volume commitment's units per period.
    CommitmentUnits,
    /// A volume commitment's price per unit of shortfall.
    ShortfallRate,
    /// The percentage of a shortfall billed.
    ShortfallPct,
    /// The charges a rule reads (a scope).
    AppliesTo,
    /// Indexation: the index series.
    Index,
    /// Indexation: months between the index reading and the anniversary.
    LagMonths,
    /// Indexation: the indexed share in percent.
    IndexedSharePct,
    /// Indexation: the smallest yearly change applied, in percent.
    FloorPct,
    /// Indexation: the largest yearly change applied, in percent.
    CapPct,
    /// Indexation: the yearly productivity reduction in percent.
    ProductivityPct,
    /// Indexation by re-rating: the decimals a re-rated price is kept to.
    RatePrecision,
    /// A charge cap's limit per period.
    Limit,
    /// A service level's KPI series.
    Kpi,
    /// A service level's target (expected level).
    Target,
    /// A service level's minimum (floor).
    Minimum,
    /// A rolling measurement window in months.
    WindowMonths,
    /// The minimum sample below which a month is not measured.
    MinimumSample,
    /// An excluded month, by position.
    ExcludedMonth(usize),
    /// Fixed-percentage credit: percent when only the target is missed.
    TargetMissPct,
    /// Fixed-percentage credit: percent when the minimum is missed.
    MinimumMissPct,
    /// A credit-table row, by position.
    CreditStep(usize, RowField),
    /// At-risk credit: the allocation of the pool in percent.
    AllocationPct,
    /// A points band, by position.
    PointsBand(usize, RowField),
    /// Per-step credit: the size of one step in the KPI's unit.
    Step,
    /// Per-step credit: the credit per full step.
    PerStep,
    /// Per-step credit: the most it credits in a month, in percent of the base.
    MaxPct,
    /// The charges a percentage credit or bonus is read on.
    CreditBase,
    /// Repeat rule: the target misses needed in the window.
    RepeatMisses,
    /// Repeat rule: the rolling window in months.
    RepeatWindowMonths,
    /// A service level's monthly credit cap.
    Cap,
    /// Earn-back: the measured months that must all meet target.
    EarnBackWindowMonths,
    /// Earn-back: misses worse than this value are final at once.
    EarnBackFloor,
    /// Continuous improvement: how far toward the average the target moves, in percent.
    ImprovementSharePct,
    /// Continuous improvement: the decimals the moved target is kept to.
    ImprovementDecimals,
    /// Credit regime: the at-risk pool in percent of the month's charges.
    AtRiskPct,
    /// Credit regime: what one service point is worth.
    PointsRate,
    /// Credit regime: the cap on a month's credits.
    MonthlyCap,
    /// Credit regime or bonus: the cap per contract year.
    AnnualCap,
    /// Credit regime: the cap over the term.
    TermCap,
    /// Credit regime: the smallest month's credit issued.
    MinimumCredit,
    /// Credit regime: the cap on all bonuses together per contract year.
    BonusCap,
    /// The service level a bonus or trigger watches.
    ServiceLevel,
    /// A bonus's threshold to reach or beat.
    Threshold,
    /// A bonus's amount per month earned.
    BonusAmount,
    /// A bonus's gating service level, by position.
    GatedBy(usize),
    /// A trigger's consecutive months.
    TriggerMonths,
    /// A cap-reached trigger's count of months.
    TriggerTimes,
    /// A cap-reached trigger's rolling window in months.
    TriggerWindowMonths,
    /// A milestone's target date.
    TargetDate,
    /// A milestone's actual date.
    ActualDate,
    /// A delay credit's amount per unit of lateness.
    DelayAmount,
    /// A delay credit's cap.
    DelayCap,
}

impl Field {
    /// The field's name in the project file (`target`, `arc_rate`), used to find it in the text.
    pub fn file_name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Name => "name",
            Field::Monthly => "monthly",
            Field::Volume => "volume",
            Field::UnitRate(_) => "rate",
            Field::Band(_, part) => match part {
                BandField::From => "from",
                BandField::To => "to",
                BandField::Rate => "rate",
                BandField::FlatFee => "flat_fee",
            },
            Field::Baseline => "baseline",
            Field::DeadBandPct => "dead_band_pct",
            Field::ArcRate => "arc_rate",
            Field::RrcRate => "rrc_rate",
            Field::OuterBandPct => "outer_band_pct",
            Field::UpperLimitPct => "upper_limit",
            Field::LowerLimitPct => "lower_limit",
            Field::CommitmentAmount => "amount",
            Field::CommitmentUnits => "units",
            Field::ShortfallRate => "rate",
            Field::ShortfallPct => "shortfall_pct",
            Field::AppliesTo => "applies_to",
            Field::Index => "index",
            Field::LagMonths => "lag_months",
            Field::IndexedSharePct => "indexed_share_pct",
            Field::FloorPct => "floor_pct",
            Field::CapPct => "cap_pct",
            Field::ProductivityPct => "productivity_pct",
            Field::Limit => "limit",
            Field::Kpi => "kpi",
            Field::Target => "target",
            Field::Minimum => "minimum",
            Field::WindowMonths => "window",
            Field::MinimumSample => "minimum_sample",
            Field::ExcludedMonth(_) => "excluded_months",
            Field::TargetMissPct => "target_miss_pct",
            Field::MinimumMissPct => "minimum_miss_pct",
            Field::CreditStep(_, RowField::WorseThan)
            | Field::PointsBand(_, RowField::WorseThan) => "worse_than",
            Field::CreditStep(_, RowField::Value) => "credit_pct",
            Field::PointsBand(_, RowField::Value) => "points",
            Field::AllocationPct => "allocation_pct",
            Field::Step => "step",
            Field::PerStep => "per_step",
            Field::MaxPct => "max_pct",
            Field::CreditBase => "credit_base",
            Field::RepeatMisses => "misses",
            Field::RepeatWindowMonths
            | Field::EarnBackWindowMonths
            | Field::TriggerWindowMonths => "window_months",
            Field::Cap => "cap",
            Field::EarnBackFloor => "floor",
            Field::ImprovementSharePct => "share_pct",
            Field::ImprovementDecimals | Field::RatePrecision => "precision",
            Field::AtRiskPct => "at_risk_pct",
            Field::PointsRate => "points_rate",
            Field::MonthlyCap => "monthly_cap",
            Field::AnnualCap => "annual_cap",
            Field::TermCap => "term_cap",
            Field::MinimumCredit => "minimum_credit",
            Field::BonusCap => "bonus_cap",
            Field::ServiceLevel => "service_level",
            Field::Threshold => "threshold",
            Field::BonusAmount => "amount",
            Field::GatedBy(_) => "gated_by",
            Field::TriggerMonths => "months",
            Field::TriggerTimes => "times",
            Field::TargetDate => "target",
            Field::ActualDate => "actual",
            Field::DelayAmount => "amount",
            Field::DelayCap => "cap",
        }
    }

    /// The field as people name it ("band 2 upper edge", "target", "earn-back window").
    pub fn label(self) -> String {
        let fixed = match self {
            Field::Id => "id",
            Field::Name => "name",
            Field::Monthly => "monthly fee",
            Field::Volume => "volume",
            Field::UnitRate(i) => return format!("rate {}", i + 1),
            Field::Band(i, part) => {
                let part = match part {
                    BandField::From => "lower edge",
                    BandField::To => "upper edge",
                    BandField::Rate => "rate",
                    BandField::FlatFee => "flat fee",
                };
                return format!("band {} {part}", i + 1);
            }
            Field::Baseline => "baseline",
            Field::DeadBandPct => "dead band",
            Field::ArcRate => "ARC rate",
            Field::RrcRate => "RRC rate",
            Field::OuterBandPct => "outer band",
            Field::UpperLimitPct => "upper limit",
            Field::LowerLimitPct => "lower limit",
            Field::CommitmentAmount => "committed amount",
            Field::CommitmentUnits => "committed units",
            Field::ShortfallRate => "shortfall rate",
            Field::ShortfallPct => "shortfall billed",
            Field::AppliesTo => "charges counted",
            Field::Index => "index",
            Field::LagMonths => "index lag",
            Field::IndexedSharePct => "indexed share",
            Field::FloorPct => "floor",
            Field::CapPct => "cap",
            Field::ProductivityPct => "productivity",
            Field::Limit => "limit",
            Field::Kpi => "KPI",
            Field::Target => "target",
            Field::Minimum => "minimum",
            Field::WindowMonths => "rolling window",
            Field::MinimumSample => "minimum sample",
            Field::ExcludedMonth(i) => return format!("excluded month {}", i + 1),
            Field::TargetMissPct => "credit on a target miss",
            Field::MinimumMissPct => "credit on a minimum miss",
            Field::CreditStep(i, part) => {
                let part = match part {
                    RowField::WorseThan => "threshold",
                    RowField::Value => "credit",
                };
                return format!("credit table row {} {part}", i + 1);
            }
            Field::AllocationPct => "pool allocation",
            Field::PointsBand(i, part) => {
                let part = match part {
                    RowField::WorseThan => "threshold",
                    RowField::Value => "points",
                };
                return format!("points band {} {part}", i + 1);
            }
            Field::Step => "step",
            Field::PerStep => "credit per step",
            Field::MaxPct => "credit limit",
            Field::CreditBase => "credit base",
            Field::RepeatMisses => "repeat misses",
            Field::RepeatWindowMonths => "repeat window",
            Field::Cap => "monthly cap",
            Field::EarnBackWindowMonths => "earn-back window",
            Field::EarnBackFloor => "earn-back floor",
            Field::ImprovementSharePct => "improvement share",
            Field::ImprovementDecimals => "moved target's decimals",
            Field::RatePrecision => "rate precision",
            Field::AtRiskPct => "at-risk pool",
            Field::PointsRate => "points rate",
            Field::MonthlyCap => "monthly cap",
            Field::AnnualCap => "annual cap",
            Field::TermCap => "term cap",
            Field::MinimumCredit => "minimum credit",
            Field::BonusCap => "aggregate bonus cap",
            Field::ServiceLevel => "service level",
            Field::Threshold => "threshold",
            Field::BonusAmount => "bonus amount",
            Field::GatedBy(i) => return format!("gate {}", i + 1),
            Field::TriggerMonths => "consecutive months",
            Field::TriggerTimes => "times",
            Field::TriggerWindowMonths => "window",
            Field::TargetDate => "target date",
            Field::ActualDate => "actual date",
            Field::DelayAmount => "delay credit",
            Field::DelayCap => "delay credit cap",
        };
        fixed.to_owned()
    }
}

/// The address of a term in an offer: a component, and optionally a field in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TermPath {
    /// The component.
    pub component: Component,
    /// The field in it; `None` for the component as a whole.
    pub field: Option<Field>,
}

impl From<Component> for TermPath {
    fn from(component: Component) -> Self {
        TermPath {
            component,
            field: None,
        }
    }
}

impl fmt::Display for TermPath {
    /// `charge "calls" / band 2 upper edge`, `service level "asa" / target`, `indexation`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.component)?;
        if let Some(field) = self.field {
            write!(f, " / {}", field.label())?;
        }
        Ok(())
    }
}

/// Where in a project something is: the project's own settings, an offer (and a term in it),
/// or a data series. Validation problems carry one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Location {
    /// A project-level setting, named by its field in the file (`term_months`), if any.
    Project(Option<&'static str>),
    /// An offer, by name, and the term in it (`None`: the offer's own fields).
    Scenario {
        /// The offer's name.
        scenario: String,
        /// The term in it.
        term: Option<TermPath>,
    },
    /// A KPI series, by id.
    Kpi(String),
    /// A volume series, by id.
    Volume(String),
    /// A price index series, by id.
    Index(String),
}

impl Location {
    /// The address of `term` in the offer named `scenario`.
    pub fn term(scenario: &str, term: impl Into<TermPath>) -> Self {
        Location::Scenario {
            scenario: scenario.to_owned(),
            term: Some(term.into()),
        }
    }

    /// The term addressed, when the location is in an offer.
    pub fn term_path(&self) -> Option<&TermPath> {
        match self {
            Location::Scenario { term, .. } => term.as_ref(),
            _ => None,
        }
    }
}

impl fmt::Display for Location {
    /// Where, as people say it: `scenario "Offer A", charge "calls"`, `KPI "asa_secs"`,
    /// `project`. The field is left out: the message it comes with names it in words.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Project(_) => f.write_str("project"),
            Location::Scenario { scenario, term } => {
                write!(f, "scenario \"{scenario}\"")?;
                match term.as_ref().map(|t| &t.component) {
                    None | Some(Component::Offer) => Ok(()),
                    // Triggers are named without their position, as the file does not number them.
                    Some(Component::Trigger(_)) => f.write_str(", trigger"),
                    Some(component) => write!(f, ", {component}"),
                }
            }
            Location::Kpi(id) => write!(f, "KPI \"{id}\""),
            Location::Volume(id) => write!(f, "volume \"{id}\""),
            Location::Index(id) => write!(f, "index \"{id}\""),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_read_as_people_say_them() {
        let band = Component::Charge("calls".into()).field(Field::Band(1, BandField::To));
        assert_eq!(band.to_string(), "charge \"calls\" / band 2 upper edge");
        let target = Component::ServiceLevel("asa".into()).field(Field::Target);
        assert_eq!(target.to_string(), "service level \"asa\" / target");
        assert_eq!(
            TermPath::from(Component::Indexation(0)).to_string(),
            "indexation"
        );
        assert_eq!(Component::Indexation(1).to_string(), "indexation 2");
        let at = Location::term("Offer A", band);
        assert_eq!(at.to_string(), "scenario \"Offer A\", charge \"calls\"");
        assert_eq!(
            Location::Kpi("asa_secs".into()).to_string(),
            "KPI \"asa_secs\""
        );
    }
}
