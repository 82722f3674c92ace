//! One self-contained HTML report (inline CSS and SVG, no scripts, nothing fetched) from the
//! JSON results of `brink run`, `brink sweep`, `brink compare`, `brink sensitivity` and
//! `brink explain`, read into their types (brink-types) and rendered from the types, and from
//! the per-run records of `brink run --out` (.parquet, .csv, .jsonl), summarised here.

use std::path::Path;

use brink_types::{CompareReport, ExplainReport, RunReport, ScenarioManifest, SensitivityReport, SweepReport};
use serde_json::Value;

use crate::ReportError;
use crate::charts::{self, Bar, Curve};

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}\
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}table{border-collapse:collapse;margin:1em 0}\
td,th{border:1px solid #ddd;padding:.3em .6em;text-align:right}th{background:#f4f4f4}td.l,th.l{text-align:left}\
.chart{margin:1em 0}.note{color:#555;font-size:.9em}pre{background:#f7f7f7;padding:.6em;overflow:auto;font-size:.8em}";

fn fmt(x: f64) -> String {
    if x.is_nan() {
        "–".into()
    } else if x.abs() >= 100.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.5}")
    }
}

fn opt(x: Option<f64>) -> f64 {
    x.unwrap_or(f64::NAN)
}

/// A result file `brink report` can render, read and typed.
#[derive(Debug, Clone)]
pub enum ResultFile {
    /// `brink run --format json`.
    Run(Box<RunReport>),
    /// `brink sweep --format json`.
    Sweep(Box<SweepReport>),
    /// `brink compare --format json`.
    Compare(Box<CompareReport>),
    /// `brink sensitivity --format json`.
    Sensitivity(Box<SensitivityReport>),
    /// `brink explain --format json`.
    Explain(Box<ExplainReport>),
    /// The per-run records of `brink run --out FILE` (.parquet, .csv or .jsonl).
    Records(Box<crate::read::RunRecords>),
}

/// The kinds of result `brink report` renders.
pub const REPORTED_KINDS: [&str; 5] = ["run", "sweep", "compare", "sensitivity", "explain"];

/// What a file that is not a JSON result looks like it is, from its first bytes.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PAR1") {
        return Some("a Parquet file (per-run records or a sweep table, from --out FILE.parquet)");
    }
    let text = std::str::from_utf8(&bytes[..bytes.len().min(4096)]).ok()?;
    let first = text.lines().next().unwrap_or("").trim();
    if first.starts_with('{') && text.lines().nth(1).is_some_and(|l| l.trim_start().starts_with('{')) {
        return Some("a JSON-lines file (per-run records or a sweep journal)");
    }
    if !first.starts_with('{') && first.contains(',') {
        return Some("a CSV file (per-run records or a sweep table)");
    }
    None
}

/// What `brink report` reads, for messages.
const ACCEPTED: &str = "brink report reads the JSON results of `brink run`, `sweep`, `compare`, `sensitivity` and `explain` \
(printed with --format json) and the per-run records of `brink run --out` (.parquet, .csv or .jsonl)";

/// Reads one result file: the JSON a reporting command prints with `--format json`, or the
/// per-run records of `brink run --out` (by extension: .parquet, .csv, .jsonl). Anything else
/// is an [`ReportError::Input`] naming what is read and what was found instead.
pub fn read_result(path: &Path) -> Result<ResultFile, ReportError> {
    let name = path.display().to_string();
    let bad = |message: String| ReportError::Input { path: name.clone(), message };
    let bytes = std::fs::read(path).map_err(|e| ReportError::io(path, e))?;
    if crate::records::Format::from_path(path).is_ok() {
        let records = crate::read::read_run_records(path).map_err(|e| match e {
            ReportError::Input { message, .. } => bad(format!("{ACCEPTED}; {message}")),
            other => other,
        })?;
        return Ok(ResultFile::Records(Box::new(records)));
    }
    if let Some(what) = sniff(&bytes) {
        return Err(bad(format!("{ACCEPTED}; this is {what}, but its name does not end in .parquet, .csv or .jsonl")));
    }
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Err(bad(format!("{ACCEPTED}; this is a binary file, not JSON text")));
    };
    let value: Value = serde_json::from_str(text)
        .map_err(|e| bad(format!("{ACCEPTED}; this is not JSON (line {}, column {}: {e})", e.line(), e.column())))?;
    parse_result(value).map_err(|m| bad(format!("{ACCEPTED}; {m}")))
}

/// A parsed JSON result as one of the kinds `brink report` renders.
pub fn parse_result(value: Value) -> Result<ResultFile, String> {
    let kind = value.get("kind").and_then(Value::as_str).map(str::to_owned);
    match kind.as_deref() {
        Some("run") => RunReport::from_value(value).map(|r| ResultFile::Run(Box::new(r))),
        Some("sweep") => SweepReport::from_value(value).map(|r| ResultFile::Sweep(Box::new(r))),
        Some("compare") => CompareReport::from_value(value).map(|r| ResultFile::Compare(Box::new(r))),
        Some("sensitivity") => SensitivityReport::from_value(value).map(|r| ResultFile::Sensitivity(Box::new(r))),
        Some("explain") => ExplainReport::from_value(value).map(|r| ResultFile::Explain(Box::new(r))),
        Some(other) => Err(format!("this is a `{other}` result, which the report does not render")),
        None => Err("this JSON has no `kind` key: it is not a brink result".into()),
    }
}

/// The report for `results` (file name, typed result), in order.
pub fn report(results: &[(String, ResultFile)]) -> Result<String, ReportError> {
    let mut body = String::new();
    let mut charts_drawn = 0;
    for (path, result) in results {
        body.push_str(&section(path, result, &mut charts_drawn));
    }
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>brink report</title>\
<meta name=\"generator\" content=\"brink {version}\"><style>{STYLE}</style></head><body>\n\
<h1>brink report</h1><p class=\"note\">{count} result file(s), {charts_drawn} chart(s). Every number below is an \
estimate from a model whose assumptions are stated in the scenario and its sources; change them and rerun.</p>\n\
{body}</body></html>\n",
        version = env!("CARGO_PKG_VERSION"),
        count = results.len(),
    ))
}

/// The report's style scoped to `.brink-report`, for fragments shown inside another page (a
/// notebook cell).
const FRAGMENT_STYLE: &str = ".brink-report table{border-collapse:collapse;margin:.6em 0}\
.brink-report td,.brink-report th{border:1px solid #ddd;padding:.25em .5em;text-align:right}\
.brink-report th{background:#f4f4f4}.brink-report td.l,.brink-report th.l{text-align:left}\
.brink-report .chart{margin:.6em 0}.brink-report .note{color:#555;font-size:.9em}\
.brink-report pre{background:#f7f7f7;padding:.5em;overflow:auto;font-size:.8em}";

/// The note every fragment ends with, as the text summaries end with their `Note:` line.
const FRAGMENT_NOTE: &str = "<p class=\"note\">Note: these figures follow from the scenario's stated assumptions \
(every number in it is one); they are not a forecast.</p>";

/// One result as an HTML fragment for a notebook (`_repr_html_`): its section of the report
/// ([`report`]), with the same tables and SVG charts, in a `<div class="brink-report">` with the
/// report's style scoped to it. `name` says where it came from.
pub fn fragment(name: &str, result: &ResultFile) -> String {
    let mut count = 0;
    let section = section(name, result, &mut count);
    format!("<div class=\"brink-report\"><style>{FRAGMENT_STYLE}</style>{section}{FRAGMENT_NOTE}</div>")
}

/// The SVG charts of one result, in the order the report draws them (for `Result.plot()`).
pub fn charts_of(result: &ResultFile) -> Vec<String> {
    let mut count = 0;
    let section = section("", result, &mut count);
    let mut charts = Vec::new();
    let mut rest = section.as_str();
    while let Some(start) = rest.find("<div class=\"chart\">") {
        let after = &rest[start + "<div class=\"chart\">".len()..];
        let Some(end) = after.find("</svg>") else { break };
        charts.push(after[..end + "</svg>".len()].to_owned());
        rest = &after[end..];
    }
    charts
}

/// A scenario as an HTML fragment (`Scenario._repr_html_`): title, question, manifest, each
/// actor's red-line prior as a chart (the report's bar chart), the sources of its parameters
/// and the scenario text.
pub fn scenario_fragment(
    manifest: &ScenarioManifest,
    info: &brink_types::run::ScenarioInfo,
    scenario: &brink_engine::Scenario,
    toml: &str,
) -> String {
    let title = info.title.as_deref().unwrap_or(&manifest.scenario);
    let mut out = format!("<h2>{}</h2>", escape(title));
    if let Some(q) = &info.question {
        out += &format!("<p><b>Question.</b> {}</p>", escape(q));
    }
    out += &manifest_table(env!("CARGO_PKG_VERSION"), manifest);
    let mut rungs: Vec<String> = scenario.ladder.rungs().iter().map(|r| r.name.clone()).collect();
    rungs.push("never".into());
    let mut count = 0;
    out += "<h3>Red lines (each actor's prior: the rung whose crossing it answers)</h3>";
    for actor in &scenario.actors {
        let bars: Vec<Bar> = actor
            .red_line
            .probs()
            .iter()
            .zip(&rungs)
            .filter(|(p, _)| **p > 0.0)
            .map(|(&p, rung)| Bar { label: rung.clone(), value: p, interval: (p, p) })
            .collect();
        out += &chart(charts::bars(&format!("{}: red line", actor.name), "probability", &bars, false), &mut count);
    }
    let mut rows = String::new();
    for (key, text) in &info.sources {
        rows += &format!("<tr><td class=\"l\">{}</td><td class=\"l\">{}</td></tr>", escape(key), escape(text));
    }
    out += &format!(
        "<h3>Sources and assumptions</h3><table><tr><th class=\"l\">parameter</th><th class=\"l\">source</th></tr>{rows}</table>"
    );
    out += &format!("<details><summary>Scenario file</summary><pre>{}</pre></details>", escape(toml));
    format!("<div class=\"brink-report\"><style>{FRAGMENT_STYLE}</style>{out}</div>")
}

/// The report section of one result.
fn section(path: &str, result: &ResultFile, count: &mut usize) -> String {
    match result {
        ResultFile::Run(r) => run_section(path, r, count),
        ResultFile::Compare(r) => compare_section(path, r, count),
        ResultFile::Sensitivity(r) => sensitivity_section(path, r, count),
        ResultFile::Sweep(r) => sweep_section(path, r, count),
        ResultFile::Explain(r) => explain_section(path, r),
        ResultFile::Records(r) => records_section(path, r, count),
    }
}

fn manifest_table(version: &str, m: &ScenarioManifest) -> String {
    let mut rows = String::new();
    let runs = m.runs.to_string();
    let seed = m.seed.to_string();
    for (key, text) in [
        ("brink_version", version),
        ("scenario", &m.scenario),
        ("scenario_origin", &m.scenario_origin),
        ("scenario_hash", &m.scenario_hash),
        ("seed", &seed),
        ("runs", &runs),
        ("generator", &m.generator),
    ] {
        rows += &format!("<tr><th class=\"l\">{key}</th><td class=\"l\">{}</td></tr>", escape(text));
    }
    let list: Vec<String> = m.overrides.iter().map(|o| escape(o)).collect();
    rows += &format!("<tr><th class=\"l\">overrides</th><td class=\"l\">{}</td></tr>", list.join("<br>"));
    format!("<h3>Manifest</h3><table class=\"manifest\">{rows}</table>")
}

fn chart(svg: String, count: &mut usize) -> String {
    *count += 1;
    format!("<div class=\"chart\">{svg}</div>")
}

fn run_section(path: &str, r: &RunReport, count: &mut usize) -> String {
    let b = &r.body;
    let info = &b.scenario_info;
    let title = info.title.as_deref().unwrap_or(&b.manifest.scenario);
    let mut out = format!("<h2>{}</h2><p class=\"note\">from {}</p>", escape(title), escape(path));
    if let Some(q) = &info.question {
        out += &format!("<p><b>Question.</b> {}</p>", escape(q));
    }
    out += &manifest_table(&r.brink_version, &b.manifest);
    let mut table = String::from("<table><tr><th class=\"l\">outcome</th><th>runs</th><th>p</th><th>95% CI</th></tr>");
    let mut bars = Vec::new();
    for (name, o) in b.outcomes.iter() {
        let (lo, hi) = (o.ci95[0], o.ci95[1]);
        table += &format!(
            "<tr><td class=\"l\">{}</td><td>{}</td><td>{}</td><td>[{}, {}]</td></tr>",
            escape(name),
            o.count,
            fmt(o.p),
            fmt(lo),
            fmt(hi)
        );
        bars.push(Bar { label: name.to_owned(), value: o.p, interval: (lo, hi) });
    }
    out += &format!("<h3>Outcomes</h3>{table}</table>");
    out += &chart(charts::bars("Outcome probabilities (95% Wilson intervals)", "probability", &bars, false), count);
    let cells: Vec<String> = b.nuclear_use_cause.iter().map(|(c, v)| format!("{}: {}", escape(c), v.count)).collect();
    out += &format!("<p>Causes of nuclear use: {}.</p>", cells.join(", "));
    out += &said_and_seen(b);
    out += "<h3>Rung occupancy over time</h3>";
    out += &chart(
        charts::occupancy_heatmap("Share of runs at each rung, by turn", &b.occupancy.rungs, &b.occupancy.shares),
        count,
    );
    let points: Vec<(f64, f64)> = b.survival.iter().enumerate().map(|(t, &s)| (t as f64, s)).collect();
    out += &time_to_outcome(points, count);
    if let Some(c) = &b.consequences {
        out += &lives_section(c, count);
    }
    let mut rows = String::new();
    for (key, text) in &info.sources {
        rows += &format!("<tr><td class=\"l\">{}</td><td class=\"l\">{}</td></tr>", escape(key), escape(text));
    }
    out += &format!(
        "<h3>Sources and assumptions</h3><table><tr><th class=\"l\">parameter</th><th class=\"l\">source</th></tr>{rows}</table>"
    );
    out +=
        &format!("<details><summary>Scenario file as run</summary><pre>{}</pre></details>", escape(&b.scenario_toml));
    out
}

/// Declarations, false alarms and misreadings per run, where the scenario has them (docs/MODEL.md
/// §14, §16); empty otherwise.
fn said_and_seen(b: &brink_types::run::RunBody) -> String {
    let mut rows = Vec::new();
    if let Some(s) = &b.signals {
        rows.push(("declarations sent", format!("{:.3}", s.sent.per_run)));
        rows.push(("declarations honoured (answered when reached)", format!("{:.3}", s.honoured.per_run)));
        rows.push(("declarations contradicted (left unanswered)", format!("{:.3}", s.contradicted.per_run)));
        let deception = s.deception.map_or_else(|| "none tested".to_owned(), |d| format!("{:.1}%", 100.0 * d));
        rows.push(("deception: share of tested declarations contradicted", deception));
    }
    if let Some(t) = &b.false_alarms {
        rows.push(("early-warning false alarms", format!("{:.3}", t.per_run)));
    }
    if let Some(t) = &b.misreads {
        rows.push(("moves misread under fog of war", format!("{:.3}", t.per_run)));
    }
    if rows.is_empty() {
        return String::new();
    }
    let cells: String = rows
        .iter()
        .map(|(what, v)| format!("<tr><td class=\"l\">{}</td><td>{}</td></tr>", escape(what), escape(v)))
        .collect();
    format!("<h3>What was said and seen (per run)</h3><table>{cells}</table>")
}

/// The per-run records of `brink run --out`: outcome probabilities with Wilson intervals, the
/// peak rung reached, the causes of nuclear use and the share of runs still in crisis by turn,
/// all counted from the rows (the same figures `brink run` prints for the same runs).
fn records_section(path: &str, r: &crate::read::RunRecords, count: &mut usize) -> String {
    const Z95: f64 = 1.959_963_984_540_054;
    let runs = r.outcomes.len() as u64;
    let manifest_text = |key: &str| -> Option<String> {
        let value = r.manifest.as_ref()?.get(key)?;
        Some(value.as_str().map_or_else(|| value.to_string(), str::to_owned))
    };
    let scenario = manifest_text("scenario").unwrap_or_else(|| "unknown scenario".into());
    let mut out = format!(
        "<h2>Per-run records: {}</h2><p class=\"note\">from {}; {runs} runs</p>",
        escape(&scenario),
        escape(path)
    );
    if r.manifest.is_some() {
        let mut rows = String::new();
        for key in ["brink_version", "scenario", "scenario_origin", "scenario_hash", "seed", "runs", "generator"] {
            let text = manifest_text(key).unwrap_or_default();
            rows += &format!("<tr><th class=\"l\">{key}</th><td class=\"l\">{}</td></tr>", escape(&text));
        }
        let overrides: Vec<String> = r
            .manifest
            .as_ref()
            .and_then(|m| m.get("overrides"))
            .and_then(Value::as_array)
            .map(|list| list.iter().filter_map(Value::as_str).map(escape).collect())
            .unwrap_or_default();
        rows += &format!("<tr><th class=\"l\">overrides</th><td class=\"l\">{}</td></tr>", overrides.join("<br>"));
        out += &format!("<h3>Manifest</h3><table class=\"manifest\">{rows}</table>");
    } else {
        out += "<p class=\"note\">No manifest found (neither in the file nor beside it).</p>";
    }
    // Counts in first-seen order for outcomes and causes, ladder order for rungs.
    let mut outcomes: Vec<(String, u64)> = Vec::new();
    for outcome in &r.outcomes {
        match outcomes.iter_mut().find(|(name, _)| name == outcome) {
            Some((_, n)) => *n += 1,
            None => outcomes.push((outcome.clone(), 1)),
        }
    }
    let mut table = String::from("<table><tr><th class=\"l\">outcome</th><th>runs</th><th>p</th><th>95% CI</th></tr>");
    let mut bars = Vec::new();
    for (name, n) in &outcomes {
        let p = *n as f64 / runs as f64;
        let (lo, hi) = brink_engine::wilson_interval(*n, runs, Z95);
        table += &format!(
            "<tr><td class=\"l\">{}</td><td>{n}</td><td>{}</td><td>[{}, {}]</td></tr>",
            escape(name),
            fmt(p),
            fmt(lo),
            fmt(hi)
        );
        bars.push(Bar { label: name.clone(), value: p, interval: (lo, hi) });
    }
    out += &format!("<h3>Outcomes</h3>{table}</table>");
    out += &chart(charts::bars("Outcome probabilities (95% Wilson intervals)", "probability", &bars, false), count);
    let mut peaks: std::collections::BTreeMap<u64, (String, u64)> = std::collections::BTreeMap::new();
    for (index, name) in &r.peak_rungs {
        peaks.entry(*index).or_insert_with(|| (name.clone(), 0)).1 += 1;
    }
    let bars: Vec<Bar> = peaks
        .values()
        .map(|(name, n)| {
            let (lo, hi) = brink_engine::wilson_interval(*n, runs, Z95);
            Bar { label: name.clone(), value: *n as f64 / runs as f64, interval: (lo, hi) }
        })
        .collect();
    out += "<h3>Peak rung</h3>";
    out += &chart(charts::bars("Share of runs by the highest rung reached", "share", &bars, false), count);
    let mut causes: Vec<(String, u64)> = Vec::new();
    for cause in r.nuclear_causes.iter().flatten() {
        match causes.iter_mut().find(|(name, _)| name == cause) {
            Some((_, n)) => *n += 1,
            None => causes.push((cause.clone(), 1)),
        }
    }
    let cells: Vec<String> = causes.iter().map(|(c, n)| format!("{}: {n}", escape(c))).collect();
    out += &format!(
        "<p>Causes of nuclear use: {}.</p>",
        if cells.is_empty() { "none".to_owned() } else { cells.join(", ") }
    );
    let longest = r.turns.iter().copied().max().unwrap_or(0);
    let mut ended_by = vec![0u64; longest as usize + 1];
    for &t in &r.turns {
        ended_by[t as usize] += 1;
    }
    let mut still = runs;
    let mut points = Vec::with_capacity(ended_by.len());
    for (turn, ended) in ended_by.iter().enumerate() {
        still -= ended;
        points.push((turn as f64, if runs == 0 { 0.0 } else { still as f64 / runs as f64 }));
    }
    out += &time_to_outcome(points, count);
    out
}

fn people(x: f64) -> String {
    if x >= 1e9 {
        format!("{:.2} billion", x / 1e9)
    } else if x >= 1e6 {
        format!("{:.1} M", x / 1e6)
    } else {
        format!("{x:.0}")
    }
}

/// "Lives at stake": the plans attached to nuclear rungs, and the distribution over runs of
/// prompt deaths, soot and people without food, with Wilson intervals.
fn lives_section(c: &brink_types::run::Consequences, count: &mut usize) -> String {
    let mut table = String::from(
        "<table><tr><th class=\"l\">rung</th><th class=\"l\">plan</th><th>prompt deaths</th><th>soot (Tg)</th>\
<th>without food (year 2)</th><th>p</th><th>95% CI</th></tr>",
    );
    for p in &c.plans {
        table += &format!(
            "<tr><td class=\"l\">{}</td><td class=\"l\">{}</td><td>{}</td><td>{:.2}</td><td>{}</td><td>{}</td><td>[{}, {}]</td></tr>",
            escape(&p.rung),
            escape(&p.plan),
            people(p.fatalities),
            p.soot_tg,
            people(p.people_without_food),
            fmt(p.p),
            fmt(p.ci95[0]),
            fmt(p.ci95[1])
        );
    }
    let mut out = format!("<h3>Lives at stake</h3><p class=\"note\">{}</p>{table}</table>", escape(&c.note));
    let mut summary = String::from(
        "<table><tr><th class=\"l\">per run</th><th>mean</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th></tr>",
    );
    type Row<'a> = (&'a str, &'a brink_types::run::FatalityDistribution, fn(f64) -> String);
    let rows: [Row<'_>; 3] = [
        ("prompt deaths", &c.fatalities, people),
        ("soot (Tg)", &c.soot_tg, |x| format!("{x:.2}")),
        ("people without food", &c.people_without_food, people),
    ];
    for (name, d, show) in rows {
        summary += &format!("<tr><td class=\"l\">{name}</td><td>{}</td>", show(d.mean));
        for q in ["p50", "p90", "p99", "p99.9"] {
            summary += &format!("<td>{}</td>", d.quantiles.get(q).map_or_else(|| "–".into(), |v| show(*v)));
        }
        summary += "</tr>";
    }
    out += &summary;
    out += "</table>";
    for (title, d, show) in rows {
        let bars: Vec<Bar> = d
            .exceedance
            .iter()
            .map(|e| Bar { label: format!("> {}", show(e.threshold)), value: e.p, interval: (e.ci95[0], e.ci95[1]) })
            .collect();
        out += &chart(
            charts::bars(&format!("P({title} > X) over runs (95% Wilson intervals)"), "probability", &bars, false),
            count,
        );
    }
    out += "<p class=\"note\">Soot from each plan's city fires (brink's fire model); people without food from Xia et al. \
2022 Table 1, interpolated by soot (docs/CONSEQUENCES.md). Not a forecast.</p>";
    out
}

fn compare_section(path: &str, r: &CompareReport, count: &mut usize) -> String {
    let b = &r.body;
    let mut out = format!(
        "<h2>Policy comparison: {}</h2><p class=\"note\">from {}</p>",
        escape(&b.manifest.scenario),
        escape(path)
    );
    out += &manifest_table(&r.brink_version, &b.manifest);
    let mut table = String::from(
        "<table><tr><th class=\"l\">policy</th><th>P(nuclear use)</th><th>95% CI</th><th>difference vs baseline</th><th>95% CI (paired)</th></tr>",
    );
    let mut bars = Vec::new();
    for policy in &b.policies {
        let o = &policy.outcomes.nuclear_use;
        let d = &policy.difference.nuclear_use;
        let (dlo, dhi) = (d.ci95[0], d.ci95[1]);
        table += &format!(
            "<tr><td class=\"l\">{}</td><td>{}</td><td>[{}, {}]</td><td>{}</td><td>[{}, {}]</td></tr>",
            escape(&policy.name),
            fmt(o.p),
            fmt(o.ci95[0]),
            fmt(o.ci95[1]),
            fmt(d.difference),
            fmt(dlo),
            fmt(dhi)
        );
        bars.push(Bar { label: policy.name.clone(), value: d.difference, interval: (dlo, dhi) });
    }
    out += &format!("{table}</table>");
    out += &chart(
        charts::bars("P(nuclear use): difference from the baseline (paired 95% CI)", "difference", &bars, true),
        count,
    );
    out
}

/// The paths behind an outcome: one row per path, its steps in words.
fn explain_section(path: &str, r: &ExplainReport) -> String {
    let b = &r.body;
    let mut out = format!(
        "<h2>Why runs end in {}: {}</h2><p class=\"note\">from {}; {} of {} runs, grouped by the steps that led there</p>",
        escape(&b.outcome.replace('_', " ")),
        escape(&b.manifest.scenario),
        escape(path),
        b.outcome_runs,
        b.manifest.runs
    );
    out += &manifest_table(&r.brink_version, &b.manifest);
    let mut table = String::from(
        "<table><tr><th>#</th><th>share</th><th>95% CI</th><th>runs</th><th class=\"l\">steps</th><th class=\"l\">ending</th></tr>",
    );
    for (rank, p) in b.paths.iter().enumerate() {
        let steps: Vec<String> = p
            .steps
            .iter()
            .map(|s| {
                let why = s.event.as_deref().map_or_else(|| s.cause.clone(), |label| format!("event: {label}"));
                let mut notes = String::new();
                if s.miscalculation_share > 0.0 {
                    notes = format!(", miscalculation {:.0}%", 100.0 * s.miscalculation_share);
                }
                escape(&format!("{} → {} ({why}, turn {:.1}{notes})", s.actor, s.to, s.mean_turn))
            })
            .collect();
        let ending = [Some(p.ending.outcome.replace('_', " ")), p.ending.cause.clone(), p.ending.actor.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        table += &format!(
            "<tr><td>{}</td><td>{}</td><td>[{}, {}]</td><td>{}</td><td class=\"l\">{}</td><td class=\"l\">{}</td></tr>",
            rank + 1,
            fmt(p.share),
            fmt(p.ci95[0]),
            fmt(p.ci95[1]),
            p.count,
            steps.join("<br>"),
            escape(&ending)
        );
    }
    table += &format!(
        "<tr><td></td><td></td><td></td><td>{}</td><td class=\"l\">other runs ({} distinct paths)</td><td></td></tr>",
        b.other_runs, b.distinct_paths
    );
    out += &format!("{table}</table>");
    out
}

fn sensitivity_section(path: &str, r: &SensitivityReport, count: &mut usize) -> String {
    let b = &r.body;
    let mut out = format!(
        "<h2>Sensitivity of P(nuclear use): {}</h2><p class=\"note\">from {}</p>",
        escape(&b.manifest.scenario),
        escape(path)
    );
    out += &manifest_table(&r.brink_version, &b.manifest);
    let mut table = String::from(
        "<table><tr><th class=\"l\">parameter</th><th>first order</th><th>95% CI</th><th>total</th><th>95% CI</th></tr>",
    );
    let (mut first, mut total) = (Vec::new(), Vec::new());
    for index in &b.indices {
        let name = &index.param;
        table += &format!(
            "<tr><td class=\"l\">{}</td><td>{}</td><td>[{}, {}]</td><td>{}</td><td>[{}, {}]</td></tr>",
            escape(name),
            fmt(opt(index.first)),
            fmt(opt(index.first_ci95[0])),
            fmt(opt(index.first_ci95[1])),
            fmt(opt(index.total)),
            fmt(opt(index.total_ci95[0])),
            fmt(opt(index.total_ci95[1]))
        );
        first.push(Bar {
            label: format!("{name} (S)"),
            value: opt(index.first),
            interval: (opt(index.first_ci95[0]), opt(index.first_ci95[1])),
        });
        total.push(Bar {
            label: format!("{name} (ST)"),
            value: opt(index.total),
            interval: (opt(index.total_ci95[0]), opt(index.total_ci95[1])),
        });
    }
    out += &format!("{table}</table>");
    first.extend(total);
    out += &chart(charts::bars("Sobol indices (bootstrap 95% CI)", "index", &first, false), count);
    out
}

fn sweep_section(path: &str, r: &SweepReport, count: &mut usize) -> String {
    let b = &r.body;
    let mut out =
        format!("<h2>Sweep: {}</h2><p class=\"note\">from {}</p>", escape(&b.manifest.scenario), escape(path));
    out += &manifest_table(&r.brink_version, &b.manifest);
    let mut table = String::from("<table><tr>");
    for p in &b.params {
        table += &format!("<th class=\"l\">{}</th>", escape(p));
    }
    table += "<th>P(nuclear use)</th><th>95% CI</th></tr>";
    for point in &b.points {
        table += "<tr>";
        for v in &point.values {
            table += &format!("<td>{}</td>", fmt(*v));
        }
        let o = &point.nuclear_use;
        table += &format!("<td>{}</td><td>[{}, {}]</td></tr>", fmt(o.p), fmt(o.ci95[0]), fmt(o.ci95[1]));
    }
    out += &format!("{table}</table>");
    for (i, param) in b.params.iter().enumerate() {
        let mut rows: Vec<(f64, f64, f64, f64)> = b
            .points
            .iter()
            .map(|p| {
                let o = &p.nuclear_use;
                (p.values.get(i).copied().unwrap_or(f64::NAN), o.p, o.ci95[0], o.ci95[1])
            })
            .collect();
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        let curve = Curve {
            label: "P(nuclear use)".into(),
            points: rows.iter().map(|r| (r.0, r.1)).collect(),
            band: rows.iter().map(|r| (r.0, r.2, r.3)).collect(),
        };
        let note = if b.params.len() > 1 { " (all points, other parameters varying)" } else { "" };
        out += &chart(
            charts::curves(&format!("P(nuclear use) against {param}{note}"), param, "probability", &[curve]),
            count,
        );
    }
    out
}

/// The "Time to outcome" section: the share of runs still in crisis at each turn.
fn time_to_outcome(points: Vec<(f64, f64)>, count: &mut usize) -> String {
    let mut out = "<h3>Time to outcome</h3>".to_owned();
    out += &chart(
        charts::curves(
            "Share of runs still in crisis",
            "turn",
            "share",
            &[Curve { label: "in crisis".into(), points, band: vec![] }],
        ),
        count,
    );
    out
}
