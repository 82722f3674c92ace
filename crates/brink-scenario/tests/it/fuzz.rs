//! The reader never panics, whatever it is fed.

use brink_scenario::{Override, load_str};
use proptest::prelude::*;

use crate::MINIMAL;

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    /// Arbitrary text: an error or a scenario, never a panic.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = load_str("fuzz.toml", &text, &[]);
    }

    /// Arbitrary TOML-ish lines appended to a valid scenario (duplicate keys, wrong types,
    /// unknown sections).
    #[test]
    fn arbitrary_additions_never_panic(
        lines in proptest::collection::vec(
            prop_oneof![
                "\\[[a-z.]{1,20}\\]",
                "\\[\\[(events|ladder.rungs)\\]\\]",
                "[a-z_]{1,14} = (-?[0-9]{1,4}(\\.[0-9]{1,3})?|\"[a-z-]{0,12}\"|true|\\{ [a-z\"-]{1,10} = 0\\.[0-9] \\}|\\[\\])",
            ],
            0..12,
        )
    ) {
        let text = format!("{MINIMAL}\n{}\n", lines.join("\n"));
        let _ = load_str("fuzz.toml", &text, &[]);
    }

    /// Arbitrary overrides on a valid scenario.
    #[test]
    fn arbitrary_overrides_never_panic(path in "[a-z_.0-9-]{1,40}", value in "\\PC{0,20}") {
        if let Ok(o) = format!("{path}={value}").parse::<Override>() {
            let _ = load_str("fuzz.toml", MINIMAL, &[o]);
        }
    }

    /// Truncated scenarios (an interrupted download) give an error or a scenario, never a panic.
    #[test]
    fn truncated_files_never_panic(cut in 0usize..400) {
        let cut = cut.min(MINIMAL.len());
        if MINIMAL.is_char_boundary(cut) {
            let _ = load_str("fuzz.toml", &MINIMAL[..cut], &[]);
        }
    }
}
