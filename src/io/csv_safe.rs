//! Cells that are safe to open in a spreadsheet: every CSV and TSV Dealbench writes passes its
//! text cells through [`neutralise`], so that a name such as `=HYPERLINK("http://…","click")`
//! is shown as text instead of being run as a formula (CSV injection).
//!
//! The rule is OWASP's (CSV Injection, "mitigation"): a cell that begins with `=`, `+`, `-`,
//! `@`, a tab or a carriage return is prefixed with a single quote, which spreadsheets take as
//! "this is text" and do not display. Numbers are left as they are, so a credit of `-1234.50`
//! stays a number. Quoting the cell and doubling its quotes is the CSV writer's part.

use std::borrow::Cow;

use rust_decimal::Decimal;

/// The first characters that make a spreadsheet read a cell as a formula.
const TRIGGERS: [u8; 6] = [b'=', b'+', b'-', b'@', b'\t', b'\r'];

/// `cell` as it is safe to write: prefixed with `'` when a spreadsheet would run it as a
/// formula, unchanged otherwise (numbers included, negative ones too).
pub fn neutralise(cell: &[u8]) -> Cow<'_, [u8]> {
    let Some(first) = cell.first() else {
        return Cow::Borrowed(cell);
    };
    let number = || std::str::from_utf8(cell).is_ok_and(|text| text.parse::<Decimal>().is_ok());
    if TRIGGERS.contains(first) && !number() {
        let mut safe = Vec::with_capacity(cell.len() + 1);
        safe.push(b'\'');
        safe.extend_from_slice(cell);
        Cow::Owned(safe)
    } else {
        Cow::Borrowed(cell)
    }
}

/// [`neutralise`] for text.
pub fn neutralise_text(cell: &str) -> Cow<'_, str> {
    match neutralise(cell.as_bytes()) {
        Cow::Borrowed(_) => Cow::Borrowed(cell),
        Cow::Owned(_) => Cow::Owned(format!("'{cell}")),
    }
}

/// Writes one record of text cells, each neutralised.
pub fn write_record<W: std::io::Write, C: AsRef<[u8]>>(
    writer: &mut csv::Writer<W>,
    cells: impl IntoIterator<Item = C>,
) -> csv::Result<()> {
    let cells: Vec<Cow<'_, [u8]>> = cells
        .into_iter()
        .map(|c| Cow::Owned(neutralise(c.as_ref()).into_owned()))
        .collect();
    writer.write_record(cells.iter().map(|c| c.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn safe(text: &str) -> String {
        neutralise_text(text).into_owned()
    }

    #[test]
    fn formulas_become_text_and_numbers_stay_numbers() {
        assert_eq!(
            safe(r#"=HYPERLINK("http://example.com","click")"#),
            r#"'=HYPERLINK("http://example.com","click")"#
        );
        assert_eq!(safe("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(safe("-2+3"), "'-2+3");
        assert_eq!(safe("@SUM(A1:A2)"), "'@SUM(A1:A2)");
        assert_eq!(safe("\t=1"), "'\t=1");
        assert_eq!(safe("\r=1"), "'\r=1");
        // Numbers, names and empty cells are written as they are.
        assert_eq!(safe("-1234.50"), "-1234.50");
        assert_eq!(safe("+5"), "+5");
        assert_eq!(safe("Base fee"), "Base fee");
        assert_eq!(safe("a=b"), "a=b");
        assert_eq!(safe(""), "");
    }
}
