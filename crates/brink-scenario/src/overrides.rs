//! `--set PATH=VALUE`: edits to the scenario document before it is read.

use std::str::FromStr;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, TableLike, Value};

/// One `PATH=VALUE` override.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// Dotted path: tables by key, arrays of tables by index or by their `name`.
    pub path: String,
    /// The value as written: a TOML value, or a bare word taken as a string.
    pub value: String,
}

impl Override {
    /// The flag as the user wrote it.
    pub fn flag(&self) -> String {
        format!("{}={}", self.path, self.value)
    }
}

impl FromStr for Override {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (path, value) = text
            .split_once('=')
            .ok_or_else(|| format!("`{text}`: expected PATH=VALUE, e.g. actors.russia.response_prob=0.6"))?;
        let path = path.trim();
        if path.is_empty() || path.split('.').any(str::is_empty) {
            return Err(format!("`{text}`: the path must be dotted keys such as actors.russia.response_prob"));
        }
        Ok(Self { path: path.to_owned(), value: value.trim().to_owned() })
    }
}

/// Parses an override's value: TOML if it parses, otherwise the text as a string.
fn parse_value(text: &str) -> Value {
    text.parse::<Value>().unwrap_or_else(|_| Value::from(text))
}

/// Arrays of tables that may be created by an override (`ladder.rungs.NAME.FIELD` with a preset).
const ARRAYS: [&str; 2] = ["ladder.rungs", "events"];

/// Applies `o` to `doc` and returns the path it set with entries of arrays of tables by index
/// (`events.opening.prob` → `events.0.prob`: the reader's paths), or says why it cannot.
pub(crate) fn apply(doc: &mut DocumentMut, o: &Override) -> Result<String, String> {
    let segments: Vec<&str> = o.path.split('.').collect();
    let mut table: &mut dyn TableLike = doc.as_table_mut();
    let mut walked = String::new();
    let mut resolved: Vec<String> = Vec::with_capacity(segments.len());
    let mut index = 0;
    while index + 1 < segments.len() {
        let segment = segments[index];
        let here = if walked.is_empty() { segment.to_owned() } else { format!("{walked}.{segment}") };
        if !table.contains_key(segment) {
            let fresh = if ARRAYS.contains(&here.as_str()) {
                Item::ArrayOfTables(ArrayOfTables::new())
            } else {
                let mut t = Table::new();
                t.set_implicit(true);
                Item::Table(t)
            };
            table.insert(segment, fresh);
        }
        let child = table.get_mut(segment).expect("present or inserted above");
        if child.is_array_of_tables() {
            let array = child.as_array_of_tables_mut().expect("checked");
            index += 1;
            if index + 1 >= segments.len() {
                return Err(format!("`{}` is a whole table; set one of its fields instead", o.path));
            }
            let selector = segments[index];
            let position = select(array, selector, &here)?;
            table = array.get_mut(position).expect("position checked");
            walked = format!("{here}.{selector}");
            resolved.extend([segment.to_owned(), position.to_string()]);
        } else if let Some(inner) = child.as_table_like_mut() {
            table = inner;
            walked = here;
            resolved.push(segment.to_owned());
        } else {
            return Err(format!("`{here}` is a value, not a table: cannot set `{}`", o.path));
        }
        index += 1;
    }
    let key = segments[segments.len() - 1];
    if table.get(key).is_some_and(|item| item.is_table_like() || item.is_array_of_tables()) {
        return Err(format!("`{}` is a table; set one of its fields instead", o.path));
    }
    let mut value = parse_value(&o.value);
    if let Some(old) = table.get(key).and_then(Item::as_value) {
        *value.decor_mut() = old.decor().clone();
    }
    table.insert(key, Item::Value(value));
    resolved.push(key.to_owned());
    Ok(resolved.join("."))
}

/// The concrete paths that `path` stands for in `doc`: each `*` segment is every key of the
/// table there (or every entry of an array of tables, by index), in document order, so one
/// override can set the same value on every match (`actors.*.beliefs.*.bias=0.2`, as a
/// symmetric scenario needs). A path without `*` stands for itself, even where it does not
/// exist yet (`apply` creates it); a `*` that matches nothing is an error.
pub(crate) fn expand(doc: &DocumentMut, path: &str) -> Result<Vec<String>, String> {
    let segments: Vec<&str> = path.split('.').collect();
    if !segments.contains(&"*") {
        return Ok(vec![path.to_owned()]);
    }
    let mut out = Vec::new();
    walk(Some(doc.as_item()), &segments, String::new(), &mut out);
    if out.is_empty() {
        return Err(format!("`{path}`: `*` matches nothing in the scenario"));
    }
    Ok(out)
}

fn walk(item: Option<&Item>, rest: &[&str], prefix: String, out: &mut Vec<String>) {
    let join = |key: &str| if prefix.is_empty() { key.to_owned() } else { format!("{prefix}.{key}") };
    let Some((&segment, tail)) = rest.split_first() else {
        out.push(prefix);
        return;
    };
    if segment != "*" {
        let literal =
            || std::iter::once(join(segment)).chain(tail.iter().map(|s| (*s).to_owned())).collect::<Vec<_>>().join(".");
        match item {
            Some(Item::ArrayOfTables(array)) => {
                let index = segment
                    .parse::<usize>()
                    .ok()
                    .or_else(|| array.iter().position(|t| t.get("name").and_then(Item::as_str) == Some(segment)));
                match index.and_then(|i| array.get(i)) {
                    Some(table) => walk_table(table, tail, join(segment), out),
                    // Not there yet: `apply` creates it (or says why not).
                    None if !tail.contains(&"*") => out.push(literal()),
                    None => {}
                }
            }
            _ => match item.and_then(Item::as_table_like).and_then(|t| t.get(segment)) {
                Some(child) => walk(Some(child), tail, join(segment), out),
                None if !tail.contains(&"*") => out.push(literal()),
                None => {}
            },
        }
        return;
    }
    match item {
        Some(Item::ArrayOfTables(array)) => {
            for (index, table) in array.iter().enumerate() {
                walk_table(table, tail, join(&index.to_string()), out);
            }
        }
        Some(other) => {
            if let Some(table) = other.as_table_like() {
                for (key, child) in table.iter() {
                    walk(Some(child), tail, join(key), out);
                }
            }
        }
        None => {}
    }
}

fn walk_table(table: &Table, rest: &[&str], prefix: String, out: &mut Vec<String>) {
    let Some((&segment, tail)) = rest.split_first() else {
        out.push(prefix);
        return;
    };
    let join = |key: &str| format!("{prefix}.{key}");
    if segment == "*" {
        for (key, child) in table.iter() {
            walk(Some(child), tail, join(key), out);
        }
    } else {
        match table.get(segment) {
            Some(child) => walk(Some(child), tail, join(segment), out),
            None if !tail.contains(&"*") => out.push(
                std::iter::once(join(segment))
                    .chain(tail.iter().map(|s| (*s).to_owned()))
                    .collect::<Vec<_>>()
                    .join("."),
            ),
            None => {}
        }
    }
}

/// The position of an entry of an array of tables, by index or by its `name` (appended if no
/// entry has that name: with a preset ladder this overrides a preset rung).
fn select(array: &mut ArrayOfTables, selector: &str, here: &str) -> Result<usize, String> {
    match selector.parse::<usize>() {
        Ok(index) if index < array.len() => Ok(index),
        Ok(index) => Err(format!("`{here}`: index {index} is out of range (it has {} entries)", array.len())),
        Err(_) => {
            let found = array.iter().position(|t| t.get("name").and_then(Item::as_str) == Some(selector));
            match found {
                Some(position) => Ok(position),
                None => {
                    let mut table = Table::new();
                    table.insert("name", Item::Value(Value::from(selector)));
                    array.push(table);
                    Ok(array.len() - 1)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(doc: &str, flag: &str) -> Result<String, String> {
        let mut doc: DocumentMut = doc.parse().unwrap();
        apply(&mut doc, &flag.parse::<Override>()?)?;
        Ok(doc.to_string())
    }

    #[test]
    fn replaces_a_value_in_place_keeping_the_layout() {
        let doc = "[actors.russia]\nresponse_prob = 0.5 # assumption\ncamp = \"r\"\n";
        let out = set(doc, "actors.russia.response_prob=0.6").unwrap();
        assert_eq!(out, "[actors.russia]\nresponse_prob = 0.6 # assumption\ncamp = \"r\"\n");
    }

    #[test]
    fn addresses_arrays_of_tables_by_index_and_by_name() {
        let doc = "[[ladder.rungs]]\nname = \"a\"\n[[ladder.rungs]]\nname = \"b\"\nvalue = 1\n";
        assert!(set(doc, "ladder.rungs.b.value=2").unwrap().contains("value = 2"));
        assert!(set(doc, "ladder.rungs.0.value=3").unwrap().contains("name = \"a\"\nvalue = 3"));
        assert!(set(doc, "ladder.rungs.7.value=3").unwrap_err().contains("out of range"));
    }

    #[test]
    fn creates_preset_rung_overrides_and_missing_tables() {
        let out = set("[ladder]\npreset = \"seed9\"\n", "ladder.rungs.nuclear-alert.chance_hazard=0.01").unwrap();
        let reparsed: DocumentMut = out.parse().unwrap();
        let rung = &reparsed["ladder"]["rungs"][0];
        assert_eq!(rung["name"].as_str(), Some("nuclear-alert"));
        assert_eq!(rung["chance_hazard"].as_float(), Some(0.01));
        assert!(set("", "actors.x.bias=1").unwrap().contains("bias = 1"));
    }

    fn expanded(doc: &str, path: &str) -> Result<Vec<String>, String> {
        expand(&doc.parse::<DocumentMut>().unwrap(), path)
    }

    #[test]
    fn a_star_stands_for_every_key_or_entry() {
        let doc = "[actors.a]\nx = 1\n[actors.a.beliefs.b]\nbias = 0\n[actors.b]\nx = 2\n[actors.b.beliefs.a]\nbias = 0\n\n[[events]]\nprob = 1\n[[events]]\nprob = 1\n";
        assert_eq!(expanded(doc, "actors.*.x").unwrap(), ["actors.a.x", "actors.b.x"]);
        assert_eq!(
            expanded(doc, "actors.*.beliefs.*.bias").unwrap(),
            ["actors.a.beliefs.b.bias", "actors.b.beliefs.a.bias"]
        );
        assert_eq!(expanded(doc, "events.*.prob").unwrap(), ["events.0.prob", "events.1.prob"]);
        // A field not written yet is created on every match; without `*` a path is itself.
        assert_eq!(expanded(doc, "actors.*.stake").unwrap(), ["actors.a.stake", "actors.b.stake"]);
        assert_eq!(expanded(doc, "rules.max_turns").unwrap(), ["rules.max_turns"]);
        assert!(expanded(doc, "nothing.*.x").unwrap_err().contains("matches nothing"));
    }

    #[test]
    fn bare_words_are_strings_and_bad_paths_are_errors() {
        assert!(set("[a]\nb = 1\n", "a.b=hawk").unwrap().contains("b = \"hawk\""));
        assert!(set("[a]\nb = 1\n", "a.b=inf").unwrap().contains("b = inf"));
        assert!(set("[a]\nb = 1\n", "a.b.c=1").unwrap_err().contains("is a value"));
        assert!("a.b".parse::<Override>().is_err());
        assert!("a..b=1".parse::<Override>().is_err());
    }
}
