//! The documented range of every input: what validation refuses, what the editors refuse while
//! typing, and what the docs quote. One place, so that the three read the same numbers.
//!
//! The ranges are far beyond any real contract (a fee of a trillion a month, a term of a
//! century) and chosen so that the engine's exact arithmetic (`rust_decimal`, about 28
//! significant digits, up to 7.9 × 10^28) cannot overflow on a project that validates: the
//! largest product the engine forms is a unit rate × a volume × an index ratio, summed over
//! the months of the term, which stays below 10^28.

use rust_decimal::Decimal;

/// The most trials one risk run may ask for: a million trials of a ten-year term is minutes of
/// work on the full engine, and keeps the outcomes the percentiles need (four amounts per trial
/// and period) within a few hundred megabytes.
pub const MAX_TRIALS: u64 = 1_000_000;

/// The most an indexation may multiply charges by over the term (1,000 times): a floor or a
/// cap of 100 % a year compounds to 2^40 over forty years, past what exact money arithmetic
/// holds. Checked on the factors the index data gives when an offer is billed.
pub const MAX_INDEX_FACTOR: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

/// The longest contract term, in months (100 years). Every window (rolling measurement,
/// repeat rule, earn-back, trigger) must also fit in the term.
pub const MAX_TERM_MONTHS: u32 = 1200;

/// The earliest calendar year a contract may start in, or a series hold data for.
pub const FIRST_YEAR: i32 = 1900;

/// The latest calendar year a contract may start in, or a series hold data for.
pub const LAST_YEAR: i32 = 2200;

/// The largest amount of money any term may hold, in the contract currency (10^12: a
/// trillion): fees, flat fees, caps, commitments, bonus and per-step amounts.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0);

/// The largest price per unit of volume (10^6): unit rates, band rates, ARC/RRC rates,
/// shortfall rates.
pub const MAX_UNIT_RATE: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// The largest volume in a month (10^9 units): volume history and forecast, baselines, band
/// edges, committed units.
pub const MAX_VOLUME: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// The largest percentage a term may hold (1000 %): credits, shortfall and allocation
/// percentages can exceed 100 in a contract, never by this much. Negative percentages (an
/// indexation floor) are bounded by its negative.
pub const MAX_PCT: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

/// The largest share of a whole (100 %): the indexed share of a charge, the at-risk pool.
pub const MAX_SHARE_PCT: Decimal = Decimal::ONE_HUNDRED;

/// The largest yearly growth of a volume or an index forecast, in percent (100: doubling every
/// year). Growth must also stay above −100 % (a series cannot shrink below nothing), and the
/// grown value must stay within its own range over the whole term.
pub const MAX_GROWTH_PCT: Decimal = Decimal::ONE_HUNDRED;

/// The largest yearly discount rate for net present values, in percent.
pub const MAX_DISCOUNT_RATE_PCT: Decimal = Decimal::ONE_HUNDRED;

/// The most decimal places amounts may be rounded to.
pub const MAX_ROUNDING_DECIMALS: u32 = 6;

/// The most decimal places a stated precision keeps (a re-rated price, a moved target).
pub const MAX_PRECISION_DECIMALS: u32 = 10;

/// The largest KPI value, threshold, downtime, numerator, denominator or sample size (10^9).
pub const MAX_KPI_VALUE: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// The largest scale of a ratio KPI (10^6; 100 for a percentage, 1 for a fraction).
pub const MAX_RATIO_SCALE: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// The smallest index value (0.01): an index ratio (current / base) stays below 10^8.
pub const MIN_INDEX_VALUE: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

/// The largest index value (10^6).
pub const MAX_INDEX_VALUE: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// The largest count a term may hold (10^6): service points, misses, times.
pub const MAX_COUNT: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_constants_are_the_numbers_their_docs_say() {
        assert_eq!(MAX_AMOUNT, Decimal::from(1_000_000_000_000_i64));
        assert_eq!(MIN_INDEX_VALUE.to_string(), "0.01");
        assert_eq!(MAX_VOLUME, Decimal::from(1_000_000_000));
    }
}
