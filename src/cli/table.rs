//! The text the commands share: aligned columns for the tables, counted nouns and month spans
//! for the one-line summaries.

use std::borrow::Cow;
use std::fmt::{Display, Write as _};

use serde::Serialize;

/// `1 month`, `3 months`.
pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `2025-01 to 2025-12` for the first and last month shown, or the words for none.
pub(super) fn span(first: Option<impl Display>, last: Option<impl Display>) -> String {
    match (first, last) {
        (Some(first), Some(last)) => format!("{first} to {last}"),
        _ => "no months in the range".to_owned(),
    }
}

/// A value's serde name (`missed_target`), so the table says what the JSON says.
pub(super) fn name_of(value: &impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// Text safe to print on a terminal: every control character (ESC, a carriage return, a line
/// break inside a name, DEL, the C1 controls) is written as Rust writes it in a string literal,
/// `\u{1b}`, so a name holding an escape sequence shows as text instead of recolouring or
/// rewriting the terminal. Only the text tables and the error messages go through this: CSV keeps
/// the data as it is and JSON escapes on its own.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            let _ = write!(escaped, "\\u{{{:x}}}", u32::from(c));
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

/// Lays out rows in aligned columns (each cell made [`printable`]); `right` marks the columns aligned right (numbers). The
/// last column is not padded, and no line ends in spaces.
pub(super) fn columns(rows: &[Vec<String>], right: &[bool]) -> String {
    let rows: Vec<Vec<Cow<'_, str>>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| printable(cell)).collect())
        .collect();
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..n)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut text = String::new();
    for row in &rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            let pad = widths[c] - cell.chars().count();
            let last = c + 1 == row.len();
            if right.get(c).copied().unwrap_or(false) {
                line.extend(std::iter::repeat_n(' ', pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if !last {
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

/// A header row from its labels.
pub(super) fn header(labels: &[&str]) -> Vec<String> {
    labels.iter().map(|&l| l.to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_and_leave_no_trailing_spaces() {
        let rows = vec![
            vec!["a".to_owned(), "1.00".to_owned(), "x".to_owned()],
            vec!["long".to_owned(), "1,000.00".to_owned(), String::new()],
        ];
        assert_eq!(
            columns(&rows, &[false, true, false]),
            "a         1.00  x\nlong  1,000.00\n"
        );
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(printable("Offer A"), "Offer A");
        assert_eq!(printable("\x1b[31mred\x1b[0m"), "\\u{1b}[31mred\\u{1b}[0m");
        assert_eq!(printable("a\rb\nc\u{7f}"), "a\\u{d}b\\u{a}c\\u{7f}");
        let rows = vec![vec!["\x1b[2J".to_owned(), "x".to_owned()]];
        assert_eq!(columns(&rows, &[]), "\\u{1b}[2J  x\n");
    }

    #[test]
    fn counts_and_spans_read_as_words() {
        assert_eq!(count(1, "month", "months"), "1 month");
        assert_eq!(count(0, "month", "months"), "0 months");
        assert_eq!(span(Some("2025-01"), Some("2025-03")), "2025-01 to 2025-03");
        assert_eq!(span(None::<&str>, None::<&str>), "no months in the range");
    }
}
