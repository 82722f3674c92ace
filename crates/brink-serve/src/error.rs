//! Refusals and failures as JSON: `{"error": MESSAGE, "diagnostics": [...]}` with a status.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use brink_scenario::{Origin, ScenarioError};
use serde_json::{Value, json};

/// A request that could not be answered: its status, a message naming the problem, and for a
/// scenario every problem with its line and column.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// What went wrong, for a person.
    pub message: String,
    /// Scenario problems (`line`, `column`, `path`, `message`), if any.
    pub diagnostics: Vec<Value>,
}

impl ApiError {
    /// 400: the request is wrong; `message` says how.
    pub fn bad(message: impl Into<String>) -> Self {
        Self { status: StatusCode::BAD_REQUEST, message: message.into(), diagnostics: Vec::new() }
    }

    /// 403: refused by the Host/Origin guard.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self { status: StatusCode::FORBIDDEN, message: message.into(), diagnostics: Vec::new() }
    }

    /// 404.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self { status: StatusCode::NOT_FOUND, message: message.into(), diagnostics: Vec::new() }
    }

    /// 503: too many jobs waiting.
    pub fn busy(message: impl Into<String>) -> Self {
        Self { status: StatusCode::SERVICE_UNAVAILABLE, message: message.into(), diagnostics: Vec::new() }
    }

    /// 500: brink failed.
    pub fn internal(message: impl Into<String>) -> Self {
        Self { status: StatusCode::INTERNAL_SERVER_ERROR, message: message.into(), diagnostics: Vec::new() }
    }

    /// 400 for a scenario with problems: each with its line and column (1-based; null for a
    /// problem of an override or of the file as a whole).
    pub fn scenario(error: &ScenarioError) -> Self {
        let diagnostics: Vec<Value> = error
            .diagnostics
            .iter()
            .map(|d| {
                let (line, column) = match &d.origin {
                    Origin::Span(span) => {
                        let (line, column) = error.line_column(span.start);
                        (Value::from(line), Value::from(column))
                    }
                    _ => (Value::Null, Value::Null),
                };
                let source = match &d.origin {
                    Origin::Span(_) => "scenario",
                    Origin::Override(_) => "override",
                    Origin::File => "file",
                };
                json!({ "line": line, "column": column, "path": d.path, "message": d.message, "source": source })
            })
            .collect();
        let count = diagnostics.len();
        let message = if count == 1 {
            format!("the scenario has a problem: {}", first_line(&error.to_string()))
        } else {
            format!("the scenario has {count} problems; the first: {}", first_line(&error.to_string()))
        };
        Self { status: StatusCode::BAD_REQUEST, message, diagnostics }
    }

    /// The JSON body.
    pub fn body(&self) -> Value {
        json!({ "error": self.message, "diagnostics": self.diagnostics })
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

impl From<brink_app::AppError> for ApiError {
    fn from(error: brink_app::AppError) -> Self {
        match error {
            brink_app::AppError::BadInput(message) => ApiError::bad(message),
            brink_app::AppError::Cancelled { done } => Self {
                status: StatusCode::CONFLICT,
                message: format!("cancelled after {done} runs"),
                diagnostics: Vec::new(),
            },
            other => ApiError::internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}
