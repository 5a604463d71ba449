//! Why an edit changed nothing: when a term is edited and the period's money and flags stay the
//! same, the reason in contract words, read off the ledger of the edited offer ("every measured
//! month meets the target: the worst is 27 s against 30 s"; "the repeat rule needs 3 target
//! misses in 12 months: …"; "a charge cap holds the charges at its limit").
//!
//! The reasons are looked for in the order a reader would check them: is the term billed at
//! all in the period, does its condition ever hold, and is its effect absorbed later in the order
//! of operations (a minimum, a cap, the at-risk pool).

use rust_decimal::Decimal;

use super::{Ledger, MonthLedger, Stage};
use crate::format::format_number;
use crate::model::{Component, Scenario};

/// The reason an edit of `component` in `scenario` changed nothing in the months of `ledger`
/// that `in_period` keeps; `period` names them in words ("2025", "the term").
pub fn unchanged(
    scenario: &Scenario,
    ledger: &Ledger,
    component: &Component,
    in_period: &dyn Fn(&MonthLedger) -> bool,
    period: &str,
) -> String {
    let months: Vec<&MonthLedger> = ledger.months.iter().filter(|m| in_period(m)).collect();
    if months.is_empty() {
        return format!("{period} has no billed months.");
    }
    let reason = match component {
        Component::ServiceLevel(id) => service_level(scenario, &months, id, period),
        Component::Bonus(id) => bonus(scenario, &months, id, period),
        Component::Indexation(_) if months.iter().all(|m| m.contract_year <= 1) => Some(format!(
            "Indexation starts at the first anniversary: every month of {period} is in the first contract year."
        )),
        Component::Trigger(_) => Some(
            "A termination or escalation trigger raises flags and bills nothing; its flags in this period are the same.".to_owned(),
        ),
        Component::ChargeCap(id) if !has_line(&months, Stage::ChargeCap, Some(id)) => {
            Some(format!("The charges never reach this cap in {period}."))
        }
        Component::Minimum(id) if !has_line(&months, Stage::Minimum, Some(id)) => Some(format!(
            "The charges meet this commitment in every month of {period}: no shortfall is billed."
        )),
        Component::CreditRegime if months.iter().all(|m| m.totals.credits.is_zero()) => Some(
            format!("No service credits in {period}: the pool and caps have nothing to act on."),
        ),
        _ => None,
    };
    reason
        .or_else(|| absorbed(&months, component))
        .unwrap_or_else(|| {
            format!("No line of {period} depends on this value: its lines are the same as before.")
        })
}

/// Whether a month has a line of `stage` (made by component `id`, when given).
fn has_line(months: &[&MonthLedger], stage: Stage, id: Option<&str>) -> bool {
    (months.iter().flat_map(|m| &m.lines))
        .any(|l| l.stage == stage && id.is_none_or(|id| l.component == id))
}

/// A later step that holds the money where it was: a minimum commitment, a charge cap, a
/// credit cap or the at-risk pool, with the first such line's own explanation.
fn absorbed(months: &[&MonthLedger], component: &Component) -> Option<String> {
    let stages: &[(Stage, &str)] = match component {
        Component::Charge(_) | Component::Indexation(_) => &[
            (Stage::Minimum, "A minimum commitment tops the charges up"),
            (
                Stage::ChargeCap,
                "A charge cap holds the charges at its limit",
            ),
        ],
        Component::ServiceLevel(_) | Component::CreditRegime => {
            &[(Stage::CreditCap, "The credits are held at a cap")]
        }
        _ => &[],
    };
    stages.iter().find_map(|(stage, words)| {
        let line = (months.iter().flat_map(|m| &m.lines)).find(|l| l.stage == *stage)?;
        Some(format!("{words}: {}", line.explanation))
    })
}

fn service_level(
    scenario: &Scenario,
    months: &[&MonthLedger],
    id: &str,
    period: &str,
) -> Option<String> {
    let sl = scenario.service_level(id)?;
    let results: Vec<(&MonthLedger, &super::ServiceLevelResult)> = (months.iter())
        .filter_map(|m| Some((*m, m.service_levels.iter().find(|r| r.id == id)?)))
        .collect();
    let measured: Vec<_> = results
        .iter()
        .filter(|(_, r)| r.outcome.is_measured())
        .collect();
    if measured.is_empty() {
        return Some(format!(
            "No month of {period} is measured for {}: no KPI data, too small a sample or excluded.",
            sl.name
        ));
    }
    if let Some((month, r)) = measured.iter().find(|(_, r)| r.outcome.is_miss()) {
        if measured.iter().all(|(_, r)| r.credit.is_zero()) {
            // The engine's own words say why a miss earned nothing (the repeat rule's count,
            // a minimum credit not issued, a window not assessed).
            return Some(format!("{}: {}", month.period, r.explanation));
        }
        let missed: Vec<String> = (measured.iter())
            .filter(|(_, r)| r.outcome.is_miss())
            .map(|(m, _)| m.period.to_string())
            .collect();
        return Some(format!(
            "The same months miss as before ({}), and their credits do not depend on how far the value falls short.",
            missed.join(", ")
        ));
    }
    let worst = (measured.iter().filter_map(|(_, r)| r.value))
        .reduce(|a, b| if sl.direction.worse(b, a) { b } else { a })?;
    Some(format!(
        "Every measured month of {period} meets the target {}: the worst is {}.",
        format_number(sl.target),
        format_number(worst)
    ))
}

fn bonus(scenario: &Scenario, months: &[&MonthLedger], id: &str, period: &str) -> Option<String> {
    let b = scenario.bonuses.iter().find(|b| b.id == id)?;
    if has_line(months, Stage::Bonus, Some(id)) {
        return None;
    }
    let sl = scenario.service_level(&b.service_level)?;
    let values: Vec<Decimal> = (months.iter().flat_map(|m| &m.service_levels))
        .filter(|r| r.id == sl.id && r.outcome.is_measured())
        .filter_map(|r| r.value)
        .collect();
    let best = values
        .into_iter()
        .reduce(|a, b| if sl.direction.worse(a, b) { b } else { a });
    Some(match best {
        None => format!("{} is not measured in {period}: no bonus.", sl.name),
        Some(best) => format!(
            "{} never reaches the bonus threshold {} in {period}: the best is {}.",
            sl.name,
            format_number(b.threshold),
            format_number(best)
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
    use crate::model::Project;

    fn sample(name: &str) -> Project {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(name);
        crate::io::project::load(&path).expect("the sample loads")
    }

    #[test]
    fn a_service_level_met_every_month_names_its_worst_value() {
        let mut project = sample("contact_centre.ron");
        // Loosen the ASA target until every month meets it: 1,000 s is met by any month.
        let scenario = &mut project.scenarios[0];
        let asa = (scenario.service_levels.iter_mut())
            .find(|s| s.id == "asa")
            .expect("the sample has an ASA service level");
        asa.target = Decimal::from(1000);
        asa.minimum = None;
        let scenario = project.scenarios[0].clone();
        let ledger = evaluate(&project, &scenario);
        // The worst measured ASA over the term, read from the ledger itself.
        let worst = (ledger.months.iter().flat_map(|m| &m.service_levels))
            .filter(|r| r.id == "asa" && r.outcome.is_measured())
            .filter_map(|r| r.value)
            .max()
            .expect("ASA is measured");
        let why = unchanged(
            &scenario,
            &ledger,
            &Component::ServiceLevel("asa".into()),
            &|_| true,
            "the term",
        );
        assert_eq!(
            why,
            format!(
                "Every measured month of the term meets the target 1,000: the worst is {}.",
                format_number(worst)
            )
        );
    }

    #[test]
    fn indexation_in_the_first_year_and_triggers_say_so() {
        let project = sample("contact_centre.ron");
        let scenario = project.scenarios[0].clone();
        let ledger = evaluate(&project, &scenario);
        let first_year = |m: &MonthLedger| m.contract_year == 1;
        assert_eq!(
            unchanged(
                &scenario,
                &ledger,
                &Component::Indexation(0),
                &first_year,
                "year 1"
            ),
            "Indexation starts at the first anniversary: every month of year 1 is in the first contract year."
        );
        assert!(
            unchanged(
                &scenario,
                &ledger,
                &Component::Trigger(0),
                &|_| true,
                "the term"
            )
            .starts_with("A termination or escalation trigger raises flags")
        );
        assert_eq!(
            unchanged(&scenario, &ledger, &Component::Offer, &|_| false, "2031"),
            "2031 has no billed months."
        );
    }
}
