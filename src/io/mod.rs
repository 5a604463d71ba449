//! Files in and out of the core: KPI history import and export.

pub mod kpi_import;
