//! KPI import on messy real-world files: one fixture per case in tests/fixtures/import/.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use dealbench::io::kpi_import::limits::{MAX_COLUMNS, MAX_METRICS, MAX_NAME_CHARS};
use dealbench::io::kpi_import::{
    Aggregation, DurationUnit, ImportError, ImportMapping, ImportOutcome, Layout, MetricMapping,
    PercentScale, Progress, RawTable, Severity, Source, SourceFormat, ValueKind, apply,
    export_long, export_wide, guess_header_row, guess_mapping, guess_mapping_for, import,
    import_file, read_csv, read_table,
};
use dealbench::model::YearMonth;
use pretty_assertions::assert_eq;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn table(name: &str) -> RawTable {
    read_table(
        &fixture(name),
        &SourceFormat::default(),
        None,
        &Progress::new(),
    )
    .unwrap()
}

/// Reads and imports a fixture with the guessed mapping.
fn guessed(name: &str) -> ImportOutcome {
    let table = table(name);
    import(&table, &guess_mapping(&table), name, &Progress::new()).unwrap()
}

fn with(name: &str, layout: Layout) -> ImportOutcome {
    let mapping = ImportMapping {
        format: SourceFormat::default(),
        layout,
    };
    import_file(&fixture(name), &mapping, &Progress::new()).unwrap()
}

fn metric(id: &str, column: &str, kind: ValueKind, aggregation: Aggregation) -> MetricMapping {
    MetricMapping {
        metric: id.to_owned(),
        source: Source::Column(column.to_owned()),
        kind,
        aggregation,
        min: None,
        max: None,
    }
}

fn wide(period: &str, columns: Vec<MetricMapping>) -> Layout {
    Layout::Wide {
        period_column: period.to_owned(),
        columns,
    }
}

fn months(values: &[(&str, Decimal)]) -> BTreeMap<YearMonth, Decimal> {
    values
        .iter()
        .map(|(m, v)| (m.parse().unwrap(), *v))
        .collect()
}

fn messages(outcome: &ImportOutcome) -> Vec<String> {
    outcome.problems.iter().map(ToString::to_string).collect()
}

fn clean(outcome: &ImportOutcome) {
    assert_eq!(messages(outcome), Vec::<String>::new());
}

#[test]
fn utf8_bom_is_ignored() {
    let t = table("bom_monthly.csv");
    assert_eq!(t.headers[0], "month");
    let o = guessed("bom_monthly.csv");
    clean(&o);
    assert_eq!(
        o.series["asa_secs"],
        months(&[("2024-01", dec!(30)), ("2024-02", dec!(28.5))])
    );
    assert_eq!(
        o.series["calls"],
        months(&[("2024-01", dec!(1200)), ("2024-02", dec!(1350))])
    );
}

#[test]
fn semicolons_and_decimal_commas_with_dot_and_space_thousands() {
    let o = guessed("semicolon_decimal_comma.csv");
    clean(&o);
    assert!(o.decimal_comma);
    assert_eq!(
        o.series["anrufe"],
        months(&[
            ("2024-01", dec!(1234)),
            ("2024-02", dec!(12345.5)),
            ("2024-03", dec!(1234.5))
        ])
    );
    assert_eq!(
        o.series["asa_s"],
        months(&[
            ("2024-01", dec!(30.5)),
            ("2024-02", dec!(28)),
            ("2024-03", dec!(29.25))
        ])
    );
    assert_eq!(
        o.series["abbruch"],
        months(&[
            ("2024-01", dec!(4.5)),
            ("2024-02", dec!(5)),
            ("2024-03", dec!(3.75))
        ])
    );
}

#[test]
fn tab_separated() {
    assert_eq!(table("tab.tsv").delimiter, Some(b'\t'));
    let o = guessed("tab.tsv");
    clean(&o);
    assert_eq!(
        o.series["calls"],
        months(&[("2024-01", dec!(1200)), ("2024-02", dec!(1350))])
    );
}

#[test]
fn quoted_fields_with_thousands_separators() {
    let o = guessed("quoted_thousands.csv");
    clean(&o);
    assert!(!o.decimal_comma);
    assert_eq!(
        o.series["calls"],
        months(&[("2024-01", dec!(1234)), ("2024-02", dec!(2000))])
    );
    assert_eq!(
        o.series["revenue"],
        months(&[("2024-01", dec!(1234567.89)), ("2024-02", dec!(987654.3))])
    );
}

#[test]
fn percent_strings_fractions_and_points_all_store_percent_points() {
    let expected = months(&[("2024-01", dec!(95.5)), ("2024-02", dec!(80))]);
    let auto = ValueKind::Percent {
        scale: PercentScale::Auto,
    };
    for name in ["percent_strings.csv", "fractions.csv", "percent_0_100.csv"] {
        let o = with(
            name,
            wide(
                "month",
                vec![metric("sl_pct", "service_level", auto, Aggregation::Mean)],
            ),
        );
        clean(&o);
        assert_eq!(o.series["sl_pct"], expected, "{name}");
    }
    // An explicit scale wins over Auto: 0.955 read as points stays 0.955.
    let o = with(
        "fractions.csv",
        wide(
            "month",
            vec![metric(
                "sl_pct",
                "service_level",
                ValueKind::Percent {
                    scale: PercentScale::Percent,
                },
                Aggregation::Mean,
            )],
        ),
    );
    assert_eq!(
        o.series["sl_pct"],
        months(&[("2024-01", dec!(0.955)), ("2024-02", dec!(0.8))])
    );
    // The guess sees the % signs.
    let g = guess_mapping(&table("percent_strings.csv"));
    assert_eq!(g.layout.metrics()[0].kind, auto);
    assert_eq!(g.layout.metrics()[0].max, Some(dec!(100)));
}

#[test]
fn durations_are_stored_in_seconds() {
    let duration = |unit| ValueKind::Duration { unit };
    let o = with(
        "durations.csv",
        wide(
            "month",
            vec![
                metric(
                    "aht_secs",
                    "aht",
                    duration(DurationUnit::MinSec),
                    Aggregation::Mean,
                ),
                metric(
                    "asa_secs",
                    "asa",
                    duration(DurationUnit::HourMinSec),
                    Aggregation::Mean,
                ),
                metric(
                    "wrap_secs",
                    "wrap_min",
                    duration(DurationUnit::Minutes),
                    Aggregation::Mean,
                ),
            ],
        ),
    );
    clean(&o);
    // 05:30 = 5 × 60 + 30 = 330; 4:05 = 4 × 60 + 5 = 245
    assert_eq!(
        o.series["aht_secs"],
        months(&[("2024-01", dec!(330)), ("2024-02", dec!(245))])
    );
    // 00:01:02 = 62
    assert_eq!(
        o.series["asa_secs"],
        months(&[("2024-01", dec!(35)), ("2024-02", dec!(62))])
    );
    // 1.5 min = 90 s
    assert_eq!(
        o.series["wrap_secs"],
        months(&[("2024-01", dec!(90)), ("2024-02", dec!(120))])
    );
}

#[test]
fn every_period_format_gives_the_same_months() {
    let expected = months(&[("2024-01", dec!(30)), ("2024-02", dec!(28))]);
    for name in [
        "months_iso.csv",
        "months_slash.csv",
        "months_short_name.csv",
        "months_long_name.csv",
        "dates_iso.csv",
        "dates_slash.csv",
        "dates_dot.csv",
        "datetimes_iso.csv",
        "excel_serials.csv",
    ] {
        let o = guessed(name);
        assert_eq!(messages(&o), Vec::<String>::new(), "{name}");
        assert_eq!(o.series["asa_secs"], expected, "{name}");
    }
}

#[test]
fn daily_rows_aggregate_by_mean_sum_last_and_weighted_mean() {
    let weighted = Aggregation::VolumeWeightedMean {
        weight_column: "calls".to_owned(),
    };
    let o = with(
        "daily.csv",
        wide(
            "date",
            vec![
                metric("calls", "calls", ValueKind::Count, Aggregation::Sum),
                metric("asa_mean", "asa_secs", ValueKind::Number, Aggregation::Mean),
                metric("asa_weighted", "asa_secs", ValueKind::Number, weighted),
                metric("backlog", "backlog", ValueKind::Count, Aggregation::Last),
            ],
        ),
    );
    clean(&o);
    // March: 100 + 100 + 300 = 500; April: 200 + 200 = 400
    assert_eq!(
        o.series["calls"],
        months(&[("2024-03", dec!(500)), ("2024-04", dec!(400))])
    );
    // March: (30 + 40 + 20) / 3 = 30; April: (25 + 35) / 2 = 30
    assert_eq!(
        o.series["asa_mean"],
        months(&[("2024-03", dec!(30)), ("2024-04", dec!(30))])
    );
    // March: (30 × 100 + 40 × 100 + 20 × 300) / 500 = 13000 / 500 = 26; April: (25 × 200 + 35 × 200) / 400 = 30
    assert_eq!(
        o.series["asa_weighted"],
        months(&[("2024-03", dec!(26)), ("2024-04", dec!(30))])
    );
    // March: the latest day is 03-03 (row 3, not the last March row): 11; April: 04-02 gives 10
    assert_eq!(
        o.series["backlog"],
        months(&[("2024-03", dec!(11)), ("2024-04", dec!(10))])
    );
}

#[test]
fn a_week_counts_in_the_month_of_its_first_day() {
    let o = guessed("weekly.csv");
    clean(&o);
    // The week of 26 Feb runs into March but counts in February: 700.
    // March: 710 + 720 + 730 + 740 = 2900; April: 750
    assert_eq!(
        o.series["calls"],
        months(&[
            ("2024-02", dec!(700)),
            ("2024-03", dec!(2900)),
            ("2024-04", dec!(750))
        ])
    );
}

#[test]
fn ratios_from_numerator_and_denominator() {
    let ratio = || Source::Ratio {
        numerator: "abandoned".to_owned(),
        denominator: "offered".to_owned(),
    };
    let pct = ValueKind::Percent {
        scale: PercentScale::Auto,
    };
    let mut weighted = metric(
        "abandon_pct",
        "",
        pct,
        Aggregation::VolumeWeightedMean {
            weight_column: "offered".to_owned(),
        },
    );
    weighted.source = ratio();
    let mut mean = metric("abandon_daily_mean_pct", "", pct, Aggregation::Mean);
    mean.source = ratio();
    let o = with("ratio.csv", wide("date", vec![weighted, mean]));
    // Weighted by offered calls: March (10 + 30) / (200 + 300) × 100 = 8; April 8 / 400 × 100 = 2
    assert_eq!(
        o.series["abandon_pct"],
        months(&[("2024-03", dec!(8)), ("2024-04", dec!(2))])
    );
    // Mean of daily ratios: March (10/200 × 100 + 30/300 × 100) / 2 = (5 + 10) / 2 = 7.5
    assert_eq!(
        o.series["abandon_daily_mean_pct"],
        months(&[("2024-03", dec!(7.5)), ("2024-04", dec!(2))])
    );
    assert_eq!(o.error_count, 0);
    assert_eq!(
        messages(&o),
        [
            "ratio.csv row 3, column \"offered\": the denominator is 0, so this row has no value for abandon_pct; it is left out of its month",
            "ratio.csv row 3, column \"offered\": the denominator is 0, so this row has no value for abandon_daily_mean_pct; it is left out of its month",
        ]
    );
    assert!(o.problems.iter().all(|p| p.severity() == Severity::Warning));
}

#[test]
fn long_format_with_a_volume_weight_column() {
    let g = guess_mapping(&table("long_weighted.csv"));
    let Layout::Long {
        metric_column,
        volume_weight_column,
        metrics,
        ..
    } = &g.layout
    else {
        panic!("expected a long layout: {g:?}");
    };
    assert_eq!(metric_column, "kpi");
    assert_eq!(volume_weight_column.as_deref(), Some("calls"));
    let ids: Vec<&str> = metrics.iter().map(|m| m.metric.as_str()).collect();
    assert_eq!(ids, ["asa", "abandon_pct", "other"]);

    let weighted = Aggregation::VolumeWeightedMean {
        weight_column: "calls".to_owned(),
    };
    let o = with(
        "long_weighted.csv",
        Layout::Long {
            period_column: "date".to_owned(),
            metric_column: "kpi".to_owned(),
            value_column: "value".to_owned(),
            volume_weight_column: Some("calls".to_owned()),
            metrics: vec![
                metric("asa_secs", "ASA", ValueKind::Number, weighted.clone()),
                metric("abandon_pct", "Abandon %", ValueKind::Number, weighted),
            ],
        },
    );
    // ASA: (30 × 100 + 20 × 300) / 400 = 9000 / 400 = 22.5; abandon: (5 × 100 + 3 × 300) / 400 = 1400 / 400 = 3.5
    assert_eq!(o.series["asa_secs"], months(&[("2024-03", dec!(22.5))]));
    assert_eq!(o.series["abandon_pct"], months(&[("2024-03", dec!(3.5))]));
    assert_eq!(
        messages(&o),
        [
            "long_weighted.csv row 6, column \"kpi\": metric \"Other\" is not in the mapping, so its rows are ignored; add it to the mapping to import it"
        ]
    );
}

#[test]
fn duplicate_month_is_an_error_and_the_first_row_is_kept() {
    let o = guessed("duplicate_period.csv");
    assert_eq!(
        messages(&o),
        [
            "duplicate_period.csv row 4, column \"month\": \"2024-01\" repeats the period of row 2; delete one of the two rows or choose Skip bad rows"
        ]
    );
    assert_eq!(o.error_count, 1);
    assert_eq!(o.skipped_rows, [4]);
    assert!(!o.can_apply(false));
    assert!(o.can_apply(true));
    assert_eq!(
        o.series["asa_secs"],
        months(&[("2024-01", dec!(30)), ("2024-02", dec!(28))])
    );
}

#[test]
fn duplicate_month_in_long_format() {
    let o = guessed("long_duplicate.csv");
    assert_eq!(
        messages(&o),
        [
            "long_duplicate.csv row 5, column \"month\": \"2024-01\" repeats the period of row 2; delete one of the two rows or choose Skip bad rows"
        ]
    );
    assert_eq!(
        o.series["asa"],
        months(&[("2024-01", dec!(30)), ("2024-02", dec!(28))])
    );
    assert_eq!(
        o.series["calls"],
        months(&[("2024-01", dec!(100)), ("2024-02", dec!(120))])
    );
}

#[test]
fn gaps_are_warnings() {
    let o = guessed("gap.csv");
    assert_eq!(
        messages(&o),
        [
            "gap.csv, column \"asa_secs\": no values for 2024-03 to 2024-04 (2 months) between the first and the last month; add the missing months to the file, or import as is and they stay empty"
        ]
    );
    assert_eq!((o.error_count, o.warning_count), (0, 1));
    assert!(o.can_apply(false));
}

#[test]
fn a_140_percent_rate_is_out_of_range() {
    let o = guessed("out_of_range.csv");
    assert_eq!(
        messages(&o),
        [
            "out_of_range.csv row 3, column \"abandon_pct\": \"140%\" is 140, outside the allowed range 0 to 100 for abandon_pct; fix the cell, widen the range in the mapping or choose Skip bad rows",
            "out_of_range.csv, column \"abandon_pct\": no value for 2024-02 between the first and the last month; add the missing months to the file, or import as is and they stay empty",
        ]
    );
    assert_eq!(o.skipped_rows, [3]);
    assert_eq!(
        o.series["abandon_pct"],
        months(&[("2024-01", dec!(4.5)), ("2024-03", dec!(3))])
    );
}

#[test]
fn an_unreadable_value_names_file_row_column_and_value() {
    let o = guessed("calls.csv");
    assert_eq!(
        messages(&o),
        [
            "calls.csv row 14, column \"abandon_rate\": \"14O%\" is not a number; fix the cell or choose Skip bad rows"
        ]
    );
    // January without the bad row: (1 + 2 + … + 12 + 5) / 13 = (78 + 5) / 13 = 83 / 13
    assert_eq!(
        o.series["abandon_rate"][&"2024-01".parse().unwrap()],
        dec!(83) / dec!(13)
    );
}

#[test]
fn an_unreadable_period_is_an_error() {
    let o = guessed("bad_period.csv");
    assert_eq!(
        messages(&o),
        [
            "bad_period.csv row 3, column \"month\": \"Total\" is not a month or a date (such as 2024-03 or 2024-03-15); fix the cell or choose Skip bad rows"
        ]
    );
    assert_eq!(o.skipped_rows, [3]);
}

#[test]
fn broken_files_fail_whole_with_what_to_do() {
    let err = |name: &str| {
        read_table(
            &fixture(name),
            &SourceFormat::default(),
            None,
            &Progress::new(),
        )
        .unwrap_err()
        .to_string()
    };
    assert_eq!(
        err("not_utf8.csv"),
        "not_utf8.csv is not UTF-8 text: byte 9 (line 1) is not valid UTF-8; save it as \"CSV UTF-8\" and import it again"
    );
    assert_eq!(
        err("empty.csv"),
        "empty.csv is empty; choose a file with a header row and data rows"
    );
    assert!(
        err("broken.xlsx").starts_with("cannot read broken.xlsx as a spreadsheet ("),
        "{}",
        err("broken.xlsx")
    );
    assert!(
        err("broken.xlsx")
            .ends_with("); open it in Excel and save it as .xlsx, or export it as CSV")
    );
    assert!(err("missing.csv").starts_with("cannot read missing.csv: "));
    let t = table("gap.csv");
    let mapping = ImportMapping {
        format: SourceFormat::default(),
        layout: wide(
            "month",
            vec![metric("asa", "ASA", ValueKind::Number, Aggregation::Mean)],
        ),
    };
    assert_eq!(
        import(&t, &mapping, "gap.csv", &Progress::new())
            .unwrap_err()
            .to_string(),
        "gap.csv has no column \"ASA\" (its columns: month, asa_secs); choose one of its columns in the mapping"
    );
}

#[test]
fn xlsx_dates_percent_cells_and_time_cells() {
    let o = guessed("kpis.xlsx");
    clean(&o);
    // Time-of-day cells (AHT 00:05:30, read as 1899 date-times) are guessed as durations:
    // 5 × 60 + 30 = 330 s, 4 × 60 + 5 = 245 s, 6 × 60 = 360 s.
    assert_eq!(
        o.series["aht"],
        months(&[
            ("2024-01", dec!(330)),
            ("2024-02", dec!(245)),
            ("2024-03", dec!(360))
        ])
    );
    assert_eq!(
        o.series["calls"],
        months(&[
            ("2024-01", dec!(1200)),
            ("2024-02", dec!(1350)),
            ("2024-03", dec!(1100))
        ])
    );
    let mapping = ImportMapping {
        format: SourceFormat::default(),
        layout: wide(
            "Month",
            vec![
                metric(
                    "sl_pct",
                    "Service level",
                    ValueKind::Percent {
                        scale: PercentScale::Auto,
                    },
                    Aggregation::Mean,
                ),
                metric(
                    "aht_secs",
                    "AHT",
                    ValueKind::Duration {
                        unit: DurationUnit::MinSec,
                    },
                    Aggregation::Mean,
                ),
                metric(
                    "asa_secs",
                    "ASA",
                    ValueKind::Duration {
                        unit: DurationUnit::Seconds,
                    },
                    Aggregation::Mean,
                ),
            ],
        ),
    };
    let o = import_file(&fixture("kpis.xlsx"), &mapping, &Progress::new()).unwrap();
    // The column the mapping leaves out is said to be left out.
    assert_eq!(
        messages(&o),
        [
            "kpis.xlsx, column \"Calls\": not imported: the mapping does not list it; add it to the mapping to import it"
        ]
    );
    assert_eq!((o.error_count, o.warning_count), (0, 1));
    // 0.955 stored by Excel as a fraction of 1, shown as 95.5 %
    assert_eq!(
        o.series["sl_pct"],
        months(&[
            ("2024-01", dec!(95.5)),
            ("2024-02", dec!(80)),
            ("2024-03", dec!(90))
        ])
    );
    assert_eq!(
        o.series["aht_secs"],
        months(&[
            ("2024-01", dec!(330)),
            ("2024-02", dec!(245)),
            ("2024-03", dec!(360))
        ])
    );
    assert_eq!(
        o.series["asa_secs"],
        months(&[
            ("2024-01", dec!(35)),
            ("2024-02", dec!(62)),
            ("2024-03", dec!(40))
        ])
    );
}

#[test]
fn xlsx_named_sheet_with_a_title_row_and_serial_dates() {
    let format = SourceFormat {
        sheet: Some("Serials".to_owned()),
        header_row: 2,
        ..SourceFormat::default()
    };
    let t = read_table(&fixture("kpis.xlsx"), &format, None, &Progress::new()).unwrap();
    assert_eq!(t.headers, ["Day", "Tickets", "Resolution hours"]);
    assert_eq!(t.rows[0].0, 3);
    let mut mapping = guess_mapping(&t);
    mapping.format = format;
    let o = import(&t, &mapping, "kpis.xlsx", &Progress::new()).unwrap();
    clean(&o);
    // 45292 and 45293 are 2024-01-01 and 02: 10 + 20 = 30 tickets; 45323 is 2024-02-01
    assert_eq!(
        o.series["tickets"],
        months(&[("2024-01", dec!(30)), ("2024-02", dec!(5))])
    );
    // (1.5 + 2.5) / 2 = 2
    assert_eq!(
        o.series["resolution_hours"],
        months(&[("2024-01", dec!(2)), ("2024-02", dec!(4))])
    );

    let missing = SourceFormat {
        sheet: Some("Volumes".to_owned()),
        ..SourceFormat::default()
    };
    let err = read_table(&fixture("kpis.xlsx"), &missing, None, &Progress::new()).unwrap_err();
    assert!(matches!(err, ImportError::SheetNotFound { .. }));
    assert_eq!(
        err.to_string(),
        "kpis.xlsx has no sheet \"Volumes\" (its sheets: KPIs, Serials); choose one of its sheets"
    );
}

#[test]
fn a_preview_reads_only_the_first_rows() {
    let t = read_table(
        &fixture("daily.csv"),
        &SourceFormat::default(),
        Some(2),
        &Progress::new(),
    )
    .unwrap();
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[1].0, 3);
}

#[test]
fn export_then_import_gives_the_same_series() {
    let series: BTreeMap<String, BTreeMap<YearMonth, Decimal>> = [
        (
            "abandon_pct".to_owned(),
            months(&[
                ("2023-11", dec!(4.125)),
                ("2023-12", dec!(0.0001)),
                ("2024-01", dec!(-0.5)),
            ]),
        ),
        (
            "asa_secs".to_owned(),
            months(&[
                ("2023-12", dec!(30)),
                ("2024-01", dec!(28.333333333333333333333333333)),
            ]),
        ),
        (
            "calls".to_owned(),
            months(&[("2024-01", dec!(1234567890.12))]),
        ),
    ]
    .into();
    for long in [true, false] {
        let mut bytes = Vec::new();
        if long {
            export_long(&series, &mut bytes).unwrap();
        } else {
            export_wide(&series, &mut bytes).unwrap();
        }
        let t = read_csv(
            &bytes,
            &SourceFormat::default(),
            "out.csv",
            None,
            &Progress::new(),
        )
        .unwrap();
        let mapping = guess_mapping(&t);
        let o = import(&t, &mapping, "out.csv", &Progress::new()).unwrap();
        assert_eq!(o.error_count, 0, "{:?}", messages(&o));
        assert_eq!(o.series, series, "long: {long}");
    }
    // Whole-number calls in long format come back as a count (a volume when applied); the
    // wide layout already did so.
    let mut counts = series.clone();
    counts.insert(
        "calls".to_owned(),
        months(&[("2023-12", dec!(41000)), ("2024-01", dec!(43250))]),
    );
    for long in [true, false] {
        let mut bytes = Vec::new();
        if long {
            export_long(&counts, &mut bytes).unwrap();
        } else {
            export_wide(&counts, &mut bytes).unwrap();
        }
        let t = read_csv(
            &bytes,
            &SourceFormat::default(),
            "out.csv",
            None,
            &Progress::new(),
        )
        .unwrap();
        let mapping = guess_mapping(&t);
        let calls = mapping
            .layout
            .metrics()
            .iter()
            .find(|m| m.metric == "calls")
            .unwrap();
        assert_eq!(calls.kind, ValueKind::Count, "long: {long}");
        assert_eq!(calls.aggregation, Aggregation::Sum, "long: {long}");
        let asa = mapping
            .layout
            .metrics()
            .iter()
            .find(|m| m.metric == "asa_secs")
            .unwrap();
        assert_eq!(asa.kind, ValueKind::Number, "long: {long}");
    }
    let mut wide_bytes = Vec::new();
    export_wide(&series, &mut wide_bytes).unwrap();
    assert_eq!(
        String::from_utf8(wide_bytes).unwrap(),
        "period,abandon_pct,asa_secs,calls\n2023-11,4.125,,\n2023-12,0.0001,30,\n2024-01,-0.5,28.333333333333333333333333333,1234567890.12\n"
    );
}

#[test]
fn a_mapping_is_stored_as_ron_and_unknown_fields_are_refused() {
    let mapping = guess_mapping(&table("daily.csv"));
    let text = ron::ser::to_string_pretty(&mapping, ron::ser::PrettyConfig::default()).unwrap();
    let back: ImportMapping = ron::from_str(&text).unwrap();
    assert_eq!(back, mapping);
    let with_typo = text.replacen("header_row", "headr_row", 1);
    assert!(ron::from_str::<ImportMapping>(&with_typo).is_err());
    let minimal = r#"(layout: Wide(period_column: "month", columns: [(metric: "asa_secs", source: Column("ASA"), min: Some("0"))]))"#;
    let m: ImportMapping = ron::from_str(minimal).unwrap();
    assert_eq!(m.layout.metrics()[0].min, Some(dec!(0)));
}

mod never_panics {
    use super::*;
    use dealbench::io::kpi_import::{
        DateOrder, Separator, parse_duration, parse_number, parse_period, read_csv,
    };
    use proptest::prelude::*;

    fn import_guessed(bytes: &[u8]) {
        for delimiter in [
            dealbench::io::kpi_import::Delimiter::Auto,
            dealbench::io::kpi_import::Delimiter::Semicolon,
        ] {
            let format = SourceFormat {
                delimiter,
                ..SourceFormat::default()
            };
            if let Ok(t) = read_csv(bytes, &format, "fuzz.csv", None, &Progress::new()) {
                let mapping = guess_mapping(&t);
                let _ = import(&t, &mapping, "fuzz.csv", &Progress::new());
            }
        }
    }

    proptest! {
        #[test]
        fn csv_reader_and_import_take_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            import_guessed(&bytes);
        }

        #[test]
        fn csv_reader_and_import_take_csv_like_text(text in "[0-9a-zA-Z%:;,.\"/ \\t\\n\\-]{0,300}") {
            import_guessed(text.as_bytes());
            import_guessed(format!("period,value,x\n{text}").as_bytes());
            import_guessed(format!("date;kpi;value\n{text}").as_bytes());
        }

        #[test]
        fn value_parsers_take_any_text(text in "\\PC{0,40}") {
            for sep in [Separator::Dot, Separator::Comma] {
                let _ = parse_number(&text, sep);
                for unit in [DurationUnit::Seconds, DurationUnit::Minutes, DurationUnit::MinSec, DurationUnit::HourMinSec] {
                    let _ = parse_duration(&text, unit, sep);
                }
            }
            for order in [DateOrder::Auto, DateOrder::DayFirst, DateOrder::MonthFirst] {
                let _ = parse_period(&text, order);
            }
        }

        #[test]
        fn value_parsers_take_number_like_text(text in "[-+(]?[0-9 .,'eE%:]{0,40}[)%]?") {
            for sep in [Separator::Dot, Separator::Comma] {
                let _ = parse_number(&text, sep);
                let _ = parse_duration(&text, DurationUnit::MinSec, sep);
            }
            let _ = parse_period(&text, DateOrder::Auto);
        }

        #[test]
        fn written_decimals_read_back_exactly(mantissa in any::<i64>(), scale in 0u32..20) {
            let value = Decimal::new(mantissa, scale);
            let n = parse_number(&value.to_string(), Separator::Dot).unwrap();
            prop_assert_eq!(n.value, value);
        }
    }
}

/// A minimal XLSX package built by hand: one sheet `Data` with `sheet` as its XML body, and
/// `strings` as the shared-strings part if given.
fn crafted_xlsx(sheet_data: &str, strings: Option<&str>) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut part = |name: &str, text: &str| {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    let ns = "http://schemas.openxmlformats.org";
    part(
        "[Content_Types].xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#
        ),
    );
    part(
        "_rels/.rels",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        ),
    );
    part(
        "xl/workbook.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        ),
    );
    part(
        "xl/_rels/workbook.xml.rels",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{ns}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
        ),
    );
    part(
        "xl/worksheets/sheet1.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}/spreadsheetml/2006/main">{sheet_data}</worksheet>"#
        ),
    );
    if let Some(strings) = strings {
        part("xl/sharedStrings.xml", strings);
    }
    zip.finish().unwrap().into_inner()
}

/// Reads crafted XLSX bytes as `crafted.xlsx`.
fn read_crafted(bytes: Vec<u8>) -> Result<RawTable, ImportError> {
    dealbench::io::kpi_import::read_xlsx(
        std::io::Cursor::new(bytes),
        &SourceFormat::default(),
        "crafted.xlsx",
        None,
        &Progress::new(),
    )
}

const CRAFTED_ROWS: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>month</t></is></c><c r="B1" t="inlineStr"><is><t>aht</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>2024-01</t></is></c><c r="B2"><v>300</v></c></row>"#;

#[test]
fn xlsx_declaring_the_whole_sheet_is_refused_before_it_is_read() {
    // 1,048,576 rows × 16,384 columns = 17,179,869,184 declared cells: calamine would reserve
    // for them; the importer refuses above 20,000,000.
    let sheet = format!(r#"<dimension ref="A1:XFD1048576"/><sheetData>{CRAFTED_ROWS}</sheetData>"#);
    let err = read_crafted(crafted_xlsx(&sheet, None)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "crafted.xlsx is too large to import: its sheet xl/worksheets/sheet1.xml declares the range \
         A1:XFD1048576 (1048576 rows × 16384 columns), more than the 20000000 cells allowed; \
         split the file or export only the KPI columns"
    );
}

#[test]
fn xlsx_with_a_cell_far_away_reads_only_its_filled_cells() {
    // A1 and XFD1048576 both filled: the rectangle between them is 17 billion cells (512 GiB
    // in calamine's range); read cell by cell it is three rows.
    let sheet = format!(
        r#"<sheetData>{CRAFTED_ROWS}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>"#
    );
    let t = read_crafted(crafted_xlsx(&sheet, None)).unwrap();
    assert_eq!(t.headers, vec!["month", "aht"]);
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0].0, 2);
    assert_eq!(t.rows[1].0, 1_048_576);
    assert_eq!(t.rows[1].1.len(), 16_384);
}

#[test]
fn xlsx_with_far_away_cells_on_many_rows_is_refused_at_the_cell_limit() {
    // 1,300 rows each with a cell in column XFD: 1,300 × 16,384 = 21,299,200 cells > 20,000,000.
    let far: String = (3..1_303)
        .map(|r| format!(r#"<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>"#))
        .collect();
    let sheet = format!("<sheetData>{CRAFTED_ROWS}{far}</sheetData>");
    let err = read_crafted(crafted_xlsx(&sheet, None)).unwrap_err();
    assert!(
        err.to_string()
            .contains("spans more than the 20000000 cells allowed"),
        "{err}"
    );
}

#[test]
fn xlsx_with_a_huge_shared_string_count_is_refused() {
    // calamine reserves room for the declared uniqueCount before reading a string.
    let strings = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>month</t></si></sst>"#;
    let sheet = format!("<sheetData>{CRAFTED_ROWS}</sheetData>");
    let err = read_crafted(crafted_xlsx(&sheet, Some(strings))).unwrap_err();
    assert_eq!(
        err.to_string(),
        "crafted.xlsx is too large to import: its shared-strings table declares 4000000000 \
         strings, more than the 5000000 allowed; split the file or export only the KPI columns"
    );
    // An honest count reads fine, through the shared strings.
    let strings = strings.replace("4000000000", "1");
    let sheet = r#"<dimension ref="A1:B2"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>aht</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>2024-01</t></is></c><c r="B2"><v>300</v></c></row></sheetData>"#;
    let t = read_crafted(crafted_xlsx(sheet, Some(&strings))).unwrap();
    assert_eq!(t.headers, vec!["month", "aht"]);
    assert_eq!(t.rows.len(), 1);
}

/// Reads CSV text named `file` into a table.
fn read_text(text: &str, file: &str) -> Result<RawTable, ImportError> {
    read_csv(
        text.as_bytes(),
        &SourceFormat::default(),
        file,
        None,
        &Progress::new(),
    )
}

/// Reads CSV text and imports it with the guessed mapping.
fn guessed_text(text: &str, file: &str) -> ImportOutcome {
    let table = read_text(text, file).unwrap();
    import(&table, &guess_mapping(&table), file, &Progress::new()).unwrap()
}

#[test]
fn every_column_left_out_is_listed_with_the_reason() {
    let o = guessed_text(
        "month,calls,Notes,Site code,Spare,ASA,asa,—\n\
         2024-01,100,ok,A1,,30,31,5\n\
         2024-02,110,late,B2,,32,33,6\n\
         2024-03,120,fine,7,,34,35,7\n\
         2024-04,130,good,C4,,36,37,8\n",
        "t.csv",
    );
    assert_eq!(
        messages(&o),
        [
            "t.csv, column \"Notes\": not imported: its values are text, not KPI values",
            "t.csv, column \"Site code\": not imported: 3 of 4 cells are not numbers; map it explicitly to import it, and the bad cells are then listed",
            "t.csv, column \"Spare\": not imported: it has no values",
            "t.csv, column \"asa\": not imported: its metric id \"asa\" is column \"ASA\"'s already; map it to another metric id to import it",
            "t.csv, column \"—\": not imported: its name has no letter or digit to make a metric id of; map it to a metric id to import it",
        ]
    );
    assert_eq!((o.error_count, o.warning_count), (0, 5));
    assert_eq!(o.series.keys().collect::<Vec<_>>(), ["asa", "calls"]);
    // (30 + … ) one row a month: January's ASA is 30, its calls 100.
    assert_eq!(o.series["asa"][&"2024-01".parse().unwrap()], dec!(30));
    assert_eq!(o.series["calls"][&"2024-04".parse().unwrap()], dec!(130));
    assert_eq!(o.nothing_imported(), None);
}

#[test]
fn a_kpi_column_with_text_cells_is_imported_and_its_bad_cells_listed() {
    // ASA is 1 number in 4 cells but is named like a KPI; Waiting is 3 numbers in 4 (mostly
    // numbers); Queue is 1 in 4 under a plain name, so it is left out and said to be.
    let o = guessed_text(
        "month,ASA,Waiting,Queue\n\
         2024-01,30,5,x\n\
         2024-02,n/a,6,y\n\
         2024-03,n/a,x,3\n\
         2024-04,n/a,8,z\n",
        "t.csv",
    );
    assert_eq!(
        messages(&o),
        [
            "t.csv row 3, column \"ASA\": \"n/a\" is not a number; fix the cell or choose Skip bad rows",
            "t.csv row 4, column \"ASA\": \"n/a\" is not a number; fix the cell or choose Skip bad rows",
            "t.csv row 4, column \"Waiting\": \"x\" is not a number; fix the cell or choose Skip bad rows",
            "t.csv row 5, column \"ASA\": \"n/a\" is not a number; fix the cell or choose Skip bad rows",
            "t.csv, column \"Queue\": not imported: 3 of 4 cells are not numbers; map it explicitly to import it, and the bad cells are then listed",
        ]
    );
    assert_eq!((o.error_count, o.warning_count), (4, 1));
    assert_eq!(o.skipped_rows, [3, 4, 5]);
    // Only row 2 is whole: ASA 30 and Waiting 5 in 2024-01.
    assert_eq!(o.series["asa"], months(&[("2024-01", dec!(30))]));
    assert_eq!(o.series["waiting"], months(&[("2024-01", dec!(5))]));
}

#[test]
fn a_column_named_as_a_project_series_is_mapped_despite_text_cells() {
    let table = read_text(
        "month,Hold,Remarks\n2024-01,12,a\n2024-02,--,b\n2024-03,--,c\n",
        "t.csv",
    )
    .unwrap();
    // Alone, "Hold" (1 number in 3) is left out ...
    let o = import(&table, &guess_mapping(&table), "t.csv", &Progress::new()).unwrap();
    assert_eq!(
        messages(&o)[0],
        "t.csv, column \"Hold\": not imported: 2 of 3 cells are not numbers; map it explicitly to import it, and the bad cells are then listed"
    );
    // ... but a project tracking a series "hold" gets it mapped, with the bad cells listed.
    let mut project = dealbench::io::project::load(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.ron"),
    )
    .unwrap();
    let mut hold = project.kpis[0].clone();
    hold.id = "hold".to_owned();
    project.kpis.push(hold);
    let mapping = guess_mapping_for(&table, &project);
    let o = import(&table, &mapping, "t.csv", &Progress::new()).unwrap();
    assert_eq!(
        messages(&o),
        [
            "t.csv row 3, column \"Hold\": \"--\" is not a number; fix the cell or choose Skip bad rows",
            "t.csv row 4, column \"Hold\": \"--\" is not a number; fix the cell or choose Skip bad rows",
            "t.csv, column \"Remarks\": not imported: its values are text, not KPI values",
        ]
    );
    assert_eq!(o.series["hold"], months(&[("2024-01", dec!(12))]));
}

#[test]
fn an_import_of_nothing_is_refused_with_the_reason() {
    let table = read_text("month,Notes\n2024-01,ok\n2024-02,late\n", "notes.csv").unwrap();
    let mapping = guess_mapping(&table);
    let o = import(&table, &mapping, "notes.csv", &Progress::new()).unwrap();
    assert!(o.series.is_empty());
    assert_eq!((o.error_count, o.warning_count), (0, 1));
    assert_eq!(
        o.nothing_imported().as_deref(),
        Some("column \"Notes\" was not imported (its values are text, not KPI values)")
    );
    let mut project = dealbench::io::project::load(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.ron"),
    )
    .unwrap();
    let before = project.clone();
    let err = apply(&mut project, &o, &mapping, "notes.csv", false).unwrap_err();
    assert_eq!(
        err.to_string(),
        "notes.csv: no KPI values found: column \"Notes\" was not imported (its values are text, not KPI values); nothing was changed"
    );
    assert_eq!(project, before);
    // Rows that all have errors bring nothing either, even when skipped.
    let table = read_text("month,asa\n2024-01,x\n", "bad.csv").unwrap();
    let layout = wide(
        "month",
        vec![metric("asa", "asa", ValueKind::Number, Aggregation::Mean)],
    );
    let mapping = ImportMapping {
        format: SourceFormat::default(),
        layout,
    };
    let o = import(&table, &mapping, "bad.csv", &Progress::new()).unwrap();
    assert_eq!(o.skipped_rows, [2]);
    assert_eq!(
        o.nothing_imported().as_deref(),
        Some("every row with a value has an error")
    );
}

/// A wide CSV: a month column and `columns` metric columns `kpi_0`, `kpi_1`, … over three
/// months; the value of column i in month m is i + m.
fn wide_csv(columns: usize) -> String {
    let mut text = String::from("month");
    for i in 0..columns {
        text.push_str(&format!(",kpi_{i}"));
    }
    for m in 1..=3 {
        text.push_str(&format!("\n2024-0{m}"));
        for i in 0..columns {
            text.push_str(&format!(",{}", i + m));
        }
    }
    text.push('\n');
    text
}

#[test]
fn a_file_of_15000_columns_imports_every_column() {
    let table = read_text(&wide_csv(15_000), "wide.csv").unwrap();
    let mapping = guess_mapping(&table);
    assert_eq!(mapping.layout.metrics().len(), 15_000);
    let o = import(&table, &mapping, "wide.csv", &Progress::new()).unwrap();
    clean(&o);
    assert_eq!(o.series.len(), 15_000);
    // kpi_14999 in 2024-03: 14999 + 3.
    assert_eq!(
        o.series["kpi_14999"][&"2024-03".parse().unwrap()],
        dec!(15002)
    );
    let mut project = dealbench::io::project::load(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.ron"),
    )
    .unwrap();
    let kpis = project.kpis.len();
    let summary = apply(&mut project, &o, &mapping, "wide.csv", false).unwrap();
    assert_eq!(summary.new_kpis.len(), 15_000);
    assert_eq!(project.kpis.len(), kpis + 15_000);
}

#[test]
fn files_beyond_the_column_and_name_limits_are_refused() {
    assert_eq!(MAX_COLUMNS, 16_384);
    assert_eq!(MAX_NAME_CHARS, 256);
    let err = |text: &str| read_text(text, "t.csv").unwrap_err().to_string();
    assert_eq!(
        err(&wide_csv(16_385)),
        "t.csv is too large to import: its header row has 16386 columns, more than the 16384 allowed; split the file or export only the KPI columns"
    );
    let wide_row = format!("month,asa\n2024-01{}\n", ",1".repeat(16_385));
    assert_eq!(
        err(&wide_row),
        "t.csv is too large to import: its row 2 has 16386 columns, more than the 16384 allowed; split the file or export only the KPI columns"
    );
    let long_name = format!("month,{}\n2024-01,1\n", "é".repeat(300));
    assert_eq!(
        err(&long_name),
        format!(
            "t.csv: the name of column 2 (\"{}…\") is 300 characters long, more than the 256 allowed; shorten it in the file",
            "é".repeat(40)
        )
    );
    // Exactly 256 characters is fine.
    let table = read_text(&format!("month,{}\n2024-01,1\n", "a".repeat(256)), "t.csv").unwrap();
    assert_eq!(table.headers[1].len(), 256);
}

#[test]
fn long_files_beyond_the_metric_limits_are_refused() {
    let long = |names: &[String]| {
        let mut text = String::from("period,metric,value\n");
        for name in names {
            text.push_str(&format!("2024-01,{name},1\n"));
        }
        let table = read_text(&text, "long.csv").unwrap();
        import(&table, &guess_mapping(&table), "long.csv", &Progress::new())
            .unwrap_err()
            .to_string()
    };
    let names = ["asa".to_owned(), "x".repeat(257)];
    assert_eq!(
        long(&names),
        format!(
            "long.csv: the metric name in row 3 (\"{}…\") is 257 characters long, more than the 256 allowed; shorten it in the file",
            "x".repeat(40)
        )
    );
    let names: Vec<String> = (0..=MAX_METRICS).map(|i| format!("m{i}")).collect();
    assert_eq!(
        long(&names),
        "long.csv is too large to import: its mapping lists 16385 metrics, more than the 16384 allowed; split the file or export only the KPI columns"
    );
}

#[test]
fn long_files_guess_percents_durations_and_decimal_comma_counts() {
    let table = read_text(
        "period;metric;value\n\
         2024-01;SL;95,2%\n\
         2024-01;AHT;5:30\n\
         2024-01;calls;1.234\n\
         2024-02;SL;80%\n\
         2024-02;AHT;4:05\n\
         2024-02-01;calls;2.000\n\
         2024-02-02;calls;1\n",
        "long.csv",
    )
    .unwrap();
    let mapping = guess_mapping(&table);
    let kinds: Vec<(String, ValueKind, Aggregation)> = mapping
        .layout
        .metrics()
        .iter()
        .map(|m| (m.metric.clone(), m.kind, m.aggregation.clone()))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "sl".to_owned(),
                ValueKind::Percent {
                    scale: PercentScale::Auto
                },
                Aggregation::Mean
            ),
            (
                "aht".to_owned(),
                ValueKind::Duration {
                    unit: DurationUnit::MinSec
                },
                Aggregation::Mean
            ),
            ("calls".to_owned(), ValueKind::Count, Aggregation::Sum),
        ]
    );
    let o = import(&table, &mapping, "long.csv", &Progress::new()).unwrap();
    clean(&o);
    assert_eq!(
        o.series["sl"],
        months(&[("2024-01", dec!(95.2)), ("2024-02", dec!(80))])
    );
    // 5:30 is 330 s, 4:05 is 245 s.
    assert_eq!(
        o.series["aht"],
        months(&[("2024-01", dec!(330)), ("2024-02", dec!(245))])
    );
    // "1.234" and "2.000" are thousands in a decimal-comma file; February sums 2000 + 1.
    assert_eq!(
        o.series["calls"],
        months(&[("2024-01", dec!(1234)), ("2024-02", dec!(2001))])
    );
}

#[test]
fn the_header_row_below_a_title_block_is_found() {
    let table = read_text(
        "KPI report\nexported 2024-05-01\n\nmonth,asa\n2024-01,30\n",
        "t.csv",
    )
    .unwrap();
    // Line 3 is blank: the header is on line 4, as an editor numbers it.
    assert_eq!(guess_header_row(&table, 1), 4);
    // A file whose first row names its columns keeps it.
    let table = read_text("month,asa\n2024-01,30\n", "t.csv").unwrap();
    assert_eq!(guess_header_row(&table, 1), 1);
    // A lone first column with numbers below is no title block.
    let table = read_text("asa\n30\n31\n", "t.csv").unwrap();
    assert_eq!(guess_header_row(&table, 1), 1);
}

/// A project with a KPI of each kind: `uptime` from downtime minutes, `abandon` from a
/// numerator and a denominator, `csat` survey values with sample sizes.
fn project_with_derived_kpis() -> dealbench::model::Project {
    use dealbench::model::{KpiData, KpiSeries, Project};
    let kpi = |id: &str, name: &str, unit: &str, data: KpiData| KpiSeries {
        id: id.to_owned(),
        name: name.to_owned(),
        unit: unit.to_owned(),
        data,
        projected: BTreeMap::new(),
    };
    let mut project = Project::new_blank("2025-01".parse().unwrap());
    project.kpis = vec![
        kpi(
            "uptime",
            "Uptime",
            "%",
            KpiData::Downtime {
                minutes: months(&[("2025-01", dec!(30))]),
            },
        ),
        kpi(
            "abandon",
            "Abandonment",
            "%",
            KpiData::Ratio {
                numerator: months(&[("2025-01", dec!(30))]),
                denominator: months(&[("2025-01", dec!(600)), ("2025-02", dec!(500))]),
                scale: dec!(100),
            },
        ),
        kpi(
            "csat",
            "Customer satisfaction",
            "points",
            KpiData::Values {
                values: months(&[("2025-01", dec!(80)), ("2025-02", dec!(82))]),
                samples: months(&[("2025-01", dec!(120)), ("2025-02", dec!(95))]),
            },
        ),
    ];
    project
}

/// Imports CSV text with one number metric per `(column, metric id)`.
fn import_parts(text: &str, columns: &[(&str, &str)]) -> (ImportOutcome, ImportMapping) {
    let table = read_text(text, "parts.csv").unwrap();
    let columns = columns
        .iter()
        .map(|(column, id)| metric(id, column, ValueKind::Number, Aggregation::Mean))
        .collect();
    let mapping = ImportMapping {
        format: SourceFormat::default(),
        layout: wide("month", columns),
    };
    let outcome = import(&table, &mapping, "parts.csv", &Progress::new()).unwrap();
    (outcome, mapping)
}

#[test]
fn downtime_minutes_are_imported_into_the_kpi_derived_from_them() {
    use dealbench::io::kpi_import::{MetricDiff, diff_series, import_series};
    use dealbench::model::KpiData;
    let mut project = project_with_derived_kpis();
    let (outcome, mapping) = import_parts(
        "month,Downtime (min)\n2025-01,44\n2025-02,10\n",
        &[("Downtime (min)", "uptime.downtime")],
    );
    clean(&outcome);
    let diff = diff_series(&import_series(&project), &outcome.series);
    let jan: YearMonth = "2025-01".parse().unwrap();
    let feb: YearMonth = "2025-02".parse().unwrap();
    assert_eq!(
        diff.metrics["uptime.downtime"],
        MetricDiff {
            is_new: false,
            added: vec![(feb, dec!(10))],
            changed: vec![(jan, dec!(30), dec!(44))],
            unchanged: 0,
            kept: 0,
        }
    );
    let summary = apply(&mut project, &outcome, &mapping, "parts.csv", false).unwrap();
    assert_eq!(summary.months_written["uptime.downtime"], 2);
    assert_eq!(summary.warnings, []);
    assert!(summary.new_kpis.is_empty());
    let uptime = project.kpi("uptime").unwrap();
    assert_eq!(
        uptime.data,
        KpiData::Downtime {
            minutes: months(&[("2025-01", dec!(44)), ("2025-02", dec!(10))])
        }
    );
    // January has 44,640 minutes: (44,640 − 44) / 44,640 × 100 = 99.901433…
    let value = uptime.observation(jan).unwrap().value;
    assert_eq!(value.round_dp(4), dec!(99.9014));
    assert_eq!(project.imports[0].series, ["uptime.downtime"]);
}

#[test]
fn values_into_a_derived_kpi_are_refused_naming_the_parts_to_import() {
    let project = project_with_derived_kpis();
    let refused = |id: &str| {
        let (outcome, mapping) = import_parts("month,v\n2025-03,5\n", &[("v", id)]);
        let mut changed = project.clone();
        let err = apply(&mut changed, &outcome, &mapping, "parts.csv", false).unwrap_err();
        assert_eq!(changed, project, "{id} changed the project");
        err.to_string()
    };
    assert_eq!(
        refused("uptime"),
        "KPI \"uptime\" is derived from raw parts (downtime minutes); import them as \"uptime.downtime\" (map the file's columns to those ids), or map the columns to a new metric id"
    );
    assert_eq!(
        refused("abandon"),
        "KPI \"abandon\" is derived from raw parts (numerator and denominator); import them as \"abandon.numerator\" and \"abandon.denominator\" (map the file's columns to those ids), or map the columns to a new metric id"
    );
    assert_eq!(
        refused("uptime.numerator"),
        "metric \"uptime.numerator\": KPI \"uptime\" is kept as downtime minutes, which has no such part; import \"uptime.downtime\""
    );
    assert_eq!(
        refused("csat.downtime"),
        "metric \"csat.downtime\": KPI \"csat\" is kept as values (with sample sizes), which has no such part; import \"csat.samples\""
    );
    assert_eq!(
        refused("sla.downtime"),
        "metric \"sla.downtime\" is the downtime minutes of KPI \"sla\", which the project does not have; add the KPI first, or map the column to a plain metric id"
    );
    // A part the convention does not know is no metric id at all.
    let table = read_text("month,v\n2025-03,5\n", "parts.csv").unwrap();
    let mapping = ImportMapping {
        format: SourceFormat::default(),
        layout: wide(
            "month",
            vec![metric(
                "uptime.minutes",
                "v",
                ValueKind::Number,
                Aggregation::Mean,
            )],
        ),
    };
    let err = import(&table, &mapping, "parts.csv", &Progress::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the mapping for parts.csv is not usable: metric id \"uptime.minutes\" must be a unique word of lowercase letters, digits and _ (such as asa_secs), or a KPI's raw part (such as uptime.downtime, abandon.numerator, abandon.denominator, csat.samples)"
    );
}

#[test]
fn a_numerator_alone_updates_its_part_and_a_month_without_denominator_is_a_warning() {
    use dealbench::io::kpi_import::ApplyWarning;
    use dealbench::model::{KpiData, KpiPart};
    let mut project = project_with_derived_kpis();
    let (outcome, mapping) = import_parts(
        "month,Abandoned\n2025-01,36\n2025-02,25\n2025-03,40\n",
        &[("Abandoned", "abandon.numerator")],
    );
    let summary = apply(&mut project, &outcome, &mapping, "parts.csv", false).unwrap();
    let abandon = project.kpi("abandon").unwrap();
    let KpiData::Ratio {
        numerator,
        denominator,
        ..
    } = &abandon.data
    else {
        panic!("abandon is a ratio")
    };
    assert_eq!(
        *numerator,
        months(&[
            ("2025-01", dec!(36)),
            ("2025-02", dec!(25)),
            ("2025-03", dec!(40))
        ])
    );
    assert_eq!(
        *denominator,
        months(&[("2025-01", dec!(600)), ("2025-02", dec!(500))])
    );
    // 36 / 600 × 100 = 6; 25 / 500 × 100 = 5; March has no denominator.
    let value = |m: &str| abandon.observation(m.parse().unwrap()).map(|o| o.value);
    assert_eq!(value("2025-01"), Some(dec!(6)));
    assert_eq!(value("2025-02"), Some(dec!(5)));
    assert_eq!(value("2025-03"), None);
    assert_eq!(
        summary.warnings,
        [ApplyWarning::LonePart {
            kpi: "abandon".to_owned(),
            present: KpiPart::Numerator,
            missing: KpiPart::Denominator,
            months: vec!["2025-03".parse().unwrap()],
        }]
    );
    assert_eq!(
        summary.warnings[0].to_string(),
        "KPI \"abandon\": 2025-03 has a numerator but no denominator, so the KPI has no value there; import \"abandon.denominator\" for it too"
    );
    // Both parts in one file: no month is left with one part.
    let (outcome, mapping) = import_parts(
        "month,Abandoned,Offered\n2025-03,40,800\n2025-04,12,\n2025-05,,300\n",
        &[
            ("Abandoned", "abandon.numerator"),
            ("Offered", "abandon.denominator"),
        ],
    );
    let summary = apply(&mut project, &outcome, &mapping, "parts.csv", false).unwrap();
    let abandon = project.kpi("abandon").unwrap();
    // 40 / 800 × 100 = 5
    assert_eq!(
        abandon
            .observation("2025-03".parse().unwrap())
            .unwrap()
            .value,
        dec!(5)
    );
    let texts: Vec<String> = summary.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        texts,
        [
            "KPI \"abandon\": 2025-04 has a numerator but no denominator, so the KPI has no value there; import \"abandon.denominator\" for it too",
            "KPI \"abandon\": 2025-05 has a denominator but no numerator, so the KPI has no value there; import \"abandon.numerator\" for it too",
        ]
    );
}

#[test]
fn replacing_survey_values_removes_their_sample_sizes_unless_the_import_brings_them() {
    use dealbench::model::KpiData;
    let mut project = project_with_derived_kpis();
    // January is the same value (its sample stays), February changes, March is new.
    let (outcome, mapping) = import_parts(
        "month,CSAT\n2025-01,80.0\n2025-02,70\n2025-03,75\n",
        &[("CSAT", "csat")],
    );
    let summary = apply(&mut project, &outcome, &mapping, "parts.csv", false).unwrap();
    assert_eq!(
        project.kpi("csat").unwrap().data,
        KpiData::Values {
            values: months(&[
                ("2025-01", dec!(80)),
                ("2025-02", dec!(70)),
                ("2025-03", dec!(75))
            ]),
            samples: months(&[("2025-01", dec!(120))]),
        }
    );
    let texts: Vec<String> = summary.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        texts,
        [
            "KPI \"csat\": the sample sizes of 2025-02 were removed, as the import replaced their values without sample sizes; import \"csat.samples\" with the values to keep them"
        ]
    );
    // Values and sample sizes together: both replaced, nothing to warn about.
    let (outcome, mapping) = import_parts(
        "month,CSAT,Responses\n2025-01,78,130\n2025-02,71,60\n",
        &[("CSAT", "csat"), ("Responses", "csat.samples")],
    );
    let summary = apply(&mut project, &outcome, &mapping, "parts.csv", false).unwrap();
    assert_eq!(summary.warnings, []);
    assert_eq!(
        project.kpi("csat").unwrap().data,
        KpiData::Values {
            values: months(&[
                ("2025-01", dec!(78)),
                ("2025-02", dec!(71)),
                ("2025-03", dec!(75))
            ]),
            samples: months(&[("2025-01", dec!(130)), ("2025-02", dec!(60))]),
        }
    );
}

#[test]
fn guessed_ids_match_existing_series_by_name_and_unit() {
    let mut project = dealbench::io::project::load(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.ron"),
    )
    .unwrap();
    // small.ron: KPI asa_secs "Average speed of answer" (s), volume calls "Calls offered".
    let mut sl = project.kpis[0].clone();
    sl.id = "sl_pct".to_owned();
    sl.name = "Service level".to_owned();
    sl.unit = "%".to_owned();
    project.kpis.push(sl);
    let table = read_text(
        "month,Average speed of answer (s),AVERAGE SPEED-OF-ANSWER (min),Calls offered,Service Level,Abandon %\n\
         2025-07,29,0.5,5200,81%,4.5%\n2025-08,31,0.6,5300,79%,5%\n",
        "named.csv",
    )
    .unwrap();
    let ids = |mapping: &ImportMapping| -> Vec<(String, String)> {
        let metrics = mapping.layout.metrics().iter();
        metrics
            .map(|m| match &m.source {
                Source::Column(c) => (c.clone(), m.metric.clone()),
                Source::Ratio { .. } => panic!("no ratio guessed"),
            })
            .collect()
    };
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(c, m)| ((*c).to_owned(), (*m).to_owned()))
            .collect()
    };
    // By name (case and punctuation ignored) where the unit fits: seconds for asa_secs, a
    // percent for sl_pct; minutes are not seconds, so that column gets a new id.
    assert_eq!(
        ids(&guess_mapping_for(&table, &project)),
        pairs(&[
            ("Average speed of answer (s)", "asa_secs"),
            (
                "AVERAGE SPEED-OF-ANSWER (min)",
                "average_speed_of_answer_min"
            ),
            ("Calls offered", "calls"),
            ("Service Level", "sl_pct"),
            ("Abandon %", "abandon_pct"),
        ])
    );
    // Without a project, ids come from the names.
    assert_eq!(
        ids(&guess_mapping(&table)),
        pairs(&[
            ("Average speed of answer (s)", "average_speed_of_answer_s"),
            (
                "AVERAGE SPEED-OF-ANSWER (min)",
                "average_speed_of_answer_min"
            ),
            ("Calls offered", "calls_offered"),
            ("Service Level", "service_level"),
            ("Abandon %", "abandon_pct"),
        ])
    );
    let outcome = import(
        &table,
        &guess_mapping_for(&table, &project),
        "named.csv",
        &Progress::new(),
    )
    .unwrap();
    assert_eq!(
        outcome.series["asa_secs"],
        months(&[("2025-07", dec!(29)), ("2025-08", dec!(31))])
    );
    assert_eq!(
        outcome.series["sl_pct"],
        months(&[("2025-07", dec!(81)), ("2025-08", dec!(79))])
    );
    // A percent is not a duration: "Average speed of answer" in percent keeps its own id; in
    // the long layout the names match the same way.
    let table = read_text(
        "month,metric,value\n2025-07,Service level,81%\n2025-07,average speed of answer,50%\n\
         2025-07,Average speed of answer [sec],0:29\n",
        "long.csv",
    )
    .unwrap();
    assert_eq!(
        ids(&guess_mapping_for(&table, &project)),
        pairs(&[
            ("Service level", "sl_pct"),
            ("average speed of answer", "average_speed_of_answer"),
            ("Average speed of answer [sec]", "asa_secs"),
        ])
    );
}
