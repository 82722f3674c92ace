// End-to-end tests of the page in headless Chromium (Debian's package, driven by
// playwright-core; no browser is downloaded). A running `brink serve` is given by BRINK_URL
// (scripts/test-web starts one); screenshots go to BRINK_ARTIFACTS.
//
//   BRINK_URL=http://127.0.0.1:8080/ node --test e2e/
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const BASE = process.env.BRINK_URL ?? "http://127.0.0.1:8080/";
const ARTIFACTS = resolve(process.env.BRINK_ARTIFACTS ?? "../target/web-artifacts");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
mkdirSync(ARTIFACTS, { recursive: true });

let browser;
let context;
let page;
let profile;
const consoleErrors = [];

before(async () => {
  profile = mkdtempSync(join(tmpdir(), "brink-chromium-"));
  // A persistent context is how playwright passes a fresh --user-data-dir.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    acceptDownloads: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  browser = context;
  page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  // The page must not reach anything but this server.
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.origin === new URL(BASE).origin || url.protocol === "blob:" || url.protocol === "data:") return route.continue();
    consoleErrors.push(`request to another origin: ${url}`);
    return route.abort();
  });
});

after(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Loads the page afresh (a hash change alone would keep the previous test's state). */
async function open(view) {
  await page.goto("about:blank");
  await page.goto(`${BASE}#${view}`);
  await page.waitForSelector("body[data-ready='1']", { timeout: 30_000 });
}

const shot = (name) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

test("the page loads a bundled scenario and its assumption controls", async () => {
  await page.goto(BASE);
  await page.waitForSelector("body[data-ready='1']", { timeout: 30_000 });
  const options = await page.locator("#scenario-select option").count();
  assert.ok(options >= 2, `bundled scenarios listed: ${options}`);
  assert.equal(await page.locator("#scenario-select").inputValue(), "ukraine-2024");
  assert.match(await page.locator("#check-status").textContent(), /^valid: 4 actors/);
  // Labelled controls for the key assumptions, each naming its --set path.
  for (const path of ["actors.russia.response_prob", "actors.usa.beliefs.russia.bias", "ladder.rungs.direct-clashes.accident_rate", "events.2.prob"]) {
    assert.equal(await page.locator(`input[type=range][data-path='${path}']`).count(), 1, path);
  }
  assert.ok((await page.locator("#gutter div").count()) > 100, "line numbers beside the TOML");
  await shot("1-scenario");
});

test("a run shows progress, then outcome probabilities, occupancy, survival and causes", async () => {
  await open("scenario");
  // Move one assumption: the run carries it as an override.
  await page.locator("input[type=range][data-path='actors.russia.response_prob']").fill("0.8");
  // And one red line: more weight on "never" (the ten entries are sent normalised).
  await page.locator("details.red-line[data-path='actors.russia.red_line'] summary").click();
  await page.locator("input[data-path='actors.russia.red_line.never']").fill("0.3");
  await page.locator("input[data-path='actors.russia.red_line.never']").dispatchEvent("change");
  await page.locator("#runs").fill("20000");
  await page.locator("#seed").fill("7");
  await page.click("#run-button");
  await page.waitForSelector("body[data-run='done']", { timeout: 120_000 });
  assert.equal(new URL(page.url()).hash, "#results");
  for (const chart of ["outcomes", "occupancy", "survival", "causes"]) {
    const svg = page.locator(`figure[data-chart='${chart}'] svg`);
    assert.ok((await svg.count()) >= 1, `${chart} chart drawn`);
  }
  // The heat map has one cell per (turn, rung): 52 turns x 9 rungs in this scenario.
  const cells = await page.locator("figure[data-chart='occupancy'] svg rect").count();
  assert.ok(cells >= 52 * 9, `occupancy cells: ${cells}`);
  const header = await page.locator("#results-header").textContent();
  assert.match(header, /20,000 runs, seed 7/);
  assert.match(header, /actors\.russia\.response_prob=0\.8/);
  // The summary is the one the API gives for the same request.
  const summary = await page.evaluate(() => window.brink.state.summary);
  assert.equal(summary.runs, 20000);
  assert.equal(summary.overrides[0], "actors.russia.response_prob=0.8");
  const redLine = summary.overrides.slice(1).map((o) => o.split("="));
  assert.equal(redLine.length, 10);
  assert.ok(redLine.every(([path]) => path.startsWith("actors.russia.red_line.")));
  const sum = redLine.reduce((s, [, v]) => s + Number(v), 0);
  assert.ok(Math.abs(sum - 1) < 1e-9, `normalised: ${sum}`);
  assert.ok(Math.abs(Number(Object.fromEntries(redLine)["actors.russia.red_line.never"]) - 0.3 / 1.2) < 1e-12);
  const total = Object.values(summary.outcomes).reduce((sum, o) => sum + o.count, 0);
  assert.equal(total, 20000);
  await shot("2-results");

  // Downloads: the scenario, the summary and the per-run records.
  const [records] = await Promise.all([page.waitForEvent("download"), page.click("#download-records")]);
  const path = await records.path();
  const { readFileSync } = await import("node:fs");
  const rows = readFileSync(path, "utf8").trim().split("\n");
  assert.equal(rows.length, 20001, "a header and one row per run");
  assert.match(rows[0], /^run,outcome,peak_rung/);
  const [toml] = await Promise.all([page.waitForEvent("download"), page.click("#download-scenario")]);
  assert.match(readFileSync(await toml.path(), "utf8"), /response_prob = 0\.8/);
  const [json] = await Promise.all([page.waitForEvent("download"), page.click("#download-summary")]);
  assert.equal(JSON.parse(readFileSync(await json.path(), "utf8")).seed, 7);
});

test("a long run can be cancelled, and the server stops it", async () => {
  await open("scenario");
  const before = await (await fetch(new URL("api/jobs", BASE))).json();
  await page.locator("#runs").fill("2000000");
  await page.click("#run-button");
  await page.waitForFunction(() => Number(document.querySelector("#progress")?.value) > 0, null, { timeout: 60_000 });
  await page.click("#cancel-button");
  await page.waitForSelector("body[data-run='cancelled']", { timeout: 30_000 });
  // The job is counted as cancelled, and the pool is idle again.
  let status;
  for (let i = 0; i < 50; i++) {
    status = await (await fetch(new URL("api/jobs", BASE))).json();
    if (status.cancelled > before.cancelled && status.active === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(status.cancelled > before.cancelled, JSON.stringify(status));
  assert.equal(status.active, 0);
  await shot("3-cancelled");
});

test("a scenario error is shown at its line", async () => {
  await open("scenario");
  const text = await page.locator("#toml").inputValue();
  const lines = text.split("\n");
  const index = lines.findIndex((l) => l.startsWith("response_prob = 0.4"));
  assert.ok(index > 0);
  lines[index] = 'response_prob = "sometimes"';
  await page.locator("#toml").fill(lines.join("\n"));
  await page.click("#check-button");
  await page.waitForSelector("#diagnostics li");
  const item = page.locator("#diagnostics li").first();
  assert.equal(await item.getAttribute("data-line"), String(index + 1));
  assert.match(await item.textContent(), new RegExp(`line ${index + 1}, column \\d+ .*response_prob`));
  assert.match(await page.locator("#check-status").textContent(), /1 problem/);
  const marked = await page.locator("#gutter .error-line").allTextContents();
  assert.deepEqual(marked.map((s) => s.trim()), [String(index + 1)]);
  // The marked number sits level with its line in the editor.
  const gutterTop = await page.locator("#gutter .error-line").evaluate((el) => el.offsetTop - el.parentElement.offsetTop);
  assert.equal(gutterTop, 6 + index * 18, "the gutter's line numbers line up with the text");
  // Clicking the problem selects its line in the editor.
  await item.locator("a").click();
  const selected = await page.evaluate(() => {
    const t = document.querySelector("#toml");
    return t.value.slice(t.selectionStart, t.selectionEnd);
  });
  assert.equal(selected, 'response_prob = "sometimes"');
  // The browser logs the refused check (422, a scenario that does not validate) as a failed resource: expected here.
  const expected = consoleErrors.filter((e) => e.includes("status of 422"));
  assert.equal(expected.length, 1);
  consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((e) => !e.includes("status of 422")));
  await shot("4-validation-error");
});

test("an uploaded scenario file is checked and its controls shown", async () => {
  await open("scenario");
  const { readFileSync } = await import("node:fs");
  const text = readFileSync(new URL("../../scenarios/cuban-1962.toml", import.meta.url), "utf8");
  await page.setInputFiles("#scenario-upload", { name: "cuban.toml", mimeType: "text/plain", buffer: Buffer.from(text) });
  // The bundled scenario was valid before: wait for the uploaded one's title.
  await page.waitForFunction(() => /Cuban/.test(document.querySelector("#scenario-title")?.textContent ?? ""));
  assert.match(await page.locator("#check-status").textContent(), /^valid/);
  assert.equal(await page.locator("#toml").inputValue(), text);
  assert.ok((await page.locator("input[type=range][data-path^='actors.']").count()) >= 2);
});

test("a scenario with a strike plan attached shows the lives at stake", async () => {
  await open("scenario");
  const text = await page.locator("#toml").inputValue();
  await page.locator("#toml").fill(`${text}\n[consequences]\nlimited-nuclear-use = "hiroshima-1945"\n`);
  await page.click("#check-button");
  await page.waitForFunction(() => /^valid/.test(document.querySelector("#check-status")?.textContent ?? ""));
  await page.locator("#runs").fill("5000");
  await page.click("#run-button");
  await page.waitForSelector("body[data-run='done']", { timeout: 120_000 });
  const lives = page.locator("figure[data-chart='lives']");
  assert.equal(await lives.count(), 1);
  assert.match(await lives.locator("table.plans tbody").textContent(), /limited-nuclear-use.*hiroshima-1945/);
  assert.ok((await lives.locator("table.exceedance tbody tr").count()) >= 3);
  assert.match(await lives.locator("table.exceedance tbody").textContent(), /Tg of soot.*without food/s);
  await shot("3b-lives-at-stake");
});

test("a scenario with signals shows what was said: declarations honoured, contradicted, deception", async () => {
  await open("scenario");
  const text = await page.locator("#toml").inputValue();
  await page.locator("#toml").fill(`${text}\n[actors.russia.signal]\nkind = "costly"\nbluff = 0.3\n`);
  await page.click("#check-button");
  await page.waitForFunction(() => /^valid/.test(document.querySelector("#check-status")?.textContent ?? ""));
  await page.locator("#runs").fill("5000");
  await page.click("#run-button");
  await page.waitForSelector("body[data-run='done']", { timeout: 120_000 });
  const said = page.locator("figure[data-chart='said-and-seen']");
  assert.equal(await said.count(), 1);
  const rows = await said.locator("tbody").textContent();
  assert.match(rows, /declarations sent\s*[01]\.\d{3}/);
  assert.match(rows, /deception: share of tested declarations contradicted/);
});

test("why it escalates: the paths behind nuclear use, and one of their runs told turn by turn", async () => {
  await open("scenario");
  await page.locator("#runs").fill("20000");
  await page.locator("#seed").fill("3");
  await page.evaluate(() => (location.hash = "#why"));
  await page.selectOption("#why-outcome", "nuclear_use");
  await page.locator("#why-top").fill("5");
  await page.click("#why-button");
  await page.waitForSelector("body[data-why='done'], body[data-why='error']", { timeout: 120_000 });
  assert.match(await page.locator("#why-status").textContent(), /^done: 20,000 runs, seed 3/);
  // The page shows the paths the API gives for the same request, in the same order.
  const api = await (
    await fetch(new URL("api/explain", BASE), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario: "ukraine-2024", runs: 20000, seed: 3, outcome: "nuclear_use", top: 5 }),
    })
  ).json();
  assert.equal(api.kind, "explain");
  assert.ok(api.outcome_runs > 0, "some runs of ukraine-2024 end in nuclear use at 20,000 runs");
  const items = page.locator("#why-paths ol.paths > li");
  assert.equal(await items.count(), api.paths.length);
  const first = await items.nth(0).locator(".steps").textContent();
  for (const step of api.paths[0].steps) assert.ok(first.includes(`${step.actor}: ${step.from} → ${step.to}`), `${first} has ${step.actor}`);
  await shot("3-why-paths");

  // Follow the first path's first run: the story is that run, and ends as the path does.
  await items.nth(0).locator("button.follow").click();
  await page.waitForSelector(`body[data-story='${api.paths[0].first_run}']`, { timeout: 30_000 });
  const heading = await page.locator("#story h3").textContent();
  assert.match(heading, new RegExp(`^Run ${api.paths[0].first_run}: \\d+ turns, ending in nuclear use`));
  const turns = await page.locator("#story table.glance tbody tr").count();
  assert.ok(turns >= 1);
  // Step through: the detail follows the turn; beliefs sit beside the true red lines.
  assert.equal(await page.locator("#turn-where").textContent(), `turn 1 of ${turns}`);
  assert.ok(await page.locator("#turn-prev").isDisabled());
  if (turns > 1) {
    await page.click("#turn-next");
    assert.equal(await page.locator("#turn-where").textContent(), `turn 2 of ${turns}`);
  }
  await page.locator("#story table.glance tbody tr").nth(turns - 1).click();
  assert.equal(await page.locator("#turn-where").textContent(), `turn ${turns} of ${turns}`);
  assert.ok(await page.locator("#turn-next").isDisabled());
  const beliefHeaders = await page.locator("#turn-detail table.beliefs th").allTextContents();
  assert.deepEqual(beliefHeaders.slice(0, 3), ["belief", "believed red line (mean)", "true red line"]);
  assert.ok((await page.locator("#turn-detail table.beliefs tbody tr").count()) >= 2);
  await shot("3-why-story");

  // A run by number, and an error for one out of range.
  await page.locator("#story-run").fill("20000");
  await page.click("#story-button");
  await page.waitForSelector("#story-status.error");
  assert.match(await page.locator("#story-status").textContent(), /run: 20000 is out of range/);
});

test("two policies side by side", async () => {
  await open("scenario");
  await page.locator("#runs").fill("10000");
  await page.evaluate(() => (location.hash = "#compare"));
  assert.equal(await page.locator("#policy-b").inputValue(), "events.2.prob=0");
  await page.click("#compare-button");
  await page.waitForSelector("#compare-table table, #compare-status.error", { timeout: 120_000 });
  assert.equal(await page.locator("#compare-status").textContent(), "done");
  const headers = await page.locator("#compare-table th").allTextContents();
  assert.deepEqual(headers, ["outcome", "as-is", "alternative", "alternative − as-is (paired difference)"]);
  assert.equal(await page.locator("#compare-table tbody tr").count(), 4);
  assert.ok((await page.locator("figure[data-chart='compare'] svg").count()) >= 1);
  await shot("5-compare");
});

test("the map: place a detonation by clicking, see rings and casualties; show a plan", async () => {
  await open("map");
  await page.waitForSelector("svg.world-map path.land");
  const paths = await page.locator("svg.world-map path.land").getAttribute("d");
  assert.ok(paths.length > 10_000, "country outlines drawn from the bundled atlas");
  // Names at every zoom, from the bundled data: countries, and the largest cities at world
  // scale; more cities as the map zooms in.
  const visible = (selector) =>
    page.evaluate((sel) => [...document.querySelectorAll(sel)].filter((e) => e.getClientRects().length > 0).map((e) => e.textContent), selector);
  const countryNames = await visible("svg.world-map text.country-label");
  assert.ok(countryNames.includes("India") && countryNames.includes("Russia"), `country names: ${countryNames.length}`);
  const worldCities = await visible("svg.world-map g.city text");
  assert.ok(worldCities.length >= 5 && worldCities.length <= 100 && worldCities.includes("Shanghai"), `cities at world scale: ${worldCities}`);
  assert.ok(!worldCities.includes("Argenteuil"));
  // No two names shown overlap on screen.
  const overlaps = (selector) =>
    page.evaluate((sel) => {
      const boxes = [...document.querySelectorAll(sel)]
        .filter((e) => e.getClientRects().length > 0)
        .map((e) => ({ name: e.textContent, r: e.getBoundingClientRect() }));
      const pairs = [];
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i].r, boxes[j].r];
          if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) pairs.push(`${boxes[i].name}/${boxes[j].name}`);
        }
      }
      return pairs;
    }, selector);
  assert.deepEqual(await overlaps("svg.world-map g.city text"), [], "city names overlap at world scale");
  await shot("6-0-map-world-names");
  await page.locator("#yield-kt").fill("100");
  await page.locator("#hob-m").fill("0");
  // The world map is coarse (a pixel is tens of km): the first click lands near Paris...
  const point = await page.evaluate(() => window.brink.mapPoint(48.8566, 2.3522));
  await page.mouse.click(point.x, point.y);
  await page.waitForSelector("#detail svg.detail-map path.ring", { timeout: 60_000 });
  let report = await page.evaluate(() => window.brink.lastStrike());
  assert.ok(Math.abs(report.targets[0].lat - 48.8566) < 1.5 && Math.abs(report.targets[0].lon - 2.3522) < 1.5, "placed near the click");
  // ...the wheel zooms in (around the pointer)...
  const before = await page.evaluate(() => window.brink.mapZoom());
  await page.mouse.move(point.x, point.y);
  await page.mouse.wheel(0, -600);
  await page.waitForFunction((k) => window.brink.mapZoom() > k, before);
  // ...and zoomed in far enough, a click lands where it is aimed.
  await page.evaluate(() => window.brink.zoomTo(48.8566, 2.3522, 300));
  const aimed = await page.evaluate(() => window.brink.mapPoint(48.8566, 2.3522));
  await page.mouse.click(aimed.x, aimed.y);
  await page.waitForFunction(
    () => {
      const t = window.brink.lastStrike().targets[0];
      return Math.abs(t.lat - 48.8566) < 0.01 && Math.abs(t.lon - 2.3522) < 0.01;
    },
    null,
    { timeout: 60_000 },
  );
  const zoomedCities = await visible("svg.world-map g.city text");
  assert.ok(zoomedCities.includes("Paris") && zoomedCities.includes("Argenteuil"), "every city of 100 000 or more when zoomed in");
  assert.ok(zoomedCities.length > worldCities.length);
  assert.deepEqual(await overlaps("svg.world-map g.city text"), [], "city names overlap when zoomed in");
  // The names keep their size on screen.
  const labelBox = await page.evaluate(() => {
    const text = [...document.querySelectorAll("svg.world-map g.city text")].find((t) => t.textContent === "Paris");
    return text.getBoundingClientRect().height;
  });
  assert.ok(labelBox > 6 && labelBox < 30, `label height on screen: ${labelBox}px`);
  await shot("6a-map-zoomed-click");
  // ...typed coordinates put it on the centre of Paris...
  await page.locator("#lat").fill("48.8566");
  await page.locator("#lon").fill("2.3522");
  await page.click("#detonate-button");
  await page.waitForFunction(() => Math.abs(window.brink.lastStrike().targets[0].lat - 48.8566) < 1e-6, null, { timeout: 60_000 });
  report = await page.evaluate(() => window.brink.lastStrike());
  const paris = report.total.fatalities;
  assert.ok(paris > 10_000, `a 100 kt surface burst on Paris kills many: ${paris}`);
  // ...and a click on the detail map moves it at that map's scale (here 0.02 degrees north,
  // about 2 km).
  const fine = await page.evaluate(() => window.brink.detailPoint(48.8766, 2.3522));
  await page.mouse.click(fine.x, fine.y);
  await page.waitForFunction(() => Math.abs(window.brink.lastStrike().targets[0].lat - 48.8566) > 0.01, null, { timeout: 60_000 });
  report = await page.evaluate(() => window.brink.lastStrike());
  assert.ok(Math.abs(report.targets[0].lat - 48.8766) < 0.002 && Math.abs(report.targets[0].lon - 2.3522) < 0.003,
    `placed where clicked: ${report.targets[0].lat}, ${report.targets[0].lon}`);
  const rings = await page.locator("#detail svg.detail-map path.ring").count();
  assert.ok(rings >= 3, `effect rings: ${rings}`);
  // Each ring is named on the detail map, and the legend says what each one means.
  const ringLabels = await page.locator("#detail svg.detail-map text.ring-label").allTextContents();
  assert.equal(ringLabels.length, report.targets[0].rings.length);
  assert.ok(ringLabels.includes("5 psi") && ringLabels.includes("mass fire"), `ring labels: ${ringLabels}`);
  const meanings = await page.locator("#detail .ring-legend .meaning").allTextContents();
  assert.equal(meanings.length, ringLabels.length);
  assert.ok(meanings.every((m) => m.length > 20 && !m.startsWith("blast")), `legend: ${meanings}`);
  const detailCities = await page.locator("#detail svg.detail-map g.city text").allTextContents();
  assert.ok(detailCities.includes("Paris"), `cities on the detail map: ${detailCities}`);
  assert.deepEqual(await overlaps("#detail svg.detail-map g.city text"), [], "city names overlap on the detail map");
  const casualties = await page.locator("#detail .casualties").textContent();
  assert.match(casualties, /100 kt at 0 m: [\d.,]+( M)? fatalities/);
  assert.equal(await page.locator("#lat").inputValue(), report.targets[0].lat.toFixed(4));
  await shot("6-map-detonation");

  await page.selectOption("#plan-select", "hiroshima-1945");
  await page.click("#plan-button");
  await page.waitForFunction(() => document.body.dataset.strike === "hiroshima-1945", null, { timeout: 60_000 });
  assert.match(await page.locator("#detail h3").textContent(), /Hiroshima/);
  assert.ok((await page.locator("svg.world-map circle.target").count()) === 1);
  await shot("7-map-plan");
});

test("a fit of the Cuban record draws each posterior, the joint posterior and the predictive outcomes", async () => {
  await open("scenario");
  await page.selectOption("#scenario-select", "cuban-1962");
  await page.waitForFunction(() => /Cuban/.test(document.querySelector("#scenario-title")?.textContent ?? ""));
  await page.click("nav a[data-view='fit']");
  // The bundled record for this scenario is offered, with a parameter and its range.
  await page.waitForFunction(() => document.querySelector("#fit-record")?.value === "cuban-1962");
  assert.equal(await page.locator("#fit-path-1").inputValue(), "actors.ussr.rationality");
  assert.ok((await page.locator("#fit-paths option").count()) >= 2, "numeric paths offered");
  await page.locator("#fit-points").fill("5");
  await page.locator("#fit-runs").fill("200");
  await page.click("#fit-button");
  await page.waitForSelector("body[data-fit='done']", { timeout: 120_000 });
  const report = await page.evaluate(() => window.brink.fit);
  assert.equal(report.kind, "fit");
  assert.deepEqual(report.records, ["cuban-missile-crisis-1962"]);
  const total = report.grid.reduce((sum, p) => sum + p.posterior, 0);
  assert.ok(Math.abs(total - 1) < 1e-9, `posterior sums to ${total}`);
  // The posterior: five grid points, the mean, the interval and the MAP marked.
  const posterior = page.locator("figure[data-chart='posterior-0']");
  assert.equal(await posterior.locator("svg g[aria-label='dot'] circle").count(), 5);
  assert.match(await posterior.locator("figcaption").textContent(), /mean .* 95% interval \[.*\].* MAP/);
  // The predictive: a bar per outcome, the scenario's own values as ticks.
  const predictive = page.locator("figure[data-chart='predictive']");
  assert.ok((await predictive.locator("svg g[aria-label='bar'] rect").count()) === 4, "predictive bars");
  assert.match(await page.locator("#fit-header").textContent(), /log evidence-?[\d.]+/);
  assert.match(await page.locator("#fit-note").textContent(), /stated assumptions/);
  await shot("8-fit");

  // Two parameters: a heat map of the joint posterior, one cell per grid point.
  await page.locator("#fit-path-2").fill("actors.usa.rationality");
  await page.locator("#fit-lo-2").fill("5");
  await page.locator("#fit-hi-2").fill("60");
  await page.locator("#fit-points").fill("3");
  await page.click("#fit-button");
  await page.waitForFunction(() => document.body.dataset.fit === "done" && window.brink.fit?.params.length === 2, null, { timeout: 120_000 });
  assert.equal(await page.locator("figure[data-chart='joint'] svg g[aria-label='cell'] rect").count(), 9);
  assert.equal(await page.locator("figure[data-chart='posterior-1'] svg g[aria-label='dot'] circle").count(), 3);
  await shot("8a-fit-joint");

  // MCMC: a histogram of the draws per parameter, with R-hat and ESS.
  await page.locator("#fit-path-2").fill("");
  await page.selectOption("#fit-method", "mcmc");
  // MCMC moves continuously: bounds written as integers would make an integer parameter.
  await page.locator("#fit-lo-1").fill("4.5");
  await page.locator("#fit-samples").fill("40");
  await page.click("#fit-button");
  await page.waitForFunction(() => document.body.dataset.fit === "done" && window.brink.fit?.method === "mcmc", null, { timeout: 120_000 });
  const mcmc = page.locator("figure[data-chart='posterior-0']");
  assert.ok((await mcmc.locator("svg g[aria-label='rect'] rect").count()) >= 1, "a histogram of the draws");
  assert.match(await mcmc.locator("figcaption").textContent(), /R-hat [\d.]+, ESS \d+/);
  assert.match(await page.locator("#fit-header").textContent(), /not estimated by MCMC/);
  await shot("8b-fit-mcmc");
  await page.selectOption("#fit-method", "grid");
  await page.locator("#fit-path-2").fill("actors.usa.rationality");

  // A bad range is refused with a message naming the field.
  await page.locator("#fit-path-2").fill("actors.nobody.rationality");
  await page.click("#fit-button");
  await page.waitForSelector("body[data-fit='error']", { timeout: 30_000 });
  assert.match(await page.locator("#fit-status").textContent(), /params\[1\]/);
  const refused = consoleErrors.filter((e) => e.includes("status of 400"));
  assert.equal(refused.length, 1);
  consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((e) => !e.includes("status of 400")));
});

test("no errors in the browser console, and no request left this server", () => {
  assert.deepEqual(consoleErrors, []);
});
