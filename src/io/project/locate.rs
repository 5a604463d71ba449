//! Finding things in the project's text: where a field is, where a validation problem is, and
//! the conversions between byte offsets and the line and column people see.

use crate::model::ValidationError;

/// The line and column of the first `field:` in `text`.
pub(super) fn field_position(text: &str, field: &str) -> Option<(usize, usize)> {
    find_field(text, 0, field).map(|at| line_column(text, at))
}

/// The byte offset of `field:` (as a whole word) at or after `from`.
pub(super) fn find_field(text: &str, from: usize, field: &str) -> Option<usize> {
    let mut start = from;
    while let Some(found) = text.get(start..)?.find(field) {
        let at = start + found;
        let before_ok = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let after = text[at + field.len()..].trim_start();
        if before_ok && after.starts_with(':') {
            return Some(at);
        }
        start = at + field.len();
    }
    None
}

/// 1-based line and column (in characters) of a byte offset.
pub(super) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The byte offset of a 1-based line and column (in characters), clamped to the text.
pub(super) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match text[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => return text.len(),
        }
    }
    let rest = &text[offset..];
    offset
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

/// A string as RON writes it, quotes and escapes included, to find it in the text.
fn quoted(value: &str) -> String {
    ron::to_string(value).unwrap_or_else(|_| format!("{value:?}"))
}

/// Where a validation problem is in the text: the quoted id named by its anchor, searched
/// within the section its location names (a scenario, a KPI, a volume, an index), so that an
/// id used in two offers is found in the right one.
pub(super) fn locate(text: &str, error: &ValidationError) -> Option<(usize, usize)> {
    let start = section_start(text, &error.location).unwrap_or(0);
    let at = match &error.anchor {
        Some(anchor) => {
            let quoted = quoted(anchor);
            find_field_with_value(text, start, "id", &quoted)
                .or_else(|| text.get(start..)?.find(&quoted).map(|i| start + i))
                .or_else(|| find_field(text, start, anchor))?
        }
        // No anchor: a project-level field named by the message's first word
        // ("term_months is 0"), if there is one.
        None => {
            let word = error.message.split_whitespace().next()?;
            find_field(text, start, word)?
        }
    };
    Some(line_column(text, at))
}

/// The offset where the section a validation location names begins.
fn section_start(text: &str, location: &str) -> Option<usize> {
    let first = location.split(',').next()?.trim();
    let (kind, name) = first.split_once(' ')?;
    let name: String = name.trim_matches('"').to_owned();
    let (section, key) = match kind {
        "scenario" => ("scenarios", "name"),
        "KPI" => ("kpis", "id"),
        "volume" => ("volumes", "id"),
        "index" => ("indices", "id"),
        _ => return None,
    };
    let from = find_field(text, 0, section)?;
    Some(find_field_with_value(text, from, key, &quoted(&name)).unwrap_or(from))
}

/// The offset of the first `field: value` at or after `from` whose value starts with `value`.
fn find_field_with_value(text: &str, from: usize, field: &str, value: &str) -> Option<usize> {
    let mut at = from;
    while let Some(found) = find_field(text, at, field) {
        let rest = text[found + field.len()..].trim_start();
        if rest[1..].trim_start().starts_with(value) {
            return Some(found);
        }
        at = found + field.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_found_by_offset_and_back() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(offset_of(text, 2, 3), 5);
        assert_eq!(line_column(text, offset_of(text, 3, 1)), (3, 1));
        assert_eq!(find_field("(my_id: 1, id: 2)", 0, "id"), Some(11));
    }
}
