//! Dealbench: model and negotiate service contracts.

pub mod engine;
pub mod io;
pub mod model;
#[cfg(feature = "gui")]
pub mod ui;
