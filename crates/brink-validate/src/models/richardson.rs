//! Richardson's arms race (Richardson 1960, *Arms and Insecurity*; 1951, "Could an Arms-Race
//! End Without Fighting?", Nature 168:567; research note §1.7).
//!
//!   dx/dt = k·y − a·x + g,   dy/dt = l·x − b·y + h.
//!
//! Closed forms: the rest point x* = (b·g + k·h)/(ab − kl), y* = (a·h + l·g)/(ab − kl); it is
//! stable iff the Jacobian [[−a, k], [l, −b]] has negative trace and positive determinant
//! (Routh–Hurwitz): a + b > 0 and ab > kl.
//!
//! Richardson's fit: with k = l and a = b the total s = x + y obeys ds/dt = r·s + (g + h),
//! r = k − a, so s(t) = s* + C·e^(rt) with s* = −(g + h)/r. Regressing yearly increments on
//! mid-year levels (his method) then fits *exactly* Δ = 2·tanh(r/2)·(mid − s*): the fitted
//! slope is 2·tanh(r/2) (≈ r for small r) and the fitted zero is s*. (Derivation: Δ_n =
//! C·e^(rn)(e^r − 1) and mid_n − s* = C·e^(rn)(1 + e^r)/2.)
//!
//! Reduction: the engine's continuous `arms` mode ([`brink_engine::arms`]): RK4 integration
//! (step 0.01) from (0.37, 1.91) until the rates fall below 1e-13 (the simulated rest point;
//! stability = whether it settles), and five yearly samples of the symmetric system
//! (k, k, a, a, g, h) from (1, 1) fitted by [`brink_engine::arms::fit_additive`].
//!
//! Not done: the fit to the 1909–1913 European defence budgets. The table in the research note
//! could not be checked against *Arms and Insecurity* or a textbook reproduction, so it is not
//! bundled (docs/VALIDATION.md).

use brink_engine::arms::{Richardson as Arms, fit_additive};

use super::Model;
use crate::ValidateError;
use crate::check::{Check, RunOptions};
use crate::params::{ParamSpec, Params};

const COEFFICIENT: &str = "a number in [0, 10]; |ab − kl| ≥ 0.01";

/// The model's parameters.
pub const PARAMS: &[ParamSpec] = &[
    ParamSpec { name: "k", default: "0.9", expected: COEFFICIENT, help: "x's reaction to y" },
    ParamSpec { name: "l", default: "0.8", expected: COEFFICIENT, help: "y's reaction to x" },
    ParamSpec { name: "a", default: "1.2", expected: COEFFICIENT, help: "x's fatigue and expense" },
    ParamSpec { name: "b", default: "1.0", expected: COEFFICIENT, help: "y's fatigue and expense" },
    ParamSpec { name: "g", default: "0.5", expected: "a number in [-10, 10]", help: "x's grievance" },
    ParamSpec { name: "h", default: "0.3", expected: "a number in [-10, 10]", help: "y's grievance" },
];

/// `richardson` in the registry.
pub const MODEL: Model = Model {
    name: "richardson",
    summary: "Richardson's arms race: rest point x*, y*, stability, and his least-squares fit (continuous arms mode)",
    source: "Richardson 1960; 1951 Nature 168:567",
    params: PARAMS,
    run,
};

/// Integration step of the engine runs.
pub const STEP: f64 = 0.01;

/// Richardson's system with validated coefficients.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RichardsonModel {
    /// The coefficients.
    pub system: Arms,
}

impl RichardsonModel {
    /// Reads and checks the parameters.
    pub fn from_params(params: &Params) -> Result<Self, ValidateError> {
        let coefficient = |name: &str| params.number(name, COEFFICIENT, |x| (0.0..=10.0).contains(&x));
        let (k, l, a) = (coefficient("k")?, coefficient("l")?, coefficient("a")?);
        let b = params.number("b", COEFFICIENT, |b| (0.0..=10.0).contains(&b) && (a * b - k * l).abs() >= 0.01)?;
        let grievance = |name: &str| params.number(name, PARAMS[4].expected, |x| (-10.0..=10.0).contains(&x));
        let (g, h) = (grievance("g")?, grievance("h")?);
        Ok(Self { system: Arms::new(k, l, a, b, g, h).expect("finite coefficients") })
    }

    /// (x*, y*) = ((bg + kh)/(ab − kl), (ah + lg)/(ab − kl)).
    pub fn rest_point(&self) -> (f64, f64) {
        let Arms { k, l, a, b, g, h } = self.system;
        let det = a * b - k * l;
        ((b * g + k * h) / det, (a * h + l * g) / det)
    }

    /// Stable iff a + b > 0 and ab − kl > 0.
    pub fn stable(&self) -> bool {
        let Arms { k, l, a, b, .. } = self.system;
        a + b > 0.0 && a * b - k * l > 0.0
    }

    /// Richardson's fitted slope for the symmetric system: 2·tanh((k − a)/2).
    pub fn fit_slope(&self) -> f64 {
        2.0 * ((self.system.k - self.system.a) / 2.0).tanh()
    }

    /// Richardson's fitted zero for the symmetric system: s* = −(g + h)/(k − a).
    pub fn fit_zero(&self) -> f64 {
        -(self.system.g + self.system.h) / (self.system.k - self.system.a)
    }
}

fn run(params: &Params, _options: &RunOptions) -> Result<Vec<Check>, ValidateError> {
    let model = RichardsonModel::from_params(params)?;
    let pairs = params.pairs();
    let settled = model.system.settle((0.37, 1.91), STEP, 1e5, 1e-13);
    let mut checks = vec![Check::deterministic(
        MODEL.name,
        "stable",
        &pairs,
        f64::from(u8::from(model.stable())),
        f64::from(u8::from(settled.is_some())),
    )];
    if let Some((x, y)) = settled {
        let (x_star, y_star) = model.rest_point();
        checks.push(Check::deterministic(MODEL.name, "x_star", &pairs, x_star, x));
        checks.push(Check::deterministic(MODEL.name, "y_star", &pairs, y_star, y));
    }
    let Arms { k, a, g, h, .. } = model.system;
    let symmetric = Arms::new(k, k, a, a, g, h).expect("finite coefficients");
    let totals: Vec<f64> = symmetric.trajectory((1.0, 1.0), 1.0, 5, STEP / 10.0).iter().map(|(x, y)| x + y).collect();
    if let Some(fit) = fit_additive(&totals) {
        checks.push(Check::deterministic(MODEL.name, "fit_slope", &pairs, model.fit_slope(), fit.slope));
        if (k - a).abs() >= 0.01 {
            checks.push(Check::deterministic(MODEL.name, "fit_zero", &pairs, model.fit_zero(), fit.zero()));
        }
    }
    Ok(checks)
}
