//! Agreement with Gambit itself: `tests/data/gambit/efg.tsv` holds what pygambit's exact
//! `lp_solve`, `lcp_solve` and `enumpure_agent_solve` report for brink's test games and for
//! the example games of Gambit's catalog (made by `bench/games/gambit_fixtures.py`; see the
//! README beside it). brink must find the same LP values and exactly the same pure agent-form
//! equilibria, every profile brink reports must be an equilibrium, and every profile Gambit
//! reports must be one too when brink evaluates it (a check of brink's evaluator).

use std::collections::{BTreeMap, BTreeSet};

use brink_games::efg::{self, Behavior, ExtensiveGame, NodeKind};
use num_traits::Zero;

use crate::q;

/// Everything the fixture says about one game.
#[derive(Default)]
struct Facts {
    /// `[player]` → a member of each information set as child indices from the root, in
    /// Gambit's order.
    infosets: Vec<Vec<Vec<usize>>>,
    counts: BTreeMap<String, usize>,
    lp_value: Option<String>,
    profiles: BTreeMap<String, Vec<String>>,
    errors: BTreeMap<String, String>,
}

fn facts() -> BTreeMap<String, Facts> {
    let path = format!("{}/tests/data/gambit/efg.tsv", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut games: BTreeMap<String, Facts> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        let g = games.entry(f[0].to_string()).or_default();
        match (f[1], f[2]) {
            ("infoset", player) => {
                let p: usize = player.parse().unwrap();
                if g.infosets.len() < p {
                    g.infosets.resize(p, Vec::new());
                }
                let path =
                    if f[3].is_empty() { Vec::new() } else { f[3].split('.').map(|a| a.parse().unwrap()).collect() };
                g.infosets[p - 1].push(path);
            }
            ("count", what) => {
                g.counts.insert(what.to_string(), f[3].parse().unwrap());
            }
            ("lp", "value") => g.lp_value = Some(f[3].to_string()),
            (solver, "profile") => g.profiles.entry(solver.to_string()).or_default().push(f[3].to_string()),
            (solver, "error") => {
                g.errors.insert(solver.to_string(), f[3].to_string());
            }
            other => panic!("unknown fixture line {other:?}"),
        }
    }
    games
}

/// Brink's information set at the node reached by following child indices from the root.
fn brink_infoset(g: &ExtensiveGame, path: &[usize]) -> (usize, usize) {
    let k = path.iter().fold(0, |k, &a| g.nodes()[k].children[a]);
    match g.nodes()[k].kind {
        NodeKind::Decision { player, infoset } => (player, infoset),
        _ => panic!("path {path:?} does not end at a decision"),
    }
}

/// A Gambit profile as a brink behaviour profile (information sets reordered to brink's).
fn behavior(g: &ExtensiveGame, map: &[Vec<usize>], text: &str) -> Behavior {
    let mut b: Behavior = g.infosets().iter().map(|sets| vec![Vec::new(); sets.len()]).collect();
    for (p, player) in text.split(';').enumerate() {
        for (k, set) in player.split('|').enumerate() {
            b[p][map[p][k]] = set.split(',').map(q).collect();
        }
    }
    b
}

fn assert_equilibrium(name: &str, what: &str, g: &ExtensiveGame, b: &Behavior) {
    let e = efg::evaluate_exact(g, b).unwrap();
    assert!(e.regrets.iter().all(Zero::is_zero), "{name}: {what} has regrets {:?}", e.regrets);
    assert_equilibrium_f64(name, what, g, &efg::behavior_to_f64(b));
}

/// The criterion, in floating point: maximum regret <= 1e-9 of the payoff range.
fn assert_equilibrium_f64(name: &str, what: &str, g: &ExtensiveGame, b: &efg::BehaviorF64) {
    let ef = efg::evaluate(g, b).unwrap();
    let (lo, hi) = g.payoff_range();
    let range = brink_games::to_f64(&(hi - lo)).max(1.0);
    assert!(ef.regrets.iter().all(|r| *r <= 1e-9 * range), "{name}: {what} has regrets {:?}", ef.regrets);
}

#[test]
fn agrees_with_gambit() {
    let games = facts();
    assert!(games.len() == 38, "{} games in the fixture", games.len());
    let (mut lp_checked, mut lcp_checked, mut pure_checked) = (0, 0, 0);
    for (name, facts) in &games {
        let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
        let g = efg::parse(&std::fs::read_to_string(&path).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(g.nodes().len(), facts.counts["nodes"], "{name}: nodes");
        assert_eq!(g.num_terminals(), facts.counts["terminals"], "{name}: leaves");
        assert_eq!(g.num_infosets(), facts.counts["infosets"], "{name}: information sets");
        // Gambit's order of information sets (first reached in pre-order) mapped to brink's.
        let mut map = vec![Vec::new(); g.num_players()];
        for (p, sets) in facts.infosets.iter().enumerate() {
            for path in sets {
                let (player, h) = brink_infoset(&g, path);
                assert_eq!(player, p, "{name}: {path:?}");
                map[p].push(h);
            }
        }
        for (p, m) in map.iter().enumerate() {
            assert_eq!(m.iter().collect::<BTreeSet<_>>().len(), g.infosets()[p].len(), "{name}: player {p}");
        }
        if let Some(value) = &facts.lp_value {
            let solution = efg::lp(&g).unwrap_or_else(|e| panic!("{name}: lp: {e}"));
            assert_eq!(solution.value, q(value), "{name}: LP value");
            assert_equilibrium(name, "brink's lp profile", &g, &solution.behavior);
            lp_checked += 1;
        }
        match (facts.profiles.get("lcp"), facts.errors.get("lcp")) {
            (Some(theirs), _) => {
                let ours = efg::lcp(&g).unwrap_or_else(|e| panic!("{name}: lcp: {e}"));
                assert_equilibrium(name, "brink's lcp profile", &g, &ours);
                // The floating-point sparse LCP, checked by the same floating-point criterion.
                let sparse = efg::lcp_sparse(&g).unwrap_or_else(|e| panic!("{name}: lcp_sparse: {e}"));
                assert_equilibrium_f64(name, "brink's sparse lcp profile", &g, &sparse.behavior);
                for t in theirs {
                    assert_equilibrium(name, "Gambit's lcp profile", &g, &behavior(&g, &map, t));
                }
                lcp_checked += 1;
            }
            // Gambit refuses imperfect recall; so does brink's sequence form.
            (None, Some(_)) => {
                assert!(efg::lcp(&g).is_err(), "{name}: brink's lcp accepted what Gambit refused");
                assert!(efg::lcp_sparse(&g).is_err(), "{name}: brink's sparse lcp accepted what Gambit refused");
            }
            (None, None) => {}
        }
        for t in facts.profiles.get("lp").into_iter().flatten() {
            assert_equilibrium(name, "Gambit's lp profile", &g, &behavior(&g, &map, t));
        }
        assert!(!facts.errors.contains_key("enumpure"), "{name}: {:?}", facts.errors);
        let theirs: BTreeSet<Behavior> =
            facts.profiles.get("enumpure").into_iter().flatten().map(|t| behavior(&g, &map, t)).collect();
        let ours: BTreeSet<Behavior> = efg::enumpure(&g).unwrap().into_iter().collect();
        assert_eq!(ours, theirs, "{name}: pure agent-form equilibria");
        pure_checked += 1;
    }
    assert!(
        lp_checked >= 5 && lcp_checked >= 25 && pure_checked == games.len(),
        "{lp_checked} {lcp_checked} {pure_checked}"
    );
}
