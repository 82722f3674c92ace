//! Extensive-form solvers: CFR+ node updates per second (issue 16's yardstick: at least one
//! million per second per core) on Kuhn poker, Leduc hold'em and the teaching-symmetric
//! crisis game of two turns, and the sequence-form LCP (exact on small games, sparse floating
//! point on the two-turn crisis game: issue 16's yardstick, under 10 s).
//!
//! Run with `cargo bench -p brink-bench --bench efg`. The counter is node visits: each CFR+
//! iteration walks the tree once per player.

use brink_games::efg::{self, CfrConfig, ExtensiveGame};
use divan::Bencher;
use divan::counter::ItemsCount;

#[path = "../../brink-games/tests/it/leduc.rs"]
#[allow(dead_code, unreachable_pub)]
mod leduc;

fn main() {
    divan::main();
}

fn kuhn() -> ExtensiveGame {
    efg::parse(include_str!("../../brink-games/tests/data/kuhn.efg")).expect("Kuhn poker parses")
}

fn crisis(turns: u32) -> ExtensiveGame {
    let loaded = brink_app::load_scenario(Some("teaching-symmetric"), &[]).expect("bundled scenario");
    brink_app::crisis_game::crisis_game(&loaded, turns).expect("the crisis game builds").game
}

fn cfr_bench(bencher: Bencher, game: &ExtensiveGame, iterations: usize) {
    let config = CfrConfig { iterations, track_exploitability: false };
    let updates = efg::cfr(game, &config).expect("perfect recall").node_updates;
    bencher
        .counter(ItemsCount::new(updates))
        .bench_local(|| efg::cfr(divan::black_box(game), &config).expect("perfect recall").node_updates);
}

/// CFR+ on Kuhn poker (55 nodes), 1000 iterations.
#[divan::bench(sample_count = 10)]
fn cfr_plus_kuhn(bencher: Bencher) {
    cfr_bench(bencher, &kuhn(), 1000);
}

/// CFR+ on Leduc hold'em (1 939 nodes), 100 iterations.
#[divan::bench(sample_count = 10)]
fn cfr_plus_leduc(bencher: Bencher) {
    let game = efg::parse(&leduc::leduc()).expect("Leduc parses");
    cfr_bench(bencher, &game, 100);
}

/// CFR+ on teaching-symmetric's first two turns (410 504 nodes), 40 iterations.
#[divan::bench(sample_count = 3)]
fn cfr_plus_crisis_two_turns(bencher: Bencher) {
    cfr_bench(bencher, &crisis(2), 40);
}

/// The sequence-form LCP of Kuhn poker (exact).
#[divan::bench(sample_count = 10)]
fn lcp_kuhn(bencher: Bencher) {
    let game = kuhn();
    bencher.bench_local(|| efg::lcp(divan::black_box(&game)).expect("two players"));
}

/// The sequence-form LCP of teaching-symmetric's first turn (8 033 nodes, 35 information sets).
#[divan::bench(sample_count = 3)]
fn lcp_crisis_one_turn(bencher: Bencher) {
    let game = crisis(1);
    bencher.bench_local(|| efg::lcp(divan::black_box(&game)).expect("two players"));
}

/// The sequence-form LCP of teaching-symmetric's first turn in floating point on a sparse
/// factorised basis (`lcp_sparse`; 173 rows), to set beside the exact row above.
#[divan::bench(sample_count = 10)]
fn lcp_sparse_crisis_one_turn(bencher: Bencher) {
    let game = crisis(1);
    bencher.bench_local(|| efg::lcp_sparse(divan::black_box(&game)).expect("two players").pivots);
}

/// The sequence-form LCP of teaching-symmetric's first two turns (410 504 nodes, 10 865 LCP
/// rows, beyond the exact tableau): what `brink equilibrium --turns 2 --method lcp` runs after
/// building the tree (`lcp_f64`, here the sparse floating-point path, with its regret check).
#[divan::bench(sample_count = 3)]
fn lcp_crisis_two_turns(bencher: Bencher) {
    let game = crisis(2);
    bencher.bench_local(|| efg::lcp_f64(divan::black_box(&game)).expect("two players"));
}

/// Building teaching-symmetric's game tree (the engine's replayed run loop and the
/// conversion to a game), one and two turns.
#[divan::bench(args = [1, 2], sample_count = 3)]
fn build_crisis_game(bencher: Bencher, turns: u32) {
    bencher.bench_local(|| crisis(divan::black_box(turns)).nodes().len());
}
