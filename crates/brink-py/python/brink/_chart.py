"""Charts and notebook display: the HTML sections and SVG charts of ``brink report``, drawn by
the same Rust code (brink-report), so a notebook shows what the report shows."""

from __future__ import annotations

import json
import os
from typing import Any

from brink import _brink


class Chart:
    """One SVG chart, as ``brink report`` draws it. Notebooks display it; :meth:`save` writes
    it to a file; ``str(chart)`` is the SVG text.

    Attributes:
        svg: the SVG document (no fonts or scripts needed).
    """

    def __init__(self, svg: str) -> None:
        self.svg = svg

    def __repr__(self) -> str:
        return f"<brink.Chart: {len(self.svg)} bytes of SVG>"

    def __str__(self) -> str:
        return self.svg

    def _repr_svg_(self) -> str:
        return self.svg

    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the SVG to ``path``."""
        with open(path, "w", encoding="utf-8") as file:
            file.write(self.svg)


def result_html(document: dict[str, Any], name: str) -> str:
    """The report's section of a result document (run, sweep, compare, sensitivity, explain)."""
    return _brink._result_html(json.dumps(document), name)


def result_charts(document: dict[str, Any]) -> list[Chart]:
    """The charts the report draws for a result document, in order."""
    return [Chart(svg) for svg in _brink._result_charts(json.dumps(document))]


def pick(charts: list[Chart], names: list[str], which: str | int) -> Chart:
    """The chart named ``which`` (one of ``names``, in the order drawn) or at index ``which``."""
    if isinstance(which, int):
        return charts[which]
    if which not in names:
        raise ValueError(f"no chart {which!r}; expected one of: {', '.join(names)}")
    return charts[names.index(which)]
