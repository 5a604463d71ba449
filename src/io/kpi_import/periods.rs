//! Reading one cell's text as a period: a month, a day, a week or a moment (`2024-03`,
//! `Mar 2024`, `15.03.2024`, `2024-W11`, `2024-03-15T08:30`), or an Excel serial day number.
//! Pure functions, never a panic.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use super::values::is_space;
use crate::model::YearMonth;
use crate::model::import_mapping::DateOrder;

/// A period read from a cell: the moment it starts and whether it names a whole month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    /// The start of the period (midnight for dates and months).
    pub start: NaiveDateTime,
    /// True for a whole month (`2024-03`, `Mar 2024`), false for a day, week or interval.
    pub monthly: bool,
}

impl Period {
    /// The month the period counts in.
    pub fn month(self) -> YearMonth {
        YearMonth::of_date(self.start.date())
    }

    fn month_of(year: i32, month: u32) -> Option<Self> {
        Some(Self {
            start: YearMonth::new(year, month)?
                .first_day()
                .and_time(NaiveTime::MIN),
            monthly: true,
        })
    }

    fn day(date: NaiveDate) -> Option<Self> {
        YearMonth::new(date.year(), 1)?;
        Some(Self {
            start: date.and_time(NaiveTime::MIN),
            monthly: false,
        })
    }
}

/// The first and last Excel serial day numbers read as dates in text and number cells
/// (1927-05-18 to 2201-02-28); numbers outside are not periods.
const SERIAL_RANGE: std::ops::RangeInclusive<f64> = 10_000.0..=110_000.0;

/// The date-time of an Excel serial number in the 1900 date system (day 1 is 1900-01-01; the
/// fraction is the time of day).
pub fn excel_serial_to_datetime(serial: f64) -> Option<NaiveDateTime> {
    if !serial.is_finite() || !(0.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_time(NaiveTime::MIN);
    // Excel counts the non-existent 1900-02-29 as day 60.
    let serial = if serial < 60.0 { serial + 1.0 } else { serial };
    let ms = (serial * 86_400_000.0).round() as i64;
    epoch.checked_add_signed(chrono::Duration::milliseconds(ms))
}

/// Reads an Excel serial date written as a number (`45366`) as a day period.
pub fn period_from_serial(serial: f64) -> Option<Period> {
    if !SERIAL_RANGE.contains(&serial) {
        return None;
    }
    let start = excel_serial_to_datetime(serial)?;
    Period::day(start.date()).map(|p| Period {
        start,
        monthly: p.monthly,
    })
}

/// The month number of an English month name or abbreviation (`Mar`, `March`, `Sept`).
fn month_name(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word.len() < 3 || !word.is_ascii() {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    if lower == "sept" {
        return Some(9);
    }
    NAMES
        .iter()
        .position(|name| *name == lower || (lower.len() == 3 && name.starts_with(&lower)))
        .map(|i| i as u32 + 1)
}

#[derive(Clone, Copy, Debug)]
enum Token<'a> {
    Num(u32, usize),
    Word(&'a str),
}

fn tokens(text: &str) -> Option<([Option<Token<'_>>; 3], usize)> {
    let mut out = [None; 3];
    let mut count = 0;
    for piece in text.split(|c: char| matches!(c, '-' | '/' | '.' | ',') || is_space(c)) {
        if piece.is_empty() {
            continue;
        }
        let token = if piece.bytes().all(|b| b.is_ascii_digit()) {
            if piece.len() > 4 {
                return None;
            }
            Token::Num(piece.parse().ok()?, piece.len())
        } else {
            Token::Word(piece)
        };
        *out.get_mut(count)? = Some(token);
        count += 1;
    }
    Some((out, count))
}

fn year_of(value: u32, len: usize) -> Option<i32> {
    match len {
        4 => Some(value as i32),
        2 => Some(2000 + value as i32),
        _ => None,
    }
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    // Drop a zone suffix: Z, +01:00, -0500. The local time as written is the period.
    let t = text.trim_matches(is_space);
    let t = t.strip_suffix('Z').unwrap_or(t);
    let core_end = t
        .char_indices()
        .skip(1)
        .find(|(_, c)| *c == '+' || *c == '-')
        .map_or(t.len(), |(i, _)| i);
    let core = t[..core_end].trim_matches(is_space);
    let (core, pm) = if let Some(c) = core.strip_suffix("PM").or_else(|| core.strip_suffix("pm")) {
        (c.trim_end(), Some(true))
    } else if let Some(c) = core.strip_suffix("AM").or_else(|| core.strip_suffix("am")) {
        (c.trim_end(), Some(false))
    } else {
        (core, None)
    };
    let mut parts = core.split(':');
    let mut hour: u32 = parts.next()?.parse().ok()?;
    let minute: u32 = parts.next()?.parse().ok()?;
    let second: u32 = match parts.next() {
        Some(s) => {
            let whole = s.split(['.', ',']).next()?;
            whole.parse().ok()?
        }
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    match pm {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// For [`DateOrder::Auto`]: what one period text says about the order of day and month, if
/// it is a numeric date with the year last.
pub fn date_order_hint(text: &str) -> Option<DateOrder> {
    let date = text.split_once(['T', ' ']).map_or(text, |(d, _)| d);
    if let Some((tokens, 3)) = tokens(date.trim())
        && let [
            Some(Token::Num(a, _)),
            Some(Token::Num(b, _)),
            Some(Token::Num(_, 4)),
        ] = tokens
    {
        if a > 12 && b <= 12 {
            return Some(DateOrder::DayFirst);
        }
        if b > 12 && a <= 12 {
            return Some(DateOrder::MonthFirst);
        }
    }
    None
}

/// Reads a period: a month (`2024-03`, `2024/03`, `202403`, `03/2024`, `Mar 2024`,
/// `March 2024`, `Mar-24`), a date (`2024-03-15`, `20240315`, `15/03/2024`, `15.03.2024`,
/// `15-Mar-2024`, `Mar 15, 2024`), an ISO week (`2024-W10`, its Monday), an ISO date-time
/// (`2024-03-15T10:30:00Z`, `2024-03-15 10:30`) or an Excel serial date (`45366`).
/// `order` must not be `Auto`: resolve it first; `Auto` reads day first.
pub fn parse_period(text: &str, order: DateOrder) -> Option<Period> {
    let t = text.trim_matches(is_space);
    if t.is_empty() || t.len() > 64 {
        return None;
    }
    // A time part starts at the last space or `T` before the first `:`.
    let (date_text, time) = match t.find(':') {
        Some(colon) => {
            let split = t[..colon].rfind([' ', 'T'])?;
            (&t[..split], Some(parse_time(&t[split + 1..])?))
        }
        None => (t, None),
    };
    let date_text = date_text.trim_matches(is_space);
    let mut period = parse_date_part(date_text, order)?;
    if let Some(time) = time {
        if period.monthly {
            return None;
        }
        period.start = period.start.date().and_time(time);
    }
    Some(period)
}

fn parse_date_part(t: &str, order: DateOrder) -> Option<Period> {
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return match t.len() {
            6 => Period::month_of(t[..4].parse().ok()?, t[4..].parse().ok()?),
            8 => Period::day(NaiveDate::from_ymd_opt(
                t[..4].parse().ok()?,
                t[4..6].parse().ok()?,
                t[6..].parse().ok()?,
            )?),
            1..=5 => period_from_serial(t.parse::<f64>().ok()?),
            _ => None,
        };
    }
    if t.bytes().all(|b| b.is_ascii_digit() || b == b'.') && t.matches('.').count() == 1 {
        // A serial with a time fraction: 45366.5
        let (whole, _) = t.split_once('.')?;
        if whole.len() == 5 {
            return period_from_serial(t.parse::<f64>().ok()?);
        }
    }
    let (tokens, count) = tokens(t)?;
    use Token::{Num, Word};
    let date = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).and_then(Period::day);
    match (count, tokens) {
        (2, [Some(Num(y, 4)), Some(Num(m, 1..=2)), None]) => Period::month_of(y as i32, m),
        (2, [Some(Num(m, 1..=2)), Some(Num(y, 4)), None]) => Period::month_of(y as i32, m),
        (2, [Some(Word(w)), Some(Num(y, len)), None]) => {
            Period::month_of(year_of(y, len)?, month_name(w)?)
        }
        (2, [Some(Num(y, 4)), Some(Word(w)), None]) => {
            if let Some(week) = w.strip_prefix(['W', 'w']) {
                let week: u32 = week.parse().ok()?;
                return NaiveDate::from_isoywd_opt(y as i32, week, chrono::Weekday::Mon)
                    .and_then(Period::day);
            }
            Period::month_of(y as i32, month_name(w)?)
        }
        (3, [Some(Num(y, 4)), Some(Num(m, 1..=2)), Some(Num(d, 1..=2))]) => date(y as i32, m, d),
        (3, [Some(Num(a, 1..=2)), Some(Num(b, 1..=2)), Some(Num(y, len))]) => {
            let y = year_of(y, len)?;
            // A number above 12 cannot be the month, whatever the file's order says.
            let day_first = if a > 12 {
                true
            } else if b > 12 {
                false
            } else {
                order != DateOrder::MonthFirst
            };
            let (d, m) = if day_first { (a, b) } else { (b, a) };
            date(y, m, d)
        }
        (3, [Some(Num(d, 1..=2)), Some(Word(w)), Some(Num(y, len))]) => {
            date(year_of(y, len)?, month_name(w)?, d)
        }
        (3, [Some(Word(w)), Some(Num(d, 1..=2)), Some(Num(y, 4))]) => {
            date(y as i32, month_name(w)?, d)
        }
        (3, [Some(Num(y, 4)), Some(Word(w)), Some(Num(d, 1..=1))]) => {
            let week: u32 = w.strip_prefix(['W', 'w'])?.parse().ok()?;
            let weekday = chrono::Weekday::try_from(d.checked_sub(1)? as u8).ok()?;
            NaiveDate::from_isoywd_opt(y as i32, week, weekday).and_then(Period::day)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::kpi_import::values::decimal_from_f64;
    use rust_decimal_macros::dec;

    fn month(text: &str) -> YearMonth {
        text.parse().unwrap()
    }

    #[test]
    fn every_month_format() {
        for text in [
            "2024-03",
            "2024/03",
            "202403",
            "03/2024",
            "3/2024",
            "03.2024",
            "Mar 2024",
            "March 2024",
            "MAR-2024",
            "Mar-24",
            "mar. 2024",
            "2024 Mar",
        ] {
            let p = parse_period(text, DateOrder::DayFirst).unwrap_or_else(|| panic!("{text}"));
            assert!(p.monthly, "{text}");
            assert_eq!(p.month(), month("2024-03"), "{text}");
        }
    }

    #[test]
    fn every_date_format() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 15).unwrap();
        for text in [
            "2024-03-15",
            "2024/03/15",
            "20240315",
            "15/03/2024",
            "15.03.2024",
            "15-03-2024",
            "15-Mar-2024",
            "15 March 2024",
            "Mar 15, 2024",
            "2024-03-15T00:00:00",
            "2024-03-15T00:00:00Z",
            "2024-03-15T00:00:00+01:00",
            "2024-03-15 00:00",
            "45366",
            "45366.0",
        ] {
            let p = parse_period(text, DateOrder::DayFirst).unwrap_or_else(|| panic!("{text}"));
            assert!(!p.monthly, "{text}");
            assert_eq!(p.start.date(), day, "{text}");
        }
        let p = parse_period("2024-03-15T10:30:00.250-05:00", DateOrder::Auto).unwrap();
        assert_eq!(p.start.format("%H:%M").to_string(), "10:30");
        assert_eq!(
            parse_period("03/15/2024", DateOrder::DayFirst)
                .unwrap()
                .start
                .date(),
            day
        );
        assert_eq!(
            parse_period("05/03/2024", DateOrder::MonthFirst)
                .unwrap()
                .month(),
            month("2024-05")
        );
        assert_eq!(
            parse_period("05/03/2024", DateOrder::DayFirst)
                .unwrap()
                .month(),
            month("2024-03")
        );
        assert_eq!(
            parse_period("2024-W10", DateOrder::Auto)
                .unwrap()
                .start
                .date(),
            NaiveDate::from_ymd_opt(2024, 3, 4).unwrap()
        );
        for bad in [
            "",
            "Total",
            "2024-13",
            "2024-02-30",
            "13/13/2024",
            "1999",
            "45366x",
            "2024-03 10:00",
            "12:00",
        ] {
            assert_eq!(parse_period(bad, DateOrder::DayFirst), None, "{bad}");
        }
    }

    #[test]
    fn date_order_hints() {
        assert_eq!(date_order_hint("15/03/2024"), Some(DateOrder::DayFirst));
        assert_eq!(
            date_order_hint("03/15/2024 10:00"),
            Some(DateOrder::MonthFirst)
        );
        assert_eq!(date_order_hint("05/03/2024"), None);
        assert_eq!(date_order_hint("2024-03-15"), None);
    }

    #[test]
    fn excel_serials() {
        assert_eq!(
            excel_serial_to_datetime(45366.5).unwrap().to_string(),
            "2024-03-15 12:00:00"
        );
        assert_eq!(
            excel_serial_to_datetime(1.0).unwrap().date().to_string(),
            "1900-01-01"
        );
        assert_eq!(excel_serial_to_datetime(f64::NAN), None);
        assert_eq!(decimal_from_f64(0.1), Some(dec!(0.1)));
        assert_eq!(decimal_from_f64(0.955), Some(dec!(0.955)));
        assert_eq!(decimal_from_f64(f64::INFINITY), None);
    }
}
