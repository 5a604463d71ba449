//! Writing monthly series (and any table) as CSV, with decimals written exactly.

use std::collections::BTreeSet;
use std::io::Write;

use super::import::MonthlySeries;
use crate::io::csv_safe::write_record;

/// Writes a CSV table: one header line, then the rows; fields are quoted only when needed,
/// lines end in `\n`, and a cell a spreadsheet would run as a formula is neutralised
/// ([`crate::io::csv_safe`]). For the KPI export here and for others (the ledger export).
pub fn write_csv<W, H, R, C>(out: W, headers: &[H], rows: R) -> std::io::Result<()>
where
    W: Write,
    H: AsRef<[u8]>,
    R: IntoIterator,
    R::Item: IntoIterator<Item = C>,
    C: AsRef<[u8]>,
{
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .flexible(true)
        .from_writer(out);
    write_record(&mut writer, headers)?;
    for row in rows {
        write_record(&mut writer, row)?;
    }
    writer.flush()
}

/// Writes series in long format: `period,metric,value`, one line per metric and month, metrics
/// in id order, months in order. Values are written exactly as stored.
pub fn export_long<W: Write>(series: &MonthlySeries, out: W) -> std::io::Result<()> {
    let rows = series.iter().flat_map(|(id, months)| {
        months
            .iter()
            .map(move |(month, value)| [month.to_string(), id.clone(), value.to_string()])
    });
    write_csv(out, &["period", "metric", "value"], rows)
}

/// Writes series in wide format: `period` then a column per metric id (in id order), a line per
/// month that any metric has a value for, in order; a metric without a value in that month
/// leaves its cell empty.
pub fn export_wide<W: Write>(series: &MonthlySeries, out: W) -> std::io::Result<()> {
    let months: BTreeSet<_> = series.values().flat_map(|m| m.keys().copied()).collect();
    let mut headers = vec!["period".to_owned()];
    headers.extend(series.keys().cloned());
    let rows = months.into_iter().map(|month| {
        std::iter::once(month.to_string()).chain(
            series
                .values()
                .map(move |m| m.get(&month).map(|v| v.to_string()).unwrap_or_default()),
        )
    });
    write_csv(out, &headers, rows)
}
