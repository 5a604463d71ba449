//! Files: the project file (RON, versioned, atomic save), KPI import and exports.

pub mod export;
pub mod project;
