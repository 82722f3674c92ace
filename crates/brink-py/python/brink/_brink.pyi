"""Type stubs of the native module `brink._brink` (Rust, PyO3). The public names are
re-exported by `brink`; names with a leading underscore are the pure-Python layer's."""

from typing import Any

import pyarrow

from brink._reports import AftermathReport, EffectsReport, FalloutReport, SolveEfgReport, SolveReport, StrikeReport, ValidateReport

__version__: str
"""The brink version (the Rust crates' version)."""

GENERATOR: str
"""The random generator every run uses (named, so results are reproducible)."""

class ScenarioError(ValueError):
    """A scenario (or an override) is invalid.

    ``str(error)`` lists every problem as ``FILE:LINE:COL: error: FIELD: MESSAGE`` with the
    source line; the attributes name the first problem, and ``diagnostics`` all of them.
    """

    file: str
    """The file's name as given (or ``bundled:NAME``)."""
    line: int | None
    """1-based line of the first problem (``None`` for an override or the file as a whole)."""
    column: int | None
    """1-based column (in characters) of the first problem."""
    kind: str
    """``"scenario"`` (the ``kind`` of the web API's 422 error document)."""
    field: str | None
    """Dotted path of the first problem's field (``actors.russia.response_prob``)."""
    message: str
    """What is wrong with the first problem's field, and what was expected."""
    diagnostics: list[dict[str, Any]]
    """Every problem: ``file``, ``line``, ``column``, ``field``, ``message``, ``source``
    (``scenario``, ``override`` or ``file``) and ``override``."""

class Scenario:
    """A scenario read, validated and lowered into the engine's model, with its overrides.

    Load one with :func:`brink.load`. Scenarios pickle (as their source text and overrides),
    so they can be sent to Ray workers.
    """

    @property
    def name(self) -> str:
        """``scenario.name``."""
    @property
    def origin(self) -> str:
        """Where it came from: a path, or ``bundled:NAME``."""
    @property
    def hash(self) -> str:
        """FNV-1a hash of the effective TOML (what manifests record)."""
    @property
    def title(self) -> str | None:
        """``scenario.title``."""
    @property
    def question(self) -> str | None:
        """The question the scenario answers."""
    @property
    def overrides(self) -> list[str]:
        """The overrides applied so far, as ``PATH=VALUE`` (the command line's ``--set``)."""
    @property
    def actors(self) -> list[str]:
        """Actor names, in order."""
    @property
    def rungs(self) -> list[str]:
        """Ladder rung names, from the bottom."""
    @property
    def default_runs(self) -> int | None:
        """``run.runs``, if the file sets it."""
    @property
    def default_seed(self) -> int | None:
        """``run.seed``, if the file sets it."""
    def set(self, path: str, value: Any) -> Scenario:
        """Sets a field, like ``brink run --set PATH=VALUE``, and returns the scenario.

        ``path`` is dotted (``actors.russia.response_prob``; arrays of tables by index or by
        ``name``); ``value`` is a bool, int, float, str, list or dict (written as the TOML
        value). The scenario is validated again at once: on a :class:`ScenarioError` it is
        left unchanged.
        """
    def copy(self) -> Scenario:
        """An independent copy (later ``set`` calls do not affect this one)."""
    def to_toml(self) -> str:
        """The scenario text after overrides: what is actually run."""
    def __reduce__(self) -> tuple[Any, ...]: ...
    def _repr_html_(self) -> str:
        """The scenario for notebooks: title, question, manifest, red-line priors as charts."""

def scenarios() -> list[dict[str, Any]]:
    """The bundled scenarios: ``name``, ``title``, ``question`` and ``default`` (whether it
    is the one run when none is named), like ``brink scenarios``."""

def load(name_or_path: str | None) -> Scenario:
    """See :func:`brink.load`."""

def validate(
    model: str | None = None,
    params: dict[str, float] | None = None,
    runs: int = 100_000,
    seed: int = 1,
    threads: int | None = None,
) -> ValidateReport:
    """Checks the engine against the closed forms of the canonical escalation models, like
    ``brink validate --format json``: the report, whose ``checks`` hold one dict per check
    (``model``, ``quantity``, ``closed_form``, ``simulated``, ``ci95``, ``pass``). With no
    model, every model at its defaults; ``params`` sets a model's parameters
    (``{"theta1": 0.3}``)."""

def models() -> list[dict[str, Any]]:
    """The models :func:`validate` knows, with their parameters and defaults
    (``brink validate --list --format json``)."""

def solve(
    game: str,
    method: str | None = None,
    *,
    label: int | None = None,
    lambda_: float | None = None,
    exact: bool = False,
) -> SolveReport:
    """Nash equilibria (or the logit QRE) of a Gambit strategic-form game, like
    ``brink solve GAME --format json``.

    ``game`` is a path to an ``.nfg`` file or the text of one. ``method``: ``enum`` (default
    for two players), ``vertex``, ``lh``, ``pure`` (default otherwise), ``qre``, ``zerosum``.
    """

def solve_efg(
    game: str,
    method: str | None = None,
    *,
    iterations: int | None = None,
    lambda_: float | None = None,
    exact: bool = False,
) -> SolveEfgReport:
    """Equilibria, CFR+ or the agent logit QRE of a Gambit extensive-form game, like
    ``brink solve GAME.efg --format json``.

    ``game`` is a path to an ``.efg`` file or the text of one. ``method``: ``lcp`` (default
    for two players), ``lp`` (constant-sum), ``enumpure`` (default otherwise), ``cfr``
    (``iterations``, default 1000), ``qre`` (``lambda_``). Each equilibrium holds
    ``behavior[player][infoset][action]`` and ``payoffs``.
    """

def effects(
    yield_kt: float,
    hob_m: float = 0.0,
    ranges_m: list[float] | None = None,
    visibility_km: float | None = None,
    blast_model: str = "brode",
) -> EffectsReport:
    """Blast, thermal and prompt-radiation effects of one detonation, like
    ``brink effects --format json`` (``blast_model``: ``brode`` or ``dna``)."""

def fallout(
    yield_kt: float,
    fission_fraction: float,
    wind_kmh: float,
    at: list[tuple[float, float]] | None = None,
    shear_kmh_per_km: float | None = None,
) -> FalloutReport:
    """WSEG-10 fallout of a surface burst at points ``(downwind_km, crosswind_km)``, like
    ``brink fallout --format json``."""

def strike(
    plan: str,
    *,
    fallout_wind_kmh: float | None = None,
    fallout_wind_toward_deg: float | None = None,
    fallout_fission_fraction: float | None = None,
    fallout_protection_factor: float | None = None,
) -> StrikeReport:
    """Fatalities and injuries of a strike plan (a bundled plan name or a TOML file), like
    ``brink strike PLAN --format json``. Fallout deaths are counted when all four
    ``fallout_*`` values are given. Estimates under stated assumptions, not predictions."""

def aftermath(plan: str | None = None, *, soot_tg: float | None = None) -> AftermathReport:
    """Global cooling and people without food at the end of year two after a war's soot: the
    fires of ``plan`` (a bundled plan name or a TOML file) or ``soot_tg`` teragrams, like
    ``brink aftermath --format json``. Published model runs interpolated by soot, not a
    forecast."""

def _run(
    scenario: Scenario,
    runs: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    records: bool = False,
    trajectories: bool = False,
    policies: dict[str, Any] | None = None,
) -> tuple[str, pyarrow.Table | None, pyarrow.Table | None]:
    """The run summary (JSON text), and the per-run and trajectory tables when asked;
    ``policies`` maps actor names to Python decision rules."""

class PolicyError(ValueError):
    """A Python decision rule returned something it may not, or raised: the message names
    the actor, the turn, what came back and what was expected (an exception the rule raised
    is the ``__cause__``)."""

class Observation:
    """What an actor sees when its Python decision rule decides (attributes are computed
    when read; the object is only valid as a value: keep what you need, not it)."""

    @property
    def actor(self) -> str:
        """The deciding actor's name."""
    @property
    def turn(self) -> int:
        """The turn (1-based)."""
    @property
    def rung(self) -> str:
        """The name of the rung the actor holds."""
    @property
    def rung_index(self) -> int:
        """The index of that rung in ``ladder``."""
    @property
    def allowed(self) -> tuple[str, ...]:
        """Its allowed actions, least escalatory first: ``"concede"``, ``"down"``, ``"hold"``,
        ``"up"`` (each when allowed), then the names of rungs it may jump to."""
    @property
    def actors(self) -> tuple[str, ...]:
        """Every actor's name, in scenario order."""
    @property
    def ladder(self) -> tuple[str, ...]:
        """The rung names, bottom first."""
    @property
    def rungs(self) -> dict[str, str]:
        """Every actor's current rung name."""
    @property
    def beliefs(self) -> dict[str, tuple[float, ...]]:
        """Per adversary, the believed probability that its red line is each rung of
        ``ladder``, then that it has none."""
    @property
    def red_line(self) -> str | None:
        """Its own red line (its private type), or ``None``."""
    @property
    def history(self) -> tuple[tuple[int, ...], ...]:
        """Every actor's rung index at the start (row 0) and at the end of each turn played."""
    @property
    def unanswered_crossing(self) -> dict[str, str] | None:
        """``{"by", "from", "to"}`` of a crossing against it not answered yet, or ``None``."""
    def to_dict(self) -> dict[str, Any]:
        """Every attribute as a plain dict."""

def _sweep_design(
    scenario: Scenario,
    grid: list[str] | None,
    lhs: int | None,
    params: list[str],
    runs: int,
    seed: int | None,
) -> dict[str, Any]:
    """``design``, ``params``, ``points`` (applied values), per point its ``overrides`` as
    ``(path, value)`` pairs, the ``seed`` and ``runs`` in effect and the journal ``key``
    (JSON text), computed and checked as ``brink sweep`` does."""

def _sweep_report(
    scenario: Scenario,
    grid: list[str] | None,
    lhs: int | None,
    params: list[str],
    runs: int,
    seed: int | None,
    rows: list[str],
    seconds: float,
) -> str:
    """The sweep's report (JSON text, the document of ``brink sweep --format json``) from its
    rows (JSON text)."""

class SweepJournal:
    """The sweep journal of ``brink sweep``: a header with the sweep's key, then one
    finished row per line, each fsynced; a line cut short is dropped on opening."""

    def __init__(self, path: str, key: str) -> None: ...
    @property
    def path(self) -> str:
        """The journal's path."""
    def done(self) -> list[str]:
        """The rows found when it was opened (JSON text)."""
    def add(self, row: str) -> None:
        """Appends a finished row (JSON text)."""

def _sensitivity(
    scenario: Scenario,
    params: list[str],
    samples: int = 64,
    runs_per_point: int = 2000,
    bootstrap: int = 500,
    seed: int | None = None,
    threads: int | None = None,
) -> str:
    """Sobol indices of P(nuclear use): the report (JSON text) of ``brink sensitivity``."""

def _explain(
    scenario: Scenario,
    runs: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    outcome: str = "nuclear_use",
    top: int = 10,
    run: int | None = None,
    find: str | None = None,
) -> str:
    """The paths behind an outcome, or one run told (JSON text of ``brink explain``)."""

def _likelihood(
    scenario: Scenario,
    records: list[str],
    run: str | None = None,
    exact: bool = False,
    tolerance: float | None = None,
    max_error: float | None = None,
) -> str:
    """The exact likelihood of observed crises (JSON text of ``brink likelihood``)."""

def _fit(
    scenario: Scenario,
    records: list[str],
    params: list[str],
    priors: list[tuple[str, str]],
    run: str | None = None,
    method: str = "grid",
    points: int = 21,
    samples: int = 1000,
    chains: int = 4,
    runs_per_point: int = 2000,
    seed: int | None = None,
    outcomes: list[str] = ...,
    outcome_runs: int = 2000,
    exact: bool = False,
    tolerance: float | None = None,
    max_error: float | None = None,
) -> str:
    """The posterior of scenario parameters given records (JSON text of ``brink fit``)."""

def _explain_text(report: str) -> str:
    """The text ``brink explain`` prints for a report (JSON text of kind explain or story)."""

def _equilibrium(
    scenario: Scenario,
    turns: int,
    method: str | None = None,
    iterations: int | None = None,
) -> str:
    """Equilibrium of the scenario's first turns against its rules (JSON text of
    ``brink equilibrium``)."""

def _check_overrides(scenario: Scenario, overrides: list[tuple[str, str]]) -> None:
    """Raises :class:`ScenarioError` if the scenario with these overrides is invalid."""

def _sweep_point(
    scenario: Scenario,
    overrides: list[tuple[str, str]],
    index: int,
    values: list[float],
    runs: int,
    seed: int,
    threads: int | None,
) -> str:
    """One sweep point's row (JSON text), as ``brink sweep`` journals it."""

def _scenario_from_parts(origin: str, text: str, overrides: list[tuple[str, str]]) -> Scenario:
    """A scenario from its source text and overrides (used to unpickle)."""

def _result_html(json: str, name: str) -> str:
    """The section ``brink report`` renders for a result document (JSON text), as an HTML
    fragment with its tables and SVG charts."""

def _result_charts(json: str) -> list[str]:
    """The SVG charts ``brink report`` draws for a result document, in order."""

def _scenario_html(scenario: Scenario) -> str:
    """A scenario as an HTML fragment (``Scenario._repr_html_``)."""

def _compare(
    policies: list[tuple[str, str, Scenario]],
    runs: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
) -> str:
    """Policies (name, how given, scenario; the first the baseline) on common random numbers:
    the report of ``brink compare --format json`` (JSON text)."""
