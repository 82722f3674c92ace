//! Logit QRE against the fixed-point equation solved independently.

use brink_games::qre::{QreConfig, qre_at, trace};

use crate::fixture;

fn logistic(t: f64) -> f64 {
    1.0 / (1.0 + (-t).exp())
}

/// McKelvey & Palfrey's asymmetric matching pennies: the row player gets 9 at (H, H) and 1 at
/// (T, T), the column player 1 when the coins differ.
fn asymmetric_pennies() -> brink_games::Game {
    let text = "NFG 1 R \"\" { \"1\" \"2\" } { 2 2 }\n9 0 0 1 0 1 1 0\n";
    brink_games::nfg::parse(text).unwrap()
}

/// The QRE of the asymmetric pennies by bisection: with `q(p) = σ(λ(1 − 2p))` the column
/// player's logit response, `p − σ(λ(10 q(p) − 1))` increases in `p`, so it has one root.
fn pennies_by_bisection(lambda: f64) -> (f64, f64) {
    let q_of = |p: f64| logistic(lambda * (1.0 - 2.0 * p));
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid - logistic(lambda * (10.0 * q_of(mid) - 1.0)) > 0.0 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let p = 0.5 * (lo + hi);
    (p, q_of(p))
}

#[test]
fn asymmetric_pennies_matches_the_fixed_point() {
    let game = asymmetric_pennies();
    for lambda in [0.1, 0.5, 1.0, 2.0, 5.0, 20.0] {
        let point = qre_at(&game, lambda).unwrap();
        let (p, q) = pennies_by_bisection(lambda);
        assert_eq!(point.lambda, lambda);
        assert!((point.profile[0][0] - p).abs() < 1e-9, "λ={lambda}: {:?} vs {p}", point.profile);
        assert!((point.profile[1][0] - q).abs() < 1e-9, "λ={lambda}: {:?} vs {q}", point.profile);
    }
}

#[test]
fn branch_starts_uniform_and_approaches_the_nash_equilibrium() {
    let game = asymmetric_pennies();
    let points = trace(&game, 500.0, &QreConfig::default()).unwrap();
    assert_eq!(points[0].profile, vec![vec![0.5, 0.5], vec![0.5, 0.5]]);
    assert!(points.windows(2).all(|w| w[1].lambda > w[0].lambda));
    // The unique Nash equilibrium is x = (1/2, 1/2), y = (1/10, 9/10).
    let last = points.last().unwrap();
    assert!((last.profile[0][0] - 0.5).abs() < 1e-2, "{last:?}");
    assert!((last.profile[1][0] - 0.1).abs() < 1e-2, "{last:?}");
}

#[test]
fn three_player_qre_satisfies_the_logit_equations() {
    // Independent check: recompute the expected payoffs from the game and apply the logit rule.
    let game = fixture("three.nfg");
    let lambda = 3.0;
    let point = qre_at(&game, lambda).unwrap();
    let values = game.strategy_values_f64(&point.profile);
    for (probs, vals) in point.profile.iter().zip(&values) {
        let weights: Vec<f64> = vals.iter().map(|v| (lambda * v).exp()).collect();
        let total: f64 = weights.iter().sum();
        for (p, w) in probs.iter().zip(&weights) {
            assert!((p - w / total).abs() < 1e-10, "{probs:?} vs {weights:?}");
        }
    }
    // On the principal branch the payoff-dominant (b, b, b) is more likely than (a, a, a).
    assert!(point.profile[0][1] > 0.5);
}

#[test]
fn lambda_zero_is_uniform_and_bad_lambda_is_refused() {
    let game = fixture("rps.nfg");
    let point = qre_at(&game, 0.0).unwrap();
    assert_eq!(point.profile[0], vec![1.0 / 3.0; 3]);
    assert!(qre_at(&game, -1.0).is_err());
    assert!(qre_at(&game, f64::NAN).is_err());
}

/// pygambit's logit tracer (an independent implementation) at the λ it reports; the fixture
/// and the command that made it are in tests/data/pygambit/qre.tsv.
#[test]
fn matches_pygambit() {
    let path = format!("{}/tests/data/pygambit/qre.tsv", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let mut checked = 0;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        let game = fixture(fields[0]);
        let lambda: f64 = fields[1].parse().unwrap();
        let expected: Vec<Vec<f64>> =
            fields[2].split(';').map(|player| player.split(',').map(|p| p.parse().unwrap()).collect()).collect();
        let point = qre_at(&game, lambda).unwrap();
        for (mine, theirs) in point.profile.iter().flatten().zip(expected.iter().flatten()) {
            assert!((mine - theirs).abs() < 1e-8, "{line}: {:?}", point.profile);
        }
        checked += 1;
    }
    assert_eq!(checked, 11);
}

#[test]
fn battle_of_the_sexes_stays_on_the_symmetric_branch() {
    // Swapping the players and the labels maps Battle of the Sexes to itself, so the branch
    // from λ = 0 starts on the symmetric curve q_Opera = 1 − p_Opera, where the row player's
    // logit response gives p = σ(λ(2 − 3p)) (Opera pays 2q, Football 1 − q); the left side
    // minus the right increases in p, so bisection finds the one root. At λ ≈ 1.37 (where
    // 3λp(1 − p) = 1) asymmetric QREs branch off (pygambit follows one of them); brink's
    // arclength continuation keeps the smooth, symmetric curve, which ends at the mixed
    // equilibrium (2/3, 1/3).
    let game = fixture("bos.nfg");
    for lambda in [0.5, 2.0, 5.0, 50.0] {
        let (mut lo, mut hi) = (0.0f64, 1.0f64);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if mid - logistic(lambda * (2.0 - 3.0 * mid)) > 0.0 { hi = mid } else { lo = mid }
        }
        let p = 0.5 * (lo + hi);
        let point = qre_at(&game, lambda).unwrap();
        assert!((point.profile[0][0] - p).abs() < 1e-9, "λ={lambda}: {:?} vs {p}", point.profile);
        assert!((point.profile[1][0] - (1.0 - p)).abs() < 1e-9, "λ={lambda}: {:?}", point.profile);
    }
}

/// A degenerate 3×3 game (each strategy earns the same against the other's uniform mix, for
/// both players) in which the path follower used to fail: the centroid solves the logit
/// equations at every λ, so it is the principal branch. Checked against the equations
/// themselves: at the uniform profile each strategy's expected payoff, computed here by hand
/// from the payoff table, is the same, so the logit response is uniform.
#[test]
fn a_game_whose_centroid_is_a_qre_at_every_lambda() {
    let game = fixture("centroid-3x3.nfg");
    // Player 1's payoffs by (row, column), player 2's likewise, read off the file.
    let a = [[1, 2, -2], [-2, 1, 2], [-2, 2, 1]];
    let b = [[-3, 1, -3], [-3, -3, -3], [1, -3, 1]];
    let row_sums: Vec<i32> = a.iter().map(|r| r.iter().sum()).collect();
    let column_sums: Vec<i32> = (0..3).map(|c| b.iter().map(|r| r[c]).sum()).collect();
    assert!(row_sums.iter().all(|&s| s == row_sums[0]) && column_sums.iter().all(|&s| s == column_sums[0]));
    assert!(brink_games::qre::centroid_is_stationary(&game));
    for lambda in [0.5, 2.0, 7.3, 100.0, 1e6] {
        let point = qre_at(&game, lambda).unwrap();
        assert_eq!(point.lambda, lambda);
        for probs in &point.profile {
            for &p in probs {
                assert!((p - 1.0 / 3.0).abs() < 1e-15, "λ = {lambda}: {probs:?}");
            }
        }
    }
    // An ordinary game is not mistaken for one.
    assert!(!brink_games::qre::centroid_is_stationary(&asymmetric_pennies()));
}
