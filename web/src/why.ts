// The "Why" view: the chains of steps behind an outcome (`brink explain`) and one run told turn
// by turn (`brink explain --run K`), with each side's beliefs beside the true red lines.
import * as api from "./api";
import type { ExplainPath, ExplainReport, ExplainStep, StoryReport, StoryTurn } from "./reports";
import { pct } from "./charts";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** What the view needs from the rest of the page. */
export interface WhyContext {
  /** The current run request: scenario, overrides, runs and seed (as the Results view runs it). */
  runBody: () => Record<string, unknown>;
  /** The ladder's rung names, lowest first (to read a believed mean red line). */
  rungs: () => string[];
  /** Shows a status line. */
  setStatus: (id: string, text: string, kind?: "ok" | "error" | "busy" | "") => void;
}

const CAUSES: Record<string, string> = {
  event: "a scripted step",
  decision: "by choice",
  response: "answering a crossed red line",
  accident: "by accident",
};

const ENDINGS: Record<string, string> = {
  nuclear_use: "nuclear use",
  settlement: "settlement",
  concession: "concession",
  turn_limit: "the turn limit",
};

/** A step in words: "russia: A → B (by choice)". */
export function stepText(step: ExplainStep): string {
  const why = step.cause === "event" && step.event ? `scripted: ${step.event}` : (CAUSES[step.cause] ?? step.cause);
  return `${step.actor}: ${step.from} → ${step.to} (${why})`;
}

function endingText(path: ExplainPath): string {
  const e = path.ending;
  let text = ENDINGS[e.outcome] ?? e.outcome;
  if (e.outcome === "nuclear_use") text += ` (${e.cause ?? "?"}${e.actor ? `, by ${e.actor}` : ""})`;
  else if (e.outcome === "concession" && e.actor) text += ` by ${e.actor}`;
  return text;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text = "", className = ""): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** A table with a header row and text cells (never HTML from the server). */
function table(headers: string[], rows: (string | Node)[][], className = ""): HTMLTableElement {
  const t = el("table", "", className);
  const head = t.createTHead().insertRow();
  for (const h of headers) head.append(el("th", h));
  const body = t.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const cell of row) {
      const td = tr.insertCell();
      if (typeof cell === "string") td.textContent = cell;
      else td.append(cell);
    }
  }
  return t;
}

let explaining: { abort: AbortController; job: string | null } | null = null;
let story: StoryReport | null = null;
let turnIndex = 0;

/** Groups the runs of the current scenario by path (`POST /api/explain`). */
async function explain(ctx: WhyContext) {
  if (explaining) return;
  const body = {
    ...ctx.runBody(),
    outcome: $<HTMLSelectElement>("why-outcome").value,
    top: $<HTMLInputElement>("why-top").valueAsNumber || 10,
  };
  const abort = new AbortController();
  explaining = { abort, job: null };
  const bar = $<HTMLProgressElement>("why-progress");
  bar.hidden = false;
  bar.value = 0;
  $("why-cancel").hidden = false;
  document.body.dataset.why = "running";
  try {
    const report = await api.streamJob<ExplainReport>(
      "api/explain",
      body,
      (event) => {
        if (event.event === "accepted" && explaining) explaining.job = event.job ?? null;
        if (event.event === "progress" && event.total) {
          bar.max = event.total;
          bar.value = event.done ?? 0;
          ctx.setStatus("why-status", `${(event.done ?? 0).toLocaleString()} of ${event.total.toLocaleString()} runs`, "busy");
        }
      },
      abort.signal,
    );
    renderPaths(report, ctx);
    ctx.setStatus("why-status", `done: ${report.runs.toLocaleString()} runs, seed ${report.seed}`, "ok");
    document.body.dataset.why = "done";
  } catch (error) {
    const e = error as api.ApiError;
    ctx.setStatus("why-status", abort.signal.aborted || e.status === 499 ? "cancelled" : e.message, "error");
    document.body.dataset.why = "error";
  } finally {
    explaining = null;
    bar.hidden = true;
    $("why-cancel").hidden = true;
  }
}

function renderPaths(report: ExplainReport, ctx: WhyContext) {
  const root = $("why-paths");
  root.replaceChildren();
  const what = report.outcome === "all" ? "all runs" : `the runs ending in ${ENDINGS[report.outcome] ?? report.outcome}`;
  const intro = el(
    "p",
    `${report.outcome_runs.toLocaleString()} of ${report.runs.toLocaleString()} runs (seed ${report.seed}) are ${what}; ` +
      `they followed ${report.distinct_paths.toLocaleString()} distinct paths${report.paths_truncated ? " or more" : ""}. ` +
      `The ${report.paths.length} most frequent, each with its share and Wilson 95% interval:`,
    "hint",
  );
  root.append(intro);
  if (report.outcome_runs === 0) {
    root.append(el("p", "No run ended so: nothing to explain. Try more runs, or another outcome."));
    return;
  }
  const list = el("ol", "", "paths");
  report.paths.forEach((path, index) => {
    const item = el("li");
    item.dataset.path = String(index);
    const head = el("div", "", "path-head");
    const bar = el("span", "", "share-bar");
    bar.style.setProperty("--share", String(path.share));
    head.append(
      bar,
      el("strong", `${pct(path.share)}`),
      el("span", ` [${pct(path.ci95[0])}, ${pct(path.ci95[1])}] · ${path.count.toLocaleString()} runs`, "ci"),
    );
    const steps = el("div", "", "steps");
    if (path.steps.length === 0) steps.append(el("span", "no step up", "step"));
    for (const step of path.steps) {
      const chip = el("span", stepText(step), `step cause-${step.cause}`);
      const flags: string[] = [`mean turn ${step.mean_turn.toFixed(1)}`];
      if (step.miscalculation_share > 0) flags.push(`a miscalculation in ${pct(step.miscalculation_share)} of these runs`);
      if (step.crossed_red_line_share > 0) flags.push(`crossed a true red line in ${pct(step.crossed_red_line_share)}`);
      chip.title = flags.join("; ");
      if (step.miscalculation_share >= 0.5) chip.classList.add("miscalculation");
      steps.append(chip, el("span", "→", "arrow"));
    }
    steps.append(el("span", endingText(path), "ending"));
    const follow = el("button", `Follow run ${path.first_run}`);
    follow.type = "button";
    follow.className = "follow";
    follow.addEventListener("click", () => {
      $<HTMLInputElement>("story-run").value = String(path.first_run);
      void tell(ctx);
    });
    item.append(head, steps, follow);
    list.append(item);
  });
  root.append(list);
  if (report.other_runs > 0) {
    root.append(el("p", `Other paths: ${report.other_runs.toLocaleString()} runs (${pct(report.other_runs / report.outcome_runs)}).`, "hint"));
  }
}

/** Tells one run (`POST /api/story`). */
async function tell(ctx: WhyContext, find?: string) {
  const base = ctx.runBody();
  const run = $<HTMLInputElement>("story-run").valueAsNumber;
  const runs = Number(base.runs);
  // Runs are numbered within the current request, as the server checks; say so without asking.
  if (!find && !(Number.isInteger(run) && run >= 0 && run < runs)) {
    ctx.setStatus("story-status", `run: ${run} is out of range; the request has ${runs} runs (0 to ${runs - 1})`, "error");
    return;
  }
  const body = find ? { ...base, find } : { ...base, run };
  ctx.setStatus("story-status", "telling…", "busy");
  try {
    story = await api.story(body);
    $<HTMLInputElement>("story-run").value = String(story.run);
    turnIndex = 0;
    renderStory(ctx);
    ctx.setStatus("story-status", "", "");
    document.body.dataset.story = String(story.run);
  } catch (error) {
    ctx.setStatus("story-status", (error as Error).message, "error");
  }
}

function nuclearText(s: StoryReport): string {
  const end = ENDINGS[s.outcome] ?? s.outcome;
  return s.outcome === "nuclear_use" && s.nuclear_cause ? `${end} (${s.nuclear_cause})` : end;
}

function renderStory(ctx: WhyContext) {
  const root = $("story");
  root.replaceChildren();
  if (!story) return;
  const s = story;
  const lines = Object.entries(s.true_red_lines).map(([actor, rung]) => `${actor}: ${rung}`).join(", ");
  root.append(
    el("h3", `Run ${s.run}: ${s.turns.length} turns, ending in ${nuclearText(s)}`),
    el("p", `True red lines, drawn at the start and hidden from the other side: ${lines}.`, "hint"),
  );
  // The whole run at a glance: each actor's rung per turn.
  const actors = Object.keys(s.true_red_lines);
  const glance = table(
    ["turn", ...actors],
    s.turns.map((t) => [String(t.turn), ...actors.map((a) => t.rungs[a] ?? "")]),
    "glance",
  );
  glance.querySelectorAll("tbody tr").forEach((tr, i) => {
    (tr as HTMLElement).dataset.turn = String(i);
    tr.addEventListener("click", () => {
      turnIndex = i;
      renderTurn(ctx);
    });
  });
  const nav = el("div", "", "row turn-nav");
  const prev = el("button", "◀ previous turn");
  prev.type = "button";
  prev.id = "turn-prev";
  const next = el("button", "next turn ▶");
  next.type = "button";
  next.id = "turn-next";
  const where = el("span");
  where.id = "turn-where";
  prev.addEventListener("click", () => {
    if (turnIndex > 0) turnIndex -= 1;
    renderTurn(ctx);
  });
  next.addEventListener("click", () => {
    if (turnIndex < s.turns.length - 1) turnIndex += 1;
    renderTurn(ctx);
  });
  nav.append(prev, where, next);
  const columns = el("div", "", "columns");
  const left = el("div", "", "column");
  left.append(glance);
  const right = el("div", "", "column wide");
  right.append(nav, el("div", "", "turn-detail"));
  right.querySelector(".turn-detail")!.id = "turn-detail";
  columns.append(left, right);
  root.append(columns);
  renderTurn(ctx);
}

/** A believed mean red line in words: "≈ rung name (index 3.4)". */
function believed(mean: number, rungs: string[]): string {
  if (rungs.length === 0) return mean.toFixed(2);
  if (mean >= rungs.length - 0.5) return `≈ never (${mean.toFixed(2)})`;
  const nearest = rungs[Math.max(0, Math.min(rungs.length - 1, Math.round(mean)))];
  return `≈ ${nearest} (${mean.toFixed(2)})`;
}

function renderTurn(ctx: WhyContext) {
  if (!story) return;
  const turn: StoryTurn | undefined = story.turns[turnIndex];
  const detail = $("turn-detail");
  detail.replaceChildren();
  $("turn-where").textContent = `turn ${turnIndex + 1} of ${story.turns.length}`;
  $<HTMLButtonElement>("turn-prev").disabled = turnIndex === 0;
  $<HTMLButtonElement>("turn-next").disabled = turnIndex >= story.turns.length - 1;
  document.querySelectorAll("#story table.glance tbody tr").forEach((tr, i) => tr.classList.toggle("active", i === turnIndex));
  if (!turn) return;
  detail.dataset.turn = String(turn.turn);
  detail.append(el("h4", `Turn ${turn.turn}`));
  if (turn.events.length) detail.append(el("p", `Scripted events: ${turn.events.join("; ")}.`));
  for (const decision of turn.decisions) {
    const section = el("div", "", "decision");
    const chosen = decision.chosen_to ? `${decision.chosen} to ${decision.chosen_to}` : decision.chosen;
    section.append(el("p", `${decision.actor} decides: ${chosen}.`));
    if (decision.options.length) {
      const rows = decision.options.map((o) => [
        o.action + (o.to ? ` → ${o.to}` : ""),
        o.expected_utility.toFixed(3),
        pct(o.p),
      ]);
      const t = table(["option", "expected utility (its beliefs)", "chance chosen"], rows, "options");
      t.querySelectorAll("tbody tr").forEach((tr, i) => {
        const o = decision.options[i];
        if (o.action === decision.chosen && (o.to ?? null) === (decision.chosen_to ?? null)) tr.classList.add("chosen");
      });
      section.append(t);
    }
    detail.append(section);
  }
  if (turn.moves.length) {
    const items = el("ul", "", "moves");
    for (const move of turn.moves) {
      let text = `${move.actor}: ${move.from} → ${move.to}, ${CAUSES[move.cause] ?? move.cause}`;
      if (move.crossed_red_line_of.length) text += `; crossed the true red line of ${move.crossed_red_line_of.join(", ")}`;
      if (move.miscalculation) text += "; a miscalculation (judged unlikely to be answered, and answered)";
      const li = el("li", text);
      if (move.miscalculation) li.classList.add("miscalculation");
      items.append(li);
    }
    detail.append(el("p", "Steps up:"), items);
  } else {
    detail.append(el("p", "No step up this turn."));
  }
  const rungs = ctx.rungs();
  const beliefRows = turn.beliefs.map((b) => [
    `${b.holder} about ${b.about}`,
    believed(b.mean_red_line, rungs),
    b.true_red_line,
    pct(b.p_respond_next),
  ]);
  detail.append(
    el("p", "What each side believed at the end of the turn, beside the truth:"),
    table(["belief", "believed red line (mean)", "true red line", "believed chance of an answer to the next step"], beliefRows, "beliefs"),
  );
  detail.append(el("p", "Note: these figures follow from the scenario's stated assumptions; they are not a forecast.", "hint"));
}

/** Wires the view's controls. */
export function initWhy(ctx: WhyContext) {
  $("why-button").addEventListener("click", () => void explain(ctx));
  $("why-cancel").addEventListener("click", async () => {
    if (explaining?.job) await api.cancelJob(explaining.job).catch(() => undefined);
    explaining?.abort.abort();
  });
  $("story-button").addEventListener("click", () => void tell(ctx));
  $("story-find").addEventListener("click", () => void tell(ctx, $<HTMLSelectElement>("why-outcome").value === "all" ? "nuclear_use" : $<HTMLSelectElement>("why-outcome").value));
}
