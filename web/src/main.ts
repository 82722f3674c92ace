// The page of `brink serve`: a scenario and its assumptions, runs with progress and cancel,
// charts of the results, two policies side by side, and a map of consequences.
import "./style.css";
import * as api from "./api";
import type { CheckResult, CompareResult, Control, Diagnostic, RedLine, ScenarioSource, StrikeReport, StrikeTarget } from "./api";
import type { Outcomes_Proportion } from "./reports";
import * as charts from "./charts";
import * as maps from "./map";
import { WorldMap, detailMap, people, ringLegend, targetTable } from "./map";
import { initWhy } from "./why";
import { fitScenario, initFit } from "./fit";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

// ---------------------------------------------------------------------------------------------
// Views
const VIEWS = ["scenario", "results", "why", "compare", "map", "fit"] as const;
type View = (typeof VIEWS)[number];
let map: WorldMap | null = null;

function show(view: View) {
  for (const name of VIEWS) {
    $(`view-${name}`).hidden = name !== view;
    document.querySelector(`nav a[data-view=${name}]`)?.classList.toggle("active", name === view);
  }
  if (view === "map" && !map) initMap();
  document.body.dataset.view = view;
}

function route() {
  const view = location.hash.slice(1) as View;
  show(VIEWS.includes(view) ? view : "scenario");
}

// ---------------------------------------------------------------------------------------------
// Scenario editor
const state: {
  bundledName: string | null;
  bundledText: string;
  checked: CheckResult | null;
  values: Map<string, number>;
  redLines: Map<string, number[]>;
  summary: api.RunSummary | null;
  runBody: Record<string, unknown> | null;
} = { bundledName: null, bundledText: "", checked: null, values: new Map(), redLines: new Map(), summary: null, runBody: null };

const editor = () => $<HTMLTextAreaElement>("toml");

/** The scenario as the server should read it: the bundled name while the text is untouched. */
function source(): ScenarioSource {
  const text = editor().value;
  if (state.bundledName && text === state.bundledText) return { scenario: state.bundledName };
  return { toml: text, file: "scenario.toml" };
}

function renderGutter(errorLines: Set<number> = new Set()) {
  const lines = editor().value.split("\n").length;
  const gutter = $("gutter");
  gutter.replaceChildren();
  for (let n = 1; n <= lines; n++) {
    // One block per line, as tall as a line of the editor.
    const number = document.createElement("div");
    number.textContent = String(n);
    if (errorLines.has(n)) number.className = "error-line";
    gutter.append(number);
  }
  gutter.scrollTop = editor().scrollTop;
}

function selectLine(line: number) {
  const textarea = editor();
  const lines = textarea.value.split("\n");
  const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
  textarea.focus();
  textarea.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  const lineHeight = textarea.scrollHeight / Math.max(1, lines.length);
  textarea.scrollTop = Math.max(0, (line - 5) * lineHeight);
}

function showDiagnostics(diagnostics: Diagnostic[], message: string) {
  const list = $("diagnostics");
  list.replaceChildren();
  const errorLines = new Set<number>();
  if (diagnostics.length === 0 && message) {
    const item = document.createElement("li");
    item.textContent = message;
    list.append(item);
  }
  for (const d of diagnostics) {
    const item = document.createElement("li");
    const where = d.line ? `line ${d.line}, column ${d.column}` : "override";
    item.innerHTML = `<a href="#scenario" class="where"></a> <code></code> <span></span>`;
    item.querySelector("a")!.textContent = where;
    item.querySelector("code")!.textContent = d.path;
    item.querySelector("span")!.textContent = d.message;
    item.dataset.line = String(d.line ?? "");
    if (d.line) {
      errorLines.add(d.line);
      item.querySelector("a")!.addEventListener("click", (event) => {
        event.preventDefault();
        selectLine(d.line!);
      });
    }
    list.append(item);
  }
  renderGutter(errorLines);
}

function setStatus(id: string, text: string, kind: "ok" | "error" | "busy" | "" = "") {
  const node = $(id);
  node.textContent = text;
  node.className = kind;
}

async function checkScenario(): Promise<boolean> {
  setStatus("check-status", "checking…", "busy");
  try {
    const checked = await api.check(source(), []);
    state.checked = checked;
    showDiagnostics([], "");
    setStatus("check-status", `valid: ${checked.actors.length} actors, ${checked.rungs.length} rungs, up to ${checked.max_turns} turns`, "ok");
    $("scenario-title").textContent = checked.title ?? checked.name;
    $("scenario-question").textContent = checked.question ?? "";
    if (checked.default_seed != null) $<HTMLInputElement>("seed").value = String(checked.default_seed);
    renderControls(checked.controls, checked.red_lines);
    suggestPolicies(checked.controls);
    fitScenario(checked);
    return true;
  } catch (error) {
    const e = error as api.ApiError;
    state.checked = null;
    const count = e.diagnostics?.length ?? 0;
    setStatus("check-status", count ? `${count} problem${count > 1 ? "s" : ""} in the scenario` : e.message, "error");
    showDiagnostics(e.diagnostics ?? [], e.message);
    renderControls([], []);
    fitScenario(null);
    return false;
  }
}

async function loadBundled(name: string) {
  const { toml } = await api.scenarioText(name);
  state.bundledName = name;
  state.bundledText = toml;
  editor().value = toml;
  renderGutter();
  await checkScenario();
}

// ---------------------------------------------------------------------------------------------
// Assumption controls
function renderControls(controls: Control[], redLines: RedLine[]) {
  const root = $("controls");
  root.replaceChildren();
  state.values = new Map(controls.map((c) => [c.path, c.value]));
  state.redLines = new Map(redLines.map((r) => [r.path, r.entries.map((e) => e.value)]));
  const groups = new Map<string, HTMLFieldSetElement>();
  const box = (group: string) => {
    let fieldset = groups.get(group);
    if (!fieldset) {
      fieldset = document.createElement("fieldset");
      const legend = document.createElement("legend");
      legend.textContent = group;
      fieldset.append(legend);
      groups.set(group, fieldset);
      root.append(fieldset);
    }
    return fieldset;
  };
  for (const control of controls) box(control.group).append(controlRow(control));
  for (const redLine of redLines) box(redLine.group).append(redLineEditor(redLine));
}

/** An actor's red-line prior: one number per rung and "never", normalised when sent. */
function redLineEditor(redLine: RedLine): HTMLElement {
  const details = document.createElement("details");
  details.className = "red-line";
  details.dataset.path = redLine.path;
  details.title = redLine.help;
  const summary = document.createElement("summary");
  summary.textContent = redLine.label;
  const grid = document.createElement("div");
  grid.className = "red-line-grid";
  const total = document.createElement("p");
  total.className = "hint";
  const values = state.redLines.get(redLine.path)!;
  const showTotal = () => {
    const sum = values.reduce((a, b) => a + b, 0);
    total.textContent = sum > 0 ? `sum ${sum.toFixed(3)}; the run uses these numbers divided by their sum` : "the numbers must not all be 0";
    total.classList.toggle("error", !(sum > 0));
    details.classList.toggle("changed", values.some((v, i) => v !== redLine.entries[i].value));
  };
  redLine.entries.forEach((entry, index) => {
    const id = `${redLine.path}.${entry.key}`.replace(/[^a-zA-Z0-9_-]/g, "_");
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = entry.key;
    const input = document.createElement("input");
    input.type = "number";
    input.id = id;
    input.min = "0";
    input.step = "0.05";
    input.value = String(entry.value);
    input.dataset.path = `${redLine.path}.${entry.key}`;
    input.addEventListener("change", () => {
      const value = input.valueAsNumber;
      values[index] = Number.isFinite(value) && value >= 0 ? value : 0;
      showTotal();
    });
    const row = document.createElement("div");
    row.append(label, input);
    grid.append(row);
  });
  showTotal();
  details.append(summary, grid, total);
  return details;
}

function controlRow(control: Control): HTMLElement {
  const row = document.createElement("div");
  row.className = "control";
  row.title = control.help;
  const id = `control-${control.path.replace(/[^a-zA-Z0-9_-]/g, "_")}`;
  const label = document.createElement("label");
  label.htmlFor = id;
  label.innerHTML = `<span></span> <code></code>`;
  label.querySelector("span")!.textContent = control.label;
  label.querySelector("code")!.textContent = control.path;
  const range = document.createElement("input");
  range.type = "range";
  range.id = id;
  range.dataset.path = control.path;
  const number = document.createElement("input");
  number.type = "number";
  number.setAttribute("aria-label", `${control.label} (value)`);
  for (const input of [range, number]) {
    input.min = String(control.min);
    input.max = String(control.max);
    input.step = String(control.step);
    input.value = String(control.value);
  }
  const update = (value: number, from: HTMLInputElement) => {
    if (!Number.isFinite(value)) return;
    if (from !== range) range.value = String(value);
    if (from !== number) number.value = String(value);
    state.values.set(control.path, value);
    row.classList.toggle("changed", value !== control.value);
  };
  range.addEventListener("input", () => update(range.valueAsNumber, range));
  number.addEventListener("change", () => update(number.valueAsNumber, number));
  row.append(label, range, number);
  return row;
}

/** `PATH=VALUE` for every control moved away from the file's value. */
function controlOverrides(): string[] {
  const out: string[] = [];
  for (const control of state.checked?.controls ?? []) {
    const value = state.values.get(control.path);
    if (value !== undefined && value !== control.value) out.push(`${control.path}=${value}`);
  }
  for (const redLine of state.checked?.red_lines ?? []) {
    const values = state.redLines.get(redLine.path);
    if (!values || values.every((v, i) => v === redLine.entries[i].value)) continue;
    const sum = values.reduce((a, b) => a + b, 0);
    if (!(sum > 0)) continue;
    redLine.entries.forEach((entry, i) => out.push(`${redLine.path}.${entry.key}=${values[i] / sum}`));
  }
  return out;
}

function suggestPolicies(controls: Control[]) {
  const b = $<HTMLTextAreaElement>("policy-b");
  if (b.dataset.touched) return;
  const steps = controls.filter((c) => c.path.startsWith("events.") && c.path.endsWith(".prob"));
  b.value = steps.length ? `${steps[steps.length - 1].path}=0` : "";
}

// ---------------------------------------------------------------------------------------------
// Runs
let running: { abort: AbortController; job: string | null } | null = null;

function runBody(): Record<string, unknown> {
  return {
    ...source(),
    overrides: controlOverrides(),
    runs: $<HTMLInputElement>("runs").valueAsNumber,
    seed: $<HTMLInputElement>("seed").valueAsNumber,
  };
}

function progressTo(event: api.JobEvent, bar: HTMLProgressElement, status: string) {
  if (event.event === "accepted") {
    if (running) running.job = event.job ?? null;
    setStatus(status, event.queued_behind ? `queued behind ${event.queued_behind} job(s)…` : "starting…", "busy");
  } else if (event.event === "started") {
    setStatus(status, "running…", "busy");
  } else if (event.event === "progress" && event.total) {
    bar.max = event.total;
    bar.value = event.done ?? 0;
    setStatus(status, `${(event.done ?? 0).toLocaleString()} of ${event.total.toLocaleString()} runs`, "busy");
  }
}

async function cancel() {
  if (!running) return;
  if (running.job) await api.cancelJob(running.job).catch(() => undefined);
  running.abort.abort();
}

async function run() {
  if (running) return;
  location.hash = "#results";
  const body = runBody();
  const abort = new AbortController();
  running = { abort, job: null };
  const bar = $<HTMLProgressElement>("progress");
  bar.value = 0;
  $("job").hidden = false;
  $("cancel-button").hidden = false;
  document.body.dataset.run = "running";
  try {
    const summary = await api.streamJob<api.RunSummary>("api/run", body, (e) => progressTo(e, bar, "progress-text"), abort.signal);
    state.summary = summary;
    state.runBody = body;
    bar.value = bar.max;
    renderResults(summary);
    setStatus("progress-text", `done: ${summary.runs.toLocaleString()} runs${summary.timing ? ` in ${summary.timing.seconds.toFixed(2)} s` : ""}`, "ok");
    document.body.dataset.run = "done";
  } catch (error) {
    const e = error as api.ApiError;
    if (abort.signal.aborted || e.status === 499) {
      setStatus("progress-text", "cancelled", "error");
      document.body.dataset.run = "cancelled";
    } else {
      setStatus("progress-text", e.message, "error");
      document.body.dataset.run = "error";
      if (e.diagnostics?.length) {
        showDiagnostics(e.diagnostics, e.message);
        location.hash = "#scenario";
      }
    }
  } finally {
    running = null;
    $("cancel-button").hidden = true;
  }
}

function renderResults(summary: api.RunSummary) {
  $("results-empty").hidden = true;
  const header = $("results-header");
  const title = summary.scenario_info?.title ?? summary.scenario;
  header.innerHTML = `<h3></h3><p></p>`;
  header.querySelector("h3")!.textContent = title;
  header.querySelector("p")!.textContent =
    `${summary.runs.toLocaleString()} runs, seed ${summary.seed}, scenario hash ${summary.scenario_hash}` +
    (summary.overrides.length ? `; overrides: ${summary.overrides.join(", ")}` : "; no overrides");
  $("charts").replaceChildren(charts.outcomes(summary), charts.causes(summary), charts.survival(summary), charts.occupancy(summary));
  const lives = livesAtStake(summary);
  if (lives) $("charts").prepend(lives);
  const talk = saidAndSeen(summary);
  if (talk) $("charts").append(talk);
  $("downloads").hidden = false;
}

/** Where the scenario has them: declarations, false alarms and misreadings per run (docs/MODEL.md §14, §16). */
function saidAndSeen(summary: api.RunSummary): HTMLElement | null {
  const rows: string[][] = [];
  const perRun = (t: { per_run: number }) => t.per_run.toFixed(3);
  if (summary.signals) {
    const s = summary.signals;
    rows.push(["declarations sent", perRun(s.sent)]);
    rows.push(["declarations honoured (answered when reached)", perRun(s.honoured)]);
    rows.push(["declarations contradicted (left unanswered)", perRun(s.contradicted)]);
    rows.push(["deception: share of tested declarations contradicted", s.deception == null ? "none tested" : charts.pct(s.deception)]);
  }
  if (summary.false_alarms) rows.push(["early-warning false alarms", perRun(summary.false_alarms)]);
  if (summary.misreads) rows.push(["moves misread under fog of war", perRun(summary.misreads)]);
  if (!rows.length) return null;
  const box = document.createElement("figure");
  box.className = "chart";
  box.dataset.chart = "said-and-seen";
  box.innerHTML = `<figcaption><strong>What was said and seen</strong><span>per run; assumption-driven estimates, not forecasts</span></figcaption>
    <table class="exceedance"><thead><tr><th>per run</th><th>value</th></tr></thead><tbody>${rows.map(() => "<tr><td></td><td></td></tr>").join("")}</tbody></table>`;
  box.querySelectorAll("tbody tr").forEach((tr, i) => tr.querySelectorAll("td").forEach((td, j) => (td.textContent = rows[i][j])));
  return box;
}

interface Consequences {
  note: string;
  plans: { rung: string; plan: string; fatalities: number; injuries: number; soot_tg: number; people_without_food: number; p: number; ci95: [number, number] }[];
  fatalities: { mean: number; exceedance: { threshold: number; p: number; ci95: [number, number] }[] };
  soot_tg: { mean: number; exceedance: { threshold: number; p: number; ci95: [number, number] }[] };
  people_without_food: { mean: number; exceedance: { threshold: number; p: number; ci95: [number, number] }[] };
}

/** When the scenario attaches strike plans to nuclear rungs: the lives at stake over runs. */
function livesAtStake(summary: api.RunSummary): HTMLElement | null {
  const lives = summary.consequences as Consequences | undefined;
  if (!lives) return null;
  const box = document.createElement("figure");
  box.className = "chart";
  box.dataset.chart = "lives";
  const rows = (cells: string[][]) =>
    cells.map((r) => `<tr>${r.map(() => "<td></td>").join("")}</tr>`).join("");
  const planRows = lives.plans.map((p) => [p.rung, p.plan, people(p.fatalities), `${p.soot_tg.toFixed(1)} Tg`, people(p.people_without_food), `${charts.pct(p.p)} [${charts.pct(p.ci95[0])}, ${charts.pct(p.ci95[1])}]`]);
  const interval = (e: { p: number; ci95: [number, number] }) => `${charts.pct(e.p)} [${charts.pct(e.ci95[0])}, ${charts.pct(e.ci95[1])}]`;
  const riskRows = [
    ...lives.fatalities.exceedance.map((e) => [`more than ${people(e.threshold)} prompt deaths`, interval(e)]),
    ...lives.soot_tg.exceedance.map((e) => [`more than ${e.threshold} Tg of soot`, interval(e)]),
    ...lives.people_without_food.exceedance.map((e) => [`more than ${people(e.threshold)} without food (year 2)`, interval(e)]),
  ];
  box.innerHTML = `<figcaption><strong>Lives at stake</strong><span></span></figcaption>
    <table class="plans"><thead><tr><th>nuclear rung</th><th>strike plan</th><th>fatalities if reached</th><th>soot</th><th>without food, year 2</th><th>runs reaching it</th></tr></thead><tbody>${rows(planRows)}</tbody></table>
    <table class="exceedance"><thead><tr><th>per run</th><th>probability</th></tr></thead><tbody>${rows(riskRows)}</tbody></table>`;
  box.querySelector("figcaption span")!.textContent = `mean per run: ${people(lives.fatalities.mean)} prompt deaths, ${lives.soot_tg.mean.toFixed(2)} Tg of soot, ${people(lives.people_without_food.mean)} without food at the end of year two (published runs, interpolated). ${lives.note}`;
  const fill = (selector: string, data: string[][]) =>
    box.querySelectorAll(`${selector} tbody tr`).forEach((tr, i) => tr.querySelectorAll("td").forEach((td, j) => (td.textContent = data[i][j])));
  fill("table.plans", planRows);
  fill("table.exceedance", riskRows);
  return box;
}

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---------------------------------------------------------------------------------------------
// Compare
let comparing: { abort: AbortController; job: string | null } | null = null;

const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));

async function compare() {
  if (comparing) return;
  const body = {
    ...source(),
    overrides: controlOverrides(),
    runs: $<HTMLInputElement>("runs").valueAsNumber,
    seed: $<HTMLInputElement>("seed").valueAsNumber,
    policies: [
      { name: $<HTMLInputElement>("policy-a-name").value, overrides: lines($<HTMLTextAreaElement>("policy-a").value) },
      { name: $<HTMLInputElement>("policy-b-name").value, overrides: lines($<HTMLTextAreaElement>("policy-b").value) },
    ],
  };
  const abort = new AbortController();
  comparing = { abort, job: null };
  const bar = $<HTMLProgressElement>("compare-progress");
  bar.hidden = false;
  bar.value = 0;
  $("compare-cancel").hidden = false;
  try {
    const result = await api.streamJob<CompareResult>(
      "api/compare",
      body,
      (e) => {
        if (e.event === "accepted" && comparing) comparing.job = e.job ?? null;
        progressTo(e, bar, "compare-status");
      },
      abort.signal,
    );
    setStatus("compare-status", "done", "ok");
    renderComparison(result);
  } catch (error) {
    const e = error as api.ApiError;
    setStatus("compare-status", abort.signal.aborted ? "cancelled" : [e.message, ...(e.diagnostics ?? []).map((d) => `${d.path}: ${d.message}`)].join(" — "), "error");
  } finally {
    comparing = null;
    $("compare-cancel").hidden = true;
    bar.hidden = true;
  }
}

function renderComparison(result: CompareResult) {
  const outcomes = Object.keys(result.policies[0]?.outcomes ?? {}) as (keyof Outcomes_Proportion)[];
  const table = document.createElement("table");
  table.className = "compare";
  const head = ["outcome", ...result.policies.map((p) => p.name), ...result.policies.slice(1).map((p) => `${p.name} − ${result.baseline} (paired difference)`)];
  table.innerHTML = `<thead><tr>${head.map(() => "<th></th>").join("")}</tr></thead><tbody></tbody>`;
  table.querySelectorAll("th").forEach((th, i) => (th.textContent = head[i]));
  const body = table.querySelector("tbody")!;
  for (const outcome of outcomes) {
    const row = document.createElement("tr");
    const cells = [
      charts.outcomeLabel(outcome),
      ...result.policies.map((p) => {
        const o = p.outcomes[outcome];
        return `${charts.pct(o.p)} [${charts.pct(o.ci95[0])}, ${charts.pct(o.ci95[1])}]`;
      }),
      ...result.policies.slice(1).map((p) => {
        const d = p.difference[outcome];
        const sign = (x: number) => (x >= 0 ? "+" : "") + charts.pct(x);
        return `${sign(d.difference)} [${sign(d.ci95[0])}, ${sign(d.ci95[1])}]`;
      }),
    ];
    for (const text of cells) {
      const td = document.createElement("td");
      td.textContent = text;
      row.append(td);
    }
    body.append(row);
  }
  $("compare-table").replaceChildren(table);
  $("compare-chart").replaceChildren(charts.comparison(result));
}

// ---------------------------------------------------------------------------------------------
// Map
let lastStrike: StrikeReport | null = null;

function initMap() {
  map = new WorldMap($("world"), (lat, lon) => void detonate(lat, lon));
  void api.listPlans().then(({ plans }) => {
    const select = $<HTMLSelectElement>("plan-select");
    for (const p of plans) select.append(new Option(p.title ? `${p.name} — ${p.title}` : p.name, p.name));
  });
}

function showStrike(report: StrikeReport, focus: StrikeTarget) {
  lastStrike = report;
  map?.showTargets(report.targets);
  const detail = $("detail");
  const heading = document.createElement("h3");
  heading.textContent = focus.label;
  const numbers = document.createElement("p");
  numbers.className = "casualties";
  numbers.textContent = `${focus.yield_kt} kt at ${focus.hob_m} m: ${people(focus.fatalities)} fatalities, ${people(focus.injuries)} injuries (estimate)`;
  const hint = document.createElement("p");
  hint.className = "hint";
  hint.textContent = report.plan === "point" ? "Click this map to move the detonation at this scale." : "";
  const pick = report.plan === "point" ? (lat: number, lon: number) => void detonate(lat, lon) : undefined;
  detail.replaceChildren(heading, numbers, detailMap(focus, report.targets, pick), hint, ringLegend(focus));
  $<HTMLInputElement>("lat").value = focus.lat.toFixed(4);
  $<HTMLInputElement>("lon").value = focus.lon.toFixed(4);
  const summary = $("strike-summary");
  const total = document.createElement("p");
  total.className = "total";
  total.textContent = `${report.title ?? report.plan}: ${report.targets.length} aim point(s); total ${people(report.total.fatalities)} fatalities, ${people(report.total.injuries)} injuries among ${people(report.total.population_in_reach)} people within reach.`;
  const fire = document.createElement("p");
  fire.className = "total";
  fire.textContent = `Fires: ${report.fire.burned_area_km2.toFixed(0)} km² of populated area burned; ${report.fire.soot_tg.toFixed(2)} Tg of soot to the stratosphere (low ${report.fire.soot_tg_low.toFixed(2)}, high ${report.fire.soot_tg_high.toFixed(2)}); global cooling ${report.aftermath.cooling_c.toFixed(2)} °C at the peak; ${people(report.aftermath.people_without_food)} people without food at the end of year two (published model runs, ${report.aftermath.basis}).`;
  const note = document.createElement("p");
  note.className = "hint";
  note.textContent = report.note;
  summary.replaceChildren(total, fire, targetTable(report, (t) => showStrike(report, t)), note);
  document.body.dataset.strike = report.plan;
}

async function detonate(lat: number, lon: number) {
  setStatus("map-status", `computing ${lat.toFixed(2)}°, ${lon.toFixed(2)}°…`, "busy");
  try {
    const report = await api.effects({
      lat,
      lon,
      yield_kt: $<HTMLInputElement>("yield-kt").valueAsNumber,
      hob_m: $<HTMLInputElement>("hob-m").valueAsNumber,
    });
    setStatus("map-status", "", "");
    showStrike(report, report.targets[0]);
  } catch (error) {
    setStatus("map-status", (error as Error).message, "error");
  }
}

async function showPlan() {
  const name = $<HTMLSelectElement>("plan-select").value;
  if (!name) return;
  setStatus("map-status", `assessing ${name}…`, "busy");
  try {
    const report = await api.plan(name);
    setStatus("map-status", "", "");
    const worst = report.targets.reduce((a, b) => (b.fatalities > a.fatalities ? b : a), report.targets[0]);
    showStrike(report, worst);
  } catch (error) {
    setStatus("map-status", (error as Error).message, "error");
  }
}

// ---------------------------------------------------------------------------------------------
// Wiring
async function init() {
  window.addEventListener("hashchange", route);
  route();
  editor().addEventListener("input", () => renderGutter());
  editor().addEventListener("scroll", () => ($("gutter").scrollTop = editor().scrollTop));
  $("check-button").addEventListener("click", () => void checkScenario());
  $("run-button").addEventListener("click", () => void run());
  $("cancel-button").addEventListener("click", () => void cancel());
  $("compare-button").addEventListener("click", () => void compare());
  $("compare-cancel").addEventListener("click", async () => {
    if (comparing?.job) await api.cancelJob(comparing.job).catch(() => undefined);
    comparing?.abort.abort();
  });
  $("policy-b").addEventListener("input", (e) => ((e.target as HTMLElement).dataset.touched = "1"));
  $("reset-controls").addEventListener("click", () => state.checked && renderControls(state.checked.controls, state.checked.red_lines));
  $("plan-button").addEventListener("click", () => void showPlan());
  $("detonate-button").addEventListener("click", () =>
    void detonate($<HTMLInputElement>("lat").valueAsNumber, $<HTMLInputElement>("lon").valueAsNumber),
  );
  initWhy({ runBody, rungs: () => state.checked?.rungs.map((r) => r.name) ?? [], setStatus });
  $("scenario-select").addEventListener("change", (e) => void loadBundled((e.target as HTMLSelectElement).value));
  $<HTMLInputElement>("scenario-upload").addEventListener("change", async (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    state.bundledName = null;
    editor().value = await file.text();
    renderGutter();
    await checkScenario();
  });
  $("download-scenario").addEventListener("click", () => {
    if (state.summary) download(`${state.summary.scenario}.toml`, new Blob([state.summary.scenario_toml], { type: "application/toml" }));
  });
  $("download-summary").addEventListener("click", () => {
    if (state.summary) download(`${state.summary.scenario}-summary.json`, new Blob([JSON.stringify(state.summary, null, 2)], { type: "application/json" }));
  });
  $("download-records").addEventListener("click", async () => {
    if (!state.runBody || !state.summary) return;
    try {
      download(`${state.summary.scenario}-runs.csv`, await api.records(state.runBody));
    } catch (error) {
      setStatus("progress-text", (error as Error).message, "error");
    }
  });

  await initFit({
    scenarioBody: () => ({ ...source(), overrides: controlOverrides() }),
    seed: () => $<HTMLInputElement>("seed").valueAsNumber,
    setStatus,
  });

  const listing = await api.listScenarios();
  const select = $<HTMLSelectElement>("scenario-select");
  for (const s of listing.scenarios) select.append(new Option(s.title ? `${s.name} — ${s.title}` : s.name, s.name));
  select.value = listing.default;
  await loadBundled(listing.default);
  document.body.dataset.ready = "1";
}

void init().catch((error: Error) => {
  setStatus("check-status", `cannot reach the server: ${error.message}`, "error");
});

// For the console and the end-to-end tests.
Object.assign(window, {
  brink: {
    state,
    lastStrike: () => lastStrike,
    mapPoint: (lat: number, lon: number) => map?.clientPoint(lat, lon) ?? null,
    mapZoom: () => map?.zoomFactor ?? null,
    zoomTo: (lat: number, lon: number, k: number) => map?.zoomTo(lat, lon, k),
    detailPoint: (lat: number, lon: number) => maps.detailPoint(lat, lon),
  },
});
