//! The report's glossary: each kind of term the offers shown use, in the words of the app's
//! Help › Glossary (one glossary serves the app, the structure view and the report).

use std::fmt::Write;

use super::escape;
use crate::engine::compare::Period;
use crate::engine::structure::blocks;
use crate::model::Project;
use crate::model::glossary::{Entry, lookup};

/// Writes "Terms used": the glossary entry of every step of the structure the offers in
/// `shown` have, in the order of operations, each once.
pub fn terms(out: &mut String, project: &Project, shown: &[usize]) {
    let mut entries: Vec<&'static Entry> = Vec::new();
    for scenario in shown.iter().filter_map(|i| project.scenarios.get(*i)) {
        for b in blocks(project, scenario, None, Period::Term) {
            if let Some(e) = lookup(b.stage)
                && !entries.iter().any(|x| x.term == e.term)
            {
                entries.push(e);
            }
        }
    }
    if let Some(net) = lookup("Net") {
        entries.push(net);
    }
    out.push_str("<section><h2>Terms used</h2><dl>");
    for e in entries {
        let _ = write!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            escape(e.term),
            escape(e.meaning)
        );
    }
    out.push_str("</dl></section>\n");
}
