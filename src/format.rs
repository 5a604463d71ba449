//! Numbers as people read them: money with thousands separators, amounts with a fixed number
//! of decimals for files. Shared by the CLI, exports and the app so that every surface shows
//! the same figure the same way.
//!
//! ```
//! use dealbench::format::{format_amount, format_money};
//! use rust_decimal_macros::dec;
//!
//! assert_eq!(format_money(dec!(1234567.5), 2), "1,234,567.50");
//! assert_eq!(format_money(dec!(-41200), 2), "-41,200.00");
//! assert_eq!(format_amount(dec!(-41200), 2), "-41200.00");
//! ```

use rust_decimal::{Decimal, RoundingStrategy};

/// `amount` with exactly `decimals` decimals and no grouping, as written in JSON and CSV
/// ("1234567.50"). Rounds half away from zero if the amount has more decimals (ledger amounts
/// are already rounded by the contract's rule, so this only pads them); never writes "-0.00".
pub fn format_amount(amount: Decimal, decimals: u32) -> String {
    let mut value = amount.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    if value.is_zero() {
        value.set_sign_positive(true);
    }
    value.rescale(decimals);
    value.to_string()
}

/// `amount` with exactly `decimals` decimals and a comma between thousands ("1,234,567.50",
/// "-41,200.00"), for tables and screens. The minus sign is ASCII `-`.
pub fn format_money(amount: Decimal, decimals: u32) -> String {
    let plain = format_amount(amount, decimals);
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let mut grouped = String::with_capacity(plain.len() + whole.len() / 3);
    grouped.push_str(sign);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if let Some(fraction) = fraction {
        grouped.push('.');
        grouped.push_str(fraction);
    }
    grouped
}

/// A change of money with its sign, for differences: "+1,234.50", "-600.00", "0.00".
pub fn format_signed_money(amount: Decimal, decimals: u32) -> String {
    let text = format_money(amount, decimals);
    if amount > Decimal::ZERO {
        format!("+{text}")
    } else {
        text
    }
}

/// `value` with thousands separators and no trailing zeros, for volumes, rates and thresholds
/// in explanations: 12345.50 → "12,345.5", 5000 → "5,000".
pub fn format_number(value: Decimal) -> String {
    let value = value.normalize();
    format_money(value, value.scale())
}

/// A measured value (a KPI, unrounded in the engine) for display: rounded half away from zero
/// to 4 decimals and written with exactly 4 ("99.8981", "35.0000").
pub fn format_value(value: Decimal) -> String {
    format_amount(value, 4)
}

/// A short amount for an axis, with enough decimals to tell ticks `step` apart: `6.05M`, `12.5k`,
/// `75` (`step` 0: the fewest).
pub fn format_compact_by(value: f64, step: f64) -> String {
    let abs = value.abs();
    let (scaled, unit, scale) = if abs >= 1e6 {
        (value / 1e6, "M", 1e6)
    } else if abs >= 1e3 {
        (value / 1e3, "k", 1e3)
    } else {
        (value, "", 1.0)
    };
    let base = if unit == "M" { 1 } else { 0 };
    let needed = if step > 0.0 {
        (-(step / scale).log10()).ceil().max(0.0) as usize
    } else {
        0
    };
    format!("{scaled:.prec$}{unit}", prec = needed.max(base).min(3))
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn numbers_drop_trailing_zeros() {
        assert_eq!(format_number(dec!(12345.50)), "12,345.5");
        assert_eq!(format_number(dec!(5000)), "5,000");
        assert_eq!(format_number(dec!(0.25)), "0.25");
        assert_eq!(format_number(dec!(-1500.0)), "-1,500");
    }

    #[test]
    fn money_groups_thousands() {
        assert_eq!(format_money(dec!(1234567.5), 2), "1,234,567.50");
        assert_eq!(format_money(dec!(999.999), 2), "1,000.00");
        assert_eq!(format_money(dec!(100000), 2), "100,000.00");
        assert_eq!(format_money(dec!(12345), 0), "12,345");
        assert_eq!(format_money(dec!(0.5), 2), "0.50");
        assert_eq!(format_money(dec!(0), 2), "0.00");
    }

    #[test]
    fn negatives_keep_an_ascii_minus() {
        assert_eq!(format_money(dec!(-1234567.5), 2), "-1,234,567.50");
        assert_eq!(format_money(dec!(-100), 2), "-100.00");
        assert_eq!(format_money(dec!(-0.004), 2), "0.00", "no negative zero");
    }

    #[test]
    fn amounts_have_exactly_the_decimals_asked() {
        assert_eq!(format_amount(dec!(180000), 2), "180000.00");
        assert_eq!(format_amount(dec!(17503.5), 2), "17503.50");
        assert_eq!(format_amount(dec!(0.125), 2), "0.13", "half away from zero");
        assert_eq!(format_amount(dec!(-0.125), 2), "-0.13");
        assert_eq!(format_amount(dec!(1.5), 0), "2");
        assert_eq!(format_amount(-Decimal::ZERO, 2), "0.00");
    }

    #[test]
    fn values_have_four_decimals() {
        // 44 minutes down in a 30-day month.
        assert_eq!(format_value(dec!(99.89814814814814814814814815)), "99.8981");
        assert_eq!(format_value(dec!(35)), "35.0000");
    }
}
