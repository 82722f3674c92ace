//! Problems found in a scenario, with where they are: file, line, column, and the dotted path
//! of the field.

use std::fmt;
use std::ops::Range;

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A byte range of the scenario text.
    Span(Range<usize>),
    /// A `--set PATH=VALUE` override given on the command line.
    Override(String),
    /// The file as a whole (e.g. a missing section).
    File,
}

/// One problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Dotted path of the field (`actors.russia.response_prob`), or empty for syntax errors.
    pub path: String,
    /// Where it is.
    pub origin: Origin,
    /// What is wrong and what was expected.
    pub message: String,
}

/// Every problem found in one scenario file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ScenarioError {
    /// The file's name as the user gave it (or `bundled:NAME`).
    pub file: String,
    /// The text the positions refer to.
    pub source_text: String,
    /// The problems, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl ScenarioError {
    /// An error about the file as a whole (missing, unreadable, unknown bundled name).
    pub fn whole_file(file: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            source_text: String::new(),
            diagnostics: vec![Diagnostic { path: String::new(), origin: Origin::File, message: message.into() }],
        }
    }

    /// 1-based line and column of byte `offset` in the source text (columns count characters).
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        line_column(&self.source_text, offset)
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl fmt::Display for ScenarioError {
    /// One block per problem:
    /// `FILE:LINE:COL: error: PATH: MESSAGE`, then the source line with a caret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.diagnostics.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            let path = if diagnostic.path.is_empty() { String::new() } else { format!("{}: ", diagnostic.path) };
            match &diagnostic.origin {
                Origin::Span(span) => {
                    let (line, column) = self.line_column(span.start);
                    writeln!(f, "{}:{line}:{column}: error: {path}{}", self.file, diagnostic.message)?;
                    if let Some(text) = self.source_text.lines().nth(line - 1) {
                        let width = text[..].chars().count();
                        let underline =
                            self.source_text[span.clone()].chars().take_while(|&c| c != '\n').count().max(1);
                        let underline = underline.min(width.saturating_sub(column - 1).max(1));
                        writeln!(f, "{line:>5} | {text}")?;
                        write!(f, "      | {}{}", " ".repeat(column - 1), "^".repeat(underline))?;
                    }
                }
                Origin::Override(flag) => {
                    write!(f, "{} (--set {flag}): error: {path}{}", self.file, diagnostic.message)?;
                }
                Origin::File => {
                    write!(f, "{}: error: {path}{}", self.file, diagnostic.message)?;
                }
            }
        }
        if self.diagnostics.len() > 1 {
            write!(f, "\n{} problems found", self.diagnostics.len())?;
        }
        Ok(())
    }
}

impl miette::Diagnostic for ScenarioError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("brink::scenario"))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source_text)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        Some(Box::new(self.diagnostics.iter().filter_map(|d| match &d.origin {
            Origin::Span(span) => {
                Some(miette::LabeledSpan::new(Some(format!("{}: {}", d.path, d.message)), span.start, span.len()))
            }
            _ => None,
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, 10), (2, 4)); // after "bé " (é is two bytes)
    }
}
