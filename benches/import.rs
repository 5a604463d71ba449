//! Importing a 1,000,000-row long-format KPI file (hourly interval data for ten metrics over
//! about eleven years) and a wide file of 16,000 metric columns over three years, both
//! generated in memory. The wide one shows that the import is linear in the columns (it was
//! quadratic: 20,000 columns took 4.5 s).
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

use std::fmt::Write;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dealbench::io::kpi_import::{Progress, SourceFormat, guess_mapping, import, read_csv};

const ROWS: usize = 1_000_000;
const METRICS: [&str; 10] = [
    "calls",
    "asa_secs",
    "aht_secs",
    "abandon_pct",
    "sl_pct",
    "fcr_pct",
    "csat",
    "backlog",
    "tickets",
    "uptime_pct",
];

fn long_csv() -> Vec<u8> {
    let mut text = String::with_capacity(ROWS * 36);
    text.push_str("period,metric,value\n");
    let start = chrono::NaiveDate::from_ymd_opt(2014, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    for hour in 0..ROWS / METRICS.len() {
        let at = start + chrono::Duration::hours(hour as i64);
        let stamp = at.format("%Y-%m-%dT%H:%M:%S").to_string();
        for (i, metric) in METRICS.iter().enumerate() {
            let value = (hour * 7 + i * 13) % 1000;
            writeln!(text, "{stamp},{metric},{}.{}", value / 10, value % 10).unwrap();
        }
    }
    text.into_bytes()
}

fn bench_import(c: &mut Criterion) {
    let bytes = long_csv();
    let format = SourceFormat::default();
    let progress = Progress::new();
    let table = read_csv(&bytes, &format, "big.csv", None, &progress).unwrap();
    let mapping = guess_mapping(&table);
    assert_eq!(table.rows.len(), ROWS);

    let mut group = c.benchmark_group("import_1m_long");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ROWS as u64));
    group.bench_function("read_and_import", |b| {
        b.iter(|| {
            let table = read_csv(black_box(&bytes), &format, "big.csv", None, &progress).unwrap();
            let outcome = import(&table, &mapping, "big.csv", &progress).unwrap();
            assert_eq!(outcome.error_count, 0);
            outcome.series.len()
        })
    });
    group.bench_function("read_only", |b| {
        b.iter(|| {
            read_csv(black_box(&bytes), &format, "big.csv", None, &progress)
                .unwrap()
                .rows
                .len()
        })
    });
    group.bench_function("import_only", |b| {
        b.iter(|| {
            import(black_box(&table), &mapping, "big.csv", &progress)
                .unwrap()
                .series
                .len()
        })
    });
    group.finish();
}

/// The wide bench's columns: just under the column limit.
const WIDE_COLUMNS: usize = 16_000;

/// A `month` column and [`WIDE_COLUMNS`] metric columns over 36 months.
fn wide_csv() -> Vec<u8> {
    let mut text = String::from("month");
    for i in 0..WIDE_COLUMNS {
        write!(text, ",kpi_{i}").unwrap();
    }
    for m in 0..36 {
        write!(text, "\n{}-{:02}", 2022 + m / 12, m % 12 + 1).unwrap();
        for i in 0..WIDE_COLUMNS {
            write!(text, ",{}", (i + m) % 100).unwrap();
        }
    }
    text.push('\n');
    text.into_bytes()
}

fn bench_wide(c: &mut Criterion) {
    let bytes = wide_csv();
    let format = SourceFormat::default();
    let progress = Progress::new();
    let mut group = c.benchmark_group("import_16k_columns");
    group.sample_size(10);
    group.throughput(Throughput::Elements(WIDE_COLUMNS as u64));
    group.bench_function("read_guess_and_import", |b| {
        b.iter(|| {
            let table = read_csv(black_box(&bytes), &format, "wide.csv", None, &progress).unwrap();
            let mapping = guess_mapping(&table);
            let outcome = import(&table, &mapping, "wide.csv", &progress).unwrap();
            assert_eq!(outcome.series.len(), WIDE_COLUMNS);
            outcome.series.len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_import, bench_wide);
criterion_main!(benches);
