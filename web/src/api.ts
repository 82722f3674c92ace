// The JSON API of `brink serve` (documented in /api/openapi.json and docs/WEB.md). The result
// and error documents are typed by ./reports.ts, generated from the same JSON Schemas as the
// OpenAPI document (crates/brink-types), so a change of a report type that the page does not
// follow fails `tsc`.

import type { CompareReport, DiagnosticDoc, ErrorDoc, RunReport, SensitivityReport, StoryReport, StrikeReport as StrikeDoc } from "./reports";

export type { Proportion, Ring, StrikeTarget } from "./reports";

/** Where a scenario comes from: a bundled name or the text of a TOML file. */
export type ScenarioSource = { scenario: string } | { toml: string; file?: string };

/** One problem in a scenario, with its place. */
export type Diagnostic = DiagnosticDoc;

/** A refused request: its status and error document (for a scenario, every problem with its line). */
export class ApiError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(
    readonly status: number,
    message: string,
    readonly doc: ErrorDoc | null = null,
  ) {
    super(message);
    this.diagnostics = doc?.diagnostics ?? [];
  }
}

export interface ScenarioListing {
  default: string;
  scenarios: { name: string; title: string | null }[];
}

export interface Control {
  /** The `--set` path the control overrides. */
  path: string;
  label: string;
  group: string;
  value: number;
  min: number;
  max: number;
  step: number;
  /** A short note: what the number means. */
  help: string;
}

/** An actor's red-line prior: probabilities over the rungs and "never". */
export interface RedLine {
  path: string;
  label: string;
  group: string;
  help: string;
  entries: { key: string; value: number }[];
}

export interface CheckResult {
  name: string;
  title: string | null;
  question: string | null;
  turn: string | null;
  default_runs: number | null;
  default_seed: number | null;
  hash: string;
  actors: string[];
  rungs: { name: string; nuclear: boolean }[];
  max_turns: number;
  controls: Control[];
  red_lines: RedLine[];
}

/** The result of `POST /api/run` (the document of `brink run --format json`). */
export type RunSummary = RunReport;

/** The result of `POST /api/compare`. */
export type CompareResult = CompareReport;

/** The result of `POST /api/sensitivity`. */
export type SensitivityResult = SensitivityReport;

/** A strike report (`GET /api/plans/{name}`, `POST /api/effects`). */
export type StrikeReport = StrikeDoc;

/** A progress event of a streamed job. */
export interface JobEvent {
  event: "accepted" | "started" | "progress" | "result" | "error" | "cancelled";
  job?: string;
  queued_behind?: number;
  done?: number;
  total?: number;
  result?: unknown;
  status?: number;
  error?: ErrorDoc;
}

async function failure(response: Response): Promise<ApiError> {
  let body: { error?: ErrorDoc } = {};
  try {
    body = await response.json();
  } catch {
    // Not JSON: keep the status line.
  }
  return new ApiError(response.status, body.error?.message ?? `${response.status} ${response.statusText}`, body.error ?? null);
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

export const listScenarios = () => getJson<ScenarioListing>("api/scenarios");
export const scenarioText = (name: string) => getJson<{ name: string; toml: string }>(`api/scenarios/${encodeURIComponent(name)}`);
export const check = (source: ScenarioSource, overrides: string[]) => postJson<CheckResult>("api/check", { ...source, overrides });
export const listPlans = () => getJson<{ plans: { name: string; title: string | null }[] }>("api/plans");
export const plan = (name: string) => getJson<StrikeReport>(`api/plans/${encodeURIComponent(name)}`);
/** One run told turn by turn (`brink explain --run K` / `--find OUTCOME`). */
export const story = (body: unknown) => postJson<StoryReport>("api/story", body);
/** The bundled records of observed crises (with the scenario each is for) and outcome counts. */
export interface FitRecordListing {
  records: { name: string; title: string | null; scenario: string | null; description: string | null; turns: number }[];
  outcomes: { name: string; about: string | null }[];
}
export const fitRecords = () => getJson<FitRecordListing>("api/fit/records");
/** A run request without its run count (a fit takes the scenario, overrides and seed only). */
export function withoutRuns(body: Record<string, unknown>): Record<string, unknown> {
  const { runs: _runs, seed: _seed, ...rest } = body;
  return rest;
}
export const effects = (body: { lat: number; lon: number; yield_kt: number; hob_m: number }) =>
  postJson<StrikeReport>("api/effects", body);

/** Per-run records as CSV (the same runs as a run with this seed). */
export async function records(body: unknown): Promise<Blob> {
  const response = await fetch("api/records", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  return await response.blob();
}

/**
 * Runs a job (`api/run` or `api/compare`) as a stream of JSON lines, calling `onEvent` for
 * each; aborting `signal` closes the connection, which cancels the job on the server.
 */
export async function streamJob<T>(
  url: string,
  body: unknown,
  onEvent: (event: JobEvent) => void,
  signal: AbortSignal,
): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/x-ndjson" },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok || !response.body) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (!line) continue;
      const event = JSON.parse(line) as JobEvent;
      onEvent(event);
      if (event.event === "result") return event.result as T;
      if (event.event === "error") throw new ApiError(event.status ?? 500, event.error?.message ?? "job failed", event.error ?? null);
      if (event.event === "cancelled") throw new ApiError(499, "cancelled");
    }
    if (done) throw new ApiError(502, "the server closed the stream before the result");
  }
}

/** Asks the server to cancel a job by id. */
export async function cancelJob(id: string): Promise<void> {
  await fetch(`api/jobs/${encodeURIComponent(id)}`, { method: "DELETE" });
}
