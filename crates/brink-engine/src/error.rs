//! Errors at the engine's boundary: only construction can fail; runs cannot.

/// A model that cannot be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// A parameter or cross-reference is out of range; the message says which.
    #[error("invalid model: {0}")]
    Invalid(String),
}
