//! The help of the editors' settings that are not fields of a term ([`Setting`]): the project's
//! settings, an offer's heading and round, the data series, the choices that shape a term (its
//! kind of pricing, the direction of a service level, the credit family, …) and the provider's
//! cost model.

use super::FieldHelp;

/// A setting an editor shows that is not a field of a term ([`crate::model::Field`]): a
/// project setting, a choice that shapes a term, or a field of the cost model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Setting {
    /// The project's name.
    ProjectName,
    /// The customer buying the service.
    Customer,
    /// The currency of every amount.
    Currency,
    /// The first month of the contract.
    ContractStart,
    /// The contract's length in months.
    TermMonths,
    /// How a half is rounded (invoice lines, or a stated precision).
    RoundingRule,
    /// The currency's decimals every invoice line is rounded to.
    CurrencyDecimals,
    /// The yearly rate offers are discounted at (NPV).
    DiscountRate,
    /// What the months after the history assume of the KPIs.
    FutureKpis,
    /// An offer's name.
    OfferName,
    /// The provider making the offer.
    Provider,
    /// Free notes on an offer.
    Notes,
    /// Who proposed a round of the negotiation.
    ProposedBy,
    /// Where a round stands.
    RoundStatus,
    /// The day a round was proposed.
    ProposedOn,
    /// A series' unit.
    SeriesUnit,
    /// The scale a ratio KPI is read in (100 for a percentage).
    RatioScale,
    /// A volume's forecast growth.
    VolumeGrowth,
    /// An index's assumed change after its data.
    IndexForecast,
    /// A unit-rate charge's service class.
    ServiceClass,
    /// How a charge is priced: fixed, unit rates, tiers or ARC/RRC.
    PricingKind,
    /// How a KPI's months are given: values, downtime minutes or a ratio's parts.
    KpiData,
    /// How tiered pricing reads its bands.
    TierMode,
    /// Which units ARC/RRC adjusts.
    DeadBandConvention,
    /// What happens to volumes beyond an outer limit.
    BeyondLimit,
    /// Whether a commitment or charge cap is per month or per contract year.
    CommitmentPeriod,
    /// Whether a commitment is a spend or a volume.
    CommitmentBasis,
    /// How the productivity reduction combines with the index change.
    ProductivityCombination,
    /// Whether indexation adds a line or re-rates the prices.
    IndexationMethod,
    /// Whether higher or lower KPI values are better.
    Direction,
    /// The months a service level is measured over.
    MeasuredOver,
    /// What a month without a measurement counts as.
    MissingData,
    /// The family of a service level's credit rule.
    CreditFamily,
    /// Whether target misses count only when repeated.
    RepeatRule,
    /// Which misses the repeat rule counts.
    RepeatCounts,
    /// Whether a month deemed missed for missing data counts toward the repeat.
    DeemedMissesCount,
    /// Whether a repeat failure doubles the service points.
    RepeatDoubles,
    /// Whether credits may be earned back.
    EarnBack,
    /// Whether the target moves with continuous improvement.
    Improvement,
    /// Whether a limit is an amount or a % of charges.
    LimitKind,
    /// Whether a rate is an amount or a % of the base.
    RateKind,
    /// What fires a trigger.
    TriggerKind,
    /// Whether an escalation step counts minimum misses only.
    MinimumOnly,
    /// Who an escalation step sends the matter to.
    EscalatedTo,
    /// The risk simulation's number of futures.
    Trials,
    /// The risk simulation's seed.
    Seed,
    /// The risk simulation's block length.
    BlockMonths,
    /// Cost model: the volumes counted as contacts.
    Contacts,
    /// Cost model: the average handle time.
    HandleTime,
    /// Cost model: the kind of answer target staffed to.
    AnswerTarget,
    /// Cost model: the share of contacts answered in time.
    AnsweredInTime,
    /// Cost model: the answer time.
    AnswerTime,
    /// Cost model: the average speed of answer.
    AverageSpeed,
    /// Cost model: the offer's service level whose target is staffed to.
    TargetReadFrom,
    /// Cost model: the highest occupancy.
    MaxOccupancy,
    /// Cost model: the shrinkage.
    Shrinkage,
    /// Cost model: labour cost per paid hour or per FTE.
    LabourCost,
    /// Cost model: paid hours of one FTE a month.
    FteHours,
    /// Cost model: overhead on labour.
    Overhead,
    /// Cost model: costs that do not depend on volume.
    FixedCosts,
    /// Cost model: the length of a staffing interval.
    IntervalMinutes,
    /// Cost model: when the service opens.
    OpensAt,
    /// Cost model: the weight of a day of the week.
    DayWeight,
    /// Cost model: the intervals a day.
    IntervalsADay,
    /// Cost model: the weight of an interval of the day.
    IntradayWeight,
    /// A delay credit's unit of lateness.
    DelayUnit,
    /// When the first performance review is held.
    FirstReview,
    /// The months between performance reviews.
    ReviewEvery,
}

impl Setting {
    /// Every setting, for the checks that each has its help and the file format is covered.
    pub const ALL: &'static [Setting] = &[
        Setting::ProjectName,
        Setting::Customer,
        Setting::Currency,
        Setting::ContractStart,
        Setting::TermMonths,
        Setting::RoundingRule,
        Setting::CurrencyDecimals,
        Setting::DiscountRate,
        Setting::FutureKpis,
        Setting::OfferName,
        Setting::Provider,
        Setting::Notes,
        Setting::ProposedBy,
        Setting::RoundStatus,
        Setting::ProposedOn,
        Setting::SeriesUnit,
        Setting::RatioScale,
        Setting::VolumeGrowth,
        Setting::IndexForecast,
        Setting::ServiceClass,
        Setting::PricingKind,
        Setting::KpiData,
        Setting::TierMode,
        Setting::DeadBandConvention,
        Setting::BeyondLimit,
        Setting::CommitmentPeriod,
        Setting::CommitmentBasis,
        Setting::ProductivityCombination,
        Setting::IndexationMethod,
        Setting::Direction,
        Setting::MeasuredOver,
        Setting::MissingData,
        Setting::CreditFamily,
        Setting::RepeatRule,
        Setting::RepeatCounts,
        Setting::DeemedMissesCount,
        Setting::RepeatDoubles,
        Setting::EarnBack,
        Setting::Improvement,
        Setting::LimitKind,
        Setting::RateKind,
        Setting::TriggerKind,
        Setting::MinimumOnly,
        Setting::EscalatedTo,
        Setting::Trials,
        Setting::Seed,
        Setting::BlockMonths,
        Setting::Contacts,
        Setting::HandleTime,
        Setting::AnswerTarget,
        Setting::AnsweredInTime,
        Setting::AnswerTime,
        Setting::AverageSpeed,
        Setting::TargetReadFrom,
        Setting::DelayUnit,
        Setting::FirstReview,
        Setting::ReviewEvery,
        Setting::MaxOccupancy,
        Setting::Shrinkage,
        Setting::LabourCost,
        Setting::FteHours,
        Setting::Overhead,
        Setting::FixedCosts,
        Setting::IntervalMinutes,
        Setting::OpensAt,
        Setting::DayWeight,
        Setting::IntervalsADay,
        Setting::IntradayWeight,
    ];

    /// The setting's help.
    pub fn help(self) -> FieldHelp {
        use super::setting_texts as t;
        match self {
            Setting::DelayUnit => super::governance::DELAY_UNIT,
            Setting::FirstReview => super::governance::FIRST_REVIEW,
            Setting::ReviewEvery => super::governance::REVIEW_EVERY,
            Setting::ProjectName => t::PROJECT_NAME,
            Setting::Customer => t::CUSTOMER,
            Setting::Currency => t::CURRENCY,
            Setting::ContractStart => t::CONTRACT_START,
            Setting::TermMonths => t::TERM_MONTHS,
            Setting::RoundingRule => t::ROUNDING_RULE,
            Setting::CurrencyDecimals => t::CURRENCY_DECIMALS,
            Setting::DiscountRate => t::DISCOUNT_RATE,
            Setting::FutureKpis => t::FUTURE_KPIS,
            Setting::OfferName => t::OFFER_NAME,
            Setting::Provider => t::PROVIDER,
            Setting::Notes => t::NOTES,
            Setting::ProposedBy => t::PROPOSED_BY,
            Setting::RoundStatus => t::ROUND_STATUS,
            Setting::ProposedOn => t::PROPOSED_ON,
            Setting::SeriesUnit => t::SERIES_UNIT,
            Setting::RatioScale => t::RATIO_SCALE,
            Setting::VolumeGrowth => t::VOLUME_GROWTH,
            Setting::IndexForecast => t::INDEX_FORECAST,
            Setting::ServiceClass => t::SERVICE_CLASS,
            Setting::PricingKind => t::PRICING_KIND,
            Setting::KpiData => t::KPI_DATA,
            Setting::TierMode => t::TIER_MODE,
            Setting::DeadBandConvention => t::DEAD_BAND_CONVENTION,
            Setting::BeyondLimit => t::BEYOND_LIMIT,
            Setting::CommitmentPeriod => t::COMMITMENT_PERIOD,
            Setting::CommitmentBasis => t::COMMITMENT_BASIS,
            Setting::ProductivityCombination => t::PRODUCTIVITY_COMBINATION,
            Setting::IndexationMethod => t::INDEXATION_METHOD,
            Setting::Direction => t::DIRECTION,
            Setting::MeasuredOver => t::MEASURED_OVER,
            Setting::MissingData => t::MISSING_DATA,
            Setting::CreditFamily => t::CREDIT_FAMILY,
            Setting::RepeatRule => t::REPEAT_RULE,
            Setting::RepeatCounts => t::REPEAT_COUNTS,
            Setting::DeemedMissesCount => t::DEEMED_MISSES_COUNT,
            Setting::RepeatDoubles => t::REPEAT_DOUBLES,
            Setting::EarnBack => t::EARN_BACK,
            Setting::Improvement => t::IMPROVEMENT,
            Setting::LimitKind => t::LIMIT_KIND,
            Setting::RateKind => t::RATE_KIND,
            Setting::TriggerKind => t::TRIGGER_KIND,
            Setting::MinimumOnly => t::MINIMUM_ONLY,
            Setting::EscalatedTo => t::ESCALATED_TO,
            Setting::Trials => t::TRIALS,
            Setting::Seed => t::SEED,
            Setting::BlockMonths => t::BLOCK_MONTHS,
            Setting::Contacts => t::CONTACTS,
            Setting::HandleTime => t::HANDLE_TIME,
            Setting::AnswerTarget => t::ANSWER_TARGET,
            Setting::AnsweredInTime => t::ANSWERED_IN_TIME,
            Setting::AnswerTime => t::ANSWER_TIME,
            Setting::AverageSpeed => t::AVERAGE_SPEED,
            Setting::TargetReadFrom => t::TARGET_READ_FROM,
            Setting::MaxOccupancy => t::MAX_OCCUPANCY,
            Setting::Shrinkage => t::SHRINKAGE,
            Setting::LabourCost => t::LABOUR_COST,
            Setting::FteHours => t::FTE_HOURS,
            Setting::Overhead => t::OVERHEAD,
            Setting::FixedCosts => t::FIXED_COSTS,
            Setting::IntervalMinutes => t::INTERVAL_MINUTES,
            Setting::OpensAt => t::OPENS_AT,
            Setting::DayWeight => t::DAY_WEIGHT,
            Setting::IntervalsADay => t::INTERVALS_A_DAY,
            Setting::IntradayWeight => t::INTRADAY_WEIGHT,
        }
    }

    /// The setting's name in the project file (`direction`, `aht_s`); `None` for a choice the
    /// file writes as the shape of the term (a limit written as an amount or a percentage).
    pub fn file_name(self) -> Option<&'static str> {
        let name = match self {
            Setting::ProjectName | Setting::OfferName => "name",
            Setting::Customer => "customer",
            Setting::Currency => "currency",
            Setting::ContractStart => "start",
            Setting::TermMonths => "term_months",
            Setting::RoundingRule => "rule",
            Setting::CurrencyDecimals => "decimals",
            Setting::DiscountRate => "discount_rate_pct",
            Setting::FutureKpis => "kpi",
            Setting::Provider => "provider",
            Setting::Notes => "notes",
            Setting::ProposedBy => "party",
            Setting::RoundStatus => "status",
            Setting::ProposedOn => "date",
            Setting::SeriesUnit => "unit",
            Setting::RatioScale => "scale",
            Setting::VolumeGrowth => "annual_pct",
            Setting::IndexForecast => "forecast_annual_pct",
            Setting::ServiceClass => "class",
            Setting::PricingKind => "pricing",
            Setting::KpiData => "data",
            Setting::TierMode => "mode",
            Setting::DeadBandConvention => "convention",
            Setting::BeyondLimit => "beyond",
            Setting::CommitmentPeriod => "period",
            Setting::CommitmentBasis => "basis",
            Setting::ProductivityCombination => "productivity",
            Setting::IndexationMethod => "method",
            Setting::Direction => "direction",
            Setting::MeasuredOver => "window",
            Setting::MissingData => "missing_data",
            Setting::CreditFamily => "credit",
            Setting::RepeatRule => "repeat_rule",
            Setting::RepeatCounts => "counts",
            Setting::DeemedMissesCount => "deemed_misses_count",
            Setting::RepeatDoubles => "repeat_doubles",
            Setting::EarnBack => "earn_back",
            Setting::Improvement => "improvement",
            Setting::LimitKind | Setting::RateKind | Setting::IntervalsADay => return None,
            Setting::TriggerKind => "triggers",
            Setting::MinimumOnly => "minimum_only",
            Setting::EscalatedTo => "to",
            Setting::Trials => "trials",
            Setting::Seed => "seed",
            Setting::BlockMonths => "block_months",
            Setting::Contacts => "contacts",
            Setting::HandleTime => "aht_s",
            Setting::AnswerTarget => "answer",
            Setting::AnsweredInTime => "target_pct",
            Setting::AnswerTime => "within_s",
            Setting::AverageSpeed => "asa_s",
            Setting::TargetReadFrom => "service_level",
            Setting::MaxOccupancy => "max_occupancy_pct",
            Setting::Shrinkage => "shrinkage_pct",
            Setting::LabourCost => "labour",
            Setting::FteHours => "fte_hours_per_month",
            Setting::Overhead => "overhead_pct",
            Setting::FixedCosts => "fixed_monthly",
            Setting::IntervalMinutes => "interval_minutes",
            Setting::OpensAt => "opens_minute",
            Setting::DayWeight => "days",
            Setting::IntradayWeight => "intraday",
            Setting::DelayUnit => "per",
            Setting::FirstReview => "first",
            Setting::ReviewEvery => "every_months",
        };
        Some(name)
    }
}

impl From<Setting> for FieldHelp {
    fn from(setting: Setting) -> Self {
        setting.help()
    }
}
