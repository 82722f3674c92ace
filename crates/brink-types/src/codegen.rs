//! Type declarations for the other languages that read brink's reports, generated from the
//! JSON Schemas of [`crate::KINDS`] (and of the error document): TypeScript interfaces for
//! the web page (`web/src/reports.ts`) and Python `TypedDict`s for the package's stubs
//! (`crates/brink-py/python/brink/_reports.pyi`).
//!
//! The generated files are committed; a test of this crate regenerates them and fails when
//! they differ (run it with `BRINK_UPDATE_GENERATED=1` to rewrite them), so a report type
//! cannot change without the page's and the package's types following.

use serde_json::{Map, Value};

/// Every schema by name: each kind's report (by its component name) and everything they use.
fn definitions() -> Map<String, Value> {
    let mut components = Map::new();
    for kind in crate::KINDS {
        (kind.openapi)(&mut components);
    }
    crate::schema::openapi_schema_of::<crate::error::ErrorResponse>(&mut components, "ErrorResponse");
    let mut names: Vec<String> = components.keys().cloned().collect();
    names.sort();
    names.into_iter().map(|n| (n.clone(), components[&n].clone())).collect()
}

/// The name a `$ref` points at.
fn referenced(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

/// How one language spells the types.
trait Language {
    fn reference(&self, name: &str) -> String;
    fn string_const(&self, value: &str) -> String;
    fn scalar(&self, kind: &str) -> String;
    fn list(&self, item: &str) -> String;
    fn tuple(&self, items: &[String]) -> String;
    fn map(&self, value: &str) -> String;
    fn union(&self, options: &[String]) -> String;
    fn any(&self) -> String;
}

fn type_of(lang: &dyn Language, schema: &Value) -> String {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return lang.reference(referenced(reference));
    }
    if let Some(value) = schema.get("const").and_then(Value::as_str) {
        return lang.string_const(value);
    }
    if let Some(options) = schema.get("anyOf").or_else(|| schema.get("oneOf")).and_then(Value::as_array) {
        let types: Vec<String> = options.iter().map(|o| type_of(lang, o)).collect();
        return lang.union(&dedup(types));
    }
    match schema.get("type") {
        Some(Value::Array(kinds)) => {
            let types: Vec<String> = kinds
                .iter()
                .filter_map(Value::as_str)
                .map(|k| {
                    let mut one = schema.clone();
                    one["type"] = Value::from(k);
                    type_of(lang, &one)
                })
                .collect();
            lang.union(&dedup(types))
        }
        Some(Value::String(kind)) => match kind.as_str() {
            "array" => {
                let fixed = schema
                    .get("minItems")
                    .and_then(Value::as_u64)
                    .filter(|&n| n > 0 && n <= 4 && schema.get("maxItems").and_then(Value::as_u64) == Some(n));
                if let Some(items) = schema.get("prefixItems").and_then(Value::as_array) {
                    let items: Vec<String> = items.iter().map(|i| type_of(lang, i)).collect();
                    lang.tuple(&items)
                } else if let (Some(n), Some(item)) = (fixed, schema.get("items")) {
                    // A fixed-size array ([f64; 2]): a tuple.
                    let item = type_of(lang, item);
                    lang.tuple(&vec![item; n as usize])
                } else {
                    lang.list(&schema.get("items").map_or_else(|| lang.any(), |i| type_of(lang, i)))
                }
            }
            "object" => match schema.get("additionalProperties") {
                Some(value @ Value::Object(_)) => lang.map(&type_of(lang, value)),
                _ => lang.map(&lang.any()),
            },
            other => lang.scalar(other),
        },
        _ => lang.any(),
    }
}

fn dedup(types: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in types {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// (name, type, required, description) of each property of an object schema.
fn properties(lang: &dyn Language, schema: &Value) -> Vec<(String, String, bool, String)> {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map_or_else(Vec::new, |r| r.iter().filter_map(Value::as_str).collect());
    schema.get("properties").and_then(Value::as_object).map_or_else(Vec::new, |props| {
        props
            .iter()
            .map(|(name, prop)| {
                let description = prop.get("description").and_then(Value::as_str).unwrap_or("").to_owned();
                (name.clone(), type_of(lang, prop), required.contains(&name.as_str()), description)
            })
            .collect()
    })
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct TypeScript;

impl Language for TypeScript {
    fn reference(&self, name: &str) -> String {
        name.to_owned()
    }
    fn string_const(&self, value: &str) -> String {
        format!("{value:?}")
    }
    fn scalar(&self, kind: &str) -> String {
        match kind {
            "integer" | "number" => "number",
            "string" => "string",
            "boolean" => "boolean",
            "null" => "null",
            _ => "unknown",
        }
        .to_owned()
    }
    fn list(&self, item: &str) -> String {
        if item.contains(' ') { format!("({item})[]") } else { format!("{item}[]") }
    }
    fn tuple(&self, items: &[String]) -> String {
        format!("[{}]", items.join(", "))
    }
    fn map(&self, value: &str) -> String {
        format!("Record<string, {value}>")
    }
    fn union(&self, options: &[String]) -> String {
        options.join(" | ")
    }
    fn any(&self) -> String {
        "unknown".into()
    }
}

struct Python;

impl Language for Python {
    fn reference(&self, name: &str) -> String {
        name.to_owned()
    }
    fn string_const(&self, value: &str) -> String {
        format!("Literal[{value:?}]")
    }
    fn scalar(&self, kind: &str) -> String {
        match kind {
            "integer" => "int",
            "number" => "float",
            "string" => "str",
            "boolean" => "bool",
            "null" => "None",
            _ => "Any",
        }
        .to_owned()
    }
    fn list(&self, item: &str) -> String {
        format!("list[{item}]")
    }
    fn tuple(&self, items: &[String]) -> String {
        format!("tuple[{}]", items.join(", "))
    }
    fn map(&self, value: &str) -> String {
        format!("dict[str, {value}]")
    }
    fn union(&self, options: &[String]) -> String {
        options.join(" | ")
    }
    fn any(&self) -> String {
        "Any".into()
    }
}

/// `web/src/reports.ts`: one exported interface (or type) per schema.
pub fn typescript() -> String {
    let lang = TypeScript;
    let mut out = String::from(
        "// The result documents of brink (`brink COMMAND --format json`, the web API), generated from\n\
         // the JSON Schemas of the report types in crates/brink-types. Do not edit: change the Rust\n\
         // types, then run `BRINK_UPDATE_GENERATED=1 cargo test -p brink-types` (a test fails while\n\
         // this file and the types differ).\n",
    );
    for (name, schema) in definitions() {
        out.push('\n');
        if let Some(description) = schema.get("description").and_then(Value::as_str) {
            out += &format!("/** {} */\n", one_line(description));
        }
        if schema.get("properties").is_some() {
            out += &format!("export interface {name} {{\n");
            for (prop, ty, required, description) in properties(&lang, &schema) {
                if !description.is_empty() {
                    out += &format!("  /** {} */\n", one_line(&description));
                }
                out += &format!("  {prop}{}: {ty};\n", if required { "" } else { "?" });
            }
            out += "}\n";
        } else {
            out += &format!("export type {name} = {};\n", type_of(&lang, &schema));
        }
    }
    out
}

/// `crates/brink-py/python/brink/_reports.pyi`: one `TypedDict` (or alias) per schema.
pub fn python() -> String {
    let lang = Python;
    let mut out = String::from(
        "\"\"\"The result documents of brink (`brink COMMAND --format json`, the dicts the package\n\
         returns), generated from the JSON Schemas of the report types in crates/brink-types. Do not\n\
         edit: change the Rust types, then run `BRINK_UPDATE_GENERATED=1 cargo test -p brink-types`\n\
         (a test fails while this file and the types differ).\"\"\"\n\n\
         from typing import Any, Literal, TypedDict\n\n\
         from typing_extensions import NotRequired\n",
    );
    for (name, schema) in definitions() {
        out += "\n";
        if schema.get("properties").is_some() {
            out += &format!("class {name}(TypedDict):\n");
            if let Some(description) = schema.get("description").and_then(Value::as_str) {
                out += &format!("    \"\"\"{}\"\"\"\n\n", one_line(description).replace('\\', "\\\\"));
            }
            for (prop, ty, required, _) in properties(&lang, &schema) {
                let ty = if required { ty } else { format!("NotRequired[{ty}]") };
                out += &format!("    {prop}: {ty}\n");
            }
        } else {
            out += &format!("{name} = {}\n", type_of(&lang, &schema));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    fn check(relative: &str, generated: &str) {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(relative);
        if std::env::var_os("BRINK_UPDATE_GENERATED").is_some() {
            std::fs::write(&path, generated).expect("write the generated file");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{relative} differs from the report types: run `BRINK_UPDATE_GENERATED=1 cargo test -p brink-types` and commit it"
        );
    }

    #[test]
    fn the_web_pages_typescript_types_are_the_schemas() {
        let ts = super::typescript();
        assert!(ts.contains("export interface RunReport {") && ts.contains("  kind: \"run\";"), "{ts}");
        check("web/src/reports.ts", &ts);
    }

    #[test]
    fn the_python_stubs_are_the_schemas() {
        let py = super::python();
        assert!(py.contains("class RunReport(TypedDict):") && py.contains("    kind: Literal[\"run\"]"), "{py}");
        check("crates/brink-py/python/brink/_reports.pyi", &py);
    }
}
