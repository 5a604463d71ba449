//! Dealbench: model and negotiate service contracts.

pub mod engine;
pub mod format;
pub mod io;
pub mod model;
