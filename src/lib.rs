//! Dealbench: model and negotiate service contracts.
//!
//! A project ([`model::Project`]) holds an agreement's context (parties, term, KPI history,
//! volumes, indices) and its offers ([`model::Scenario`]). The [`engine`] bills an offer month
//! by month into a [`engine::Ledger`]; [`io::project`] reads and writes the project file; the
//! [`cli`] and the desktop app are shells over the same core.
//!
//! ```
//! use dealbench::{engine, io::project};
//!
//! let project = project::default_project();
//! let ledger = engine::evaluate(&project, &project.scenarios[0]);
//! println!("{} months, net {}", ledger.months.len(), ledger.totals.net);
//! ```

pub mod cli;
pub mod engine;
pub mod format;
pub mod io;
pub mod model;
#[cfg(feature = "gui")]
pub mod ui;
