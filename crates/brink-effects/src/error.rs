//! The one error type at this crate's boundary.

/// Why an input was refused or a quantity could not be computed.
///
/// Constructors of the validated types ([`crate::Yield`], [`crate::HeightOfBurst`], ...) and
/// the checked model functions return it; the `*_unchecked` fast paths never do.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum EffectsError {
    /// A parameter is outside the domain where it means anything (negative yield, NaN, ...).
    #[error("{quantity} must be {expected}, got {value}")]
    OutOfDomain {
        /// What the parameter is, with its unit, e.g. "yield (kt)".
        quantity: &'static str,
        /// The admissible domain in words, e.g. "finite and > 0".
        expected: &'static str,
        /// The value that was refused.
        value: f64,
    },
    /// The model is undefined at this point (e.g. zero slant range for an inverse-square law).
    #[error("{model} is undefined {reason}")]
    Undefined {
        /// The model, e.g. "thermal fluence".
        model: &'static str,
        /// Where and why, e.g. "at zero slant range".
        reason: &'static str,
    },
    /// The point lies outside the region where the model's fit is meaningful.
    #[error("{model} is outside its validity range {reason}")]
    OutsideValidity {
        /// The model, e.g. "Brode's overpressure fit".
        model: &'static str,
        /// Where it is valid.
        reason: &'static str,
    },
    /// A model option that this crate deliberately does not provide for these inputs.
    #[error("{model} {reason}")]
    Unsupported {
        /// The model, e.g. "the DNA free-air curve".
        model: &'static str,
        /// Why, and what to use instead.
        reason: &'static str,
    },
}

/// Checks that `value` is finite and strictly positive.
pub(crate) fn positive(quantity: &'static str, value: f64) -> Result<f64, EffectsError> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(EffectsError::OutOfDomain { quantity, expected: "finite and > 0", value })
    }
}

/// Checks that `value` is finite and not negative.
pub(crate) fn non_negative(quantity: &'static str, value: f64) -> Result<f64, EffectsError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(EffectsError::OutOfDomain { quantity, expected: "finite and >= 0", value })
    }
}
