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
/// Thresholds X (Tg) of P(soot > X): about one Hiroshima fire, then the published runs' 5,
/// 16, 47 and 150 Tg (Xia et al. 2022).
const SOOT_THRESHOLDS_TG: [f64; 5] = [0.03, 5.0, 16.0, 47.0, 150.0];
/// Thresholds X of P(people without food > X).
const HUNGER_THRESHOLDS: [f64; 4] = [1e8, 1e9, 2e9, 5e9];

/// One rung's plan, assessed: (rung index, rung name, plan name, plan origin, casualties,
/// soot Tg, people without food).
type AssessedRung = (usize, String, String, String, RungCasualties, f64, f64);

/// The plans of a scenario, assessed.
#[derive(Debug)]
pub struct Plans {
    rungs: Vec<AssessedRung>,
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
        let soot = result.fire.soot_tg().1;
        let hungry = brink_consequences::aftermath::people_without_food(soot).0;
        rungs.push((index, rung.clone(), plan.name.clone(), plan.origin.clone(), casualties, soot, hungry));
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
    /// The distribution over runs of one figure of the rungs' plans (`value` of a rung), as
    /// the `fatalities` of [`fatality_distribution`] (the same integer-count reduction).
    fn distribution(
        &self,
        summary: &Summary,
        value: impl Fn(&AssessedRung) -> RungCasualties,
        thresholds: &[f64],
    ) -> FatalityDistribution {
        let mut casualties = vec![None; self.rung_count];
        for r in &self.rungs {
            casualties[r.0] = Some(value(r));
        }
        fatality_distribution(summary.runs, &summary.nuclear_rung, &casualties, &QUANTILES, thresholds)
    }

    fn typed(d: &FatalityDistribution, runs: u64) -> brink_types::run::FatalityDistribution {
        let quantiles = d.quantiles.iter().map(|(q, v)| (format!("p{}", q * 100.0), *v)).collect();
        let exceedance = d
            .exceedance
            .iter()
            .map(|&(x, count)| {
                let p = Proportion::new(count, runs);
                Exceedance { threshold: x, count, p: p.p, ci95: [p.ci95.0, p.ci95.1] }
            })
            .collect();
        brink_types::run::FatalityDistribution { mean: d.mean_fatalities, quantiles, exceedance }
    }

    /// The `consequences` of a run's report.
    pub fn consequences(&self, summary: &Summary) -> Consequences {
        let d = self.distribution(summary, |r| r.4, &THRESHOLDS);
        let soot =
            self.distribution(summary, |r| RungCasualties { fatalities: r.5, injuries: 0.0 }, &SOOT_THRESHOLDS_TG);
        let hungry =
            self.distribution(summary, |r| RungCasualties { fatalities: r.6, injuries: 0.0 }, &HUNGER_THRESHOLDS);
        let plans = self
            .rungs
            .iter()
            .map(|(index, rung, name, origin, c, soot_tg, hungry)| {
                let p = Proportion::new(summary.nuclear_rung[*index], summary.runs);
                RungPlan {
                    rung: rung.clone(),
                    plan: name.clone(),
                    plan_origin: origin.clone(),
                    fatalities: c.fatalities,
                    injuries: c.injuries,
                    soot_tg: *soot_tg,
                    people_without_food: *hungry,
                    runs: p.count,
                    p: p.p,
                    ci95: [p.ci95.0, p.ci95.1],
                }
            })
            .collect();
        Consequences {
            note: CAVEAT.to_owned(),
            plans,
            unassessed_runs: d.unassessed_runs,
            fatalities: Self::typed(&d, summary.runs),
            injuries: MeanOnly { mean: d.mean_injuries },
            soot_tg: Self::typed(&soot, summary.runs),
            people_without_food: Self::typed(&hungry, summary.runs),
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
            "  {:<24} plan {:<18} {:>10} dead {:>10} injured {:>7.2} Tg soot {:>10} without food   reached in {:.5} of runs\n",
            plan.rung,
            plan.plan,
            people(plan.fatalities),
            people(plan.injuries),
            plan.soot_tg,
            people(plan.people_without_food),
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
    out += &format!("  soot per run (Tg): mean {:.2}", c.soot_tg.mean);
    for (q, v) in &c.soot_tg.quantiles {
        out += &format!(", {q} {v:.2}");
    }
    out += "\n  P(soot > X Tg):";
    for e in &c.soot_tg.exceedance {
        out += &format!("  {} {:.5} [{:.5}, {:.5}]", e.threshold, e.p, e.ci95[0], e.ci95[1]);
    }
    out += &format!(
        "\n  people without food at the end of year two, per run: mean {}",
        people(c.people_without_food.mean)
    );
    for (q, v) in &c.people_without_food.quantiles {
        out += &format!(", {q} {}", people(*v));
    }
    out += "\n  P(people without food > X):";
    for e in &c.people_without_food.exceedance {
        out += &format!("  {} {:.5} [{:.5}, {:.5}]", people(e.threshold), e.p, e.ci95[0], e.ci95[1]);
    }
    out += "\n  (soot from each plan's fires; hunger from Xia et al. 2022 Table 1, interpolated by soot)\n";
    if c.unassessed_runs > 0 {
        out += &format!(
            "  {} runs reached a nuclear rung with no plan attached: counted as 0 (the figures are lower bounds)\n",
            c.unassessed_runs
        );
    }
    out
}
