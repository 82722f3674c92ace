"""The result documents of brink (`brink COMMAND --format json`, the dicts the package
returns), generated from the JSON Schemas of the report types in crates/brink-types. Do not
edit: change the Rust types, then run `BRINK_UPDATE_GENERATED=1 cargo test -p brink-types`
(a test fails while this file and the types differ)."""

from typing import Any, Literal, TypedDict

from typing_extensions import NotRequired

class AftermathReport(TypedDict):
    """global cooling and people without food after a nuclear war's soot, from published model runs"""

    kind: Literal["aftermath"]
    brink_version: str
    source: str
    fire: NotRequired[StrikeFire | None]
    prompt_fatalities: NotRequired[float | None]
    soot_tg: float
    cooling_c: float
    cooling_basis: str
    cooling_by_year: list[YearCooling]
    people_without_food: float
    people_without_food_basis: str
    share_of_world_population: float
    people_without_food_range: NotRequired[tuple[float, float] | None]
    people_without_food_cases: NotRequired[dict[str, FoodCaseFigure]]
    people_without_food_by_country: NotRequired[list[CountryFood]]
    famine_runs: list[FamineRun]
    climate_runs: list[ClimateRun]
    limitations: list[str]
    note: str
    timing: NotRequired[Timing | None]

class BeliefError(TypedDict):
    """Mean absolute error of red-line beliefs."""

    start_mean: float
    end_mean: float

class Casualties(TypedDict):
    """Fatalities and injuries."""

    fatalities: float
    injuries: float

class Check(TypedDict):
    """One check of a simulated quantity against its closed form."""

    model: str
    quantity: str
    params: dict[str, str]
    closed_form: float
    simulated: float
    ci95: NotRequired[tuple[float, float] | None]
    pass: bool

class ChoiceDifference(TypedDict):
    """One action where equilibrium and the scenario's rules differ."""

    actor: str
    infoset: str
    action: str
    equilibrium: float
    scenario: float
    reach: float

class ClimateRun(TypedDict):
    """One published climate run."""

    soot_tg: float
    peak_cooling_c: float
    source: str

class ComparePolicy(TypedDict):
    """One policy of a comparison."""

    name: str
    spec: str
    scenario_hash: str
    outcomes: Outcomes_Proportion
    difference: Outcomes_Difference

class CompareReport(TypedDict):
    """policies run on common random numbers, with paired (Newcombe) differences"""

    kind: Literal["compare"]
    brink_version: str
    scenario: str
    scenario_origin: str
    scenario_hash: str
    overrides: list[str]
    generator: str
    runs: int
    seed: int
    baseline: NotRequired[str | None]
    interval: str
    policies: list[ComparePolicy]
    timing: NotRequired[Timing | None]

class Consequences(TypedDict):
    """Lives at stake: strike plans attached to nuclear rungs, and fatalities over runs."""

    note: str
    plans: list[RungPlan]
    unassessed_runs: int
    fatalities: FatalityDistribution
    injuries: MeanOnly
    soot_tg: FatalityDistribution
    people_without_food: FatalityDistribution

class CountryFood(TypedDict):
    """People without food at the end of year two in one nation (Xia et al. 2022, Table 1 case)."""

    name: str
    code: str
    people_without_food: float
    basis: str

class DiagnosticDoc(TypedDict):
    """One problem of a scenario."""

    file: str
    line: NotRequired[int | None]
    column: NotRequired[int | None]
    field: str
    path: str
    message: str
    source: str
    override: NotRequired[str | None]

class Difference(TypedDict):
    """A paired difference of proportions."""

    difference: float
    ci95: tuple[float, float]
    discordant_runs: int

class EffectRanges(TypedDict):
    """Ground ranges of levels, keyed by level."""

    overpressure_psi: dict[str, float | None]
    thermal_cal_cm2: dict[str, float | None]
    prompt_dose_rem: dict[str, float | None]
    burns: dict[str, float | None]

class EffectsPoint(TypedDict):
    """The effects at one ground range."""

    ground_range_m: float
    slant_range_m: float
    overpressure_psi: NotRequired[float | None]
    thermal_cal_cm2: float
    prompt_dose_rem: float

class EffectsReport(TypedDict):
    """blast, thermal and prompt-radiation effects of one detonation"""

    kind: Literal["effects"]
    brink_version: str
    yield_kt: float
    hob_m: float
    blast_model: str
    fireball_radius_m: float
    points: list[EffectsPoint]
    ranges_m: EffectRanges
    timing: NotRequired[Timing | None]

class EfgEquilibrium(TypedDict):
    """One behaviour profile and what it pays."""

    behavior: list[list[list[Probability]]]
    payoffs: list[Probability]

class EfgInfoset(TypedDict):
    """An information set as the file names it."""

    number: int
    name: str
    actions: list[str]

class EquilibriumReport(TypedDict):
    """equilibrium play of a scenario truncated after T turns, compared with its own rules"""

    kind: Literal["equilibrium"]
    brink_version: str
    scenario: str
    turns: int
    tree: TreeSize
    method: str
    iterations: NotRequired[int | None]
    nash_conv: float
    outcomes_equilibrium: dict[str, float]
    outcomes_scenario: dict[str, float]
    exploitability: dict[str, float]
    largest_differences: list[ChoiceDifference]
    timing: NotRequired[Timing | None]

class ErrorDoc(TypedDict):
    """What went wrong, and for a bad scenario where (the first problem; `diagnostics` has all)."""

    kind: str
    message: str
    file: NotRequired[str | None]
    line: NotRequired[int | None]
    column: NotRequired[int | None]
    field: NotRequired[str | None]
    diagnostics: list[DiagnosticDoc]

class ErrorResponse(TypedDict):
    """The body of every error response of the web API: `{"error": {...}}`."""

    error: ErrorDoc

class Exceedance(TypedDict):
    """Runs whose fatalities exceed a threshold."""

    threshold: float
    count: int
    p: float
    ci95: tuple[float, float]

class ExplainEnding(TypedDict):
    """How a path ended."""

    outcome: str
    cause: NotRequired[str | None]
    actor: NotRequired[str | None]

class ExplainPath(TypedDict):
    """One path and the runs that followed it."""

    count: int
    share: float
    ci95: tuple[float, float]
    first_run: int
    steps: list[ExplainStep]
    ending: ExplainEnding

class ExplainReport(TypedDict):
    """the chains of steps behind an outcome: runs grouped by the path that led there"""

    kind: Literal["explain"]
    brink_version: str
    scenario: str
    scenario_origin: str
    scenario_hash: str
    overrides: list[str]
    generator: str
    runs: int
    seed: int
    outcome: str
    outcome_runs: int
    paths: list[ExplainPath]
    other_runs: int
    distinct_paths: int
    paths_truncated: bool
    timing: NotRequired[Timing | None]

class ExplainStep(TypedDict):
    """One step of a path."""

    actor: str
    from: str
    to: str
    cause: str
    event: NotRequired[str | None]
    mean_turn: float
    miscalculation_share: float
    crossed_red_line_share: float

class FalloutDeaths(TypedDict):
    """Fallout deaths among survivors of the prompt effects."""

    fatalities: float
    previously_injured: float

class FalloutPointDoc(TypedDict):
    """The fallout field at one point."""

    downwind_km: float
    crosswind_km: float
    dose_rate_h1_r_per_h: float
    arrival_h: float
    dose_30day_erd_r: float

class FalloutReport(TypedDict):
    """WSEG-10 fallout of a surface burst: H+1 dose rate, arrival, 30-day dose"""

    kind: Literal["fallout"]
    brink_version: str
    yield_kt: float
    fission_fraction: float
    wind_kmh: float
    shear_kmh_per_km: float
    points: list[FalloutPointDoc]
    timing: NotRequired[Timing | None]

class FamineRun(TypedDict):
    """One published famine run (Xia et al. 2022, Table 1)."""

    soot_tg: float
    weapons: int
    yield_kt: float
    direct_deaths: float
    people_without_food: float
    source: str

class FatalityDistribution(TypedDict):
    """The distribution of fatalities per run."""

    mean: float
    quantiles: dict[str, float]
    exceedance: list[Exceedance]

class FirstCrossed(TypedDict):
    """Runs in which `crosser` was the first to cross `owner`'s red line."""

    owner: str
    crosser: str
    count: int

class FitDiagnostics(TypedDict):
    """How a fit was computed. Grid fields are null for MCMC and MCMC fields null for a grid."""

    points_per_param: NotRequired[int | None]
    evaluations: int
    impossible_points: int
    max_point_mass: NotRequired[float | None]
    edge_mass: float
    chains: NotRequired[int | None]
    warmup_per_chain: NotRequired[int | None]
    draws_per_chain: NotRequired[int | None]
    acceptance: NotRequired[float | None]
    max_rhat: NotRequired[float | None]
    min_ess: NotRequired[float | None]

class FitDraw(TypedDict):
    """One MCMC draw."""

    chain: int
    values: list[float]
    log_posterior: float

class FitParam(TypedDict):
    """One parameter's posterior."""

    path: str
    mean: float
    sd: float
    ci95: tuple[float, float]
    map: float
    prior: str
    range: tuple[float, float]
    rhat: NotRequired[float | None]
    ess: NotRequired[float | None]

class FitPoint(TypedDict):
    """One grid point."""

    values: list[float]
    log_likelihood: NotRequired[float | None]
    posterior: float

class FitReport(TypedDict):
    """the posterior of scenario parameters given observed crises (exact likelihoods, on a grid or by MCMC)"""

    kind: Literal["fit"]
    brink_version: str
    scenario: str
    scenario_origin: str
    scenario_hash: str
    overrides: list[str]
    records: list[str]
    outcomes: NotRequired[list[str]]
    method: str
    params: list[FitParam]
    log_evidence: NotRequired[float | None]
    diagnostics: FitDiagnostics
    posterior_predictive: list[PredictiveOutcome]
    grid: list[FitPoint]
    draws: NotRequired[list[FitDraw]]
    precision: NotRequired[LikelihoodPrecision | None]
    note: str
    timing: NotRequired[Timing | None]

class FoodCaseFigure(TypedDict):
    """People without food at the end of year two in one food case of Xia et al. 2022."""

    case: str
    people_without_food: float
    basis: str
    published: list[float]
    source: str

class LikelihoodPrecision(TypedDict):
    """How precisely likelihoods were summed (`--exact`, `--tolerance`, `--max-error`)."""

    tolerance: float
    max_error: float

class LikelihoodReport(TypedDict):
    """the exact probability that a scenario produces observed crises (rungs per turn, and the ending)"""

    kind: Literal["likelihood"]
    brink_version: str
    scenario: str
    scenario_origin: str
    scenario_hash: str
    overrides: list[str]
    records: list[RecordLikelihood]
    log_likelihood: NotRequired[float | None]
    precision: NotRequired[LikelihoodPrecision | None]
    note: str
    timing: NotRequired[Timing | None]

class MeanOnly(TypedDict):
    """A mean alone."""

    mean: float

class Miscalculations(TypedDict):
    """Miscalculations: escalations believed safe that drew a response."""

    total: int
    per_run: float
    runs_with_miscalculation: Proportion

class NuclearUseOrigin(TypedDict):
    """Where nuclear use came from, as shares of the runs that ended in it."""

    runs: int
    after_miscalculation: NotRequired[Proportion | None]
    from_chance: NotRequired[Proportion | None]

class Occupancy(TypedDict):
    """Share of runs at each rung after each turn."""

    rungs: list[str]
    shares: list[list[float]]

class Outcomes_Difference(TypedDict):
    """One value per outcome of a run, in report order."""

    nuclear_use: Difference
    settlement: Difference
    concession: Difference
    turn_limit: Difference

class Outcomes_Proportion(TypedDict):
    """One value per outcome of a run, in report order."""

    nuclear_use: Proportion
    settlement: Proportion
    concession: Proportion
    turn_limit: Proportion

class Outcomes_TurnStats(TypedDict):
    """One value per outcome of a run, in report order."""

    nuclear_use: TurnStats
    settlement: TurnStats
    concession: TurnStats
    turn_limit: TurnStats

class PeakRung(TypedDict):
    """Runs whose peak was one rung."""

    rung: str
    count: int
    p: float

class PredictiveOutcome(TypedDict):
    """One outcome's probability under the posterior and under the scenario as written."""

    outcome: str
    p: float
    ci95: tuple[float, float]
    scenario_p: float

Probability = float | str

class Proportion(TypedDict):
    """A count of runs out of the runs made, with its Wilson 95% interval."""

    count: int
    p: float
    ci95: tuple[float, float]

class RecordEnd(TypedDict):
    """An observed ending."""

    outcome: str
    turn: int

class RecordLikelihood(TypedDict):
    """The likelihood of one record."""

    record: str
    origin: str
    record_scenario: NotRequired[str | None]
    turns: list[int]
    end: NotRequired[RecordEnd | None]
    likelihood: float
    log_likelihood: NotRequired[float | None]
    impossible_at_turn: NotRequired[int | None]
    per_turn: list[TurnLikelihood]
    peak_states: int
    branches: int
    error_bound: NotRequired[float]

class RedLines(TypedDict):
    """Red lines crossed."""

    crossed_total: int
    crossed_per_run: float
    runs_with_crossing: Proportion
    first_crossed: list[FirstCrossed]

class Ring(TypedDict):
    """An effect ring."""

    effect: str
    radius_m: float
    area_km2: float

class RunReport(TypedDict):
    """a Monte Carlo run of a scenario: outcome probabilities, rungs, turns, causes"""

    kind: Literal["run"]
    brink_version: str
    scenario: str
    scenario_origin: str
    scenario_hash: str
    overrides: list[str]
    generator: str
    runs: int
    seed: int
    outcomes: Outcomes_Proportion
    peak_rung: list[PeakRung]
    turns: Outcomes_TurnStats
    nuclear_use_cause: dict[str, Proportion]
    nuclear_use_by_actor: dict[str, Proportion]
    concessions_by_actor: dict[str, Proportion]
    red_lines: RedLines
    responses: Totals
    miscalculations: Miscalculations
    nuclear_use_origin: NotRequired[NuclearUseOrigin]
    turn_limit_reasons: NotRequired[dict[str, Proportion]]
    negotiated_settlements: NotRequired[Proportion | None]
    accidents: Totals
    false_alarms: NotRequired[Totals | None]
    misreads: NotRequired[Totals | None]
    signals: NotRequired[Signals | None]
    audience_costs_per_run: float
    belief_error: BeliefError
    work: Work
    occupancy: Occupancy
    survival: list[float]
    scenario_info: ScenarioInfo
    scenario_toml: str
    consequences: NotRequired[Consequences | None]
    timing: NotRequired[Timing | None]

class RungPlan(TypedDict):
    """A plan attached to a rung, and how often the rung was the one reached."""

    rung: str
    plan: str
    plan_origin: str
    fatalities: float
    injuries: float
    soot_tg: float
    people_without_food: float
    runs: int
    p: float
    ci95: tuple[float, float]

class ScenarioInfo(TypedDict):
    """The scenario's description, from its file."""

    title: NotRequired[str | None]
    question: NotRequired[str | None]
    turn: NotRequired[str | None]
    ladder_source: NotRequired[str | None]
    sources: dict[str, str]

class SensitivityReport(TypedDict):
    """Sobol first-order and total indices of P(nuclear use)"""

    kind: Literal["sensitivity"]
    brink_version: str
    scenario: str
    scenario_origin: str
    scenario_hash: str
    overrides: list[str]
    generator: str
    runs: int
    seed: int
    output: str
    samples: int
    design_points: int
    estimators: str
    output_mean: float
    indices: list[SobolIndex]
    timing: NotRequired[Timing | None]

class Signals(TypedDict):
    """Declarations sent, and how the senders' later actions bore them out."""

    sent: Totals
    honoured: Totals
    contradicted: Totals
    deception: NotRequired[float | None]

class SobolIndex(TypedDict):
    """The Sobol indices of one parameter (`null` where the output did not vary)."""

    param: str
    range: tuple[float, float]
    first: NotRequired[float | None]
    first_ci95: tuple[float | None, float | None]
    total: NotRequired[float | None]
    total_ci95: tuple[float | None, float | None]

class SolveEfgReport(TypedDict):
    """equilibria, CFR+ or the agent logit QRE of a Gambit extensive-form game"""

    kind: Literal["solve-efg"]
    brink_version: str
    title: str
    players: list[str]
    infosets: list[list[EfgInfoset]]
    tree: TreeSize
    method: str
    equilibria: list[EfgEquilibrium]
    value: NotRequired[Probability | None]
    lambda: NotRequired[float | None]
    iterations: NotRequired[int | None]
    exploitability: NotRequired[list[float] | None]
    timing: NotRequired[Timing | None]

class SolveReport(TypedDict):
    """Nash equilibria or the logit QRE of a Gambit strategic-form game"""

    kind: Literal["solve"]
    brink_version: str
    title: str
    players: list[str]
    strategies: list[list[str]]
    method: str
    equilibria: list[list[list[Probability]]]
    value: NotRequired[Probability | None]
    lambda: NotRequired[float | None]
    timing: NotRequired[Timing | None]

class StoryBelief(TypedDict):
    """One actor's belief about an adversary's red line."""

    holder: str
    about: str
    mean_red_line: float
    p_respond_next: float
    true_red_line: str

class StoryDecision(TypedDict):
    """One decision."""

    actor: str
    options: list[StoryOption]
    chosen: str
    chosen_to: NotRequired[str | None]

class StoryDeclarationTested(TypedDict):
    """A declaration a crossing reached: the sender answered (honoured) or not (contradicted)."""

    actor: str
    rung: str
    honoured: bool

class StoryMove(TypedDict):
    """One move that raised a rung."""

    actor: str
    from: str
    to: str
    cause: str
    miscalculation: bool
    crossed_red_line_of: list[str]

class StoryOption(TypedDict):
    """One option of a decision."""

    action: str
    to: NotRequired[str | None]
    expected_utility: float
    p: float

class StoryReport(TypedDict):
    """one run told turn by turn: decisions with their options, moves, beliefs beside the true red lines"""

    kind: Literal["story"]
    brink_version: str
    scenario: str
    scenario_origin: str
    scenario_hash: str
    overrides: list[str]
    generator: str
    runs: int
    seed: int
    run: int
    outcome: str
    nuclear_cause: NotRequired[str | None]
    true_red_lines: dict[str, str]
    turns: list[StoryTurn]
    timing: NotRequired[Timing | None]

class StorySignal(TypedDict):
    """A signal sent in a told run."""

    actor: str
    declared: NotRequired[str | None]
    bluff: bool

class StoryTurn(TypedDict):
    """One turn of a told run."""

    turn: int
    rungs: dict[str, str]
    events: list[str]
    decisions: list[StoryDecision]
    moves: list[StoryMove]
    beliefs: list[StoryBelief]
    signals: NotRequired[list[StorySignal]]
    declarations_tested: NotRequired[list[StoryDeclarationTested]]

class StrikeAftermath(TypedDict):
    """Climate and famine after a plan's soot (central value)."""

    soot_tg: float
    cooling_c: float
    people_without_food: float
    basis: str

class StrikeFalloutModel(TypedDict):
    """The fallout part of a casualty model."""

    model: str
    wind_kmh: float
    wind_toward_deg: float
    fission_fraction: float
    protection_factor: float

class StrikeFire(TypedDict):
    """City fires of a plan: burned area and stratospheric soot (docs/CONSEQUENCES.md)."""

    burned_area_km2: float
    people_in_burned_area: float
    soot_tg: float
    soot_tg_low: float
    soot_tg_high: float
    model: str

class StrikeModel(TypedDict):
    """The casualty model's assumptions."""

    population: str
    blast: str
    thermal_exposed_fraction: float
    burn_mortality: float
    radiation_ld50_rem: float
    radiation_sigma: float
    visibility_km: float
    fallout: NotRequired[StrikeFalloutModel | None]

class StrikeReport(TypedDict):
    """fatalities and injuries of a strike plan over the embedded population"""

    kind: Literal["strike"]
    brink_version: str
    plan: str
    plan_origin: str
    title: NotRequired[str | None]
    note: str
    model: StrikeModel
    fallout: NotRequired[FalloutDeaths | None]
    total: StrikeTotal
    phases: dict[str, Casualties]
    fire: StrikeFire
    aftermath: StrikeAftermath
    targets: list[StrikeTarget]
    timing: NotRequired[Timing | None]

class StrikeTarget(TypedDict):
    """One aim point."""

    label: str
    phase: NotRequired[str | None]
    lat: float
    lon: float
    yield_kt: float
    hob_m: float
    count: int
    fatalities: float
    injuries: float
    population_in_reach: float
    reach_m: float
    burned_area_km2: float
    soot_tg: float
    rings: list[Ring]

class StrikeTotal(TypedDict):
    """Totals of a plan."""

    fatalities: float
    injuries: float
    population_in_reach: float

class SweepReport(TypedDict):
    """a scenario run at every point of a parameter grid or Latin hypercube"""

    kind: Literal["sweep"]
    brink_version: str
    scenario: str
    scenario_origin: str
    scenario_hash: str
    overrides: list[str]
    generator: str
    runs: int
    seed: int
    design: str
    params: list[str]
    points: list[SweepRow]
    timing: NotRequired[Timing | None]

class SweepRow(TypedDict):
    """One point of a sweep (also a line of the sweep journal)."""

    point: int
    values: list[float]
    nuclear_use: Proportion
    outcomes: Outcomes_Proportion
    mean_turns: float

class Timing(TypedDict):
    """How long a result took to compute. Everything else in a report is a pure function of the request; this is not."""

    seconds: float
    threads: NotRequired[int | None]
    decisions_per_second: NotRequired[float | None]

class Totals(TypedDict):
    """A total over runs and its mean per run."""

    total: int
    per_run: float

class TreeSize(TypedDict):
    """The size of a game tree."""

    nodes: int
    infosets: int
    terminals: int

class TurnLikelihood(TypedDict):
    """One turn's contribution to a record's log-likelihood."""

    turn: int
    log_likelihood: NotRequired[float | None]

class TurnStats(TypedDict):
    """Turns to one outcome (only `count` when no run ended so)."""

    count: int
    mean: NotRequired[float | None]
    p10: NotRequired[int | None]
    p50: NotRequired[int | None]
    p90: NotRequired[int | None]

class ValidateReport(TypedDict):
    """the engine checked against the closed forms of the canonical escalation models"""

    kind: Literal["validate"]
    brink_version: str
    runs: int
    seed: int
    checks: list[Check]
    timing: NotRequired[Timing | None]

class Work(TypedDict):
    """Work done by the engine."""

    runs: int
    turns: int
    decisions: int

class YearCooling(TypedDict):
    """Cooling in one year after the war."""

    year: int
    cooling_c: float
