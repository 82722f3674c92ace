// Charts of a run summary and of a policy comparison, drawn with Observable Plot.
import * as Plot from "@observablehq/plot";
import type { CompareResult, Proportion, RunSummary } from "./api";
import type { FitParam, FitReport, Outcomes_Proportion } from "./reports";

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

// ---------------------------------------------------------------------------------------------
// A fit (`brink fit`): posteriors, the joint posterior of two parameters, the predictive.

/** A number for an axis or a label: a few significant digits. */
const num = (x: number) => (Math.abs(x) >= 1000 || (x !== 0 && Math.abs(x) < 0.01) ? x.toPrecision(3) : String(Number(x.toPrecision(4))));

/** Marks of a parameter's summary: the 95% interval shaded, the mean solid, the MAP dashed. */
function summaryMarks(param: FitParam, top: number) {
  return [
    Plot.rectX([param], { x1: (p: FitParam) => p.ci95[0], x2: (p: FitParam) => p.ci95[1], y1: 0, y2: top, fill: "#1b6ca8", fillOpacity: 0.12 }),
    Plot.ruleX([param.mean], { stroke: "#1b6ca8", strokeWidth: 2 }),
    Plot.ruleX([param.map], { stroke: "#b3261e", strokeDasharray: "4,3", strokeWidth: 1.5 }),
  ];
}

/**
 * One parameter's posterior: on a grid its marginal probability per grid point, from MCMC a
 * histogram of the draws; the mean, the central 95% interval and the MAP point marked.
 */
export function posterior(report: FitReport, index: number): HTMLElement {
  const param = report.params[index];
  let chart: Element;
  if (report.grid.length > 0) {
    const marginal = new Map<number, number>();
    for (const point of report.grid) marginal.set(point.values[index], (marginal.get(point.values[index]) ?? 0) + point.posterior);
    const data = [...marginal].map(([x, p]) => ({ x, p })).sort((a, b) => a.x - b.x);
    const top = Math.max(...data.map((d) => d.p), 1e-12) * 1.05;
    chart = Plot.plot({
      width: 460,
      height: 220,
      x: { label: param.path, domain: param.range },
      y: { label: "posterior probability", domain: [0, top], grid: true },
      marks: [
        ...summaryMarks(param, top),
        Plot.areaY(data, { x: "x", y: "p", fill: "#8da0cb", fillOpacity: 0.5 }),
        Plot.line(data, { x: "x", y: "p", stroke: "#333", strokeWidth: 1.5 }),
        Plot.dot(data, { x: "x", y: "p", r: 2, fill: "#333", tip: true }),
        Plot.ruleY([0]),
      ],
    });
  } else {
    const draws = (report.draws ?? []).map((d) => ({ x: d.values[index] }));
    const bins = 30;
    const [lo, hi] = param.range;
    const counts = new Array<number>(bins).fill(0);
    for (const d of draws) counts[Math.min(bins - 1, Math.max(0, Math.floor(((d.x - lo) / (hi - lo || 1)) * bins)))] += 1;
    const data = counts.map((c, i) => ({ x1: lo + ((hi - lo) * i) / bins, x2: lo + ((hi - lo) * (i + 1)) / bins, share: c / Math.max(1, draws.length) }));
    const top = Math.max(...data.map((d) => d.share), 1e-12) * 1.05;
    chart = Plot.plot({
      width: 460,
      height: 220,
      x: { label: param.path, domain: param.range },
      y: { label: "share of draws", domain: [0, top], grid: true },
      marks: [...summaryMarks(param, top), Plot.rectY(data, { x1: "x1", x2: "x2", y: "share", fill: "#8da0cb", inset: 0.5 }), Plot.ruleY([0])],
    });
  }
  const extra = param.rhat != null ? `, R-hat ${param.rhat.toFixed(3)}, ESS ${Math.round(param.ess ?? 0)}` : "";
  return figure(
    param.path,
    `mean ${num(param.mean)} (solid), sd ${num(param.sd)}, 95% interval [${num(param.ci95[0])}, ${num(param.ci95[1])}] (shaded), MAP ${num(param.map)} (dashed); prior ${param.prior} on [${num(param.range[0])}, ${num(param.range[1])}]${extra}`,
    chart,
    `posterior-${index}`,
  );
}

/** Two parameters on a grid: the joint posterior as a heat map, the MAP point marked. */
export function jointPosterior(report: FitReport): HTMLElement {
  const [a, b] = report.params;
  const xs = [...new Set(report.grid.map((p) => p.values[0]))].sort((u, v) => u - v);
  const ys = [...new Set(report.grid.map((p) => p.values[1]))].sort((u, v) => u - v);
  const every = (n: number) => Math.max(1, Math.ceil(n / 8));
  const cells = report.grid.map((p) => ({ x: p.values[0], y: p.values[1], posterior: p.posterior }));
  const chart = Plot.plot({
    width: 520,
    height: 420,
    marginLeft: 70,
    padding: 0,
    x: { label: a.path, type: "band", domain: xs, tickFormat: (x: number) => (xs.indexOf(x) % every(xs.length) === 0 ? num(x) : "") },
    y: { label: b.path, type: "band", domain: [...ys].reverse(), tickFormat: (y: number) => (ys.indexOf(y) % every(ys.length) === 0 ? num(y) : "") },
    color: { type: "sqrt", scheme: "blues", label: "posterior probability", legend: true },
    marks: [
      Plot.cell(cells, { x: "x", y: "y", fill: "posterior", tip: true }),
      Plot.dot([{ x: a.map, y: b.map }], { x: "x", y: "y", stroke: "#b3261e", strokeWidth: 2, r: 5 }),
    ],
  });
  return figure("Joint posterior", `probability of each grid point; the red ring is the MAP point (${num(a.map)}, ${num(b.map)})`, chart, "joint");
}

/** Outcome probabilities under the posterior (bars, 95% range over the posterior) beside the scenario's own (ticks). */
export function predictive(report: FitReport): HTMLElement {
  const data = report.posterior_predictive.map((o) => ({ name: label(o.outcome), p: o.p, lo: o.ci95[0], hi: o.ci95[1], own: o.scenario_p }));
  const chart = Plot.plot({
    width: 620,
    height: 200,
    marginLeft: 100,
    marginRight: 260,
    x: { label: "probability (%)", domain: [0, 100], grid: true, percent: true },
    y: { label: null },
    marks: [
      Plot.barX(data, { y: "name", x: "p", fill: "#8da0cb" }),
      Plot.ruleY(data, { y: "name", x1: "lo", x2: "hi", stroke: "#222", strokeWidth: 2 }),
      Plot.tickX(data, { y: "name", x: "own", stroke: "#b3261e", strokeWidth: 2 }),
      Plot.text(data, {
        y: "name",
        x: (d: { hi: number; own: number }) => Math.max(d.hi, d.own),
        text: (d: { p: number; lo: number; hi: number; own: number }) => `${pct(d.p)} [${pct(d.lo)}, ${pct(d.hi)}]; as written ${pct(d.own)}`,
        dx: 6,
        textAnchor: "start",
      }),
    ],
  });
  return figure(
    "Posterior predictive outcomes",
    "bars: posterior mean of each outcome's probability, black lines its 95% range over the posterior; red ticks: the scenario's own values (same runs and seed)",
    chart,
    "predictive",
  );
}
