//! Indexation by re-rating: at each contract anniversary the prices of the indexed charges
//! become last year's price × the year's factor, kept to the clause's stated precision, and the
//! months are billed on the new prices (design §2.2).
//!
//! Reading: every price of an indexed charge moves — a fixed fee, each unit rate, each band's
//! rate and flat fee, ARC and RRC rates (band edges and baselines are volumes, not prices);
//! several re-rating clauses on one charge add their changes (a labour share at 70 % of one
//! index and a non-labour share at 30 % of another: × (1 + 0.7 a + 0.3 b)), kept to the first
//! clause's precision; a year whose index is missing re-rates by 1, which still keeps the price
//! to the stated precision; a charge no re-rating clause covers keeps its prices.

use rust_decimal::Decimal;

use super::charges::in_scope;
use super::indexation::YearFactor;
use crate::format::format_number as number;
use crate::model::{Charge, Indexation, IndexationMethod, Precision, Pricing, Scenario};

/// The offer's charges as priced in one contract year, each with what re-rating made of it.
pub(crate) struct PricedCharge {
    /// The charge with the year's prices.
    pub charge: Charge,
    /// How its prices came to be, to be said on its lines; `None` while never re-rated.
    pub note: Option<String>,
}

/// The offer's charges priced for each contract year, when a clause re-rates; `None` when none
/// does (the charges are billed as written). `factors` are each clause's year factors.
pub(crate) fn prices_by_year(
    scenario: &Scenario,
    factors: &[Vec<YearFactor>],
) -> Option<Vec<Vec<PricedCharge>>> {
    let rerating = |ix: &Indexation| matches!(ix.method, IndexationMethod::ReRate { .. });
    if !scenario.indexation.iter().any(rerating) {
        return None;
    }
    let years = factors.first().map_or(1, Vec::len);
    let mut out: Vec<Vec<PricedCharge>> = vec![
        (scenario.charges.iter())
            .map(|c| PricedCharge {
                charge: c.clone(),
                note: None,
            })
            .collect(),
    ];
    for year in 1..years {
        let last = &out[year - 1];
        let priced = (scenario.charges.iter().zip(last))
            .map(|(charge, before)| rerated(scenario, factors, year, charge, before))
            .collect();
        out.push(priced);
    }
    Some(out)
}

/// `charge` priced for contract year `year + 1` from its price the year `before`.
fn rerated(
    scenario: &Scenario,
    factors: &[Vec<YearFactor>],
    year: usize,
    charge: &Charge,
    before: &PricedCharge,
) -> PricedCharge {
    let mut change = Decimal::ZERO;
    let mut precision: Option<Precision> = None;
    for (ix, f) in scenario.indexation.iter().zip(factors) {
        let IndexationMethod::ReRate { precision: p } = ix.method else {
            continue;
        };
        if !in_scope(&ix.applies_to, &charge.id) {
            continue;
        }
        change += f[year].year - Decimal::ONE;
        precision.get_or_insert(p);
    }
    let Some(precision) = precision else {
        return PricedCharge {
            charge: before.charge.clone(),
            note: before.note.clone(),
        };
    };
    let multiplier = Decimal::ONE + change;
    let mut charge = before.charge.clone();
    // Saturates: an offer whose factors pass any bound is refused before billing.
    let price = |p: &mut Decimal| {
        *p = precision.round(p.checked_mul(multiplier).unwrap_or(Decimal::MAX));
    };
    match &mut charge.pricing {
        Pricing::Fixed { monthly } => price(monthly),
        Pricing::UnitRates { rates } => rates.iter_mut().for_each(|r| price(&mut r.rate)),
        Pricing::Tiered { bands, .. } => bands.iter_mut().for_each(|b| {
            price(&mut b.rate);
            price(&mut b.flat_fee);
        }),
        Pricing::ResourceAdjustment(adj) => {
            price(&mut adj.arc_rate);
            price(&mut adj.rrc_rate);
        }
    }
    PricedCharge {
        charge,
        note: Some(format!(
            "prices re-rated by indexation for contract year {}: last year's × {}, kept to {}",
            year + 1,
            number(multiplier.round_dp(6)),
            precision.words()
        )),
    }
}
