//! What an import would change, shown before anything changes.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;

use super::import::MonthlySeries;
use crate::model::YearMonth;

/// What importing one metric would change in the existing history.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MetricDiff {
    /// The metric has no history yet.
    pub is_new: bool,
    /// Months the file adds, with their values.
    pub added: Vec<(YearMonth, Decimal)>,
    /// Months whose value changes: month, old value, new value.
    pub changed: Vec<(YearMonth, Decimal, Decimal)>,
    /// Months the file has with the same value (equal as numbers: 30.0 equals 30).
    pub unchanged: usize,
    /// Months of the existing history that the file does not have; an import keeps them.
    pub kept: usize,
}

impl MetricDiff {
    /// Whether applying would change anything for this metric.
    pub fn has_changes(&self) -> bool {
        !self.added.is_empty() || !self.changed.is_empty()
    }
}

impl fmt::Display for MetricDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_new {
            f.write_str("new metric, ")?;
        }
        write!(
            f,
            "{} added, {} changed, {} unchanged",
            months(self.added.len()),
            months(self.changed.len()),
            months(self.unchanged)
        )?;
        for (month, old, new) in self.changed.iter().take(3) {
            write!(f, "; {month}: {old} → {new}")?;
        }
        if self.changed.len() > 3 {
            write!(f, "; …")?;
        }
        Ok(())
    }
}

fn months(n: usize) -> String {
    if n == 1 {
        "1 month".to_owned()
    } else {
        format!("{n} months")
    }
}

/// What an import would change, per metric id (only metrics the import has).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SeriesDiff {
    /// Per metric id, in id order.
    pub metrics: BTreeMap<String, MetricDiff>,
    /// What applying would leave to look at (ratio months with one part, sample sizes
    /// removed): empty from [`diff_series`]; a caller that tried the apply on a copy fills it
    /// from [`super::ApplySummary::warnings`].
    pub warnings: Vec<super::ApplyWarning>,
}

impl SeriesDiff {
    /// Whether applying would change anything at all.
    pub fn has_changes(&self) -> bool {
        self.metrics.values().any(MetricDiff::has_changes)
    }

    /// How many month values the file holds at all (added, changed or unchanged): none when
    /// every row was refused or the mapped columns are empty.
    pub fn months_read(&self) -> usize {
        (self.metrics.values())
            .map(|m| m.added.len() + m.changed.len() + m.unchanged)
            .sum()
    }

    /// The month values the import adds or changes before `start` (the contract's first
    /// month), and the earliest such month: history no month of the term measures, which a
    /// user should know they are importing.
    pub fn before(&self, start: YearMonth) -> (usize, Option<YearMonth>) {
        let months = self.metrics.values().flat_map(|m| {
            (m.added.iter().map(|(month, _)| *month))
                .chain(m.changed.iter().map(|(month, _, _)| *month))
        });
        let early: Vec<YearMonth> = months.filter(|m| *m < start).collect();
        (early.len(), early.iter().min().copied())
    }
}

/// Compares imported series with the existing history: per metric, months added, changed
/// (old → new) and unchanged. Months only in `existing` are counted as kept: an import adds and
/// replaces months, it never removes any (see [`merge_series`]).
pub fn diff_series(existing: &MonthlySeries, incoming: &MonthlySeries) -> SeriesDiff {
    let metrics = incoming
        .iter()
        .map(|(id, months)| {
            let old = existing.get(id);
            let mut diff = MetricDiff {
                is_new: old.is_none(),
                ..MetricDiff::default()
            };
            for (&month, &new) in months {
                match old.and_then(|o| o.get(&month)) {
                    None => diff.added.push((month, new)),
                    Some(&o) if o == new => diff.unchanged += 1,
                    Some(&o) => diff.changed.push((month, o, new)),
                }
            }
            diff.kept = old.map_or(0, |o| o.keys().filter(|m| !months.contains_key(m)).count());
            (id.clone(), diff)
        })
        .collect();
    SeriesDiff {
        metrics,
        warnings: Vec::new(),
    }
}

/// Applies imported series to the history: each imported month replaces or adds its value;
/// months and metrics the import does not have are kept.
pub fn merge_series(existing: &mut MonthlySeries, incoming: &MonthlySeries) {
    for (id, months) in incoming {
        existing
            .entry(id.clone())
            .or_default()
            .extend(months.iter().map(|(m, v)| (*m, *v)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn ym(text: &str) -> YearMonth {
        text.parse().unwrap()
    }

    #[test]
    fn diff_counts_added_changed_unchanged_and_kept() {
        let existing: MonthlySeries = [(
            "asa_secs".to_owned(),
            [
                (ym("2024-01"), dec!(30)),
                (ym("2024-02"), dec!(31)),
                (ym("2023-12"), dec!(29)),
            ]
            .into(),
        )]
        .into();
        let incoming: MonthlySeries = [
            (
                "asa_secs".to_owned(),
                [
                    (ym("2024-01"), dec!(30.0)),
                    (ym("2024-02"), dec!(33)),
                    (ym("2024-03"), dec!(28)),
                ]
                .into(),
            ),
            ("calls".to_owned(), [(ym("2024-01"), dec!(100))].into()),
        ]
        .into();
        let diff = diff_series(&existing, &incoming);
        assert_eq!(
            diff.metrics["asa_secs"],
            MetricDiff {
                is_new: false,
                added: vec![(ym("2024-03"), dec!(28))],
                changed: vec![(ym("2024-02"), dec!(31), dec!(33))],
                unchanged: 1,
                kept: 1,
            }
        );
        assert_eq!(
            diff.metrics["asa_secs"].to_string(),
            "1 month added, 1 month changed, 1 month unchanged; 2024-02: 31 → 33"
        );
        assert!(diff.metrics["calls"].is_new);
        assert!(diff.has_changes());
        let mut merged = existing.clone();
        merge_series(&mut merged, &incoming);
        assert_eq!(merged["asa_secs"].len(), 4);
        assert_eq!(merged["asa_secs"][&ym("2024-02")], dec!(33));
        assert!(!diff_series(&merged, &incoming).has_changes());
        // Read: 3 asa months + 1 calls month. Before a 2024-02 start: 2024-01 of calls is
        // added (asa's 2024-01 is unchanged, so not counted); asa's 2024-02 is not before.
        assert_eq!(diff.months_read(), 4);
        assert_eq!(diff.before(ym("2024-02")), (1, Some(ym("2024-01"))));
        assert_eq!(diff.before(ym("2023-01")), (0, None));
        // A file whose every row was refused reads nothing at all.
        assert_eq!(
            diff_series(&existing, &MonthlySeries::new()).months_read(),
            0
        );
    }
}
