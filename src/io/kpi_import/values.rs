//! Reading one cell's text as a number, a duration or a period. Pure functions, no allocation
//! on the happy path, never a panic.

use std::str::FromStr;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;

use crate::model::YearMonth;
use crate::model::import_mapping::{DateOrder, DecimalSeparator, DurationUnit};

/// A number read from a cell, with whether it carried a `%` sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedNumber {
    /// The value as written (`95.5%` gives 95.5).
    pub value: Decimal,
    /// Whether the text ended in `%`.
    pub percent_sign: bool,
}

/// The decimal separator after `Auto` was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    /// `12.5`
    Dot,
    /// `12,5`
    Comma,
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}'
}

/// Reads `text` as a number: optional sign (or parentheses for a negative), digits with the
/// given decimal separator, thousands grouped by the other separator, a space, a no-break space
/// or `'` (`1,234.5`, `1.234,5`, `1 234,5`), an optional exponent (`1.5E3`) and an optional
/// trailing `%`. Grouping must be in threes. `None` when it is not a number.
pub fn parse_number(text: &str, separator: Separator) -> Option<ParsedNumber> {
    let mut t = text.trim_matches(is_space);
    let mut percent_sign = false;
    if let Some(rest) = t.strip_suffix('%') {
        t = rest.trim_end_matches(is_space);
        percent_sign = true;
    }
    let mut negative = false;
    if let Some(rest) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        t = rest.trim_matches(is_space);
        negative = true;
    }
    if let Some(rest) = t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2212}')) {
        if negative {
            return None;
        }
        t = rest;
        negative = true;
    } else if let Some(rest) = t.strip_prefix('+') {
        t = rest;
    }
    let (decimal_char, group_char) = match separator {
        Separator::Dot => ('.', ','),
        Separator::Comma => (',', '.'),
    };
    let mut buf = [0u8; 64];
    let mut len = 0;
    let mut push = |b: u8, len: &mut usize| -> Option<()> {
        *buf.get_mut(*len)? = b;
        *len += 1;
        Some(())
    };
    if negative {
        push(b'-', &mut len)?;
    }
    let mut digits = 0usize;
    let mut group_digits = 0usize;
    let mut groups = 0usize;
    let mut seen_decimal = false;
    let mut exponent = false;
    let mut chars = t.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c.is_ascii_digit() {
            push(c as u8, &mut len)?;
            digits += 1;
            group_digits += 1;
        } else if c == decimal_char && !seen_decimal && !exponent {
            if groups > 0 && group_digits != 3 {
                return None;
            }
            seen_decimal = true;
            push(b'.', &mut len)?;
        } else if (c == group_char || c == '\'' || is_space(c)) && !seen_decimal && !exponent {
            let first_ok = if groups == 0 {
                (1..=3).contains(&group_digits)
            } else {
                group_digits == 3
            };
            if !first_ok {
                return None;
            }
            groups += 1;
            group_digits = 0;
        } else if (c == 'e' || c == 'E') && digits > 0 && !exponent && groups == 0 {
            exponent = true;
            push(b'e', &mut len)?;
            if let Some(&(_, sign)) = chars.peek()
                && (sign == '+' || sign == '-')
            {
                push(sign as u8, &mut len)?;
                chars.next();
            }
            match chars.peek() {
                Some((_, d)) if d.is_ascii_digit() => {}
                _ => return None,
            }
        } else {
            return None;
        }
    }
    if digits == 0 || (groups > 0 && !seen_decimal && group_digits != 3) {
        return None;
    }
    let ascii = std::str::from_utf8(&buf[..len]).ok()?;
    let value = if exponent {
        Decimal::from_scientific(ascii).ok()?
    } else {
        Decimal::from_str_exact(ascii).ok()?
    };
    Some(ParsedNumber {
        value,
        percent_sign,
    })
}

/// A vote on the decimal separator from one value: `Some(Dot)` for `12.5` or `1,234.5`,
/// `Some(Comma)` for `12,5` or `1.234,5`, `None` when it cannot tell (`1234`, `1,234`).
pub fn separator_hint(text: &str) -> Option<Separator> {
    let t = text.trim_matches(is_space);
    let last_dot = t.rfind('.');
    let last_comma = t.rfind(',');
    match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(if d > c {
            Separator::Dot
        } else {
            Separator::Comma
        }),
        (Some(d), None) => single_kind(t, d, '.', Separator::Dot, Separator::Comma),
        (None, Some(c)) => single_kind(t, c, ',', Separator::Comma, Separator::Dot),
        (None, None) => None,
    }
}

fn single_kind(
    t: &str,
    at: usize,
    ch: char,
    as_decimal: Separator,
    as_group: Separator,
) -> Option<Separator> {
    if t.matches(ch).count() > 1 {
        return Some(as_group);
    }
    let after = t[at + 1..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let before = t[..at]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    // `0.955` cannot be thousands: a group never follows a lone zero.
    let lone_zero = before == 1 && t[..at].ends_with('0');
    if before == 0 || after != 3 || before > 3 || lone_zero {
        Some(as_decimal)
    } else {
        None
    }
}

/// Decides the decimal separator from sample values (see [`DecimalSeparator::Auto`]).
pub fn resolve_separator<'a>(
    wanted: DecimalSeparator,
    samples: impl Iterator<Item = &'a str>,
    semicolon_file: bool,
) -> Separator {
    match wanted {
        DecimalSeparator::Dot => Separator::Dot,
        DecimalSeparator::Comma => Separator::Comma,
        DecimalSeparator::Auto => {
            let (mut dot, mut comma) = (0usize, 0usize);
            for text in samples {
                match separator_hint(text) {
                    Some(Separator::Dot) => dot += 1,
                    Some(Separator::Comma) => comma += 1,
                    None => {}
                }
            }
            if comma > dot || (comma == dot && semicolon_file) {
                Separator::Comma
            } else {
                Separator::Dot
            }
        }
    }
}

/// Reads a duration as seconds: `mm:ss` or `hh:mm:ss` (seconds may have decimals), a number with
/// a unit word (`35 s`, `2.5 min`, `1 h`), or a plain number in `unit` (seconds for the clock
/// units). Negative durations are not durations.
pub fn parse_duration(text: &str, unit: DurationUnit, separator: Separator) -> Option<Decimal> {
    let t = text.trim_matches(is_space);
    if t.contains(':') {
        let mut parts = [Decimal::ZERO; 3];
        let mut count = 0;
        for part in t.split(':') {
            let slot = parts.get_mut(count)?;
            *slot = parse_number(part, separator)
                .filter(|n| !n.percent_sign && !n.value.is_sign_negative())?
                .value;
            count += 1;
        }
        let (h, m, s) = match (count, unit) {
            (2, DurationUnit::HourMinSec) => (parts[0], parts[1], Decimal::ZERO),
            (2, _) => (Decimal::ZERO, parts[0], parts[1]),
            (3, _) => (parts[0], parts[1], parts[2]),
            _ => return None,
        };
        if count == 3 && m >= Decimal::from(60) {
            return None;
        }
        if s >= Decimal::from(60)
            || (count == 2 && unit == DurationUnit::HourMinSec && m >= Decimal::from(60))
        {
            return None;
        }
        if (count == 3 && !m.fract().is_zero()) || !h.fract().is_zero() {
            return None;
        }
        return h
            .checked_mul(Decimal::from(3600))?
            .checked_add(m.checked_mul(Decimal::from(60))?)?
            .checked_add(s);
    }
    let number_end = t
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (number, word) = t.split_at(number_end);
    let factor = match word.to_ascii_lowercase().as_str() {
        "" => match unit {
            DurationUnit::Minutes => 60,
            _ => 1,
        },
        "s" | "sec" | "secs" | "second" | "seconds" => 1,
        "m" | "min" | "mins" | "minute" | "minutes" => 60,
        "h" | "hr" | "hrs" | "hour" | "hours" => 3600,
        _ => return None,
    };
    let n = parse_number(number, separator).filter(|n| !n.percent_sign)?;
    if n.value.is_sign_negative() {
        return None;
    }
    n.value.checked_mul(Decimal::from(factor))
}

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

/// Reads a decimal from an Excel number through its shortest exact text (`0.1` stays 0.1).
pub fn decimal_from_f64(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    Decimal::from_str(&value.to_string()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn num(text: &str, sep: Separator) -> Option<Decimal> {
        parse_number(text, sep).map(|n| n.value)
    }

    #[test]
    fn numbers_with_separators_signs_and_percent() {
        use Separator::*;
        assert_eq!(num("1,234.5", Dot), Some(dec!(1234.5)));
        assert_eq!(num("1.234,5", Comma), Some(dec!(1234.5)));
        assert_eq!(num("1 234,5", Comma), Some(dec!(1234.5)));
        assert_eq!(num("1\u{a0}234,5", Comma), Some(dec!(1234.5)));
        assert_eq!(num("1'234.5", Dot), Some(dec!(1234.5)));
        assert_eq!(num(" -12.50 ", Dot), Some(dec!(-12.50)));
        assert_eq!(num("(12.5)", Dot), Some(dec!(-12.5)));
        assert_eq!(num("+3", Dot), Some(dec!(3)));
        assert_eq!(num("1.5E3", Dot), Some(dec!(1500)));
        assert_eq!(num("2.5e-2", Dot), Some(dec!(0.025)));
        assert_eq!(
            parse_number("95.5 %", Dot),
            Some(ParsedNumber {
                value: dec!(95.5),
                percent_sign: true
            })
        );
        assert_eq!(num(".5", Dot), Some(dec!(0.5)));
        assert_eq!(num("0.1", Dot), Some(dec!(0.1)));
        for bad in [
            "", "-", "14O%", "1,23.4", "12,34", "1.2.3", "abc", "1e", "--1", "1,234,5", "%", "1 2",
            "e5",
        ] {
            assert_eq!(num(bad, Dot), None, "{bad}");
        }
        assert_eq!(num("12,5", Dot), None);
        assert_eq!(num("12.5", Comma), None);
        assert_eq!(num("1.234", Comma), Some(dec!(1234)));
        assert_eq!(num("1,234", Dot), Some(dec!(1234)));
    }

    #[test]
    fn separator_votes() {
        assert_eq!(separator_hint("12,5"), Some(Separator::Comma));
        assert_eq!(separator_hint("1.234,5"), Some(Separator::Comma));
        assert_eq!(separator_hint("1,234.5"), Some(Separator::Dot));
        assert_eq!(separator_hint("0.955"), Some(Separator::Dot));
        assert_eq!(separator_hint("1,234"), None);
        assert_eq!(separator_hint("1,234,567"), Some(Separator::Dot));
        assert_eq!(separator_hint("42"), None);
    }

    #[test]
    fn durations_in_every_unit() {
        use DurationUnit::*;
        let d = |t, u| parse_duration(t, u, Separator::Dot);
        assert_eq!(d("03:25", MinSec), Some(dec!(205)));
        assert_eq!(d("03:25", Seconds), Some(dec!(205)));
        assert_eq!(d("1:02:03", MinSec), Some(dec!(3723)));
        assert_eq!(d("01:02", HourMinSec), Some(dec!(3720)));
        assert_eq!(d("00:03:25.5", HourMinSec), Some(dec!(205.5)));
        assert_eq!(d("35", Seconds), Some(dec!(35)));
        assert_eq!(d("2.5", Minutes), Some(dec!(150.0)));
        assert_eq!(d("35 s", Minutes), Some(dec!(35)));
        assert_eq!(d("2min", Seconds), Some(dec!(120)));
        assert_eq!(d("2,5", Minutes), None);
        assert_eq!(
            parse_duration("2,5", Minutes, Separator::Comma),
            Some(dec!(150.0))
        );
        for bad in ["03:75", "1:2:3:4", "-5", "x", "5 parsecs", ":", "1:60:00"] {
            assert_eq!(d(bad, MinSec), None, "{bad}");
        }
    }

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
