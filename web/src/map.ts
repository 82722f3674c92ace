// The map view: country outlines from Natural Earth (world-atlas, bundled into the page at
// build time, no tiles from the network), detonations placed by clicking, effect rings as
// geodesic circles, and a detail map around the chosen target.
import { geoAzimuthalEquidistant, geoCircle, geoDistance, geoGraticule10, geoNaturalEarth1, geoPath } from "d3-geo";
import type { GeoPermissibleObjects, GeoProjection } from "d3-geo";
import { select } from "d3-selection";
import { zoom, zoomIdentity } from "d3-zoom";
import type { D3ZoomEvent, ZoomBehavior } from "d3-zoom";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import world from "world-atlas/countries-50m.json";
import type { StrikeReport, StrikeTarget } from "./api";

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
    base(this.content, this.projection);
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
      });
    select(this.svg).call(this.zoom).on("dblclick.zoom", null);
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
