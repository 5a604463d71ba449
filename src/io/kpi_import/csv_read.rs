//! Reading CSV into a [`RawTable`], streamed: the file is checked as UTF-8 and split into
//! records as it is read, so that only the table's cells are held, never the whole file too.

use std::io::{BufRead, Read};

use super::table::{Cell, ImportError, PROGRESS_EVERY, Progress, RawTable};
use super::text::CellText;
use crate::model::import_mapping::{Delimiter, SourceFormat};

/// Sniffs the delimiter from one line: the most frequent of `,` `;` and tab outside quotes,
/// comma when none occurs.
pub fn sniff_delimiter(line: &[u8]) -> u8 {
    let (mut comma, mut semicolon, mut tab) = (0usize, 0usize, 0usize);
    let mut quoted = false;
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => comma += 1,
            b';' if !quoted => semicolon += 1,
            b'\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    if tab > comma && tab >= semicolon {
        b'\t'
    } else if semicolon > comma {
        b';'
    } else {
        b','
    }
}

/// A reader that passes bytes on while checking that they are UTF-8, and remembers where the
/// first invalid byte is (its offset in the file and its line) for the error.
struct Utf8Check<R> {
    inner: R,
    /// Bytes passed on and found valid, counting from `base` (the byte-order mark's length).
    checked: usize,
    base: usize,
    /// Lines ended among the checked bytes.
    newlines: usize,
    /// The start of a character split across two reads (at most 3 bytes), already passed on.
    pending: Vec<u8>,
    /// Whether any byte other than white space was seen: an all-blank file is empty.
    content: bool,
    /// The invalid byte: (offset in the file, 1-based line).
    invalid: Option<(usize, usize)>,
    /// The end of the input was reached: a record read then ended without a line break.
    eof: bool,
}

impl<R: Read> Utf8Check<R> {
    fn new(inner: R, base: usize) -> Self {
        Self {
            inner,
            checked: 0,
            base,
            newlines: 0,
            pending: Vec::new(),
            content: false,
            invalid: None,
            eof: false,
        }
    }

    /// Checks `data` (the pending bytes then the new ones); an invalid byte becomes an error.
    fn check(&mut self, data: &[u8], at_end: bool) -> std::io::Result<()> {
        let (valid, complete) = match std::str::from_utf8(data) {
            Ok(_) => (data.len(), true),
            Err(e) => (e.valid_up_to(), e.error_len().is_none() && !at_end),
        };
        let good = &data[..valid];
        self.newlines += good.iter().filter(|&&b| b == b'\n').count();
        self.content |= good.iter().any(|b| !b.is_ascii_whitespace());
        self.checked += valid;
        if valid == data.len() || complete {
            // All valid, or a character cut at the end of this read: finished by the next.
            self.pending = data[valid..].to_vec();
            return Ok(());
        }
        self.invalid = Some((self.base + self.checked, self.newlines + 1));
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "not UTF-8",
        ))
    }
}

impl<R: Read> Read for Utf8Check<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.eof |= n == 0;
        let mut data = std::mem::take(&mut self.pending);
        data.extend_from_slice(&buf[..n]);
        self.check(&data, n == 0)?;
        Ok(n)
    }
}

/// A CSV record's cells (blank fields empty), or `None` when every field is blank.
fn record_cells(record: &csv::ByteRecord) -> Option<Vec<Cell>> {
    let mut any = false;
    let last = record.len().saturating_sub(1);
    let cells = record
        .iter()
        .enumerate()
        .map(|(i, field)| {
            // Lines end at `\n`; the `\r` of a `\r\n` is left on the last field.
            let field = match field {
                [start @ .., b'\r'] if i == last => start,
                _ => field,
            };
            // Fields are valid UTF-8: the input is checked as it is read and quotes are ASCII.
            let text = String::from_utf8_lossy(field);
            if text.trim().is_empty() {
                Cell::Empty
            } else {
                any = true;
                Cell::Text(CellText::from(text.as_ref()))
            }
        })
        .collect::<Vec<_>>();
    any.then_some(cells)
}

/// Reads CSV bytes (UTF-8, with or without a byte-order mark) into a table. `limit` stops after
/// that many data rows (for a preview). `file` names the file in errors.
pub fn read_csv(
    bytes: &[u8],
    format: &SourceFormat,
    file: &str,
    limit: Option<usize>,
    progress: &Progress,
) -> Result<RawTable, ImportError> {
    read_csv_from(bytes, bytes.len() as u64, format, file, limit, progress)
}

/// [`read_csv`] from a reader of `total` bytes (for the progress), streamed: the lines up to
/// the header row are read first (to sniff the delimiter), then record by record.
pub(super) fn read_csv_from<R: BufRead>(
    mut input: R,
    total: u64,
    format: &SourceFormat,
    file: &str,
    limit: Option<usize>,
    progress: &Progress,
) -> Result<RawTable, ImportError> {
    let header_row = format.header_row.max(1);
    let cannot_read = |source| ImportError::CannotOpen {
        file: file.to_owned(),
        source,
    };
    // The lines up to the header row, byte-order mark left out.
    let mut head = Vec::new();
    let mut line_start = 0;
    for _ in 0..header_row {
        line_start = head.len();
        if input.read_until(b'\n', &mut head).map_err(cannot_read)? == 0 {
            break;
        }
    }
    let bom = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let delimiter = match format.delimiter {
        Delimiter::Comma => b',',
        Delimiter::Semicolon => b';',
        Delimiter::Tab => b'\t',
        Delimiter::Auto => sniff_delimiter(&head[line_start.max(bom)..]),
    };
    let checked = Utf8Check::new(std::io::Cursor::new(head).chain(input), bom);
    // Records end at `\n` only (a `\r` before it is dropped with the last field's): the
    // reader's own CR/LF handling returns a record before its `\n` and so misnumbers lines.
    let mut reader = csv::ReaderBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(checked);
    if bom > 0 {
        // The mark is no text: skip it (it was passed through the check as valid).
        let mut mark = [0u8; 3];
        reader
            .get_mut()
            .inner
            .read_exact(&mut mark)
            .map_err(cannot_read)?;
    }
    let mut table = read_records(&mut reader, header_row, file, limit, (progress, total))?;
    table.delimiter = Some(delimiter);
    Ok(table)
}

/// The header row and the data rows of `reader` (delimiter left unset).
fn read_records<R: Read>(
    reader: &mut csv::Reader<Utf8Check<R>>,
    header_row: usize,
    file: &str,
    limit: Option<usize>,
    (progress, total): (&Progress, u64),
) -> Result<RawTable, ImportError> {
    let mut record = csv::ByteRecord::new();
    // Find the header: the header_row-th line (blank lines count as rows, as an editor shows).
    let headers = loop {
        if !next_record(reader, &mut record, file)? {
            return Err(no_header(reader, &mut record, header_row, file));
        }
        let line = record_line(reader, &record);
        if line >= header_row {
            break record
                .iter()
                .map(|f| String::from_utf8_lossy(f).trim().to_owned())
                .collect::<Vec<_>>();
        }
        super::limits::check_row_width(record.len(), line, file)?;
    };
    if headers.iter().all(String::is_empty) {
        return Err(no_header(reader, &mut record, header_row, file));
    }
    super::limits::check_headers(&headers, file)?;
    progress.start(total);
    let mut rows = Vec::new();
    let limit = limit.unwrap_or(usize::MAX);
    while rows.len() < limit && next_record(reader, &mut record, file)? {
        if rows.len() % PROGRESS_EVERY == 0 {
            if progress.is_cancelled() {
                return Err(ImportError::Cancelled {
                    file: file.to_owned(),
                });
            }
            progress.update(reader.position().byte(), rows.len() as u64);
        }
        let line = record_line(reader, &record);
        super::limits::check_row_width(record.len(), line, file)?;
        if let Some(cells) = record_cells(&record) {
            rows.push((line, cells));
        }
    }
    progress.update(total, rows.len() as u64);
    // The rows are kept through the import: give back the room grown for more.
    rows.shrink_to_fit();
    Ok(RawTable {
        headers,
        rows,
        delimiter: None,
        sheets: Vec::new(),
    })
}

/// The 1-based line a record starts on, as an editor shows it (blank lines counted): the
/// reader's position after the record, less the line breaks inside it and the one ending it.
/// (The record's own start position is where the reader stopped before it, before any blank
/// lines it skipped.)
fn record_line<R: Read>(reader: &csv::Reader<Utf8Check<R>>, record: &csv::ByteRecord) -> usize {
    let after = reader.position().line();
    let inside = record.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
    // A record that ended at the end of the input has no line break of its own.
    let ending = u64::from(!reader.get_ref().eof);
    usize::try_from(after.saturating_sub(inside + ending).max(1)).unwrap_or(usize::MAX)
}

/// Reads the next record; `false` at the end. A byte that is not UTF-8 is [`ImportError::NotUtf8`].
fn next_record<R: Read>(
    reader: &mut csv::Reader<Utf8Check<R>>,
    record: &mut csv::ByteRecord,
    file: &str,
) -> Result<bool, ImportError> {
    reader.read_byte_record(record).map_err(|e| {
        if let Some((offset, line)) = reader.get_ref().invalid {
            return ImportError::NotUtf8 {
                file: file.to_owned(),
                offset,
                line,
            };
        }
        ImportError::Csv {
            file: file.to_owned(),
            line: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        }
    })
}

/// The error for a file without a header row: [`ImportError::Empty`] when the whole file is
/// blank (read to its end to tell), else [`ImportError::NoHeader`]; a file that is not UTF-8
/// says so first.
fn no_header<R: Read>(
    reader: &mut csv::Reader<Utf8Check<R>>,
    record: &mut csv::ByteRecord,
    header_row: usize,
    file: &str,
) -> ImportError {
    loop {
        match next_record(reader, record, file) {
            Ok(true) => continue,
            Ok(false) => break,
            Err(e) => return e,
        }
    }
    if reader.get_ref().content {
        ImportError::NoHeader {
            file: file.to_owned(),
            row: header_row,
        }
    } else {
        ImportError::Empty {
            file: file.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `bytes` a byte at a time, so that every character is split across reads.
    fn read_slowly(bytes: &[u8]) -> Result<RawTable, ImportError> {
        let input = std::io::BufReader::with_capacity(1, bytes);
        let format = SourceFormat::default();
        read_csv_from(input, 0, &format, "t.csv", None, &Progress::new())
    }

    #[test]
    fn characters_split_across_reads_are_text_and_bad_bytes_are_found() {
        let t = read_slowly("\u{feff}mois;délai\n2024-01;3,5 €\n".as_bytes()).unwrap();
        assert_eq!(t.headers, ["mois", "délai"]);
        assert_eq!(t.rows[0].1[1], Cell::Text("3,5 €".into()));
        assert_eq!(t.delimiter, Some(b';'));
        // The bad byte follows the mark (3 bytes) and "mois;d", "é" (2 bytes), "lai\n2024": 3 + 16.
        let err = read_slowly(b"\xEF\xBB\xBFmois;d\xC3\xA9lai\n2024\xFF;1\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.csv is not UTF-8 text: byte 19 (line 2) is not valid UTF-8; save it as \"CSV UTF-8\" and import it again"
        );
        // A character cut off by the end of the file is not UTF-8 either.
        let err = read_slowly(b"month,asa\n2024-01,\xC3").unwrap_err();
        assert!(err.to_string().contains("byte 18 (line 2)"), "{err}");
        assert!(matches!(
            read_slowly(b" \n\t\n"),
            Err(ImportError::Empty { .. })
        ));
    }

    #[test]
    fn rows_are_numbered_as_an_editor_shows_them() {
        let lines = |bytes: &[u8]| {
            let t = read_csv(
                bytes,
                &SourceFormat::default(),
                "t.csv",
                None,
                &Progress::new(),
            )
            .unwrap();
            let cells = t
                .rows
                .iter()
                .map(|(_, cells)| cells[1].to_string())
                .collect::<Vec<_>>();
            (
                t.rows.iter().map(|(line, _)| *line).collect::<Vec<_>>(),
                cells,
            )
        };
        // Windows line ends: rows 2 and 4 (3 is blank), no `\r` left in the values.
        let (rows, cells) = lines(b"month,asa\r\n2024-01,30\r\n\r\n2024-02,\"31\"\r\n");
        assert_eq!(rows, [2, 4]);
        assert_eq!(cells, ["30", "31"]);
        // Blank lines before a row, a quoted line break, and no line break at the end.
        let (rows, _) = lines(b"month,asa\n\n\n2024-01,\"3\n0\"\n2024-02,31");
        assert_eq!(rows, [4, 6]);
    }
}
