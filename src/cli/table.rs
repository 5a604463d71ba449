//! The text the commands share: aligned columns for the tables, counted nouns and month spans
//! for the one-line summaries.

use std::fmt::Display;

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

/// Lays out rows in aligned columns; `right` marks the columns aligned right (numbers). The
/// last column is not padded, and no line ends in spaces.
pub(super) fn columns(rows: &[Vec<String>], right: &[bool]) -> String {
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
    for row in rows {
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
    fn counts_and_spans_read_as_words() {
        assert_eq!(count(1, "month", "months"), "1 month");
        assert_eq!(count(0, "month", "months"), "0 months");
        assert_eq!(span(Some("2025-01"), Some("2025-03")), "2025-01 to 2025-03");
        assert_eq!(span(None::<&str>, None::<&str>), "no months in the range");
    }
}
