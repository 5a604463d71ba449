//! Files in and out of the core: the project file (RON, versioned, atomic save), KPI history
//! import and export.

pub mod kpi_import;
pub mod project;
