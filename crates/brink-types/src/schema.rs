//! JSON Schemas of the report kinds, derived from the types by schemars (draft 2020-12).
//!
//! Every schema is made strict: objects with declared properties get
//! `additionalProperties: false` and `kind` is a constant. So output that validates has no
//! key the types do not declare, and the schema of a kind names every key its reports have.

use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

use crate::{Body, Report};

/// The JSON Schema (draft 2020-12, with `$defs`) of reports of kind `B`.
pub fn report_schema<B: Body>() -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<Report<B>>().to_value();
    finish::<B>(&mut schema);
    if let Some(defs) = schema.get_mut("$defs").and_then(Value::as_object_mut) {
        for def in defs.values_mut() {
            strict(def);
        }
    }
    schema
}

/// Adds the schema of kind `B` (as `component`) and every schema it refers to, to an OpenAPI
/// 3.1 `components.schemas` map; returns `{"$ref": "#/components/schemas/COMPONENT"}`.
pub fn openapi_component<B: Body>(components: &mut Map<String, Value>) -> Value {
    let component = crate::KINDS.iter().find(|k| k.name == B::KIND).map_or(B::KIND, |k| k.component);
    let mut settings = SchemaSettings::draft2020_12();
    settings.definitions_path = "/components/schemas/".into();
    settings.meta_schema = None;
    let mut generator = settings.into_generator();
    let mut schema = generator.root_schema_for::<Report<B>>().to_value();
    finish::<B>(&mut schema);
    if let Some(object) = schema.as_object_mut() {
        object.remove("$schema");
    }
    for (name, mut def) in generator.take_definitions(true) {
        strict(&mut def);
        components.insert(name, def);
    }
    components.insert(component.to_owned(), schema);
    json!({ "$ref": format!("#/components/schemas/{component}") })
}

/// Adds the schema of any type `T` (as `name`) and the schemas it uses to an OpenAPI
/// `components.schemas` map (strict, like the report kinds'); returns the reference to it.
pub fn openapi_schema_of<T: schemars::JsonSchema>(components: &mut Map<String, Value>, name: &str) -> Value {
    let mut settings = SchemaSettings::draft2020_12();
    settings.definitions_path = "/components/schemas/".into();
    settings.meta_schema = None;
    let mut generator = settings.into_generator();
    let mut schema = generator.root_schema_for::<T>().to_value();
    strict(&mut schema);
    if let Some(object) = schema.as_object_mut() {
        object.remove("$schema");
    }
    for (def_name, mut def) in generator.take_definitions(true) {
        strict(&mut def);
        components.insert(def_name, def);
    }
    components.insert(name.to_owned(), schema);
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// Title, description, `kind` as a constant, and strict objects.
fn finish<B: Body>(schema: &mut Value) {
    strict(schema);
    if let Some(object) = schema.as_object_mut() {
        object.insert("title".into(), Value::from(format!("brink {} report", B::KIND)));
        object.insert("description".into(), Value::from(B::ABOUT));
        if let Some(kind) = object.get_mut("properties").and_then(|p| p.get_mut("kind")) {
            *kind = json!({ "description": "Which kind of result this is.", "type": "string", "const": B::KIND });
        }
    }
}

/// `additionalProperties: false` on every object schema that declares properties and says
/// nothing about others, recursively.
fn strict(schema: &mut Value) {
    match schema {
        Value::Object(object) => {
            if object.contains_key("properties") && !object.contains_key("additionalProperties") {
                object.insert("additionalProperties".into(), Value::Bool(false));
            }
            for (key, value) in object.iter_mut() {
                if key != "$defs" {
                    strict(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strict),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::KINDS;

    #[test]
    fn every_kind_has_a_strict_schema_with_its_kind_as_a_constant() {
        for kind in KINDS {
            let schema = (kind.schema)();
            assert_eq!(schema["properties"]["kind"]["const"], kind.name, "{}", kind.name);
            assert_eq!(schema["additionalProperties"], false, "{}", kind.name);
            let required: Vec<&str> = schema["required"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
            assert!(required.contains(&"kind") && required.contains(&"brink_version"), "{}: {required:?}", kind.name);
        }
    }

    #[test]
    fn flattened_manifest_keys_are_properties_of_the_report() {
        let schema = crate::find_kind("run").map(|k| (k.schema)()).unwrap();
        for key in ["scenario", "scenario_hash", "seed", "runs", "generator", "outcomes", "timing"] {
            assert!(schema["properties"].get(key).is_some(), "missing {key}");
        }
    }

    #[test]
    fn kinds_never_define_one_component_name_two_ways() {
        let mut all = Map::new();
        for kind in KINDS {
            let mut components = Map::new();
            (kind.openapi)(&mut components);
            for (name, schema) in components {
                if let Some(earlier) = all.get(&name) {
                    assert_eq!(earlier, &schema, "{name} differs in {}", kind.name);
                }
                all.insert(name, schema);
            }
        }
        assert!(all.contains_key("Outcomes_Proportion") && all.contains_key("Outcomes_TurnStats"), "{:?}", all.keys());
    }

    #[test]
    fn openapi_components_refer_only_to_components() {
        let mut components = Map::new();
        for kind in KINDS {
            let reference = (kind.openapi)(&mut components);
            assert_eq!(reference["$ref"], format!("#/components/schemas/{}", kind.component));
        }
        let text = Value::Object(components.clone()).to_string();
        for part in text.split("\"$ref\":\"").skip(1) {
            let target = &part[..part.find('"').unwrap()];
            let name = target.strip_prefix("#/components/schemas/").unwrap_or_else(|| panic!("{target}"));
            assert!(components.contains_key(name), "dangling {target}");
        }
    }
}
