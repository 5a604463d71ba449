//! The Risk view: what each offer will likely cost over the term and how sure that is, from the
//! simulation (`engine::risk`) run in the background.

pub mod charts;
pub mod runner;
pub mod view;

pub use runner::{OfferRisk, RiskRunner, RunState};
pub use view::{RiskViewState, show};
