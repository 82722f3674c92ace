//! Streaming statistics over runs. Everything is an integer count or a float sum added in run
//! order, so memory does not grow with the number of runs and the result does not depend on
//! how runs were spread over threads.

use crate::model::Scenario;
use crate::run::{Cause, LimitReason, Outcome, RunRecord};

/// z for a two-sided 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

/// Wilson score interval for `count` successes in `n` trials at normal quantile `z`
/// (Wilson 1927; Agresti & Coull 1998). Returns (0, 0) for n = 0.
pub fn wilson_interval(count: u64, n: u64, z: f64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 0.0);
    }
    let n = n as f64;
    let p = count as f64 / n;
    let z2 = z * z;
    let denominator = 1.0 + z2 / n;
    let center = (p + z2 / (2.0 * n)) / denominator;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    // At the boundaries the interval is one-sided exactly; rounding would leave ±1e-19.
    let low = if count == 0 { 0.0 } else { (center - half).max(0.0) };
    let high = if count as f64 == n { 1.0 } else { (center + half).min(1.0) };
    (low, high)
}

/// A proportion with its Wilson 95% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proportion {
    /// Number of runs.
    pub count: u64,
    /// count / runs.
    pub p: f64,
    /// Wilson 95% interval.
    pub ci95: (f64, f64),
}

impl Proportion {
    /// `count` out of `n`.
    pub fn new(count: u64, n: u64) -> Self {
        let p = if n == 0 { 0.0 } else { count as f64 / n as f64 };
        Self { count, p, ci95: wilson_interval(count, n, Z95) }
    }
}

/// Aggregate of many runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Number of runs.
    pub runs: u64,
    /// Runs per outcome, indexed like [`Outcome::ALL`].
    pub outcomes: [u64; 4],
    /// Runs per peak rung.
    pub peak_rung: Vec<u64>,
    /// Per outcome, runs per number of turns (index = turns).
    pub turns: [Vec<u64>; 4],
    /// Nuclear uses per cause, indexed like [`Cause::ALL`].
    pub nuclear_causes: [u64; Cause::ALL.len()],
    /// Nuclear uses per actor; the last entry is the chance hazard (no actor).
    pub nuclear_by_actor: Vec<u64>,
    /// Nuclear uses per rung.
    pub nuclear_rung: Vec<u64>,
    /// Concessions per actor.
    pub concessions_by_actor: Vec<u64>,
    /// Total red-line crossings.
    pub red_lines_crossed: u64,
    /// Runs with at least one red line crossed.
    pub runs_with_red_line_crossed: u64,
    /// First red line crossed: counts per (owner, crosser), row-major over actors.
    pub first_red_line: Vec<u64>,
    /// Total responses.
    pub responses: u64,
    /// Total miscalculations.
    pub miscalculations: u64,
    /// Runs with at least one miscalculation.
    pub runs_with_miscalculation: u64,
    /// Runs ending in nuclear use whose chain held at least one miscalculation before it (a
    /// step taken on a belief that the other would not answer, which was answered).
    pub nuclear_after_miscalculation: u64,
    /// Runs that ended in a negotiated settlement (an accepted offer).
    pub negotiated_settlements: u64,
    /// Runs at the turn limit by reason, in [`LimitReason::ALL`] order.
    pub limit_reasons: [u64; 2],
    /// Total accidents.
    pub accidents: u64,
    /// Total early-warning false alarms.
    pub false_alarms: u64,
    /// Total misreadings under fog of war.
    pub misreads: u64,
    /// Total declarations sent.
    pub signals_sent: u64,
    /// Total declarations honoured (answered when a crossing reached them).
    pub signals_honoured: u64,
    /// Total declarations contradicted (left unanswered when a crossing reached them).
    pub signals_contradicted: u64,
    /// Sum of audience costs paid.
    pub audience_costs: f64,
    /// Sum of the start-of-run belief errors.
    pub belief_error_start: f64,
    /// Sum of the end-of-run belief errors.
    pub belief_error_end: f64,
    /// Rung occupancy over time: runs whose joint level at the end of turn t was r, at
    /// `(t − 1) * rungs + r` (a run counts only for the turns it lasted).
    pub occupancy: Vec<u64>,
    /// Number of rungs (the row length of `occupancy`).
    pub rungs: usize,
    /// Turns played, over all runs.
    pub total_turns: u64,
    /// Decisions taken, over all runs.
    pub decisions: u64,
}

impl Summary {
    /// An empty summary shaped for `scenario`.
    pub fn new(scenario: &Scenario) -> Self {
        let rungs = scenario.ladder.len();
        let actors = scenario.actors.len();
        let turns = scenario.rules.max_turns as usize + 1;
        Self {
            runs: 0,
            outcomes: [0; 4],
            peak_rung: vec![0; rungs],
            turns: std::array::from_fn(|_| vec![0; turns]),
            nuclear_causes: [0; Cause::ALL.len()],
            nuclear_by_actor: vec![0; actors + 1],
            nuclear_rung: vec![0; rungs],
            concessions_by_actor: vec![0; actors],
            red_lines_crossed: 0,
            runs_with_red_line_crossed: 0,
            first_red_line: vec![0; actors * actors],
            responses: 0,
            miscalculations: 0,
            runs_with_miscalculation: 0,
            nuclear_after_miscalculation: 0,
            negotiated_settlements: 0,
            limit_reasons: [0; 2],
            accidents: 0,
            false_alarms: 0,
            misreads: 0,
            signals_sent: 0,
            signals_honoured: 0,
            signals_contradicted: 0,
            audience_costs: 0.0,
            belief_error_start: 0.0,
            belief_error_end: 0.0,
            occupancy: vec![0; rungs * (turns - 1)],
            rungs,
            total_turns: 0,
            decisions: 0,
        }
    }

    /// Adds one run.
    pub fn add(&mut self, record: &RunRecord) {
        let outcome = outcome_index(record.outcome);
        self.runs += 1;
        self.outcomes[outcome] += 1;
        self.peak_rung[record.peak_rung] += 1;
        self.turns[outcome][record.turns as usize] += 1;
        if let Some(nuclear) = record.nuclear {
            self.nuclear_causes[Cause::ALL.iter().position(|&c| c == nuclear.cause).unwrap_or(0)] += 1;
            let last = self.nuclear_by_actor.len() - 1;
            self.nuclear_by_actor[nuclear.actor.unwrap_or(last)] += 1;
            self.nuclear_rung[nuclear.rung] += 1;
        }
        if let Some(actor) = record.conceded {
            self.concessions_by_actor[actor] += 1;
        }
        self.red_lines_crossed += u64::from(record.red_lines_crossed);
        if let Some(first) = record.first_red_line {
            self.runs_with_red_line_crossed += 1;
            self.first_red_line[first.owner * self.concessions_by_actor.len() + first.crosser] += 1;
        }
        self.responses += u64::from(record.responses);
        self.miscalculations += u64::from(record.miscalculations);
        self.runs_with_miscalculation += u64::from(record.miscalculations > 0);
        self.nuclear_after_miscalculation += u64::from(record.nuclear.is_some() && record.miscalculations > 0);
        self.negotiated_settlements += u64::from(record.negotiated);
        if let Some(reason) = record.limit_reason {
            self.limit_reasons[LimitReason::ALL.iter().position(|&r| r == reason).unwrap_or(0)] += 1;
        }
        self.accidents += u64::from(record.accidents);
        self.false_alarms += u64::from(record.false_alarms);
        self.misreads += u64::from(record.misreads);
        self.signals_sent += u64::from(record.signals_sent);
        self.signals_honoured += u64::from(record.signals_honoured);
        self.signals_contradicted += u64::from(record.signals_contradicted);
        self.audience_costs += record.audience_costs;
        self.belief_error_start += record.belief_error_start;
        self.belief_error_end += record.belief_error_end;
        for (turn, &level) in record.levels.iter().enumerate() {
            self.occupancy[turn * self.rungs + usize::from(level)] += 1;
        }
        self.total_turns += u64::from(record.turns);
        self.decisions += record.decisions;
    }

    /// Adds another summary of the same scenario (the runs that follow this one's).
    pub fn merge(&mut self, other: &Summary) {
        fn add(into: &mut [u64], from: &[u64]) {
            into.iter_mut().zip(from).for_each(|(a, b)| *a += b);
        }
        self.runs += other.runs;
        add(&mut self.outcomes, &other.outcomes);
        add(&mut self.peak_rung, &other.peak_rung);
        for (mine, theirs) in self.turns.iter_mut().zip(&other.turns) {
            add(mine, theirs);
        }
        add(&mut self.nuclear_causes, &other.nuclear_causes);
        add(&mut self.nuclear_by_actor, &other.nuclear_by_actor);
        add(&mut self.nuclear_rung, &other.nuclear_rung);
        add(&mut self.concessions_by_actor, &other.concessions_by_actor);
        self.red_lines_crossed += other.red_lines_crossed;
        self.runs_with_red_line_crossed += other.runs_with_red_line_crossed;
        add(&mut self.first_red_line, &other.first_red_line);
        self.responses += other.responses;
        self.miscalculations += other.miscalculations;
        self.runs_with_miscalculation += other.runs_with_miscalculation;
        self.nuclear_after_miscalculation += other.nuclear_after_miscalculation;
        self.negotiated_settlements += other.negotiated_settlements;
        add(&mut self.limit_reasons, &other.limit_reasons);
        self.accidents += other.accidents;
        self.false_alarms += other.false_alarms;
        self.misreads += other.misreads;
        self.signals_sent += other.signals_sent;
        self.signals_honoured += other.signals_honoured;
        self.signals_contradicted += other.signals_contradicted;
        self.audience_costs += other.audience_costs;
        self.belief_error_start += other.belief_error_start;
        self.belief_error_end += other.belief_error_end;
        add(&mut self.occupancy, &other.occupancy);
        self.total_turns += other.total_turns;
        self.decisions += other.decisions;
    }

    /// Runs whose joint level at the end of `turn` (1-based) was `rung`.
    pub fn occupancy_at(&self, turn: u32, rung: usize) -> u64 {
        self.occupancy[(turn as usize - 1) * self.rungs + rung]
    }

    /// Runs still in the crisis after `turn` turns (the survival curve's numerator: runs that
    /// had not ended before or at `turn`).
    pub fn surviving_after(&self, turn: u32) -> u64 {
        let ended: u64 = self.turns.iter().map(|h| h[..=turn as usize].iter().sum::<u64>()).sum();
        self.runs - ended
    }

    /// The probability of `outcome` with its Wilson 95% interval.
    pub fn outcome(&self, outcome: Outcome) -> Proportion {
        Proportion::new(self.outcomes[outcome_index(outcome)], self.runs)
    }

    /// Mean number of turns of the runs that ended in `outcome` (NaN if none did).
    pub fn mean_turns(&self, outcome: Outcome) -> f64 {
        let histogram = &self.turns[outcome_index(outcome)];
        let count: u64 = histogram.iter().sum();
        let total: u64 = histogram.iter().enumerate().map(|(t, &c)| t as u64 * c).sum();
        if count == 0 { f64::NAN } else { total as f64 / count as f64 }
    }

    /// The `q`-quantile (0..=1) of turns for runs that ended in `outcome`.
    pub fn turns_quantile(&self, outcome: Outcome, q: f64) -> Option<u32> {
        let histogram = &self.turns[outcome_index(outcome)];
        let count: u64 = histogram.iter().sum();
        if count == 0 {
            return None;
        }
        let rank = ((q * count as f64).ceil() as u64).clamp(1, count);
        let mut seen = 0;
        for (turns, &c) in histogram.iter().enumerate() {
            seen += c;
            if seen >= rank {
                return Some(turns as u32);
            }
        }
        None
    }
}

fn outcome_index(outcome: Outcome) -> usize {
    Outcome::ALL.iter().position(|&o| o == outcome).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// research/escalation-models.md §4.4: 100 of 10,000 → [0.008229, 0.012147];
    /// 0 of 1,000 → [0, 0.003827].
    #[test]
    fn wilson_matches_reference_values() {
        let (lo, hi) = wilson_interval(100, 10_000, Z95);
        assert!((lo - 0.008229).abs() < 1e-6 && (hi - 0.012147).abs() < 1e-6);
        let (lo, hi) = wilson_interval(0, 1_000, Z95);
        assert!(lo.abs() < 1e-12 && (hi - 0.003827).abs() < 1e-6);
    }
}
