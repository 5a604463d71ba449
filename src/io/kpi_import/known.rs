//! The project's series as the guess sees them: by id, and by name and unit, so that a column
//! named as a series the project tracks ("Avg speed of answer (s)") is mapped to that series'
//! id rather than to a new one.

use rustc_hash::{FxHashMap, FxHashSet};

use super::guess::metric_id;
use crate::model::Project;
use crate::model::import_mapping::ValueKind;

/// One series of the project that a column may name.
#[derive(Debug, Clone, Copy)]
struct Named<'a> {
    id: &'a str,
    unit: &'a str,
    volume: bool,
}

/// The series of a project, looked up by id or by name (case, spaces and punctuation
/// ignored). Empty for a guess without a project.
#[derive(Debug, Default)]
pub(super) struct Known<'a> {
    ids: FxHashSet<&'a str>,
    /// The id of each KPI's raw parts (`uptime.downtime`, see [`crate::model::KpiPart`]).
    parts: FxHashSet<String>,
    names: FxHashMap<String, Vec<Named<'a>>>,
}

impl<'a> Known<'a> {
    /// The KPI and volume series of `project` (KPIs first, in project order).
    pub(super) fn of(project: &'a Project) -> Self {
        let mut known = Known::default();
        let kpis = project
            .kpis
            .iter()
            .map(|k| (&k.id, &k.name, &k.unit, false));
        let volumes = (project.volumes.iter()).map(|v| (&v.id, &v.name, &v.unit, true));
        for k in &project.kpis {
            known
                .parts
                .extend(k.data.parts().iter().map(|p| p.id(&k.id)));
        }
        for (id, name, unit, volume) in kpis.chain(volumes) {
            known.ids.insert(id);
            let named = Named { id, unit, volume };
            known.names.entry(words(name)).or_default().push(named);
        }
        known
    }

    /// Whether a column named `header` names a series of the project, by id (`asa_secs`), by
    /// a KPI's part id (`uptime.downtime`) or by name (`Average speed of answer`, with or
    /// without a unit).
    pub(super) fn names(&self, header: &str) -> bool {
        let (name, _) = split_unit(header);
        self.ids.contains(metric_id(header).as_str())
            || self.parts.contains(header.trim())
            || self.names.contains_key(&words(header))
            || self.names.contains_key(&words(name))
    }

    /// The id of the series a column named `header` with values of `kind` stands for: a
    /// series whose name is the header's (case, spaces and punctuation ignored; a unit in
    /// brackets or a trailing `%` set apart) and whose unit fits the header's unit and the
    /// values (percent values need a `%` series, durations a series in seconds); or a header
    /// that is a KPI's part id (`uptime.downtime`) as it stands. `None` when none fits: the
    /// guess then makes a new id from the header.
    pub(super) fn series_for(&self, header: &str, kind: ValueKind) -> Option<String> {
        if let Some(part) = self.parts.get(header.trim()) {
            return Some(part.clone());
        }
        let (name, unit) = split_unit(header);
        let whole = self.names.get(&words(header)).into_iter().flatten();
        let bare = self.names.get(&words(name)).into_iter().flatten();
        // A header that is a series' whole name ("ASA (s)" for a series named so) has no
        // unit apart from its name.
        whole
            .filter(|n| fits(None, kind, n))
            .chain(bare.filter(|n| fits(unit, kind, n)))
            .map(|n| n.id.to_owned())
            .next()
    }
}

/// Whether a column with unit `unit` (from its header) and values of `kind` fits `series`.
fn fits(unit: Option<&str>, kind: ValueKind, series: &Named<'_>) -> bool {
    let series_unit = canonical_unit(series.unit);
    match kind {
        ValueKind::Percent { .. } => !series.volume && series_unit == "%",
        // Durations are stored in seconds whatever unit the file writes them in.
        ValueKind::Duration { .. } => !series.volume && series_unit == "s",
        ValueKind::Number | ValueKind::Count => {
            unit.is_none_or(|u| canonical_unit(u) == series_unit)
        }
    }
}

/// A unit's usual spellings as one: `sec`, `secs`, `seconds` are `s`; `pct`, `percent` are `%`.
fn canonical_unit(unit: &str) -> String {
    let unit = unit.trim().to_lowercase();
    let same = match unit.as_str() {
        "s" | "sec" | "secs" | "second" | "seconds" => "s",
        "%" | "pct" | "percent" => "%",
        "min" | "mins" | "minute" | "minutes" => "min",
        "h" | "hr" | "hrs" | "hour" | "hours" => "h",
        _ => return unit,
    };
    same.to_owned()
}

/// A header split into its name and its unit: `Avg speed of answer (s)` is the name
/// `Avg speed of answer` with the unit `s` (also in `[ ]`); `Abandon %` has the unit `%`.
fn split_unit(header: &str) -> (&str, Option<&str>) {
    let header = header.trim();
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let Some(rest) = header.strip_suffix(close)
            && let Some(at) = rest.rfind(open)
        {
            return (rest[..at].trim_end(), Some(rest[at + 1..].trim()));
        }
    }
    match header.strip_suffix('%') {
        Some(name) => (name.trim_end(), Some("%")),
        None => (header, None),
    }
}

/// A name as words: lowercase letters and digits, any run of spaces or punctuation one space
/// (`Avg. speed-of-answer` and `avg speed of answer` are the same).
fn words(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_split_into_name_and_unit() {
        assert_eq!(
            split_unit("Avg speed of answer (s)"),
            ("Avg speed of answer", Some("s"))
        );
        assert_eq!(split_unit("Uptime [%]"), ("Uptime", Some("%")));
        assert_eq!(split_unit("Abandon %"), ("Abandon", Some("%")));
        assert_eq!(split_unit("Calls"), ("Calls", None));
        assert_eq!(words("Avg. speed-of-answer"), "avg speed of answer");
        assert_eq!(canonical_unit(" Secs"), "s");
    }
}
