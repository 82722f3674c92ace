// The map view: country outlines from Natural Earth (world-atlas, bundled into the page at
// build time, no tiles from the network), detonations placed by clicking, effect rings as
// geodesic circles, and a detail map around the chosen target.
import { geoAzimuthalEquidistant, geoCircle, geoDistance, geoGraticule10, geoNaturalEarth1, geoPath } from "d3-geo";
import type { GeoPermissibleObjects, GeoProjection } from "d3-geo";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import world from "world-atlas/countries-50m.json";
import type { StrikeReport, StrikeTarget } from "./api";

const SVG = "http://www.w3.org/2000/svg";
const EARTH_RADIUS_M = 6_371_008.8;

const topology = world as unknown as Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
const countries = feature(topology, topology.objects.countries);
const borders = mesh(topology, topology.objects.countries, (a, b) => a !== b);

// Blast rings in reds (darker = more severe), burns in oranges, radiation in purple.
const RING_COLOURS: [RegExp, string][] = [
  [/blast 12/, "#67000d"],
  [/blast 5/, "#cb181d"],
  [/blast 2/, "#fb6a4a"],
  [/blast 1/, "#fcbba1"],
  [/3rd-degree/, "#d94801"],
  [/2nd-degree/, "#fdae6b"],
  [/dose|radiation/, "#6a51a3"],
];
function ringColour(effect: string): string {
  return RING_COLOURS.find(([pattern]) => pattern.test(effect))?.[1] ?? "#969696";
}

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

function base(svg: SVGSVGElement, projection: GeoProjection) {
  const path = geoPath(projection);
  svg.replaceChildren(
    el("path", { d: path({ type: "Sphere" }) ?? "", class: "sphere" }),
    el("path", { d: path(geoGraticule10()) ?? "", class: "graticule" }),
    el("path", { d: path(countries as GeoPermissibleObjects) ?? "", class: "land" }),
    el("path", { d: path(borders) ?? "", class: "borders" }),
  );
  return path;
}

/** A geodesic circle of `radius_m` around a point, as GeoJSON. */
const circle = (lon: number, lat: number, radiusM: number) =>
  geoCircle().center([lon, lat]).radius((radiusM / EARTH_RADIUS_M) * (180 / Math.PI)).precision(2)();

/** The world map: click to pick a point; shows markers for targets. */
export class WorldMap {
  readonly svg: SVGSVGElement;
  private readonly projection: GeoProjection;
  private readonly markers: SVGGElement;

  constructor(container: HTMLElement, onPick: (lat: number, lon: number) => void) {
    const width = 960;
    const height = 500;
    this.svg = el("svg", { viewBox: `0 0 ${width} ${height}`, class: "world-map", role: "img", "aria-label": "world map: click to place a detonation" });
    this.projection = geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
    base(this.svg, this.projection);
    this.markers = el("g", { class: "markers" });
    this.svg.append(this.markers);
    this.svg.addEventListener("click", (event) => {
      const picked = fromClient(this.svg, this.projection, event);
      if (picked) onPick(picked[0], picked[1]);
    });
    container.append(this.svg);
  }

  /** Where a point is on the screen (client pixels), for tests and keyboard-free use. */
  clientPoint(lat: number, lon: number): { x: number; y: number } | null {
    return toClient(this.svg, this.projection, lat, lon);
  }

  /** Marks the targets (a cross each; the largest ring drawn when visible at this scale). */
  showTargets(targets: StrikeTarget[]) {
    const path = geoPath(this.projection);
    this.markers.replaceChildren();
    for (const target of targets) {
      const outer = target.rings.reduce((m, r) => Math.max(m, r.radius_m), 0);
      if (outer > 0) this.markers.append(el("path", { d: path(circle(target.lon, target.lat, outer)) ?? "", class: "ring-outline" }));
      const [x, y] = this.projection([target.lon, target.lat]) ?? [0, 0];
      const mark = el("circle", { cx: x, cy: y, r: 3.5, class: "target" });
      const title = el("title", {});
      title.textContent = target.label;
      mark.append(title);
      this.markers.append(mark);
    }
  }
}

/** Screen position of a point on a projected SVG. */
function toClient(svg: SVGSVGElement, projection: GeoProjection, lat: number, lon: number) {
  const xy = projection([lon, lat]);
  const ctm = svg.getScreenCTM();
  if (!xy || !ctm) return null;
  const point = svg.createSVGPoint();
  point.x = xy[0];
  point.y = xy[1];
  const screen = point.matrixTransform(ctm);
  return { x: screen.x, y: screen.y };
}

/** The point under a click on a projected SVG, or null off the globe. */
function fromClient(svg: SVGSVGElement, projection: GeoProjection, event: MouseEvent): [number, number] | null {
  const point = svg.createSVGPoint();
  point.x = event.clientX;
  point.y = event.clientY;
  const ctm = svg.getScreenCTM();
  if (!ctm) return null;
  const local = point.matrixTransform(ctm.inverse());
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
    item.append(swatch, `${ring.effect}: ${(ring.radius_m / 1000).toFixed(2)} km (${ring.area_km2.toFixed(1)} km²)`);
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
