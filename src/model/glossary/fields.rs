//! The help of every field an editor shows: what the term means in a contract, its unit, its
//! typical range from public practice and how the engine applies it. One table serves the
//! editors' info markers and hovers, and is checked against the project file format, so a field
//! cannot be added to the file without its explanation.

use super::{charges, service, setting_texts};
use crate::model::path::{BandField, Field, RowField};

/// The help of one field, as an editor shows it beside the field and on hover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldHelp {
    /// The field as people name it in a contract ("Dead band", "ARC rate").
    pub name: &'static str,
    /// The unit the value is written in, short enough to stand after the field ("% of the
    /// baseline", "months", "money a month"); empty for text and choices.
    pub unit: &'static str,
    /// The typical value or range from public practice ("±5–10 %"); empty where no practice
    /// applies (names, ids).
    pub range: &'static str,
    /// What the term means in a contract and how Dealbench applies it.
    pub meaning: &'static str,
}

impl FieldHelp {
    /// The help as one hover text: the meaning, then the unit and the typical range, each on
    /// its own line when there is one.
    pub fn text(&self) -> String {
        let mut text = self.meaning.to_owned();
        if !self.unit.is_empty() {
            text.push_str("\nUnit: ");
            text.push_str(self.unit);
        }
        if !self.range.is_empty() {
            text.push_str("\nTypical: ");
            text.push_str(self.range);
        }
        text
    }
}

/// A help, written as a table row: name, unit, typical range, meaning.
pub(super) const fn help(
    name: &'static str,
    unit: &'static str,
    range: &'static str,
    meaning: &'static str,
) -> FieldHelp {
    FieldHelp {
        name,
        unit,
        range,
        meaning,
    }
}

/// The help of a field of a term. Every field has one: the match lists every field, so a new
/// field cannot be added without its help.
pub fn field_help(field: Field) -> FieldHelp {
    use charges as c;
    use service as s;
    match field {
        Field::Id => setting_texts::ID,
        Field::Name => setting_texts::NAME,
        Field::Monthly => c::MONTHLY,
        Field::Volume => c::VOLUME,
        Field::UnitRate(_) => c::UNIT_RATE,
        Field::Band(_, BandField::From) => c::BAND_FROM,
        Field::Band(_, BandField::To) => c::BAND_TO,
        Field::Band(_, BandField::Rate) => c::BAND_RATE,
        Field::Band(_, BandField::FlatFee) => c::BAND_FLAT_FEE,
        Field::Baseline => c::BASELINE,
        Field::DeadBandPct => c::DEAD_BAND,
        Field::ArcRate => c::ARC_RATE,
        Field::RrcRate => c::RRC_RATE,
        Field::OuterBandPct => c::OUTER_BAND,
        Field::UpperLimitPct => c::UPPER_LIMIT,
        Field::LowerLimitPct => c::LOWER_LIMIT,
        Field::CommitmentAmount => c::COMMITTED_SPEND,
        Field::CommitmentUnits => c::COMMITTED_UNITS,
        Field::ShortfallRate => c::SHORTFALL_RATE,
        Field::ShortfallPct => c::SHORTFALL_PCT,
        Field::AppliesTo => c::APPLIES_TO,
        Field::Index => c::INDEX,
        Field::LagMonths => c::LAG,
        Field::IndexedSharePct => c::INDEXED_SHARE,
        Field::FloorPct => c::INDEX_FLOOR,
        Field::CapPct => c::INDEX_CAP,
        Field::ProductivityPct => c::PRODUCTIVITY,
        Field::RatePrecision => c::PRICE_DECIMALS,
        Field::Limit => c::CHARGE_CAP_LIMIT,
        Field::Kpi => s::KPI,
        Field::Target => s::TARGET,
        Field::Minimum => s::MINIMUM,
        Field::WindowMonths => s::ROLLING_WINDOW,
        Field::MinimumSample => s::MINIMUM_SAMPLE,
        Field::ExcludedMonth(_) => s::EXCLUDED_MONTHS,
        Field::TargetMissPct => s::TARGET_MISS_PCT,
        Field::MinimumMissPct => s::MINIMUM_MISS_PCT,
        Field::CreditStep(_, RowField::WorseThan) => s::TABLE_WORSE_THAN,
        Field::CreditStep(_, RowField::Value) => s::TABLE_CREDIT,
        Field::AllocationPct => s::ALLOCATION,
        Field::PointsBand(_, RowField::WorseThan) => s::POINTS_WORSE_THAN,
        Field::PointsBand(_, RowField::Value) => s::POINTS,
        Field::Step => s::STEP,
        Field::PerStep => s::PER_STEP,
        Field::MaxPct => s::MAX_PCT,
        Field::CreditBase => s::CREDIT_BASE,
        Field::RepeatMisses => s::REPEAT_MISSES,
        Field::RepeatWindowMonths => s::REPEAT_WINDOW,
        Field::Cap => s::SL_CAP,
        Field::EarnBackWindowMonths => s::EARN_BACK_WINDOW,
        Field::EarnBackFloor => s::EARN_BACK_FLOOR,
        Field::ImprovementSharePct => s::IMPROVEMENT_SHARE,
        Field::ImprovementDecimals => s::IMPROVEMENT_DECIMALS,
        Field::AtRiskPct => s::AT_RISK,
        Field::PointsRate => s::POINTS_RATE,
        Field::MonthlyCap => s::MONTHLY_CAP,
        Field::AnnualCap => s::ANNUAL_CAP,
        Field::TermCap => s::TERM_CAP,
        Field::MinimumCredit => s::MINIMUM_CREDIT,
        Field::BonusCap => s::BONUS_CAP,
        Field::ServiceLevel => s::WATCHED_SERVICE_LEVEL,
        Field::Threshold => s::BONUS_THRESHOLD,
        Field::BonusAmount => s::BONUS_AMOUNT,
        Field::GatedBy(_) => s::GATED_BY,
        Field::TriggerMonths => s::TRIGGER_MONTHS,
        Field::TriggerTimes => s::TRIGGER_TIMES,
        Field::TriggerWindowMonths => s::TRIGGER_WINDOW,
        Field::TargetDate => super::governance::TARGET_DATE,
        Field::ActualDate => super::governance::ACTUAL_DATE,
        Field::DelayAmount => super::governance::DELAY_AMOUNT,
        Field::DelayCap => super::governance::DELAY_CAP,
    }
}

/// Every field of a term, with representative rows (a band's parts, a table row's parts): what
/// Help › Glossary searches beside the terms.
pub const FIELDS: &[Field] = &[
    Field::Id,
    Field::Name,
    Field::Monthly,
    Field::Volume,
    Field::UnitRate(0),
    Field::Baseline,
    Field::DeadBandPct,
    Field::ArcRate,
    Field::RrcRate,
    Field::OuterBandPct,
    Field::UpperLimitPct,
    Field::LowerLimitPct,
    Field::CommitmentAmount,
    Field::CommitmentUnits,
    Field::ShortfallRate,
    Field::ShortfallPct,
    Field::AppliesTo,
    Field::Index,
    Field::LagMonths,
    Field::IndexedSharePct,
    Field::FloorPct,
    Field::CapPct,
    Field::ProductivityPct,
    Field::RatePrecision,
    Field::Limit,
    Field::Kpi,
    Field::Target,
    Field::Minimum,
    Field::WindowMonths,
    Field::MinimumSample,
    Field::ExcludedMonth(1),
    Field::TargetMissPct,
    Field::MinimumMissPct,
    Field::AllocationPct,
    Field::Step,
    Field::PerStep,
    Field::MaxPct,
    Field::CreditBase,
    Field::RepeatMisses,
    Field::RepeatWindowMonths,
    Field::Cap,
    Field::EarnBackWindowMonths,
    Field::EarnBackFloor,
    Field::ImprovementSharePct,
    Field::ImprovementDecimals,
    Field::AtRiskPct,
    Field::PointsRate,
    Field::MonthlyCap,
    Field::AnnualCap,
    Field::TermCap,
    Field::MinimumCredit,
    Field::BonusCap,
    Field::ServiceLevel,
    Field::Threshold,
    Field::BonusAmount,
    Field::GatedBy(0),
    Field::TriggerMonths,
    Field::TriggerTimes,
    Field::TriggerWindowMonths,
    Field::TargetDate,
    Field::ActualDate,
    Field::DelayAmount,
    Field::DelayCap,
    Field::Band(2, BandField::From),
    Field::Band(2, BandField::To),
    Field::Band(2, BandField::Rate),
    Field::Band(2, BandField::FlatFee),
    Field::CreditStep(0, RowField::WorseThan),
    Field::CreditStep(0, RowField::Value),
    Field::PointsBand(1, RowField::WorseThan),
    Field::PointsBand(1, RowField::Value),
];

/// The help of every field and setting whose name, meaning, unit or range contain every word
/// of `query` (case does not matter), each once; none for an empty query (the terms alone
/// answer it).
pub fn search_fields(query: &str) -> Vec<FieldHelp> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let every = FIELDS.iter().map(|f| field_help(*f));
    let settings = super::Setting::ALL.iter().map(|s| s.help());
    let mut found: Vec<FieldHelp> = Vec::new();
    for help in every.chain(settings) {
        let text = format!(
            "{} {} {} {}",
            help.name, help.meaning, help.unit, help.range
        )
        .to_lowercase();
        if words.iter().all(|w| text.contains(w.as_str())) && !found.contains(&help) {
            found.push(help);
        }
    }
    found
}

impl Field {
    /// The field's help ([`field_help`]).
    pub fn help(self) -> FieldHelp {
        field_help(self)
    }
}

impl From<Field> for FieldHelp {
    fn from(field: Field) -> Self {
        field_help(field)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::super::Setting;
    use super::*;

    /// Every field, with representative rows. `ordinal` lists every variant without a
    /// catch-all, so a new field fails to build here until it is added to the list.
    pub(super) fn all_fields() -> Vec<Field> {
        fn ordinal(field: Field) -> usize {
            match field {
                Field::Id => 0,
                Field::Name => 1,
                Field::Monthly => 2,
                Field::Volume => 3,
                Field::UnitRate(_) => 4,
                Field::Band(..) => 5,
                Field::Baseline => 6,
                Field::DeadBandPct => 7,
                Field::ArcRate => 8,
                Field::RrcRate => 9,
                Field::OuterBandPct => 10,
                Field::UpperLimitPct => 11,
                Field::LowerLimitPct => 12,
                Field::CommitmentAmount => 13,
                Field::CommitmentUnits => 14,
                Field::ShortfallRate => 15,
                Field::ShortfallPct => 16,
                Field::AppliesTo => 17,
                Field::Index => 18,
                Field::LagMonths => 19,
                Field::IndexedSharePct => 20,
                Field::FloorPct => 21,
                Field::CapPct => 22,
                Field::ProductivityPct => 23,
                Field::RatePrecision => 24,
                Field::Limit => 25,
                Field::Kpi => 26,
                Field::Target => 27,
                Field::Minimum => 28,
                Field::WindowMonths => 29,
                Field::MinimumSample => 30,
                Field::ExcludedMonth(_) => 31,
                Field::TargetMissPct => 32,
                Field::MinimumMissPct => 33,
                Field::CreditStep(..) => 34,
                Field::AllocationPct => 35,
                Field::PointsBand(..) => 36,
                Field::Step => 37,
                Field::PerStep => 38,
                Field::MaxPct => 39,
                Field::CreditBase => 40,
                Field::RepeatMisses => 41,
                Field::RepeatWindowMonths => 42,
                Field::Cap => 43,
                Field::EarnBackWindowMonths => 44,
                Field::EarnBackFloor => 45,
                Field::ImprovementSharePct => 46,
                Field::ImprovementDecimals => 47,
                Field::AtRiskPct => 48,
                Field::PointsRate => 49,
                Field::MonthlyCap => 50,
                Field::AnnualCap => 51,
                Field::TermCap => 52,
                Field::MinimumCredit => 53,
                Field::BonusCap => 54,
                Field::ServiceLevel => 55,
                Field::Threshold => 56,
                Field::BonusAmount => 57,
                Field::GatedBy(_) => 58,
                Field::TriggerMonths => 59,
                Field::TriggerTimes => 60,
                Field::TriggerWindowMonths => 61,
                Field::TargetDate => 62,
                Field::ActualDate => 63,
                Field::DelayAmount => 64,
                Field::DelayCap => 65,
            }
        }
        const COUNT: usize = 66;
        let all = FIELDS.to_vec();
        let ordinals: BTreeSet<usize> = all.iter().map(|f| ordinal(*f)).collect();
        assert_eq!(
            ordinals,
            (0..COUNT).collect(),
            "a field is missing from the list"
        );
        all
    }

    /// Numeric fields: their value is a number, so the editor shows a unit after them.
    fn numeric(field: Field) -> bool {
        !matches!(
            field,
            Field::Id
                | Field::Name
                | Field::Volume
                | Field::AppliesTo
                | Field::Index
                | Field::Kpi
                | Field::CreditBase
                | Field::ServiceLevel
                | Field::GatedBy(_)
                | Field::TargetDate
                | Field::ActualDate
        )
    }

    #[test]
    fn every_field_has_a_meaning_and_every_number_a_unit() {
        for field in all_fields() {
            let help = field_help(field);
            assert!(!help.name.is_empty(), "{field:?} has no name");
            assert!(help.meaning.len() > 20, "{field:?} has no meaning");
            assert!(help.meaning.ends_with('.'), "{field:?}: a sentence");
            if numeric(field) {
                assert!(!help.unit.is_empty(), "{field:?} has no unit");
                assert!(!help.range.is_empty(), "{field:?} has no typical range");
            }
        }
        for setting in Setting::ALL {
            let help = setting.help();
            assert!(help.meaning.len() > 20, "{setting:?} has no meaning");
        }
        assert_eq!(field_help(Field::DeadBandPct).range, "±5–10 %");
        assert_eq!(
            field_help(Field::AtRiskPct).unit,
            "% of the month's charges"
        );
        let text = field_help(Field::DeadBandPct).text();
        assert!(text.ends_with("\nUnit: ± % of the baseline\nTypical: ±5–10 %"));
    }
}

#[cfg(test)]
mod file_format {
    use std::collections::BTreeSet;

    use super::super::{Setting, lookup};

    /// The file's containers (lists and groups of fields), each explained by a glossary entry.
    const CONTAINERS: &[(&str, &str)] = &[
        ("format_version", "Project file"),
        ("scenarios", "Offer"),
        ("kpis", "KPI"),
        ("volumes", "Volume"),
        ("indices", "Index"),
        ("charges", "Charge"),
        ("pricing", "Charge"),
        ("rates", "Unit rate"),
        ("bands", "Tiered pricing"),
        ("minimums", "Minimum commitment"),
        ("indexation", "Indexation"),
        ("charge_caps", "Charge cap"),
        ("service_levels", "Service level"),
        ("credit_regime", "Credit caps"),
        ("bonuses", "Bonus"),
        ("triggers", "Termination trigger"),
        ("rounding", "Rounding"),
        ("projection", "Replay"),
        ("round", "Negotiation round"),
        ("of", "Negotiation round"),
        ("number", "Negotiation round"),
        ("cost_model", "Cost model"),
        ("profile", "Cost model"),
        ("labour", "Cost model"),
        ("data", "KPI"),
        ("values", "KPI"),
        ("samples", "Minimum sample"),
        ("minutes", "KPI"),
        ("numerator", "KPI"),
        ("denominator", "KPI"),
        ("history", "Volume"),
        ("forecast", "Volume"),
        ("base", "Credit base"),
        ("risk", "Risk simulation"),
        ("imports", "Import"),
        ("milestones", "Milestone"),
        ("milestone", "Milestone"),
        ("delay_credit", "Delay credit"),
        ("reviews", "Review"),
    ];

    /// Every field name (snake_case key) in `value`, recursively.
    fn keys(value: &serde_json::Value, into: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, inner) in map {
                    let field_name = key.starts_with(|c: char| c.is_ascii_lowercase())
                        && key.chars().all(|c| c.is_ascii_lowercase() || c == '_');
                    if field_name {
                        into.insert(key.clone());
                    }
                    keys(inner, into);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| keys(i, into)),
            _ => {}
        }
    }

    #[test]
    fn the_glossary_covers_every_field_name_of_the_project_file() {
        let mut names = BTreeSet::new();
        for (file, text) in crate::io::project::SAMPLES {
            let project = crate::io::project::parse(text, file).expect("a bundled sample reads");
            let value = serde_json::to_value(&project).expect("a project serializes");
            keys(&value, &mut names);
        }
        assert!(names.len() > 100, "{names:?}");
        let mut covered: BTreeSet<&str> =
            Setting::ALL.iter().filter_map(|s| s.file_name()).collect();
        for field in super::tests::all_fields() {
            covered.insert(field.file_name());
        }
        for (key, term) in CONTAINERS {
            assert!(lookup(term).is_some(), "{key}: no glossary entry {term}");
            covered.insert(key);
        }
        let missing: Vec<&String> = names
            .iter()
            .filter(|n| !covered.contains(n.as_str()))
            .collect();
        assert!(missing.is_empty(), "file fields without help: {missing:?}");
    }
}

#[cfg(test)]
mod file_choices {
    use std::collections::BTreeSet;

    use super::super::Setting;
    use super::FieldHelp;
    use crate::model::path::Field;

    /// The choices the file writes as names (`direction: HigherIsBetter`), each with the help
    /// that explains it.
    fn choices() -> Vec<(&'static str, FieldHelp)> {
        use Setting as S;
        let scope = Field::AppliesTo.help();
        vec![
            ("Additive", S::ProductivityCombination.help()),
            ("Compounded", S::ProductivityCombination.help()),
            ("AllCharges", scope),
            ("Components", scope),
            ("Amount", S::RateKind.help()),
            ("PctOfBase", S::RateKind.help()),
            ("PctOfCharges", S::LimitKind.help()),
            ("Graduated", S::TierMode.help()),
            ("AllUnits", S::TierMode.help()),
            ("FixedFee", S::TierMode.help()),
            ("Monthly", S::CommitmentPeriod.help()),
            ("Annual", S::CommitmentPeriod.help()),
            ("Spend", S::CommitmentBasis.help()),
            ("Fixed", S::PricingKind.help()),
            ("UnitRates", S::PricingKind.help()),
            ("Tiered", S::PricingKind.help()),
            ("ResourceAdjustment", S::PricingKind.help()),
            ("WholeDifference", S::DeadBandConvention.help()),
            ("BeyondDeadBand", S::DeadBandConvention.help()),
            ("FixedPct", S::CreditFamily.help()),
            ("Table", S::CreditFamily.help()),
            ("AtRisk", S::CreditFamily.help()),
            ("PerStep", S::CreditFamily.help()),
            ("HigherIsBetter", S::Direction.help()),
            ("LowerIsBetter", S::Direction.help()),
            ("Month", S::MeasuredOver.help()),
            ("Rolling", S::MeasuredOver.help()),
            ("DeemedMinimumMiss", S::MissingData.help()),
            ("NoClaim", S::MissingData.help()),
            ("TargetMissesOnly", S::RepeatCounts.help()),
            ("ConsecutiveMinimumMisses", S::TriggerKind.help()),
            ("CapReached", S::TriggerKind.help()),
            ("ReRate", S::IndexationMethod.help()),
            ("HalfAwayFromZero", S::RoundingRule.help()),
            ("Customer", S::ProposedBy.help()),
            ("Provider", S::ProposedBy.help()),
            ("Proposed", S::RoundStatus.help()),
            ("Countered", S::RoundStatus.help()),
            ("Values", S::KpiData.help()),
            ("Downtime", S::KpiData.help()),
            ("Ratio", S::KpiData.help()),
            ("Growth", S::VolumeGrowth.help()),
            ("RepeatLast12", S::FutureKpis.help()),
            ("AverageSpeed", S::AnswerTarget.help()),
            ("PerPaidHour", S::LabourCost.help()),
            ("Day", S::DelayUnit.help()),
            ("StartedWeek", S::DelayUnit.help()),
            ("CompletedWeek", S::DelayUnit.help()),
            ("On", S::FirstReview.help()),
            ("AfterMilestone", S::FirstReview.help()),
        ]
    }

    /// The capitalised names in RON `text` outside strings and comments: the choices (enum
    /// variants) the file writes.
    fn choice_names(text: &str) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        let mut chars = text.chars().peekable();
        let mut word = String::new();
        while let Some(c) = chars.next() {
            if c.is_ascii_alphanumeric() || c == '_' {
                word.push(c);
                continue;
            }
            if word.starts_with(|w: char| w.is_ascii_uppercase()) {
                names.insert(std::mem::take(&mut word));
            }
            word.clear();
            match c {
                '"' => {
                    while let Some(s) = chars.next() {
                        match s {
                            '\\' => {
                                chars.next();
                            }
                            '"' => break,
                            _ => {}
                        }
                    }
                }
                '/' if chars.peek() == Some(&'/') => {
                    for s in chars.by_ref() {
                        if s == '\n' {
                            break;
                        }
                    }
                }
                _ => {}
            }
        }
        names
    }

    #[test]
    fn every_choice_the_project_file_writes_is_explained() {
        let mut names = BTreeSet::new();
        for (_, text) in crate::io::project::SAMPLES {
            names.extend(choice_names(text));
        }
        assert!(names.contains("HigherIsBetter") && names.contains("AtRisk"));
        let choices = choices();
        let explained: BTreeSet<&str> = choices.iter().map(|(name, _)| *name).collect();
        let missing: Vec<&String> = names
            .iter()
            .filter(|n| !matches!(n.as_str(), "Some" | "None") && !explained.contains(n.as_str()))
            .collect();
        assert!(missing.is_empty(), "choices without help: {missing:?}");
        for (name, help) in &choices {
            assert!(help.meaning.len() > 20, "{name}");
        }
    }
}
