//! Reading one cell's text as a number or a duration (periods are in `periods`). Pure
//! functions, no allocation on the happy path, never a panic.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::model::import_mapping::{DecimalSeparator, DurationUnit};

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

pub(super) fn is_space(c: char) -> bool {
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
}
