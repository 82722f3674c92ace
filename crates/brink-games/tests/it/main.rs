//! Integration tests of brink-games: textbook games with known equilibria, QRE against the
//! fixed-point equation solved independently, and property tests.

mod efg;
mod gambit;
mod leduc;
mod lrsnash;
mod properties;
mod qre;
mod textbook;

use brink_games::{Game, Profile, Rational};

/// Reads a fixture from tests/data.
pub(crate) fn fixture(name: &str) -> Game {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    brink_games::nfg::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A profile from "p/q" strings, one slice per player.
pub(crate) fn profile(players: &[&[&str]]) -> Profile {
    players.iter().map(|probs| probs.iter().map(|s| brink_games::nfg::parse_number(s).unwrap()).collect()).collect()
}

/// Exact rational from a string.
pub(crate) fn q(s: &str) -> Rational {
    brink_games::nfg::parse_number(s).unwrap()
}
