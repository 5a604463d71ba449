//! Editors of the other terms: minimum commitments, indexation, charge caps, the credit regime,
//! bonuses and triggers, and their shared parts (scopes, limits, rates).

use eframe::egui::Ui;
use rust_decimal_macros::dec;

use super::Ids;
use crate::model::{
    Bonus, ChargeCap, ChargeScope, CommitmentBasis, CommitmentPeriod, CreditRegime, Indexation,
    IndexationMethod, Limit, MinimumCommitment, Precision, ProductivityCombination, Rate,
    RoundingRule, TerminationTrigger,
};
use crate::ui::widgets::{
    choice, count_edit, decimal_edit, id_choice, optional_decimal, text_edit,
};

const PERIODS: [(CommitmentPeriod, &str); 2] = [
    (CommitmentPeriod::Monthly, "Monthly"),
    (CommitmentPeriod::Annual, "Per contract year"),
];

/// The editor of a minimum commitment.
pub fn minimum(ui: &mut Ui, m: &mut MinimumCommitment, ids: &Ids, charge_ids: &[String]) {
    text_edit(ui, "Name", &mut m.name);
    text_edit(ui, "Id", &mut m.id);
    choice(ui, "Period", &mut m.period, &PERIODS);
    let mut spend = matches!(m.basis, CommitmentBasis::Spend { .. });
    let before = spend;
    choice(
        ui,
        "Committed",
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
            decimal_edit(ui, "Committed spend", amount);
            scope(ui, "Counted charges", applies_to, charge_ids);
        }
        CommitmentBasis::Volume {
            volume,
            units,
            rate,
        } => {
            id_choice(ui, "Volume", volume, &ids.volumes);
            decimal_edit(ui, "Committed units", units);
            decimal_edit(ui, "Price per unit short", rate);
        }
    }
    decimal_edit(ui, "Shortfall billed %", &mut m.shortfall_pct);
}

/// The editor of indexation.
pub fn indexation(ui: &mut Ui, x: &mut Indexation, ids: &Ids, charge_ids: &[String]) {
    id_choice(ui, "Index", &mut x.index, &ids.indices);
    count_edit(ui, "Lag (months)", &mut x.lag_months, 0..=24);
    decimal_edit(ui, "Indexed share %", &mut x.indexed_share_pct);
    optional_decimal(ui, "Floor %", &mut x.floor_pct, dec!(0));
    optional_decimal(ui, "Cap %", &mut x.cap_pct, dec!(4));
    decimal_edit(ui, "Productivity reduction %", &mut x.productivity_pct);
    choice(
        ui,
        "Combined",
        &mut x.productivity,
        &[
            (ProductivityCombination::Compounded, "Compounded"),
            (ProductivityCombination::Additive, "Additive"),
        ],
    );
    scope(ui, "Indexed charges", &mut x.applies_to, charge_ids);
    let mut rerate = matches!(x.method, IndexationMethod::ReRate { .. });
    choice(
        ui,
        "Applied as",
        &mut rerate,
        &[
            (false, "An indexation line on the charges"),
            (true, "Re-rated prices"),
        ],
    )
    .on_hover_text(
        "An indexation line adds (factor − 1) × the month's indexed charges, as billed. \
         Re-rating moves the prices themselves at each anniversary (rate × factor, kept to a \
         stated precision) and bills the month on the new prices: the two differ by cents \
         every month.",
    );
    match (rerate, &mut x.method) {
        (false, method) => *method = IndexationMethod::Line,
        (true, IndexationMethod::ReRate { precision }) => {
            count_edit(ui, "Price decimals", &mut precision.decimals, 0..=10);
            choice(
                ui,
                "Halfway rounds",
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
    text_edit(ui, "Name", &mut c.name);
    text_edit(ui, "Id", &mut c.id);
    choice(ui, "Period", &mut c.period, &PERIODS);
    decimal_edit(ui, "Limit", &mut c.limit);
    scope(ui, "Capped charges", &mut c.applies_to, charge_ids);
}

/// The editor of the credit regime.
pub fn credit_regime(ui: &mut Ui, r: &mut CreditRegime, charge_ids: &[String]) {
    optional_decimal(
        ui,
        "At-risk pool % of charges",
        &mut r.at_risk_pct,
        dec!(12),
    );
    scope(ui, "Credit base", &mut r.base, charge_ids);
    let mut points = r.points_rate.is_some();
    if ui
        .checkbox(&mut points, "Service points are worth")
        .changed()
    {
        r.points_rate = points.then_some(Rate::PctOfBase(dec!(0.5)));
    }
    if let Some(rate_value) = r.points_rate.as_mut() {
        rate(ui, "Per point", rate_value);
    }
    limit(ui, "Monthly cap", &mut r.monthly_cap);
    limit(ui, "Annual cap", &mut r.annual_cap);
    limit(ui, "Term cap", &mut r.term_cap);
    limit(ui, "Aggregate bonus cap per year", &mut r.bonus_cap);
    ui.weak("All bonuses together, on top of each bonus's own cap; paid in the offer's order.");
    optional_decimal(ui, "Minimum credit issued", &mut r.minimum_credit, dec!(1)).on_hover_text(
        "A month's credits (after the caps) are issued only if greater than this amount \
             (cloud terms: \"only if the credit is greater than USD 1.00\"); at or below it \
             nothing is issued and the ledger says why.",
    );
}

/// The editor of a bonus.
pub fn bonus(ui: &mut Ui, b: &mut Bonus, sl_ids: &[String], charge_ids: &[String]) {
    text_edit(ui, "Name", &mut b.name);
    text_edit(ui, "Id", &mut b.id);
    id_choice(ui, "Service level", &mut b.service_level, sl_ids);
    decimal_edit(ui, "Threshold to beat", &mut b.threshold);
    rate(ui, "Bonus per month", &mut b.amount);
    scope(ui, "Bonus base", &mut b.base, charge_ids);
    ui.label("No bonus in a month where these missed:");
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
    limit(ui, "Annual cap", &mut b.annual_cap);
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
        "Fires when",
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
            id_choice(ui, "Service level", service_level, sl_ids);
            count_edit(ui, "Months running", months, 1..=24);
        }
        TerminationTrigger::CapReached {
            times,
            window_months,
        } => {
            count_edit(ui, "Times the cap is reached", times, 1..=24);
            count_edit(ui, "In rolling months", window_months, 1..=36);
        }
        TerminationTrigger::Escalation {
            service_level,
            misses,
            window_months,
            minimum_only,
            to,
        } => {
            id_choice(ui, "Service level", service_level, sl_ids);
            count_edit(ui, "Misses", misses, 1..=36);
            count_edit(ui, "In rolling months", window_months, 1..=36);
            ui.checkbox(minimum_only, "Only minimum misses count");
            text_edit(ui, "Escalated to", to);
            ui.weak("Flagged as an escalation with its month, like a termination trigger; no money moves.");
        }
    }
}

/// Which charges a rule reads: all, or chosen components.
pub fn scope(ui: &mut Ui, label: &str, scope: &mut ChargeScope, charge_ids: &[String]) {
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

/// An optional limit: none, an amount, or a % of charges.
pub fn limit(ui: &mut Ui, label: &str, limit: &mut Option<Limit>) {
    let mut kind = match limit {
        None => 0,
        Some(Limit::Amount(_)) => 1,
        Some(Limit::PctOfCharges(_)) => 2,
    };
    let before = kind;
    choice(
        ui,
        label,
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
            decimal_edit(ui, &format!("{label} amount"), a);
        }
        Some(Limit::PctOfCharges(p)) => {
            decimal_edit(ui, &format!("{label} %"), p);
        }
        None => {}
    }
}

/// A rate: an amount or a % of the base.
pub fn rate(ui: &mut Ui, label: &str, rate: &mut Rate) {
    let mut pct = matches!(rate, Rate::PctOfBase(_));
    let before = pct;
    choice(
        ui,
        label,
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
            decimal_edit(ui, &format!("{label} amount"), a);
        }
        Rate::PctOfBase(p) => {
            decimal_edit(ui, &format!("{label} %"), p);
        }
    }
}
