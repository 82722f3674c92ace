// The JSON API of `brink serve` (documented in /api/openapi.json and docs/WEB.md).

/** Where a scenario comes from: a bundled name or the text of a TOML file. */
export type ScenarioSource = { scenario: string } | { toml: string; file?: string };

/** One problem in a scenario, with its place. */
export interface Diagnostic {
  line: number | null;
  column: number | null;
  path: string;
  message: string;
}

/** A refused request: a message, and for scenario errors every problem with its line. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message);
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

export interface Proportion {
  count: number;
  p: number;
  ci95: [number, number];
}

export interface RunSummary {
  kind: "run";
  scenario: string;
  scenario_hash: string;
  overrides: string[];
  runs: number;
  seed: number;
  outcomes: Record<string, Proportion>;
  nuclear_use_cause: Record<string, Proportion>;
  nuclear_use_by_actor: Record<string, Proportion>;
  peak_rung: { rung: string; count: number; p: number }[];
  occupancy: { rungs: string[]; shares: number[][] };
  survival: number[];
  scenario_info: { title: string | null; question: string | null; turn: string | null };
  scenario_toml: string;
  timing?: { seconds: number; threads: number };
  [key: string]: unknown;
}

export interface ComparePolicy {
  name: string;
  spec: string;
  scenario_hash: string;
  outcomes: Record<string, Proportion>;
  difference: Record<string, { difference: number; ci95: [number, number]; discordant_runs: number }>;
}

export interface CompareResult {
  kind: "compare";
  runs: number;
  seed: number;
  baseline: string;
  interval: string;
  policies: ComparePolicy[];
  [key: string]: unknown;
}

export interface Ring {
  effect: string;
  radius_m: number;
  area_km2: number;
}

export interface StrikeTarget {
  label: string;
  phase: string | null;
  lat: number;
  lon: number;
  yield_kt: number;
  hob_m: number;
  count: number;
  fatalities: number;
  injuries: number;
  population_in_reach: number;
  rings: Ring[];
}

export interface StrikeReport {
  plan: string;
  title?: string | null;
  note: string;
  total: { fatalities: number; injuries: number; population_in_reach: number };
  targets: StrikeTarget[];
  [key: string]: unknown;
}

/** A progress event of a streamed job. */
export interface JobEvent {
  event: "accepted" | "started" | "progress" | "result" | "error" | "cancelled";
  job?: string;
  queued_behind?: number;
  done?: number;
  total?: number;
  result?: unknown;
  status?: number;
  error?: string;
  diagnostics?: Diagnostic[];
}

async function failure(response: Response): Promise<ApiError> {
  let body: { error?: string; diagnostics?: Diagnostic[] } = {};
  try {
    body = await response.json();
  } catch {
    // Not JSON: keep the status line.
  }
  return new ApiError(response.status, body.error ?? `${response.status} ${response.statusText}`, body.diagnostics ?? []);
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
      if (event.event === "error") throw new ApiError(event.status ?? 500, event.error ?? "job failed", event.diagnostics ?? []);
      if (event.event === "cancelled") throw new ApiError(499, "cancelled");
    }
    if (done) throw new ApiError(502, "the server closed the stream before the result");
  }
}

/** Asks the server to cancel a job by id. */
export async function cancelJob(id: string): Promise<void> {
  await fetch(`api/jobs/${encodeURIComponent(id)}`, { method: "DELETE" });
}
