//! The one error type at this crate's boundary.

use brink_effects::EffectsError;

/// Why a strike plan or a query was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ConsequencesError {
    /// No city of the embedded table matches the name.
    #[error("unknown city `{query}`{}", suggest(.suggestions))]
    UnknownCity {
        /// The name as given.
        query: String,
        /// Near matches ("Name, CC"), most populous first; may be empty.
        suggestions: Vec<String>,
    },
    /// Several cities match; the message lists them and how to pick one.
    #[error(
        "ambiguous city `{query}`: {} cities match; write \"Name, CC, ADMIN1\" or \"geonameid:ID\": {}",
        .candidates.len(),
        .candidates.join("; ")
    )]
    AmbiguousCity {
        /// The name as given.
        query: String,
        /// Every match, as "Name, CC, ADMIN1 (geonameid:ID, lat, lon, population N)".
        candidates: Vec<String>,
    },
    /// A city name that is not of the form "Name, CC" (country code of two letters).
    #[error(
        "city `{query}`: expected \"Name, CC\" (ISO 3166 two-letter country code), \"Name, CC, ADMIN1\" or \"geonameid:ID\""
    )]
    BadCityName {
        /// The name as given.
        query: String,
    },
    /// A parameter outside its domain (negative population, NaN coordinate, ...).
    #[error("{quantity} must be {expected}, got {value}")]
    OutOfDomain {
        /// What the parameter is, with its unit.
        quantity: &'static str,
        /// The admissible domain in words.
        expected: &'static str,
        /// The value refused.
        value: f64,
    },
    /// A weapon-effects input was refused (yield, height of burst, ...).
    #[error(transparent)]
    Effects(#[from] EffectsError),
}

fn suggest(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        " (names are GeoNames names, e.g. \"Hiroshima, JP\", \"New York City, US\")".to_owned()
    } else {
        format!("; did you mean: {}", suggestions.join("; "))
    }
}

/// Checks `lo <= value <= hi` and finiteness.
pub(crate) fn in_range(
    quantity: &'static str,
    expected: &'static str,
    value: f64,
    lo: f64,
    hi: f64,
) -> Result<f64, ConsequencesError> {
    if value.is_finite() && (lo..=hi).contains(&value) {
        Ok(value)
    } else {
        Err(ConsequencesError::OutOfDomain { quantity, expected, value })
    }
}
