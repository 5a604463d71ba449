//! Charge caps: a ceiling on the charges in a scope, per month or per contract year
//! (design §2.2).
//!
//! Reading: a cap reads the rounded charge and adjustment lines in its scope after indexation
//! (minimums included); an annual cap counts what it has let through since the anniversary
//! and cuts the excess in the month that crosses it; charges exactly at the limit reach the
//! cap without binding it. The cut is a negative adjustment line.

use rust_decimal::Decimal;

use super::charges::scoped_sum;
use super::{Flag, FlagKind, Line, Rounder, Stage, TermMonth};
use crate::format::format_money as money;
use crate::model::{ChargeCap, CommitmentPeriod, Component};

/// What each annual charge cap has let through so far this contract year.
pub(crate) struct ChargeCapUsage {
    billed: Vec<Decimal>,
}

impl ChargeCapUsage {
    /// No charges yet under any of `count` caps.
    pub(crate) fn new(count: usize) -> Self {
        Self {
            billed: vec![Decimal::ZERO; count],
        }
    }

    /// Applies every cap of `caps` to month `at`'s `lines`: a line for each excess, a flag for
    /// each cap reached or binding.
    pub(crate) fn apply(
        &mut self,
        caps: &[ChargeCap],
        lines: &mut Vec<Line>,
        flags: &mut Vec<Flag>,
        at: &TermMonth,
        rounder: &Rounder,
    ) {
        if at.opens_year() {
            self.billed.iter_mut().for_each(|b| *b = Decimal::ZERO);
        }
        for (cap, billed) in caps.iter().zip(&mut self.billed) {
            let counted = scoped_sum(lines, &cap.applies_to);
            let (before, period) = match cap.period {
                CommitmentPeriod::Monthly => (Decimal::ZERO, "month".to_owned()),
                CommitmentPeriod::Annual => {
                    (*billed, format!("contract year {}", at.contract_year))
                }
            };
            let total = before + counted;
            let excess = (total - cap.limit).min(counted).max(Decimal::ZERO);
            *billed = total - excess;
            if total >= cap.limit {
                flags.push(cap_flag(cap, total, excess, &period, at, rounder));
            }
            if excess > Decimal::ZERO {
                let explanation = format!(
                    "{}: charges of {} in the {period} exceed the {} limit by {}",
                    cap.name,
                    money(total, rounder.decimals),
                    money(cap.limit, rounder.decimals),
                    money(excess, rounder.decimals)
                );
                lines.push(rounder.line(
                    Stage::ChargeCap,
                    Component::ChargeCap(cap.id.clone()),
                    &cap.id,
                    -excess,
                    explanation,
                ));
            }
        }
    }
}

/// The flag of a charge cap reached (`excess` zero) or binding.
fn cap_flag(
    cap: &ChargeCap,
    total: Decimal,
    excess: Decimal,
    period: &str,
    at: &TermMonth,
    rounder: &Rounder,
) -> Flag {
    let (kind, verb) = if excess > Decimal::ZERO {
        (FlagKind::CapBinding, "binding")
    } else {
        (FlagKind::CapReached, "reached")
    };
    Flag {
        period: at.month,
        kind,
        component: cap.id.clone(),
        term: Some(Component::ChargeCap(cap.id.clone())),
        message: format!(
            "{} {verb}: charges {} against the {} limit for the {period}",
            cap.name,
            money(total, rounder.decimals),
            money(cap.limit, rounder.decimals)
        ),
    }
}
