//! Random streams. Every draw of a run comes from a stream that is a pure function of
//! (seed, run index, purpose), so runs can be computed in any order, on any number of threads,
//! with bit-identical results; and two policies compared on the same seed see the same draws
//! for the same purpose (common random numbers).
//!
//! Generator: ChaCha8 (`rand::rngs::ChaCha8Rng`, RustCrypto `chacha20`), key = the seed as a
//! little-endian u64 followed by 24 zero bytes, stream (nonce) = run index, word position =
//! purpose · 2⁶⁴.

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

/// The generator's name, for manifests.
pub const GENERATOR: &str =
    "ChaCha8 (rand 0.10 / chacha20 0.10): key=seed u64 LE zero-padded, stream=run index, word position=purpose<<64";

/// What a stream is used for; each purpose has its own independent sequence.
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
    /// Private types drawn at the start of a run by rules that use them (one per actor, in
    /// actor order, drawn only when some actor's rule does).
    Type = 5,
}

/// A uniform stream for one (seed, run, purpose).
#[derive(Debug)]
pub struct Stream {
    rng: ChaCha8Rng,
}

impl Stream {
    /// The stream for `seed`, `run` and `purpose`.
    pub fn new(seed: u64, run: u64, purpose: Purpose) -> Self {
        let mut key = [0u8; 32];
        key[..8].copy_from_slice(&seed.to_le_bytes());
        let mut rng = ChaCha8Rng::from_seed(key);
        rng.set_stream(run);
        rng.set_word_pos(u128::from(purpose as u8) << 64);
        Self { rng }
    }

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
    fn streams_are_pure_functions_of_their_inputs() {
        let draws = |seed, run, purpose| {
            let mut s = Stream::new(seed, run, purpose);
            [s.uniform(), s.uniform(), s.uniform()]
        };
        assert_eq!(draws(7, 3, Purpose::Decision), draws(7, 3, Purpose::Decision));
        assert_ne!(draws(7, 3, Purpose::Decision), draws(7, 4, Purpose::Decision));
        assert_ne!(draws(7, 3, Purpose::Decision), draws(7, 3, Purpose::Accident));
        assert_ne!(draws(7, 3, Purpose::Decision), draws(8, 3, Purpose::Decision));
    }
}
