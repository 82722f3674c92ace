//! Leduc hold'em written out as a `.efg` text, for the tests and the benchmarks.

use std::collections::HashMap;
use std::fmt::Write as _;

/// Leduc hold'em (Southey et al. 2005, "Bayes' bluff"): six cards (two each of J, Q, K), a
/// one-chip ante, one private card each, a betting round with bets of 2, a public card, a
/// betting round with bets of 4; at most two bets or raises per round. A pair with the
/// public card wins, else the higher card; equal cards split.
pub(crate) fn leduc() -> String {
    struct W {
        out: String,
        chance: usize,
        infosets: [HashMap<String, usize>; 2],
        outcomes: HashMap<i64, usize>,
    }
    impl W {
        fn terminal(&mut self, payoff1: i64) {
            let next = self.outcomes.len() + 1;
            match self.outcomes.get(&payoff1) {
                Some(k) => {
                    let _ = writeln!(self.out, "t \"\" {k}");
                }
                None => {
                    self.outcomes.insert(payoff1, next);
                    let _ = writeln!(self.out, "t \"\" {next} \"\" {{ {payoff1}, {} }}", -payoff1);
                }
            }
        }
        fn chance(&mut self, name: &str, options: &[(usize, i64, i64)]) {
            self.chance += 1;
            let items: Vec<String> = options.iter().map(|(r, n, d)| format!("\"{}\" {n}/{d}", RANKS[*r])).collect();
            let _ = writeln!(self.out, "c \"{name}\" {} \"\" {{ {} }} 0", self.chance, items.join(" "));
        }
        fn decision(&mut self, player: usize, key: String, actions: &[&str]) {
            let next = self.infosets[player].len() + 1;
            let number = *self.infosets[player].entry(key.clone()).or_insert(next);
            let list: Vec<String> = actions.iter().map(|a| format!("\"{a}\"")).collect();
            let _ = writeln!(self.out, "p \"\" {} {number} \"{key}\" {{ {} }} 0", player + 1, list.join(" "));
        }
    }
    const RANKS: [&str; 3] = ["J", "Q", "K"];
    #[allow(clippy::too_many_arguments)]
    fn round(
        w: &mut W,
        cards: [usize; 2],
        public: Option<usize>,
        history: String,
        put: [i64; 2],
        mover: usize,
        raises: u32,
        facing: bool,
        checks: u32,
    ) {
        let bet = if public.is_none() { 2 } else { 4 };
        let key =
            format!("{}{}:{history}", RANKS[cards[mover]], public.map_or(String::new(), |p| format!("/{}", RANKS[p])));
        let other = 1 - mover;
        if facing {
            let mut actions = vec!["fold", "call"];
            if raises < 2 {
                actions.push("raise");
            }
            w.decision(mover, key, &actions);
            // Fold: the mover loses what it put in.
            w.terminal(if mover == 0 { -put[0] } else { put[1] });
            let mut called = put;
            called[mover] = put[other];
            end_of_round(w, cards, public, format!("{history}c"), called);
            if raises < 2 {
                let mut raised = put;
                raised[mover] = put[other] + bet;
                round(w, cards, public, format!("{history}r"), raised, other, raises + 1, true, checks);
            }
        } else {
            w.decision(mover, key, &["check", "bet"]);
            if checks == 1 {
                end_of_round(w, cards, public, format!("{history}k"), put);
            } else {
                round(w, cards, public, format!("{history}k"), put, other, raises, false, checks + 1);
            }
            let mut raised = put;
            raised[mover] = put[other] + bet;
            round(w, cards, public, format!("{history}b"), raised, other, raises + 1, true, checks);
        }
    }
    fn end_of_round(w: &mut W, cards: [usize; 2], public: Option<usize>, history: String, put: [i64; 2]) {
        match public {
            None => {
                let mut left = [2i64; 3];
                left[cards[0]] -= 1;
                left[cards[1]] -= 1;
                let options: Vec<(usize, i64, i64)> =
                    (0..3).filter(|&r| left[r] > 0).map(|r| (r, left[r], 4)).collect();
                w.chance("public", &options);
                for (r, _, _) in options {
                    round(w, cards, Some(r), format!("{history}/"), put, 0, 0, false, 0);
                }
            }
            Some(p) => {
                let strength = |c: usize| if c == p { 10 } else { c };
                let (s1, s2) = (strength(cards[0]), strength(cards[1]));
                w.terminal(match s1.cmp(&s2) {
                    std::cmp::Ordering::Greater => put[1],
                    std::cmp::Ordering::Less => -put[0],
                    std::cmp::Ordering::Equal => 0,
                });
            }
        }
    }
    let mut w = W {
        out: "EFG 2 R \"Leduc hold'em\" { \"Player 1\" \"Player 2\" }\n\"\"\n\n".into(),
        chance: 0,
        infosets: [HashMap::new(), HashMap::new()],
        outcomes: HashMap::new(),
    };
    w.chance("card 1", &[(0, 1, 3), (1, 1, 3), (2, 1, 3)]);
    for c1 in 0..3 {
        let options: Vec<(usize, i64, i64)> = (0..3).map(|r| (r, if r == c1 { 1 } else { 2 }, 5)).collect();
        w.chance("card 2", &options);
        for c2 in 0..3 {
            round(&mut w, [c1, c2], None, String::new(), [1, 1], 0, 0, false, 0);
        }
    }
    w.out
}
