//! Hostile input, extended: the scenario, record, plan, `.nfg` and `.efg` readers fed the
//! bundled and test files with numbers swapped for extreme ones (±1e308, subnormals, ±0,
//! integers at and past i64, inf, nan, wrong types), lines dropped or repeated, and cut short.
//! Every reader answers with a value or an error that names a place, never a panic; a
//! scenario it accepts runs (a few runs) with counts that add up and, for every belief, a
//! tilted prior that keeps each red line its prior allows (the class of "bias 1e308 is
//! silently bias 0"). Run in CI with the workspace tests (`cargo test -p brink-app`).

use brink_scenario::plan::{bundled as plans, load_plan_str};
use brink_scenario::record::load_record_str;
use proptest::prelude::*;

/// What replaces a number.
const HOSTILE: [&str; 24] = [
    "1e308",
    "-1e308",
    "1.7976931348623157e308",
    "1e-320",
    "-1e-320",
    "4.9e-324",
    "0",
    "-0",
    "-0.0",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551615",
    "99999999999999999999999",
    "inf",
    "-inf",
    "nan",
    "1e400",
    "-1",
    "0.5",
    "1000000",
    "\"x\"",
    "[]",
    "{}",
    "true",
];

/// More for game files: rationals, huge numerators, a zero denominator.
const HOSTILE_GAME: [&str; 8] = ["1/0", "0/0", "-1/3", "123456789012345678901234567890", "1e308", "-0", "3.", "1/-2"];

/// The byte ranges of number-like tokens in `text`.
fn numbers(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit()
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b'-'));
        if starts {
            let start = if i > 0 && bytes[i - 1] == b'-' { i - 1 } else { i };
            let mut end = i;
            while end < bytes.len() && (bytes[end].is_ascii_digit() || b".eE+-_".contains(&bytes[end])) {
                end += 1;
            }
            spans.push((start, end));
            i = end;
        } else {
            i += 1;
        }
    }
    spans
}

/// One hostile edit of a file.
#[derive(Debug, Clone)]
enum Edit {
    /// Replace the number at this index (mod the count) with a hostile token.
    Number(usize, &'static str),
    /// Drop the line at this index (mod the count).
    DropLine(usize),
    /// Repeat the line at this index (mod the count).
    RepeatLine(usize),
    /// Cut the text at this fraction of its length (per mille).
    Cut(usize),
}

fn edit(pool: &'static [&'static str]) -> impl Strategy<Value = Edit> {
    prop_oneof![
        6 => (any::<usize>(), proptest::sample::select(pool)).prop_map(|(i, t)| Edit::Number(i, t)),
        1 => any::<usize>().prop_map(Edit::DropLine),
        1 => any::<usize>().prop_map(Edit::RepeatLine),
        1 => (0usize..1000).prop_map(Edit::Cut),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut text = text.to_owned();
    for e in edits {
        match *e {
            Edit::Number(i, token) => {
                let spans = numbers(&text);
                if !spans.is_empty() {
                    let (start, end) = spans[i % spans.len()];
                    text.replace_range(start..end, token);
                }
            }
            Edit::DropLine(i) | Edit::RepeatLine(i) => {
                let mut lines: Vec<&str> = text.lines().collect();
                if !lines.is_empty() {
                    let k = i % lines.len();
                    if matches!(e, Edit::DropLine(_)) {
                        lines.remove(k);
                    } else {
                        lines.insert(k, lines[k]);
                    }
                }
                text = lines.join("\n");
            }
            Edit::Cut(per_mille) => {
                let mut cut = text.len() * per_mille / 1000;
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                text.truncate(cut);
            }
        }
    }
    text
}

/// An error message must say where: a file name and a line, or at least the file.
fn names_a_place(message: &str, file: &str) {
    assert!(message.contains(file), "the error does not name {file}: {message}");
}

/// A scenario the reader accepted: a few runs complete with counts that add up, and every
/// belief's tilt keeps the red lines its prior allows.
fn accepted_scenario_runs(loaded: &brink_scenario::Loaded) {
    for actor in &loaded.scenario.actors {
        for belief in &actor.beliefs {
            assert!(
                brink_engine::belief::bias_is_representable(belief.prior.probs(), belief.bias),
                "accepted a bias that loses red lines: {}",
                belief.bias
            );
        }
    }
    if loaded.scenario.rules.max_turns > 200 {
        return; // a long but legal game: not what this test is for
    }
    let config = brink_app::run::config(loaded, Some(8), Some(1), Some(1));
    if let Ok(summary) = brink_app::run::run(loaded, &config, &mut ()) {
        assert_eq!(summary.outcomes.iter().sum::<u64>(), 8);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn scenarios_with_hostile_numbers(which in 0usize..64, edits in proptest::collection::vec(edit(&HOSTILE), 1..5)) {
        let names = brink_scenario::bundled::names();
        let name = names[which % names.len()];
        let text = apply(brink_scenario::bundled::text(name).unwrap(), &edits);
        match brink_scenario::load_str("hostile.toml", &text, &[]) {
            Ok(loaded) => accepted_scenario_runs(&loaded),
            Err(error) => names_a_place(&error.to_string(), "hostile.toml"),
        }
    }

    #[test]
    fn records_with_hostile_numbers(edits in proptest::collection::vec(edit(&HOSTILE), 1..5)) {
        let scenario = brink_scenario::load_bundled("cuban-1962", &[]).unwrap();
        let text = apply(include_str!("../../../../records/cuban-1962.toml"), &edits);
        if let Err(error) = load_record_str("hostile.toml", "hostile", &text, &scenario.scenario) {
            names_a_place(&error.to_string(), "hostile.toml");
        }
    }

    #[test]
    fn plans_with_hostile_numbers(which in 0usize..64, edits in proptest::collection::vec(edit(&HOSTILE), 1..5)) {
        let names = plans::names();
        let name = names[which % names.len()];
        let text = apply(plans::text(name).unwrap(), &edits);
        match load_plan_str("hostile.toml", "hostile", &text, &brink_app::strike::resolve_city) {
            // Lowering checks yields and heights again; a refusal is bad input, not a panic.
            Ok(plan) => { let _ = brink_app::strike::lower(&plan); }
            Err(error) => names_a_place(&error.to_string(), "hostile.toml"),
        }
    }

    #[test]
    fn nfg_games_with_hostile_numbers(which in 0usize..64, edits in proptest::collection::vec(edit(&HOSTILE_GAME), 1..5)) {
        const GAMES: [&str; 6] = [
            include_str!("../../../brink-games/tests/data/bos.nfg"),
            include_str!("../../../brink-games/tests/data/chicken.nfg"),
            include_str!("../../../brink-games/tests/data/three.nfg"),
            include_str!("../../../brink-games/tests/data/rps.nfg"),
            include_str!("../../../brink-games/tests/data/degenerate.nfg"),
            include_str!("../../../brink-games/tests/data/zeros.nfg"),
        ];
        let text = apply(GAMES[which % GAMES.len()], &edits);
        if let Ok(game) = brink_games::nfg::parse(&text)
            && game.num_profiles() <= 4096
        {
            let _ = brink_games::pure_equilibria(&game);
        }
    }

    #[test]
    fn efg_games_with_hostile_numbers(which in 0usize..64, edits in proptest::collection::vec(edit(&HOSTILE_GAME), 1..5)) {
        const GAMES: [&str; 4] = [
            include_str!("../../../brink-games/tests/data/entry.efg"),
            include_str!("../../../brink-games/tests/data/kuhn.efg"),
            include_str!("../../../brink-games/tests/data/degenerate.efg"),
            include_str!("../../../brink-games/tests/data/sharing.efg"),
        ];
        let text = apply(GAMES[which % GAMES.len()], &edits);
        if let Ok(game) = brink_games::efg::parse(&text) {
            let _ = brink_games::efg::nash_conv(&game, &game.uniform_behavior());
            let _ = brink_games::efg::enumpure(&game);
        }
    }
}
