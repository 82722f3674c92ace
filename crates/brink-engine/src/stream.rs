//! Random numbers. Every draw of a run is a pure function of (seed, run index, purpose, slot),
//! where the slot names the decision point (turn, actor, index). So runs can be computed in any
//! order, on any number of threads, with bit-identical results; and two policies compared on
//! the same seed see the same draw at the same decision point even after their paths diverge
//! (common random numbers that stay aligned).
//!
//! Generator: Xoshiro256++ (Blackman & Vigna 2021; `rand::rngs::Xoshiro256PlusPlus`), seeded
//! per slot by `seed_from_u64(key)` (SplitMix64 expansion), with
//! key = mix(mix(mix(seed ⊕ K) ⊕ run) ⊕ (purpose·2⁵⁶ + slot)) and `mix` the SplitMix64
//! finalizer (Steele, Lea & Flood 2014; Stafford's variant 13). A slot costs a few
//! nanoseconds, which is why a block cipher (ChaCha: ~100 ns to reposition) is not used here.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

/// The generator's description, for manifests.
pub const GENERATOR: &str =
    "Xoshiro256++ (rand 0.10) per draw slot, seed_from_u64(key), key = splitmix64-mix of (seed, run, purpose, slot)";

/// What a draw is for; each purpose has its own slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Purpose {
    /// Red-line draws and event probabilities.
    Setup = 0,
    /// Decision-rule draws (logit noise, random walks).
    Decision = 1,
    /// Accident draws (whether, and how far).
    Accident = 2,
    /// Whether a crossed red line draws a response.
    Response = 3,
    /// The chance hazard.
    Chance = 4,
    /// Private types drawn at the start of a run by rules that use them (slot = actor).
    Type = 5,
    /// Early-warning false alarms (slot = turn, actor; index 0 the alarm, 1 the launch).
    Warning = 6,
    /// Misreadings of moves under fog of war (slot = turn, observer, count).
    Fog = 7,
    /// Treaty breakouts (slot = turn).
    Treaty = 8,
    /// Signals: whether a type bluffs (slot = turn, sender, count).
    Signal = 9,
    /// A mediator's reports of red lines (slot = turn, sender, receiver).
    Mediation = 10,
}

/// The slot of a draw at (turn, actor, index).
#[inline]
pub fn slot(turn: u32, actor: usize, index: u32) -> u64 {
    (u64::from(turn) << 24) | ((actor as u64 & 0xff) << 16) | u64::from(index & 0xffff)
}

/// SplitMix64's finalizer: a bijective 64-bit mixer.
#[inline]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The draws of one run.
#[derive(Debug, Clone, Copy)]
pub struct RunStreams {
    run_key: u64,
}

impl RunStreams {
    /// The draws of run `run` of seed `seed`.
    pub fn new(seed: u64, run: u64) -> Self {
        Self { run_key: mix(mix(seed ^ 0x6a09_e667_f3bc_c908) ^ run) }
    }

    /// A generator for one slot (several uniforms may be taken from it).
    #[inline]
    pub fn at(&self, purpose: Purpose, slot: u64) -> SlotStream {
        let key = mix(self.run_key ^ ((purpose as u64) << 56 | (slot & ((1 << 56) - 1))));
        SlotStream { rng: Xoshiro256PlusPlus::seed_from_u64(key) }
    }

    /// The first uniform of a slot.
    #[inline]
    pub fn uniform(&self, purpose: Purpose, slot: u64) -> f64 {
        self.at(purpose, slot).uniform()
    }
}

/// Uniform draws from one slot.
#[derive(Debug, Clone)]
pub struct SlotStream {
    rng: Xoshiro256PlusPlus,
}

impl SlotStream {
    /// A uniform draw in [0, 1) with 53 random bits.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        self.rng.random::<f64>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_are_pure_functions_of_their_inputs() {
        let draw = |seed, run, purpose, s| RunStreams::new(seed, run).uniform(purpose, s);
        let base = draw(7, 3, Purpose::Decision, slot(2, 1, 0));
        assert_eq!(base, draw(7, 3, Purpose::Decision, slot(2, 1, 0)));
        for other in [
            draw(8, 3, Purpose::Decision, slot(2, 1, 0)),
            draw(7, 4, Purpose::Decision, slot(2, 1, 0)),
            draw(7, 3, Purpose::Accident, slot(2, 1, 0)),
            draw(7, 3, Purpose::Decision, slot(3, 1, 0)),
            draw(7, 3, Purpose::Decision, slot(2, 2, 0)),
            draw(7, 3, Purpose::Decision, slot(2, 1, 1)),
        ] {
            assert_ne!(base, other);
        }
    }

    /// The slot uniforms behave like independent U[0, 1): mean, variance and lag-one
    /// correlation across consecutive slots within 5 standard errors.
    #[test]
    fn slot_uniforms_look_independent_and_uniform() {
        let streams = RunStreams::new(1, 0);
        let n = 200_000;
        let u: Vec<f64> = (0..n).map(|t| streams.uniform(Purpose::Decision, slot(t, 0, 0))).collect();
        let mean = u.iter().sum::<f64>() / n as f64;
        let variance = u.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        let lag: f64 = u.windows(2).map(|w| (w[0] - mean) * (w[1] - mean)).sum::<f64>() / (n - 1) as f64 / variance;
        let se_mean = (1.0 / 12.0 / n as f64).sqrt();
        assert!((mean - 0.5).abs() < 5.0 * se_mean, "mean {mean}");
        assert!((variance - 1.0 / 12.0).abs() < 5.0 * (1.0 / 180.0 / n as f64).sqrt(), "variance {variance}");
        assert!(lag.abs() < 5.0 / (n as f64).sqrt(), "lag-one correlation {lag}");
    }
}
