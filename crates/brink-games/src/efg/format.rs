//! Gambit's extensive-form file format, `.efg` (Gambit manual, "Game representation
//! formats": *The extensive game (.efg) file format*).
//!
//! ```text
//! EFG 2 R "title" { "Player 1" "Player 2" }
//! "optional comment"
//!
//! c "" 1 "deal" { "H" 1/2 "T" 1/2 } 0
//! p "" 1 1 "" { "a" "b" } 0
//! t "" 1 "win" { 1, -1 }
//! ...
//! ```
//!
//! Nodes are listed depth first, parents before children, children in action order. A
//! player node (`p`) gives its name, player number, information set number, optionally the
//! information set's name and action list (required at its first appearance), and an
//! outcome number (0: none) optionally followed by the outcome's name and payoffs (required
//! at its first use). A chance node (`c`) is the same without a player number and with a
//! probability after each action. A terminal node (`t`) gives only a name and an outcome.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{ChanceInfoset, EfgOutcome, ExtensiveGame, GameParts, Infoset, Node, NodeKind};
use crate::nfg::{Parser, Tok, format_rational, lex, quote};
use crate::{GameError, Rational};

/// The largest number of nodes a file may describe (a guard against runaway input).
const MAX_NODES: usize = 1 << 24;

/// Action labels, and their probabilities at a chance move.
type Actions = (Vec<String>, Vec<Rational>);

struct Reader {
    p: Parser,
    players: usize,
    /// Player information sets in order of first appearance, keyed by (player, number).
    infoset_index: BTreeMap<(usize, usize), usize>,
    infosets: Vec<Vec<Infoset>>,
    chance_index: BTreeMap<usize, usize>,
    chance: Vec<ChanceInfoset>,
    outcome_index: BTreeMap<usize, usize>,
    outcomes: Vec<EfgOutcome>,
}

impl Reader {
    fn optional_string(&mut self) -> Result<Option<String>, GameError> {
        match self.p.peek().map(|t| &t.tok) {
            Some(Tok::Str(_)) => self.p.string("a name").map(Some),
            _ => Ok(None),
        }
    }

    /// A list of labels `{ "a" "b" }` (chance: `{ "a" 1/2 "b" 1/2 }`), if one follows.
    fn actions(&mut self, chance: bool) -> Result<Option<Actions>, GameError> {
        if !self.p.next_if(&Tok::Open) {
            return Ok(None);
        }
        let (mut labels, mut probs) = (Vec::new(), Vec::new());
        while !self.p.next_if(&Tok::Close) {
            labels.push(self.p.string("an action label or \"}\"")?);
            if chance {
                self.p.next_if(&Tok::Comma);
                probs.push(self.p.number("the action's probability")?);
                self.p.next_if(&Tok::Comma);
            }
        }
        if labels.is_empty() {
            self.p.pos -= 1;
            return Err(self.p.error("a move needs at least one action"));
        }
        Ok(Some((labels, probs)))
    }

    /// An outcome reference: number, then the name and payoffs at its first use.
    fn outcome(&mut self) -> Result<Option<usize>, GameError> {
        let at = self.p.pos;
        let number = self.p.count("an outcome number (0 for none)", usize::MAX >> 1)?;
        let name = self.optional_string()?;
        let payoffs = if self.p.next_if(&Tok::Open) {
            let mut payoffs = Vec::new();
            while !self.p.next_if(&Tok::Close) {
                if !payoffs.is_empty() {
                    self.p.next_if(&Tok::Comma);
                }
                if payoffs.len() == self.players {
                    return Err(self.p.error(format!("an outcome has {} payoffs, one per player", self.players)));
                }
                payoffs.push(self.p.number("a payoff or \"}\"")?);
            }
            if payoffs.len() != self.players {
                self.p.pos -= 1;
                return Err(self.p.error(format!(
                    "outcome {number} has {} payoffs, expected {}",
                    payoffs.len(),
                    self.players
                )));
            }
            Some(payoffs)
        } else {
            None
        };
        if number == 0 {
            if payoffs.is_some() {
                self.p.pos = at;
                return Err(self.p.error("outcome 0 means no outcome and cannot have payoffs"));
            }
            return Ok(None);
        }
        match (self.outcome_index.get(&number), payoffs) {
            (Some(&k), None) => Ok(Some(k)),
            (Some(&k), Some(payoffs)) => {
                if self.outcomes[k].payoffs != payoffs {
                    self.p.pos = at;
                    return Err(self.p.error(format!("outcome {number} was given different payoffs before")));
                }
                Ok(Some(k))
            }
            (None, Some(payoffs)) => {
                self.outcomes.push(EfgOutcome { number, name: name.unwrap_or_default(), payoffs });
                self.outcome_index.insert(number, self.outcomes.len() - 1);
                Ok(Some(self.outcomes.len() - 1))
            }
            (None, None) => {
                self.p.pos = at;
                Err(self.p.error(format!("outcome {number} is used before its payoffs are given")))
            }
        }
    }

    /// One node line; returns the node and its number of children.
    fn node(&mut self) -> Result<Node, GameError> {
        let kind_at = self.p.pos;
        let kind = match self.p.peek().map(|t| &t.tok) {
            Some(Tok::Word(w)) if w == "p" || w == "c" || w == "t" => w.clone(),
            _ => return Err(self.p.error("expected a node: \"p\", \"c\" or \"t\"")),
        };
        self.p.pos += 1;
        let name = self.p.string("the node's name")?;
        match kind.as_str() {
            "t" => {
                let outcome = self.outcome()?;
                Ok(Node { name, kind: NodeKind::Terminal, outcome, children: Vec::new() })
            }
            "c" => {
                let at = self.p.pos;
                let number = self.p.count("a chance information set number", usize::MAX >> 1)?;
                let set_name = self.optional_string()?;
                let actions = self.actions(true)?;
                let index = match (self.chance_index.get(&number).copied(), actions) {
                    (Some(k), None) => k,
                    (Some(k), Some((labels, probs))) => {
                        if self.chance[k].actions != labels || self.chance[k].probs != probs {
                            self.p.pos = at;
                            return Err(self.p.error(format!(
                                "chance information set {number} was given other actions or probabilities before"
                            )));
                        }
                        k
                    }
                    (None, Some((labels, probs))) => {
                        let total: Rational = probs.iter().sum();
                        if probs.iter().any(|p| p < &Rational::default()) || total != num_traits::One::one() {
                            self.p.pos = at;
                            return Err(self.p.error(format!(
                                "the probabilities of chance information set {number} must be non-negative and add up to 1 (they add up to {})",
                                format_rational(&total)
                            )));
                        }
                        self.chance.push(ChanceInfoset {
                            number,
                            name: set_name.unwrap_or_default(),
                            actions: labels,
                            probs,
                        });
                        self.chance_index.insert(number, self.chance.len() - 1);
                        self.chance.len() - 1
                    }
                    (None, None) => {
                        self.p.pos = at;
                        return Err(self
                            .p
                            .error(format!("chance information set {number} appears first without its actions")));
                    }
                };
                let outcome = self.outcome()?;
                let children = vec![usize::MAX; self.chance[index].actions.len()];
                Ok(Node { name, kind: NodeKind::Chance { infoset: index }, outcome, children })
            }
            _ => {
                let at = self.p.pos;
                let player = self.p.count("a player number", self.players)?;
                if player == 0 {
                    self.p.pos = at;
                    return Err(self.p.error(format!(
                        "expected a player number from 1 to {} (chance nodes are written \"c\")",
                        self.players
                    )));
                }
                let set_at = self.p.pos;
                let number = self.p.count("an information set number", usize::MAX >> 1)?;
                let set_name = self.optional_string()?;
                let actions = self.actions(false)?;
                let key = (player - 1, number);
                let index = match (self.infoset_index.get(&key).copied(), actions) {
                    (Some(k), None) => k,
                    (Some(k), Some((labels, _))) => {
                        if self.infosets[player - 1][k].actions != labels {
                            self.p.pos = set_at;
                            return Err(self.p.error(format!(
                                "information set {number} of player {player} was given other actions before"
                            )));
                        }
                        k
                    }
                    (None, Some((labels, _))) => {
                        let sets = &mut self.infosets[player - 1];
                        sets.push(Infoset { number, name: set_name.unwrap_or_default(), actions: labels });
                        self.infoset_index.insert(key, sets.len() - 1);
                        sets.len() - 1
                    }
                    (None, None) => {
                        self.p.pos = set_at;
                        return Err(self.p.error(format!(
                            "information set {number} of player {player} appears first without its actions"
                        )));
                    }
                };
                let outcome = self.outcome()?;
                let children = vec![usize::MAX; self.infosets[player - 1][index].actions.len()];
                let _ = kind_at;
                Ok(Node { name, kind: NodeKind::Decision { player: player - 1, infoset: index }, outcome, children })
            }
        }
    }
}

/// Parses a game in Gambit's `.efg` format. Errors name the line, column and token where the
/// file stops making sense.
pub fn parse(input: &str) -> Result<ExtensiveGame, GameError> {
    let tokens = lex(input)?;
    let lines = input.split('\n').count();
    let last_column = input.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let mut p = Parser { tokens, pos: 0, end: (lines, last_column) };
    match p.peek().map(|t| &t.tok) {
        Some(Tok::Word(w)) if w == "EFG" => p.pos += 1,
        _ => return Err(p.error("expected \"EFG\" at the start of an extensive-form game")),
    }
    if p.count("the format version 2", 2)? != 2 {
        p.pos -= 1;
        return Err(p.error("only version 2 of the .efg format exists"));
    }
    match p.peek().map(|t| &t.tok) {
        Some(Tok::Word(w)) if w == "R" || w == "D" => p.pos += 1,
        _ => return Err(p.error("expected the number type \"R\" or \"D\"")),
    }
    let title = p.string("the game's title")?;
    p.expect(&Tok::Open, "\"{\" opening the list of players")?;
    let mut players = Vec::new();
    while !p.next_if(&Tok::Close) {
        players.push(p.string("a player's name or \"}\"")?);
    }
    if players.is_empty() {
        p.pos -= 1;
        return Err(p.error("a game needs at least one player"));
    }
    let comment = match p.peek().map(|t| &t.tok) {
        Some(Tok::Str(_)) => p.string("a comment")?,
        _ => String::new(),
    };
    let mut r = Reader {
        p,
        players: players.len(),
        infoset_index: BTreeMap::new(),
        infosets: vec![Vec::new(); players.len()],
        chance_index: BTreeMap::new(),
        chance: Vec::new(),
        outcome_index: BTreeMap::new(),
        outcomes: Vec::new(),
    };
    // Depth first: a stack of (node, next child slot) for nodes still missing children.
    let mut nodes: Vec<Node> = Vec::new();
    let mut open: Vec<(usize, usize)> = Vec::new();
    loop {
        if nodes.len() >= MAX_NODES {
            return Err(r.p.error(format!("the game has more than {MAX_NODES} nodes")));
        }
        let node = r.node()?;
        let index = nodes.len();
        let wants = node.children.len();
        nodes.push(node);
        if let Some((parent, slot)) = open.last_mut() {
            nodes[*parent].children[*slot] = index;
            *slot += 1;
            if *slot == nodes[*parent].children.len() {
                open.pop();
            }
        }
        if wants > 0 {
            open.push((index, 0));
        }
        if open.is_empty() {
            break;
        }
    }
    if r.p.peek().is_some() {
        return Err(r.p.error("unexpected text after the last node of the tree"));
    }
    // Information sets and outcomes in the order of their numbers.
    let mut infosets = Vec::with_capacity(r.infosets.len());
    let mut remap: Vec<Vec<usize>> = Vec::new();
    for sets in r.infosets {
        let (sorted, map) = sort_by_number(sets, |s| s.number);
        infosets.push(sorted);
        remap.push(map);
    }
    let (chance_infosets, chance_map) = sort_by_number(r.chance, |c| c.number);
    let (outcomes, outcome_map) = sort_by_number(r.outcomes, |o| o.number);
    for node in &mut nodes {
        node.outcome = node.outcome.map(|o| outcome_map[o]);
        node.kind = match node.kind {
            NodeKind::Terminal => NodeKind::Terminal,
            NodeKind::Chance { infoset } => NodeKind::Chance { infoset: chance_map[infoset] },
            NodeKind::Decision { player, infoset } => NodeKind::Decision { player, infoset: remap[player][infoset] },
        };
    }
    ExtensiveGame::new(GameParts { title, comment, players, nodes, infosets, chance_infosets, outcomes })
}

/// Sorts items by their file number; returns them and, for each old index, the new one.
fn sort_by_number<T>(items: Vec<T>, number: impl Fn(&T) -> usize) -> (Vec<T>, Vec<usize>) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&k| number(&items[k]));
    let mut map = vec![0; items.len()];
    for (new, &old) in order.iter().enumerate() {
        map[old] = new;
    }
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    let sorted = order.iter().map(|&k| slots[k].take().expect("each index once")).collect();
    (sorted, map)
}

fn labels(out: &mut String, actions: &[String], probs: Option<&[Rational]>) {
    out.push_str("{ ");
    for (k, a) in actions.iter().enumerate() {
        out.push_str(&quote(a));
        out.push(' ');
        if let Some(p) = probs {
            out.push_str(&format_rational(&p[k]));
            out.push(' ');
        }
    }
    out.push('}');
}

fn outcome(out: &mut String, game: &ExtensiveGame, node: &Node) {
    match node.outcome {
        None => out.push_str(" 0"),
        Some(o) => {
            let o = &game.outcomes()[o];
            let payoffs: Vec<String> = o.payoffs.iter().map(format_rational).collect();
            let _ = write!(out, " {} {} {{ {} }}", o.number, quote(&o.name), payoffs.join(", "));
        }
    }
}

/// Writes the game in `.efg` format, as Gambit does: every node on its own line, depth
/// first, with information set and outcome details repeated at every appearance.
pub fn write(game: &ExtensiveGame) -> String {
    let mut out = format!("EFG 2 R {} {{", quote(game.title()));
    for p in game.players() {
        let _ = write!(out, " {}", quote(p));
    }
    out.push_str(" }\n");
    let _ = writeln!(out, "{}\n", quote(game.comment()));
    let mut stack = vec![0usize];
    while let Some(k) = stack.pop() {
        let node = &game.nodes()[k];
        match node.kind {
            NodeKind::Terminal => {
                let _ = write!(out, "t {}", quote(&node.name));
            }
            NodeKind::Chance { infoset } => {
                let c = &game.chance_infosets()[infoset];
                let _ = write!(out, "c {} {} {} ", quote(&node.name), c.number, quote(&c.name));
                labels(&mut out, &c.actions, Some(&c.probs));
            }
            NodeKind::Decision { player, infoset } => {
                let h = &game.infosets()[player][infoset];
                let _ = write!(out, "p {} {} {} {} ", quote(&node.name), player + 1, h.number, quote(&h.name));
                labels(&mut out, &h.actions, None);
            }
        }
        outcome(&mut out, game, node);
        out.push('\n');
        stack.extend(node.children.iter().rev());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIMPLE: &str = r#"EFG 2 R "simple" { "Alice" "Bob" }
"a comment"

c "" 1 "deal" { "H" 1/2 "T" 0.5 } 0
p "" 1 1 "A" { "a" "b" } 0
t "" 1 "one" { 1, -1 }
p "" 2 1 "B" { "x" "y" } 0
t "" 2 "two" { 2 -2 }
t "" 1
p "" 1 2 "A2" { "a" "b" } 0
t "" 3 "three" { 0, 0 }
p "" 2 1 0
t "" 2
t "" 1
"#;

    #[test]
    fn reads_a_small_tree() {
        let g = parse(SIMPLE).unwrap();
        assert_eq!(g.players(), &["Alice".to_string(), "Bob".to_string()]);
        assert_eq!(g.comment(), "a comment");
        assert_eq!(g.nodes().len(), 11);
        assert_eq!(g.num_terminals(), 6);
        assert_eq!(g.infosets()[0].len(), 2);
        assert_eq!(g.infosets()[1].len(), 1);
        assert_eq!(g.members(1, 0), &[3, 8]);
        assert_eq!(g.outcomes().len(), 3);
        assert_eq!(g.chance_infosets()[0].probs[1], Rational::new(1.into(), 2.into()));
    }

    #[test]
    fn write_then_read_is_the_identity() {
        let g = parse(SIMPLE).unwrap();
        let again = parse(&write(&g)).unwrap();
        assert_eq!(g, again);
    }

    fn err(text: &str) -> (usize, usize, String, String) {
        match parse(text) {
            Err(GameError::Parse { line, column, token, message }) => (line, column, token, message),
            other => panic!("expected a parse error, got {other:?}"),
        }
    }

    #[test]
    fn errors_name_line_column_and_token() {
        let bad = SIMPLE.replace("t \"\" 2 \"two\" { 2 -2 }", "t \"\" 2 \"two\" { 2 x }");
        let (line, column, token, _) = err(&bad);
        assert_eq!((line, column, token.as_str()), (8, 18, "x"));
        let (line, _, token, message) = err(&SIMPLE.replace("1/2 \"T\" 0.5", "1/2 \"T\" 0.25"));
        assert_eq!((line, token.as_str()), (4, "1"));
        assert!(message.contains("add up to 1"), "{message}");
        let (_, _, token, message) = err("EFG 2 R \"t\" { \"a\" }\np \"\" 1 1 \"\" { \"x\" } 0\n");
        assert_eq!(token, "end of file");
        assert!(message.contains("node"), "{message}");
        let (_, _, token, _) = err("EFG 2 R \"t\" { \"a\" }\np \"\" 2 1 \"\" { \"x\" } 0\nt \"\" 0\n");
        assert_eq!(token, "2");
        let (_, _, _, message) = err("EFG 2 R \"t\" { \"a\" }\nt \"\" 4\n");
        assert!(message.contains("before its payoffs"), "{message}");
        let (_, _, token, _) = err("EFG 2 R \"t\" { \"a\" }\nt \"\" 0\nt \"\" 0\n");
        assert_eq!(token, "t");
    }
}
