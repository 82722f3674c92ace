//! Refusals and failures as JSON: `{"error": {"kind", "message", "file", "line", "column",
//! "field", "diagnostics"}}` (brink-types' `ErrorResponse`) with a status: 422 for a bad
//! scenario (with the first problem's place and every problem), 400 for other bad requests.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use brink_scenario::ScenarioError;
use brink_types::error::{ErrorDoc, ErrorResponse};
use serde_json::Value;

/// A request that could not be answered: its status and the error document.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// What went wrong (kind, message, and for a scenario its place).
    pub doc: Box<ErrorDoc>,
}

impl ApiError {
    fn with(status: StatusCode, kind: &str, message: impl Into<String>) -> Self {
        Self { status, doc: Box::new(ErrorDoc::new(kind, message)) }
    }

    /// 400: the request is wrong; `message` says how.
    pub fn bad(message: impl Into<String>) -> Self {
        Self::with(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 403: refused by the Host/Origin guard.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::with(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 404.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::with(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 503: too many jobs waiting.
    pub fn busy(message: impl Into<String>) -> Self {
        Self::with(StatusCode::SERVICE_UNAVAILABLE, "busy", message)
    }

    /// 409: the job was cancelled.
    pub fn cancelled(message: impl Into<String>) -> Self {
        Self::with(StatusCode::CONFLICT, "cancelled", message)
    }

    /// 500: brink failed.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::with(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }

    /// 422 for a scenario with problems: the first one's file, line, column and field, and
    /// every problem in `diagnostics` (line and column null for an override or the file).
    pub fn scenario(error: &ScenarioError) -> Self {
        Self { status: StatusCode::UNPROCESSABLE_ENTITY, doc: Box::new(brink_app::scenario_error_doc(error)) }
    }

    /// The message, for a person.
    pub fn message(&self) -> &str {
        &self.doc.message
    }

    /// Prefixes the message (e.g. with the policy it concerns).
    pub fn context(mut self, prefix: &str) -> Self {
        self.doc.message = format!("{prefix}: {}", self.doc.message);
        self
    }

    /// The JSON body.
    pub fn body(&self) -> Value {
        serde_json::to_value(ErrorResponse { error: (*self.doc).clone() }).unwrap_or(Value::Null)
    }
}

impl From<brink_app::AppError> for ApiError {
    fn from(error: brink_app::AppError) -> Self {
        match error {
            brink_app::AppError::BadInput(message) => {
                ApiError::bad(message.strip_prefix("error: ").unwrap_or(&message).to_owned())
            }
            brink_app::AppError::Scenario(error) => ApiError::scenario(&error),
            brink_app::AppError::Cancelled { done } => ApiError::cancelled(format!("cancelled after {done} runs")),
            other => ApiError::internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}
