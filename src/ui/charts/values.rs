//! Every chart's values as a table: what a screen reader reads, what a user checks a bar or a
//! point against, and what is copied to a spreadsheet. Each table is built from the same
//! ledgers, volumes and simulation as the chart it stands for, never from the drawing.

use eframe::egui::{self, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use rust_decimal::Decimal;

use super::ChartTab;
use crate::engine::Ledger;
use crate::engine::compare::cumulative_net;
use crate::format::{format_money, format_number};
use crate::model::{Component, Project};
use crate::ui::risk::RiskRunner;
use crate::ui::state::{Period, Selection};

/// A chart's values: a heading per column and a row of texts per month or step. The first
/// column names the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueTable {
    /// What the table shows, in a sentence.
    pub caption: String,
    /// The column headings.
    pub heads: Vec<String>,
    /// The rows, as many texts as headings each.
    pub rows: Vec<Vec<String>>,
}

/// What the chart shown stands on.
pub struct Source<'a> {
    /// The project.
    pub project: &'a Project,
    /// Every offer's ledger.
    pub ledgers: &'a [Ledger],
    /// The offer shown.
    pub scenario: usize,
    /// The period the waterfall sums.
    pub period: Period,
    /// The term selected (the service-level chart shows the one selected).
    pub selection: &'a Selection,
    /// The risk simulation, where it has run.
    pub risk: &'a RiskRunner,
}

/// Whether `tab` is a chart whose values [`table`] can give.
pub fn has_values(tab: ChartTab) -> bool {
    matches!(
        tab,
        ChartTab::Invoice
            | ChartTab::ServiceLevels
            | ChartTab::Waterfall
            | ChartTab::Offers
            | ChartTab::Volumes
            | ChartTab::Risk
    )
}

/// The values of the chart `tab` draws; `None` when it has nothing to show yet.
pub fn table(tab: ChartTab, s: &Source<'_>) -> Option<ValueTable> {
    let ledger = s.ledgers.get(s.scenario)?;
    let dp = s.project.rounding.decimals;
    match tab {
        ChartTab::Invoice => Some(invoice(ledger, dp, &s.project.currency)),
        ChartTab::Waterfall => Some(waterfall(ledger, s.period, dp)),
        ChartTab::ServiceLevels => service_level(s, ledger),
        ChartTab::Offers => Some(offers(s.ledgers, dp, &s.project.currency)),
        ChartTab::Volumes => Some(volumes(s.project)),
        ChartTab::Risk => risk(s, ledger),
        _ => None,
    }
}

fn month_name(ledger_month: &crate::engine::MonthLedger) -> String {
    if ledger_month.projected {
        format!("{} (projected)", ledger_month.period)
    } else {
        ledger_month.period.to_string()
    }
}

fn invoice(ledger: &Ledger, dp: u32, currency: &str) -> ValueTable {
    let heads = [
        "Month",
        "Charges",
        "Adjustments",
        "Credits",
        "Bonuses",
        "Earn-back",
        "Net",
    ];
    let rows = (ledger.months.iter())
        .map(|m| {
            let t = &m.totals;
            let amounts = [
                t.charges,
                t.adjustments,
                -t.credits,
                t.bonuses,
                t.earn_back,
                t.net,
            ];
            std::iter::once(month_name(m))
                .chain(amounts.map(|a| format_money(a, dp)))
                .collect()
        })
        .collect();
    ValueTable {
        caption: format!("{}: each month's invoice ({currency})", ledger.scenario),
        heads: heads.map(str::to_owned).to_vec(),
        rows,
    }
}

fn waterfall(ledger: &Ledger, period: Period, dp: u32) -> ValueTable {
    let mut level = Decimal::ZERO;
    let mut rows: Vec<Vec<String>> = (super::waterfall::steps(ledger, period).into_iter())
        .map(|(name, amount, _)| {
            level += amount;
            vec![
                name.to_owned(),
                format_money(amount, dp),
                format_money(level, dp),
            ]
        })
        .collect();
    rows.push(vec![
        "Net".into(),
        format_money(level, dp),
        format_money(level, dp),
    ]);
    ValueTable {
        caption: format!(
            "{}: from charges to net, {}",
            ledger.scenario,
            period.label().to_lowercase()
        ),
        heads: ["Step", "Amount", "Level after"]
            .map(str::to_owned)
            .to_vec(),
        rows,
    }
}

fn service_level(s: &Source<'_>, ledger: &Ledger) -> Option<ValueTable> {
    let scenario = s.project.scenarios.get(s.scenario)?;
    let index = match s.selection {
        Selection::Term(c @ Component::ServiceLevel(_)) => scenario.position(c).unwrap_or(0),
        _ => 0,
    };
    let sl = scenario.service_levels.get(index)?;
    let dp = s.project.rounding.decimals;
    let number = |v: Option<Decimal>| v.map_or_else(|| "—".to_owned(), format_number);
    let rows = (ledger.months.iter())
        .filter_map(|m| {
            let r = m.service_levels.iter().find(|r| r.id == sl.id)?;
            Some(vec![
                month_name(m),
                number(r.value),
                format_number(r.target),
                number(r.minimum),
                r.outcome.label().to_owned(),
                format_money(r.credit, dp),
            ])
        })
        .collect();
    Some(ValueTable {
        caption: format!("{}: {} month by month", ledger.scenario, sl.name),
        heads: [
            "Month",
            "Value",
            "Target in force",
            "Minimum",
            "Outcome",
            "Credit",
        ]
        .map(str::to_owned)
        .to_vec(),
        rows,
    })
}

fn offers(ledgers: &[Ledger], dp: u32, currency: &str) -> ValueTable {
    let cumulative: Vec<_> = ledgers.iter().map(cumulative_net).collect();
    let months = cumulative.iter().map(Vec::len).max().unwrap_or(0);
    let rows = (0..months)
        .map(|i| {
            let month = (cumulative.iter())
                .find_map(|c| c.get(i).map(|(m, _)| m.to_string()))
                .unwrap_or_default();
            std::iter::once(month)
                .chain(cumulative.iter().map(|c| {
                    c.get(i)
                        .map_or_else(|| "—".to_owned(), |(_, v)| format_money(*v, dp))
                }))
                .collect()
        })
        .collect();
    ValueTable {
        caption: format!("Each offer's cumulative net ({currency})"),
        heads: std::iter::once("Month".to_owned())
            .chain(ledgers.iter().map(|l| l.scenario.clone()))
            .collect(),
        rows,
    }
}

fn volumes(project: &Project) -> ValueTable {
    let series: Vec<Vec<(crate::model::YearMonth, Decimal, bool)>> = (project.volumes.iter())
        .map(|v| {
            (v.history.iter().map(|(m, x)| (*m, *x, false)))
                .chain(
                    crate::engine::projected_volumes(project, &v.id)
                        .into_iter()
                        .map(|(m, x)| (m, x, true)),
                )
                .collect()
        })
        .collect();
    let mut months: Vec<_> = series.iter().flatten().map(|(m, _, _)| *m).collect();
    months.sort();
    months.dedup();
    let rows = (months.iter())
        .map(|month| {
            std::iter::once(month.to_string())
                .chain(series.iter().map(|one| {
                    one.iter().find(|(m, _, _)| m == month).map_or_else(
                        || "—".to_owned(),
                        |(_, v, projected)| {
                            let v = format_number(*v);
                            if *projected {
                                format!("{v} (forecast)")
                            } else {
                                v
                            }
                        },
                    )
                }))
                .collect()
        })
        .collect();
    ValueTable {
        caption: "Volumes: history, then the forecast".into(),
        heads: std::iter::once("Month".to_owned())
            .chain(project.volumes.iter().map(|v| v.name.clone()))
            .collect(),
        rows,
    }
}

fn risk(s: &Source<'_>, ledger: &Ledger) -> Option<ValueTable> {
    let result = s.risk.offers.get(s.scenario)?.as_ref()?;
    let spread = &result.spread;
    let money = |v: f64| format!("{v:.0}");
    let rows = (ledger.months.iter().zip(&spread.net))
        .map(|(m, b)| {
            std::iter::once(month_name(m))
                .chain([b.p5, b.p25, b.p50, b.p75, b.p95].map(money))
                .collect()
        })
        .collect();
    Some(ValueTable {
        caption: format!(
            "{}: the simulated net per month, percentiles of the trials ({}, rounded to units)",
            ledger.scenario, s.project.currency
        ),
        heads: ["Month", "5th", "25th", "Median", "75th", "95th"]
            .map(str::to_owned)
            .to_vec(),
        rows,
    })
}

/// Shows `t`: the caption, the headings kept while the rows scroll, amounts right-aligned.
pub fn show(ui: &mut Ui, t: &ValueTable) {
    ui.label(RichText::new(&t.caption).strong());
    let row_height = ui.text_style_height(&egui::TextStyle::Monospace) + 6.0;
    let right = egui::Layout::right_to_left(egui::Align::Center);
    egui::ScrollArea::horizontal()
        .id_salt("chart_values_hscroll")
        // Shown, not only on hover: the columns beyond the edge must be findable.
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
        .show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("chart_values")
                .striped(true)
                .auto_shrink([false, false])
                .column(Column::auto().at_least(130.0))
                .columns(
                    Column::auto().at_least(90.0),
                    t.heads.len().saturating_sub(1),
                )
                .header(22.0, |mut header| {
                    for (i, head) in t.heads.iter().enumerate() {
                        header.col(|ui| {
                            if i == 0 {
                                ui.strong(head);
                            } else {
                                ui.with_layout(right, |ui| ui.strong(head));
                            }
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_height, t.rows.len(), |mut row| {
                        let cells = &t.rows[row.index()];
                        for (i, cell) in cells.iter().enumerate() {
                            row.col(|ui| {
                                if i == 0 {
                                    ui.label(cell);
                                } else {
                                    ui.with_layout(right, |ui| ui.monospace(cell));
                                }
                            });
                        }
                    });
                });
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{MonthLedger, Totals};
    use crate::model::YearMonth;
    use rust_decimal_macros::dec;

    fn month(period: &str, charges: Decimal, credits: Decimal) -> MonthLedger {
        MonthLedger {
            period: period.parse::<YearMonth>().expect("a month"),
            contract_year: 1,
            projected: false,
            lines: Vec::new(),
            service_levels: Vec::new(),
            totals: Totals {
                charges,
                credits,
                net: charges - credits,
                ..Totals::default()
            },
        }
    }

    #[test]
    fn the_invoice_table_has_a_row_per_month_with_credits_as_deductions() {
        let ledger = Ledger {
            scenario: "Offer A".into(),
            months: vec![
                month("2025-01", dec!(10000), dec!(0)),
                month("2025-02", dec!(10000), dec!(350)),
            ],
            currency: "EUR".into(),
            flags: Vec::new(),
            earn_back: Vec::new(),
            years: Vec::new(),
            totals: Totals::default(),
        };
        let t = invoice(&ledger, 2, "EUR");
        assert_eq!(t.heads.len(), 7);
        // 10,000.00 − 350.00 = 9,650.00
        assert_eq!(
            t.rows[1],
            [
                "2025-02",
                "10,000.00",
                "0.00",
                "-350.00",
                "0.00",
                "0.00",
                "9,650.00"
            ]
        );
    }
}
