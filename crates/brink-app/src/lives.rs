//! Lives at stake in a run: the strike plans a scenario attaches to its nuclear rungs
//! (`[consequences]`), assessed once before the runs, and the distribution of fatalities over
//! runs from the engine's count of runs ended at each nuclear rung. The engine stays pure: it
//! only reports which rung was reached.

use std::path::Path;

use brink_consequences::outcomes::{FatalityDistribution, RungCasualties, fatality_distribution};
use brink_engine::{Proportion, Summary};
use brink_scenario::Loaded;
use brink_types::run::{Consequences, Exceedance, MeanOnly, RungPlan};

use crate::AppError;
use crate::strike::{self, CAVEAT};

/// Fatality quantiles reported.
const QUANTILES: [f64; 4] = [0.5, 0.9, 0.99, 0.999];
/// Thresholds X of P(fatalities > X).
const THRESHOLDS: [f64; 5] = [1e4, 1e5, 1e6, 1e7, 1e8];

/// The plans of a scenario, assessed.
#[derive(Debug)]
pub struct Plans {
    /// (rung index, rung name, plan name, plan origin, casualties).
    rungs: Vec<(usize, String, String, String, RungCasualties)>,
    rung_count: usize,
}

/// Loads and assesses the scenario's strike plans (`None` when it attaches none). A bad plan
/// is bad input (exit 2), reported before any run.
pub fn prepare(loaded: &Loaded) -> Result<Option<Plans>, AppError> {
    if loaded.info.strike_plans.is_empty() {
        return Ok(None);
    }
    let names: Vec<&str> = loaded.scenario.ladder.rungs().iter().map(|r| r.name.as_str()).collect();
    let mut rungs = Vec::new();
    for (rung, spec) in &loaded.info.strike_plans {
        let index = names.iter().position(|n| n == rung).ok_or_else(|| {
            AppError::Internal(format!("rung {rung} was validated by the reader but is not in the ladder"))
        })?;
        let plan = strike::load(&relative_to_scenario(spec, &loaded.origin)).map_err(|e| match e {
            AppError::BadInput(m) => {
                AppError::BadInput(format!("{m}\n(strike plan of consequences.{rung} in {})", loaded.origin))
            }
            other => other,
        })?;
        let (_, result) = strike::assess_plan(&plan)?;
        let casualties = RungCasualties { fatalities: result.total.fatalities, injuries: result.total.injuries };
        rungs.push((index, rung.clone(), plan.name.clone(), plan.origin.clone(), casualties));
    }
    Ok(Some(Plans { rungs, rung_count: names.len() }))
}

/// A relative plan path is looked up next to the scenario file when it is not found from the
/// working directory.
fn relative_to_scenario(spec: &str, scenario_origin: &str) -> String {
    let path = Path::new(spec);
    if path.is_relative()
        && !path.exists()
        && !scenario_origin.starts_with("bundled:")
        && let Some(beside) = Path::new(scenario_origin).parent().map(|dir| dir.join(path))
        && beside.exists()
    {
        return beside.display().to_string();
    }
    spec.to_owned()
}

impl Plans {
    fn distribution(&self, summary: &Summary) -> FatalityDistribution {
        let mut casualties = vec![None; self.rung_count];
        for (index, _, _, _, c) in &self.rungs {
            casualties[*index] = Some(*c);
        }
        fatality_distribution(summary.runs, &summary.nuclear_rung, &casualties, &QUANTILES, &THRESHOLDS)
    }

    /// The `consequences` of a run's report.
    pub fn consequences(&self, summary: &Summary) -> Consequences {
        let d = self.distribution(summary);
        let plans = self
            .rungs
            .iter()
            .map(|(index, rung, name, origin, c)| {
                let p = Proportion::new(summary.nuclear_rung[*index], summary.runs);
                RungPlan {
                    rung: rung.clone(),
                    plan: name.clone(),
                    plan_origin: origin.clone(),
                    fatalities: c.fatalities,
                    injuries: c.injuries,
                    runs: p.count,
                    p: p.p,
                    ci95: [p.ci95.0, p.ci95.1],
                }
            })
            .collect();
        let quantiles = d.quantiles.iter().map(|(q, v)| (format!("p{}", q * 100.0), *v)).collect();
        let exceedance = d
            .exceedance
            .iter()
            .map(|&(x, count)| {
                let p = Proportion::new(count, summary.runs);
                Exceedance { threshold: x, count, p: p.p, ci95: [p.ci95.0, p.ci95.1] }
            })
            .collect();
        Consequences {
            note: CAVEAT.to_owned(),
            plans,
            unassessed_runs: d.unassessed_runs,
            fatalities: brink_types::run::FatalityDistribution { mean: d.mean_fatalities, quantiles, exceedance },
            injuries: MeanOnly { mean: d.mean_injuries },
        }
    }
}

/// The section a run's text summary ends with when the scenario attaches strike plans.
pub fn text(c: &Consequences) -> String {
    let people = |x: f64| if x >= 1e6 { format!("{:.2} M", x / 1e6) } else { format!("{x:.0}") };
    let mut out =
        String::from("\nlives at stake (strike plans attached to nuclear rungs; estimates, not predictions):\n");
    for plan in &c.plans {
        out += &format!(
            "  {:<24} plan {:<18} {:>10} dead {:>10} injured   reached in {:.5} of runs\n",
            plan.rung,
            plan.plan,
            people(plan.fatalities),
            people(plan.injuries),
            plan.p
        );
    }
    out += &format!("  fatalities per run: mean {}", people(c.fatalities.mean));
    for (q, v) in &c.fatalities.quantiles {
        out += &format!(", {q} {}", people(*v));
    }
    out += "\n  P(fatalities > X):";
    for e in &c.fatalities.exceedance {
        out += &format!("  {} {:.5}", people(e.threshold), e.p);
    }
    out += "\n";
    if c.unassessed_runs > 0 {
        out += &format!(
            "  {} runs reached a nuclear rung with no plan attached: counted as 0 (the figures are lower bounds)\n",
            c.unassessed_runs
        );
    }
    out
}
