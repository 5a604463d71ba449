//! The client report: one self-contained HTML file (styles and charts inline, no request
//! leaves the page) with the parties and the term, each offer's structure in plain language,
//! the offers compared, the invoice and waterfall charts, each service level against its
//! target, the flags and triggers, and the assumptions. Its figures are the ledgers' exactly:
//! the tables print the engine's rounded amounts; the charts (SVG, [`svg`]) draw the same.
//!
//! Every text from the project (names, notes, ids, explanations) is escaped, so a name such as
//! `<script>…</script>` shows as text. The print styles keep tables and charts whole on a page
//! and start each offer on a new one; the paper size is A4 or Letter.

pub mod pdf;
pub mod svg;
mod terms;

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::engine::compare::{Comparison, OfferSummary, Period};
use crate::engine::risk::{PeriodAtRisk, RiskReport, Spread};
use crate::engine::structure::{blocks, net_block};
use crate::engine::{Ledger, Outcome};
use crate::format::format_money;
use crate::model::{KpiAssumption, MissingData, Project, Scenario, VolumeForecast};

/// The paper the print styles are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

/// What goes into a report.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// The offers given a section of their own (indices into the project's scenarios); all
    /// offers when empty. The comparison always shows every offer.
    pub offers: Vec<usize>,
    /// The paper size of the print styles.
    pub paper: Paper,
    /// The simulated futures of offers (by index), shown in their sections when given.
    pub risk: Vec<OfferRisk>,
}

/// The risk simulation of one offer, for its section of the report.
#[derive(Debug, Clone)]
pub struct OfferRisk {
    /// The offer (index into the project's scenarios).
    pub offer: usize,
    /// The exact figures.
    pub report: RiskReport,
    /// The monthly spread, for the fan chart.
    pub spread: Spread,
}

/// Text as HTML: `&`, `<`, `>`, `"` and `'` escaped, safe inside elements and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #222; max-width: 800px; margin: 24px auto; padding: 0 16px; font-size: 14px; line-height: 1.45; }
h1 { font-size: 24px; margin-bottom: 4px; } h2 { font-size: 19px; border-bottom: 2px solid #4682c8; padding-bottom: 3px; margin-top: 32px; } h3 { font-size: 15px; margin-top: 20px; }
.meta { color: #555; } .note { color: #666; font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 13px; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }
dt { font-weight: 600; margin-top: 6px; } dd { margin: 0 0 4px 0; }
th { background: #f2f5f9; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th.cheapest { color: #2a7a50; }
svg.chart { width: 100%; height: auto; margin: 6px 0 12px; } svg .tick { font-size: 11px; fill: #555; } svg .legend { font-size: 12px; fill: #333; }
.flag { color: #b04030; }
figure { margin: 0; } table, svg, figure { break-inside: avoid; page-break-inside: avoid; }
section.offer { break-before: page; page-break-before: always; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
"#;

/// The report of `project` with `ledgers` (one per offer, as `evaluate_all` makes them), as
/// one HTML document.
pub fn html(project: &Project, ledgers: &[Ledger], options: &ReportOptions) -> String {
    let mut out = String::new();
    let page = match options.paper {
        Paper::A4 => "A4",
        Paper::Letter => "letter",
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{}</title><style>{STYLE}@page {{ size: {page}; margin: 16mm 14mm; }}</style></head><body>\n",
        escape(&project.name)
    );
    heading(&mut out, project);
    comparison(&mut out, project, ledgers);
    let chosen: Vec<usize> = if options.offers.is_empty() {
        (0..ledgers.len()).collect()
    } else {
        options.offers.clone()
    };
    for &i in &chosen {
        if let (Some(scenario), Some(ledger)) = (project.scenarios.get(i), ledgers.get(i)) {
            let risk = options.risk.iter().find(|r| r.offer == i);
            offer(&mut out, project, scenario, ledger, risk);
        }
    }
    assumptions(&mut out, project);
    terms::terms(&mut out, project, &chosen);
    out.push_str(&format!(
        "<p class=\"note\">Prepared with Dealbench {}. Amounts in {} as billed by the contract's terms, rounded per line {}.</p>\n</body></html>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&project.currency),
        rounding_words(project)
    ));
    out
}

fn heading(out: &mut String, project: &Project) {
    let mut providers: Vec<&str> = Vec::new();
    for s in &project.scenarios {
        if !s.provider.is_empty() && !providers.contains(&s.provider.as_str()) {
            providers.push(&s.provider);
        }
    }
    let _ = writeln!(
        out,
        "<h1>{}</h1><p class=\"meta\">Customer: {}{}<br>Term: {} to {} ({} months), amounts in {}.</p>",
        escape(&project.name),
        escape(&project.customer),
        if providers.is_empty() {
            String::new()
        } else {
            format!("<br>Providers: {}", escape(&providers.join(", ")))
        },
        project.start,
        project.end(),
        project.term_months,
        escape(&project.currency)
    );
}

fn money(out: &mut String, value: Decimal, d: u32) {
    let _ = write!(out, "<td class=\"num\">{}</td>", format_money(value, d));
}

/// A row of the comparison: its name and how to read it off an offer.
type Figure<'a> = (&'a str, &'a dyn Fn(&OfferSummary) -> Option<Decimal>);

fn comparison(out: &mut String, project: &Project, ledgers: &[Ledger]) {
    let d = project.rounding.decimals;
    let compared = Comparison::new(project, ledgers);
    let rate = project.discount_rate_pct.normalize();
    // Offers as columns: a project has a handful of offers and more figures than that, so the
    // table fits the page (as in the app).
    out.push_str("<h2>Offers compared</h2><table><thead><tr><th></th>");
    for (i, o) in compared.offers.iter().enumerate() {
        let class = if compared.cheapest == Some(i) {
            "num cheapest"
        } else {
            "num"
        };
        let _ = write!(out, "<th class=\"{class}\">{}</th>", escape(&o.scenario));
    }
    out.push_str("</tr></thead><tbody>");
    let npv = format!("NPV at {rate} %");
    let rows: [Figure<'_>; 8] = [
        ("Charges", &|o| Some(o.totals.charges)),
        ("Adjustments", &|o| Some(o.totals.adjustments)),
        ("Credits", &|o| Some(-o.totals.credits)),
        ("Bonuses", &|o| Some(o.totals.bonuses)),
        ("Earn-back", &|o| Some(o.totals.earn_back)),
        ("Net", &|o| Some(o.totals.net)),
        (npv.as_str(), &|o| Some(o.npv)),
        ("Gap to cheapest", &|o| o.gap_to_cheapest),
    ];
    for (name, value) in rows {
        let _ = write!(out, "<tr><th>{name}</th>");
        for o in &compared.offers {
            match value(o) {
                Some(gap) if name == "Gap to cheapest" && gap.is_zero() => {
                    out.push_str("<td class=\"num\">cheapest</td>");
                }
                Some(v) => money(out, v, d),
                None => out.push_str("<td class=\"num\">—</td>"),
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>\n");
    let _ = writeln!(
        out,
        "<p class=\"note\">Totals over the whole term; credits are shown as a reduction. NPV discounts each month's net at {rate} % a year.</p>{}",
        svg::cumulative(project, ledgers)
    );
}

fn offer(
    out: &mut String,
    project: &Project,
    scenario: &Scenario,
    ledger: &Ledger,
    risk: Option<&OfferRisk>,
) {
    let d = project.rounding.decimals;
    let _ = write!(
        out,
        "<section class=\"offer\"><h2>{}</h2>",
        escape(&scenario.name)
    );
    if !scenario.provider.is_empty() {
        let _ = write!(
            out,
            "<p class=\"meta\">Provider: {}</p>",
            escape(&scenario.provider)
        );
    }
    if !scenario.notes.is_empty() {
        let _ = write!(out, "<p>{}</p>", escape(&scenario.notes));
    }
    out.push_str("<figure><h3>Structure, in the order the invoice is built</h3><table><thead><tr><th>Step</th><th>Term</th><th>In short</th><th class=\"num\">Over the term</th></tr></thead><tbody>");
    let mut all = blocks(project, scenario, Some(ledger), Period::Term);
    all.push(net_block(ledger, Period::Term));
    for b in &all {
        let amount = match (&b.status, b.amount) {
            (Some((status, _)), _) => escape(status),
            (None, Some(a)) => format_money(a, d),
            (None, None) => "—".to_owned(),
        };
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{amount}</td></tr>",
            escape(b.stage),
            escape(&b.title),
            escape(&b.detail)
        );
    }
    out.push_str("</tbody></table></figure>");
    let _ = write!(
        out,
        "<figure><h3>Invoice per month</h3>{}</figure><figure><h3>From charges to net</h3>{}</figure>",
        svg::invoice(project, ledger),
        svg::waterfall(project, &ledger.scenario, &ledger.totals, "the term")
    );
    service_levels(out, project, scenario, ledger);
    flags(out, ledger);
    if let Some(risk) = risk {
        risk_section(out, project, ledger, risk);
    }
    out.push_str("</section>\n");
}

/// What the offer will likely cost: the spread by year and over the term, the fee at risk, the
/// triggers' odds, and the fan of monthly net.
fn risk_section(out: &mut String, project: &Project, ledger: &Ledger, risk: &OfferRisk) {
    let d = project.rounding.decimals;
    let r = &risk.report;
    let blocks = match r.settings.block_months {
        1 => "month by month".to_owned(),
        n => format!("in blocks of {n} months"),
    };
    let _ = write!(
        out,
        "<figure><h3>Risk: what the term will likely cost</h3><p>{} simulated futures (seed {}): each of the {} months without KPI data takes a whole history month, drawn {blocks} from the {} history months by SplitMix64; every term applies as in the replay. Percentiles by nearest rank (each is a simulated outcome).</p>",
        format_money(Decimal::from(r.trials), 0),
        r.settings.seed,
        r.simulated.len(),
        r.pool.len()
    );
    out.push_str("<table><thead><tr><th></th><th class=\"num\">Credits mean</th><th class=\"num\">Credits P50</th><th class=\"num\">Credits P90</th><th class=\"num\">Net P5</th><th class=\"num\">Net P50</th><th class=\"num\">Net P90</th></tr></thead><tbody>");
    let rows = (r.contract_years.iter())
        .map(|y| (format!("Year {}", y.contract_year), &y.figures))
        .chain(std::iter::once(("Term".to_owned(), &r.term)));
    for (name, figures) in rows {
        let _ = write!(out, "<tr><th>{name}</th>");
        let (c, n) = (&figures.credits, &figures.net);
        for value in [c.mean, c.p50, c.p90, n.p5, n.p50, n.p90] {
            money(out, value, d);
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></figure>");
    let _ = write!(
        out,
        "<figure><h3>Monthly net over the simulated futures</h3>{}</figure>",
        svg::fan(project, ledger, &risk.spread)
    );
    fee_at_risk(out, r, d);
    if !r.triggers.is_empty() {
        out.push_str(
            "<figure><h3>Termination rights: odds of firing during the term</h3><table><tbody>",
        );
        for t in &r.triggers {
            let _ = write!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
                escape(&t.rule),
                t.fired.percent()
            );
        }
        let _ = write!(
            out,
            "<tr><th>Any trigger</th><td class=\"num\">{}</td></tr></tbody></table></figure>",
            r.any_trigger.percent()
        );
    }
}

fn fee_at_risk(out: &mut String, r: &RiskReport, d: u32) {
    out.push_str("<figure><h3>Fee at risk</h3><table><thead><tr><th></th><th class=\"num\">Fees</th><th class=\"num\">Most at risk</th><th class=\"num\">Expected credits</th><th class=\"num\">P90 credits</th></tr></thead><tbody>");
    let with_pct = |value: Decimal, pct: Option<Decimal>| match pct {
        Some(pct) => format!("{} ({pct} %)", format_money(value, d)),
        None => format_money(value, d),
    };
    let periods = r
        .fee_at_risk
        .years
        .iter()
        .chain(std::iter::once(&r.fee_at_risk.term));
    for p in periods {
        let PeriodAtRisk {
            contract_year,
            fees,
            most,
            most_pct,
            expected,
            expected_pct,
            p90,
            p90_pct,
        } = p;
        let name = contract_year.map_or_else(|| "Term".to_owned(), |y| format!("Year {y}"));
        let most = most.map_or_else(|| "uncapped".to_owned(), |m| with_pct(m, *most_pct));
        let _ = write!(
            out,
            "<tr><th>{name}</th><td class=\"num\">{}</td><td class=\"num\">{most}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            format_money(*fees, d),
            with_pct(*expected, *expected_pct),
            with_pct(*p90, *p90_pct)
        );
    }
    out.push_str("</tbody></table>");
    let fee = &r.risk_adjusted_fee;
    let share = (fee.expected_credit_share * Decimal::ONE_HUNDRED).round_dp(2);
    let adjusted = fee.adjusted.map_or_else(
        || "none (no fees, or expected net not positive)".to_owned(),
        |f| format_money(f, d),
    );
    let _ = write!(
        out,
        "<p>Risk-adjusted monthly fee: <b>{adjusted}</b> (today's mean monthly fee {}, expected credit share {share} %): the fee F' = F / (1 − E[credit share]) that keeps the expected net revenue at today's fee.</p></figure>",
        format_money(fee.fee, d)
    );
}

/// Each service level against its target: months met and missed, and its credits.
fn service_levels(out: &mut String, project: &Project, scenario: &Scenario, ledger: &Ledger) {
    if scenario.service_levels.is_empty() {
        return;
    }
    let d = project.rounding.decimals;
    out.push_str("<figure><h3>Service levels</h3><table><thead><tr><th>Service level</th><th>KPI</th><th class=\"num\">Target</th><th class=\"num\">Minimum</th><th class=\"num\">Met</th><th class=\"num\">Missed target</th><th class=\"num\">Missed minimum</th><th class=\"num\">Credits</th></tr></thead><tbody>");
    for sl in &scenario.service_levels {
        let results = ledger
            .months
            .iter()
            .flat_map(|m| &m.service_levels)
            .filter(|r| r.id == sl.id);
        let mut counts = [0u32; 3];
        let mut credits = Decimal::ZERO;
        for r in results {
            match r.outcome {
                Outcome::Met => counts[0] += 1,
                Outcome::MissedTarget => counts[1] += 1,
                Outcome::MissedMinimum => counts[2] += 1,
                Outcome::NotMeasured | Outcome::Excluded => {}
            }
            credits += r.credit;
        }
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
            escape(&sl.name),
            escape(&sl.kpi),
            sl.target,
            sl.minimum.map_or_else(|| "—".to_owned(), |m| m.to_string()),
            counts[0],
            counts[1],
            counts[2]
        );
        money(out, -credits, d);
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table><p class=\"note\">Months counted over the whole term, projected months included; credits before the credit caps.</p></figure>");
}

fn flags(out: &mut String, ledger: &Ledger) {
    out.push_str("<figure><h3>Flags and triggers</h3>");
    if ledger.flags.is_empty() {
        out.push_str("<p>None: no trigger fired, no cap bound, no data was missing.</p></figure>");
        return;
    }
    out.push_str(
        "<table><thead><tr><th>Month</th><th>What</th><th>Detail</th></tr></thead><tbody>",
    );
    for f in &ledger.flags {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"flag\">{}</td><td>{}</td></tr>",
            f.period,
            escape(f.kind.label()),
            escape(&f.message)
        );
    }
    out.push_str("</tbody></table></figure>");
}

fn rounding_words(project: &Project) -> String {
    let rule = match project.rounding.rule {
        crate::model::RoundingRule::HalfAwayFromZero => "half away from zero",
        crate::model::RoundingRule::HalfEven => "half to even (banker's rounding)",
    };
    format!("to {} decimals, {rule}", project.rounding.decimals)
}

fn assumptions(out: &mut String, project: &Project) {
    out.push_str("<section><h2>Assumptions</h2><table><tbody>");
    let kpi = match project.projection.kpi {
        KpiAssumption::RepeatLast12 => {
            "each month after the history repeats the same calendar month of the last 12 months"
        }
        KpiAssumption::HoldAtTarget => "each service level is met exactly at its target",
        KpiAssumption::Explicit => {
            "the values entered for each series; months without one are missing"
        }
    };
    let mut rows: Vec<(String, String)> = vec![
        ("KPI projection".into(), kpi.into()),
        (
            "Rounding".into(),
            format!("per invoice line, {}", rounding_words(project)),
        ),
        (
            "Discount rate".into(),
            format!(
                "{} % a year, for the NPV",
                project.discount_rate_pct.normalize()
            ),
        ),
    ];
    for v in &project.volumes {
        let forecast = match &v.forecast {
            VolumeForecast::Growth { annual_pct } => {
                format!("history, then {} % a year", annual_pct.normalize())
            }
            VolumeForecast::Explicit(months) => {
                format!("history, then {} forecast months", months.len())
            }
        };
        rows.push((format!("Volume: {}", v.name), forecast));
    }
    for s in &project.scenarios {
        for sl in &s.service_levels {
            let missing = match sl.missing_data {
                MissingData::DeemedMinimumMiss => "a month without data is deemed a minimum miss",
                MissingData::NoClaim => "a month without data gives no claim",
                MissingData::Excluded => "a month without data is excluded",
            };
            rows.push((format!("{}: {}", s.name, sl.name), missing.into()));
        }
    }
    for source in &project.imports {
        rows.push((
            "KPI data imported from".into(),
            format!("{} ({})", source.file, source.series.join(", ")),
        ));
    }
    for (name, value) in rows {
        let _ = write!(
            out,
            "<tr><th>{}</th><td>{}</td></tr>",
            escape(&name),
            escape(&value)
        );
    }
    out.push_str("</tbody></table></section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_elements_and_attributes() {
        assert_eq!(
            escape(r#"<script>alert(1)</script>"#),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            escape(r#""><img src=x onerror='a'>"#),
            "&quot;&gt;&lt;img src=x onerror=&#39;a&#39;&gt;"
        );
        assert_eq!(escape("R&D"), "R&amp;D");
    }
}
