//! Textbook games whose equilibria are derived by hand (indifference conditions) in the
//! comments; every two-player method must reproduce them.

use brink_games::{
    Profile, eliminate_strictly_dominated, lemke_howson, pure_equilibria, solve_zero_sum, support_enumeration,
    vertex_enumeration,
};

use crate::{fixture, profile, q};

/// Both enumeration methods give exactly `expected`, and Lemke–Howson from every label
/// lands on one of them.
fn check_all_methods(name: &str, expected: &[Profile]) {
    let game = fixture(name);
    assert_eq!(vertex_enumeration(&game).unwrap(), expected, "{name}: vertex");
    assert_eq!(support_enumeration(&game).unwrap(), expected, "{name}: support");
    let labels: usize = game.shape().iter().sum();
    for label in 0..labels {
        let found = lemke_howson(&game, label).unwrap();
        assert!(expected.contains(&found), "{name}: LH from label {label} gave {found:?}");
    }
}

#[test]
fn prisoners_dilemma_has_only_mutual_defection() {
    check_all_methods("pd.nfg", &[profile(&[&["0", "1"], &["0", "1"]])]);
    // Cooperate is strictly dominated for both.
    assert_eq!(eliminate_strictly_dominated(&fixture("pd.nfg")), vec![vec![1], vec![1]]);
}

#[test]
fn chicken_has_two_pure_and_one_mixed() {
    // Mixed: the opponent is indifferent when 0·p − 1·(1−p) = 1·p − 10·(1−p), so p = 9/10.
    check_all_methods(
        "chicken.nfg",
        &[
            profile(&[&["0", "1"], &["1", "0"]]),
            profile(&[&["9/10", "1/10"], &["9/10", "1/10"]]),
            profile(&[&["1", "0"], &["0", "1"]]),
        ],
    );
}

#[test]
fn battle_of_the_sexes() {
    // Mixed: column indifferent when 1·x = 2·(1−x), x = 2/3; row when 2y = 1−y, y = 1/3.
    check_all_methods(
        "bos.nfg",
        &[
            profile(&[&["0", "1"], &["0", "1"]]),
            profile(&[&["2/3", "1/3"], &["1/3", "2/3"]]),
            profile(&[&["1", "0"], &["1", "0"]]),
        ],
    );
}

#[test]
fn matching_pennies_outcome_version() {
    check_all_methods("pennies.nfg", &[profile(&[&["1/2", "1/2"], &["1/2", "1/2"]])]);
    let solution = solve_zero_sum(&fixture("pennies.nfg")).unwrap();
    assert_eq!(solution.value, q("0"));
    assert_eq!(solution.strategies, profile(&[&["1/2", "1/2"], &["1/2", "1/2"]]));
}

#[test]
fn stag_hunt() {
    // Mixed: Stag pays 4q, Hare pays 3, so q = 3/4.
    check_all_methods(
        "stag.nfg",
        &[
            profile(&[&["0", "1"], &["0", "1"]]),
            profile(&[&["3/4", "1/4"], &["3/4", "1/4"]]),
            profile(&[&["1", "0"], &["1", "0"]]),
        ],
    );
}

#[test]
fn rock_paper_scissors() {
    let third: &[&str] = &["1/3", "1/3", "1/3"];
    check_all_methods("rps.nfg", &[profile(&[third, third])]);
    let solution = solve_zero_sum(&fixture("rps.nfg")).unwrap();
    assert_eq!(solution.value, q("0"));
    assert_eq!(solution.strategies, profile(&[third, third]));
}

#[test]
fn von_stengel_nondegenerate_example() {
    // von Stengel (2002), Handbook of Game Theory vol. 3, ch. 45, the 3×2 example
    // A = [[3,3],[2,5],[0,6]], B = [[3,2],[2,6],[3,1]], with three equilibria. By hand:
    // y_1 = 1/3 equalises middle and bottom (5 − 3y_1 = 6 − 6y_1 = 4 > 3), and x = (0,1/3,2/3)
    // equalises the columns (2x_2 + 3x_3 = 6x_2 + x_3); y_1 = 2/3 equalises top and middle
    // (3 = 5 − 3y_1 > 2), and x = (4/5, 1/5, 0) the columns (3x_1 + 2x_2 = 2x_1 + 6x_2).
    check_all_methods(
        "stengel.nfg",
        &[
            profile(&[&["0", "1/3", "2/3"], &["1/3", "2/3"]]),
            profile(&[&["4/5", "1/5", "0"], &["2/3", "1/3"]]),
            profile(&[&["1", "0", "0"], &["1", "0"]]),
        ],
    );
}

#[test]
fn degenerate_game_lists_extreme_equilibria() {
    // With B(1,2) = 3 the column player is indifferent against the top row, so (top, y) is an
    // equilibrium for every y_1 in [2/3, 1] (top beats middle iff y_1 >= 2/3 and bottom iff
    // y_1 >= 1/2): a component with extreme points y = (2/3, 1/3) and (1, 0). The other
    // equilibrium mixes middle and bottom: y_1 = 1/3 equalises 5 − 3y_1 = 6 − 6y_1, and
    // 2x_2 + 3x_3 = 6x_2 + x_3 gives x = (0, 1/3, 2/3).
    check_all_methods(
        "degenerate.nfg",
        &[
            profile(&[&["0", "1/3", "2/3"], &["1/3", "2/3"]]),
            profile(&[&["1", "0", "0"], &["2/3", "1/3"]]),
            profile(&[&["1", "0", "0"], &["1", "0"]]),
        ],
    );
}

#[test]
fn all_zero_game_has_the_four_pure_profiles_as_extreme_points() {
    let pure = |i: usize, j: usize| {
        let e = |k: usize| {
            if k == 0 { vec!["1", "0"] } else { vec!["0", "1"] }
        };
        let (x, y) = (e(i), e(j));
        profile(&[&x, &y])
    };
    check_all_methods("zeros.nfg", &[pure(1, 1), pure(1, 0), pure(0, 1), pure(0, 0)]);
    assert_eq!(pure_equilibria(&fixture("zeros.nfg")).len(), 4);
}

#[test]
fn pure_equilibria_of_textbook_games() {
    assert_eq!(pure_equilibria(&fixture("rps.nfg")), Vec::<Profile>::new());
    assert_eq!(
        pure_equilibria(&fixture("bos.nfg")),
        vec![profile(&[&["0", "1"], &["0", "1"]]), profile(&[&["1", "0"], &["1", "0"]])]
    );
    let three = fixture("three.nfg");
    assert_eq!(
        pure_equilibria(&three),
        vec![profile(&[&["0", "1"], &["0", "1"], &["0", "1"]]), profile(&[&["1", "0"], &["1", "0"], &["1", "0"]]),]
    );
}

#[test]
fn zero_sum_value_of_a_2x2_with_closed_form() {
    // A = [[a, b], [c, d]] without a saddle point has value (ad − bc)/(a + d − b − c) and
    // x_1 = (d − c)/(a + d − b − c), y_1 = (d − b)/(a + d − b − c). With a=3, b=-1, c=-2,
    // d=1: value 1/7, x = (3/7, 4/7), y = (2/7, 5/7).
    let text = "NFG 1 R \"\" { \"1\" \"2\" } { 2 2 }\n3 -3 -2 2 -1 1 1 -1\n";
    let game = brink_games::nfg::parse(text).unwrap();
    let solution = solve_zero_sum(&game).unwrap();
    assert_eq!(solution.value, q("1/7"));
    assert_eq!(solution.strategies, profile(&[&["3/7", "4/7"], &["2/7", "5/7"]]));
    assert!(matches!(solve_zero_sum(&fixture("bos.nfg")), Err(brink_games::GameError::NotZeroSum(1))));
}

#[test]
fn iesds_reduces_a_game_solvable_by_dominance() {
    // Rows: U strictly dominates D; once D is gone, L strictly dominates R for the column
    // player (1 > 0 against U), though not before (0 < 2 against D).
    let text = "NFG 1 R \"\" { \"1\" \"2\" } { 2 2 }\n3 1 2 0 1 0 0 2\n";
    let game = brink_games::nfg::parse(text).unwrap();
    assert_eq!(eliminate_strictly_dominated(&game), vec![vec![0], vec![0]]);
    let reduced = brink_games::restrict(&game, &[vec![0], vec![0]]).unwrap();
    assert_eq!(reduced.payoff(0, 0), &q("3"));
}

#[test]
fn huge_payoffs_take_the_big_integer_path() {
    // Chicken with every payoff times 10^40 plus 10^45: a positive affine map of each player's
    // payoffs, so the hand-derived equilibria of chicken.nfg stay; the tableau entries no
    // longer fit in i128, so this runs the big-integer fallback.
    let big = |v: i64| format!("{v}{}", "0".repeat(40));
    let offset = format!("1{}", "0".repeat(45));
    let payoffs: Vec<String> = [0, 0, 1, -1, -1, 1, -10, -10]
        .iter()
        .map(|&v| {
            let value =
                brink_games::nfg::parse_number(&big(v)).unwrap() + brink_games::nfg::parse_number(&offset).unwrap();
            brink_games::nfg::format_rational(&value)
        })
        .collect();
    let text = format!("NFG 1 R \"big chicken\" {{ \"1\" \"2\" }} {{ 2 2 }}\n{}\n", payoffs.join(" "));
    let game = brink_games::nfg::parse(&text).unwrap();
    let expected = vec![
        profile(&[&["0", "1"], &["1", "0"]]),
        profile(&[&["9/10", "1/10"], &["9/10", "1/10"]]),
        profile(&[&["1", "0"], &["0", "1"]]),
    ];
    assert_eq!(vertex_enumeration(&game).unwrap(), expected);
    assert_eq!(support_enumeration(&game).unwrap(), expected);
    assert!(expected.contains(&lemke_howson(&game, 1).unwrap()));
}
