//! Charts as SVG, drawn from the same ledgers as the app's charts: the invoice per month, the
//! waterfall of the term and the offers' cumulative net. Amounts become f64 here and only here
//! (the plot boundary); every figure a reader takes away is in the report's tables, exact.
//!
//! Every chart is a self-contained `<svg>` with a title for screen readers, a legend above the
//! plot (never over the data) and amounts on hover (`<title>` per bar).

use std::fmt::Write;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::escape;
use crate::engine::compare::cumulative_net;
use crate::engine::{Ledger, LineKind, Totals};
use crate::format::{format_compact_by, format_money};
use crate::model::{Project, YearMonth};

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 300.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 34.0;
const BOTTOM: f64 = 28.0;

/// The colours of the kinds of money, as in the app.
pub fn colour(kind: LineKind) -> &'static str {
    match kind {
        LineKind::Charge => "#4682c8",
        LineKind::Adjustment => "#8c6ec8",
        LineKind::Credit => "#d75046",
        LineKind::Bonus => "#3caa6e",
        LineKind::EarnBack => "#dca032",
    }
}

const NET: &str = "#555555";
const SERIES: [&str; 6] = [
    "#4682c8", "#d75046", "#3caa6e", "#dca032", "#8c6ec8", "#555555",
];

fn f(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// A step between ticks that gives about five of them over `span`: 1, 2 or 5 × 10^n.
fn tick_step(span: f64) -> f64 {
    let raw = (span / 5.0).max(f64::MIN_POSITIVE);
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power)
}

/// A plot area with linear axes, drawn into an SVG string.
struct Chart {
    x: (f64, f64),
    y: (f64, f64),
    body: String,
}

impl Chart {
    /// A chart over x in `x` and y in `y` (widened to whole ticks and to include zero).
    fn new(x: (f64, f64), y: (f64, f64)) -> Self {
        let (lo, hi) = (y.0.min(0.0), y.1.max(0.0));
        let step = tick_step(if hi > lo { hi - lo } else { 1.0 });
        let y = ((lo / step).floor() * step, (hi / step).ceil() * step);
        let y = if y.1 > y.0 { y } else { (y.0, y.0 + step) };
        let x = if x.1 > x.0 { x } else { (x.0 - 0.5, x.0 + 0.5) };
        Self {
            x,
            y,
            body: String::new(),
        }
    }

    /// A chart whose y axis starts at `floor` (rounded down to a tick), not at zero.
    fn above(floor: f64, x: (f64, f64), top: f64) -> Self {
        let step = tick_step((top - floor).max(1.0));
        let lo = (floor / step).floor() * step;
        let hi = (top / step).ceil() * step;
        Self {
            x,
            y: (lo, hi.max(lo + step)),
            body: String::new(),
        }
    }

    fn sx(&self, v: f64) -> f64 {
        LEFT + (v - self.x.0) / (self.x.1 - self.x.0) * (WIDTH - LEFT - RIGHT)
    }

    fn sy(&self, v: f64) -> f64 {
        HEIGHT - BOTTOM - (v - self.y.0) / (self.y.1 - self.y.0) * (HEIGHT - TOP - BOTTOM)
    }

    fn y_axis(&mut self, label: &str) {
        let step = tick_step(self.y.1 - self.y.0);
        let mut v = self.y.0;
        while v <= self.y.1 + step / 2.0 {
            let y = self.sy(v);
            let stroke = if v.abs() < step / 1e6 {
                "#888"
            } else {
                "#e3e3e3"
            };
            let _ = write!(
                self.body,
                r#"<line x1="{LEFT}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="{stroke}"/><text x="{:.1}" y="{:.1}" text-anchor="end" class="tick">{}</text>"#,
                WIDTH - RIGHT,
                LEFT - 6.0,
                y + 4.0,
                format_compact_by(v, step)
            );
            v += step;
        }
        let _ = write!(
            self.body,
            r#"<text x="14" y="{:.1}" transform="rotate(-90 14 {:.1})" text-anchor="middle" class="tick">{}</text>"#,
            (HEIGHT - BOTTOM + TOP) / 2.0,
            (HEIGHT - BOTTOM + TOP) / 2.0,
            escape(label)
        );
    }

    fn x_labels(&mut self, labels: &[(f64, String)]) {
        for (x, text) in labels {
            let _ = write!(
                self.body,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="tick">{}</text>"#,
                self.sx(*x),
                HEIGHT - BOTTOM + 16.0,
                escape(text)
            );
        }
    }

    /// A bar from `y0` to `y1` over x `at` ± `half`, with its amount on hover.
    fn bar(&mut self, at: f64, half: f64, (y0, y1): (f64, f64), fill: &str, hover: &str) {
        let (x0, x1) = (self.sx(at - half), self.sx(at + half));
        let floor = self.y.0;
        let (top, bottom) = (
            self.sy(y0.max(y1).max(floor)),
            self.sy(y0.min(y1).max(floor)),
        );
        let _ = write!(
            self.body,
            r#"<rect x="{x0:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" fill="{fill}"><title>{}</title></rect>"#,
            (x1 - x0).max(0.5),
            (bottom - top).max(0.0),
            escape(hover)
        );
    }

    fn line(&mut self, points: &[(f64, f64)], stroke: &str, dashed: bool) {
        let path: Vec<String> = (points.iter())
            .map(|(x, y)| format!("{:.1},{:.1}", self.sx(*x), self.sy(*y)))
            .collect();
        let dash = if dashed {
            r#" stroke-dasharray="5 3""#
        } else {
            ""
        };
        let _ = write!(
            self.body,
            r#"<polyline points="{}" fill="none" stroke="{stroke}" stroke-width="2"{dash}/>"#,
            path.join(" ")
        );
    }

    /// A band between two lines, drawn as one closed shape.
    fn area(&mut self, lower: &[(f64, f64)], upper: &[(f64, f64)], fill: &str, opacity: f64) {
        let points: Vec<String> = (upper.iter().chain(lower.iter().rev()))
            .map(|(x, y)| format!("{:.1},{:.1}", self.sx(*x), self.sy(*y)))
            .collect();
        let _ = write!(
            self.body,
            r#"<polygon points="{}" fill="{fill}" fill-opacity="{opacity}" stroke="none"/>"#,
            points.join(" ")
        );
    }

    /// The month axis of a term of `n` months, with a dashed line where history ends.
    fn months(&mut self, project: &Project, n: usize) {
        if let Some(end) = project.history_end() {
            let x = end.months_since(project.start) as f64 + 0.5;
            if x < n as f64 - 0.5 {
                self.vline(x);
            }
        }
        self.x_labels(&month_labels(project.start, n));
    }

    fn vline(&mut self, x: f64) {
        let x = self.sx(x);
        let _ = write!(
            self.body,
            r##"<line x1="{x:.1}" x2="{x:.1}" y1="{TOP}" y2="{:.1}" stroke="#999" stroke-dasharray="3 3"/>"##,
            HEIGHT - BOTTOM
        );
    }

    /// The legend, one row above the plot.
    fn legend(&mut self, items: &[(String, &str)]) {
        let mut x = LEFT;
        for (name, fill) in items {
            let _ = write!(
                self.body,
                r#"<rect x="{x:.1}" y="10" width="10" height="10" fill="{fill}"/><text x="{:.1}" y="19" class="legend">{}</text>"#,
                x + 14.0,
                escape(name)
            );
            x += 24.0 + 6.5 * name.chars().count() as f64;
        }
    }

    fn finish(self, title: &str) -> String {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{}" class="chart"><title>{}</title>{}</svg>"#,
            escape(title),
            escape(title),
            self.body
        )
    }
}

/// Month labels every 3, 6 or 12 months, by the length of the axis.
fn month_labels(start: YearMonth, months: usize) -> Vec<(f64, String)> {
    let every = [3, 6, 12, 24]
        .into_iter()
        .find(|e| months / e <= 8)
        .unwrap_or(48);
    (0..months)
        .step_by(every)
        .map(|i| (i as f64, start.plus(i as i32).to_string()))
        .collect()
}

/// The invoice per month, stacked by kind of line (credits below zero), with the net line and
/// a dashed line where history ends.
pub fn invoice(project: &Project, ledger: &Ledger) -> String {
    let n = ledger.months.len();
    let mut heights: Vec<(f64, f64)> = Vec::with_capacity(n);
    for m in &ledger.months {
        let (mut up, mut down) = (0.0, 0.0);
        for l in &m.lines {
            let a = f(l.amount);
            if a >= 0.0 { up += a } else { down += a }
        }
        heights.push((down, up));
    }
    let lo = heights.iter().map(|h| h.0).fold(0.0, f64::min);
    let hi = heights.iter().map(|h| h.1).fold(0.0, f64::max);
    let mut chart = Chart::new((-0.6, n as f64 - 0.4), (lo, hi * 1.05));
    chart.y_axis(&format!("per month ({})", project.currency));
    let d = project.rounding.decimals;
    for (i, m) in ledger.months.iter().enumerate() {
        let (mut up, mut down) = (0.0, 0.0);
        for kind in LineKind::ALL {
            let total: Decimal = (m.lines.iter().filter(|l| l.kind == kind))
                .map(|l| l.amount)
                .sum();
            let a = f(total);
            if a == 0.0 {
                continue;
            }
            let hover = format!("{} {}: {}", m.period, kind.label(), format_money(total, d));
            let span = if a > 0.0 {
                (up, up + a)
            } else {
                (down, down + a)
            };
            if a > 0.0 {
                up += a
            } else {
                down += a
            }
            chart.bar(i as f64, 0.4, span, colour(kind), &hover);
        }
    }
    let net: Vec<(f64, f64)> = (ledger.months.iter().enumerate())
        .map(|(i, m)| (i as f64, f(m.totals.net)))
        .collect();
    chart.line(&net, NET, false);
    chart.months(project, n);
    let mut legend: Vec<(String, &str)> = (LineKind::ALL.iter())
        .filter(|k| {
            ledger
                .months
                .iter()
                .flat_map(|m| &m.lines)
                .any(|l| l.kind == **k)
        })
        .map(|k| (k.label().to_owned(), colour(*k)))
        .collect();
    legend.push(("Net".to_owned(), NET));
    chart.legend(&legend);
    chart.finish(&format!("Invoice per month of {}", ledger.scenario))
}

/// The waterfall of `t` (the totals of `offer` over `period`, e.g. "the term"): charges, then
/// each kind of change, to the net.
pub fn waterfall(project: &Project, offer: &str, t: &Totals, period: &str) -> String {
    let d = project.rounding.decimals;
    let steps: Vec<(&str, Decimal, &str)> = [
        ("Charges", t.charges, colour(LineKind::Charge)),
        ("Adjustments", t.adjustments, colour(LineKind::Adjustment)),
        ("Credits", -t.credits, colour(LineKind::Credit)),
        ("Bonuses", t.bonuses, colour(LineKind::Bonus)),
        ("Earn-back", t.earn_back, colour(LineKind::EarnBack)),
    ]
    .into_iter()
    .filter(|(name, a, _)| *name == "Charges" || !a.is_zero())
    .collect();
    let mut level = 0.0;
    let mut spans = Vec::new();
    for (_, a, _) in &steps {
        spans.push((level, level + f(*a)));
        level += f(*a);
    }
    spans.push((0.0, f(t.net)));
    let hi = spans.iter().map(|s| s.0.max(s.1)).fold(0.0, f64::max);
    let lo = spans.iter().map(|s| s.0.min(s.1)).fold(0.0, f64::min);
    // Steps of a few percent vanish beside the charges: then the axis starts near the lowest
    // level, so each step is readable (and says that it does not start at zero).
    let moves = &spans[1..steps.len()];
    let changes: f64 = moves.iter().map(|s| (s.1 - s.0).abs()).sum::<f64>();
    let levels = moves.iter().flat_map(|s| [s.0, s.1]);
    let floor = levels.fold(hi, f64::min) - changes;
    let cut = lo >= 0.0 && changes > 0.0 && changes < 0.1 * hi && floor > 0.0;
    let bars = steps.len() + 1;
    let mut chart = Chart::new((-0.6, bars as f64 - 0.4), (lo, hi * 1.02));
    if cut {
        chart = Chart::above(floor, (-0.6, bars as f64 - 0.4), hi + changes * 0.2);
    }
    let label = if cut {
        "over the term, axis not from zero"
    } else {
        "over the term"
    };
    let label = label.replace("the term", period);
    chart.y_axis(&format!("{label} ({})", project.currency));
    let mut labels = Vec::new();
    for (i, ((name, amount, fill), span)) in steps.iter().zip(&spans).enumerate() {
        let hover = format!("{name}: {}", format_money(*amount, d));
        chart.bar(i as f64, 0.35, *span, fill, &hover);
        labels.push((i as f64, (*name).to_owned()));
    }
    let net_at = steps.len() as f64;
    chart.bar(
        net_at,
        0.35,
        (0.0, f(t.net)),
        NET,
        &format!("Net: {}", format_money(t.net, d)),
    );
    labels.push((net_at, "Net".to_owned()));
    chart.x_labels(&labels);
    chart.finish(&format!("Waterfall of {period} of {offer}"))
}

/// Each offer's cumulative net over the term, one line each.
pub fn cumulative(project: &Project, ledgers: &[Ledger]) -> String {
    let series: Vec<Vec<(f64, f64)>> = (ledgers.iter())
        .map(|l| {
            (cumulative_net(l).into_iter())
                .map(|(m, v)| (m.months_since(project.start) as f64, f(v)))
                .collect()
        })
        .collect();
    let n = ledgers.iter().map(|l| l.months.len()).max().unwrap_or(0);
    let all = series.iter().flatten();
    let hi = all.clone().map(|p| p.1).fold(0.0, f64::max);
    let lo = all.map(|p| p.1).fold(0.0, f64::min);
    let mut chart = Chart::new((0.0, (n as f64 - 1.0).max(1.0)), (lo, hi * 1.05));
    chart.y_axis(&format!("cumulative net ({})", project.currency));
    let mut legend = Vec::new();
    for (i, (points, ledger)) in series.iter().zip(ledgers).enumerate() {
        let stroke = SERIES[i % SERIES.len()];
        chart.line(points, stroke, i >= SERIES.len());
        legend.push((ledger.scenario.clone(), stroke));
    }
    chart.x_labels(&month_labels(project.start, n));
    chart.legend(&legend);
    chart.finish("Cumulative net of each offer")
}

/// The fan of monthly net over the simulated futures: the P5–P95 and P25–P75 bands, the
/// median, and the replay (history, then the projection) dashed.
pub fn fan(project: &Project, replay: &Ledger, spread: &crate::engine::risk::Spread) -> String {
    let n = replay.months.len().min(spread.net.len());
    let bands = &spread.net[..n];
    let at = |f: fn(&crate::engine::risk::Band) -> f64| -> Vec<(f64, f64)> {
        bands
            .iter()
            .enumerate()
            .map(|(i, b)| (i as f64, f(b)))
            .collect()
    };
    let replay_line: Vec<(f64, f64)> = (replay.months.iter().take(n).enumerate())
        .map(|(i, m)| (i as f64, f(m.totals.net)))
        .collect();
    let lo = bands
        .iter()
        .map(|b| b.p5)
        .chain(replay_line.iter().map(|p| p.1));
    let lo = lo.fold(f64::INFINITY, f64::min).min(0.0);
    let hi = bands
        .iter()
        .map(|b| b.p95)
        .chain(replay_line.iter().map(|p| p.1));
    let hi = hi.fold(0.0, f64::max);
    let mut chart = Chart::new((0.0, (n as f64 - 1.0).max(1.0)), (lo, hi * 1.05));
    chart.y_axis(&format!("net per month ({})", project.currency));
    let blue = colour(LineKind::Charge);
    chart.area(&at(|b| b.p5), &at(|b| b.p95), blue, 0.2);
    chart.area(&at(|b| b.p25), &at(|b| b.p75), blue, 0.4);
    chart.line(&at(|b| b.p50), blue, false);
    chart.line(&replay_line, NET, true);
    chart.months(project, n);
    chart.legend(&[
        ("P5–P95".to_owned(), "#a9c4e6"),
        ("P25–P75".to_owned(), "#7fa7d9"),
        ("Median".to_owned(), blue),
        ("Replay".to_owned(), NET),
    ]);
    chart.finish(&format!("Fan of monthly net of {}", replay.scenario))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_numbers() {
        assert_eq!(tick_step(100.0), 20.0);
        assert_eq!(tick_step(7.0), 2.0);
        assert_eq!(tick_step(230_000.0), 50_000.0);
        assert_eq!(format_compact_by(1_250_000.0, 0.0), "1.2M");
        assert_eq!(format_compact_by(-35_000.0, 0.0), "-35k");
        assert_eq!(format_compact_by(6_050_000.0, 50_000.0), "6.05M");
        assert_eq!(format_compact_by(12_500.0, 500.0), "12.5k");
    }

    #[test]
    fn a_chart_always_has_a_range_and_escapes_its_text() {
        let mut chart = Chart::new((0.0, 0.0), (0.0, 0.0));
        chart.legend(&[("<b>&\"x\"".to_owned(), NET)]);
        let svg = chart.finish("A <title>");
        assert!(svg.contains("&lt;b&gt;&amp;&quot;x&quot;"), "{svg}");
        assert!(svg.contains(r#"aria-label="A &lt;title&gt;""#), "{svg}");
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    }
}
