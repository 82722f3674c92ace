//! Exact agreement with lrsnash (an independent implementation of vertex enumeration) on random
//! 10×10 games; the outputs are fixtures made by the command in tests/data/lrsnash/README.md.

use std::collections::BTreeSet;

use brink_games::{Rational, nfg, support_enumeration, vertex_enumeration};

/// lrsnash prints blocks separated by blank lines; in each, every "1 …" line (a strategy of
/// player 1) pairs with every "2 …" line; the last number on a line is a payoff.
fn parse_lrsnash(text: &str) -> BTreeSet<Vec<Vec<Rational>>> {
    let mut found = BTreeSet::new();
    let (mut xs, mut ys): (Vec<Vec<Rational>>, Vec<Vec<Rational>>) = (Vec::new(), Vec::new());
    for line in text.lines().chain([""]) {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.is_empty() {
            for x in &xs {
                for y in &ys {
                    found.insert(vec![x.clone(), y.clone()]);
                }
            }
            xs.clear();
            ys.clear();
            continue;
        }
        if parts[0].starts_with('*') {
            continue;
        }
        let probs: Vec<Rational> = parts[1..parts.len() - 1].iter().map(|p| nfg::parse_number(p).unwrap()).collect();
        if parts[0] == "1" { xs.push(probs) } else { ys.push(probs) }
    }
    found
}

#[test]
fn agrees_with_lrsnash() {
    let dir = format!("{}/tests/data/lrsnash", env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for seed in 1..=3 {
        let stem = format!("{dir}/random10x10-seed{seed}");
        let game = nfg::parse(&std::fs::read_to_string(format!("{stem}.nfg")).unwrap()).unwrap();
        let expected = parse_lrsnash(&std::fs::read_to_string(format!("{stem}.lrsnash")).unwrap());
        assert!(expected.len() >= 3, "seed {seed}: the fixture should hold several equilibria");
        let vertex: BTreeSet<_> = vertex_enumeration(&game).unwrap().into_iter().collect();
        assert_eq!(vertex, expected, "seed {seed}: vertex");
        let support: BTreeSet<_> = support_enumeration(&game).unwrap().into_iter().collect();
        assert_eq!(support, expected, "seed {seed}: support");
        checked += 1;
    }
    assert_eq!(checked, 3);
}
