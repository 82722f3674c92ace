//! Named model parameters: declared with defaults and ranges, given as `NAME=VALUE` text,
//! validated once (every failure names the parameter and its expected range).

use crate::ValidateError;

/// One parameter a model accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamSpec {
    /// Name, as written after `--param`.
    pub name: &'static str,
    /// Default value, as text.
    pub default: &'static str,
    /// The expected type and range, as shown in errors and `--list`.
    pub expected: &'static str,
    /// What it means.
    pub help: &'static str,
}

/// A model's parameter values: the defaults overridden by the user's `NAME=VALUE` pairs.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    model: &'static str,
    values: Vec<(&'static str, String)>,
}

impl Params {
    /// The defaults of `specs`, overridden by `given` (NAME, VALUE) pairs. Unknown names are
    /// refused.
    pub fn new(model: &'static str, specs: &[ParamSpec], given: &[(String, String)]) -> Result<Self, ValidateError> {
        let mut values: Vec<(&'static str, String)> = specs.iter().map(|s| (s.name, s.default.to_owned())).collect();
        for (name, value) in given {
            match values.iter_mut().find(|(n, _)| n == name) {
                Some(slot) => slot.1 = value.trim().to_owned(),
                None => {
                    return Err(ValidateError::UnknownParam {
                        model: model.to_owned(),
                        name: name.clone(),
                        known: specs.iter().map(|s| s.name).collect::<Vec<_>>().join(", "),
                    });
                }
            }
        }
        Ok(Self { model, values })
    }

    /// Splits `NAME=VALUE`.
    pub fn split_pair(text: &str) -> Result<(String, String), ValidateError> {
        let (name, value) = text.split_once('=').ok_or_else(|| ValidateError::Syntax(text.to_owned()))?;
        Ok((name.trim().to_owned(), value.trim().to_owned()))
    }

    /// Every (NAME, VALUE), in declaration order, for reports.
    pub fn pairs(&self) -> Vec<(String, String)> {
        self.values.iter().map(|(n, v)| ((*n).to_owned(), v.clone())).collect()
    }

    fn raw(&self, name: &str) -> &str {
        self.values.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str()).expect("declared parameter")
    }

    fn bad(&self, name: &str, expected: &str) -> ValidateError {
        ValidateError::BadValue {
            model: self.model.to_owned(),
            name: name.to_owned(),
            value: self.raw(name).to_owned(),
            expected: expected.to_owned(),
        }
    }

    /// A real number satisfying `ok`; otherwise an error quoting `expected`.
    pub fn number(&self, name: &str, expected: &str, ok: impl Fn(f64) -> bool) -> Result<f64, ValidateError> {
        match self.raw(name).parse::<f64>() {
            Ok(x) if x.is_finite() && ok(x) => Ok(x),
            _ => Err(self.bad(name, expected)),
        }
    }

    /// A whole number in `low..=high`.
    pub fn integer(&self, name: &str, low: u64, high: u64) -> Result<u64, ValidateError> {
        match self.raw(name).parse::<u64>() {
            Ok(x) if (low..=high).contains(&x) => Ok(x),
            _ => Err(self.bad(name, &format!("an integer in [{low}, {high}]"))),
        }
    }

    /// A comma-separated list of numbers, each satisfying `ok`, of length `1..=max_len`.
    pub fn list(
        &self,
        name: &str,
        expected: &str,
        max_len: usize,
        ok: impl Fn(f64) -> bool,
    ) -> Result<Vec<f64>, ValidateError> {
        let parsed: Result<Vec<f64>, _> = self.raw(name).split(',').map(|s| s.trim().parse::<f64>()).collect();
        match parsed {
            Ok(v) if !v.is_empty() && v.len() <= max_len && v.iter().all(|&x| x.is_finite() && ok(x)) => Ok(v),
            _ => Err(self.bad(name, expected)),
        }
    }

    /// One of `choices`.
    pub fn choice(&self, name: &str, choices: &[&'static str]) -> Result<&'static str, ValidateError> {
        let raw = self.raw(name);
        choices
            .iter()
            .copied()
            .find(|c| *c == raw)
            .ok_or_else(|| self.bad(name, &format!("one of {}", choices.join(" | "))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: &[ParamSpec] = &[ParamSpec { name: "p", default: "0.5", expected: "a probability", help: "" }];

    #[test]
    fn unknown_and_out_of_range_values_are_refused() {
        let given = vec![("q".to_owned(), "1".to_owned())];
        assert!(matches!(Params::new("m", SPECS, &given), Err(ValidateError::UnknownParam { .. })));
        let given = vec![("p".to_owned(), "1.5".to_owned())];
        let params = Params::new("m", SPECS, &given).unwrap();
        let err = params.number("p", "a number in [0, 1]", |x| (0.0..=1.0).contains(&x)).unwrap_err();
        assert!(err.to_string().contains("`p`") && err.to_string().contains("[0, 1]"), "{err}");
        let params = Params::new("m", SPECS, &[]).unwrap();
        assert_eq!(params.number("p", "", |_| true).unwrap(), 0.5);
    }
}
