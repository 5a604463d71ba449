//! The columns the mapping does not read, each reported with why it was not imported: nothing
//! in a file is left out without saying so.

use rustc_hash::FxHashMap;

use super::columns::Columns;
use super::report::{NotImported, ProblemKind, Problems};
use crate::io::kpi_import::guess::{is_numberish, metric_id};
use crate::io::kpi_import::table::{Cell, RawTable};

/// Reports every column of `table` that `columns` does not read (a warning each, with the
/// reason). A column with neither a name nor a value is no column and is passed over.
/// One pass over the rows, reading only the unread columns.
pub(super) fn report_unused(table: &RawTable, columns: &Columns, problems: &mut Problems) {
    let used = columns.used(table.headers.len());
    let unused: Vec<usize> = (0..table.headers.len()).filter(|&i| !used[i]).collect();
    if unused.is_empty() {
        return;
    }
    // Per unread column: non-empty cells, and those that read as numbers.
    let mut filled = vec![0usize; unused.len()];
    let mut numbers = vec![0usize; unused.len()];
    for (_, cells) in &table.rows {
        for (k, &i) in unused.iter().enumerate() {
            let Some(cell) = cells.get(i) else { continue };
            if *cell != Cell::Empty {
                filled[k] += 1;
                numbers[k] += usize::from(is_numberish(cell));
            }
        }
    }
    // Wide layout: the metric ids taken, and by which column, to say why a numeric column
    // with the same id is not imported.
    let taken: FxHashMap<&str, &str> = if columns.long.is_none() {
        let metrics = columns.metrics.iter();
        metrics
            .map(|m| (m.mapping.metric.as_str(), m.column_name.as_str()))
            .collect()
    } else {
        FxHashMap::default()
    };
    for (k, &i) in unused.iter().enumerate() {
        let name = &table.headers[i];
        let why = match (filled[k], numbers[k]) {
            (0, _) if name.is_empty() => continue,
            (0, _) => NotImported::Empty,
            (_, 0) => NotImported::Text,
            (of, n) if n < of => NotImported::SomeNotNumbers { bad: of - n, of },
            _ => {
                let id = metric_id(name);
                match taken.get(id.as_str()) {
                    _ if id.is_empty() => NotImported::NoId,
                    Some(column) => NotImported::IdTaken {
                        metric: id.clone(),
                        column: (*column).to_owned(),
                    },
                    None => NotImported::NotMapped,
                }
            }
        };
        problems.add(
            None,
            Some(name),
            None,
            None,
            ProblemKind::ColumnNotImported(why),
        );
    }
}
