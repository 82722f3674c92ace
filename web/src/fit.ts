// The "Fit" view: the posterior of one or two scenario parameters given a record of an observed
// crisis (`brink fit`, docs/EVIDENCE.md), with each parameter's posterior, the joint posterior
// of two, and the posterior predictive outcomes beside the scenario's own.
import * as api from "./api";
import type { CheckResult } from "./api";
import type { FitReport } from "./reports";
import * as charts from "./charts";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** What the view needs from the rest of the page. */
export interface FitContext {
  /** The current scenario (bundled name or text) and its moved assumptions, as fixed overrides. */
  scenarioBody: () => Record<string, unknown>;
  /** The seed of the Run view. */
  seed: () => number;
  /** Shows a status line. */
  setStatus: (id: string, text: string, kind?: "ok" | "error" | "busy" | "") => void;
}

let listing: api.FitRecordListing | null = null;
let fitting: { abort: AbortController; job: string | null } | null = null;
let checked: CheckResult | null = null;

/** The view follows the checked scenario: its records, its numeric paths, a default parameter. */
export function fitScenario(scenario: CheckResult | null) {
  checked = scenario;
  $("fit-scenario").textContent = scenario ? `${scenario.title ?? scenario.name} (${scenario.name})` : "no valid scenario: check it in view 1";
  const select = $<HTMLSelectElement>("fit-record");
  select.replaceChildren();
  const matching = (listing?.records ?? []).filter((r) => scenario && r.scenario === scenario.name);
  for (const r of matching) select.append(new Option(`${r.name} — ${r.title ?? ""} (${r.turns} turns)`, r.name));
  select.append(new Option(matching.length ? "none (pasted record or outcome counts only)" : "no bundled record for this scenario", ""));
  const paths = $("fit-paths");
  paths.replaceChildren();
  const numeric = [...(scenario?.actors ?? []).map((a) => `actors.${a}.rationality`), ...(scenario?.controls ?? []).map((c) => c.path)];
  for (const path of numeric) paths.append(new Option(path, path));
  const first = $<HTMLInputElement>("fit-path-1");
  if (scenario && !first.dataset.touched) {
    first.value = `actors.${scenario.actors[scenario.actors.length - 1]}.rationality`;
    $<HTMLInputElement>("fit-lo-1").value = "5";
    $<HTMLInputElement>("fit-hi-1").value = "60";
  }
}

/** When a path of a control is chosen, its range becomes the control's. */
function followPath(n: number) {
  const input = $<HTMLInputElement>(`fit-path-${n}`);
  input.dataset.touched = "1";
  const control = checked?.controls.find((c) => c.path === input.value.trim());
  if (control) {
    $<HTMLInputElement>(`fit-lo-${n}`).value = String(control.min);
    $<HTMLInputElement>(`fit-hi-${n}`).value = String(control.max);
  }
}

function fitBody(): Record<string, unknown> {
  const params: string[] = [];
  const priors: string[] = [];
  for (const n of [1, 2]) {
    const path = $<HTMLInputElement>(`fit-path-${n}`).value.trim();
    if (!path) continue;
    params.push(`${path}=${$<HTMLInputElement>(`fit-lo-${n}`).value}:${$<HTMLInputElement>(`fit-hi-${n}`).value}`);
    const prior = $<HTMLInputElement>(`fit-prior-${n}`).value.trim();
    if (prior && prior !== "uniform") priors.push(`${path}=${prior}`);
  }
  const records: string[] = [];
  const bundled = $<HTMLSelectElement>("fit-record").value;
  if (bundled) records.push(bundled);
  const pasted = $<HTMLTextAreaElement>("fit-record-text").value;
  if (pasted.trim()) records.push(pasted);
  const outcomes = $<HTMLSelectElement>("fit-outcomes").value;
  const method = $<HTMLSelectElement>("fit-method").value;
  return {
    ...api.withoutRuns(fitContext.scenarioBody()),
    records,
    params,
    priors,
    method,
    ...(method === "grid" ? { points: $<HTMLInputElement>("fit-points").valueAsNumber } : { samples: $<HTMLInputElement>("fit-samples").valueAsNumber }),
    runs_per_point: $<HTMLInputElement>("fit-runs").valueAsNumber,
    seed: fitContext.seed(),
    outcomes: outcomes ? [outcomes] : [],
  };
}

let fitContext: FitContext;

async function runFit() {
  if (fitting) return;
  const body = fitBody();
  const abort = new AbortController();
  fitting = { abort, job: null };
  const bar = $<HTMLProgressElement>("fit-progress");
  bar.hidden = false;
  bar.value = 0;
  $("fit-cancel").hidden = false;
  document.body.dataset.fit = "running";
  try {
    const report = await api.streamJob<FitReport>(
      "api/fit",
      body,
      (e) => {
        if (e.event === "accepted") {
          if (fitting) fitting.job = e.job ?? null;
          fitContext.setStatus("fit-status", e.queued_behind ? `queued behind ${e.queued_behind} job(s)…` : "starting…", "busy");
        } else if (e.event === "started") {
          fitContext.setStatus("fit-status", "computing likelihoods…", "busy");
        } else if (e.event === "progress" && e.total) {
          bar.max = e.total;
          bar.value = e.done ?? 0;
          fitContext.setStatus("fit-status", `${(e.done ?? 0).toLocaleString()} of ${e.total.toLocaleString()} likelihoods`, "busy");
        }
      },
      abort.signal,
    );
    bar.value = bar.max;
    renderFit(report);
    fitContext.setStatus("fit-status", `done${report.timing ? ` in ${report.timing.seconds.toFixed(2)} s` : ""}`, "ok");
    document.body.dataset.fit = "done";
  } catch (error) {
    const e = error as api.ApiError;
    const cancelled = abort.signal.aborted || e.status === 499;
    fitContext.setStatus(
      "fit-status",
      cancelled ? "cancelled" : [e.message, ...(e.diagnostics ?? []).map((d) => `${d.path}: ${d.message}`)].join(" — "),
      "error",
    );
    document.body.dataset.fit = cancelled ? "cancelled" : "error";
  } finally {
    fitting = null;
    $("fit-cancel").hidden = true;
    bar.hidden = true;
  }
}

function renderFit(report: FitReport) {
  const header = $("fit-header");
  const d = report.diagnostics;
  const facts: [string, string][] = [
    ["records", [...report.records, ...(report.outcomes ?? [])].join(", ")],
    ["method", report.method === "grid" ? `grid of ${d.points_per_param} points per parameter` : `MCMC, ${d.chains} chains × ${d.draws_per_chain} draws (after ${d.warmup_per_chain} warm-up)`],
    ["log evidence", report.log_evidence != null ? report.log_evidence.toFixed(3) : "not estimated by MCMC"],
    ["likelihood evaluations", `${d.evaluations.toLocaleString()} (${d.impossible_points} impossible)`],
    ["mass on the range's edges", `${charts.pct(d.edge_mass)}${d.edge_mass > 0.05 ? " — widen the range" : ""}`],
  ];
  if (d.max_point_mass != null) facts.push(["largest mass on one point", `${charts.pct(d.max_point_mass)}${d.max_point_mass > 0.5 ? " — the grid is too coarse" : ""}`]);
  if (d.acceptance != null) facts.push(["acceptance", charts.pct(d.acceptance)]);
  if (d.max_rhat != null) facts.push(["largest R-hat", `${d.max_rhat.toFixed(3)}${d.max_rhat > 1.05 ? " — the chains disagree" : ""}`]);
  if (d.min_ess != null) facts.push(["smallest ESS", `${Math.round(d.min_ess)}${d.min_ess < 100 ? " — few effective draws" : ""}`]);
  const table = document.createElement("table");
  table.className = "fit-facts";
  for (const [key, value] of facts) {
    const row = table.insertRow();
    row.insertCell().textContent = key;
    row.insertCell().textContent = value;
  }
  const title = document.createElement("h3");
  title.textContent = `${report.scenario}: ${report.params.map((p) => p.path).join(" and ")}`;
  const sub = document.createElement("p");
  sub.textContent = `scenario hash ${report.scenario_hash}` + (report.overrides.length ? `; fixed overrides: ${report.overrides.join(", ")}` : "; no fixed overrides");
  header.replaceChildren(title, sub, table);
  const figures: HTMLElement[] = report.params.map((_, i) => charts.posterior(report, i));
  if (report.params.length === 2 && report.grid.length > 0) figures.push(charts.jointPosterior(report));
  if (report.posterior_predictive.length > 0) figures.push(charts.predictive(report));
  $("fit-charts").replaceChildren(...figures);
  const note = $("fit-note");
  note.textContent = `${report.note}. Every number follows from the scenario's stated assumptions and the record's reading of history: evidence about those assumptions, not a forecast.`;
  (window as unknown as { brink: { fit?: FitReport } }).brink.fit = report;
}

export async function initFit(context: FitContext) {
  fitContext = context;
  $("fit-button").addEventListener("click", () => void runFit());
  $("fit-cancel").addEventListener("click", async () => {
    if (fitting?.job) await api.cancelJob(fitting.job).catch(() => undefined);
    fitting?.abort.abort();
  });
  for (const n of [1, 2]) $(`fit-path-${n}`).addEventListener("change", () => followPath(n));
  $("fit-method").addEventListener("change", () => {
    const grid = $<HTMLSelectElement>("fit-method").value === "grid";
    $("fit-points-row").hidden = !grid;
    $("fit-samples-row").hidden = grid;
  });
  listing = await api.fitRecords();
  const outcomes = $<HTMLSelectElement>("fit-outcomes");
  for (const o of listing.outcomes) outcomes.append(new Option(`${o.name} — ${o.about ?? ""}`, o.name));
  fitScenario(checked);
}
