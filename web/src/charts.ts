// Charts of a run summary and of a policy comparison, drawn with Observable Plot.
import * as Plot from "@observablehq/plot";
import type { CompareResult, Proportion, RunSummary } from "./api";
import type { Outcomes_Proportion } from "./reports";

const OUTCOME_LABELS: Record<string, string> = {
  nuclear_use: "nuclear use",
  settlement: "settlement",
  concession: "concession",
  turn_limit: "turn limit",
};

const label = (name: string) => OUTCOME_LABELS[name] ?? name.replaceAll("_", " ");
const pct = (x: number) => `${(100 * x).toFixed(x < 0.01 ? 3 : 2)}%`;

function figure(title: string, note: string, chart: Element, id: string): HTMLElement {
  const box = document.createElement("figure");
  box.className = "chart";
  box.dataset.chart = id;
  const caption = document.createElement("figcaption");
  caption.innerHTML = `<strong></strong><span></span>`;
  caption.querySelector("strong")!.textContent = title;
  caption.querySelector("span")!.textContent = note;
  box.append(caption, chart);
  return box;
}

interface Row {
  name: string;
  p: number;
  lo: number;
  hi: number;
  count: number;
}

const rows = (table: Record<string, Proportion> | Outcomes_Proportion): Row[] =>
  Object.entries(table).map(([name, v]) => ({ name: label(name), p: v.p, lo: v.ci95[0], hi: v.ci95[1], count: v.count }));

/** Outcome probabilities with their Wilson 95% intervals. */
export function outcomes(summary: RunSummary): HTMLElement {
  const data = rows(summary.outcomes);
  const chart = Plot.plot({
    width: 560,
    height: 200,
    marginLeft: 100,
    marginRight: 170,
    x: { label: "probability (%)", domain: [0, 100], grid: true, percent: true },
    y: { label: null },
    marks: [
      Plot.barX(data, { y: "name", x: "p", fill: "#8da0cb" }),
      Plot.ruleY(data, { y: "name", x1: "lo", x2: "hi", stroke: "#222", strokeWidth: 2 }),
      Plot.text(data, { y: "name", x: "hi", text: (d: Row) => `${pct(d.p)}  [${pct(d.lo)}, ${pct(d.hi)}]`, dx: 6, textAnchor: "start" }),
    ],
  });
  return figure("Outcomes", `${summary.runs.toLocaleString()} runs; bars are shares, black lines Wilson 95% intervals`, chart, "outcomes");
}

/** Share of runs at each rung, turn by turn (runs still going). */
export function occupancy(summary: RunSummary): HTMLElement {
  const { rungs, shares } = summary.occupancy;
  const cells: { turn: number; rung: string; share: number }[] = [];
  shares.forEach((row, t) => row.forEach((share, r) => cells.push({ turn: t + 1, rung: rungs[r], share })));
  const chart = Plot.plot({
    width: 760,
    height: 40 + 24 * rungs.length,
    marginLeft: 170,
    padding: 0,
    x: { label: "turn", type: "band", tickFormat: (t: number) => (t % 4 === 1 ? String(t) : "") },
    y: { label: null, domain: [...rungs].reverse() },
    color: { type: "sqrt", scheme: "ylorrd", label: "share of runs", legend: true },
    marks: [Plot.cell(cells, { x: "turn", y: "rung", fill: "share", tip: true })],
  });
  return figure("Rung occupancy", "share of all runs whose joint level is at each rung, by turn (runs that ended leave the picture)", chart, "occupancy");
}

/** Share of runs not yet ended after each turn. */
export function survival(summary: RunSummary): HTMLElement {
  const data = summary.survival.map((share, turn) => ({ turn, share }));
  const chart = Plot.plot({
    width: 560,
    height: 220,
    x: { label: "turn" },
    y: { label: "runs still going (%)", domain: [0, 100], grid: true, percent: true },
    marks: [Plot.line(data, { x: "turn", y: "share", stroke: "#1b6ca8", strokeWidth: 2 }), Plot.ruleY([0])],
  });
  return figure("Survival", "share of runs that have not ended (by nuclear use, settlement, concession) after each turn", chart, "survival");
}

/** How nuclear use came about, among all runs. */
export function causes(summary: RunSummary): HTMLElement {
  const data = rows(summary.nuclear_use_cause);
  const nuclear = summary.outcomes.nuclear_use?.count ?? 0;
  const chart = Plot.plot({
    width: 560,
    height: 180,
    marginLeft: 100,
    x: { label: "probability, of all runs (%)", grid: true, percent: true },
    y: { label: null },
    marks: [
      Plot.barX(data, { y: "name", x: "p", fill: "#e78ac3" }),
      Plot.ruleY(data, { y: "name", x1: "lo", x2: "hi", stroke: "#222" }),
      Plot.ruleX([0]),
    ],
  });
  return figure("Causes of nuclear use", `${nuclear.toLocaleString()} runs ended in nuclear use: deliberate, response to a crossed red line, accident, chance${"false_alarm" in summary.nuclear_use_cause ? ", launch on a false alarm" : ""}`, chart, "causes");
}

/**
 * Two or more policies side by side: one small panel per outcome, each on its own scale (a
 * 1% risk and a 90% settlement cannot share an axis), probabilities with Wilson intervals.
 */
export function comparison(result: CompareResult): HTMLElement {
  const names = result.policies.map((p) => p.name);
  const outcomes = Object.keys(result.policies[0]?.outcomes ?? {}) as (keyof Outcomes_Proportion)[];
  const panels = document.createElement("div");
  panels.className = "panels";
  for (const outcome of outcomes) {
    const data = result.policies.map((policy) => {
      const o = policy.outcomes[outcome];
      return { policy: policy.name, p: o.p, lo: o.ci95[0], hi: o.ci95[1] };
    });
    const top = Math.max(...data.map((d) => d.hi), 1e-4) * 1.1;
    panels.append(
      Plot.plot({
        title: label(outcome),
        width: 360,
        height: 60 + 28 * names.length,
        marginLeft: 90,
        x: { label: "probability (%)", domain: [0, 100 * top], grid: true, percent: true, ticks: 4 },
        y: { label: null, domain: names },
        color: { domain: names },
        marks: [
          Plot.ruleY(data, { y: "policy", x1: "lo", x2: "hi", stroke: "policy", strokeWidth: 2 }),
          Plot.dot(data, { y: "policy", x: "p", fill: "policy", r: 4 }),
        ],
      }),
    );
  }
  return figure(
    "Policies side by side",
    `${result.runs.toLocaleString()} runs per policy on common random numbers (seed ${result.seed}); dots are shares, lines Wilson 95% intervals`,
    panels,
    "compare",
  );
}

export { label as outcomeLabel, pct };
