//! Numbers as people read them: thousands separators, the currency's decimals, months.

use std::str::FromStr;

use rust_decimal::Decimal;

pub use crate::format::format_money;

/// `value` as entered, keeping its scale, with thousands separators: `180000.5` → `"180,000.5"`.
pub fn format_decimal(value: Decimal) -> String {
    format_money(value, value.scale())
}

/// A money amount with its currency: `"1,234.56 EUR"`.
pub fn format_money_with(value: Decimal, decimals: u32, currency: &str) -> String {
    format!("{} {currency}", format_money(value, decimals))
}

/// A money amount shortened for tight places (axis ticks): `1.2M`, `350k`.
pub fn format_compact(value: f64) -> String {
    let abs = value.abs();
    if abs >= 1e6 {
        format!("{:.1}M", value / 1e6)
    } else if abs >= 1e3 {
        format!("{:.0}k", value / 1e3)
    } else {
        format!("{value:.0}")
    }
}

/// Why a text is not a decimal number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseDecimalError(pub String);

/// Reads a decimal as a person types it: thousands separators (`,`, spaces, `_`) are ignored.
/// Never goes through `f64`.
pub fn parse_decimal(text: &str) -> Result<Decimal, ParseDecimalError> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_' | '\u{a0}' | '\u{202f}'))
        .collect();
    if cleaned.is_empty() {
        return Err(ParseDecimalError("enter a number".into()));
    }
    Decimal::from_str(&cleaned).map_err(|_| {
        ParseDecimalError(format!(
            "\"{}\" is not a number; write it like 1,234.56",
            text.trim()
        ))
    })
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn money_has_separators_and_cents() {
        assert_eq!(format_money(dec!(1234567.891), 2), "1,234,567.89");
        assert_eq!(format_money(dec!(-41200), 2), "-41,200.00");
        assert_eq!(format_money(dec!(999), 0), "999");
        assert_eq!(format_money(dec!(0.005), 2), "0.01");
        assert_eq!(format_money(dec!(-0.001), 2), "0.00");
    }

    #[test]
    fn typed_numbers_ignore_separators() {
        assert_eq!(parse_decimal("180,000.50"), Ok(dec!(180000.50)));
        assert_eq!(parse_decimal(" 1 000 "), Ok(dec!(1000)));
        assert!(parse_decimal("12a").is_err());
        assert!(parse_decimal("").is_err());
        assert_eq!(format_decimal(dec!(180000.5)), "180,000.5");
    }
}
