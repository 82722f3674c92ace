"""Notebook display: `_repr_html_` and `plot()` show what `brink report` draws (the same Rust
renderer), checked against the report the command line writes for the same runs."""

from __future__ import annotations

import re

import brink
import pytest
from conftest import without_timing

CHART = re.compile(r'<div class="chart">(<svg.*?</svg>)', re.S)


def _report_charts(cli, tmp_path, *args: str) -> list[str]:
    """The SVG charts of `brink report` over the JSON of `brink ARGS --format json`."""
    result = tmp_path / "result.json"
    result.write_text(cli.text(*args, "--format", "json"))
    html = tmp_path / "report.html"
    cli.run("report", str(result), "-o", str(html))
    return CHART.findall(html.read_text())


def test_result_displays_the_reports_section_and_charts(cli, tmp_path):
    result = brink.run("teaching-symmetric", runs=3000, seed=5)
    html = result._repr_html_()
    assert html.count("<svg") == 3, "outcomes, occupancy, survival"
    nuclear = result.summary["outcomes"]["nuclear_use"]
    assert f"<td>{nuclear['count']}</td><td>{nuclear['p']:.5f}</td>" in html
    assert "not a forecast" in html
    expected = _report_charts(cli, tmp_path, "run", "teaching-symmetric", "-n", "3000", "--seed", "5")
    assert [chart.svg for chart in result.charts()] == expected
    chart = result.plot()
    assert isinstance(chart, brink.Chart) and chart.svg == expected[0] and chart._repr_svg_() == expected[0]
    assert result.plot("survival").svg == expected[2]
    with pytest.raises(ValueError, match="outcomes, occupancy, survival"):
        result.plot("pie")
    out = tmp_path / "outcomes.svg"
    chart.save(out)
    assert out.read_text() == expected[0]


def test_scenario_displays_its_red_lines_and_sources():
    scenario = brink.load("cuban-1962")
    html = scenario._repr_html_()
    assert html.count("<svg") == len(scenario.actors)
    assert scenario.hash in html and (scenario.title or scenario.name) in html
    assert "Sources and assumptions" in html


def test_comparison_equals_the_command_line_and_displays(cli, tmp_path):
    comparison = brink.compare(
        "teaching-symmetric",
        {"as-is": {}, "answers": {"actors.red.response_prob": 0.9}},
        runs=2000,
        seed=3,
    )
    expected = cli.json(
        "compare",
        "teaching-symmetric",
        "--policy",
        "as-is=",
        "--policy",
        "answers=actors.red.response_prob=0.9",
        "-n",
        "2000",
        "--seed",
        "3",
    )
    assert without_timing(dict(comparison)) == without_timing(expected)
    assert "<svg" in comparison._repr_html_()
    assert comparison.plot().svg.startswith("<svg")


def test_sweep_and_explanation_display():
    grid = {"actors.red.response_prob": (0.2, 0.8, 3)}
    sweep = brink.sweep("teaching-symmetric", grid=grid, runs=500, seed=1)
    assert "<svg" in sweep._repr_html_()
    assert sweep.plot().svg.startswith("<svg")
    explanation = brink.explain("teaching-symmetric", runs=2000, top=3)
    html = explanation._repr_html_()
    assert "Why runs end in nuclear use" in html and "not a forecast" in html
