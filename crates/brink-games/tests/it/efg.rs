//! Extensive-form games: the `.efg` reader and writer, and every solver, against published
//! values (Kuhn poker −1/18, Myerson's card game 1/3), hand-checked pure equilibria, and the
//! equilibrium property (no player gains by a best response).

use brink_games::Rational;
use brink_games::efg::{self, Behavior, CfrConfig, ExtensiveGame};
use num_traits::{Signed, Zero};

use crate::leduc::leduc;
use crate::q;

fn game(name: &str) -> ExtensiveGame {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    efg::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const GAMES: [&str; 6] = ["kuhn.efg", "myerson_card.efg", "horse.efg", "entry.efg", "sharing.efg", "degenerate.efg"];

/// Maximum regret, relative to the payoff range (1 for a game without payoff spread).
fn relative_regret(g: &ExtensiveGame, b: &efg::BehaviorF64) -> f64 {
    let e = efg::evaluate(g, b).unwrap();
    let (lo, hi) = g.payoff_range();
    let range = brink_games::to_f64(&(hi - lo)).max(1.0);
    e.regrets.iter().fold(0.0f64, |m, r| m.max(*r)) / range
}

fn exact_regrets_zero(g: &ExtensiveGame, b: &Behavior) {
    let e = efg::evaluate_exact(g, b).unwrap();
    assert!(e.regrets.iter().all(Zero::is_zero), "{}: regrets {:?}", g.title(), e.regrets);
}

/// A pure behaviour profile from action indices, `[player][infoset]`.
fn pure(choices: &[&[usize]], g: &ExtensiveGame) -> Behavior {
    choices
        .iter()
        .zip(g.infosets())
        .map(|(cs, sets)| {
            cs.iter()
                .zip(sets)
                .map(|(&c, h)| (0..h.actions.len()).map(|a| if a == c { q("1") } else { q("0") }).collect())
                .collect()
        })
        .collect()
}

#[test]
fn every_fixture_survives_a_write_read_round_trip() {
    for name in GAMES {
        let g = game(name);
        let text = efg::write(&g);
        assert_eq!(efg::parse(&text).unwrap(), g, "{name}");
        // Writing is deterministic.
        assert_eq!(efg::write(&efg::parse(&text).unwrap()), text, "{name}");
    }
    let leduc = efg::parse(&leduc()).unwrap();
    assert_eq!(efg::parse(&efg::write(&leduc)).unwrap(), leduc);
}

#[test]
fn kuhn_poker_value_is_minus_one_eighteenth() {
    let g = game("kuhn.efg");
    assert_eq!((g.infosets()[0].len(), g.infosets()[1].len(), g.num_terminals()), (6, 6, 30));
    let solution = efg::lp(&g).unwrap();
    assert_eq!(solution.value, q("-1/18"));
    exact_regrets_zero(&g, &solution.behavior);
    // Player 2's equilibrium strategy is unique (Kuhn 1950): after a check, bet the J with
    // probability 1/3, never the Q, always the K; after a bet, call with the Q with
    // probability 1/3, never with the J, always with the K.
    let p2 = &solution.behavior[1];
    let bet_or_call: Vec<Rational> = p2.iter().map(|h| h[1].clone()).collect();
    assert_eq!(bet_or_call, ["1/3", "0", "1", "0", "1/3", "1"].map(q).to_vec());

    let behavior = efg::lcp(&g).unwrap();
    exact_regrets_zero(&g, &behavior);
    assert_eq!(efg::evaluate_exact(&g, &behavior).unwrap().payoffs, vec![q("-1/18"), q("1/18")]);
}

#[test]
fn myerson_card_game() {
    let g = game("myerson_card.efg");
    let solution = efg::lp(&g).unwrap();
    assert_eq!(solution.value, q("1/3"));
    // The unique equilibrium: raise with red, bluff with black with probability 1/3; player 2
    // meets with probability 2/3. By indifference: black's raise pays 1 − 3m against meeting
    // probability m and folding pays −1, so m = 2/3; after a raise, red has probability
    // 1/(1 + b) when black bluffs with probability b, and meeting pays
    // (−2 + 2b)/(1 + b) = −1 (passing) at b = 1/3. Value: (red 2·2/3 + 1/3 = 5/3, black −1)/2.
    let expect = vec![vec![vec![q("1"), q("0")], vec![q("1/3"), q("2/3")]], vec![vec![q("2/3"), q("1/3")]]];
    assert_eq!(solution.behavior, expect);
    assert_eq!(efg::lcp(&g).unwrap(), expect);
}

#[test]
fn lcp_finds_an_equilibrium_of_every_two_player_fixture() {
    for name in ["kuhn.efg", "myerson_card.efg", "entry.efg", "sharing.efg", "degenerate.efg"] {
        let g = game(name);
        let b = efg::lcp(&g).unwrap_or_else(|e| panic!("{name}: {e}"));
        exact_regrets_zero(&g, &b);
    }
}

#[test]
fn lp_rejects_games_that_are_not_constant_sum() {
    assert!(efg::lp(&game("entry.efg")).is_err());
    assert!(efg::lp(&game("horse.efg")).is_err());
    assert!(efg::lcp(&game("horse.efg")).is_err());
}

#[test]
fn enumpure_finds_exactly_the_hand_checked_equilibria() {
    // Selten's horse: (C, c, R), (C, d, R) and (D, c, L); every other profile has a
    // profitable change at a reached information set (checked by hand in the fixture's
    // terms: C=0 D=1, c=0 d=1, L=0 R=1).
    let g = game("horse.efg");
    let mut expect = vec![pure(&[&[0], &[0], &[1]], &g), pure(&[&[0], &[1], &[1]], &g), pure(&[&[1], &[0], &[0]], &g)];
    expect.sort();
    assert_eq!(efg::enumpure(&g).unwrap(), expect);

    // Entry: (out, fight) and (in, accommodate).
    let g = game("entry.efg");
    let mut expect = vec![pure(&[&[0], &[0]], &g), pure(&[&[1], &[1]], &g)];
    expect.sort();
    assert_eq!(efg::enumpure(&g).unwrap(), expect);

    // The sharing game: 9 agent-form equilibria. With the sister's agents s1 (offered 2-0),
    // s2 (1-1), s3 (0-2), 0 = no and 1 = yes: the brother offers 2-0 when s1 = yes (any s2,
    // s3: 4), or when s1 = no and s2 = no (any s3: 2); 1-1 when s2 = yes and s1 = no (any
    // s3: 2); 0-2 only when s3 = yes and s1 = s2 = no (1).
    let g = game("sharing.efg");
    let mut expect = Vec::new();
    for s2 in 0..2 {
        for s3 in 0..2 {
            expect.push(pure(&[&[0], &[1, s2, s3]], &g));
        }
    }
    for s3 in 0..2 {
        expect.push(pure(&[&[0], &[0, 0, s3]], &g));
        expect.push(pure(&[&[1], &[0, 1, s3]], &g));
    }
    expect.push(pure(&[&[2], &[0, 0, 1]], &g));
    expect.sort();
    assert_eq!(efg::enumpure(&g).unwrap(), expect);

    // Kuhn poker: agent-form equilibria need not be Nash equilibria. Player 1 betting with
    // every card, player 2 checking J and betting Q and K after a check, calling a bet only
    // with Q or K: no single information set gains by changing alone (with J, betting and
    // checking-then-calling both lose 2 on average; with Q both give −1/2; with K both
    // +3/2), but player 1 gains 1/2 by checking and then folding with both J and Q
    // (1/3 · 1 + 1/3 · 1/2).
    let g = game("kuhn.efg");
    let profile = pure(&[&[1, 1, 1, 1, 1, 1], &[0, 1, 1, 0, 1, 1]], &g);
    assert!(efg::enumpure(&g).unwrap().contains(&profile));
    assert_eq!(efg::evaluate_exact(&g, &profile).unwrap().regrets, vec![q("1/2"), q("0")]);

    // Myerson's card game has no pure equilibrium (its only equilibrium is mixed).
    assert!(efg::enumpure(&game("myerson_card.efg")).unwrap().is_empty());
}

#[test]
fn degenerate_games_do_not_fail() {
    let g = game("degenerate.efg");
    assert_eq!(efg::enumpure(&g).unwrap().len(), 4);
    let b = efg::lcp(&g).unwrap();
    exact_regrets_zero(&g, &b);
    assert_eq!(efg::lp(&g).unwrap().value, q("0"));
    let r = efg::cfr(&g, &CfrConfig { iterations: 10, track_exploitability: true }).unwrap();
    assert!(r.exploitability.iter().all(|e| *e == 0.0));
    assert_eq!(efg::qre(&g, 10.0).unwrap().last().unwrap().behavior, g.uniform_behavior());
    // A one-node game.
    let single = efg::parse("EFG 2 R \"\" { \"a\" \"b\" }\nt \"\" 1 \"\" { 1, 2 }\n").unwrap();
    assert_eq!(efg::lcp(&single).unwrap(), vec![Vec::<Vec<Rational>>::new(), Vec::new()]);
    assert_eq!(efg::enumpure(&single).unwrap().len(), 1);
}

#[test]
fn cfr_plus_on_kuhn_poker() {
    // Tammelin et al. (2015) and Lanctot's OpenSpiel benchmarks: CFR+ drives Kuhn poker's
    // exploitability below 1e-3 within a few hundred iterations.
    let g = game("kuhn.efg");
    let r = efg::cfr(&g, &CfrConfig { iterations: 500, track_exploitability: true }).unwrap();
    assert_eq!(r.exploitability.len(), 500);
    let last = *r.exploitability.last().unwrap();
    assert!(last < 1e-3, "NashConv after 500 iterations: {last}");
    let e = efg::evaluate(&g, &r.behavior).unwrap();
    assert!((e.payoffs[0] + 1.0 / 18.0).abs() < 1e-3, "{:?}", e.payoffs);
    // Node updates: every iteration walks the tree once per player, at most.
    assert!(r.node_updates <= 500 * 2 * g.nodes().len() as u64);
}

#[test]
fn cfr_plus_on_leduc_poker() {
    let g = efg::parse(&leduc()).unwrap();
    assert_eq!((g.infosets()[0].len(), g.infosets()[1].len()), (144, 144));
    // Published CFR+ curves for Leduc (Tammelin et al. 2015; Brown & Sandholm 2019,
    // "Solving imperfect-information games via discounted regret minimization", AAAI)
    // reach 1e-3 within a few thousand iterations; this implementation needs about 1,500.
    let r = efg::cfr(&g, &CfrConfig { iterations: 2000, track_exploitability: false }).unwrap();
    let last = *r.exploitability.last().unwrap();
    assert!(last < 1e-3, "NashConv after 2000 iterations: {last}");
    // Leduc's value to player 1 is −0.0856 (Southey et al. 2005 report −0.0856; Lanctot's
    // OpenSpiel gives −0.085606).
    let e = efg::evaluate(&g, &r.behavior).unwrap();
    assert!((e.payoffs[0] + 0.085606).abs() < 2e-3, "{:?}", e.payoffs);
}

#[test]
fn agent_qre() {
    // One agent choosing between payoffs 0 and 1: p(1) = 1 / (1 + e^{−λ}) exactly.
    let g = efg::parse("EFG 2 R \"\" { \"a\" }\np \"\" 1 1 \"\" { \"x\" \"y\" } 0\nt \"\" 0\nt \"\" 1 \"\" { 1 }\n")
        .unwrap();
    for lambda in [0.5, 2.0, 7.0] {
        let last = efg::qre(&g, lambda).unwrap().pop().unwrap();
        assert_eq!(last.lambda, lambda);
        let expect = 1.0 / (1.0 + (-lambda).exp());
        assert!((last.behavior[0][0][1] - expect).abs() < 1e-9, "{lambda}: {:?}", last.behavior);
    }
    // Myerson's card game: as λ grows the QRE approaches the unique equilibrium.
    let g = game("myerson_card.efg");
    let last = efg::qre(&g, 200.0).unwrap().pop().unwrap();
    assert!(relative_regret(&g, &last.behavior) < 1e-2, "{:?}", last.behavior);
    assert!((last.behavior[0][1][0] - 1.0 / 3.0).abs() < 2e-2, "{:?}", last.behavior);
}

#[test]
fn solvers_report_equilibria_on_every_fixture() {
    for name in GAMES {
        let g = game(name);
        if name != "kuhn.efg" {
            for b in efg::enumpure(&g).unwrap() {
                // Pure agent-form equilibria of these games are Nash equilibria too.
                assert!(relative_regret(&g, &efg::behavior_to_f64(&b)) <= 1e-9, "{name}");
            }
        }
        let r = efg::cfr(&g, &CfrConfig { iterations: 2000, track_exploitability: false }).unwrap();
        assert!(r.exploitability[0].is_finite() && r.exploitability[0] >= -1e-12, "{name}");
    }
}

#[test]
fn parse_errors_are_reported_not_panics() {
    for bad in
        ["", "EFG", "EFG 2 R", "EFG 2 R \"\" { }", "EFG 2 R \"\" { \"a\" } \np \"\" 1 1 \"\" { } 0", "NFG 1 R \"\""]
    {
        assert!(efg::parse(bad).is_err(), "{bad:?}");
    }
    let g = game("kuhn.efg");
    let text = efg::write(&g);
    // Every proper prefix of a valid file is an error, never a panic.
    for cut in (0..text.len()).step_by(97) {
        if text.is_char_boundary(cut) {
            let _ = efg::parse(&text[..cut]);
        }
    }
    assert!(Signed::is_negative(&q("-1")));
}

/// A random two-player poker-like game of perfect recall: chance deals each player a private
/// type (random probabilities, some zero), then `rounds` moves alternate, each player seeing
/// its own type and every earlier action; payoffs are small integers, so ties and degenerate
/// games are common; even seeds give zero-sum games. Built from a seed by a fixed xorshift
/// stream.
fn random_poker(seed: u64) -> ExtensiveGame {
    let zero_sum = seed.is_multiple_of(2);
    use brink_games::efg::{ChanceInfoset, EfgOutcome, GameParts, Infoset, Node, NodeKind};
    use std::collections::HashMap;
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let types = [1 + next(3) as usize, 1 + next(3) as usize];
    let rounds = 1 + next(3) as usize;
    let actions: Vec<usize> = (0..rounds).map(|_| 2 + next(2) as usize).collect();
    let mut parts = GameParts {
        players: vec!["1".into(), "2".into()],
        infosets: vec![Vec::new(), Vec::new()],
        ..GameParts::default()
    };
    // Deal probabilities: weights 0..3, not all zero.
    let deal = |n: usize, parts: &mut GameParts, next: &mut dyn FnMut(u64) -> u64| {
        let mut w: Vec<i64> = (0..n).map(|_| next(4) as i64).collect();
        if w.iter().all(|&x| x == 0) {
            w[0] = 1;
        }
        let total: i64 = w.iter().sum();
        parts.chance_infosets.push(ChanceInfoset {
            number: parts.chance_infosets.len() + 1,
            name: String::new(),
            actions: (0..n).map(|k| k.to_string()).collect(),
            probs: w.iter().map(|&x| Rational::new(x.into(), total.into())).collect(),
        });
        parts.chance_infosets.len() - 1
    };
    let mut keys: HashMap<(usize, String), usize> = HashMap::new();
    // Depth-first construction with an explicit stack: (types so far, history, parent slot).
    // (types dealt, actions so far, the parent's slot for this node).
    type Pending = (Vec<usize>, Vec<usize>, Option<(usize, usize)>);
    let mut stack: Vec<Pending> = vec![(Vec::new(), Vec::new(), None)];
    while let Some((dealt, history, parent)) = stack.pop() {
        let index = parts.nodes.len();
        let (kind, width) = if dealt.len() < 2 {
            let c = deal(types[dealt.len()], &mut parts, &mut next);
            (NodeKind::Chance { infoset: c }, types[dealt.len()])
        } else if history.len() < rounds {
            let player = history.len() % 2;
            let key = format!("{}:{:?}", dealt[player], history);
            let next_id = parts.infosets[player].len();
            let h = *keys.entry((player, key.clone())).or_insert(next_id);
            if h == next_id {
                let k = actions[history.len()];
                parts.infosets[player].push(Infoset {
                    number: h + 1,
                    name: key,
                    actions: (0..k).map(|a| a.to_string()).collect(),
                });
            }
            (NodeKind::Decision { player, infoset: h }, actions[history.len()])
        } else {
            let u = next(7) as i64 - 3;
            let v = if zero_sum { -u } else { next(7) as i64 - 3 };
            parts.outcomes.push(EfgOutcome {
                number: parts.outcomes.len() + 1,
                name: String::new(),
                payoffs: vec![Rational::from_integer(u.into()), Rational::from_integer(v.into())],
            });
            (NodeKind::Terminal, 0)
        };
        let outcome = matches!(kind, NodeKind::Terminal).then(|| parts.outcomes.len() - 1);
        parts.nodes.push(Node { name: String::new(), kind, outcome, children: vec![0; width] });
        if let Some((p, slot)) = parent {
            parts.nodes[p].children[slot] = index;
        }
        for a in (0..width).rev() {
            let (mut d, mut h) = (dealt.clone(), history.clone());
            if dealt.len() < 2 {
                d.push(a);
            } else {
                h.push(a);
            }
            stack.push((d, h, Some((index, a))));
        }
    }
    ExtensiveGame::new(parts).expect("a valid random game")
}

#[test]
fn lcp_solves_random_games_exactly() {
    // The LCP's profile has exactly zero regret on 300 random (often degenerate) games; on
    // the zero-sum ones, whose equilibria all pay the value, the LP's value is what the LCP's
    // equilibrium pays (two independent algorithms).
    for seed in 1..=300 {
        let g = random_poker(seed);
        assert!(g.has_perfect_recall());
        let b = efg::lcp(&g).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        exact_regrets_zero(&g, &b);
        if seed.is_multiple_of(2) {
            let solution = efg::lp(&g).unwrap();
            exact_regrets_zero(&g, &solution.behavior);
            assert_eq!(efg::evaluate_exact(&g, &b).unwrap().payoffs[0], solution.value, "seed {seed}");
        }
        assert_eq!(efg::parse(&efg::write(&g)).unwrap(), g, "seed {seed}");
    }
}

/// The sparse floating-point LCP (`lcp_sparse`) against the exact one on games both solve:
/// every two-player fixture and the 300 random poker-like games (zero-probability deals and
/// small integer payoffs make most of them degenerate). Both must end, and both profiles
/// must be equilibria by the criterion (regret at most 1e-9 of the payoff range,
/// computed by the shared evaluator). The two may end at different equilibria: the sparse
/// path breaks degenerate ties by a random perturbation, the exact one lexicographically.
/// Where the equilibrium payoff is pinned down independently — the LP value of the zero-sum
/// games, Kuhn poker's −1/18 and Myerson's unique equilibrium — the sparse profile must
/// reproduce it.
#[test]
fn sparse_lcp_agrees_with_the_exact_lcp() {
    let payoff0 = |g: &ExtensiveGame, b: &efg::BehaviorF64| efg::evaluate(g, b).unwrap().payoffs[0];
    for name in ["kuhn.efg", "myerson_card.efg", "entry.efg", "sharing.efg", "degenerate.efg"] {
        let g = game(name);
        let s = efg::lcp_sparse(&g).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(relative_regret(&g, &s.behavior) <= 1e-9, "{name}: {:?}", s.regrets);
        assert!(s.relative_regret() <= 1e-9, "{name}: {:?}", s.regrets);
        assert!(s.pivots <= efg::sparse_lcp_pivot_limit(s.size));
    }
    let kuhn = efg::lcp_sparse(&game("kuhn.efg")).unwrap();
    assert!((payoff0(&game("kuhn.efg"), &kuhn.behavior) + 1.0 / 18.0).abs() < 1e-12);
    let myerson = efg::lcp_sparse(&game("myerson_card.efg")).unwrap();
    let unique = [[[1.0, 0.0], [1.0 / 3.0, 2.0 / 3.0]].as_slice(), [[2.0 / 3.0, 1.0 / 3.0]].as_slice()];
    for (ours, theirs) in myerson.behavior.iter().zip(unique) {
        for (h, t) in ours.iter().zip(theirs) {
            assert!(h.iter().zip(t).all(|(a, b)| (a - b).abs() < 1e-12), "{:?}", myerson.behavior);
        }
    }
    let mut same = 0;
    for seed in 1..=300 {
        let g = random_poker(seed);
        let exact = efg::behavior_to_f64(&efg::lcp(&g).unwrap());
        let sparse = efg::lcp_sparse(&g).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        assert!(relative_regret(&g, &exact) <= 1e-9, "seed {seed}");
        assert!(relative_regret(&g, &sparse.behavior) <= 1e-9, "seed {seed}: {:?}", sparse.regrets);
        if seed.is_multiple_of(2) {
            let value = brink_games::to_f64(&efg::lp(&g).unwrap().value);
            assert!((payoff0(&g, &sparse.behavior) - value).abs() < 1e-9, "seed {seed}");
        }
        let (pe, ps) =
            (efg::evaluate(&g, &exact).unwrap().payoffs, efg::evaluate(&g, &sparse.behavior).unwrap().payoffs);
        same += usize::from(pe.iter().zip(&ps).all(|(a, b)| (a - b).abs() < 1e-9));
    }
    // The 150 zero-sum games agree by their value; of the others, 88 (deterministically) end at
    // an equilibrium with the exact path's payoffs.
    assert!(same >= 238, "only {same} of 300 with the same payoffs");
    // lcp_f64 takes the exact path up to EXACT_LCP_F64_SIZE rows.
    assert!(kuhn.size <= efg::EXACT_LCP_F64_SIZE);
    let g = game("kuhn.efg");
    assert_eq!(efg::lcp_f64(&g).unwrap(), efg::behavior_to_f64(&efg::lcp(&g).unwrap()));
    assert_eq!(efg::lcp_size(&g), kuhn.size);
}

/// Degenerate games end: every payoff equal (every profile is an equilibrium and every ratio
/// test ties), payoffs in {0, 1} on the random trees, and a one-node game.
#[test]
fn sparse_lcp_ends_on_degenerate_games() {
    use brink_games::efg::GameParts;
    for seed in 1..=60 {
        for values in [&[0][..], &[0, 1]] {
            let mut parts: GameParts = random_poker(seed).parts().clone();
            for (k, o) in parts.outcomes.iter_mut().enumerate() {
                for (i, p) in o.payoffs.iter_mut().enumerate() {
                    *p = Rational::from_integer(values[(k + i) % values.len()].into());
                }
            }
            let g = ExtensiveGame::new(parts).unwrap();
            let s = efg::lcp_sparse(&g).unwrap_or_else(|e| panic!("seed {seed} {values:?}: {e}"));
            assert!(relative_regret(&g, &s.behavior) <= 1e-9, "seed {seed} {values:?}");
        }
    }
    let single = efg::parse("EFG 2 R \"\" { \"a\" \"b\" }\nt \"\" 1 \"\" { 1, 2 }\n").unwrap();
    assert_eq!(efg::lcp_sparse(&single).unwrap().behavior, vec![Vec::<Vec<f64>>::new(), Vec::new()]);
    assert!(matches!(efg::lcp_sparse(&game("horse.efg")), Err(brink_games::GameError::NotTwoPlayer(3))));
}

/// The sparse LCP on Leduc hold'em (288 information sets): its equilibrium pays player 1 the
/// game's value, −0.085606 (OpenSpiel's figure; Southey et al. 2005 report −0.0856).
#[test]
fn sparse_lcp_on_leduc_poker_pays_the_value() {
    let g = efg::parse(&leduc()).unwrap();
    let s = efg::lcp_sparse(&g).unwrap();
    assert!(relative_regret(&g, &s.behavior) <= 1e-9, "{:?}", s.regrets);
    let paid = efg::evaluate(&g, &s.behavior).unwrap().payoffs[0];
    assert!((paid + 0.085606).abs() < 1e-6, "{paid}");
}
