//! The project as data: the agreement, its fee components and service levels, KPI history,
//! volumes and index series. Everything here is plain serde data; the engine computes from it.

pub mod period;

pub use period::{ParseMonthError, YearMonth};
