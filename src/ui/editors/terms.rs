//! Editors of the other terms: minimum commitments, indexation, charge caps, the credit regime,
//! bonuses and triggers, and their shared parts (scopes, limits, rates).

use eframe::egui::Ui;
use rust_decimal_macros::dec;

use super::Ids;
use crate::model::glossary::{FieldHelp, Setting};
use crate::model::{
    Bonus, ChargeCap, ChargeScope, CommitmentBasis, CommitmentPeriod, CreditRegime, Field,
    Indexation, IndexationMethod, Limit, MinimumCommitment, Precision, ProductivityCombination,
    Rate, RoundingRule, TerminationTrigger,
};
use crate::ui::widgets::{
    FieldLabel, checkbox, choice, count_edit, decimal_edit, decimal_edit_unit, id_choice, label,
    optional_decimal, text_edit,
};

const PERIODS: [(CommitmentPeriod, &str); 2] = [
    (CommitmentPeriod::Monthly, "Monthly"),
    (CommitmentPeriod::Annual, "Per contract year"),
];

/// The editor of a minimum commitment.
pub fn minimum(ui: &mut Ui, m: &mut MinimumCommitment, ids: &Ids, charge_ids: &[String]) {
    text_edit(ui, ("Name", Field::Name), &mut m.name);
    text_edit(ui, ("Id", Field::Id), &mut m.id);
    choice(
        ui,
        ("Period", Setting::CommitmentPeriod),
        &mut m.period,
        &PERIODS,
    );
    let mut spend = matches!(m.basis, CommitmentBasis::Spend { .. });
    let before = spend;
    choice(
        ui,
        ("Committed", Setting::CommitmentBasis),
        &mut spend,
        &[(true, "A spend"), (false, "A volume")],
    );
    if spend != before {
        m.basis = if spend {
            CommitmentBasis::Spend {
                amount: dec!(100000),
                applies_to: ChargeScope::AllCharges,
            }
        } else {
            CommitmentBasis::Volume {
                volume: ids.volumes.first().cloned().unwrap_or_default(),
                units: dec!(10000),
                rate: dec!(1),
            }
        };
    }
    match &mut m.basis {
        CommitmentBasis::Spend { amount, applies_to } => {
            decimal_edit(ui, ("Committed spend", Field::CommitmentAmount), amount);
            scope(
                ui,
                ("Counted charges", Field::AppliesTo),
                applies_to,
                charge_ids,
            );
        }
        CommitmentBasis::Volume {
            volume,
            units,
            rate,
        } => {
            id_choice(ui, ("Volume", Field::Volume), volume, &ids.volumes);
            decimal_edit(ui, ("Committed units", Field::CommitmentUnits), units);
            decimal_edit(ui, ("Price per unit short", Field::ShortfallRate), rate);
        }
    }
    let shortfall = ("Shortfall billed %", Field::ShortfallPct);
    decimal_edit(ui, shortfall, &mut m.shortfall_pct);
}

/// The editor of indexation.
pub fn indexation(ui: &mut Ui, x: &mut Indexation, ids: &Ids, charge_ids: &[String]) {
    id_choice(ui, ("Index", Field::Index), &mut x.index, &ids.indices);
    count_edit(
        ui,
        ("Lag (months)", Field::LagMonths),
        &mut x.lag_months,
        0..=24,
    );
    let share = ("Indexed share %", Field::IndexedSharePct);
    decimal_edit(ui, share, &mut x.indexed_share_pct);
    optional_decimal(ui, ("Floor %", Field::FloorPct), &mut x.floor_pct, dec!(0));
    optional_decimal(ui, ("Cap %", Field::CapPct), &mut x.cap_pct, dec!(4));
    let productivity = ("Productivity reduction %", Field::ProductivityPct);
    decimal_edit(ui, productivity, &mut x.productivity_pct);
    choice(
        ui,
        ("Combined", Setting::ProductivityCombination),
        &mut x.productivity,
        &[
            (ProductivityCombination::Compounded, "Compounded"),
            (ProductivityCombination::Additive, "Additive"),
        ],
    );
    let indexed = ("Indexed charges", Field::AppliesTo);
    scope(ui, indexed, &mut x.applies_to, charge_ids);
    let mut rerate = matches!(x.method, IndexationMethod::ReRate { .. });
    choice(
        ui,
        ("Applied as", Setting::IndexationMethod),
        &mut rerate,
        &[
            (false, "An indexation line on the charges"),
            (true, "Re-rated prices"),
        ],
    );
    match (rerate, &mut x.method) {
        (false, method) => *method = IndexationMethod::Line,
        (true, IndexationMethod::ReRate { precision }) => {
            let decimals = ("Price decimals", Field::RatePrecision);
            count_edit(ui, decimals, &mut precision.decimals, 0..=10);
            choice(
                ui,
                ("Halfway rounds", Setting::RoundingRule),
                &mut precision.rule,
                &[
                    (RoundingRule::HalfAwayFromZero, "Half up (away from zero)"),
                    (RoundingRule::HalfEven, "Half to even"),
                ],
            );
        }
        (true, method) => {
            *method = IndexationMethod::ReRate {
                precision: Precision {
                    decimals: 4,
                    rule: RoundingRule::HalfAwayFromZero,
                },
            }
        }
    }
}

/// The editor of a charge cap.
pub fn charge_cap(ui: &mut Ui, c: &mut ChargeCap, charge_ids: &[String]) {
    text_edit(ui, ("Name", Field::Name), &mut c.name);
    text_edit(ui, ("Id", Field::Id), &mut c.id);
    choice(
        ui,
        ("Period", Setting::CommitmentPeriod),
        &mut c.period,
        &PERIODS,
    );
    decimal_edit(ui, ("Limit", Field::Limit), &mut c.limit);
    let capped = ("Capped charges", Field::AppliesTo);
    scope(ui, capped, &mut c.applies_to, charge_ids);
}

/// The editor of the credit regime.
pub fn credit_regime(ui: &mut Ui, r: &mut CreditRegime, charge_ids: &[String]) {
    optional_decimal(
        ui,
        ("At-risk pool % of charges", Field::AtRiskPct),
        &mut r.at_risk_pct,
        dec!(12),
    );
    scope(
        ui,
        ("Credit base", Field::CreditBase),
        &mut r.base,
        charge_ids,
    );
    let mut points = r.points_rate.is_some();
    let worth = ("Service points are worth", Field::PointsRate);
    if checkbox(ui, worth, &mut points).changed() {
        r.points_rate = points.then_some(Rate::PctOfBase(dec!(0.5)));
    }
    if let Some(rate_value) = r.points_rate.as_mut() {
        rate(ui, ("Per point", Field::PointsRate), rate_value);
    }
    limit(ui, ("Monthly cap", Field::MonthlyCap), &mut r.monthly_cap);
    limit(ui, ("Annual cap", Field::AnnualCap), &mut r.annual_cap);
    limit(ui, ("Term cap", Field::TermCap), &mut r.term_cap);
    let bonus_cap = ("Aggregate bonus cap per year", Field::BonusCap);
    limit(ui, bonus_cap, &mut r.bonus_cap);
    ui.weak("All bonuses together, on top of each bonus's own cap; paid in the offer's order.");
    let minimum = ("Minimum credit issued", Field::MinimumCredit);
    optional_decimal(ui, minimum, &mut r.minimum_credit, dec!(1));
}

/// The editor of a bonus.
pub fn bonus(ui: &mut Ui, b: &mut Bonus, sl_ids: &[String], charge_ids: &[String]) {
    text_edit(ui, ("Name", Field::Name), &mut b.name);
    text_edit(ui, ("Id", Field::Id), &mut b.id);
    let watched = ("Service level", Field::ServiceLevel);
    id_choice(ui, watched, &mut b.service_level, sl_ids);
    decimal_edit(
        ui,
        ("Threshold to beat", Field::Threshold),
        &mut b.threshold,
    );
    rate(ui, ("Bonus per month", Field::BonusAmount), &mut b.amount);
    scope(
        ui,
        ("Bonus base", Field::CreditBase),
        &mut b.base,
        charge_ids,
    );
    label(
        ui,
        ("No bonus in a month where these missed:", Field::GatedBy(0)),
    );
    ui.horizontal_wrapped(|ui| {
        for id in sl_ids {
            let mut on = b.gated_by.contains(id);
            if ui.checkbox(&mut on, id).changed() {
                if on {
                    b.gated_by.push(id.clone());
                } else {
                    b.gated_by.retain(|g| g != id);
                }
            }
        }
    });
    limit(ui, ("Annual cap", Field::AnnualCap), &mut b.annual_cap);
}

/// The editor of a trigger: a termination right, or a step of the escalation ladder.
pub fn trigger(ui: &mut Ui, t: &mut TerminationTrigger, sl_ids: &[String]) {
    let kind = |t: &TerminationTrigger| match t {
        TerminationTrigger::ConsecutiveMinimumMisses { .. } => 0,
        TerminationTrigger::CapReached { .. } => 1,
        TerminationTrigger::Escalation { .. } => 2,
    };
    let mut chosen = kind(t);
    choice(
        ui,
        ("Fires when", Setting::TriggerKind),
        &mut chosen,
        &[
            (0, "A service level misses its minimum months running"),
            (1, "Credits reach the cap often"),
            (2, "Escalation: misses in a rolling window"),
        ],
    );
    if chosen != kind(t) {
        let service_level = sl_ids.first().cloned().unwrap_or_default();
        *t = match chosen {
            0 => TerminationTrigger::ConsecutiveMinimumMisses {
                service_level,
                months: 3,
            },
            1 => TerminationTrigger::CapReached {
                times: 3,
                window_months: 12,
            },
            _ => TerminationTrigger::Escalation {
                service_level,
                misses: 2,
                window_months: 3,
                minimum_only: false,
                to: "service manager".into(),
            },
        };
    }
    match t {
        TerminationTrigger::ConsecutiveMinimumMisses {
            service_level,
            months,
        } => {
            id_choice(
                ui,
                ("Service level", Field::ServiceLevel),
                service_level,
                sl_ids,
            );
            count_edit(ui, ("Months running", Field::TriggerMonths), months, 1..=24);
        }
        TerminationTrigger::CapReached {
            times,
            window_months,
        } => {
            let times_label = ("Times the cap is reached", Field::TriggerTimes);
            count_edit(ui, times_label, times, 1..=24);
            let window = ("In rolling months", Field::TriggerWindowMonths);
            count_edit(ui, window, window_months, 1..=36);
        }
        TerminationTrigger::Escalation {
            service_level,
            misses,
            window_months,
            minimum_only,
            to,
        } => {
            id_choice(
                ui,
                ("Service level", Field::ServiceLevel),
                service_level,
                sl_ids,
            );
            count_edit(ui, ("Misses", Field::TriggerTimes), misses, 1..=36);
            let window = ("In rolling months", Field::TriggerWindowMonths);
            count_edit(ui, window, window_months, 1..=36);
            let only = ("Only minimum misses count", Setting::MinimumOnly);
            checkbox(ui, only, minimum_only);
            text_edit(ui, ("Escalated to", Setting::EscalatedTo), to);
            ui.weak("Flagged as an escalation with its month, like a termination trigger; no money moves.");
        }
    }
}

/// Which charges a rule reads: all, or chosen components.
pub fn scope<'a>(
    ui: &mut Ui,
    label: impl Into<FieldLabel<'a>>,
    scope: &mut ChargeScope,
    charge_ids: &[String],
) {
    let mut all = matches!(scope, ChargeScope::AllCharges);
    let before = all;
    choice(
        ui,
        label,
        &mut all,
        &[(true, "All charges"), (false, "Chosen charges")],
    );
    if all != before {
        *scope = if all {
            ChargeScope::AllCharges
        } else {
            ChargeScope::Components(charge_ids.to_vec())
        };
    }
    if let ChargeScope::Components(ids) = scope {
        ui.horizontal_wrapped(|ui| {
            for id in charge_ids {
                let mut on = ids.contains(id);
                if ui.checkbox(&mut on, id).changed() {
                    if on {
                        ids.push(id.clone());
                    } else {
                        ids.retain(|i| i != id);
                    }
                }
            }
        });
    }
}

/// An optional limit: none, an amount, or a % of charges; `help` explains it.
pub fn limit(ui: &mut Ui, (label, help): (&str, impl Into<FieldHelp>), limit: &mut Option<Limit>) {
    let help: FieldHelp = help.into();
    let mut kind = match limit {
        None => 0,
        Some(Limit::Amount(_)) => 1,
        Some(Limit::PctOfCharges(_)) => 2,
    };
    let before = kind;
    choice(
        ui,
        (label, help),
        &mut kind,
        &[(0, "None"), (1, "An amount"), (2, "% of charges")],
    );
    if kind != before {
        *limit = match kind {
            1 => Some(Limit::Amount(dec!(10000))),
            2 => Some(Limit::PctOfCharges(dec!(12))),
            _ => None,
        };
    }
    match limit {
        Some(Limit::Amount(a)) => {
            decimal_edit_unit(ui, (format!("{label} amount"), help), a, "money");
        }
        Some(Limit::PctOfCharges(p)) => {
            decimal_edit_unit(ui, (format!("{label} %"), help), p, "% of charges");
        }
        None => {}
    }
}

/// A rate: an amount or a % of the base; `help` explains it.
pub fn rate(ui: &mut Ui, (label, help): (&str, impl Into<FieldHelp>), rate: &mut Rate) {
    let help: FieldHelp = help.into();
    let mut pct = matches!(rate, Rate::PctOfBase(_));
    let before = pct;
    choice(
        ui,
        (label, help),
        &mut pct,
        &[(false, "An amount"), (true, "% of the base")],
    );
    if pct != before {
        *rate = if pct {
            Rate::PctOfBase(dec!(1))
        } else {
            Rate::Amount(dec!(1000))
        };
    }
    match rate {
        Rate::Amount(a) => {
            decimal_edit_unit(ui, (format!("{label} amount"), help), a, "money");
        }
        Rate::PctOfBase(p) => {
            decimal_edit_unit(ui, (format!("{label} %"), help), p, "% of the base");
        }
    }
}
