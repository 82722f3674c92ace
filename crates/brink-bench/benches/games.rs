//! Equilibrium enumeration on random 10×10 games (the yardstick: lrsnash finds all
//! equilibria of such a game in tens of milliseconds). Compare with tools outside Rust by
//! `bench/games/compare.py`.

use brink_games::{Game, Player, Rational};

fn main() {
    divan::main();
}

/// A 10×10 game with payoffs 0..999 from a fixed xorshift stream (no RNG dependency needed).
fn random_game(seed: u64) -> Game {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % 1000) as i64
    };
    let n = 10;
    let player = |name: &str| Player { name: name.into(), strategies: (1..=n).map(|s| s.to_string()).collect() };
    let payoffs = (0..n * n)
        .map(|_| vec![Rational::from_integer(next().into()), Rational::from_integer(next().into())])
        .collect();
    Game::new("random", vec![player("1"), player("2")], payoffs).expect("a valid game")
}

const SEEDS: [u64; 4] = [1, 2, 3, 4];

#[divan::bench(args = SEEDS)]
fn vertex_enumeration_10x10(bencher: divan::Bencher, seed: u64) {
    let game = random_game(seed);
    bencher.bench(|| brink_games::vertex_enumeration(divan::black_box(&game)).expect("two players"));
}

#[divan::bench(args = SEEDS)]
fn support_enumeration_10x10(bencher: divan::Bencher, seed: u64) {
    let game = random_game(seed);
    bencher.bench(|| brink_games::support_enumeration(divan::black_box(&game)).expect("two players"));
}

#[divan::bench(args = SEEDS)]
fn lemke_howson_10x10(bencher: divan::Bencher, seed: u64) {
    let game = random_game(seed);
    bencher.bench(|| brink_games::lemke_howson(divan::black_box(&game), 0).expect("two players"));
}
