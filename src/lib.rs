//! Dealbench: model and negotiate service contracts.

pub mod io;
pub mod model;
