//! The key assumptions of a scenario as labelled controls for the page: red-line beliefs and
//! their bias, response probabilities, accident rates and the scripted policy steps. Each
//! control names the `--set` path it overrides, so a moved control is an ordinary override
//! and the run is the one `brink run --set PATH=VALUE` would make.

use brink_engine::EventKind;
use brink_scenario::Loaded;
use serde_json::{Value, json};

struct Control {
    path: String,
    label: String,
    group: String,
    value: f64,
    min: f64,
    max: f64,
    step: f64,
    help: String,
}

impl Control {
    fn json(&self) -> Value {
        // Integer keys (turns) are written as integers, so `PATH=VALUE` reads back as one.
        let number = |x: f64| if self.step == 1.0 { json!(x as i64) } else { json!(x) };
        json!({
            "path": self.path, "label": self.label, "group": self.group, "value": number(self.value),
            "min": number(self.min), "max": number(self.max), "step": number(self.step), "help": self.help,
        })
    }
}

/// The `[[events]]` of the file in the engine's order (by turn, a stable sort), each with its
/// index in the file (what `events.N` overrides address) and its label (the engine keeps none).
fn file_events(toml: &str) -> Vec<(usize, Option<String>)> {
    let Ok(doc) = toml_edit::Document::parse(toml.to_owned()) else { return Vec::new() };
    let Some(events) = doc.get("events").and_then(|e| e.as_array_of_tables()) else { return Vec::new() };
    let mut listed: Vec<(i64, usize, Option<String>)> = events
        .iter()
        .enumerate()
        .map(|(index, t)| {
            let turn = t.get("turn").and_then(|v| v.as_integer()).unwrap_or(0);
            (turn, index, t.get("label").and_then(|l| l.as_str()).map(str::to_owned))
        })
        .collect();
    listed.sort_by_key(|&(turn, ..)| turn);
    listed.into_iter().map(|(_, index, label)| (index, label)).collect()
}

/// The scenario's key assumptions, as controls (JSON objects).
pub(crate) fn controls(loaded: &Loaded) -> Vec<Value> {
    let scenario = &loaded.scenario;
    let rungs = scenario.ladder.rungs();
    let mut out = Vec::new();
    for actor in &scenario.actors {
        let group = format!("{} ({})", actor.name, scenario.camps[actor.camp]);
        out.push(Control {
            path: format!("actors.{}.response_prob", actor.name),
            label: format!("{}: chance of answering a crossed red line", actor.name),
            group: group.clone(),
            value: actor.params.response_prob,
            min: 0.0,
            max: 1.0,
            step: 0.01,
            help: "resolve: the probability that the actor carries out a response when one of its red lines is crossed"
                .into(),
        });
        for belief in &actor.beliefs {
            let other = &scenario.actors[belief.about].name;
            out.push(Control {
                path: format!("actors.{}.beliefs.{other}.bias", actor.name),
                label: format!("{}: bias about {other}'s red line", actor.name),
                group: group.clone(),
                value: belief.bias,
                min: -2.0,
                max: 2.0,
                step: 0.05,
                help: format!(
                    "exponential tilt of {}'s belief about where {other}'s red line lies: above 0 believes it higher (\"{other} will not respond\"), below 0 lower",
                    actor.name
                ),
            });
        }
    }
    for rung in rungs {
        if rung.nuclear {
            continue;
        }
        out.push(Control {
            path: format!("ladder.rungs.{}.accident_rate", rung.name),
            label: format!("accident rate at {}", rung.name),
            group: "accidents (chance per turn of an unintended step)".into(),
            value: rung.accident_rate,
            min: 0.0,
            max: 0.05_f64.max(rung.accident_rate),
            step: 0.0005,
            help: format!("chance per turn that an actor holding {} slips to another rung unintentionally", rung.name),
        });
    }
    let listed = file_events(&loaded.effective_toml);
    for (engine_index, event) in scenario.events.iter().enumerate() {
        // Paths and labels address the file's `[[events]]`, which need not be in turn order.
        let (index, file_label) = listed.get(engine_index).cloned().unwrap_or((engine_index, None));
        let what = match &event.kind {
            EventKind::Force { actor, rung } => {
                format!("{} moves to {}", scenario.actors[*actor].name, rungs[*rung].name)
            }
            EventKind::Permit { actor, .. } => format!("{} is permitted more", scenario.actors[*actor].name),
            EventKind::Set { value, .. } => format!("a parameter is set to {value}"),
            EventKind::CircuitBreaker(b) => {
                format!("a circuit breaker at {} pauses steps up for {} turns", rungs[b.at_rung].name, b.pause_turns)
            }
            EventKind::Treaty(t) => format!("a treaty caps every actor at {}", rungs[t.cap].name),
            EventKind::Signal { actor, .. } => format!("{} signals", scenario.actors[*actor].name),
            EventKind::Mediation(m) => format!("a mediator steps in (passes {} of each red line)", m.share),
            EventKind::BackChannel(_) => "a back channel opens".to_owned(),
        };
        let label = file_label.unwrap_or_else(|| what.clone());
        // The file's label says what the step is; long ones are shortened (the help keeps all).
        let short: String =
            if label.chars().count() > 90 { label.chars().take(88).collect::<String>() + "…" } else { label.clone() };
        let group = "scripted policy steps".to_owned();
        out.push(Control {
            path: format!("events.{index}.prob"),
            label: format!("step {index}, chance it happens: {short}"),
            group: group.clone(),
            value: event.prob,
            min: 0.0,
            max: 1.0,
            step: 0.05,
            help: format!("{label} ({what}, turn {})", event.turn),
        });
        out.push(Control {
            path: format!("events.{index}.turn"),
            label: format!("step {index}, the turn it applies ({what})"),
            group,
            value: f64::from(event.turn),
            min: 1.0,
            max: f64::from(scenario.rules.max_turns.max(event.turn)),
            step: 1.0,
            help: label,
        });
    }
    out.iter().map(Control::json).collect()
}

/// Each actor's red-line prior (where it answers a crossing), as an editable distribution over
/// the rungs and "never". Adversaries' beliefs start from it unless the file gives them their own
/// prior; the page sends every entry as `actors.NAME.red_line.KEY=VALUE`, normalised.
pub(crate) fn red_lines(loaded: &Loaded) -> Vec<Value> {
    let scenario = &loaded.scenario;
    let keys: Vec<&str> = scenario.ladder.rungs().iter().map(|r| r.name.as_str()).chain(["never"]).collect();
    scenario
        .actors
        .iter()
        .map(|actor| {
            let entries: Vec<Value> =
                keys.iter().zip(actor.red_line.probs()).map(|(key, p)| json!({ "key": key, "value": p })).collect();
            json!({
                "path": format!("actors.{}.red_line", actor.name),
                "label": format!("{}'s red line: the rung whose crossing makes it answer (probabilities)", actor.name),
                "group": format!("{} ({})", actor.name, scenario.camps[actor.camp]),
                "help": format!(
                    "the prior from which {}'s private red line is drawn each run; its adversaries' beliefs about it start from this prior unless the scenario states their own",
                    actor.name
                ),
                "entries": entries,
            })
        })
        .collect()
}

/// What the page shows about a checked scenario.
pub(crate) fn describe(loaded: &Loaded) -> Value {
    let scenario = &loaded.scenario;
    json!({
        "name": scenario.name,
        "title": loaded.info.title,
        "question": loaded.info.question,
        "turn": loaded.info.turn,
        "default_runs": loaded.info.default_runs,
        "default_seed": loaded.info.default_seed,
        "hash": loaded.hash,
        "origin": loaded.origin,
        "actors": scenario.actors.iter().map(|a| a.name.clone()).collect::<Vec<_>>(),
        "rungs": scenario.ladder.rungs().iter().map(|r| json!({ "name": r.name, "nuclear": r.nuclear })).collect::<Vec<_>>(),
        "max_turns": scenario.rules.max_turns,
        "controls": controls(loaded),
        "red_lines": red_lines(loaded),
    })
}
