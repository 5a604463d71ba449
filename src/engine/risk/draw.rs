//! The draw stream: SplitMix64 (Steele, Lea and Flood 2014), exactly as Vigna's reference
//! `splitmix64.c`, so that a client, an auditor or a spreadsheet can reproduce every draw.
//!
//! All arithmetic is modulo 2^64. The state starts at the seed; each draw adds
//! γ = 0x9E3779B97F4A7C15 to it and mixes the result:
//!
//! ```text
//! x += 0x9E3779B97F4A7C15
//! z = x
//! z = (z ^ (z >> 30)) × 0xBF58476D1CE4E5B9
//! z = (z ^ (z >> 27)) × 0x94D049BB133111EB
//! output z ^ (z >> 31)
//! ```
//!
//! Draw k (0-based) is therefore `mix(seed + (k + 1) × γ)`: any draw can be computed without the
//! ones before it ([`SplitMix64::at`]), which is what lets trials run on any number of threads
//! and still give the same results.

/// The golden-ratio increment of SplitMix64.
const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// A SplitMix64 stream: the state advanced by one draw at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A stream whose state starts at `seed` (the run's seed).
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// A stream positioned so that its next output is draw `k` of the stream started at `seed`.
    pub fn at(seed: u64, k: u64) -> Self {
        Self {
            state: seed.wrapping_add(k.wrapping_mul(GAMMA)),
        }
    }

    /// The next draw.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GAMMA);
        mix(self.state)
    }

    /// Draw `k` of the stream started at `seed`, without the ones before it.
    pub fn draw(seed: u64, k: u64) -> u64 {
        Self::at(seed, k).next_u64()
    }
}

/// The output function of SplitMix64 (a variant of the MurmurHash3 finaliser).
fn mix(x: u64) -> u64 {
    let mut z = x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
