//! Files in and out of the core: the project file (RON, versioned, atomic save), KPI history
//! import and export, ledger and comparison exports.

pub mod atomic;
pub mod csv_safe;
pub mod export;
pub mod kpi_import;
pub mod project;
pub mod report;
pub mod workbook;
