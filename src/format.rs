//! Numbers for people: thousands separators and fixed decimals, shared by the CLI, the UI and
//! the engine's explanations.

use rust_decimal::{Decimal, RoundingStrategy};

/// `value` with thousands separators and exactly `decimals` places: 1234567.5 with 2 →
/// "1,234,567.50"; negative values start with "-". Display only: rounding here is half away
/// from zero and never feeds back into amounts.
pub fn money(value: Decimal, decimals: u32) -> String {
    let rounded = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.*}", decimals as usize, rounded.abs());
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), ""), |(i, f)| (i, f));
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    let grouped = group_digits(int);
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// `value` with thousands separators and no trailing zeros: 12345.50 → "12,345.5".
pub fn number(value: Decimal) -> String {
    let value = value.normalize();
    money(value, value.scale())
}

fn group_digits(int: &str) -> String {
    let mut out = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn money_groups_thousands_and_fixes_decimals() {
        assert_eq!(money(dec!(1234567.5), 2), "1,234,567.50");
        assert_eq!(money(dec!(-17503.5), 2), "-17,503.50");
        assert_eq!(money(dec!(999.995), 2), "1,000.00");
        assert_eq!(money(dec!(0), 2), "0.00");
        assert_eq!(money(dec!(-0.001), 2), "0.00");
        assert_eq!(money(dec!(123), 0), "123");
        assert_eq!(money(dec!(100000), 2), "100,000.00");
    }

    #[test]
    fn number_drops_trailing_zeros() {
        assert_eq!(number(dec!(12345.50)), "12,345.5");
        assert_eq!(number(dec!(5000)), "5,000");
        assert_eq!(number(dec!(0.25)), "0.25");
    }
}
