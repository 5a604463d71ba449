//! Dealbench: model and negotiate service contracts.

pub mod model;
