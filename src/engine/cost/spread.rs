//! A month's contacts spread over its open intervals by the arrival profile, on the real
//! calendar: each day takes the weight of its weekday, each interval its share of the day.

use std::collections::BTreeMap;

use chrono::Datelike;
use rust_decimal::Decimal;

use crate::model::YearMonth;
use crate::model::provider::ArrivalProfile;

/// Intervals of a month that receive the same contacts: one interval of the day on every day
/// of one weekday weight (all Mondays of a month get the same share, as do all days weighted
/// alike). Staffing them once and counting them `days` times is what makes a year fast.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// The interval's position in the day (0 = the opening interval).
    pub interval: usize,
    /// Contacts arriving in it, exact to 28 digits (fractions of a contact are expected).
    pub contacts: Decimal,
    /// On how many days of the month it occurs.
    pub days: u32,
}

/// The month's spread: its slots and how many intervals it has open.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthSpread {
    /// The distinct slots, by day weight (ascending) then interval.
    pub slots: Vec<Slot>,
    /// Open days (weekday weight above 0) × intervals of the day.
    pub open_intervals: u32,
}

/// Spreads `volume` contacts over `month`: a day of weekday weight w gets volume × w ÷ W, W
/// the sum of the weights of the month's days; its interval i gets that × c_i ÷ C, C the sum of
/// the curve. Computed as one quotient, volume × w × c_i ÷ (W × C), so it is exact to 28
/// digits and the shares of the month add up to the volume. A month with no open day spreads
/// nothing.
pub fn spread(profile: &ArrivalProfile, month: YearMonth, volume: Decimal) -> MonthSpread {
    // Days of the month by their weekday's weight, counted.
    let mut by_weight: BTreeMap<Decimal, u32> = BTreeMap::new();
    let first = month.first_day();
    for day in 0..month.days() {
        let date = first + chrono::Days::new(u64::from(day));
        let weekday = date.weekday().num_days_from_monday() as usize;
        let weight = profile.days.get(weekday).copied().unwrap_or_default();
        if weight > Decimal::ZERO {
            *by_weight.entry(weight).or_default() += 1;
        }
    }
    let month_weight: Decimal = by_weight.iter().map(|(w, n)| *w * Decimal::from(*n)).sum();
    let curve: Decimal = profile.intraday.iter().sum();
    let open_days: u32 = by_weight.values().sum();
    let open_intervals = open_days * profile.intraday.len() as u32;
    if month_weight.is_zero() || curve.is_zero() {
        return MonthSpread {
            slots: Vec::new(),
            open_intervals,
        };
    }
    let whole = month_weight * curve;
    let slots = by_weight
        .iter()
        .flat_map(|(weight, days)| {
            profile
                .intraday
                .iter()
                .enumerate()
                .map(move |(interval, share)| Slot {
                    interval,
                    contacts: volume * *weight * *share / whole,
                    days: *days,
                })
        })
        .collect();
    MonthSpread {
        slots,
        open_intervals,
    }
}
