//! Gambit's strategic-form file format, `.nfg`, both versions, for any number of players.
//!
//! The format (Gambit manual, "Game representation formats", strategic games):
//!
//! ```text
//! NFG 1 R "title" { "Player 1" "Player 2" } { 2 2 }     <- strategy counts, or
//!                                   { { "a" "b" } { "x" "y" } }  <- strategy labels
//! "optional comment"
//! 1 1 0 2 0 2 1 1                  <- payoff version: one payoff per player per profile
//! ```
//!
//! The outcome version replaces the payoff list by a list of named outcomes
//! `{ { "name" 1, -1 } ... }` and one outcome number per profile (0 = null outcome).
//! Profiles are listed with the first player's strategy changing fastest. Numbers may be
//! integers, decimals (`1.25`, `1e-3`) or fractions (`3/4`) and are read exactly.

use std::fmt::Write as _;

use num_bigint::BigInt;
use num_traits::{One, Zero};

use crate::game::{Game, Outcome, OutcomeTable, Player};
use crate::{GameError, Rational};

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    Str(String),
    Open,
    Close,
    Comma,
    Number(Rational),
    Word(String),
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub(crate) tok: Tok,
    pub(crate) text: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
}

pub(crate) fn lex(input: &str) -> Result<Vec<Token>, GameError> {
    let mut tokens = Vec::new();
    let mut chars = input.char_indices().peekable();
    let (mut line, mut line_start) = (1usize, 0usize);
    while let Some(&(start, c)) = chars.peek() {
        let column = input[line_start..start].chars().count() + 1;
        let at = |tok: Tok, text: &str| Token { tok, text: text.to_string(), line, column };
        match c {
            '\n' => {
                chars.next();
                line += 1;
                line_start = start + 1;
            }
            c if c.is_whitespace() => {
                chars.next();
            }
            '{' => {
                chars.next();
                tokens.push(at(Tok::Open, "{"));
            }
            '}' => {
                chars.next();
                tokens.push(at(Tok::Close, "}"));
            }
            ',' => {
                chars.next();
                tokens.push(at(Tok::Comma, ","));
            }
            '"' => {
                chars.next();
                let mut value = String::new();
                let mut closed = false;
                let (start_line, start_column) = (line, column);
                while let Some((i, c)) = chars.next() {
                    match c {
                        '"' => {
                            closed = true;
                            break;
                        }
                        '\\' => {
                            if let Some((_, escaped)) = chars.next() {
                                value.push(escaped);
                            }
                        }
                        '\n' => {
                            line += 1;
                            line_start = i + 1;
                            value.push(c);
                        }
                        c => value.push(c),
                    }
                }
                if !closed {
                    return Err(GameError::Parse {
                        line: start_line,
                        column: start_column,
                        token: "\"".into(),
                        message: "unterminated string".into(),
                    });
                }
                tokens.push(Token {
                    tok: Tok::Str(value.clone()),
                    text: format!("\"{value}\""),
                    line: start_line,
                    column: start_column,
                });
            }
            _ => {
                let mut end = start;
                while let Some(&(i, c)) = chars.peek() {
                    if c.is_whitespace() || matches!(c, '{' | '}' | ',' | '"') {
                        break;
                    }
                    end = i + c.len_utf8();
                    chars.next();
                }
                let text = &input[start..end];
                let tok = if text.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    Tok::Word(text.to_string())
                } else {
                    match parse_number(text) {
                        Some(value) => Tok::Number(value),
                        None => {
                            return Err(GameError::Parse {
                                line,
                                column,
                                token: text.into(),
                                message: "not a number".into(),
                            });
                        }
                    }
                };
                tokens.push(at(tok, text));
            }
        }
    }
    Ok(tokens)
}

/// Reads a number exactly: an integer, a fraction `p/q`, or a decimal with optional exponent.
pub fn parse_number(text: &str) -> Option<Rational> {
    if let Some((num, den)) = text.split_once('/') {
        let num: BigInt = parse_integer(num)?;
        let den: BigInt = parse_integer(den)?;
        return (!den.is_zero()).then(|| Rational::new(num, den));
    }
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], text[i + 1..].parse::<i32>().ok()?),
        None => (text, 0),
    };
    let (negative, digits) = match mantissa.as_bytes().first()? {
        b'-' => (true, &mantissa[1..]),
        b'+' => (false, &mantissa[1..]),
        _ => (false, mantissa),
    };
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
    if int_part.is_empty() && frac_part.is_empty()
        || !int_part.bytes().chain(frac_part.bytes()).all(|b| b.is_ascii_digit())
        || exponent.unsigned_abs() > 4000
    {
        return None;
    }
    let all_digits = format!("{int_part}{frac_part}");
    let mut value = Rational::from_integer(all_digits.parse::<BigInt>().ok()?);
    let scale = exponent - frac_part.len() as i32;
    let ten = Rational::from_integer(BigInt::from(10));
    let power = num_traits::pow(ten, scale.unsigned_abs() as usize);
    if scale >= 0 {
        value *= power;
    } else {
        value /= power;
    }
    Some(if negative { -value } else { value })
}

fn parse_integer(text: &str) -> Option<BigInt> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

pub(crate) struct Parser {
    pub(crate) tokens: Vec<Token>,
    pub(crate) pos: usize,
    /// Where the input ends, for "unexpected end of file" errors.
    pub(crate) end: (usize, usize),
}

impl Parser {
    pub(crate) fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    pub(crate) fn error(&self, message: impl Into<String>) -> GameError {
        match self.peek() {
            Some(t) => {
                GameError::Parse { line: t.line, column: t.column, token: t.text.clone(), message: message.into() }
            }
            None => GameError::Parse {
                line: self.end.0,
                column: self.end.1,
                token: "end of file".into(),
                message: message.into(),
            },
        }
    }

    pub(crate) fn next_if(&mut self, want: &Tok) -> bool {
        if self.peek().is_some_and(|t| &t.tok == want) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub(crate) fn expect(&mut self, want: &Tok, what: &str) -> Result<(), GameError> {
        if self.next_if(want) { Ok(()) } else { Err(self.error(format!("expected {what}"))) }
    }

    pub(crate) fn string(&mut self, what: &str) -> Result<String, GameError> {
        match self.peek().map(|t| &t.tok) {
            Some(Tok::Str(s)) => {
                let s = s.clone();
                self.pos += 1;
                Ok(s)
            }
            _ => Err(self.error(format!("expected {what} (a quoted string)"))),
        }
    }

    pub(crate) fn number(&mut self, what: &str) -> Result<Rational, GameError> {
        match self.peek().map(|t| &t.tok) {
            Some(Tok::Number(n)) => {
                let n = n.clone();
                self.pos += 1;
                Ok(n)
            }
            _ => Err(self.error(format!("expected {what}"))),
        }
    }

    /// A non-negative integer no larger than `max`.
    pub(crate) fn count(&mut self, what: &str, max: usize) -> Result<usize, GameError> {
        let message = format!("expected {what} (an integer from 0 to {max})");
        match self.peek().map(|t| &t.tok) {
            Some(Tok::Number(n)) if n.is_integer() => {
                let value = n.to_integer();
                match usize::try_from(value) {
                    Ok(v) if v <= max => {
                        self.pos += 1;
                        Ok(v)
                    }
                    _ => Err(self.error(message)),
                }
            }
            _ => Err(self.error(message)),
        }
    }
}

/// Parses a game in either version of the `.nfg` format. Errors name the line, column and
/// token where the file stops making sense.
pub fn parse(input: &str) -> Result<Game, GameError> {
    let tokens = lex(input)?;
    let lines = input.split('\n').count();
    let last_column = input.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let mut p = Parser { tokens, pos: 0, end: (lines, last_column) };

    match p.peek().map(|t| &t.tok) {
        Some(Tok::Word(w)) if w == "NFG" => p.pos += 1,
        _ => return Err(p.error("expected \"NFG\" at the start of a strategic-form game")),
    }
    if p.count("the format version 1", 1)? != 1 {
        p.pos -= 1;
        return Err(p.error("only version 1 of the .nfg format exists"));
    }
    match p.peek().map(|t| &t.tok) {
        Some(Tok::Word(w)) if w == "R" || w == "D" => p.pos += 1,
        _ => return Err(p.error("expected the number type \"R\" or \"D\"")),
    }
    let title = p.string("the game's title")?;

    p.expect(&Tok::Open, "\"{\" opening the list of players")?;
    let mut names = Vec::new();
    while !p.next_if(&Tok::Close) {
        names.push(p.string("a player's name or \"}\"")?);
    }
    if names.is_empty() {
        p.pos -= 1;
        return Err(p.error("a game needs at least one player"));
    }

    p.expect(&Tok::Open, "\"{\" opening the strategies")?;
    let mut players = Vec::new();
    for name in &names {
        let strategies = match p.peek().map(|t| &t.tok) {
            Some(Tok::Open) => {
                p.pos += 1;
                let mut labels = Vec::new();
                while !p.next_if(&Tok::Close) {
                    labels.push(p.string("a strategy label or \"}\"")?);
                }
                labels
            }
            _ => {
                let count = p.count("a number of strategies", 1 << 20)?;
                (1..=count).map(|k| k.to_string()).collect()
            }
        };
        if strategies.is_empty() {
            p.pos -= 1;
            return Err(p.error(format!("player \"{name}\" needs at least one strategy")));
        }
        players.push(Player { name: name.clone(), strategies });
    }
    p.expect(&Tok::Close, "\"}\": one strategy entry per player")?;

    let comment = match p.peek().map(|t| &t.tok) {
        Some(Tok::Str(_)) => p.string("a comment")?,
        _ => String::new(),
    };

    let profiles = players
        .iter()
        .try_fold(1usize, |acc, pl| acc.checked_mul(pl.strategies.len()))
        .filter(|&c| c <= 1 << 28)
        .ok_or_else(|| p.error("the game has too many pure profiles"))?;
    let n = players.len();

    let mut game = if p.next_if(&Tok::Open) {
        // Outcome version.
        let mut outcomes = Vec::new();
        while !p.next_if(&Tok::Close) {
            p.expect(&Tok::Open, "\"{\" opening an outcome, or \"}\"")?;
            let name = p.string("the outcome's name")?;
            let mut payoffs = Vec::with_capacity(n);
            while !p.next_if(&Tok::Close) {
                if !payoffs.is_empty() {
                    p.next_if(&Tok::Comma);
                }
                if payoffs.len() == n {
                    return Err(p.error(format!("outcome \"{name}\" has more than {n} payoffs")));
                }
                payoffs.push(p.number("a payoff or \"}\"")?);
            }
            if payoffs.len() != n {
                p.pos -= 1;
                return Err(p.error(format!("outcome \"{name}\" has {} payoffs, expected {n}", payoffs.len())));
            }
            outcomes.push(Outcome { name, payoffs });
        }
        // No capacity from the header: a hostile header could ask for gigabytes.
        let mut profile_outcomes = Vec::new();
        for k in 0..profiles {
            let what = format!("the outcome number of profile {} of {profiles}", k + 1);
            let index = p.count(&what, outcomes.len())?;
            profile_outcomes.push(index.checked_sub(1));
        }
        Game::from_outcomes(title, players, OutcomeTable { outcomes, profile_outcomes })?
    } else {
        // No capacity from the header: a hostile header could ask for gigabytes.
        let mut payoffs = Vec::new();
        for k in 0..profiles {
            let mut row = Vec::with_capacity(n);
            for i in 0..n {
                let what =
                    format!("payoff {} of {} (player {} at profile {})", k * n + i + 1, profiles * n, i + 1, k + 1);
                row.push(p.number(&what)?);
            }
            payoffs.push(row);
        }
        Game::new(title, players, payoffs)?
    };
    if p.peek().is_some() {
        return Err(p.error(format!(
            "unexpected text after the game's {} payoff entries",
            if game.outcome_table().is_some() { profiles } else { profiles * n }
        )));
    }
    game.comment = comment;
    Ok(game)
}

pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Writes a rational as Gambit does in `R` files: `3`, `-1/2`.
pub fn format_rational(r: &Rational) -> String {
    if r.denom().is_one() { r.numer().to_string() } else { format!("{}/{}", r.numer(), r.denom()) }
}

fn header(game: &Game) -> String {
    let mut out = format!("NFG 1 R {} {{", quote(&game.title));
    for p in game.players() {
        let _ = write!(out, " {}", quote(&p.name));
    }
    out.push_str(" }\n{ ");
    for p in game.players() {
        out.push_str("{ ");
        for s in &p.strategies {
            let _ = write!(out, "{} ", quote(s));
        }
        out.push_str("}\n");
    }
    out.push_str("}\n");
    let _ = writeln!(out, "{}\n", quote(&game.comment));
    out
}

/// Writes the payoff version of `.nfg`.
pub fn write_payoffs(game: &Game) -> String {
    let mut out = header(game);
    let n = game.num_players();
    for k in 0..game.num_profiles() {
        let row: Vec<String> = (0..n).map(|i| format_rational(game.payoff(k, i))).collect();
        out.push_str(&row.join(" "));
        out.push('\n');
    }
    out
}

/// Writes the outcome version of `.nfg`: the game's own outcome table if it has one, else one
/// outcome per distinct payoff vector (profiles with all-zero payoffs get the null outcome).
pub fn write_outcomes(game: &Game) -> String {
    let n = game.num_players();
    let table = match game.outcome_table() {
        Some(t) => t.clone(),
        None => {
            let mut outcomes: Vec<Outcome> = Vec::new();
            let mut profile_outcomes = Vec::new();
            for k in 0..game.num_profiles() {
                let payoffs: Vec<Rational> = (0..n).map(|i| game.payoff(k, i).clone()).collect();
                if payoffs.iter().all(Zero::is_zero) {
                    profile_outcomes.push(None);
                    continue;
                }
                let index = match outcomes.iter().position(|o| o.payoffs == payoffs) {
                    Some(i) => i,
                    None => {
                        outcomes.push(Outcome { name: String::new(), payoffs });
                        outcomes.len() - 1
                    }
                };
                profile_outcomes.push(Some(index));
            }
            OutcomeTable { outcomes, profile_outcomes }
        }
    };
    let mut out = header(game);
    out.push_str("{\n");
    for o in &table.outcomes {
        let pays: Vec<String> = o.payoffs.iter().map(format_rational).collect();
        let _ = writeln!(out, "{{ {} {} }}", quote(&o.name), pays.join(", "));
    }
    out.push_str("}\n");
    let numbers: Vec<String> = table.profile_outcomes.iter().map(|o| o.map_or(0, |i| i + 1).to_string()).collect();
    out.push_str(&numbers.join(" "));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64, d: i64) -> Rational {
        Rational::new(n.into(), d.into())
    }

    #[test]
    fn numbers_are_read_exactly() {
        assert_eq!(parse_number("3"), Some(q(3, 1)));
        assert_eq!(parse_number("-3/6"), Some(q(-1, 2)));
        assert_eq!(parse_number("1.25"), Some(q(5, 4)));
        assert_eq!(parse_number(".5"), Some(q(1, 2)));
        assert_eq!(parse_number("2.5e-1"), Some(q(1, 4)));
        assert_eq!(parse_number("1E2"), Some(q(100, 1)));
        assert_eq!(parse_number("1/0"), None);
        assert_eq!(parse_number("1.2.3"), None);
        assert_eq!(parse_number("-"), None);
        assert_eq!(parse_number("."), None);
    }

    #[test]
    fn reads_the_payoff_version() {
        // Gambit's own example e02.nfg (Selten 1975, Figure 2).
        let text = "NFG 1 R \"Selten (IJGT, 75), Figure 2, normal form\"\n\
                    { \"Player 1\" \"Player 2\" } { 3 2 }\n\n1 1 0 2 0 2 1 1 0 3 2 0\n";
        let g = parse(text).unwrap();
        assert_eq!(g.shape(), vec![3, 2]);
        assert_eq!(g.players()[1].strategies, vec!["1", "2"]);
        // Profile (row 3, column 1) is index 2: payoffs (0, 2).
        assert_eq!(g.payoff(2, 1), &q(2, 1));
        assert_eq!(g.payoff(5, 0), &q(2, 1));
    }

    #[test]
    fn reads_the_outcome_version() {
        let text = r#"NFG 1 R "Matching pennies" { "P1" "P2" }
{ { "H" "T" } { "H" "T" } }
"a comment"
{
{ "win" 1, -1 }
{ "lose" -1 1 }
}
1 2 2 0
"#;
        let g = parse(text).unwrap();
        assert_eq!(g.comment, "a comment");
        assert_eq!(g.payoff(1, 0), &q(-1, 1));
        assert_eq!(g.payoff(3, 1), &q(0, 1));
        assert_eq!(g.players()[0].strategies, vec!["H", "T"]);
    }

    fn parse_err(text: &str) -> (usize, usize, String, String) {
        match parse(text) {
            Err(GameError::Parse { line, column, token, message }) => (line, column, token, message),
            other => panic!("expected a parse error, got {other:?}"),
        }
    }

    #[test]
    fn too_few_payoffs_names_the_end_of_file() {
        let (line, _, token, message) = parse_err("NFG 1 R \"\" { \"a\" \"b\" } { 2 2 }\n1 2 3\n");
        assert_eq!((line, token.as_str()), (3, "end of file"));
        assert!(message.contains("payoff 4 of 8"), "{message}");
    }

    #[test]
    fn too_many_payoffs_names_the_extra_token() {
        let (line, column, token, _) = parse_err("NFG 1 R \"\" { \"a\" } { 2 }\n1 2\n  7\n");
        assert_eq!((line, column, token.as_str()), (3, 3, "7"));
    }

    #[test]
    fn a_bad_number_names_line_and_token() {
        let (line, column, token, message) = parse_err("NFG 1 R \"t\" { \"a\" \"b\" } { 1 1 }\n1 x2\n");
        assert_eq!((line, column, token.as_str()), (2, 3, "x2"));
        assert!(message.contains("payoff 2 of 2"), "{message}");
        let (_, _, token, message) = parse_err("NFG 1 R \"t\" { \"a\" } { 1 }\n1/0\n");
        assert_eq!((token.as_str(), message.as_str()), ("1/0", "not a number"));
    }

    #[test]
    fn header_errors() {
        assert_eq!(parse_err("EFG 2 R \"\"").2, "EFG");
        assert_eq!(parse_err("NFG 2 R \"\" { } { }").2, "2");
        assert_eq!(parse_err("NFG 1 R \"\" { } { }").2, "}");
        assert_eq!(parse_err("NFG 1 R \"\" { \"a\" } { 0 }").2, "0");
        assert!(parse_err("NFG 1 R \"unterminated").3.contains("unterminated"));
        assert_eq!(parse_err("NFG 1 R \"\" { \"a\" } { 1 } { { \"o\" 1 } } 2").2, "2");
        assert_eq!(parse_err("NFG 1 R \"\" { \"a\" } { 1 } { { \"o\" 1, 2 } } 1").2, "2");
        assert_eq!(parse_err("").2, "end of file");
    }

    #[test]
    fn quotes_survive_a_round_trip() {
        let text = "NFG 1 R \"say \\\"hi\\\"\" { \"a\\\\b\" } { 1 }\n\"\"\n-1/3\n";
        let g = parse(text).unwrap();
        assert_eq!(g.title, "say \"hi\"");
        assert_eq!(g.players()[0].name, "a\\b");
        assert_eq!(parse(&write_payoffs(&g)).unwrap(), g);
        let outcome_version = parse(&write_outcomes(&g)).unwrap();
        assert_eq!(outcome_version.payoff(0, 0), &q(-1, 3));
    }
}
