// The map view: country outlines and names from Natural Earth (world-atlas) and city names from
// GeoNames (web/src/cities.json, written by scripts/web-cities.py from brink's own table), all
// bundled into the page at build time, no tiles from the network; detonations placed by
// clicking, effect rings as geodesic circles, and a detail map around the chosen target with
// each ring labelled and a legend saying what it means.
import { geoAzimuthalEquidistant, geoCentroid, geoCircle, geoDistance, geoGraticule10, geoNaturalEarth1, geoPath } from "d3-geo";
import type { GeoPermissibleObjects, GeoProjection } from "d3-geo";
import { select } from "d3-selection";
import { zoom, zoomIdentity } from "d3-zoom";
import type { D3ZoomEvent, ZoomBehavior } from "d3-zoom";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import world from "world-atlas/countries-50m.json";
import type { StrikeReport, StrikeTarget } from "./api";
import cityRows from "./cities.json";

const SVG = "http://www.w3.org/2000/svg";
const EARTH_RADIUS_M = 6_371_008.8;

const topology = world as unknown as Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
const countries = feature(topology, topology.objects.countries);
const borders = mesh(topology, topology.objects.countries, (a, b) => a !== b);

// Blast rings in reds (darker = more severe), burns in oranges, radiation in purple, the
// mass-fire zone in dark brown.
const RING_COLOURS: [RegExp, string][] = [
  [/blast 12/, "#67000d"],
  [/blast 5/, "#cb181d"],
  [/blast 2/, "#fb6a4a"],
  [/blast 1/, "#fcbba1"],
  [/3rd-degree/, "#d94801"],
  [/2nd-degree/, "#fdae6b"],
  [/dose|radiation/, "#6a51a3"],
  [/mass fire/, "#7f2704"],
];
function ringColour(effect: string): string {
  return RING_COLOURS.find(([pattern]) => pattern.test(effect))?.[1] ?? "#969696";
}

// What each ring's edge means, with brink's default casualty model (docs/CONSEQUENCES.md:
// OTA 1979 blast fractions, burns among the 25 % exposed, LD50 450 rem).
const RING_MEANINGS: [RegExp, string][] = [
  [/blast 12/, "12 psi overpressure: reinforced-concrete buildings destroyed; inside it 98 % killed"],
  [/blast 5/, "5 psi: most buildings collapse; between 5 and 12 psi 50 % killed, 40 % injured"],
  [/blast 2/, "2 psi: houses destroyed; between 2 and 5 psi 5 % killed, 45 % injured"],
  [/blast 1/, "1 psi: windows shatter; between 1 and 2 psi 25 % injured by glass and debris"],
  [/3rd-degree/, "half of the people in the open get third-degree burns; a quarter are exposed, half of those burned die"],
  [/2nd-degree/, "half of the people in the open get second-degree burns (injured)"],
  [/dose|radiation/, "prompt radiation of 450 rem (LD50): half of the unshielded die within weeks"],
  [/mass fire/, "the city burns (fluence 1.05 x the third-degree burn exposure): the fire's soot counts toward cooling and hunger"],
];
/** What a ring's edge means (for the legend and the ring's tooltip). */
export function ringMeaning(effect: string): string {
  return RING_MEANINGS.find(([pattern]) => pattern.test(effect))?.[1] ?? effect;
}
/** A short label drawn on a ring: "5 psi", "3rd-degree burns", "LD50 dose", "mass fire". */
function ringShortLabel(effect: string): string {
  return effect.replace(/^blast /, "").replace(/ \(50 %\)$/, "").replace(/^prompt dose LD50$/, "LD50 dose");
}

/** A city label: name, ISO country code, latitude, longitude, population (≥ 100 000). */
type CityRow = [string, string, number, number, number];
const CITIES = cityRows as CityRow[];

/** On-screen size (px) of map labels at every zoom. */
const LABEL_PX = 11;
/** The smallest city labelled at zoom factor `k`: the largest cities at world scale, every city
 * of at least 100 000 people from about 9 times on. */
const cityThreshold = (k: number) => Math.max(1e5, 8e6 / (k * k));

/** A label's box on screen: its anchor point (the city's dot) and its name's length. */
interface LabelSpot {
  x: number;
  y: number;
  chars: number;
}

/** Where a city's name goes: right of its dot, left of it, or nowhere (it would overlap). */
export type LabelSide = "right" | "left" | null;

/**
 * Where to put each label so that no two overlap on screen, in priority order (the largest
 * city first): a label goes right of its dot (above it) if its box there — dot and name,
 * `LABEL_PX` high, about 0.6 em a character — meets no placed box, else left of it, else it
 * is not shown. Boxes are bucketed on a grid of cells about as wide as a name, so each test
 * looks at a few others only.
 */
export function placeLabels(spots: LabelSpot[]): LabelSide[] {
  const cell = 8 * LABEL_PX;
  const placed = new Map<string, number[][]>();
  const cells = (box: number[]) => {
    const [x0, y0, x1, y1] = box.map((v) => Math.floor(v / cell));
    const keys = [];
    for (let cx = x0; cx <= x1; cx++) for (let cy = y0; cy <= y1; cy++) keys.push(`${cx},${cy}`);
    return keys;
  };
  const free = (box: number[]) =>
    cells(box).every((key) => (placed.get(key) ?? []).every((b) => !(box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3])));
  return spots.map(({ x, y, chars }) => {
    const width = 4 + chars * 0.6 * LABEL_PX;
    const top = y - 4 - LABEL_PX;
    const sides: [LabelSide, number[]][] = [
      ["right", [x - 2, top, x + width, y + 2]],
      ["left", [x - width, top, x + 2, y + 2]],
    ];
    for (const [side, box] of sides) {
      if (!free(box)) continue;
      // Filed under every cell it covers: two boxes that overlap share a cell.
      for (const key of cells(box)) {
        const list = placed.get(key);
        if (list) list.push(box);
        else placed.set(key, [box]);
      }
      return side;
    }
    return null;
  });
}

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

function base(svg: SVGSVGElement | SVGGElement, projection: GeoProjection) {
  const path = geoPath(projection);
  svg.replaceChildren(
    el("path", { d: path({ type: "Sphere" }) ?? "", class: "sphere" }),
    el("path", { d: path(geoGraticule10()) ?? "", class: "graticule" }),
    el("path", { d: path(countries as GeoPermissibleObjects) ?? "", class: "land" }),
    el("path", { d: path(borders) ?? "", class: "borders" }),
  );
  return path;
}

/** The point `distanceM` from (lon, lat) along the great circle of initial `bearingDeg` (on the
 * sphere, like the rings), as [lon, lat]. */
function destination(lon: number, lat: number, bearingDeg: number, distanceM: number): [number, number] {
  const rad = Math.PI / 180;
  const d = distanceM / EARTH_RADIUS_M;
  const [p1, l1, b] = [lat * rad, lon * rad, bearingDeg * rad];
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
  const l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return [l2 / rad, p2 / rad];
}

/** A geodesic circle of `radius_m` around a point, as GeoJSON. */
const circle = (lon: number, lat: number, radiusM: number) =>
  geoCircle().center([lon, lat]).radius((radiusM / EARTH_RADIUS_M) * (180 / Math.PI)).precision(2)();

/** The world map: click to pick a point; shows markers for targets. */
export class WorldMap {
  readonly svg: SVGSVGElement;
  private readonly projection: GeoProjection;
  /** Everything that pans and zooms. */
  private readonly content: SVGGElement;
  private readonly markers: SVGGElement;
  /** Country and city names, resized and thinned out at each zoom. */
  private readonly labels: SVGGElement;
  private readonly zoom: ZoomBehavior<SVGSVGElement, unknown>;
  private scale = 1;
  private readonly size = { width: 960, height: 500 };

  constructor(container: HTMLElement, onPick: (lat: number, lon: number) => void) {
    const { width, height } = this.size;
    this.svg = el("svg", {
      viewBox: `0 0 ${width} ${height}`,
      class: "world-map",
      role: "img",
      "aria-label": "world map: scroll or use the buttons to zoom, drag to pan, click to place a detonation",
    });
    this.projection = geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
    this.content = el("g", { class: "zoomable" });
    const path = base(this.content, this.projection);
    this.labels = worldLabels(path, this.projection);
    this.content.append(this.labels);
    this.markers = el("g", { class: "markers" });
    this.content.append(this.markers);
    this.svg.append(this.content);
    // Wheel and drag zoom and pan; a drag is not a click (d3-zoom swallows the click after a
    // drag); double-click does not zoom, so that it cannot place two detonations.
    this.zoom = zoom<SVGSVGElement, unknown>()
      .scaleExtent([1, 2000])
      .translateExtent([
        [0, 0],
        [width, height],
      ])
      .on("zoom", (event: D3ZoomEvent<SVGSVGElement, unknown>) => {
        this.content.setAttribute("transform", event.transform.toString());
        this.scale = event.transform.k;
        this.markers.querySelectorAll("circle.target").forEach((c) => c.setAttribute("r", String(3.5 / this.scale)));
        updateLabels(this.labels, this.scale);
      });
    select(this.svg).call(this.zoom).on("dblclick.zoom", null);
    updateLabels(this.labels, 1);
    this.svg.addEventListener("click", (event) => {
      const picked = fromClient(this.content, this.projection, event);
      if (picked) onPick(picked[0], picked[1]);
    });
    const controls = document.createElement("div");
    controls.className = "zoom-controls";
    for (const [label, title, action] of [
      ["+", "zoom in", () => this.zoom.scaleBy(select(this.svg), 4)],
      ["−", "zoom out", () => this.zoom.scaleBy(select(this.svg), 0.25)],
      ["⟲", "whole world", () => this.zoom.transform(select(this.svg), zoomIdentity)],
    ] as const) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.title = title;
      button.setAttribute("aria-label", title);
      button.addEventListener("click", action);
      controls.append(button);
    }
    container.append(controls, this.svg);
  }

  /** The current zoom factor (1 = whole world). */
  get zoomFactor(): number {
    return this.scale;
  }

  /** Centres the map on a point at zoom factor `k`. */
  zoomTo(lat: number, lon: number, k: number) {
    const [x, y] = this.projection([lon, lat]) ?? [this.size.width / 2, this.size.height / 2];
    const transform = zoomIdentity.translate(this.size.width / 2 - k * x, this.size.height / 2 - k * y).scale(k);
    this.zoom.transform(select(this.svg), transform);
  }

  /** Where a point is on the screen (client pixels), for tests and keyboard-free use. */
  clientPoint(lat: number, lon: number): { x: number; y: number } | null {
    return toClient(this.content, this.projection, lat, lon);
  }

  /** Marks the targets (a dot each, and the largest ring, which shows when zoomed in). */
  showTargets(targets: StrikeTarget[]) {
    const path = geoPath(this.projection);
    this.markers.replaceChildren();
    for (const target of targets) {
      const outer = target.rings.reduce((m, r) => Math.max(m, r.radius_m), 0);
      if (outer > 0) this.markers.append(el("path", { d: path(circle(target.lon, target.lat, outer)) ?? "", class: "ring-outline" }));
      const [x, y] = this.projection([target.lon, target.lat]) ?? [0, 0];
      const mark = el("circle", { cx: x, cy: y, r: 3.5 / this.scale, class: "target" });
      const title = el("title", {});
      title.textContent = target.label;
      mark.append(title);
      this.markers.append(mark);
    }
  }
}

/**
 * The names on the world map: each country at its centroid (shown once its outline is large
 * enough on screen for the name), each city of at least 100 000 people as a dot and a name
 * (shown from the zoom at which [`cityThreshold`] reaches its population).
 */
function worldLabels(path: ReturnType<typeof geoPath>, projection: GeoProjection): SVGGElement {
  const group = el("g", { class: "labels" });
  for (const country of (countries as unknown as { features: { properties: { name?: string } }[] }).features) {
    const name = country.properties?.name;
    const xy = projection(geoCentroid(country as unknown as GeoPermissibleObjects));
    if (!name || !xy) continue;
    const text = el("text", { x: xy[0], y: xy[1], class: "country-label", "data-area": path.area(country as unknown as GeoPermissibleObjects) });
    text.textContent = name;
    group.append(text);
  }
  for (const [name, country, lat, lon, population] of CITIES) {
    const xy = projection([lon, lat]);
    if (!xy) continue;
    const city = el("g", {
      class: "city",
      "data-population": population,
      "data-x": xy[0],
      "data-y": xy[1],
      transform: `translate(${xy[0]},${xy[1]})`,
    });
    const title = el("title", {});
    title.textContent = `${name}, ${country}: ${people(population)} people (GeoNames)`;
    const text = el("text", { class: "city-label" });
    text.textContent = name;
    city.append(el("circle", { class: "city-dot" }), text, title);
    group.append(city);
  }
  return group;
}

/**
 * Keeps labels `LABEL_PX` on screen at zoom `k`, and shows the cities large enough for that
 * zoom whose names do not overlap a larger city's (the cities are in order of population).
 */
function updateLabels(group: SVGGElement, k: number) {
  group.setAttribute("font-size", String(LABEL_PX / k));
  group.setAttribute("stroke-width", String(2.5 / k));
  const minCity = cityThreshold(k);
  const candidates = [...group.querySelectorAll<SVGGElement>("g.city")].filter((city) => {
    const large = Number(city.dataset.population) >= minCity;
    if (!large) city.style.display = "none";
    return large;
  });
  const fits = placeLabels(
    candidates.map((city) => ({
      x: Number(city.dataset.x) * k,
      y: Number(city.dataset.y) * k,
      chars: city.querySelector("text")?.textContent?.length ?? 0,
    })),
  );
  candidates.forEach((city, i) => {
    const side = fits[i];
    city.style.display = side ? "" : "none";
    if (side) {
      city.querySelector("circle")?.setAttribute("r", String(1.6 / k));
      const text = city.querySelector("text");
      text?.setAttribute("x", String((side === "right" ? 3 : -3) / k));
      text?.setAttribute("y", String(-3 / k));
      text?.setAttribute("text-anchor", side === "right" ? "start" : "end");
    }
  });
  group.querySelectorAll<SVGTextElement>("text.country-label").forEach((text) => {
    // On-screen area of the outline against the room the name needs.
    const area = Number(text.dataset.area) * k * k;
    const need = (text.textContent?.length ?? 0) * LABEL_PX * 0.6 * LABEL_PX * 4;
    text.style.display = area >= need ? "" : "none";
  });
}

/** Screen position of a point drawn in `layer` (its transform included). */
function toClient(layer: SVGGraphicsElement, projection: GeoProjection, lat: number, lon: number) {
  const xy = projection([lon, lat]);
  const ctm = layer.getScreenCTM();
  if (!xy || !ctm) return null;
  const screen = new DOMPoint(xy[0], xy[1]).matrixTransform(ctm);
  return { x: screen.x, y: screen.y };
}

/** The point under a click on `layer` (its transform included), or null off the globe. */
function fromClient(layer: SVGGraphicsElement, projection: GeoProjection, event: MouseEvent): [number, number] | null {
  const ctm = layer.getScreenCTM();
  if (!ctm) return null;
  const local = new DOMPoint(event.clientX, event.clientY).matrixTransform(ctm.inverse());
  const lonLat = projection.invert?.([local.x, local.y]);
  if (!lonLat || !Number.isFinite(lonLat[0]) || !Number.isFinite(lonLat[1])) return null;
  return [lonLat[1], ((lonLat[0] + 540) % 360) - 180];
}

/** The detail map of the last target shown (clicks on it move the detonation precisely). */
export let detailPoint: (lat: number, lon: number) => { x: number; y: number } | null = () => null;

/**
 * A detail map around one target, its rings to scale, with a scale bar; clicking it picks a
 * point at this scale (the world map is too coarse to hit a district).
 */
export function detailMap(target: StrikeTarget, others: StrikeTarget[], onPick?: (lat: number, lon: number) => void): SVGSVGElement {
  const width = 480;
  const height = 480;
  const outer = Math.max(1000, ...target.rings.map((r) => r.radius_m));
  const projection = geoAzimuthalEquidistant().rotate([-target.lon, -target.lat]).clipAngle(90);
  projection.fitSize([width - 20, height - 20], circle(target.lon, target.lat, outer * 1.6)).translate([width / 2, height / 2]);
  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, class: "detail-map", role: "img", "aria-label": `effect rings around ${target.label}` });
  const path = base(svg, projection);
  // Neighbouring targets whose rings reach into the view are drawn too.
  const viewRad = (outer * 1.6) / EARTH_RADIUS_M;
  const nearby = others.filter((o) => o !== target && geoDistance([o.lon, o.lat], [target.lon, target.lat]) < 2 * viewRad);
  for (const other of [...nearby, target]) {
    for (const ring of [...other.rings].sort((a, b) => b.radius_m - a.radius_m)) {
      svg.append(
        el("path", {
          d: path(circle(other.lon, other.lat, ring.radius_m)) ?? "",
          class: "ring",
          fill: ringColour(ring.effect),
          "data-effect": ring.effect,
        }),
      );
    }
  }
  // Towns and cities in view (places of at least 100 000 people), for orientation; the
  // largest first, each shown unless its name would overlap a larger one's.
  const labels = el("g", { class: "labels", "font-size": LABEL_PX });
  const inView = CITIES.flatMap((row) => {
    const [, , lat, lon] = row;
    if (geoDistance([lon, lat], [target.lon, target.lat]) > viewRad * 1.4) return [];
    const xy = projection([lon, lat]);
    if (!xy || xy[0] < 0 || xy[0] > width || xy[1] < 0 || xy[1] > height) return [];
    return [{ row, xy }];
  });
  const fits = placeLabels(inView.map(({ row, xy }) => ({ x: xy[0], y: xy[1], chars: row[0].length })));
  for (const [i, { row, xy }] of inView.entries()) {
    const side = fits[i];
    if (!side) continue;
    const [name, country, , , population] = row;
    const city = el("g", { class: "city", "data-population": population, transform: `translate(${xy[0]},${xy[1]})` });
    const title = el("title", {});
    title.textContent = `${name}, ${country}: ${people(population)} people (GeoNames)`;
    const text = el("text", { class: "city-label", x: side === "right" ? 4 : -4, y: -4, "text-anchor": side === "right" ? "start" : "end" });
    text.textContent = name;
    city.append(el("circle", { class: "city-dot", r: 2 }), text, title);
    labels.append(city);
  }
  svg.append(labels);
  // Each ring of the target named where it crosses a bearing of its own, so that close rings'
  // names do not overlap; the tooltip says what the ring means.
  const sorted = [...target.rings].sort((a, b) => a.radius_m - b.radius_m);
  sorted.forEach((ring, i) => {
    const bearing = -150 + (300 * i) / Math.max(1, sorted.length - 1);
    const where = destination(target.lon, target.lat, bearing, ring.radius_m);
    const xy = projection(where);
    if (!xy) return;
    const name = el("g", { class: "ring-name" });
    // West of north the name ends at the ring, east of it starts there: neighbours part ways.
    const anchor = Math.abs(bearing) < 10 ? "middle" : bearing < 0 ? "end" : "start";
    const text = el("text", { x: xy[0], y: xy[1], class: "ring-label", "data-effect": ring.effect, "text-anchor": anchor });
    text.textContent = ringShortLabel(ring.effect);
    const title = el("title", {});
    title.textContent = `${ring.effect}, ${(ring.radius_m / 1000).toFixed(2)} km: ${ringMeaning(ring.effect)}`;
    name.append(title, text);
    svg.append(name);
  });
  const [cx, cy] = projection([target.lon, target.lat]) ?? [width / 2, height / 2];
  svg.append(el("circle", { cx, cy, r: 3, class: "ground-zero" }));
  // Scale bar: a round number of km about a quarter of the width.
  const kmPerPx = outer * 1.6 * 2 / 1000 / (width - 20);
  const targetKm = kmPerPx * width * 0.25;
  const magnitude = 10 ** Math.floor(Math.log10(targetKm));
  const km = [1, 2, 5, 10].map((m) => m * magnitude).filter((v) => v <= targetKm).pop() ?? magnitude;
  const px = km / kmPerPx;
  svg.append(el("line", { x1: 16, x2: 16 + px, y1: height - 18, y2: height - 18, class: "scale-bar" }));
  const text = el("text", { x: 16, y: height - 24, class: "scale-text" });
  text.textContent = `${km} km`;
  svg.append(text);
  if (onPick) {
    svg.classList.add("pickable");
    svg.addEventListener("click", (event) => {
      const picked = fromClient(svg, projection, event);
      if (picked) onPick(picked[0], picked[1]);
    });
  }
  detailPoint = (lat, lon) => toClient(svg, projection, lat, lon);
  return svg;
}

/** The legend of ring colours for a target. */
export function ringLegend(target: StrikeTarget): HTMLElement {
  const list = document.createElement("ul");
  list.className = "ring-legend";
  for (const ring of [...target.rings].sort((a, b) => a.radius_m - b.radius_m)) {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = ringColour(ring.effect);
    const meaning = document.createElement("span");
    meaning.className = "meaning";
    meaning.textContent = ringMeaning(ring.effect);
    item.append(swatch, `${ring.effect}: ${(ring.radius_m / 1000).toFixed(2)} km (${ring.area_km2.toFixed(1)} km²) — `, meaning);
    list.append(item);
  }
  return list;
}

/** People, readably: 1.23 M or 45,600. */
export const people = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : Math.round(x).toLocaleString("en"));

/** A table of a strike report's targets. */
export function targetTable(report: StrikeReport, onSelect: (target: StrikeTarget) => void): HTMLTableElement {
  const table = document.createElement("table");
  table.className = "targets";
  table.innerHTML = "<thead><tr><th>target</th><th>yield kt</th><th>height m</th><th>count</th><th>fatalities</th><th>injuries</th></tr></thead>";
  const body = document.createElement("tbody");
  for (const target of report.targets) {
    const row = document.createElement("tr");
    for (const cell of [target.label, target.yield_kt, target.hob_m, target.count, people(target.fatalities), people(target.injuries)]) {
      const td = document.createElement("td");
      td.textContent = String(cell);
      row.append(td);
    }
    row.addEventListener("click", () => onSelect(target));
    body.append(row);
  }
  table.append(body);
  return table;
}
