//! Pricing a proposal: the fixed fee or unit rate at which an offer reaches a target margin
//! over the term, after delivery cost and a risk premium.
//!
//! With cost C over the term, a premium R (credits expected beyond the replay's, which the
//! ledger's net already takes off) and a target margin m %, the offer must bill
//! net ≥ C ÷ (1 − m/100) + R, so that (net − R − C) ÷ (net − R) ≥ m/100. The net is linear in
//! a fixed fee (each month bills it once) unless a cap, a minimum or a percentage credit bends
//! it, and every ledger line is rounded to the cent. So the price is solved on the grid of the
//! price's smallest step: a linear first guess from two evaluations, then checked by
//! evaluating it and the step below; if the net was not linear there, the step is found by
//! bracketing and bisection. The answer is the smallest price on the grid that reaches the
//! target.

use rust_decimal::Decimal;

use super::{CostError, checked_model, delivery, margin_pct};
use crate::model::{Component, Field, Pricing, Project, Scenario, TermPath, terms};

/// The price that is solved for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PriceLever {
    /// A fixed fee's monthly amount, by charge id.
    FixedFee(String),
    /// One class's unit rate of a unit-rate charge: the charge id and the class's position.
    UnitRate(String, usize),
}

impl PriceLever {
    /// The lever of charge `id` of `scenario`: its monthly amount, or its first class's rate.
    /// `None` for a charge that is neither (tiers and adjustments are not solved for).
    pub fn of_charge(scenario: &Scenario, id: &str) -> Option<Self> {
        match &scenario.charge(id)?.pricing {
            Pricing::Fixed { .. } => Some(PriceLever::FixedFee(id.to_owned())),
            Pricing::UnitRates { rates } if !rates.is_empty() => {
                Some(PriceLever::UnitRate(id.to_owned(), 0))
            }
            _ => None,
        }
    }

    /// The offer's first fixed fee, else its first unit rate.
    pub fn first(scenario: &Scenario) -> Option<Self> {
        let fixed = scenario
            .charges
            .iter()
            .find(|c| matches!(c.pricing, Pricing::Fixed { .. }));
        fixed
            .or_else(|| {
                scenario
                    .charges
                    .iter()
                    .find(|c| Self::of_charge(scenario, &c.id).is_some())
            })
            .and_then(|c| Self::of_charge(scenario, &c.id))
    }

    /// The term's address.
    pub fn path(&self) -> TermPath {
        match self {
            PriceLever::FixedFee(id) => Component::Charge(id.clone()).field(Field::Monthly),
            PriceLever::UnitRate(id, class) => {
                Component::Charge(id.clone()).field(Field::UnitRate(*class))
            }
        }
    }

    /// The price's smallest step: a cent of the currency for a fee, a hundredth of a cent for
    /// a unit rate (rates are quoted to 4 decimals).
    fn step(&self, decimals: u32) -> Decimal {
        let places = match self {
            PriceLever::FixedFee(_) => decimals,
            PriceLever::UnitRate(..) => decimals + 2,
        };
        Decimal::new(1, places)
    }

    /// Words for the note: `fixed fee "management_fee"`.
    pub fn label(&self) -> String {
        match self {
            PriceLever::FixedFee(id) => format!("fixed fee \"{id}\" (monthly)"),
            PriceLever::UnitRate(id, class) => format!("unit rate {} of \"{id}\"", class + 1),
        }
    }
}

/// Why an offer cannot be priced.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PriceError {
    /// The cost cannot be computed.
    #[error(transparent)]
    Cost(#[from] CostError),
    /// The margin asked for is not below 100 %.
    #[error("a margin of {0} % cannot be reached; give a margin below 100 %")]
    Margin(Decimal),
    /// The lever is not a term of the offer.
    #[error("{0}; name a fixed fee or a unit-rate charge of the offer")]
    Lever(String),
    /// No price on the grid reaches the target: the net stops rising (a cap binds) or the
    /// price would pass the largest amount.
    #[error("no {lever} reaches a {margin_pct} % margin: {reason}")]
    Unreachable {
        /// The lever, in words.
        lever: String,
        /// The target.
        margin_pct: Decimal,
        /// Why.
        reason: String,
    },
}

/// An offer priced: the copy and how it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Priced {
    /// The offer with the new price and a note saying how it was priced; same name as the
    /// original (the caller gives it a unique one).
    pub scenario: Scenario,
    /// The price before and after.
    pub before: Decimal,
    /// The price found.
    pub after: Decimal,
    /// Delivery cost over the term.
    pub cost: Decimal,
    /// The risk premium taken off the net.
    pub premium: Decimal,
    /// The net the priced offer bills over the term (replay).
    pub net: Decimal,
    /// Net − premium − cost.
    pub margin: Decimal,
    /// Margin as a percentage of (net − premium), to 2 decimals.
    pub margin_pct: Option<Decimal>,
    /// Whether the linear guess was the answer (no cap or minimum bent the net there).
    pub linear: bool,
    /// How many times the offer was billed to find the price.
    pub evaluations: u32,
}

/// The smallest price of `lever` on its grid at which `scenario` reaches `margin_pct` over
/// the term, with `premium` (extra expected credits; 0 for the replay's) taken off the net.
pub fn price(
    project: &Project,
    scenario: &Scenario,
    lever: &PriceLever,
    margin_pct_target: Decimal,
    premium: Decimal,
) -> Result<Priced, PriceError> {
    if margin_pct_target >= Decimal::ONE_HUNDRED {
        return Err(PriceError::Margin(margin_pct_target));
    }
    let model = checked_model(project, scenario)?;
    let cost: Decimal = delivery(project, model, model.answer_for(scenario))?
        .iter()
        .map(|d| d.cost)
        .sum();
    let keep = (Decimal::ONE_HUNDRED - margin_pct_target) / Decimal::ONE_HUNDRED;
    let required = cost / keep + premium;
    let path = lever.path();
    let before = terms::value(project, scenario, &path).ok_or_else(|| {
        PriceError::Lever(format!("{} is not a term of the offer", lever.label()))
    })?;
    let mut solver = Solver {
        project,
        scenario,
        path: &path,
        step: lever.step(project.rounding.decimals),
        required,
        evaluations: 0,
    };
    let unreachable = |reason: &str| PriceError::Unreachable {
        lever: lever.label(),
        margin_pct: margin_pct_target,
        reason: reason.to_owned(),
    };
    let (k, linear) = solver.solve(before).map_err(unreachable)?;
    let after = Decimal::from(k) * solver.step;
    let mut copy = scenario.clone();
    terms::set_value(project, &mut copy, &path, after)
        .map_err(|e| PriceError::Lever(e.to_string()))?;
    let net = super::super::evaluate(project, &copy).totals.net;
    let margin = net - premium - cost;
    let note = format!(
        "Priced by Dealbench for a {margin_pct_target} % margin over the term: {} {before} → {after}; delivery cost {cost}, risk premium {premium}; {}.",
        lever.label(),
        if linear {
            "solved from the net's slope (linear here)"
        } else {
            "the net is not linear here (a cap, minimum or credit bends it): found by bisection"
        }
    );
    copy.notes = if copy.notes.is_empty() {
        note
    } else {
        format!("{}\n{note}", copy.notes)
    };
    Ok(Priced {
        scenario: copy,
        before,
        after,
        cost,
        premium,
        net,
        margin,
        margin_pct: margin_pct(margin, net - premium),
        linear,
        evaluations: solver.evaluations,
    })
}

/// The search on the grid: price = k × step, k ≥ 0.
struct Solver<'a> {
    project: &'a Project,
    scenario: &'a Scenario,
    path: &'a TermPath,
    step: Decimal,
    required: Decimal,
    evaluations: u32,
}

/// The most grid steps a bracket may grow to (2^62 steps): past it, the net never reaches.
const MAX_DOUBLINGS: u32 = 62;

impl Solver<'_> {
    /// The net over the term at price `value`.
    fn net(&mut self, value: Decimal) -> Result<Decimal, &'static str> {
        self.evaluations += 1;
        let mut copy = self.scenario.clone();
        terms::set_value(self.project, &mut copy, self.path, value)
            .map_err(|_| "the price cannot be set")?;
        Ok(super::super::evaluate(self.project, &copy).totals.net)
    }

    fn meets(&mut self, k: u64) -> Result<bool, &'static str> {
        let value = Decimal::from(k) * self.step;
        if value > crate::model::limits::MAX_AMOUNT {
            return Err("the price would pass the largest amount a term may hold");
        }
        Ok(self.net(value)? >= self.required)
    }

    /// The smallest k that meets, and whether the linear guess was it.
    fn solve(&mut self, before: Decimal) -> Result<(u64, bool), &'static str> {
        let k0 = u64::try_from((before / self.step).floor()).unwrap_or(0);
        let n0 = self.net(Decimal::from(k0) * self.step)?;
        let k1 = k0 + (k0 / 10).max(100);
        let n1 = self.net(Decimal::from(k1) * self.step)?;
        let slope = (n1 - n0) / Decimal::from(k1 - k0);
        if slope <= Decimal::ZERO {
            return Err("the net does not rise with the price (a charge cap binds)");
        }
        let guess = Decimal::from(k0) + ((self.required - n0) / slope).ceil();
        let guess =
            u64::try_from(guess.max(Decimal::ZERO)).map_err(|_| "the price is too large")?;
        let (mut low, mut high) = if self.meets(guess)? {
            if guess == 0 || !self.meets(guess - 1)? {
                return Ok((guess, true));
            }
            (self.bracket_down(guess - 1)?, guess - 1)
        } else {
            (guess, self.bracket_up(guess)?)
        };
        // `low` misses (or is the floor 0 that meets), `high` meets.
        if low == 0 && self.meets(0)? {
            return Ok((0, false));
        }
        while high - low > 1 {
            let mid = low + (high - low) / 2;
            if self.meets(mid)? {
                high = mid;
            } else {
                low = mid;
            }
        }
        Ok((high, false))
    }

    /// A k below `meeting` (which meets) that misses, or 0.
    fn bracket_down(&mut self, meeting: u64) -> Result<u64, &'static str> {
        let mut step = 1u64;
        for _ in 0..MAX_DOUBLINGS {
            let k = meeting.saturating_sub(step);
            if k == 0 || !self.meets(k)? {
                return Ok(k);
            }
            step *= 2;
        }
        Ok(0)
    }

    /// A k above `missing` (which misses) that meets.
    fn bracket_up(&mut self, missing: u64) -> Result<u64, &'static str> {
        let mut step = 1u64;
        for _ in 0..MAX_DOUBLINGS {
            let k = missing + step;
            if self.meets(k)? {
                return Ok(k);
            }
            step *= 2;
        }
        Err("the net never reaches the target (a cap binds)")
    }
}
