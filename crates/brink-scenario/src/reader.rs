//! Typed reading of a parsed TOML document that collects every problem with its position,
//! instead of stopping at the first.

use std::ops::Range;

use toml_edit::{Item, TableLike, Value};

use crate::diagnostic::{Diagnostic, Origin};

/// Collects diagnostics while a document is read.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    pub(crate) list: Vec<Diagnostic>,
    /// Paths set by `--set`, with the flag text, so their problems point at the flag.
    pub(crate) overridden: Vec<(String, String)>,
}

impl Problems {
    pub(crate) fn report(&mut self, path: &str, span: Option<Range<usize>>, message: impl Into<String>) {
        // The last override of a path is the one in effect (`--set a=1 --set a=2` reads 2).
        let flag = self.overridden.iter().rev().find(|(p, _)| p == path).map(|(_, flag)| flag.clone());
        self.push(path, span, flag, message.into());
    }

    /// Reports the unknown key at `path`: an override of it or of anything inside it (which
    /// created it: `--set beliefs.bias=0` makes a table `beliefs`) is named as its origin, as
    /// the key is in no line of the file.
    fn report_unknown(&mut self, path: &str, span: Option<Range<usize>>, message: String) {
        let inside = |p: &str| p == path || p.strip_prefix(path).is_some_and(|rest| rest.starts_with('.'));
        let flag = self.overridden.iter().rev().find(|(p, _)| inside(p)).map(|(_, flag)| flag.clone());
        self.push(path, span, flag, message);
    }

    fn push(&mut self, path: &str, span: Option<Range<usize>>, flag: Option<String>, message: String) {
        let origin = match flag {
            Some(flag) => Origin::Override(flag),
            None => span.map_or(Origin::File, Origin::Span),
        };
        self.list.push(Diagnostic { path: path.to_owned(), origin, message });
    }
}

/// A value found at a path.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field<'d> {
    pub(crate) item: &'d Item,
    span: Option<(usize, usize)>,
}

impl<'d> Field<'d> {
    fn new(item: &'d Item, span: Option<Range<usize>>) -> Self {
        Self { item, span: span.map(|r| (r.start, r.end)) }
    }

    pub(crate) fn span(&self) -> Option<Range<usize>> {
        self.span.map(|(start, end)| start..end)
    }
}

fn item_span(item: &Item) -> Option<Range<usize>> {
    match item {
        Item::Value(v) => v.span(),
        Item::Table(t) => t.span(),
        Item::ArrayOfTables(a) => a.span(),
        Item::None => None,
    }
}

/// A table (or inline table) being read: remembers which keys were used, so the rest can be
/// reported as unknown.
pub(crate) struct Obj<'d> {
    pub(crate) path: String,
    table: &'d dyn TableLike,
    span: Option<Range<usize>>,
    used: Vec<String>,
}

impl<'d> Obj<'d> {
    /// Reads `item` at `path` as a table; reports and returns `None` otherwise.
    pub(crate) fn of(item: &'d Item, path: &str, problems: &mut Problems) -> Option<Self> {
        match item.as_table_like() {
            Some(table) => Some(Self { path: path.to_owned(), table, span: item_span(item), used: Vec::new() }),
            None => {
                problems.report(path, item_span(item), format!("expected a table, found {}", describe(item)));
                None
            }
        }
    }

    /// Reads a table of an array of tables.
    pub(crate) fn from_table(table: &'d toml_edit::Table, path: &str) -> Self {
        Self { path: path.to_owned(), table, span: table.span(), used: Vec::new() }
    }

    pub(crate) fn span(&self) -> Option<Range<usize>> {
        self.span.clone()
    }

    /// Path of a child key.
    pub(crate) fn child(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_owned() } else { format!("{}.{key}", self.path) }
    }

    /// The field `key`, if present.
    pub(crate) fn get(&mut self, key: &str) -> Option<Field<'d>> {
        let (k, item) = self.table.get_key_value(key)?;
        if item.is_none() {
            return None;
        }
        self.used.push(key.to_owned());
        let span = item_span(item).or_else(|| k.span());
        Some(Field::new(item, span))
    }

    /// The field `key`, reporting it as missing when absent.
    pub(crate) fn require(&mut self, key: &str, expected: &str, problems: &mut Problems) -> Option<Field<'d>> {
        let field = self.get(key);
        if field.is_none() {
            // A section missing from the file has no line to point at.
            let span = if self.path.is_empty() { None } else { self.span.clone() };
            problems.report(&self.path, span, format!("missing `{key}`: expected {expected}"));
        }
        field
    }

    /// All entries (key, key span, field), marking them used.
    pub(crate) fn entries(&mut self) -> Vec<(String, Option<Range<usize>>, Field<'d>)> {
        let mut out = Vec::new();
        for (key, item) in self.table.iter() {
            self.used.push(key.to_owned());
            let key_span = self.table.key(key).and_then(|k| k.span());
            out.push((key.to_owned(), key_span.clone(), Field::new(item, item_span(item).or(key_span))));
        }
        out
    }

    /// Reports every key that was not read.
    pub(crate) fn finish(self, known: &[&str], problems: &mut Problems) {
        for (key, _) in self.table.iter() {
            if !self.used.iter().any(|u| u == key) {
                let span = self.table.key(key).and_then(|k| k.span());
                problems.report_unknown(
                    &self.child(key),
                    span,
                    format!("unknown key `{key}`; expected one of: {}", known.join(", ")),
                );
            }
        }
    }
}

/// A short description of a TOML item's type, for messages.
pub(crate) fn describe(item: &Item) -> String {
    match item {
        Item::None => "nothing".into(),
        Item::Table(_) => "a table".into(),
        Item::ArrayOfTables(_) => "an array of tables".into(),
        Item::Value(v) => match v {
            Value::String(s) => format!("the string \"{}\"", s.value()),
            Value::Integer(i) => format!("the integer {}", i.value()),
            Value::Float(x) => format!("the number {}", x.value()),
            Value::Boolean(b) => format!("the boolean {}", b.value()),
            Value::Datetime(_) => "a date-time".into(),
            Value::Array(_) => "an array".into(),
            Value::InlineTable(_) => "a table".into(),
        },
    }
}

pub(crate) fn number(field: Field<'_>, path: &str, problems: &mut Problems) -> Option<f64> {
    match field.item.as_value() {
        Some(Value::Float(x)) if x.value().is_finite() => Some(*x.value()),
        Some(Value::Integer(i)) => Some(*i.value() as f64),
        _ => {
            problems.report(path, field.span(), format!("expected a finite number, found {}", describe(field.item)));
            None
        }
    }
}

pub(crate) fn number_at_least(field: Field<'_>, path: &str, min: f64, problems: &mut Problems) -> Option<f64> {
    let x = number(field, path, problems)?;
    if x < min {
        problems.report(path, field.span(), format!("expected a number ≥ {min}, found {x}"));
        return None;
    }
    Some(x)
}

pub(crate) fn probability(field: Field<'_>, path: &str, problems: &mut Problems) -> Option<f64> {
    let x = number(field, path, problems)?;
    if !(0.0..=1.0).contains(&x) {
        problems.report(path, field.span(), format!("expected a probability in [0, 1], found {x}"));
        return None;
    }
    Some(x)
}

pub(crate) fn integer(field: Field<'_>, path: &str, min: i64, max: i64, problems: &mut Problems) -> Option<i64> {
    match field.item.as_value() {
        Some(Value::Integer(i)) if (min..=max).contains(i.value()) => Some(*i.value()),
        Some(Value::Integer(i)) => {
            problems.report(path, field.span(), format!("expected an integer in {min}..={max}, found {}", i.value()));
            None
        }
        _ => {
            problems.report(path, field.span(), format!("expected an integer, found {}", describe(field.item)));
            None
        }
    }
}

pub(crate) fn string<'d>(field: Field<'d>, path: &str, problems: &mut Problems) -> Option<&'d str> {
    match field.item.as_str() {
        Some(s) => Some(s),
        None => {
            problems.report(path, field.span(), format!("expected a string, found {}", describe(field.item)));
            None
        }
    }
}

/// A list of strings (each bad entry reported at `PATH.i`).
pub(crate) fn strings(field: Field<'_>, path: &str, problems: &mut Problems) -> Vec<String> {
    let Some(array) = field.item.as_array() else {
        problems.report(path, field.span(), "expected a list of strings");
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, value) in array.iter().enumerate() {
        match value.as_str() {
            Some(text) => out.push(text.to_owned()),
            None => problems.report(&format!("{path}.{i}"), value.span(), "expected a string"),
        }
    }
    out
}

pub(crate) fn boolean(field: Field<'_>, path: &str, problems: &mut Problems) -> Option<bool> {
    match field.item.as_bool() {
        Some(b) => Some(b),
        None => {
            problems.report(path, field.span(), format!("expected true or false, found {}", describe(field.item)));
            None
        }
    }
}

/// Parses `text` (named `file` in messages) as TOML and reads it with `read`, which reports
/// every problem it finds: the value, or all the problems (positioned ones first, in file
/// order). Plans and records are read this way; scenarios add overrides first.
pub(crate) fn read_file<T>(
    file: &str,
    text: &str,
    read: impl FnOnce(&toml_edit::Document<String>, &mut Problems) -> Option<T>,
) -> Result<T, crate::diagnostic::ScenarioError> {
    let fail = |diagnostics| crate::diagnostic::ScenarioError {
        file: file.to_owned(),
        source_text: text.to_owned(),
        diagnostics,
    };
    let doc = toml_edit::Document::parse(text.to_owned()).map_err(|e| {
        fail(vec![Diagnostic {
            path: String::new(),
            origin: e.span().map_or(Origin::File, Origin::Span),
            message: format!("invalid TOML: {}", e.message().trim()),
        }])
    })?;
    let mut problems = Problems::default();
    match read(&doc, &mut problems) {
        Some(value) if problems.list.is_empty() => Ok(value),
        _ => {
            let mut diagnostics = problems.list;
            diagnostics.sort_by_key(|d| match &d.origin {
                Origin::Span(span) => (0, span.start),
                _ => (1, 0),
            });
            Err(fail(diagnostics))
        }
    }
}
