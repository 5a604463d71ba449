//! Hand-computed tests of the engine, one module per contract term (the same cut as
//! `src/engine`), in one test binary so that it links once. Each test states the contract
//! meaning and carries the hand arithmetic of the money it asserts.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

#[path = "../common/mod.rs"]
mod common;

mod at_risk;
mod base_charges;
mod bonuses;
mod charge_caps;
mod compare;
mod credit_caps;
mod credit_rules;
mod diff;
mod earn_back;
mod hardening;
mod improvement;
mod indexation;
mod measurement;
mod minimums;
mod projection;
mod properties;
mod resource_adjustment;
mod rounding;
mod terms;
mod tiers;
mod triggers;
