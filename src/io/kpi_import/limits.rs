//! The sizes a KPI file may have, checked before anything large is allocated: a crafted or
//! corrupt file gets a clear error naming the limit, never an out-of-memory abort.
//!
//! The limits are far above any real KPI export (a month of five-minute samples for a hundred
//! metrics is a few megabytes) and low enough that the worst accepted file still fits in the
//! memory of an ordinary laptop.

use std::io::{Read, Seek};

use super::table::ImportError;

/// The largest KPI file read, in bytes (100 MiB): a CSV of about four million rows.
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;

/// The largest uncompressed part of a spreadsheet package (a sheet, the shared strings), in
/// bytes (200 MiB); a zip bomb stops here.
pub const MAX_UNCOMPRESSED_BYTES: u64 = 200 * 1024 * 1024;

/// The most cells a sheet may span, counting the empty ones between the first and the last
/// filled cell of each row (20 million: 16,384 columns, Excel's maximum, over 1,220 rows, or
/// 20 columns over a million rows).
pub const MAX_CELLS: u64 = 20_000_000;

/// The most shared strings a workbook may declare (5 million distinct texts).
pub const MAX_SHARED_STRINGS: u64 = 5_000_000;

/// The most columns a CSV or a sheet may have (16,384, Excel's maximum): each becomes a series,
/// and a project of more series than this is no longer one a person reviews.
pub const MAX_COLUMNS: usize = 16_384;

/// The most different metric names a long-format file may have (as many as [`MAX_COLUMNS`]).
pub const MAX_METRICS: usize = MAX_COLUMNS;

/// The longest column name or metric name, in characters (256): it becomes a series id and
/// name in the project, so a runaway header (a whole file in one cell) is refused here rather
/// than written into a project too large to open.
pub const MAX_NAME_CHARS: usize = 256;

/// How much of the start of a part is read to find its declared counts: the `<sst>` and
/// `<dimension>` elements come first.
const HEAD_BYTES: u64 = 64 * 1024;

/// Refuses a header row with more than [`MAX_COLUMNS`] columns or a column name longer than
/// [`MAX_NAME_CHARS`] characters.
pub(super) fn check_headers(headers: &[String], file: &str) -> Result<(), ImportError> {
    if headers.len() > MAX_COLUMNS {
        return Err(too_large(
            file,
            format!(
                "its header row has {} columns, more than the {MAX_COLUMNS} allowed",
                headers.len()
            ),
        ));
    }
    for (i, header) in headers.iter().enumerate() {
        check_name(header, &format!("the name of column {}", i + 1), file)?;
    }
    Ok(())
}

/// Refuses a row with more than [`MAX_COLUMNS`] cells (`row` is 1-based).
pub(super) fn check_row_width(cells: usize, row: usize, file: &str) -> Result<(), ImportError> {
    if cells > MAX_COLUMNS {
        return Err(too_large(
            file,
            format!("its row {row} has {cells} columns, more than the {MAX_COLUMNS} allowed"),
        ));
    }
    Ok(())
}

/// Refuses a column or metric name longer than [`MAX_NAME_CHARS`] characters; `what` says
/// which name (`the name of column 3`).
pub(super) fn check_name(name: &str, what: &str, file: &str) -> Result<(), ImportError> {
    // Counting stops just past the limit: a name of megabytes is not walked to its end.
    let chars = name.chars().take(MAX_NAME_CHARS + 1).count();
    if chars > MAX_NAME_CHARS {
        return Err(ImportError::NameTooLong {
            file: file.to_owned(),
            what: what.to_owned(),
            start: name.chars().take(40).collect(),
            chars: name.chars().count(),
        });
    }
    Ok(())
}

/// The error for a file beyond a limit.
pub(super) fn too_large(file: &str, what: String) -> ImportError {
    ImportError::TooLarge {
        file: file.to_owned(),
        what,
    }
}

/// Checks a spreadsheet package before the spreadsheet reader sees it: each part's
/// uncompressed size, the shared strings' declared count and each sheet's declared dimension.
/// A file that is not a zip package (XLS) passes; its reader finds its own errors.
pub(super) fn check_package<R: Read + Seek>(reader: R, file: &str) -> Result<(), ImportError> {
    let Ok(mut zip) = zip::ZipArchive::new(reader) else {
        return Ok(());
    };
    for i in 0..zip.len() {
        let Ok(mut entry) = zip.by_index(i) else {
            continue;
        };
        let Ok(name) = entry.name().map(|n| n.into_owned()) else {
            continue;
        };
        if entry.size() > MAX_UNCOMPRESSED_BYTES {
            return Err(too_large(
                file,
                format!(
                    "its part {name} unpacks to {} bytes, more than the {MAX_UNCOMPRESSED_BYTES} bytes allowed",
                    entry.size()
                ),
            ));
        }
        let is_strings = name.eq_ignore_ascii_case("xl/sharedStrings.xml");
        let is_sheet = name.starts_with("xl/worksheets/") && name.ends_with(".xml");
        if !is_strings && !is_sheet {
            continue;
        }
        let mut head = Vec::new();
        if (&mut entry)
            .take(HEAD_BYTES)
            .read_to_end(&mut head)
            .is_err()
        {
            continue; // the spreadsheet reader reports the broken part
        }
        let head = String::from_utf8_lossy(&head);
        if is_strings {
            check_shared_strings(&head, file)?;
        } else {
            check_dimension(&head, &name, file)?;
        }
    }
    Ok(())
}

/// Refuses a shared-strings table that declares more strings than [`MAX_SHARED_STRINGS`]: the
/// reader reserves room for the declared count before reading any.
fn check_shared_strings(head: &str, file: &str) -> Result<(), ImportError> {
    let Some(sst) = element(head, "sst") else {
        return Ok(());
    };
    for attr in ["uniqueCount", "count"] {
        if let Some(value) = attribute(sst, attr) {
            let declared = value.trim().parse::<u64>().unwrap_or(u64::MAX);
            if declared > MAX_SHARED_STRINGS {
                return Err(too_large(
                    file,
                    format!(
                        "its shared-strings table declares {value} strings, more than the {MAX_SHARED_STRINGS} allowed"
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Refuses a sheet whose declared dimension spans more than [`MAX_CELLS`] cells.
fn check_dimension(head: &str, part: &str, file: &str) -> Result<(), ImportError> {
    let Some(range) = element(head, "dimension").and_then(|d| attribute(d, "ref")) else {
        return Ok(());
    };
    let mut corners = range.split(':').map(cell_position);
    let (Some(Some(first)), Some(Some(last))) = (corners.next(), corners.next()) else {
        return Ok(()); // a single cell, or a reference the reader will judge
    };
    let rows = last.0.abs_diff(first.0) + 1;
    let cols = last.1.abs_diff(first.1) + 1;
    let cells = rows.saturating_mul(cols);
    if cells > MAX_CELLS {
        return Err(too_large(
            file,
            format!(
                "its sheet {part} declares the range {range} ({rows} rows × {cols} columns), more than the {MAX_CELLS} cells allowed"
            ),
        ));
    }
    Ok(())
}

/// The text of the first `<name …>` start tag in `xml` (attributes included), if any.
fn element<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = xml;
    loop {
        let at = rest.find('<')?;
        rest = &rest[at + 1..];
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..tag_end];
        // Accept a namespace prefix (`x:sst`).
        let local = tag.split_whitespace().next().unwrap_or("");
        let local = local.rsplit(':').next().unwrap_or(local);
        if local == name {
            return Some(tag);
        }
        rest = &rest[tag_end..];
    }
}

/// The value of `name="…"` (or `'…'`) in a start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let before_ok = rest[..at].ends_with(char::is_whitespace);
        let after = rest[at + name.len()..].trim_start();
        if before_ok && let Some(after) = after.strip_prefix('=') {
            let after = after.trim_start();
            let quote = after.chars().next()?;
            if quote == '"' || quote == '\'' {
                let value = &after[1..];
                return value.find(quote).map(|end| &value[..end]);
            }
        }
        rest = &rest[at + name.len()..];
    }
    None
}

/// A cell reference such as `XFD1048576` as (row, column), 1-based; `None` if it is not one.
pub(super) fn cell_position(reference: &str) -> Option<(u64, u64)> {
    let reference = reference.trim().replace('$', "");
    let letters = reference
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .count();
    let (col, row) = reference.split_at(letters);
    if col.is_empty() || col.len() > 7 {
        return None;
    }
    let col = col.bytes().fold(0u64, |acc, b| {
        acc * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    Some((row.parse().ok()?, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cell_positions_and_attributes() {
        assert_eq!(cell_position("A1"), Some((1, 1)));
        assert_eq!(cell_position("XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(cell_position("$B$3"), Some((3, 2)));
        assert_eq!(cell_position("12"), None);
        let head = r#"<?xml version="1.0"?><sst xmlns="x" count="7" uniqueCount='5'>"#;
        let sst = element(head, "sst").expect("an sst element");
        assert_eq!(attribute(sst, "uniqueCount"), Some("5"));
        assert_eq!(attribute(sst, "count"), Some("7"));
    }

    #[test]
    fn refuses_a_dimension_beyond_the_cell_limit() {
        let head = r#"<worksheet><dimension ref="A1:XFD1048576"/>"#;
        let err = check_dimension(head, "xl/worksheets/sheet1.xml", "t.xlsx")
            .expect_err("17 billion cells");
        assert!(
            err.to_string().contains("1048576 rows × 16384 columns"),
            "{err}"
        );
        let fine = r#"<worksheet><dimension ref="A1:T1000000"/>"#;
        assert!(check_dimension(fine, "s", "t.xlsx").is_ok()); // 20 million exactly
    }
}
