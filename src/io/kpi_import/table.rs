//! Reading a CSV or XLSX file into a [`RawTable`] of cells, before any mapping is applied
//! (spreadsheets in `xlsx`).

use std::fmt;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use chrono::NaiveDateTime;
use rust_decimal::Decimal;

use super::text::CellText;
use crate::model::import_mapping::SourceFormat;

/// A file-level failure: nothing of the file can be imported, and nothing was changed.
/// Each message names the file and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be opened or read.
    #[error(
        "cannot read {file}: {source}; check that the file exists and is not open in another program"
    )]
    CannotOpen {
        /// The file name.
        file: String,
        /// Why the system refused.
        source: std::io::Error,
    },
    /// The file is not UTF-8 text.
    #[error(
        "{file} is not UTF-8 text: byte {offset} (line {line}) is not valid UTF-8; save it as \"CSV UTF-8\" and import it again"
    )]
    NotUtf8 {
        /// The file name.
        file: String,
        /// The 0-based byte offset of the first invalid byte.
        offset: usize,
        /// The 1-based line of that byte.
        line: usize,
    },
    /// The file has no content at all.
    #[error("{file} is empty; choose a file with a header row and data rows")]
    Empty {
        /// The file name.
        file: String,
    },
    /// The header row is missing or has no column names.
    #[error(
        "{file} has no column names in row {row}; set the header row in the mapping to the row that names the columns"
    )]
    NoHeader {
        /// The file name.
        file: String,
        /// The 1-based row that should hold the header.
        row: usize,
    },
    /// The named sheet is not in the workbook.
    #[error("{file} has no sheet \"{sheet}\" (its sheets: {available}); choose one of its sheets")]
    SheetNotFound {
        /// The file name.
        file: String,
        /// The sheet asked for.
        sheet: String,
        /// The workbook's sheets, comma-separated.
        available: String,
    },
    /// The spreadsheet could not be read.
    #[error(
        "cannot read {file} as a spreadsheet ({message}); open it in Excel and save it as .xlsx, or export it as CSV"
    )]
    Spreadsheet {
        /// The file name.
        file: String,
        /// What the spreadsheet reader said.
        message: String,
    },
    /// The CSV is malformed beyond repair.
    #[error("{file} line {line} is not valid CSV ({message}); check the quotes on that line")]
    Csv {
        /// The file name.
        file: String,
        /// The 1-based line.
        line: u64,
        /// What the CSV reader said.
        message: String,
    },
    /// A column named in the mapping is not in the file.
    #[error(
        "{file} has no column \"{column}\" (its columns: {available}); choose one of its columns in the mapping"
    )]
    MissingColumn {
        /// The file name.
        file: String,
        /// The column the mapping asked for.
        column: String,
        /// The file's columns, comma-separated.
        available: String,
    },
    /// The mapping contradicts itself.
    #[error("the mapping for {file} is not usable: {message}")]
    InvalidMapping {
        /// The file name.
        file: String,
        /// What is wrong and what to do.
        message: String,
    },
    /// The file is beyond one of the import's size limits (`limits.rs`); nothing was read.
    #[error("{file} is too large to import: {what}; split the file or export only the KPI columns")]
    TooLarge {
        /// The file name.
        file: String,
        /// Which limit, and by how much.
        what: String,
    },
    /// A column name or metric name is longer than
    /// [`MAX_NAME_CHARS`](super::limits::MAX_NAME_CHARS) characters; nothing was read.
    #[error(
        "{file}: {what} (\"{start}…\") is {chars} characters long, more than the {max} allowed; shorten it in the file",
        max = super::limits::MAX_NAME_CHARS
    )]
    NameTooLong {
        /// The file name.
        file: String,
        /// Which name: `the name of column 3`, `the metric name in row 12`.
        what: String,
        /// The name's first 40 characters.
        start: String,
        /// Its length in characters.
        chars: usize,
    },
    /// The user cancelled the import.
    #[error("the import of {file} was cancelled; nothing was changed")]
    Cancelled {
        /// The file name.
        file: String,
    },
}

/// Progress of a read or an import, shared with the UI thread: the worker updates it, the UI
/// polls [`Progress::fraction`] each frame and may call [`Progress::cancel`].
#[derive(Debug, Default)]
pub struct Progress {
    total: AtomicU64,
    done: AtomicU64,
    rows: AtomicU64,
    cancelled: AtomicBool,
}

impl Progress {
    /// A fresh progress: nothing done, not cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// How far the current step is, 0.0 to 1.0 (bytes while reading, rows while importing).
    pub fn fraction(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed);
        if total == 0 {
            return 0.0;
        }
        (self.done.load(Ordering::Relaxed) as f64 / total as f64).clamp(0.0, 1.0) as f32
    }

    /// How many data rows have been read so far.
    pub fn rows_read(&self) -> u64 {
        self.rows.load(Ordering::Relaxed)
    }

    /// Asks the worker to stop at its next check; it then returns [`ImportError::Cancelled`].
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether [`Progress::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    pub(crate) fn start(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(0, Ordering::Relaxed);
    }

    pub(crate) fn update(&self, done: u64, rows: u64) {
        self.done.store(done, Ordering::Relaxed);
        self.rows.store(rows, Ordering::Relaxed);
    }
}

/// How often (in rows) workers publish progress and check for cancel.
pub(crate) const PROGRESS_EVERY: usize = 16 * 1024;

/// One cell as read, before its meaning is known.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Cell {
    /// Empty (or only spaces): a missing value.
    #[default]
    Empty,
    /// Text, as written in a CSV or a spreadsheet text cell.
    Text(CellText),
    /// A spreadsheet number.
    Number(f64),
    /// A spreadsheet date or date-time cell.
    DateTime(NaiveDateTime),
    /// A spreadsheet duration cell (`[h]:mm:ss`), in seconds.
    Duration(Decimal),
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Empty => Ok(()),
            Cell::Text(text) => f.write_str(text),
            Cell::Number(n) => write!(f, "{n}"),
            Cell::DateTime(dt) => {
                if dt.time() == chrono::NaiveTime::MIN {
                    write!(f, "{}", dt.date())
                } else {
                    write!(f, "{}", dt.format("%Y-%m-%dT%H:%M:%S"))
                }
            }
            Cell::Duration(secs) => write!(f, "{secs} s"),
        }
    }
}

impl Cell {
    /// The cell's text, when it is a text cell.
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(text) => Some(text.as_str()),
            _ => None,
        }
    }
}

/// A file's table as read: the column names and the data rows, each with its row number in
/// the source (1-based, as a spreadsheet or text editor shows it). Shown as a preview, then
/// imported with a mapping.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawTable {
    /// The column names from the header row, trimmed.
    pub headers: Vec<String>,
    /// The data rows after the header, with their source row numbers; rows whose cells are all
    /// empty are left out. A row may be shorter or longer than the header.
    pub rows: Vec<(usize, Vec<Cell>)>,
    /// The CSV delimiter that was used (after sniffing); `None` for spreadsheets.
    pub delimiter: Option<u8>,
    /// The workbook's sheet names, in order, for choosing another; empty for CSV.
    pub sheets: Vec<String>,
}

impl RawTable {
    /// The index of the column named `name` (exact, then ignoring case and surrounding spaces).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name).or_else(|| {
            let name = name.trim();
            self.headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
        })
    }
}

/// Reads a KPI file by its extension: `.xlsx`, `.xlsm`, `.xlsb`, `.xls` and `.ods` as a
/// spreadsheet, anything else as CSV. Errors name the file by its file name.
pub fn read_table(
    path: &Path,
    format: &SourceFormat,
    limit: Option<usize>,
    progress: &Progress,
) -> Result<RawTable, ImportError> {
    let file = file_name(path);
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    if size > super::limits::MAX_FILE_BYTES {
        return Err(super::limits::too_large(
            &file,
            format!(
                "it has {size} bytes, more than the {} bytes allowed",
                super::limits::MAX_FILE_BYTES
            ),
        ));
    }
    let open_error = |source| ImportError::CannotOpen {
        file: file.clone(),
        source,
    };
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if matches!(extension.as_str(), "xlsx" | "xlsm" | "xlsb" | "xls" | "ods") {
        let bytes = std::fs::read(path).map_err(open_error)?;
        if bytes.is_empty() {
            return Err(ImportError::Empty { file });
        }
        return super::xlsx::read_xlsx(std::io::Cursor::new(bytes), format, &file, limit, progress);
    }
    let input = std::fs::File::open(path).map_err(open_error)?;
    // Streamed: the file is never held whole besides its cells.
    let input = std::io::BufReader::with_capacity(64 * 1024, input);
    super::csv_read::read_csv_from(input, size, format, &file, limit, progress)
}

/// The name a file is called by in messages: its file name without the folder.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::kpi_import::{read_csv, sniff_delimiter};

    fn read(text: &[u8]) -> Result<RawTable, ImportError> {
        read_csv(
            text,
            &SourceFormat::default(),
            "t.csv",
            None,
            &Progress::new(),
        )
    }

    #[test]
    fn sniffs_delimiters_outside_quotes() {
        assert_eq!(sniff_delimiter(b"a,b,c"), b',');
        assert_eq!(sniff_delimiter(b"a;b;\"c,d,e\""), b';');
        assert_eq!(sniff_delimiter(b"a\tb\tc,d"), b'\t');
        assert_eq!(sniff_delimiter(b"abc"), b',');
    }

    #[test]
    fn rows_keep_their_line_numbers_and_skip_blank_lines() {
        let t = read(b"\xEF\xBB\xBFmonth,asa\n2024-01,30\n\n,\n2024-02,\"1,234.5\"\n").unwrap();
        assert_eq!(t.headers, ["month", "asa"]);
        assert_eq!(
            t.rows,
            vec![
                (
                    2,
                    vec![Cell::Text("2024-01".into()), Cell::Text("30".into())]
                ),
                (
                    5,
                    vec![Cell::Text("2024-02".into()), Cell::Text("1,234.5".into())]
                ),
            ]
        );
        assert_eq!(t.column("ASA "), Some(1));
    }

    #[test]
    fn header_row_skips_title_lines() {
        let format = SourceFormat {
            header_row: 3,
            ..SourceFormat::default()
        };
        let t = read_csv(
            b"KPI report\nexported today\nmonth;asa\n2024-01;30\n",
            &format,
            "t.csv",
            None,
            &Progress::new(),
        )
        .unwrap();
        assert_eq!(t.headers, ["month", "asa"]);
        assert_eq!(t.rows[0].0, 4);
        assert_eq!(t.delimiter, Some(b';'));
    }

    #[test]
    fn file_level_errors_say_where_and_what_to_do() {
        assert_eq!(
            read(b"month,asa\n2024-01,3\xff0\n")
                .unwrap_err()
                .to_string(),
            "t.csv is not UTF-8 text: byte 19 (line 2) is not valid UTF-8; save it as \"CSV UTF-8\" and import it again"
        );
        assert_eq!(
            read(b"  \n").unwrap_err().to_string(),
            "t.csv is empty; choose a file with a header row and data rows"
        );
        assert_eq!(
            read(b",,\n1,2,3").unwrap_err().to_string(),
            "t.csv has no column names in row 1; set the header row in the mapping to the row that names the columns"
        );
    }

    #[test]
    fn cancel_stops_the_read() {
        let progress = Progress::new();
        progress.cancel();
        assert!(matches!(
            read_csv(
                b"a\n1\n",
                &SourceFormat::default(),
                "t.csv",
                None,
                &progress
            ),
            Err(ImportError::Cancelled { .. })
        ));
    }
}
