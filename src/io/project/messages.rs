//! Turning RON and serde errors into tidy messages: what is wrong and what to do, pointed at
//! the value concerned, no Debug dumps.

use super::ProjectError;
use super::locate::{line_column, offset_of};

/// A tidy message for a RON or serde error: what is wrong and what to do, no Debug dumps.
pub(super) fn syntax_error(text: &str, file: &str, e: &ron::error::SpannedError) -> ProjectError {
    use ron::error::Error as E;
    let (mut line, mut column) = (e.span.start.line.max(1), e.span.start.col.max(1));
    // ron's span of a rejected string value starts inside the quotes: point at the value.
    if column > 1 && text[..offset_of(text, line, column)].ends_with('"') {
        column -= 1;
    }
    let message = match &e.code {
        E::ExpectedString | E::ExpectedStringEnd => {
            not_a_string(token_at(text, offset_of(text, line, column)))
        }
        E::InvalidValueForType { expected, found } => {
            if expected.contains("Decimal") {
                format!(
                    "{} is not a number: write amounts as decimal strings, e.g. \"180000.00\"",
                    found.trim_start_matches("the string ")
                )
            } else {
                format!("expected {expected}, found {found}")
            }
        }
        E::ExpectedInteger => not_an_integer(token_at(text, offset_of(text, line, column))),
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            (line, column) = word_before(text, line, column, found).unwrap_or((line, column));
            format!(
                "unknown field `{found}`{}; {}: check the spelling",
                in_outer(outer),
                one_of(expected, "fields")
            )
        }
        E::MissingStructField { field, outer } => {
            format!("missing field `{field}`{}; add it", in_outer(outer))
        }
        E::DuplicateStructField { field, outer } => {
            format!(
                "field `{field}` is written twice{}; keep one",
                in_outer(outer)
            )
        }
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            (line, column) = word_before(text, line, column, found).unwrap_or((line, column));
            format!(
                "unknown kind `{found}`{}; {}",
                in_outer(outer),
                one_of(expected, "kinds")
            )
        }
        // Custom errors from the model's own types (a month like "2025-13") carry their
        // advice already.
        E::Message(message) => message.clone(),
        E::Eof => "the file ends too early: a `)` or `]` is missing".to_owned(),
        E::ExpectedComma => {
            "expected a `,` before this: separate fields and list items with commas".to_owned()
        }
        E::ExpectedMapColon => "expected `:` between a field and its value".to_owned(),
        E::TrailingCharacters => {
            "text after the end of the project: remove it, or check the brackets above".to_owned()
        }
        E::Utf8Error(_) => "the file is not UTF-8 text".to_owned(),
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            let first = chars
                .next()
                .map(|c| c.to_lowercase().to_string())
                .unwrap_or_default();
            format!("{first}{}: check the RON syntax here", chars.as_str())
        }
    };
    ProjectError::Syntax {
        file: file.to_owned(),
        line,
        column,
        message,
    }
}

/// What to say when a string was expected and `token` was found: an amount written as a
/// number is the usual slip.
fn not_a_string(token: &str) -> String {
    if looks_like_number(token) {
        format!(
            "found the number {token} where text belongs: write amounts as strings, e.g. \"180000.00\""
        )
    } else if token.is_empty() {
        "expected a string in double quotes here".to_owned()
    } else {
        format!("found {token} where a string belongs: put it in double quotes")
    }
}

/// What to say when a whole number was expected and `token` was found: a count written in
/// quotes is the usual slip.
fn not_an_integer(token: &str) -> String {
    if token.starts_with('"') {
        format!("found {token} where a whole number belongs: write it without quotes, e.g. 36")
    } else {
        "expected a whole number here, e.g. 36".to_owned()
    }
}

fn in_outer(outer: &Option<String>) -> String {
    outer
        .as_ref()
        .map(|o| format!(" in {o}"))
        .unwrap_or_default()
}

fn one_of(expected: &[&str], none: &str) -> String {
    let names: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
    match names.as_slice() {
        [] => format!("there are no {none}"),
        [one] => format!("expected {one}"),
        _ => format!("expected one of {}", names.join(", ")),
    }
}

/// The token starting at `at`: a quoted string, or a run of characters up to a delimiter.
fn token_at(text: &str, at: usize) -> &str {
    let rest = text[at..].trim_start();
    if let Some(inner) = rest.strip_prefix('"') {
        let end = inner.find('"').map_or(rest.len(), |i| i + 2);
        return &rest[..end];
    }
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | ')' | ']' | '}' | '('))
        .unwrap_or(rest.len());
    &rest[..end]
}

fn looks_like_number(token: &str) -> bool {
    !token.is_empty()
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | '_' | 'e' | 'E'))
        && token.chars().any(|c| c.is_ascii_digit())
}

/// The position of `word` as it last appears before (line, column): ron reports an unknown
/// field after reading it, so its span may end past the name.
fn word_before(text: &str, line: usize, column: usize, word: &str) -> Option<(usize, usize)> {
    let end = offset_of(text, line, column);
    let mut cut = (end + word.len()).min(text.len());
    while !text.is_char_boundary(cut) {
        cut += 1;
    }
    let window = &text[..cut];
    let mut search = window;
    while let Some(at) = search.rfind(word) {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !is_word(before) && !is_word(after) {
            return Some(line_column(text, at));
        }
        search = &search[..at];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_a_quoted_string_or_a_run_to_a_delimiter() {
        assert_eq!(token_at(r#"  "12 a", next"#, 0), r#""12 a""#);
        assert_eq!(token_at("rate: 180000.5, next", 6), "180000.5");
        assert_eq!(token_at("(months: 36)", 9), "36");
        assert_eq!(token_at("  ", 0), "");
    }

    #[test]
    fn numbers_written_for_strings_are_recognised() {
        assert!(looks_like_number("180000.5"));
        assert!(looks_like_number("-1_000e3"));
        assert!(!looks_like_number("e"));
        assert!(!looks_like_number("Offer"));
        assert!(!looks_like_number(""));
    }

    #[test]
    fn the_advice_names_the_slip() {
        assert_eq!(
            not_a_string("180000.5"),
            "found the number 180000.5 where text belongs: write amounts as strings, e.g. \"180000.00\""
        );
        assert_eq!(
            not_a_string("Offer"),
            "found Offer where a string belongs: put it in double quotes"
        );
        assert_eq!(not_a_string(""), "expected a string in double quotes here");
        assert_eq!(
            not_an_integer("\"36\""),
            "found \"36\" where a whole number belongs: write it without quotes, e.g. 36"
        );
        assert_eq!(
            one_of(&["name", "rate"], "fields"),
            "expected one of `name`, `rate`"
        );
        assert_eq!(one_of(&["name"], "fields"), "expected `name`");
        assert_eq!(one_of(&[], "kinds"), "there are no kinds");
    }

    #[test]
    fn an_unknown_field_is_found_as_a_whole_word_before_the_error() {
        // ron reports `nme` after reading it (column 14, past the name at column 11).
        let text = "(rate: 1, nme: 2)";
        assert_eq!(word_before(text, 1, 14, "nme"), Some((1, 11)));
        // A longer word that contains it is not it.
        assert_eq!(word_before("(nme_2: 1)", 1, 5, "nme"), None);
        // On a later line, counted in characters.
        assert_eq!(
            word_before("(\n  é: 1, nme: 2)", 2, 12, "nme"),
            Some((2, 9))
        );
    }
}
