//! One self-contained HTML report (inline CSS and SVG, no scripts, nothing fetched) from the
//! JSON results of `brink run`, `brink sweep`, `brink compare` and `brink sensitivity`.

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

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn fmt(x: f64) -> String {
    if x.is_nan() {
        "–".into()
    } else if x.abs() >= 100.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.5}")
    }
}

fn require<'a>(value: &'a Value, key: &str, path: &str) -> Result<&'a Value, ReportError> {
    value.get(key).ok_or_else(|| ReportError::Input { path: path.into(), message: format!("missing key `{key}`") })
}

/// The report for `results` (file name, parsed JSON), in order.
pub fn report(results: &[(String, Value)]) -> Result<String, ReportError> {
    let mut body = String::new();
    let mut charts_drawn = 0;
    for (path, result) in results {
        let kind = result.get("kind").and_then(Value::as_str).unwrap_or("run");
        let section = match kind {
            "run" => run_section(path, result, &mut charts_drawn)?,
            "compare" => compare_section(path, result, &mut charts_drawn)?,
            "sensitivity" => sensitivity_section(path, result, &mut charts_drawn)?,
            "sweep" => sweep_section(path, result, &mut charts_drawn)?,
            other => {
                return Err(ReportError::Input {
                    path: path.clone(),
                    message: format!("unknown result kind `{other}`; expected run, sweep, compare or sensitivity"),
                });
            }
        };
        body.push_str(&section);
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

fn manifest_table(result: &Value) -> String {
    let mut rows = String::new();
    for key in ["brink_version", "scenario", "scenario_origin", "scenario_hash", "seed", "runs", "generator"] {
        if let Some(v) = result.get(key) {
            let text = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
            rows += &format!("<tr><th class=\"l\">{key}</th><td class=\"l\">{}</td></tr>", escape(&text));
        }
    }
    if let Some(overrides) = result.get("overrides").and_then(Value::as_array) {
        let list: Vec<String> = overrides.iter().filter_map(Value::as_str).map(escape).collect();
        rows += &format!("<tr><th class=\"l\">overrides</th><td class=\"l\">{}</td></tr>", list.join("<br>"));
    }
    format!("<h3>Manifest</h3><table class=\"manifest\">{rows}</table>")
}

fn chart(svg: String, count: &mut usize) -> String {
    *count += 1;
    format!("<div class=\"chart\">{svg}</div>")
}

fn run_section(path: &str, r: &Value, count: &mut usize) -> Result<String, ReportError> {
    let scenario = require(r, "scenario", path)?.as_str().unwrap_or("?");
    let info = r.get("scenario_info");
    let title = info.and_then(|i| i.get("title")).and_then(Value::as_str).unwrap_or(scenario);
    let mut out = format!("<h2>{}</h2><p class=\"note\">from {}</p>", escape(title), escape(path));
    if let Some(q) = info.and_then(|i| i.get("question")).and_then(Value::as_str) {
        out += &format!("<p><b>Question.</b> {}</p>", escape(q));
    }
    out += &manifest_table(r);
    let outcomes = require(r, "outcomes", path)?.as_object().cloned().unwrap_or_default();
    let mut table = String::from("<table><tr><th class=\"l\">outcome</th><th>runs</th><th>p</th><th>95% CI</th></tr>");
    let mut bars = Vec::new();
    for (name, o) in &outcomes {
        let ci = o.get("ci95").and_then(Value::as_array).cloned().unwrap_or_default();
        let (lo, hi) = (ci.first().map_or(f64::NAN, num), ci.get(1).map_or(f64::NAN, num));
        table += &format!(
            "<tr><td class=\"l\">{}</td><td>{}</td><td>{}</td><td>[{}, {}]</td></tr>",
            escape(name),
            o.get("count").map_or(String::new(), Value::to_string),
            fmt(num(&o["p"])),
            fmt(lo),
            fmt(hi)
        );
        bars.push(Bar { label: name.clone(), value: num(&o["p"]), interval: (lo, hi) });
    }
    out += &format!("<h3>Outcomes</h3>{table}</table>");
    out += &chart(charts::bars("Outcome probabilities (95% Wilson intervals)", "probability", &bars, false), count);
    if let Some(causes) = r.get("nuclear_use_cause").and_then(Value::as_object) {
        let cells: Vec<String> = causes.iter().map(|(c, v)| format!("{}: {}", escape(c), v["count"])).collect();
        out += &format!("<p>Causes of nuclear use: {}.</p>", cells.join(", "));
    }
    if let Some(occupancy) = r.get("occupancy") {
        let rungs: Vec<String> = occupancy["rungs"]
            .as_array()
            .map_or_else(Vec::new, |a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect());
        let shares: Vec<Vec<f64>> = occupancy["shares"].as_array().map_or_else(Vec::new, |rows| {
            rows.iter().map(|row| row.as_array().map_or_else(Vec::new, |v| v.iter().map(num).collect())).collect()
        });
        out += "<h3>Rung occupancy over time</h3>";
        out += &chart(charts::occupancy_heatmap("Share of runs at each rung, by turn", &rungs, &shares), count);
    }
    if let Some(survival) = r.get("survival").and_then(Value::as_array) {
        let points: Vec<(f64, f64)> = survival.iter().enumerate().map(|(t, s)| (t as f64, num(s))).collect();
        out += "<h3>Time to outcome</h3>";
        out += &chart(
            charts::curves(
                "Share of runs still in crisis",
                "turn",
                "share",
                &[Curve { label: "in crisis".into(), points, band: vec![] }],
            ),
            count,
        );
    }
    if let Some(sources) = info.and_then(|i| i.get("sources")).and_then(Value::as_object) {
        let mut rows = String::new();
        for (key, text) in sources {
            rows += &format!(
                "<tr><td class=\"l\">{}</td><td class=\"l\">{}</td></tr>",
                escape(key),
                escape(text.as_str().unwrap_or(""))
            );
        }
        out += &format!(
            "<h3>Sources and assumptions</h3><table><tr><th class=\"l\">parameter</th><th class=\"l\">source</th></tr>{rows}</table>"
        );
    }
    if let Some(toml) = r.get("scenario_toml").and_then(Value::as_str) {
        out += &format!("<details><summary>Scenario file as run</summary><pre>{}</pre></details>", escape(toml));
    }
    Ok(out)
}

fn compare_section(path: &str, r: &Value, count: &mut usize) -> Result<String, ReportError> {
    let mut out = format!(
        "<h2>Policy comparison: {}</h2><p class=\"note\">from {}</p>",
        escape(r["scenario"].as_str().unwrap_or("?")),
        escape(path)
    );
    out += &manifest_table(r);
    let policies = require(r, "policies", path)?.as_array().cloned().unwrap_or_default();
    let mut table = String::from(
        "<table><tr><th class=\"l\">policy</th><th>P(nuclear use)</th><th>95% CI</th><th>difference vs baseline</th><th>95% CI (paired)</th></tr>",
    );
    let mut bars = Vec::new();
    for policy in &policies {
        let name = policy["name"].as_str().unwrap_or("?");
        let o = &policy["outcomes"]["nuclear_use"];
        let d = &policy["difference"]["nuclear_use"];
        let (dlo, dhi) = (num(&d["ci95"][0]), num(&d["ci95"][1]));
        table += &format!(
            "<tr><td class=\"l\">{}</td><td>{}</td><td>[{}, {}]</td><td>{}</td><td>[{}, {}]</td></tr>",
            escape(name),
            fmt(num(&o["p"])),
            fmt(num(&o["ci95"][0])),
            fmt(num(&o["ci95"][1])),
            fmt(num(&d["difference"])),
            fmt(dlo),
            fmt(dhi)
        );
        if d.get("difference").is_some() {
            bars.push(Bar { label: name.to_owned(), value: num(&d["difference"]), interval: (dlo, dhi) });
        }
    }
    out += &format!("{table}</table>");
    out += &chart(
        charts::bars("P(nuclear use): difference from the baseline (paired 95% CI)", "difference", &bars, true),
        count,
    );
    Ok(out)
}

fn sensitivity_section(path: &str, r: &Value, count: &mut usize) -> Result<String, ReportError> {
    let mut out = format!(
        "<h2>Sensitivity of P(nuclear use): {}</h2><p class=\"note\">from {}</p>",
        escape(r["scenario"].as_str().unwrap_or("?")),
        escape(path)
    );
    out += &manifest_table(r);
    let indices = require(r, "indices", path)?.as_array().cloned().unwrap_or_default();
    let mut table = String::from(
        "<table><tr><th class=\"l\">parameter</th><th>first order</th><th>95% CI</th><th>total</th><th>95% CI</th></tr>",
    );
    let (mut first, mut total) = (Vec::new(), Vec::new());
    for index in &indices {
        let name = index["param"].as_str().unwrap_or("?").to_owned();
        table += &format!(
            "<tr><td class=\"l\">{}</td><td>{}</td><td>[{}, {}]</td><td>{}</td><td>[{}, {}]</td></tr>",
            escape(&name),
            fmt(num(&index["first"])),
            fmt(num(&index["first_ci95"][0])),
            fmt(num(&index["first_ci95"][1])),
            fmt(num(&index["total"])),
            fmt(num(&index["total_ci95"][0])),
            fmt(num(&index["total_ci95"][1]))
        );
        first.push(Bar {
            label: format!("{name} (S)"),
            value: num(&index["first"]),
            interval: (num(&index["first_ci95"][0]), num(&index["first_ci95"][1])),
        });
        total.push(Bar {
            label: format!("{name} (ST)"),
            value: num(&index["total"]),
            interval: (num(&index["total_ci95"][0]), num(&index["total_ci95"][1])),
        });
    }
    out += &format!("{table}</table>");
    first.extend(total);
    out += &chart(charts::bars("Sobol indices (bootstrap 95% CI)", "index", &first, false), count);
    Ok(out)
}

fn sweep_section(path: &str, r: &Value, count: &mut usize) -> Result<String, ReportError> {
    let mut out = format!(
        "<h2>Sweep: {}</h2><p class=\"note\">from {}</p>",
        escape(r["scenario"].as_str().unwrap_or("?")),
        escape(path)
    );
    out += &manifest_table(r);
    let params: Vec<String> = require(r, "params", path)?
        .as_array()
        .map_or_else(Vec::new, |a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect());
    let points = require(r, "points", path)?.as_array().cloned().unwrap_or_default();
    let mut table = String::from("<table><tr>");
    for p in &params {
        table += &format!("<th class=\"l\">{}</th>", escape(p));
    }
    table += "<th>P(nuclear use)</th><th>95% CI</th></tr>";
    for point in &points {
        table += "<tr>";
        for v in point["values"].as_array().cloned().unwrap_or_default() {
            table += &format!("<td>{}</td>", fmt(num(&v)));
        }
        let o = &point["nuclear_use"];
        table += &format!(
            "<td>{}</td><td>[{}, {}]</td></tr>",
            fmt(num(&o["p"])),
            fmt(num(&o["ci95"][0])),
            fmt(num(&o["ci95"][1]))
        );
    }
    out += &format!("{table}</table>");
    for (i, param) in params.iter().enumerate() {
        let mut rows: Vec<(f64, f64, f64, f64)> = points
            .iter()
            .map(|p| {
                (
                    num(&p["values"][i]),
                    num(&p["nuclear_use"]["p"]),
                    num(&p["nuclear_use"]["ci95"][0]),
                    num(&p["nuclear_use"]["ci95"][1]),
                )
            })
            .collect();
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        let curve = Curve {
            label: "P(nuclear use)".into(),
            points: rows.iter().map(|r| (r.0, r.1)).collect(),
            band: rows.iter().map(|r| (r.0, r.2, r.3)).collect(),
        };
        let note = if params.len() > 1 { " (all points, other parameters varying)" } else { "" };
        out += &chart(
            charts::curves(&format!("P(nuclear use) against {param}{note}"), param, "probability", &[curve]),
            count,
        );
    }
    Ok(out)
}
