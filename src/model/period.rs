//! Calendar months, the billing period of every agreement.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar month, the billing period (design §2.1). Written `"2025-04"` in files and output.
///
/// Months order chronologically; contract years are counted from the contract's start month,
/// not from January (see [`YearMonth::contract_year`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: u32,
}

/// Why a text is not a month.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a month: write it as YYYY-MM, for example 2025-04")]
pub struct ParseMonthError {
    /// The text that was read.
    pub text: String,
}

impl YearMonth {
    /// The month `month` (1–12) of `year`, or `None` when the month is out of range.
    pub fn new(year: i32, month: u32) -> Option<Self> {
        ((1..=12).contains(&month) && (1000..=9999).contains(&year)).then_some(Self { year, month })
    }

    /// The calendar year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month of the year, 1 (January) to 12 (December).
    pub fn month(self) -> u32 {
        self.month
    }

    /// The month that contains `date`.
    pub fn of_date(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
            .expect("a YearMonth is always a valid month")
    }

    /// How many days the month has (28 to 31): availability uses the real month length.
    pub fn days(self) -> u32 {
        let next = self.plus(1).first_day();
        (next - self.first_day()).num_days() as u32
    }

    /// The month `n` months later (earlier when `n` is negative).
    pub fn plus(self, n: i32) -> Self {
        let index = self.index() + n;
        Self {
            year: index.div_euclid(12),
            month: index.rem_euclid(12) as u32 + 1,
        }
    }

    /// The number of months from `earlier` to `self` (negative when `self` is earlier).
    pub fn months_since(self, earlier: Self) -> i32 {
        self.index() - earlier.index()
    }

    /// The contract year (1, 2, …) that this month falls in for a contract starting in `start`,
    /// or `None` before the start.
    pub fn contract_year(self, start: Self) -> Option<u32> {
        let offset = self.months_since(start);
        (offset >= 0).then(|| offset as u32 / 12 + 1)
    }

    /// The calendar quarter, 1 to 4.
    pub fn quarter(self) -> u32 {
        (self.month - 1) / 3 + 1
    }

    /// The months from `self` to `last`, both included (empty when `last` is earlier).
    pub fn through(self, last: Self) -> impl Iterator<Item = YearMonth> {
        let count = (last.months_since(self) + 1).max(0);
        (0..count).map(move |n| self.plus(n))
    }

    fn index(self) -> i32 {
        self.year * 12 + self.month as i32 - 1
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = ParseMonthError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let err = || ParseMonthError {
            text: text.to_owned(),
        };
        let (year, month) = text.trim().split_once('-').ok_or_else(err)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(err());
        }
        let year = year.parse().map_err(|_| err())?;
        let month = month.parse().map_err(|_| err())?;
        Self::new(year, month).ok_or_else(err)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(text: &str) -> YearMonth {
        text.parse().unwrap()
    }

    #[test]
    fn month_lengths_follow_the_calendar() {
        assert_eq!(ym("2025-04").days(), 30);
        assert_eq!(ym("2025-05").days(), 31);
        assert_eq!(ym("2024-02").days(), 29);
        assert_eq!(ym("2025-02").days(), 28);
        assert_eq!(ym("2025-12").days(), 31);
    }

    #[test]
    fn arithmetic_crosses_year_ends() {
        assert_eq!(ym("2025-11").plus(3), ym("2026-02"));
        assert_eq!(ym("2026-01").plus(-1), ym("2025-12"));
        assert_eq!(ym("2026-02").months_since(ym("2025-11")), 3);
    }

    #[test]
    fn contract_years_run_from_the_start_month() {
        let start = ym("2025-04");
        assert_eq!(ym("2025-03").contract_year(start), None);
        assert_eq!(ym("2025-04").contract_year(start), Some(1));
        assert_eq!(ym("2026-03").contract_year(start), Some(1));
        assert_eq!(ym("2026-04").contract_year(start), Some(2));
    }

    #[test]
    fn bad_months_are_refused_with_the_text() {
        for text in ["2025-13", "2025-00", "25-01", "2025/01", "2025-1", "march"] {
            let err = text.parse::<YearMonth>().unwrap_err();
            assert_eq!(err.text, text);
        }
    }
}
