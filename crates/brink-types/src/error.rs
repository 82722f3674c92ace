//! A refused request as data: what the web API answers (`{"error": ErrorDoc}`) and what the
//! Python package's exceptions carry, so a bad scenario's file, line, column and field reach
//! every interface.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The body of every error response of the web API: `{"error": {...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ErrorResponse {
    /// What went wrong.
    pub error: ErrorDoc,
}

/// What went wrong, and for a bad scenario where (the first problem; `diagnostics` has all).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ErrorDoc {
    /// `scenario` (a bad scenario or override), `bad_request`, `not_found`, `forbidden`,
    /// `busy`, `cancelled` or `internal`.
    pub kind: String,
    /// For a person: the first problem (`FILE:LINE:COL: error: FIELD: MESSAGE` for a scenario).
    pub message: String,
    /// The scenario file's name (`scenario` errors).
    pub file: Option<String>,
    /// 1-based line of the first problem (`null` for an override or the file as a whole).
    pub line: Option<usize>,
    /// 1-based column of the first problem.
    pub column: Option<usize>,
    /// Dotted path of the first problem's field (`actors.russia.response_prob`).
    pub field: Option<String>,
    /// Every problem of a scenario, in order.
    pub diagnostics: Vec<DiagnosticDoc>,
}

impl ErrorDoc {
    /// An error with only a kind and a message.
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        Self {
            kind: kind.to_owned(),
            message: message.into(),
            file: None,
            line: None,
            column: None,
            field: None,
            diagnostics: Vec::new(),
        }
    }
}

/// One problem of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DiagnosticDoc {
    /// The file's name.
    pub file: String,
    /// 1-based line (`null` for an override or the file as a whole).
    pub line: Option<usize>,
    /// 1-based column.
    pub column: Option<usize>,
    /// Dotted path of the field.
    pub field: String,
    /// The same as `field` (the name the web page reads).
    pub path: String,
    /// What is wrong and what was expected.
    pub message: String,
    /// `scenario` (a place in the text), `override` or `file`.
    pub source: String,
    /// The override at fault (`PATH=VALUE`), for `source = override`.
    #[serde(rename = "override")]
    pub override_flag: Option<String>,
}
