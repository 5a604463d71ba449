//! How the risk simulation of an offer is run: how many trials, from which seed, with blocks of
//! how many historical months. Saved with the project so that every figure can be reproduced.

use serde::{Deserialize, Serialize};

/// The settings of the risk simulation (see [`crate::engine::risk`]): saved in the project, so
/// that a client or an auditor rerunning the file gets the same figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RiskSettings {
    /// How many futures of the term are simulated.
    pub trials: u32,
    /// Where the SplitMix64 draw stream starts: the same seed gives the same draws.
    pub seed: u64,
    /// How many consecutive historical months each draw carries (1: the plain month bootstrap;
    /// more keeps runs of bad months together).
    pub block_months: u32,
}

impl RiskSettings {
    /// The trial count used unless the project or the command line says otherwise.
    pub const DEFAULT_TRIALS: u32 = 10_000;

    /// Whether these are the default settings, which a project file does not write: a file
    /// that never set them is saved unchanged.
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

impl Default for RiskSettings {
    fn default() -> Self {
        Self {
            trials: Self::DEFAULT_TRIALS,
            seed: 0,
            block_months: 1,
        }
    }
}
