//! The crisis as a game: the tree of teaching-symmetric's first two turns against the engine.
//! Along every path the tree multiplies chance probabilities and the scenario's own choice
//! probabilities; the resulting distribution of (ending, joint level after each turn) must be
//! the one the engine's runs produce, since the tree and the run loop are written separately.

use std::collections::BTreeMap;

use brink_app::crisis_game::{EquilibriumMethod, EquilibriumRequest, crisis_game, equilibrium_report, game_of_tree};
use brink_engine::run::Simulator;
use brink_engine::tree::{TreeConfig, TreeNode, build_tree};
use brink_games::efg;

fn load(overrides: &[&str]) -> brink_scenario::Loaded {
    let overrides: Vec<brink_scenario::Override> = overrides.iter().map(|o| o.parse().unwrap()).collect();
    brink_app::load_scenario(Some("teaching-symmetric"), &overrides).unwrap()
}

#[test]
fn the_tree_of_two_turns_matches_the_engines_runs() {
    let loaded = load(&["rules.max_turns=2"]);
    let tree = build_tree(&loaded.scenario, &TreeConfig { turns: 2, max_nodes: 2_000_000 }).unwrap();
    // Path probabilities under the scenario's rules, by (ending, levels).
    let mut reach = vec![0.0f64; tree.nodes.len()];
    reach[0] = 1.0;
    let mut tree_dist: BTreeMap<(String, Vec<u8>), f64> = BTreeMap::new();
    for (k, node) in tree.nodes.iter().enumerate() {
        match node {
            TreeNode::Chance { probs, children, .. } => {
                assert!((probs.iter().sum::<f64>() - 1.0).abs() < 1e-12);
                for (c, p) in children.iter().zip(probs) {
                    reach[*c] = reach[k] * p;
                }
            }
            TreeNode::Decision { scenario, children, .. } => {
                let probs = scenario.as_ref().expect("logit actors give their choice probabilities");
                assert!((probs.iter().sum::<f64>() - 1.0).abs() < 1e-12);
                for (c, p) in children.iter().zip(probs) {
                    reach[*c] = reach[k] * p;
                }
            }
            TreeNode::Terminal { ending, levels, .. } => {
                *tree_dist.entry((ending.name().to_owned(), levels.clone())).or_insert(0.0) += reach[k];
            }
        }
    }
    let total: f64 = tree_dist.values().sum();
    assert!((total - 1.0).abs() < 1e-9, "{total}");
    // The engine's runs.
    let runs = 200_000u64;
    let mut sim = Simulator::new(&loaded.scenario);
    let mut counts: BTreeMap<(String, Vec<u8>), u64> = BTreeMap::new();
    for run in 0..runs {
        let record = sim.run(7, run);
        *counts.entry((record.outcome.name().to_owned(), record.levels.clone())).or_insert(0) += 1;
    }
    for key in tree_dist.keys().chain(counts.keys()) {
        let p = tree_dist.get(key).copied().unwrap_or(0.0);
        let f = counts.get(key).copied().unwrap_or(0) as f64 / runs as f64;
        // Five standard errors, and a floor for paths too rare to be seen.
        let tolerance = 5.0 * (p * (1.0 - p) / runs as f64).sqrt() + 2e-5;
        assert!((f - p).abs() <= tolerance, "{key:?}: tree {p}, engine {f} (tolerance {tolerance})");
    }
    assert!(tree_dist.len() > 5, "{tree_dist:?}");
    // Every actor remembers what it knew and did: the game has perfect recall, which the
    // sequence form (LCP, LP, CFR+'s NashConv) needs.
    let crisis = game_of_tree(&loaded, tree).unwrap();
    assert!(crisis.game.has_perfect_recall());
    // Gambit reads the exported game and counts what brink counts: pygambit 17's reading of
    // `brink game teaching-symmetric --turns 2`, recorded by bench/games/gambit_fixtures.py.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../brink-games/tests/data/gambit/crisis.tsv");
    let text = std::fs::read_to_string(path).unwrap();
    let gambit: BTreeMap<&str, &str> =
        text.lines().filter(|l| !l.starts_with('#')).map(|l| l.split_once('\t').unwrap()).collect();
    let g = &crisis.game;
    assert_eq!(gambit["nodes"], g.nodes().len().to_string());
    assert_eq!(gambit["terminals"], g.num_terminals().to_string());
    let infosets: Vec<String> = g.infosets().iter().map(|s| s.len().to_string()).collect();
    assert_eq!(gambit["infosets"], infosets.join(","));
    assert_eq!(gambit["perfect_recall"], "True");
    // Gambit refuses a file in which two information sets of one player (chance too) share a
    // label, so every label is distinct.
    for sets in g.infosets() {
        assert_eq!(sets.iter().map(|h| &h.name).collect::<std::collections::BTreeSet<_>>().len(), sets.len());
    }
    let chance = g.chance_infosets();
    assert_eq!(chance.iter().map(|c| &c.name).collect::<std::collections::BTreeSet<_>>().len(), chance.len());
}

#[test]
fn the_exported_game_reads_back_and_equilibrium_reports() {
    let loaded = load(&[]);
    let crisis = crisis_game(&loaded, 1).unwrap();
    let text = efg::write(&crisis.game);
    assert_eq!(efg::parse(&text).unwrap(), crisis.game);
    assert_eq!(crisis.game.num_players(), 2);
    // The scenario's own rules are a profile of the game: its outcome probabilities add up to 1.
    let request = EquilibriumRequest { turns: 1, method: Some(EquilibriumMethod::Lcp), iterations: None };
    let report = equilibrium_report(&loaded, &[], &request).unwrap();
    let body = &report.body;
    assert_eq!(body.turns, 1);
    assert!(body.nash_conv.abs() < 1e-9, "{}", body.nash_conv);
    for dist in [&body.outcomes_equilibrium, &body.outcomes_scenario] {
        assert!((dist.values().sum::<f64>() - 1.0).abs() < 1e-9, "{dist:?}");
    }
    // No actor gains by deviating from an equilibrium; the scenario's rules may be exploitable
    // but never by a negative amount.
    assert!(body.exploitability.values().all(|g| *g >= -1e-9), "{:?}", body.exploitability);
    let cfr = EquilibriumRequest { turns: 1, method: Some(EquilibriumMethod::Cfr), iterations: Some(300) };
    let report = equilibrium_report(&loaded, &[], &cfr).unwrap();
    assert!(report.body.nash_conv < 0.05, "{}", report.body.nash_conv);
}

/// `policy = "equilibrium"` for both actors: over the first turn, the runs' (ending, joint
/// level) are distributed as the equilibrium's — path probabilities of the game tree under the
/// LCP's equilibrium, computed along the tree, not by the run loop — within four standard
/// errors; the equilibrium's outcome probabilities are `brink equilibrium`'s
/// `outcomes_equilibrium`; and the runs are bit-identical on one thread and on two.
#[test]
fn runs_with_the_equilibrium_policy_follow_the_equilibrium() {
    follows_the_equilibrium(&[], EquilibriumMethod::Lcp);
}

/// The same with answers made by decision: the answer nodes of the tree are played from the
/// strategy too.
#[test]
fn runs_with_the_equilibrium_policy_answer_by_the_equilibrium() {
    // Beyond the exact LCP (1,886 rows): solved by the floating-point sequence-form LCP.
    follows_the_equilibrium(&["actors.blue.answer=decision", "actors.red.answer=decision"], EquilibriumMethod::Lcp);
}

fn follows_the_equilibrium(extra: &[&str], method: EquilibriumMethod) {
    let turns = 1;
    let with = |more: &[&str]| load(&[extra, more].concat());
    let loaded = with(&["actors.blue.policy=equilibrium", "actors.red.policy=equilibrium"]);
    let solved = brink_app::crisis_game::with_equilibrium_strategies(&loaded).unwrap().unwrap();
    // Cached: the second request for the same scenario returns the same strategies.
    let again = brink_app::crisis_game::with_equilibrium_strategies(&loaded).unwrap().unwrap();
    assert!(std::sync::Arc::ptr_eq(&solved, &again));
    // The equilibrium's distribution along the tree.
    let crisis = crisis_game(&loaded, turns).unwrap();
    // The strategies the policy plays, by information set.
    let behavior: Vec<Vec<Vec<f64>>> = (0..2)
        .map(|actor| {
            let brink_engine::model::PolicyKind::Equilibrium { strategy: Some(strategy), .. } =
                &solved.actors[actor].policy
            else {
                panic!("no strategy")
            };
            crisis.game.infosets()[actor].iter().map(|h| strategy.table[&h.name].clone()).collect()
        })
        .collect();
    if method == EquilibriumMethod::Lcp {
        assert_eq!(behavior, efg::lcp_f64(&crisis.game).unwrap());
    }
    let mut reach = vec![0.0f64; crisis.tree.nodes.len()];
    reach[0] = 1.0;
    let mut expected: BTreeMap<(String, Vec<u8>), f64> = BTreeMap::new();
    for (k, node) in crisis.tree.nodes.iter().enumerate() {
        let probs: Vec<f64> = match (&crisis.game.nodes()[k].kind, node) {
            (_, TreeNode::Chance { probs, .. }) => probs.clone(),
            (efg::NodeKind::Decision { player, infoset }, TreeNode::Decision { .. }) => {
                behavior[*player][*infoset].clone()
            }
            (_, TreeNode::Terminal { ending, levels, .. }) => {
                *expected.entry((ending.name().to_owned(), levels.clone())).or_insert(0.0) += reach[k];
                continue;
            }
            _ => unreachable!("node {k} of the game is node {k} of the tree"),
        };
        for (&c, p) in crisis.game.nodes()[k].children.iter().zip(probs) {
            reach[c] = reach[k] * p;
        }
    }
    // By outcome, the same as `brink equilibrium` reports with the same method (on the logit
    // scenario: the same game).
    let iterations = (method == EquilibriumMethod::Cfr).then_some(1000);
    let request = EquilibriumRequest { turns, method: Some(method), iterations };
    let report = equilibrium_report(&with(&[]), &[], &request).unwrap().body;
    for (outcome, p) in &report.outcomes_equilibrium {
        let q: f64 = expected.iter().filter(|((e, _), _)| e == outcome).map(|(_, p)| p).sum();
        assert!((p - q).abs() < 1e-9, "{outcome}: {p} {q}");
    }
    let runs = 40_000u64;
    let mut sim = Simulator::new(&solved);
    let mut counts: BTreeMap<(String, Vec<u8>), u64> = BTreeMap::new();
    for run in 0..runs {
        let record = sim.run(11, run);
        let ending = if record.turns > turns { "continuing" } else { record.outcome.name() };
        let levels = record.levels[..turns as usize].to_vec();
        *counts.entry((ending.to_owned(), levels)).or_insert(0) += 1;
    }
    for key in expected.keys().chain(counts.keys()) {
        let p = expected.get(key).copied().unwrap_or(0.0);
        let f = counts.get(key).copied().unwrap_or(0) as f64 / runs as f64;
        // Four standard errors, and a floor for paths too rare to be seen.
        // (A floating-point profile can put a certain path at 1 + 4e-16: no negative variance.)
        let tolerance = 4.0 * ((p * (1.0 - p)).max(0.0) / runs as f64).sqrt() + 1e-4;
        assert!((f - p).abs() <= tolerance, "{key:?}: equilibrium {p}, runs {f} (tolerance {tolerance})");
    }
    // The equilibrium is not the scenario's logit rule, so the test can tell them apart.
    let plain = with(&[]);
    let mut logit = Simulator::new(&plain.scenario);
    let differs = (0..runs).filter(|&run| logit.run(11, run).levels[0] != sim.run(11, run).levels[0]).count();
    assert!(differs > runs as usize / 10, "{differs}");
    let config = |threads| brink_engine::RunConfig { runs: 4_000, seed: 5, threads: Some(threads) };
    let one = brink_app::run::run(&loaded, &config(1), &mut ()).unwrap();
    let two = brink_app::run::run(&loaded, &config(2), &mut ()).unwrap();
    assert_eq!(one, two);
}

/// Games beyond the exact LCP's `MAX_LCP_SIZE`: with answers made by decision the one-turn game
/// has 1,886 rows and the two-turn game of the plain scenario 10,865, which the exact tableau
/// refuses; `brink equilibrium --method lcp` solves both with the sparse floating-point LCP,
/// and the profile is an equilibrium by the criterion (regret at most 1e-9 of the
/// payoff range), as evaluated by `efg::evaluate`. On the one-turn game both paths apply, and
/// both profiles are equilibria.
#[test]
fn the_sparse_lcp_solves_what_the_exact_lcp_refuses() {
    let relative = |game: &efg::ExtensiveGame, behavior: &efg::BehaviorF64| {
        let (lo, hi) = game.payoff_range();
        let range = brink_games::to_f64(&(hi - lo));
        efg::evaluate(game, behavior).unwrap().regrets.iter().fold(0.0f64, |m, r| m.max(*r)) / range
    };
    let plain = load(&[]);
    let one = crisis_game(&plain, 1).unwrap().game;
    let exact = efg::behavior_to_f64(&efg::lcp(&one).unwrap());
    let sparse = efg::lcp_sparse(&one).unwrap();
    assert!(relative(&one, &exact) <= 1e-9 && relative(&one, &sparse.behavior) <= 1e-9);
    // `lcp_f64` (what `brink equilibrium` calls) keeps the exact path for this small game.
    assert_eq!(efg::lcp_f64(&one).unwrap(), exact);

    let decision = load(&["actors.blue.answer=decision", "actors.red.answer=decision"]);
    let game = crisis_game(&decision, 1).unwrap().game;
    assert_eq!(efg::lcp_size(&game), 1886);
    assert!(matches!(efg::lcp(&game), Err(brink_games::GameError::TooLarge(_))));
    let request = EquilibriumRequest { turns: 1, method: Some(EquilibriumMethod::Lcp), iterations: None };
    let body = equilibrium_report(&decision, &[], &request).unwrap().body;
    assert_eq!(body.method, "lcp");
    assert!(body.nash_conv.abs() < 1e-9, "{}", body.nash_conv);
    assert!(relative(&game, &efg::lcp_f64(&game).unwrap()) <= 1e-9);

    let two = crisis_game(&plain, 2).unwrap().game;
    assert_eq!(efg::lcp_size(&two), 10_865);
    let solution = efg::lcp_sparse(&two).unwrap();
    assert!(relative(&two, &solution.behavior) <= 1e-9, "{:?}", solution.regrets);
    assert!(solution.relative_regret() <= 1e-9);
}
