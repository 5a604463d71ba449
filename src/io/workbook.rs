//! The workbook a spreadsheet can take: every offer's ledger, the offers compared, the KPI and
//! volume history and the assumptions, in one XLSX file written with `rust_xlsxwriter`.
//!
//! The figures are the engine's, exactly as the app and `eval` show them: amounts are the
//! rounded ledger amounts, written as numbers (a spreadsheet stores an IEEE double, which holds
//! every amount below 10^13 to the cent) with the currency's decimals as the number format;
//! periods are dates (the first of the month, shown `yyyy-mm`); text from the project is
//! always written as text, never as a formula. Each sheet has a bold header row that stays in
//! view (frozen) and filters.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::engine::Ledger;
use crate::engine::compare::Comparison;
use crate::model::{Project, YearMonth};

/// The sheets' names for the fixed sheets; offers get a sheet each, named after them.
pub const COMPARISON_SHEET: &str = "Offers compared";
/// The KPI and volume history sheet.
pub const HISTORY_SHEET: &str = "History";
/// The assumptions sheet.
pub const ASSUMPTIONS_SHEET: &str = "Assumptions";

/// Why the workbook could not be made.
#[derive(Debug, thiserror::Error)]
#[error("the workbook could not be made: {0}")]
pub struct WorkbookError(#[from] XlsxError);

/// The formats every sheet uses.
struct Formats {
    header: Format,
    money: Format,
    month: Format,
    text: Format,
}

impl Formats {
    fn new(decimals: u32) -> Self {
        let money = match decimals {
            0 => "#,##0".to_owned(),
            d => format!("#,##0.{}", "0".repeat(d as usize)),
        };
        Self {
            header: Format::new().set_bold(),
            money: Format::new().set_num_format(money),
            month: Format::new().set_num_format("yyyy-mm"),
            text: Format::new(),
        }
    }
}

/// The workbook of `project` with `ledgers` (one per offer, as `evaluate_all` makes them), as
/// the bytes of an XLSX file, ready to be written atomically.
pub fn workbook(project: &Project, ledgers: &[Ledger]) -> Result<Vec<u8>, WorkbookError> {
    let formats = Formats::new(project.rounding.decimals);
    let mut book = Workbook::new();
    comparison_sheet(book.add_worksheet(), project, ledgers, &formats)?;
    let mut names = vec![
        COMPARISON_SHEET.to_owned(),
        HISTORY_SHEET.to_owned(),
        ASSUMPTIONS_SHEET.to_owned(),
    ];
    for ledger in ledgers {
        let name = sheet_name(&ledger.scenario, &names);
        names.push(name.clone());
        let sheet = book.add_worksheet();
        sheet.set_name(name)?;
        ledger_sheet(sheet, ledger, &formats)?;
    }
    history_sheet(book.add_worksheet(), project, &formats)?;
    assumptions_sheet(book.add_worksheet(), project)?;
    Ok(book.save_to_buffer()?)
}

/// A sheet name from an offer's name: at most 31 characters, none of `[]:*?/\`, not starting
/// or ending with `'`, and not the name of another sheet (compared without case, as a
/// spreadsheet does).
pub fn sheet_name(offer: &str, taken: &[String]) -> String {
    let clean: String = offer
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let clean = clean.trim().trim_matches('\'').trim();
    let base: String = if clean.is_empty() {
        "Offer".to_owned()
    } else {
        clean.chars().take(31).collect()
    };
    let free = |name: &str| !taken.iter().any(|t| t.eq_ignore_ascii_case(name));
    if free(&base) {
        return base;
    }
    (2..)
        .map(|n| {
            let suffix = format!(" ({n})");
            let keep = 31 - suffix.chars().count();
            format!("{}{suffix}", base.chars().take(keep).collect::<String>())
        })
        .find(|name| free(name))
        .unwrap_or(base)
}

fn number(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

fn date(month: YearMonth) -> Result<ExcelDateTime, XlsxError> {
    // Years are 1900–2200 (model::limits); Excel's dates start in 1900.
    let year = u16::try_from(month.year()).unwrap_or(1900);
    ExcelDateTime::from_ymd(year, month.month() as u8, 1)
}

/// Writes a bold header row, frozen, with filters over `rows` rows below it.
fn header(
    sheet: &mut Worksheet,
    names: &[&str],
    rows: u32,
    formats: &Formats,
) -> Result<(), XlsxError> {
    for (col, name) in names.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *name, &formats.header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_col = names.len().saturating_sub(1) as u16;
    sheet.autofilter(0, 0, rows.max(1), last_col)?;
    Ok(())
}

fn ledger_sheet(
    sheet: &mut Worksheet,
    ledger: &Ledger,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let names = [
        "Period",
        "Contract year",
        "Projected",
        "Kind",
        "Component",
        "Amount",
        "Explanation",
    ];
    let lines: u32 = ledger.months.iter().map(|m| m.lines.len() as u32).sum();
    header(sheet, &names, lines, formats)?;
    let mut row = 1;
    for month in &ledger.months {
        for line in &month.lines {
            sheet.write_datetime_with_format(row, 0, date(month.period)?, &formats.month)?;
            sheet.write_number(row, 1, month.contract_year)?;
            sheet.write_boolean(row, 2, month.projected)?;
            sheet.write_string(row, 3, line.kind.key())?;
            sheet.write_string_with_format(row, 4, &line.component, &formats.text)?;
            sheet.write_number_with_format(row, 5, number(line.amount), &formats.money)?;
            sheet.write_string(row, 6, &line.explanation)?;
            row += 1;
        }
    }
    for (col, width) in [(0, 10), (1, 8), (2, 9), (3, 11), (4, 18), (5, 14), (6, 80)] {
        sheet.set_column_width(col, width)?;
    }
    Ok(())
}

fn comparison_sheet(
    sheet: &mut Worksheet,
    project: &Project,
    ledgers: &[Ledger],
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(COMPARISON_SHEET)?;
    let npv = format!("NPV at {} % a year", project.discount_rate_pct.normalize());
    let names = [
        "Offer",
        "Charges",
        "Adjustments",
        "Credits",
        "Bonuses",
        "Earn-back",
        "Net",
        npv.as_str(),
        "Gap to cheapest",
    ];
    let comparison = Comparison::new(project, ledgers);
    header(sheet, &names, comparison.offers.len() as u32, formats)?;
    for (i, offer) in comparison.offers.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &offer.scenario)?;
        let t = &offer.totals;
        let amounts = [
            Some(t.charges),
            Some(t.adjustments),
            Some(t.credits),
            Some(t.bonuses),
            Some(t.earn_back),
            Some(t.net),
            Some(offer.npv),
            offer.gap_to_cheapest,
        ];
        for (col, amount) in amounts.into_iter().enumerate() {
            if let Some(amount) = amount {
                let col = col as u16 + 1;
                sheet.write_number_with_format(row, col, number(amount), &formats.money)?;
            }
        }
    }
    sheet.set_column_width(0, 28)?;
    for col in 1..names.len() as u16 {
        sheet.set_column_width(col, 16)?;
    }
    Ok(())
}

fn history_sheet(
    sheet: &mut Worksheet,
    project: &Project,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(HISTORY_SHEET)?;
    let series = crate::io::kpi_import::project_series(project);
    let months: BTreeSet<YearMonth> = series.values().flat_map(|m| m.keys().copied()).collect();
    let mut names = vec!["Period"];
    names.extend(series.keys().map(String::as_str));
    header(sheet, &names, months.len() as u32, formats)?;
    for (i, month) in months.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_datetime_with_format(row, 0, date(*month)?, &formats.month)?;
        for (col, values) in series.values().enumerate() {
            if let Some(value) = values.get(month) {
                sheet.write_number(row, col as u16 + 1, number(*value))?;
            }
        }
    }
    sheet.set_column_width(0, 10)?;
    Ok(())
}

fn assumptions_sheet(sheet: &mut Worksheet, project: &Project) -> Result<(), XlsxError> {
    sheet.set_name(ASSUMPTIONS_SHEET)?;
    let rounding = &project.rounding;
    let mut rows: Vec<(String, String)> = vec![
        ("Project".into(), project.name.clone()),
        ("Customer".into(), project.customer.clone()),
        ("Contract start".into(), project.start.to_string()),
        ("Term (months)".into(), project.term_months.to_string()),
        ("Currency".into(), project.currency.clone()),
        (
            "Discount rate (% a year)".into(),
            project.discount_rate_pct.normalize().to_string(),
        ),
        (
            "Rounding".into(),
            format!(
                "{:?} to {} decimals, per line",
                rounding.rule, rounding.decimals
            ),
        ),
        (
            "Risk simulation".into(),
            format!(
                "{} trials, seed {}, blocks of {} months",
                project.risk.trials, project.risk.seed, project.risk.block_months
            ),
        ),
    ];
    for source in &project.imports {
        rows.push((
            "KPI data imported from".into(),
            format!("{} ({})", source.file, source.series.join(", ")),
        ));
    }
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, "Assumption", &bold)?;
    sheet.write_string_with_format(0, 1, "Value", &bold)?;
    for (i, (name, value)) in rows.iter().enumerate() {
        sheet.write_string(i as u32 + 1, 0, name)?;
        sheet.write_string(i as u32 + 1, 1, value)?;
    }
    sheet.set_column_width(0, 26)?;
    sheet.set_column_width(1, 70)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_distinct() {
        let taken = vec!["Offers compared".to_owned(), "Offer A".to_owned()];
        assert_eq!(sheet_name("Offer B", &taken), "Offer B");
        assert_eq!(sheet_name("offer a", &taken), "offer a (2)");
        assert_eq!(sheet_name("A/B [final]?", &taken), "A_B _final__");
        assert_eq!(sheet_name("'quoted'", &taken), "quoted");
        assert_eq!(sheet_name("", &taken), "Offer");
        let long = "An offer with a very long name indeed, longer than 31";
        assert_eq!(sheet_name(long, &taken), "An offer with a very long name ");
        let taken = vec![sheet_name(long, &[])];
        assert_eq!(sheet_name(long, &taken), "An offer with a very long (2)");
    }
}
