//! `brink check`: validate a scenario and explain what it contains.

use std::io::Write;

use brink_engine::{EventKind, PolicyKind};
use brink_scenario::Override;

use super::{CmdError, CmdResult, load_scenario};

/// Flags of `brink check`.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// A TOML file or a bundled scenario name.
    scenario: String,
    /// Override keys before checking: PATH=VALUE (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    overrides: Vec<Override>,
}

/// Validates the scenario (every problem at once, exit 2) or describes it.
pub(crate) fn run(args: CheckArgs) -> CmdResult {
    let loaded = load_scenario(Some(&args.scenario), &args.overrides)?;
    let scenario = &loaded.scenario;
    let ladder = &scenario.ladder;
    let name = |rung: usize| ladder.rung(rung).name.as_str();
    let mut out = format!("{}: ok — scenario `{}` (hash {})\n", loaded.origin, scenario.name, loaded.hash);
    if let Some(question) = &loaded.info.question {
        out += &format!("question: {question}\n");
    }
    out += &format!("ladder: {} rungs", ladder.len());
    if let Some(source) = &loaded.info.ladder_source {
        out += &format!(" ({source})");
    }
    out += "\n";
    for (index, rung) in ladder.rungs().iter().enumerate() {
        let mut flags = Vec::new();
        if rung.nuclear {
            flags.push("nuclear".to_owned());
        }
        if rung.accident_rate > 0.0 {
            flags.push(format!("accident {}", rung.accident_rate));
        }
        if rung.chance_hazard > 0.0 {
            flags.push(format!("hazard {}", rung.chance_hazard));
        }
        if !rung.confusion.is_empty() {
            let misread: Vec<String> = rung.confusion.iter().map(|(offset, p)| format!("{offset:+} {p}")).collect();
            flags.push(format!("misread {}", misread.join(" ")));
        }
        out += &format!("  {index:>3} {:<36} {}\n", rung.name, flags.join(", "));
    }
    out += &format!("camps: {}\n", scenario.camps.join(", "));
    for actor in &scenario.actors {
        let p = &actor.params;
        let policy = match &actor.policy {
            PolicyKind::LogitEu => "logit".to_owned(),
            PolicyKind::Equilibrium { turns, .. } => {
                format!("equilibrium (of the crisis game of {turns} turn(s), then logit)")
            }
            other => format!("{other:?}"),
        };
        let red_line: Vec<String> = actor
            .red_line
            .probs()
            .iter()
            .enumerate()
            .filter(|(_, q)| **q > 0.0)
            .map(|(r, q)| format!("{} {q}", if r == ladder.len() { "never" } else { name(r) }))
            .collect();
        out += &format!(
            "actor {} (camp {}): starts at {}, may choose {}..{}, policy {policy}, λ = {}, response_prob {}, red line {{{}}}\n",
            actor.name,
            scenario.camps[actor.camp],
            name(actor.start),
            name(p.min_rung),
            name(p.max_rung),
            p.rationality,
            p.response_prob,
            red_line.join(", ")
        );
        if let Some(w) = actor.warning {
            out += &format!(
                "  early warning from {}: false alarms {} per turn, launch on warning {}\n",
                name(w.from_rung),
                w.false_alarm_rate,
                w.launch_on_warning
            );
        }
        for belief in &actor.beliefs {
            out += &format!(
                "  believes about {}: bias {}, update weight {}\n",
                scenario.actors[belief.about].name, belief.bias, belief.update_weight
            );
        }
    }
    for event in &scenario.events {
        let what = match &event.kind {
            EventKind::Force { actor, rung } => {
                format!("{} moves to {}", scenario.actors[*actor].name, name(*rung))
            }
            EventKind::Permit { actor, .. } => {
                format!("{}'s allowed actions change", scenario.actors[*actor].name)
            }
            EventKind::Set { param, value } => format!("{param:?} = {value}"),
            EventKind::CircuitBreaker(b) => {
                format!("a circuit breaker arms at {} (pause of {} turns)", name(b.at_rung), b.pause_turns)
            }
            EventKind::Treaty(t) => {
                format!("a treaty caps every actor at {} (breakout {} per turn)", name(t.cap), t.breakout_prob)
            }
            EventKind::Signal { actor, signal } => {
                let what = match signal.map(|s| s.declare) {
                    Some(brink_engine::Declaration::Rung(r)) => format!("threatens an answer at {}", name(r)),
                    Some(brink_engine::Declaration::RedLine) => "declares its red line".to_owned(),
                    None => "sends its signal".to_owned(),
                };
                format!("{} {what}", scenario.actors[*actor].name)
            }
            EventKind::Mediation(m) => format!(
                "a mediator steps in (audience costs × {}, red lines passed truly with probability {}, for {} turns; 0 = to the end)",
                m.audience_cost_factor, m.share, m.turns
            ),
            EventKind::BackChannel(b) => format!(
                "a back channel opens (audience costs × {}, for {} turns; 0 = to the end)",
                b.audience_cost_factor, b.turns
            ),
        };
        out += &format!("event at turn {}: {what} (probability {})\n", event.turn, event.prob);
    }
    let rules = &scenario.rules;
    out += &format!(
        "rules: {:?} moves, at most {} turns, settlement after {} quiet turns at or below {}\n",
        rules.turn_order,
        rules.max_turns,
        rules.settle_after_quiet_turns,
        name(rules.settle_at_or_below)
    );
    if let Some(b) = rules.circuit_breaker {
        out += &format!("circuit breaker: at joint level {}, a pause of {} turns\n", name(b.at_rung), b.pause_turns);
    }
    if let Some(t) = rules.treaty {
        out += &format!("treaty: no actor above {}, breakout {} per turn\n", name(t.cap), t.breakout_prob);
    }
    if let Some(m) = rules.mediation {
        out += &format!(
            "mediation: audience costs × {}, red lines passed truly with probability {} each turn, for {} turns (0 = to the end)\n",
            m.audience_cost_factor, m.share, m.turns
        );
    }
    if let Some(b) = rules.back_channel {
        out += &format!("back channel: audience costs × {}, signals private (no cost)\n", b.audience_cost_factor);
    }
    for actor in &scenario.actors {
        if let Some(signal) = actor.signal {
            let what = match signal.declare {
                brink_engine::Declaration::RedLine => "its red line".to_owned(),
                brink_engine::Declaration::Rung(r) => format!("an answer at {}", name(r)),
            };
            out += &format!(
                "signal: {} declares {what} at turn {} ({:?}, cost {}, bluff {})\n",
                actor.name, signal.turn, signal.kind, signal.cost, signal.bluff
            );
        }
    }
    out += &format!("sources: {} entries\n", loaded.info.sources.len());
    std::io::stdout().lock().write_all(out.as_bytes()).map_err(|e| CmdError::Internal(e.into()))
}
