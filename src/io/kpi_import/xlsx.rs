//! Reading a spreadsheet (XLSX, XLSM, XLSB, XLS, ODS) into a [`RawTable`]: spreadsheet cells
//! become [`Cell`]s, dates and durations included.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{Read, Seek};

use rust_decimal::Decimal;

use super::limits;
use super::periods::excel_serial_to_datetime;
use super::table::{Cell, ImportError, PROGRESS_EVERY, Progress, RawTable};
use super::values::decimal_from_f64;
use crate::model::import_mapping::SourceFormat;

/// A spreadsheet cell as a [`Cell`]: a duration cell in seconds, a date cell as a date-time,
/// an error as its `#` text.
fn cell_of(data: &calamine::Data) -> Cell {
    use calamine::Data;
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            if s.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.as_str().into())
            }
        }
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(dt) => {
            if dt.is_duration() {
                let ms = (dt.as_f64() * 86_400_000.0).round();
                match decimal_from_f64(ms) {
                    Some(ms) => Cell::Duration(ms / Decimal::ONE_THOUSAND),
                    None => Cell::Text(dt.as_f64().to_string().into()),
                }
            } else {
                let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
                chrono::NaiveDate::from_ymd_opt(y.into(), mo.into(), d.into())
                    .and_then(|date| date.and_hms_opt(h.into(), mi.into(), s.into()))
                    .or_else(|| excel_serial_to_datetime(dt.as_f64()))
                    .map_or_else(|| Cell::Number(dt.as_f64()), Cell::DateTime)
            }
        }
        Data::Error(e) => Cell::Text(format!("#{e}").into()),
    }
}

/// The sheet to read: the one named (exactly, else ignoring case and surrounding spaces), or
/// the first.
fn choose_sheet(names: &[String], wanted: Option<&str>, file: &str) -> Result<String, ImportError> {
    let found = match wanted {
        Some(sheet) => names
            .iter()
            .find(|n| *n == sheet)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(sheet.trim()))
            })
            .ok_or_else(|| ImportError::SheetNotFound {
                file: file.to_owned(),
                sheet: sheet.to_owned(),
                available: names.join(", "),
            })?,
        None => names.first().ok_or_else(|| ImportError::Empty {
            file: file.to_owned(),
        })?,
    };
    Ok(found.clone())
}

/// A sheet's filled rows, each as its 1-based row number and its cells from column A, in
/// order; and how many rows the sheet spans (for progress).
type SheetRows = (Vec<(usize, Vec<Cell>)>, u64);

/// The rows of an XLSX sheet, read cell by cell: only filled cells are kept, so a sheet with a
/// cell far away costs what its cells cost, not the rectangle between them (calamine's own
/// range would allocate that rectangle). The cells spanned, counting the gaps from column A,
/// are capped at [`limits::MAX_CELLS`].
fn xlsx_rows<RS: Read + Seek>(
    book: &mut calamine::Xlsx<RS>,
    sheet: &str,
    file: &str,
) -> Result<SheetRows, ImportError> {
    let spreadsheet_error = |e: &dyn fmt::Display| ImportError::Spreadsheet {
        file: file.to_owned(),
        message: e.to_string(),
    };
    let mut reader = book
        .worksheet_cells_reader(sheet)
        .map_err(|e| spreadsheet_error(&e))?;
    let mut by_row: BTreeMap<u32, Vec<(u32, Cell)>> = BTreeMap::new();
    let mut spanned = 0u64;
    while let Some(cell) = reader.next_cell().map_err(|e| spreadsheet_error(&e))? {
        let value = cell_of(&calamine::Data::from(cell.get_value().clone()));
        if value == Cell::Empty {
            continue;
        }
        let (row, col) = cell.get_position();
        let cells = by_row.entry(row).or_default();
        let width_before = cells.iter().map(|(c, _)| *c + 1).max().unwrap_or(0);
        spanned += u64::from((col + 1).saturating_sub(width_before));
        if spanned > limits::MAX_CELLS {
            return Err(limits::too_large(
                file,
                format!(
                    "its sheet \"{sheet}\" spans more than the {} cells allowed (counting the empty cells from column A to each row's last filled cell)",
                    limits::MAX_CELLS
                ),
            ));
        }
        cells.push((col, value));
    }
    let span = match (by_row.keys().next(), by_row.keys().next_back()) {
        (Some(first), Some(last)) => u64::from(last - first) + 1,
        _ => 0,
    };
    let rows = by_row
        .into_iter()
        .map(|(row, cells)| {
            let width = cells
                .iter()
                .map(|(c, _)| *c as usize + 1)
                .max()
                .unwrap_or(0);
            let mut out = vec![Cell::Empty; width];
            for (col, value) in cells {
                out[col as usize] = value;
            }
            (row as usize + 1, out)
        })
        .collect();
    Ok((rows, span))
}

/// The rows of a sheet in another format (XLS, XLSB, ODS), through calamine's range.
fn range_rows(range: &calamine::Range<calamine::Data>) -> SheetRows {
    let Some((first_row, first_col)) = range.start() else {
        return (Vec::new(), 0);
    };
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let row_number = first_row as usize + i + 1;
            // Pad on the left so that column indexes match the sheet from column A.
            let mut out = vec![Cell::Empty; first_col as usize];
            out.extend(cells.iter().map(cell_of));
            (row_number, out)
        })
        .filter(|(_, cells)| cells.iter().any(|c| *c != Cell::Empty))
        .collect();
    (rows, range.height() as u64)
}

/// Reads a spreadsheet (XLSX, also XLSM, XLSB, XLS, ODS) from any seekable reader: the sheet
/// named in `format` or the first one. `limit` stops after that many data rows. A package
/// beyond the [`limits`] is refused before it is unpacked.
pub fn read_xlsx<RS: Read + Seek + Clone>(
    reader: RS,
    format: &SourceFormat,
    file: &str,
    limit: Option<usize>,
    progress: &Progress,
) -> Result<RawTable, ImportError> {
    use calamine::Reader;
    let spreadsheet_error = |e: &dyn fmt::Display| ImportError::Spreadsheet {
        file: file.to_owned(),
        message: e.to_string(),
    };
    limits::check_package(reader.clone(), file)?;
    let mut workbook =
        calamine::open_workbook_auto_from_rs(reader).map_err(|e| spreadsheet_error(&e))?;
    let names = workbook.sheet_names();
    let sheet = choose_sheet(&names, format.sheet.as_deref(), file)?;
    let (all_rows, total) = match &mut workbook {
        calamine::Sheets::Xlsx(book) => xlsx_rows(book, &sheet, file)?,
        other => range_rows(
            &other
                .worksheet_range(&sheet)
                .map_err(|e| spreadsheet_error(&e))?,
        ),
    };
    if all_rows.is_empty() {
        return Err(ImportError::Empty {
            file: file.to_owned(),
        });
    }
    let header_row = format.header_row.max(1);
    let mut rows_iter = all_rows.into_iter().skip_while(|(n, _)| *n < header_row);
    let headers = match rows_iter.next() {
        Some((n, cells)) if n == header_row => cells
            .iter()
            .map(|c| c.to_string().trim().to_owned())
            .collect::<Vec<_>>(),
        _ => {
            return Err(ImportError::NoHeader {
                file: file.to_owned(),
                row: header_row,
            });
        }
    };
    if headers.iter().all(String::is_empty) {
        return Err(ImportError::NoHeader {
            file: file.to_owned(),
            row: header_row,
        });
    }
    limits::check_headers(&headers, file)?;
    progress.start(total);
    let mut rows = Vec::new();
    for (n, cells) in rows_iter.take(limit.unwrap_or(usize::MAX)) {
        if rows.len() % PROGRESS_EVERY == 0 {
            if progress.is_cancelled() {
                return Err(ImportError::Cancelled {
                    file: file.to_owned(),
                });
            }
            progress.update(n as u64, rows.len() as u64);
        }
        rows.push((n, cells));
    }
    progress.update(total, rows.len() as u64);
    Ok(RawTable {
        headers,
        rows,
        delimiter: None,
        sheets: names.clone(),
    })
}
