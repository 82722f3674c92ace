//! Property tests on random games: equilibria are equilibria, the two enumerations agree,
//! Lemke–Howson lands on an enumerated equilibrium, `.nfg` round-trips.

use brink_games::{
    Game, Player, Rational, lemke_howson, nfg, pure_equilibria, solve_zero_sum, support_enumeration, vertex_enumeration,
};
use num_traits::Zero;
use proptest::prelude::*;

fn game_from(m: usize, n: usize, payoffs: Vec<(i64, i64)>) -> Game {
    let player =
        |name: &str, k: usize| Player { name: name.into(), strategies: (1..=k).map(|s| s.to_string()).collect() };
    let table = payoffs
        .into_iter()
        .map(|(a, b)| vec![Rational::from_integer(a.into()), Rational::from_integer(b.into())])
        .collect();
    Game::new("random", vec![player("1", m), player("2", n)], table).unwrap()
}

/// Random bimatrix games; a narrow payoff range makes degenerate games common.
fn games(max: usize, range: i64) -> impl Strategy<Value = Game> {
    (1..=max, 1..=max).prop_flat_map(move |(m, n)| {
        proptest::collection::vec((-range..=range, -range..=range), m * n)
            .prop_map(move |payoffs| game_from(m, n, payoffs))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn equilibria_have_no_profitable_deviation(game in games(4, 3)) {
        let found = vertex_enumeration(&game).unwrap();
        prop_assert!(!found.is_empty(), "every finite game has an equilibrium");
        for eq in &found {
            // Exact arithmetic: the regret is exactly zero, far below ε = 1e-9.
            prop_assert_eq!(game.max_regret(eq), Rational::zero());
            for probs in eq {
                prop_assert_eq!(probs.iter().sum::<Rational>(), Rational::from_integer(1.into()));
            }
        }
        // Canonical order: strictly increasing.
        prop_assert!(found.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn support_and_vertex_enumeration_agree(game in games(4, 3)) {
        prop_assert_eq!(support_enumeration(&game).unwrap(), vertex_enumeration(&game).unwrap());
    }

    #[test]
    fn support_and_vertex_enumeration_agree_on_wide_payoffs(game in games(5, 1000)) {
        prop_assert_eq!(support_enumeration(&game).unwrap(), vertex_enumeration(&game).unwrap());
    }

    #[test]
    fn lemke_howson_finds_an_enumerated_equilibrium(game in games(4, 3)) {
        let all = vertex_enumeration(&game).unwrap();
        for label in 0..game.shape().iter().sum::<usize>() {
            let found = lemke_howson(&game, label).unwrap();
            prop_assert!(all.contains(&found), "label {}: {:?} not in {:?}", label, found, all);
        }
    }

    #[test]
    fn pure_equilibria_are_extreme_equilibria(game in games(4, 3)) {
        let all = vertex_enumeration(&game).unwrap();
        for eq in pure_equilibria(&game) {
            prop_assert!(all.contains(&eq));
        }
    }

    #[test]
    fn zero_sum_strategies_guarantee_the_value(m in 1usize..=4, n in 1usize..=4, seed in proptest::collection::vec(-9i64..=9, 16)) {
        let game = game_from(m, n, (0..m * n).map(|k| (seed[k], -seed[k])).collect());
        let solution = solve_zero_sum(&game).unwrap();
        let (a, _) = game.bimatrix().unwrap();
        let (x, y) = (&solution.strategies[0], &solution.strategies[1]);
        // x guarantees at least the value against every column, y at most against every row.
        for j in 0..n {
            let column: Rational = a.iter().zip(x).map(|(row, xi)| &row[j] * xi).sum();
            prop_assert!(column >= solution.value);
        }
        for row in a.iter() {
            let value: Rational = row.iter().zip(y).map(|(aij, yj)| aij * yj).sum();
            prop_assert!(value <= solution.value);
        }
    }

    #[test]
    fn nfg_round_trips(game in games(3, 50)) {
        prop_assert_eq!(nfg::parse(&nfg::write_payoffs(&game)).unwrap(), game.clone());
        let via_outcomes = nfg::parse(&nfg::write_outcomes(&game)).unwrap();
        for k in 0..game.num_profiles() {
            for i in 0..2 {
                prop_assert_eq!(via_outcomes.payoff(k, i), game.payoff(k, i));
            }
        }
        prop_assert_eq!(nfg::parse(&nfg::write_outcomes(&via_outcomes)).unwrap(), via_outcomes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    /// Any QRE the tracer returns satisfies the logit equations, recomputed from the game.
    #[test]
    fn qre_solves_the_logit_equations(game in games(3, 5), lambda in 0.0f64..4.0) {
        let point = brink_games::qre::qre_at(&game, lambda).unwrap();
        let values = game.strategy_values_f64(&point.profile);
        for (probs, vals) in point.profile.iter().zip(&values) {
            let top = vals.iter().cloned().fold(f64::MIN, f64::max);
            let weights: Vec<f64> = vals.iter().map(|v| (lambda * (v - top)).exp()).collect();
            let total: f64 = weights.iter().sum();
            for (p, w) in probs.iter().zip(&weights) {
                prop_assert!((p - w / total).abs() < 1e-9, "{:?} vs {:?}", probs, weights);
            }
        }
    }
}
