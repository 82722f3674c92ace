// The result documents of brink (`brink COMMAND --format json`, the web API), generated from
// the JSON Schemas of the report types in crates/brink-types. Do not edit: change the Rust
// types, then run `BRINK_UPDATE_GENERATED=1 cargo test -p brink-types` (a test fails while
// this file and the types differ).

/** global cooling and people without food after a nuclear war's soot, from published model runs */
export interface AftermathReport {
  /** Which kind of result this is. */
  kind: "aftermath";
  /** The brink version that produced it. */
  brink_version: string;
  /** Where the soot figure came from: a plan's name, or `--soot-tg`. */
  source: string;
  /** The plan's fires, when the soot came from a plan. */
  fire?: StrikeFire | null;
  /** Prompt deaths of the plan (brink's model), when the soot came from a plan. */
  prompt_fatalities?: number | null;
  /** Stratospheric soot (Tg). */
  soot_tg: number;
  /** Peak global mean surface cooling (°C, positive = colder). */
  cooling_c: number;
  /** How the cooling relates to the published runs. */
  cooling_basis: string;
  /** Global mean cooling, year by year after the war (year 0 = the war). */
  cooling_by_year: YearCooling[];
  /** People without food at the end of year two: Xia et al. 2022 Table 1 (no trade, half of the livestock grain feed to people, the rest of the world fed 1 911 kcal/day). */
  people_without_food: number;
  /** How that figure relates to the published runs. */
  people_without_food_basis: string;
  /** Share of the 2010 world population (6 703 M) of the food model. */
  share_of_world_population: number;
  /** With the soot's low and high values when it came from a plan: (low, high). */
  people_without_food_range?: [number, number] | null;
  /** People without food at the end of year two in each food case of Xia et al. 2022 (trade or not; livestock kept, halved or killed), by key (e.g. `trade_livestock`); the Table 1 case, `no_trade_partial_livestock`, equals `people_without_food`. */
  people_without_food_cases?: Record<string, FoodCaseFigure>;
  /** People without food at the end of year two nation by nation, Table 1 case (Xia et al. 2022 Supplementary Information), largest first; nations missing from the transcription are absent, so the sum falls short of `people_without_food` (see `limitations`). */
  people_without_food_by_country?: CountryFood[];
  /** The published famine runs brink interpolates between. */
  famine_runs: FamineRun[];
  /** The published climate runs brink interpolates between. */
  climate_runs: ClimateRun[];
  /** What is not there or only in part (e.g. the other cases by country). */
  limitations: string[];
  /** What the figures are. */
  note: string;
  /** Wall-clock time and threads (absent in documents built without a clock). */
  timing?: Timing | null;
}

/** Mean absolute error of red-line beliefs. */
export interface BeliefError {
  /** At the start of a run. */
  start_mean: number;
  /** At its end. */
  end_mean: number;
}

/** Fatalities and injuries. */
export interface Casualties {
  /** Fatalities. */
  fatalities: number;
  /** Injuries. */
  injuries: number;
}

/** One check of a simulated quantity against its closed form. */
export interface Check {
  /** The model. */
  model: string;
  /** The quantity. */
  quantity: string;
  /** The model's parameters, as given. */
  params: Record<string, string>;
  /** The closed form's value. */
  closed_form: number;
  /** The engine's value. */
  simulated: number;
  /** The 95% interval of a Monte Carlo estimate (`null` for a deterministic one). */
  ci95?: [number, number] | null;
  /** Closed form inside the 99.9% interval, or within 1e-9 relative. */
  pass: boolean;
}

/** One action where equilibrium and the scenario's rules differ. */
export interface ChoiceDifference {
  /** Who chooses. */
  actor: string;
  /** The situation: the actor's red line and the public history. */
  infoset: string;
  /** The action. */
  action: string;
  /** Its probability in equilibrium. */
  equilibrium: number;
  /** Its probability under the scenario's rules. */
  scenario: number;
  /** The probability that the situation arises under the scenario's rules. */
  reach: number;
}

/** One published climate run. */
export interface ClimateRun {
  /** Stratospheric soot (Tg). */
  soot_tg: number;
  /** Peak global mean surface cooling (°C). */
  peak_cooling_c: number;
  /** The source. */
  source: string;
}

/** One policy of a comparison. */
export interface ComparePolicy {
  /** Its name. */
  name: string;
  /** How it was given (`NAME=FILE` or `NAME=PATH=VALUE;…`). */
  spec: string;
  /** Hash of the scenario it ran. */
  scenario_hash: string;
  /** Its outcome probabilities. */
  outcomes: Outcomes_Proportion;
  /** Its paired difference from the baseline, per outcome. */
  difference: Outcomes_Difference;
}

/** policies run on common random numbers, with paired (Newcombe) differences */
export interface CompareReport {
  /** Which kind of result this is. */
  kind: "compare";
  /** The brink version that produced it. */
  brink_version: string;
  /** The scenario's name. */
  scenario: string;
  /** Where it came from: a path, `bundled:NAME`, or a name given to pasted text. */
  scenario_origin: string;
  /** FNV-1a hash of the scenario text after overrides. */
  scenario_hash: string;
  /** The overrides applied, as `PATH=VALUE`. */
  overrides: string[];
  /** The random generator (named, so results are reproducible). */
  generator: string;
  /** Runs (per point, per policy or per design point, by kind). */
  runs: number;
  /** The master seed. */
  seed: number;
  /** The first policy's name. */
  baseline?: string | null;
  /** The interval method. */
  interval: string;
  /** The policies, baseline first. */
  policies: ComparePolicy[];
  /** Wall-clock time and threads (absent in documents built without a clock). */
  timing?: Timing | null;
}

/** Lives at stake: strike plans attached to nuclear rungs, and fatalities over runs. */
export interface Consequences {
  /** What the figures are (estimates under stated assumptions). */
  note: string;
  /** The plans, by rung. */
  plans: RungPlan[];
  /** Runs that reached a nuclear rung with no plan (counted as 0). */
  unassessed_runs: number;
  /** Fatalities per run. */
  fatalities: FatalityDistribution;
  /** Injuries per run. */
  injuries: MeanOnly;
  /** Stratospheric soot (Tg) per run, from the plans' fires (central values; thresholds in Tg). */
  soot_tg: FatalityDistribution;
  /** People without food at the end of year two per run (Xia et al. 2022 Table 1 case, interpolated by the plan's soot). */
  people_without_food: FatalityDistribution;
}

/** People without food at the end of year two in one nation (Xia et al. 2022, Table 1 case). */
export interface CountryFood {
  /** The nation as the source names it (e.g. `Taiwan, province of China`). */
  name: string;
  /** ISO 3166-1 alpha-2 code; empty where the mapping is not unambiguous. */
  code: string;
  /** People without food at the end of year two at this soot amount. */
  people_without_food: number;
  /** How that figure relates to the published runs (published, interpolated, outside). */
  basis: string;
}

/** One problem of a scenario. */
export interface DiagnosticDoc {
  /** The file's name. */
  file: string;
  /** 1-based line (`null` for an override or the file as a whole). */
  line?: number | null;
  /** 1-based column. */
  column?: number | null;
  /** Dotted path of the field. */
  field: string;
  /** The same as `field` (the name the web page reads). */
  path: string;
  /** What is wrong and what was expected. */
  message: string;
  /** `scenario` (a place in the text), `override` or `file`. */
  source: string;
  /** The override at fault (`PATH=VALUE`), for `source = override`. */
  override?: string | null;
}

/** A paired difference of proportions. */
export interface Difference {
  /** p(policy) − p(baseline). */
  difference: number;
  /** Newcombe's paired 95% interval. */
  ci95: [number, number];
  /** Runs where the two disagree. */
  discordant_runs: number;
}

/** Ground ranges of levels, keyed by level. */
export interface EffectRanges {
  /** By overpressure (psi): `"1"`, `"2"`, `"5"`, `"10"`, `"20"`. */
  overpressure_psi: Record<string, number | null>;
  /** By radiant exposure (cal/cm²). */
  thermal_cal_cm2: Record<string, number | null>;
  /** By prompt dose (rem). */
  prompt_dose_rem: Record<string, number | null>;
  /** By burn degree: `"1st"`, `"2nd"`, `"3rd"`. */
  burns: Record<string, number | null>;
}

/** The effects at one ground range. */
export interface EffectsPoint {
  /** Ground range from ground zero (m). */
  ground_range_m: number;
  /** Slant range from the burst (m). */
  slant_range_m: number;
  /** Peak overpressure (psi); `null` where the blast fit is outside its validity range. */
  overpressure_psi?: number | null;
  /** Thermal fluence (cal/cm²). */
  thermal_cal_cm2: number;
  /** Prompt radiation dose (rem). */
  prompt_dose_rem: number;
}

/** blast, thermal and prompt-radiation effects of one detonation */
export interface EffectsReport {
  /** Which kind of result this is. */
  kind: "effects";
  /** The brink version that produced it. */
  brink_version: string;
  /** Yield (kt). */
  yield_kt: number;
  /** Height of burst (m). */
  hob_m: number;
  /** The overpressure model: `brode` or `dna`. */
  blast_model: string;
  /** Fireball radius (m). */
  fireball_radius_m: number;
  /** The effects at each requested ground range. */
  points: EffectsPoint[];
  /** Ground range (m) at which each level is reached (`null`: not reached). */
  ranges_m: EffectRanges;
  /** Wall-clock time and threads (absent in documents built without a clock). */
  timing?: Timing | null;
}

/** One behaviour profile and what it pays. */
export interface EfgEquilibrium {
  /** `behavior[player][infoset][action]`: the probability of each action. */
  behavior: Probability[][][];
  /** Each player's expected payoff. */
  payoffs: Probability[];
}

/** An information set as the file names it. */
export interface EfgInfoset {
  /** Its number in the file. */
  number: number;
  /** Its label (may be empty). */
  name: string;
  /** Action labels, in file order. */
  actions: string[];
}

/** equilibrium play of a scenario truncated after T turns, compared with its own rules */
export interface EquilibriumReport {
  /** Which kind of result this is. */
  kind: "equilibrium";
  /** The brink version that produced it. */
  brink_version: string;
  /** The scenario's name. */
  scenario: string;
  /** Turns in the game before the truncation. */
  turns: number;
  /** The size of the game tree. */
  tree: TreeSize;
  /** The solver: `lcp` or `cfr`. */
  method: string;
  /** CFR+ iterations (`cfr`). */
  iterations?: number | null;
  /** NashConv of the equilibrium profile computed (0 for exact `lcp`, rounding level for `lcp` in floating point beyond 1,500 LCP rows; CFR+'s remaining gap). */
  nash_conv: number;
  /** Outcome → probability over the turns under equilibrium play (`continuing`: the crisis is still going at the truncation). */
  outcomes_equilibrium: Record<string, number>;
  /** Outcome → probability under the scenario's own rules. */
  outcomes_scenario: Record<string, number>;
  /** Actor → how much it would gain by deviating optimally from the scenario's rules while the others keep to theirs. */
  exploitability: Record<string, number>;
  /** The choices where equilibrium and the scenario's rules differ most, weighted by how likely the scenario's rules make the situation. */
  largest_differences: ChoiceDifference[];
  /** Wall-clock time and threads (absent in documents built without a clock). */
  timing?: Timing | null;
}

/** What went wrong, and for a bad scenario where (the first problem; `diagnostics` has all). */
export interface ErrorDoc {
  /** `scenario` (a bad scenario or override), `bad_request`, `not_found`, `forbidden`, `busy`, `cancelled` or `internal`. */
  kind: string;
  /** For a person: the first problem (`FILE:LINE:COL: error: FIELD: MESSAGE` for a scenario). */
  message: string;
  /** The scenario file's name (`scenario` errors). */
  file?: string | null;
  /** 1-based line of the first problem (`null` for an override or the file as a whole). */
  line?: number | null;
  /** 1-based column of the first problem. */
  column?: number | null;
  /** Dotted path of the first problem's field (`actors.russia.response_prob`). */
  field?: string | null;
  /** Every problem of a scenario, in order. */
  diagnostics: DiagnosticDoc[];
}

/** The body of every error response of the web API: `{"error": {...}}`. */
export interface ErrorResponse {
  /** What went wrong. */
  error: ErrorDoc;
}

/** Runs whose fatalities exceed a threshold. */
export interface Exceedance {
  /** The threshold (people). */
  threshold: number;
  /** Runs above it. */
  count: number;
  /** count / runs. */
  p: number;
  /** Wilson 95% interval. */
  ci95: [number, number];
}

/** How a path ended. */
export interface ExplainEnding {
  /** The outcome. */
  outcome: string;
  /** For nuclear use: its cause (`deliberate`, `response`, `accident`, `chance`, `false_alarm`). */
  cause?: string | null;
  /** For nuclear use by an actor, who; for a concession, who conceded. */
  actor?: string | null;
}

/** One path and the runs that followed it. */
export interface ExplainPath {
  /** Runs that followed it. */
  count: number;
  /** count / outcome_runs. */
  share: number;
  /** Wilson 95% interval of the share. */
  ci95: [number, number];
  /** The first run that followed it (replay it with `brink explain --run`). */
  first_run: number;
  /** The moves that raised an actor's rung, in order. */
  steps: ExplainStep[];
  /** How it ended. */
  ending: ExplainEnding;
}

/** the chains of steps behind an outcome: runs grouped by the path that led there */
export interface ExplainReport {
  /** Which kind of result this is. */
  kind: "explain";
  /** The brink version that produced it. */
  brink_version: string;
  /** The scenario's name. */
  scenario: string;
  /** Where it came from: a path, `bundled:NAME`, or a name given to pasted text. */
  scenario_origin: string;
  /** FNV-1a hash of the scenario text after overrides. */
  scenario_hash: string;
  /** The overrides applied, as `PATH=VALUE`. */
  overrides: string[];
  /** The random generator (named, so results are reproducible). */
  generator: string;
  /** Runs (per point, per policy or per design point, by kind). */
  runs: number;
  /** The master seed. */
  seed: number;
  /** The outcome whose runs are grouped (`nuclear_use`, `settlement`, `concession`, `turn_limit`, or `all`). */
  outcome: string;
  /** Runs ending in the outcome (all runs for `all`): the count `brink run` gives for it. */
  outcome_runs: number;
  /** The most frequent paths, most frequent first. */
  paths: ExplainPath[];
  /** Runs with the outcome outside the paths listed: Σ paths.count + other_runs = outcome_runs. */
  other_runs: number;
  /** Distinct paths seen (a lower bound when `paths_truncated`). */
  distinct_paths: number;
  /** Whether the table of distinct paths was full, so that some runs' paths were not kept (they are counted in `other_runs`). */
  paths_truncated: boolean;
  /** Wall-clock time and threads (absent in documents built without a clock). */
  timing?: Timing | null;
}

/** One step of a path. */
export interface ExplainStep {
  /** Who moved. */
  actor: string;
  /** From this rung. */
  from: string;
  /** To this rung. */
  to: string;
  /** Why: `event`, `decision`, `response` or `accident`. */
  cause: string;
  /** For a scripted event, its label (or `events.N`). */
  event?: string | null;
  /** The mean turn of the step over the path's runs. */
  mean_turn: number;
  /** Share of the path's runs in which the step was a miscalculation. */
  miscalculation_share: number;
  /** Share of the path's runs in which the step crossed an adversary's true red line. */
  crossed_red_line_share: number;
}

/** Fallout deaths among survivors of the prompt effects. */
export interface FalloutDeaths {
  /** Deaths. */
  fatalities: number;
  /** Of whom had been injured by the prompt effects. */
  previously_injured: number;
}

/** The fallout field at one point. */
export interface FalloutPointDoc {
  /** km downwind of ground zero. */
  downwind_km: number;
  /** km crosswind. */
  crosswind_km: number;
  /** Dose rate at H+1 (R/h). */
  dose_rate_h1_r_per_h: number;
  /** Arrival time (h). */
  arrival_h: number;
  /** 30-day equivalent residual dose (R). */
  dose_30day_erd_r: number;
}

/** WSEG-10 fallout of a surface burst: H+1 dose rate, arrival, 30-day dose */
export interface FalloutReport {
  /** Which kind of result this is. */
  kind: "fallout";
  /** The brink version that produced it. */
  brink_version: string;
  /** Yield (kt). */
  yield_kt: number;
  /** Fraction of the yield from fission. */
  fission_fraction: number;
  /** Effective wind speed (km/h). */
  wind_kmh: number;
  /** Wind shear (km/h per km of height). */
  shear_kmh_per_km: number;
  /** The field at each point. */
  points: FalloutPointDoc[];
  /** Wall-clock time and threads (absent in documents built without a clock). */
  timing?: Timing | null;
}

/** One published famine run (Xia et al. 2022, Table 1). */
export interface FamineRun {
  /** Stratospheric soot (Tg). */
  soot_tg: number;
  /** Weapons on urban targets. */
  weapons: number;
  /** Yield of each (kt). */
  yield_kt: number;
  /** Direct deaths from blast and fire. */
  direct_deaths: number;
  /** People without food at the end of year two. */
  people_without_food: number;
  /** The source. */
  source: string;
}

/** The distribution of fatalities per run. */
export interface FatalityDistribution {
  /** Mean. */
  mean: number;
  /** Quantiles by name (`p50`, `p90`, `p99`, `p99.9`). */
  quantiles: Record<string, number>;
  /** P(fatalities > threshold). */
  exceedance: Exceedance[];
}

/** Runs in which `crosser` was the first to cross `owner`'s red line. */
export interface FirstCrossed {
  /** Whose red line. */
  owner: string;
  /** Who crossed it. */
  crosser: string;
  /** Runs. */
  count: number;
}

/** How a fit was computed. Grid fields are null for MCMC and MCMC fields null for a grid. */
export interface FitDiagnostics {
  /** Grid points per parameter. */
  points_per_param?: number | null;
  /** Likelihood evaluations (grid points, or the chains' proposals and starting points). */
  evaluations: number;
  /** Evaluations at which some record is impossible (or the prior is 0). */
  impossible_points: number;
  /** Largest posterior mass on one grid point (near 1: the grid is too coarse). */
  max_point_mass?: number | null;
  /** Grid: posterior mass on the edges of the range; MCMC: the share of draws in the outer 1% of the range at either end (large: widen the range). */
  edge_mass: number;
  /** MCMC: independent chains. */
  chains?: number | null;
  /** MCMC: warm-up iterations per chain (discarded). */
  warmup_per_chain?: number | null;
  /** MCMC: kept draws per chain. */
  draws_per_chain?: number | null;
  /** MCMC: the share of proposals accepted after warm-up (mean over chains). */
  acceptance?: number | null;
  /** MCMC: the largest split R-hat over the parameters. */
  max_rhat?: number | null;
  /** MCMC: the smallest effective sample size over the parameters. */
  min_ess?: number | null;
}

/** One MCMC draw. */
export interface FitDraw {
  /** The chain (from 0). */
  chain: number;
  /** The parameter values, in the order of `params`. */
  values: number[];
  /** ln (likelihood × prior) there, up to a constant. */
  log_posterior: number;
}

/** One parameter's posterior. */
export interface FitParam {
  /** Its `--set` path. */
  path: string;
  /** Posterior mean. */
  mean: number;
  /** Posterior standard deviation. */
  sd: number;
  /** Central 95% posterior interval (grid resolution, or the draws' quantiles). */
  ci95: [number, number];
  /** The value at the highest posterior found (joint): the best grid point, or the best draw. */
  map: number;
  /** The prior, as written (`uniform`, `normal:M:S`, `beta:A:B`), on [low, high]. */
  prior: string;
  /** The range searched. */
  range: [number, number];
  /** MCMC: split R-hat (BDA3 §11.4; near 1 when the chains agree). Null for a grid fit. */
  rhat?: number | null;
  /** MCMC: effective sample size of the draws (BDA3 §11.5). Null for a grid fit. */
  ess?: number | null;
}

/** One grid point. */
export interface FitPoint {
  /** The parameter values, in the order of `params`. */
  values: number[];
  /** The records' total log-likelihood there (null when a record is impossible). */
  log_likelihood?: number | null;
  /** Posterior probability of the point. */
  posterior: number;
}

/** the posterior of scenario parameters given observed crises (exact likelihoods, on a grid or by MCMC) */
export interface FitReport {
  /** Which kind of result this is. */
  kind: "fit";
  /** The brink version that produced it. */
  brink_version: string;
  /** The scenario's name. */
  scenario: string;
  /** Where it came from. */
  scenario_origin: string;
  /** FNV-1a hash of the scenario text after the fixed overrides (before the fitted ones). */
  scenario_hash: string;
  /** The fixed overrides, as `PATH=VALUE`. */
  overrides: string[];
  /** The records fitted to (names). */
  records: string[];
  /** The classes of historical crises whose outcome counts were fitted to (`--outcomes`). */
  outcomes?: string[];
  /** `grid` (exact likelihoods on a grid) or `mcmc` (adaptive random-walk Metropolis chains). */
  method: string;
  /** Each fitted parameter's posterior summary. */
  params: FitParam[];
  /** ln of the records' probability averaged over the prior (on the grid; null for MCMC, which does not estimate it). */
  log_evidence?: number | null;
  /** How the posterior was computed. */
  diagnostics: FitDiagnostics;
  /** Outcome probabilities under the posterior beside the scenario's own (by simulation). */
  posterior_predictive: PredictiveOutcome[];
  /** The grid: every point with its log-likelihood and posterior probability (empty for MCMC). */
  grid: FitPoint[];
  /** The MCMC draws kept after warm-up, chain by chain (empty for a grid fit). */
  draws?: FitDraw[];
  /** How precisely each likelihood was summed (absent in reports before December 2026). */
  precision?: LikelihoodPrecision | null;
  /** What the figures are. */
  note: string;
  /** Wall-clock time and threads (absent in documents built without a clock). */
  timing?: Timing | null;
}

/** People without food at the end of year two in one food case of Xia et al. 2022. */
export interface FoodCaseFigure {
  /** The case in words. */
  case: string;
  /** People without food at the end of year two at this soot amount. */
  people_without_food: number;
  /** How that figure relates to the published runs (published, interpolated, outside). */
  basis: string;
  /** The published figures, one per famine run (5, 16, 27, 37, 47, 150 Tg). */
  published: number[];
  /** Where the published figures were read. */
  source: string;
}

/** How precisely likelihoods were summed (`--exact`, `--tolerance`, `--max-error`). */
export interface LikelihoodPrecision {
  /** The tolerance asked for (0: none dropped, `--exact`): branches below this share of a turn's probability were dropped in a record's first computation. A record whose bound exceeded `max_error` was computed again below a share of the rest of its probability, and a fit sets each record's share from its computation at the middle of the ranges, to meet `max_error` (the guarantee). */
  tolerance: number;
  /** The largest error bound accepted per record; a wider one was summed again dropping less. */
  max_error: number;
}

/** the exact probability that a scenario produces observed crises (rungs per turn, and the ending) */
export interface LikelihoodReport {
  /** Which kind of result this is. */
  kind: "likelihood";
  /** The brink version that produced it. */
  brink_version: string;
  /** The scenario's name. */
  scenario: string;
  /** Where it came from: a path, `bundled:NAME`, or a name given to pasted text. */
  scenario_origin: string;
  /** FNV-1a hash of the scenario text after overrides. */
  scenario_hash: string;
  /** The overrides applied, as `PATH=VALUE`. */
  overrides: string[];
  /** Each record's likelihood, in the order given. */
  records: RecordLikelihood[];
  /** ln of the product of the records' likelihoods (independent records); null when one is 0. */
  log_likelihood?: number | null;
  /** How precisely the likelihoods were summed (absent in reports before December 2026, which used the defaults). */
  precision?: LikelihoodPrecision | null;
  /** What the figure is. */
  note: string;
  /** Wall-clock time and threads (absent in documents built without a clock). */
  timing?: Timing | null;
}

/** A mean alone. */
export interface MeanOnly {
  /** Mean per run. */
  mean: number;
}

/** Miscalculations: escalations believed safe that drew a response. */
export interface Miscalculations {
  /** Total over all runs. */
  total: number;
  /** total / runs. */
  per_run: number;
  /** Runs with at least one. */
  runs_with_miscalculation: Proportion;
}

/** Where nuclear use came from, as shares of the runs that ended in it. */
export interface NuclearUseOrigin {
  /** Runs ending in nuclear use (the denominator of the shares below). */
  runs: number;
  /** Those whose chain held a miscalculation (a step taken on the belief that the other would not answer, which was answered) before the nuclear use. */
  after_miscalculation?: Proportion | null;
  /** Those from the free chance hazard of the joint level. */
  from_chance?: Proportion | null;
}

/** Share of runs at each rung after each turn. */
export interface Occupancy {
  /** Rung names, bottom first (the columns of `shares`). */
  rungs: string[];
  /** One row per turn (1, 2, …, max_turns), one share per rung. */
  shares: number[][];
}

/** One value per outcome of a run, in report order. */
export interface Outcomes_Difference {
  /** A nuclear rung was reached, or the chance hazard struck. */
  nuclear_use: Difference;
  /** No step up for the settlement period, at or below the settlement level. */
  settlement: Difference;
  /** An actor conceded. */
  concession: Difference;
  /** The turn limit came first. */
  turn_limit: Difference;
}

/** One value per outcome of a run, in report order. */
export interface Outcomes_Proportion {
  /** A nuclear rung was reached, or the chance hazard struck. */
  nuclear_use: Proportion;
  /** No step up for the settlement period, at or below the settlement level. */
  settlement: Proportion;
  /** An actor conceded. */
  concession: Proportion;
  /** The turn limit came first. */
  turn_limit: Proportion;
}

/** One value per outcome of a run, in report order. */
export interface Outcomes_TurnStats {
  /** A nuclear rung was reached, or the chance hazard struck. */
  nuclear_use: TurnStats;
  /** No step up for the settlement period, at or below the settlement level. */
  settlement: TurnStats;
  /** An actor conceded. */
  concession: TurnStats;
  /** The turn limit came first. */
  turn_limit: TurnStats;
}

/** Runs whose peak was one rung. */
export interface PeakRung {
  /** The rung's name. */
  rung: string;
  /** Runs that peaked there. */
  count: number;
  /** count / runs. */
  p: number;
}

/** One outcome's probability under the posterior and under the scenario as written. */
export interface PredictiveOutcome {
  /** The outcome. */
  outcome: string;
  /** Posterior mean of its probability. */
  p: number;
  /** Central 95% interval of its probability over the posterior. */
  ci95: [number, number];
  /** Its probability under the scenario's own values (same runs and seed). */
  scenario_p: number;
}

/** A probability (or value): a decimal, or an exact fraction such as `"1/3"` (`--exact`). */
export type Probability = number | string;

/** A count of runs out of the runs made, with its Wilson 95% interval. */
export interface Proportion {
  /** Runs counted. */
  count: number;
  /** `count / runs`. */
  p: number;
  /** Wilson score 95% interval [low, high]. */
  ci95: [number, number];
}

/** An observed ending. */
export interface RecordEnd {
  /** `nuclear_use`, `settlement`, `concession` or `turn_limit`. */
  outcome: string;
  /** The turn it ended in. */
  turn: number;
}

/** The likelihood of one record. */
export interface RecordLikelihood {
  /** The record's name (for a trajectories file, `FILE#run=K`). */
  record: string;
  /** Where it came from. */
  origin: string;
  /** The scenario the record says it is for. */
  record_scenario?: string | null;
  /** The observed turns. */
  turns: number[];
  /** The observed ending, if the record gives one: outcome and turn. */
  end?: RecordEnd | null;
  /** P(the scenario produces the record), summed over everything the record does not show. */
  likelihood: number;
  /** ln `likelihood`; null when it is 0. */
  log_likelihood?: number | null;
  /** The first turn the scenario cannot produce (null if it can produce them all). */
  impossible_at_turn?: number | null;
  /** Per observed turn (and the ending's turn), ln P(this turn's observation | the earlier ones); they sum to `log_likelihood`. The contribution is null at an impossible turn. */
  per_turn: TurnLikelihood[];
  /** The most distinct hidden states consistent with the record after any turn. */
  peak_states: number;
  /** Turn replays (branches) visited, over every pass (a record whose bound exceeded the accepted error is computed again). */
  branches: number;
  /** An upper bound on ln(exact likelihood) − `log_likelihood` from the branches dropped below the tolerance (`--exact`: none, 0); the exact value lies between the two. */
  error_bound?: number;
}

/** Red lines crossed. */
export interface RedLines {
  /** Crossings over all runs. */
  crossed_total: number;
  /** Crossings per run. */
  crossed_per_run: number;
  /** Runs with at least one crossing. */
  runs_with_crossing: Proportion;
  /** Whose red line was crossed first, by whom, in how many runs (pairs with a count). */
  first_crossed: FirstCrossed[];
}

/** An effect ring. */
export interface Ring {
  /** The effect. */
  effect: string;
  /** Radius (m). */
  radius_m: number;
  /** Area (km²). */
  area_km2: number;
}

/** a Monte Carlo run of a scenario: outcome probabilities, rungs, turns, causes */
export interface RunReport {
  /** Which kind of result this is. */
  kind: "run";
  /** The brink version that produced it. */
  brink_version: string;
  /** The scenario's name. */
  scenario: string;
  /** Where it came from: a path, `bundled:NAME`, or a name given to pasted text. */
  scenario_origin: string;
  /** FNV-1a hash of the scenario text after overrides. */
  scenario_hash: string;
  /** The overrides applied, as `PATH=VALUE`. */
  overrides: string[];
  /** The random generator (named, so results are reproducible). */
  generator: string;
  /** Runs (per point, per policy or per design point, by kind). */
  runs: number;
  /** The master seed. */
  seed: number;
  /** Share of runs ending in each outcome. */
  outcomes: Outcomes_Proportion;
  /** Runs whose highest rung was each rung, bottom first. */
  peak_rung: PeakRung[];
  /** Turns to each outcome. */
  turns: Outcomes_TurnStats;
  /** Runs ending in nuclear use, by cause (`deliberate`, `response`, `accident`, `chance`, and `false_alarm` where an actor has an early-warning system). */
  nuclear_use_cause: Record<string, Proportion>;
  /** Runs ending in nuclear use, by who used (each actor, then `chance`). */
  nuclear_use_by_actor: Record<string, Proportion>;
  /** Runs ending in a concession, by who conceded. */
  concessions_by_actor: Record<string, Proportion>;
  /** Red lines crossed. */
  red_lines: RedLines;
  /** Responses to crossed red lines. */
  responses: Totals;
  /** Escalations the actor believed safe that drew a response. */
  miscalculations: Miscalculations;
  /** Where the runs ending in nuclear use came from: the share (of those runs) whose chain held a miscalculation before it, beside the share from the free chance hazard. */
  nuclear_use_origin?: NuclearUseOrigin;
  /** Runs at the turn limit by reason (`held_above_settlement_level`, `still_moving`), as shares of all runs. */
  turn_limit_reasons?: Record<string, Proportion>;
  /** Runs that ended in a negotiated settlement (an accepted offer, `[rules.bargaining]`), as a share of all runs; the rest of `settlement` came from a quiet spell. */
  negotiated_settlements?: Proportion | null;
  /** Unintended steps up. */
  accidents: Totals;
  /** Early-warning false alarms (docs/MODEL.md §14), answered by nuclear use or not. */
  false_alarms?: Totals | null;
  /** Moves misread by an adversary under fog of war (docs/MODEL.md §14). */
  misreads?: Totals | null;
  /** What the actors said beside what they did (docs/MODEL.md §16), when some actor signals. */
  signals?: Signals | null;
  /** Mean audience cost paid per run. */
  audience_costs_per_run: number;
  /** Mean absolute error of red-line beliefs at the start and the end of a run. */
  belief_error: BeliefError;
  /** Work done. */
  work: Work;
  /** Share of runs at each rung after each turn. */
  occupancy: Occupancy;
  /** Share of runs still in crisis after turn t (t = 0, 1, …, max_turns). */
  survival: number[];
  /** The scenario's own description. */
  scenario_info: ScenarioInfo;
  /** The scenario text as run (overrides applied). */
  scenario_toml: string;
  /** Lives at stake, when the scenario attaches strike plans to nuclear rungs. */
  consequences?: Consequences | null;
  /** Wall-clock time and threads (absent in documents built without a clock). */
  timing?: Timing | null;
}

/** A plan attached to a rung, and how often the rung was the one reached. */
export interface RungPlan {
  /** The rung. */
  rung: string;
  /** The plan's name. */
  plan: string;
  /** Where the plan came from. */
  plan_origin: string;
  /** Fatalities of the plan. */
  fatalities: number;
  /** Injuries of the plan. */
  injuries: number;
  /** Stratospheric soot of the plan's fires (Tg, central value). */
  soot_tg: number;
  /** People without food at the end of year two after that soot. */
  people_without_food: number;
  /** Runs that ended at the rung. */
  runs: number;
  /** runs / all runs. */
  p: number;
  /** Wilson 95% interval of `p`. */
  ci95: [number, number];
}

/** The scenario's description, from its file. */
export interface ScenarioInfo {
  /** `scenario.title`. */
  title?: string | null;
  /** The question it answers. */
  question?: string | null;
  /** What one turn stands for. */
  turn?: string | null;
  /** Where the ladder comes from. */
  ladder_source?: string | null;
  /** Sources of the parameters, by `--set` path. */
  sources: Record<string, string>;
}

/** Sobol first-order and total indices of P(nuclear use) */
export interface SensitivityReport {
  /** Which kind of result this is. */
  kind: "sensitivity";
  /** The brink version that produced it. */
  brink_version: string;
  /** The scenario's name. */
  scenario: string;
  /** Where it came from: a path, `bundled:NAME`, or a name given to pasted text. */
  scenario_origin: string;
  /** FNV-1a hash of the scenario text after overrides. */
  scenario_hash: string;
  /** The overrides applied, as `PATH=VALUE`. */
  overrides: string[];
  /** The random generator (named, so results are reproducible). */
  generator: string;
  /** Runs (per point, per policy or per design point, by kind). */
  runs: number;
  /** The master seed. */
  seed: number;
  /** The output analysed. */
  output: string;
  /** Base sample size N. */
  samples: number;
  /** Design points (N·(k + 2)). */
  design_points: number;
  /** The estimators. */
  estimators: string;
  /** Mean of the output over the design. */
  output_mean: number;
  /** One entry per parameter. */
  indices: SobolIndex[];
  /** Wall-clock time and threads (absent in documents built without a clock). */
  timing?: Timing | null;
}

/** Declarations sent, and how the senders' later actions bore them out. */
export interface Signals {
  /** Declarations sent. */
  sent: Totals;
  /** Declarations a crossing reached and the sender answered. */
  honoured: Totals;
  /** Declarations a crossing reached and the sender left unanswered. */
  contradicted: Totals;
  /** The deception measure: contradicted / (honoured + contradicted), the share of tested declarations the sender's later action contradicted (`None` when none was tested). */
  deception?: number | null;
}

/** The Sobol indices of one parameter (`null` where the output did not vary). */
export interface SobolIndex {
  /** The parameter's `--set` path. */
  param: string;
  /** Its range [low, high]. */
  range: [number, number];
  /** First-order index S. */
  first?: number | null;
  /** Bootstrap 95% interval of S. */
  first_ci95: [number | null, number | null];
  /** Total index ST. */
  total?: number | null;
  /** Bootstrap 95% interval of ST. */
  total_ci95: [number | null, number | null];
}

/** equilibria, CFR+ or the agent logit QRE of a Gambit extensive-form game */
export interface SolveEfgReport {
  /** Which kind of result this is. */
  kind: "solve-efg";
  /** The brink version that produced it. */
  brink_version: string;
  /** The game's title. */
  title: string;
  /** Player names. */
  players: string[];
  /** Each player's information sets, in the order of their numbers in the file. */
  infosets: EfgInfoset[][];
  /** The size of the game tree. */
  tree: TreeSize;
  /** The solver used: `lcp`, `lp`, `enumpure`, `cfr` or `qre`. */
  method: string;
  /** Each equilibrium (or, for `cfr` and `qre`, the one profile computed). */
  equilibria: EfgEquilibrium[];
  /** The value of a constant-sum game to the first player (`lp`). */
  value?: Probability | null;
  /** The QRE precision λ reached (`qre`). */
  lambda?: number | null;
  /** The number of iterations run (`cfr`). */
  iterations?: number | null;
  /** NashConv of CFR+'s average strategy after each iteration (`cfr`): the sum over players of what a best response would gain. */
  exploitability?: number[] | null;
  /** Wall-clock time and threads (absent in documents built without a clock). */
  timing?: Timing | null;
}

/** Nash equilibria or the logit QRE of a Gambit strategic-form game */
export interface SolveReport {
  /** Which kind of result this is. */
  kind: "solve";
  /** The brink version that produced it. */
  brink_version: string;
  /** The game's title. */
  title: string;
  /** Player names. */
  players: string[];
  /** Strategy labels, per player. */
  strategies: string[][];
  /** The solver used. */
  method: string;
  /** Each equilibrium: per player, a probability per strategy. */
  equilibria: Probability[][][];
  /** The value of a zero-sum game to the first player (`zerosum`). */
  value?: Probability | null;
  /** The QRE precision λ reached (`qre`). */
  lambda?: number | null;
  /** Wall-clock time and threads (absent in documents built without a clock). */
  timing?: Timing | null;
}

/** One actor's belief about an adversary's red line. */
export interface StoryBelief {
  /** Who holds it. */
  holder: string;
  /** About whom. */
  about: string;
  /** The mean of the belief (rung index; the number of rungs stands for never). */
  mean_red_line: number;
  /** The believed chance that the adversary answers a one-rung rise of its peak. */
  p_respond_next: number;
  /** The adversary's true red line (a rung, or `never`). */
  true_red_line: string;
}

/** One decision. */
export interface StoryDecision {
  /** Who decided. */
  actor: string;
  /** The options with their expected utilities and the probabilities the rule chose with (empty for scripted rules). */
  options: StoryOption[];
  /** The action chosen: `concede`, `down`, `hold`, `up` or `jump`. */
  chosen: string;
  /** The rung it moved to (none for a concession). */
  chosen_to?: string | null;
}

/** A declaration a crossing reached: the sender answered (honoured) or not (contradicted). */
export interface StoryDeclarationTested {
  /** Who had declared. */
  actor: string;
  /** The declared rung. */
  rung: string;
  /** Whether the sender answered. */
  honoured: boolean;
}

/** One move that raised a rung. */
export interface StoryMove {
  /** Who moved. */
  actor: string;
  /** From this rung. */
  from: string;
  /** To this rung. */
  to: string;
  /** `event`, `decision`, `response` or `accident`. */
  cause: string;
  /** Whether it proved a miscalculation (judged unlikely to be answered, and answered). */
  miscalculation: boolean;
  /** Whose true red lines it crossed. */
  crossed_red_line_of: string[];
}

/** One option of a decision. */
export interface StoryOption {
  /** `concede`, `down`, `hold`, `up` or `jump`. */
  action: string;
  /** The rung it leads to (none for a concession). */
  to?: string | null;
  /** Its expected utility under the actor's beliefs. */
  expected_utility: number;
  /** The probability the rule chose it with. */
  p: number;
}

/** one run told turn by turn: decisions with their options, moves, beliefs beside the true red lines */
export interface StoryReport {
  /** Which kind of result this is. */
  kind: "story";
  /** The brink version that produced it. */
  brink_version: string;
  /** The scenario's name. */
  scenario: string;
  /** Where it came from: a path, `bundled:NAME`, or a name given to pasted text. */
  scenario_origin: string;
  /** FNV-1a hash of the scenario text after overrides. */
  scenario_hash: string;
  /** The overrides applied, as `PATH=VALUE`. */
  overrides: string[];
  /** The random generator (named, so results are reproducible). */
  generator: string;
  /** Runs (per point, per policy or per design point, by kind). */
  runs: number;
  /** The master seed. */
  seed: number;
  /** The run told (row `run` of `brink run --out` and `--trajectories`). */
  run: number;
  /** How it ended. */
  outcome: string;
  /** For nuclear use, its cause. */
  nuclear_cause?: string | null;
  /** Every actor's true red line (a rung, or `never`), drawn at the start of the run. */
  true_red_lines: Record<string, string>;
  /** The turns played. */
  turns: StoryTurn[];
  /** Wall-clock time and threads (absent in documents built without a clock). */
  timing?: Timing | null;
}

/** A signal sent in a told run. */
export interface StorySignal {
  /** Who signalled. */
  actor: string;
  /** The rung it declared (`None`: its type declared nothing). */
  declared?: string | null;
  /** Whether the declaration was a bluff (not true of the sender's type). */
  bluff: boolean;
}

/** One turn of a told run. */
export interface StoryTurn {
  /** The turn. */
  turn: number;
  /** Every actor's rung at the end of the turn. */
  rungs: Record<string, string>;
  /** The scripted events applied at its start (labels). */
  events: string[];
  /** The decisions taken, in order. */
  decisions: StoryDecision[];
  /** The moves that raised a rung, in order. */
  moves: StoryMove[];
  /** Every belief about an adversary at the end of the turn. */
  beliefs: StoryBelief[];
  /** The signals sent at its start (docs/MODEL.md §16). */
  signals?: StorySignal[];
  /** The declarations a crossing put to the test in it. */
  declarations_tested?: StoryDeclarationTested[];
}

/** Climate and famine after a plan's soot (central value). */
export interface StrikeAftermath {
  /** Stratospheric soot (Tg), the fire's central value. */
  soot_tg: number;
  /** Peak global mean surface cooling (°C, positive = colder). */
  cooling_c: number;
  /** People without food at the end of year two (Xia et al. 2022, Table 1 case). */
  people_without_food: number;
  /** How these relate to the published runs (published, interpolated, outside). */
  basis: string;
}

/** The fallout part of a casualty model. */
export interface StrikeFalloutModel {
  /** The model. */
  model: string;
  /** Wind speed (km/h). */
  wind_kmh: number;
  /** Direction the wind blows toward (degrees from north). */
  wind_toward_deg: number;
  /** Fission fraction. */
  fission_fraction: number;
  /** Shelter protection factor. */
  protection_factor: number;
}

/** City fires of a plan: burned area and stratospheric soot (docs/CONSEQUENCES.md). */
export interface StrikeFire {
  /** Populated area inside the mass-fire zones, joined over aim points (km²). */
  burned_area_km2: number;
  /** People living in it (the fuel loading is proportional to them). */
  people_in_burned_area: number;
  /** Soot lofted to the stratosphere, central value (Tg; Toon et al. 2007, 2019). */
  soot_tg: number;
  /** Low value (Tg; after Reisner et al. 2018). */
  soot_tg_low: number;
  /** High value (Tg). */
  soot_tg_high: number;
  /** The fire model in words. */
  model: string;
}

/** The casualty model's assumptions. */
export interface StrikeModel {
  /** The population model. */
  population: string;
  /** The blast model. */
  blast: string;
  /** Share of people exposed to the thermal pulse. */
  thermal_exposed_fraction: number;
  /** Mortality of burns. */
  burn_mortality: number;
  /** LD50 of prompt radiation (rem). */
  radiation_ld50_rem: number;
  /** Lognormal sigma of the dose–mortality curve. */
  radiation_sigma: number;
  /** Visibility (km). */
  visibility_km: number;
  /** The fallout model, when asked for. */
  fallout?: StrikeFalloutModel | null;
}

/** fatalities and injuries of a strike plan over the embedded population */
export interface StrikeReport {
  /** Which kind of result this is. */
  kind: "strike";
  /** The brink version that produced it. */
  brink_version: string;
  /** The plan's name. */
  plan: string;
  /** Where it came from. */
  plan_origin: string;
  /** Its title, if it has one. */
  title?: string | null;
  /** What the figures are. */
  note: string;
  /** The casualty model. */
  model: StrikeModel;
  /** Fallout deaths, when fallout was asked for. */
  fallout?: FalloutDeaths | null;
  /** Totals over the plan. */
  total: StrikeTotal;
  /** Totals per phase, in order of first appearance. */
  phases: Record<string, Casualties>;
  /** City fires and the soot they loft to the stratosphere, over the whole plan. */
  fire: StrikeFire;
  /** What that soot means for climate and food (published model runs, interpolated). */
  aftermath: StrikeAftermath;
  /** One entry per aim point. */
  targets: StrikeTarget[];
  /** Wall-clock time and threads (absent in documents built without a clock). */
  timing?: Timing | null;
}

/** One aim point. */
export interface StrikeTarget {
  /** Its label. */
  label: string;
  /** Its phase, if any. */
  phase?: string | null;
  /** Latitude (degrees). */
  lat: number;
  /** Longitude (degrees). */
  lon: number;
  /** Yield (kt). */
  yield_kt: number;
  /** Height of burst (m). */
  hob_m: number;
  /** Weapons on the point. */
  count: number;
  /** Fatalities attributed to it. */
  fatalities: number;
  /** Injuries attributed to it. */
  injuries: number;
  /** People within its reach. */
  population_in_reach: number;
  /** Its reach (m). */
  reach_m: number;
  /** Populated area it burns (km²; places it owns). */
  burned_area_km2: number;
  /** Stratospheric soot from its fires, central value (Tg). */
  soot_tg: number;
  /** Its effect rings. */
  rings: Ring[];
}

/** Totals of a plan. */
export interface StrikeTotal {
  /** Fatalities. */
  fatalities: number;
  /** Injuries. */
  injuries: number;
  /** People within reach of the prompt effects. */
  population_in_reach: number;
}

/** a scenario run at every point of a parameter grid or Latin hypercube */
export interface SweepReport {
  /** Which kind of result this is. */
  kind: "sweep";
  /** The brink version that produced it. */
  brink_version: string;
  /** The scenario's name. */
  scenario: string;
  /** Where it came from: a path, `bundled:NAME`, or a name given to pasted text. */
  scenario_origin: string;
  /** FNV-1a hash of the scenario text after overrides. */
  scenario_hash: string;
  /** The overrides applied, as `PATH=VALUE`. */
  overrides: string[];
  /** The random generator (named, so results are reproducible). */
  generator: string;
  /** Runs (per point, per policy or per design point, by kind). */
  runs: number;
  /** The master seed. */
  seed: number;
  /** `grid` or `latin-hypercube`. */
  design: string;
  /** The parameters' `--set` paths, in the order of each row's `values`. */
  params: string[];
  /** One row per point, in point order. */
  points: SweepRow[];
  /** Wall-clock time and threads (absent in documents built without a clock). */
  timing?: Timing | null;
}

/** One point of a sweep (also a line of the sweep journal). */
export interface SweepRow {
  /** The point's index in the design. */
  point: number;
  /** The parameters' values, as applied (integer parameters rounded). */
  values: number[];
  /** P(nuclear use), repeated from `outcomes` for convenience. */
  nuclear_use: Proportion;
  /** Every outcome. */
  outcomes: Outcomes_Proportion;
  /** Mean turns per run. */
  mean_turns: number;
}

/** How long a result took to compute. Everything else in a report is a pure function of the request; this is not. */
export interface Timing {
  /** Wall-clock seconds. */
  seconds: number;
  /** Worker threads used (for the kinds that run the engine). */
  threads?: number | null;
  /** Engine decisions per second (`brink run`). */
  decisions_per_second?: number | null;
}

/** A total over runs and its mean per run. */
export interface Totals {
  /** Total over all runs. */
  total: number;
  /** total / runs. */
  per_run: number;
}

/** The size of a game tree. */
export interface TreeSize {
  /** All nodes. */
  nodes: number;
  /** Information sets, summed over players. */
  infosets: number;
  /** Leaves. */
  terminals: number;
}

/** One turn's contribution to a record's log-likelihood. */
export interface TurnLikelihood {
  /** The turn. */
  turn: number;
  /** ln P(observation at this turn | the earlier ones); null when 0. */
  log_likelihood?: number | null;
}

/** Turns to one outcome (only `count` when no run ended so). */
export interface TurnStats {
  /** Runs ending in the outcome. */
  count: number;
  /** Mean turns. */
  mean?: number | null;
  /** 10th percentile of turns. */
  p10?: number | null;
  /** Median turns. */
  p50?: number | null;
  /** 90th percentile of turns. */
  p90?: number | null;
}

/** the engine checked against the closed forms of the canonical escalation models */
export interface ValidateReport {
  /** Which kind of result this is. */
  kind: "validate";
  /** The brink version that produced it. */
  brink_version: string;
  /** Monte Carlo runs per simulated quantity. */
  runs: number;
  /** The master seed. */
  seed: number;
  /** The checks. */
  checks: Check[];
  /** Wall-clock time and threads (absent in documents built without a clock). */
  timing?: Timing | null;
}

/** Work done by the engine. */
export interface Work {
  /** Runs. */
  runs: number;
  /** Turns over all runs. */
  turns: number;
  /** Decisions over all runs. */
  decisions: number;
}

/** Cooling in one year after the war. */
export interface YearCooling {
  /** Years after the war. */
  year: number;
  /** Global mean surface cooling (°C, positive = colder). */
  cooling_c: number;
}
