"""validate, solve, effects, fallout and strike against the command line's JSON, and the type
stubs against the native module."""

from __future__ import annotations

import ast
from pathlib import Path

import brink
import brink._brink
import pytest
from conftest import without_timing


def test_effects_equal_the_command_line(cli):
    expected = cli.json("effects", "--yield-kt", "15", "--hob-m", "580")
    assert without_timing(brink.effects(15, hob_m=580)) == without_timing(expected)
    expected = cli.json("effects", "--yield-kt", "1", "--range-m", "100,500", "--blast-model", "dna")
    assert without_timing(brink.effects(1.0, ranges_m=[100, 500], blast_model="dna")) == without_timing(expected)


def test_fallout_equals_the_command_line(cli):
    expected = cli.json(
        "fallout",
        "--yield-kt",
        "1000",
        "--fission-fraction",
        "0.5",
        "--wind-kmh",
        "25",
        "--at",
        "10,0",
        "--at",
        "50,5",
    )
    assert without_timing(brink.fallout(1000, 0.5, 25, at=[(10, 0), (50, 5)])) == without_timing(expected)
    assert without_timing(brink.fallout(300, 0.5, 20)) == without_timing(
        cli.json("fallout", "--yield-kt", "300", "--fission-fraction", "0.5", "--wind-kmh", "20")
    )


def test_aftermath_equals_the_command_line(cli):
    expected = cli.json("aftermath", "--soot-tg", "16")
    assert without_timing(brink.aftermath(soot_tg=16)) == without_timing(expected)
    assert brink.aftermath(soot_tg=16)["people_without_food"] == 926e6
    expected = cli.json("aftermath", "hiroshima-1945")
    assert without_timing(brink.aftermath("hiroshima-1945")) == without_timing(expected)
    with pytest.raises(ValueError):
        brink.aftermath()


def test_strike_equals_the_command_line(cli):
    assert without_timing(brink.strike("hiroshima-1945")) == without_timing(cli.json("strike", "hiroshima-1945"))
    expected = cli.json(
        "strike",
        "hiroshima-1945",
        "--fallout-wind-kmh",
        "20",
        "--fallout-wind-toward-deg",
        "90",
        "--fallout-fission-fraction",
        "1",
        "--fallout-protection-factor",
        "3",
    )
    got = brink.strike(
        "hiroshima-1945",
        fallout_wind_kmh=20,
        fallout_wind_toward_deg=90,
        fallout_fission_fraction=1,
        fallout_protection_factor=3,
    )
    assert without_timing(got) == without_timing(expected)


def test_solve_equals_the_command_line(cli, root):
    game = root / "crates" / "brink-games" / "tests" / "data" / "bos.nfg"
    assert without_timing(brink.solve(str(game))) == without_timing(cli.json("solve", str(game)))
    # The text of a game, not only a path.
    assert without_timing(brink.solve(game.read_text(encoding="utf-8"), method="vertex", exact=True)) == without_timing(
        cli.json("solve", str(game), "--method", "vertex", "--exact")
    )
    assert without_timing(brink.solve(str(game), "qre", lambda_=2.0)) == without_timing(
        cli.json("solve", str(game), "--method", "qre", "--lambda", "2")
    )


def test_solve_efg_equals_the_command_line(cli, root):
    game = root / "crates" / "brink-games" / "tests" / "data" / "kuhn.efg"
    assert without_timing(brink.solve_efg(str(game), "lp", exact=True)) == without_timing(
        cli.json("solve", str(game), "--method", "lp", "--exact")
    )
    report = brink.solve_efg(game.read_text(encoding="utf-8"), "lp", exact=True)
    assert report["kind"] == "solve-efg" and report["value"] == "-1/18"
    assert without_timing(brink.solve_efg(str(game), "cfr", iterations=20)) == without_timing(
        cli.json("solve", str(game), "--method", "cfr", "--iterations", "20")
    )


def test_equilibrium_equals_the_command_line(cli):
    report = brink.equilibrium("teaching-symmetric", turns=1, method="lcp")
    assert report["kind"] == "equilibrium" and report["turns"] == 1
    assert without_timing(report) == without_timing(
        cli.json("equilibrium", "teaching-symmetric", "--turns", "1", "--method", "lcp")
    )


def test_validate_equals_the_command_line(cli):
    expected = cli.json(
        "validate", "risk-attrition", "--param", "theta1=0.3", "--runs", "20000", "--seed", "3"
    )
    assert without_timing(brink.validate("risk-attrition", params={"theta1": 0.3}, runs=20_000, seed=3)) == without_timing(expected)
    assert brink.models() == cli.json("validate", "--list")
    expected = cli.json("validate", "compound-risk", "--param", "p=0.1,0.2", "--runs", "5000")
    assert without_timing(brink.validate("compound-risk", params={"p": [0.1, 0.2]}, runs=5000)) == without_timing(expected)


def test_sensitivity_equals_the_command_line_with_the_same_default_seed(cli):
    expected = cli.json(
        "sensitivity", "cuban-1962", "--param", "rules.max_turns=5:20", "-n", "2", "--runs-per-point", "100",
        "--bootstrap", "10",
    )
    assert expected["seed"] == 19621027
    got = brink.sensitivity("cuban-1962", {"rules.max_turns": (5, 20)}, samples=2, runs_per_point=100, bootstrap=10)
    assert without_timing(got) == without_timing(expected)


def test_explain_equals_the_command_line(cli):
    expected = cli.json("explain", "teaching-symmetric", "-n", "2000", "--top", "3")
    got = brink.explain("teaching-symmetric", runs=2000, top=3)
    assert without_timing(got) == without_timing(expected)
    assert sum(p["count"] for p in got["paths"]) + got["other_runs"] == got["outcome_runs"]
    story = brink.explain("teaching-symmetric", runs=2000, run=5)
    assert story["kind"] == "story" and story["run"] == 5
    assert without_timing(story) == without_timing(cli.json("explain", "teaching-symmetric", "-n", "2000", "--run", "5"))
    with pytest.raises(ValueError, match="unknown outcome"):
        brink.explain("teaching-symmetric", runs=100, outcome="war")


def test_explain_tables_and_text_are_the_report(cli):
    explanation = brink.explain("cuban-1962", runs=3000, outcome="all", top=4)
    assert isinstance(explanation, brink.Explanation)
    frame = explanation.to_pandas()
    assert list(frame["count"]) == [p["count"] for p in explanation["paths"]]
    assert list(frame["rank"]) == list(range(1, len(frame) + 1))
    assert frame["count"].sum() + explanation["other_runs"] == explanation["outcome_runs"] == 3000
    steps = explanation.steps_frame()
    assert len(steps) == sum(len(p["steps"]) for p in explanation["paths"])
    assert list(frame["n_steps"]) == [len(p["steps"]) for p in explanation["paths"]]
    # print() shows exactly what the command line prints.
    assert str(explanation) == cli.text("explain", "cuban-1962", "-n", "3000", "--outcome", "all", "--top", "4")

    story = brink.explain("cuban-1962", runs=3000, find="nuclear_use")
    assert isinstance(story, brink.Story) and story["outcome"] == "nuclear_use"
    rungs = story.rungs()
    assert list(rungs.index) == [t["turn"] for t in story.turns]
    assert list(rungs.columns) == list(story["true_red_lines"])
    decisions = story.decisions()
    # Each decision's options carry the probabilities the engine sampled from: they sum to 1,
    # and the option taken had a positive chance.
    for _, group in decisions.groupby(["turn", "actor"]):
        assert abs(group["p"].sum() - 1) < 1e-9
        assert group["chosen"].sum() == 1 and (group.loc[group["chosen"], "p"] > 0).all()
    assert len(story.beliefs()) == sum(len(t["beliefs"]) for t in story.turns)
    assert story.moves()["to"].iloc[-1] in {r for r in rungs.iloc[-1]}
    assert str(story) == cli.text("explain", "cuban-1962", "-n", "3000", "--find", "nuclear_use")


def test_bad_input_raises_value_error(tmp_path):
    with pytest.raises(ValueError):
        brink.effects(-5)
    with pytest.raises(ValueError, match="blast"):
        brink.effects(15, blast_model="nope")
    with pytest.raises(ValueError):
        brink.fallout(1000, 1.5, 25)
    with pytest.raises(ValueError):
        brink.strike(str(tmp_path / "missing.toml"))
    with pytest.raises(ValueError):
        brink.solve('NFG 1 R "not a game"')
    with pytest.raises(ValueError):
        brink.validate("no-such-model")


def test_stubs_list_exactly_the_native_names():
    stub = Path(brink.__file__).with_name("_brink.pyi")
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    declared = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            declared.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            declared.add(node.target.id)
    native = {name for name in dir(brink._brink) if not name.startswith("__") or name == "__version__"}
    assert declared == native
    scenario_methods = {
        n.name
        for c in tree.body
        if isinstance(c, ast.ClassDef) and c.name == "Scenario"
        for n in c.body
        if isinstance(n, ast.FunctionDef) and not n.name.startswith("__")
    }
    assert scenario_methods == {n for n in dir(brink.Scenario) if not n.startswith("__")}


def test_likelihood_equals_the_command_line(cli, root):
    record = str(root / "records" / "cuban-1962.toml")
    expected = cli.json("likelihood", "cuban-1962", "--record", record)
    got = brink.likelihood("cuban-1962", record)
    assert without_timing(got) == without_timing(expected)
    assert got["records"][0]["likelihood"] > 0
    with pytest.raises(ValueError, match="--run K, or --run all"):
        brink.likelihood("cuban-1962", str(root / "no-such-trajectories.csv"))
    # A looser tolerance, as on the command line.
    coarse = brink.likelihood("cuban-1962", record, tolerance=1e-6, max_error=1.0)
    flags = ("--tolerance", "1e-6", "--max-error", "1")
    assert without_timing(coarse) == without_timing(cli.json("likelihood", "cuban-1962", "--record", record, *flags))
    with pytest.raises(ValueError, match="tolerance"):
        brink.likelihood("cuban-1962", record, tolerance=2.0)


def test_fit_equals_the_command_line(cli, root):
    record = str(root / "records" / "cuban-1962.toml")
    expected = cli.json(
        "fit", "cuban-1962", "--record", record, "--param", "actors.ussr.audience_cost=0:0.5",
        "--points", "5", "--runs-per-point", "200",
    )
    got = brink.fit("cuban-1962", record, {"actors.ussr.audience_cost": (0, 0.5)}, points=5, runs_per_point=200)
    assert isinstance(got, brink.Fit)
    assert without_timing(got) == without_timing(expected)
    frame = got.to_pandas()
    assert list(frame.columns) == ["actors.ussr.audience_cost", "log_likelihood", "posterior"]
    assert abs(frame["posterior"].sum() - 1) < 1e-9


def test_mcmc_fit_equals_the_command_line(cli, tmp_path):
    record = tmp_path / "two-turns.toml"
    record.write_text(
        '[record]\nname = "two turns"\nscenario = "teaching-symmetric"\n\n'
        '[[turn]]\nturn = 1\nrungs = { blue = "sanctions", red = "sanctions" }\n\n'
        '[[turn]]\nturn = 2\nrungs = { blue = "mobilisation", red = "sanctions" }\n'
    )
    expected = cli.json(
        "fit", "teaching-symmetric", "--record", str(record), "--param", "actors.blue.rationality=1.0:30.0",
        "--method", "mcmc", "--chains", "2", "--samples", "40", "--runs-per-point", "0", "--seed", "4",
    )
    got = brink.fit(
        "teaching-symmetric", str(record), {"actors.blue.rationality": (1.0, 30.0)},
        method="mcmc", chains=2, samples=40, runs_per_point=0, seed=4,
    )
    assert without_timing(got) == without_timing(expected)
    frame = got.to_pandas()
    assert list(frame.columns) == ["chain", "draw", "actors.blue.rationality", "log_posterior"]
    assert len(frame) == 40 and set(frame["chain"]) == {0, 1}
    assert abs(frame["actors.blue.rationality"].mean() - got["params"][0]["mean"]) < 1e-9


def test_fit_to_outcome_counts_equals_the_command_line(cli, root):
    counts = str(root / "records" / "icb-two-nuclear.toml")
    expected = cli.json(
        "fit", "teaching-symmetric", "--outcomes", counts, "--param", "actors.*.rationality=5.0:20.0",
        "--points", "3", "--outcome-runs", "300", "--runs-per-point", "0",
    )
    got = brink.fit(
        "teaching-symmetric", [], {"actors.*.rationality": (5.0, 20.0)},
        outcomes=counts, points=3, outcome_runs=300, runs_per_point=0,
    )
    assert without_timing(got) == without_timing(expected)
    assert got["outcomes"] == ["icb-two-nuclear"]
