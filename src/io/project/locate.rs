//! Finding things in the project's text: where a field is, where a validation problem is, and
//! the conversions between byte offsets and the line and column people see.

use crate::model::{Component, Location, TermPath, ValidationError};

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

/// Where a validation problem is in the text, found from its typed location: the section it
/// names (an offer by name, a series by id), then the component in it (the `id:` of a charge,
/// service level, …; the `indexation:`, `credit_regime:` or `triggers:` field), then for a
/// project setting or a single component the field itself. An id used in two offers is found
/// in the right one.
pub(super) fn locate(text: &str, error: &ValidationError) -> Option<(usize, usize)> {
    let at = match &error.location {
        Location::Project(field) => find_field(text, 0, (*field)?)?,
        Location::Kpi(id) => entry_start(text, "kpis", id)?,
        Location::Volume(id) => entry_start(text, "volumes", id)?,
        Location::Index(id) => entry_start(text, "indices", id)?,
        Location::Scenario { scenario, term } => {
            let start = entry_start(text, "scenarios", scenario).unwrap_or(0);
            match term {
                Some(term) => component_start(text, start, term).unwrap_or(start),
                None => start,
            }
        }
    };
    Some(line_column(text, at))
}

/// The offset of the entry of `section` whose `id` (a scenario's `name`) is `key`.
fn entry_start(text: &str, section: &str, key: &str) -> Option<usize> {
    let field = if section == "scenarios" { "name" } else { "id" };
    let from = find_field(text, 0, section)?;
    Some(find_field_with_value(text, from, field, &quoted(key)).unwrap_or(from))
}

/// The offset of a term within the offer starting at `start`: a component with an id at its
/// `id:` field; the indexation and the credit regime at their field, or the field named by
/// the path within it; a trigger at the offer's `triggers:`.
fn component_start(text: &str, start: usize, term: &TermPath) -> Option<usize> {
    let section = match &term.component {
        Component::Offer => return Some(start),
        Component::Indexation(_) => "indexation",
        Component::CreditRegime => "credit_regime",
        Component::Trigger(_) => "triggers",
        component => {
            let id = component.id()?;
            return find_field_with_value(text, start, "id", &quoted(id));
        }
    };
    let mut at = find_field(text, start, section)?;
    // The n-th clause of several: the n-th `Indexation(` after the field.
    if let Component::Indexation(n) = term.component
        && n > 0
    {
        for _ in 0..=n {
            match text[at..].find("Indexation(") {
                Some(found) => at += found + 1,
                None => break,
            }
        }
    }
    match (&term.component, term.field) {
        (Component::Indexation(_) | Component::CreditRegime, Some(field)) => {
            Some(find_field(text, at, field.file_name()).unwrap_or(at))
        }
        _ => Some(at),
    }
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
