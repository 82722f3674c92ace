//! Reading a whole scenario document: every section, every cross-reference, all problems at
//! once; then lowering into engine types.

use std::ops::Range;

use brink_engine::{
    Actor, ActorParams, AnswerMode, BackChannel, Bargaining, BeliefSpec, CircuitBreaker, Declaration, Event, EventKind,
    Mediation, Param, PolicyKind, RedLinePrior, Rules, Scenario, Signal, SignalKind, Treaty, TurnOrder, Warning,
};
use toml_edit::Document;

use crate::ScenarioInfo;
use crate::ladder::{lower_ladder, read_ladder};
use crate::reader::{Field, Obj, Problems, boolean, describe, integer, number, number_at_least, probability, string};

const ACTOR_KEYS: [&str; 26] = [
    "camp",
    "description",
    "start",
    "red_line",
    "response_prob",
    "response_margin",
    "stake",
    "concede_value",
    "disaster_value",
    "audience_cost",
    "reputation_weight",
    "rationality",
    "lookahead",
    "min_rung",
    "max_rung",
    "max_step",
    "can_concede",
    "policy",
    "beliefs",
    "answer",
    "answer_cost",
    "prevail_belief",
    "coercion",
    "weariness",
    "warning",
    "signal",
];

/// Rung names of the ladder being read, for resolving references.
struct Rungs<'a> {
    names: &'a [String],
    /// Whether each rung is nuclear.
    nuclear: &'a [bool],
}

impl Rungs<'_> {
    /// A rung given by name or index.
    fn resolve(&self, field: Field<'_>, path: &str, problems: &mut Problems) -> Option<usize> {
        match field.item.as_value() {
            Some(toml_edit::Value::String(s)) => self.by_name(s.value(), path, field.span(), problems),
            Some(toml_edit::Value::Integer(i)) => {
                let index = *i.value();
                if (0..self.names.len() as i64).contains(&index) {
                    Some(index as usize)
                } else {
                    problems.report(
                        path,
                        field.span(),
                        format!("rung index {index} is out of range 0..={}", self.names.len() - 1),
                    );
                    None
                }
            }
            _ => {
                problems.report(
                    path,
                    field.span(),
                    format!("expected a rung name or index, found {}", describe(field.item)),
                );
                None
            }
        }
    }

    fn by_name(&self, name: &str, path: &str, span: Option<Range<usize>>, problems: &mut Problems) -> Option<usize> {
        let found = self.names.iter().position(|n| n == name);
        if found.is_none() {
            problems.report(path, span, format!("unknown rung `{name}`; expected one of: {}", self.names.join(", ")));
        }
        found
    }

    /// A distribution over rungs and "never" (table rung → probability summing to 1).
    fn distribution(&self, field: Field<'_>, path: &str, problems: &mut Problems) -> Option<RedLinePrior> {
        let mut obj = Obj::of(field.item, path, problems)?;
        let mut probs = vec![0.0; self.names.len() + 1];
        let mut ok = true;
        for (key, span, value) in obj.entries() {
            let here = obj.child(&key);
            let index = if key == "never" { Some(self.names.len()) } else { self.by_name(&key, &here, span, problems) };
            match (index, probability(value, &here, problems)) {
                (Some(i), Some(p)) => probs[i] += p,
                _ => ok = false,
            }
        }
        if !ok {
            return None;
        }
        let total: f64 = probs.iter().sum();
        if (total - 1.0).abs() > 1e-9 {
            problems.report(
                path,
                field.span(),
                format!("probabilities sum to {total}, expected 1 (put any remainder on \"never\")"),
            );
            return None;
        }
        RedLinePrior::new(probs).ok()
    }
}

/// Reads a parsed document. Returns the scenario if there were no problems.
pub(crate) fn read_document(doc: &Document<String>, problems: &mut Problems) -> Option<(Scenario, ScenarioInfo)> {
    let mut root = Obj::of(doc.as_item(), "", problems)?;
    let mut info = ScenarioInfo::default();

    // [scenario]
    if let Some(f) = root.require("scenario", "a [scenario] table with at least `name`", problems)
        && let Some(mut obj) = Obj::of(f.item, "scenario", problems)
    {
        if let Some(f) = obj.require("name", "a scenario name", problems)
            && let Some(name) = string(f, "scenario.name", problems)
        {
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
                problems.report("scenario.name", f.span(), "expected lowercase letters, digits and hyphens");
            }
            info.name = name.to_owned();
        }
        for (key, slot) in [
            ("title", &mut info.title),
            ("question", &mut info.question),
            ("description", &mut info.description),
            ("turn", &mut info.turn),
        ] {
            if let Some(f) = obj.get(key) {
                *slot = string(f, &obj.child(key), problems).map(str::to_owned);
            }
        }
        obj.finish(&["name", "title", "question", "description", "turn"], problems);
    }

    // Camps come from the actors, in order of first appearance.
    let actors_field = root.require("actors", "an [actors.NAME] table per actor", problems);
    let mut actor_objs: Vec<(String, Obj<'_>)> = Vec::new();
    let mut camps: Vec<String> = Vec::new();
    let mut actor_camps: Vec<Option<usize>> = Vec::new();
    if let Some(f) = actors_field
        && let Some(mut actors) = Obj::of(f.item, "actors", problems)
    {
        for (name, span, value) in actors.entries() {
            let path = format!("actors.{name}");
            let Some(mut obj) = Obj::of(value.item, &path, problems) else {
                continue;
            };
            if !valid_identifier(&name) {
                problems.report(&path, span, "actor names must be lowercase letters, digits, hyphens or underscores");
            }
            let camp = obj
                .require("camp", "the actor's camp (a string)", problems)
                .and_then(|f| string(f, &format!("{path}.camp"), problems));
            actor_camps.push(camp.map(|c| match camps.iter().position(|x| x == c) {
                Some(i) => i,
                None => {
                    camps.push(c.to_owned());
                    camps.len() - 1
                }
            }));
            actor_objs.push((name, obj));
        }
        if actor_objs.is_empty() {
            problems.report("actors", actors.span(), "expected at least one actor");
        } else if actor_objs.len() > brink_engine::model::MAX_ACTORS {
            problems.report(
                "actors",
                actors.span(),
                format!("at most {} actors are supported", brink_engine::model::MAX_ACTORS),
            );
        }
    }
    let actor_names: Vec<String> = actor_objs.iter().map(|(n, _)| n.clone()).collect();

    // [ladder]
    let ladder_drafts = root.require("ladder", "a [ladder] table", problems).and_then(|f| read_ladder(f, problems));
    let (drafts, ladder_source) = ladder_drafts.unwrap_or_default();
    info.ladder_source = ladder_source;
    let rung_names: Vec<String> = drafts.iter().map(|d| d.name.clone()).collect();
    let ladder = if drafts.is_empty() { None } else { lower_ladder(&drafts, &camps, problems) };
    let nuclear_rungs: Vec<bool> = drafts.iter().map(|d| d.nuclear).collect();
    let rungs = Rungs { names: &rung_names, nuclear: &nuclear_rungs };
    let top = rung_names.len().saturating_sub(1);

    // [actors.NAME]
    let mut actors: Vec<Actor> = Vec::new();
    let mut belief_fields: Vec<(usize, Obj<'_>)> = Vec::new();
    for (index, (name, mut obj)) in actor_objs.into_iter().enumerate() {
        let path = format!("actors.{name}");
        let mut params = ActorParams::with_defaults(top);
        let child = |key: &str| format!("{path}.{key}");
        let _ = obj.get("description");
        let start = obj.get("start").and_then(|f| rungs.resolve(f, &child("start"), problems)).unwrap_or(0);
        let red_line = obj
            .require("red_line", "a table of rung = probability (keys: rung names or \"never\")", problems)
            .and_then(|f| rungs.distribution(f, &child("red_line"), problems));
        for (key, slot) in [
            ("stake", &mut params.stake),
            ("concede_value", &mut params.concede_value),
            ("disaster_value", &mut params.disaster_value),
        ] {
            if let Some(f) = obj.get(key) {
                *slot = number(f, &child(key), problems).unwrap_or(*slot);
            }
        }
        for (key, slot) in
            [("audience_cost", &mut params.audience_cost), ("reputation_weight", &mut params.reputation_weight)]
        {
            if let Some(f) = obj.get(key) {
                *slot = number_at_least(f, &child(key), 0.0, problems).unwrap_or(*slot);
            }
        }
        if let Some(f) = obj.get("response_prob") {
            params.response_prob = probability(f, &child("response_prob"), problems).unwrap_or(params.response_prob);
        }
        if let Some(f) = obj.get("response_margin") {
            params.response_margin = integer(f, &child("response_margin"), 0, 8, problems).unwrap_or(0) as u8;
        }
        if let Some(f) = obj.get("rationality") {
            params.rationality = rationality(f, &child("rationality"), problems).unwrap_or(params.rationality);
        }
        if let Some(f) = obj.get("lookahead") {
            params.lookahead = integer(f, &child("lookahead"), 1, 4, problems).unwrap_or(1) as u8;
        }
        if let Some(f) = obj.get("max_step") {
            params.max_step =
                integer(f, &child("max_step"), 1, brink_engine::utility::MAX_STEP as i64, problems).unwrap_or(1) as u8;
        }
        if let Some(f) = obj.get("min_rung") {
            params.min_rung = rungs.resolve(f, &child("min_rung"), problems).unwrap_or(params.min_rung);
        }
        if let Some(f) = obj.get("max_rung") {
            params.max_rung = rungs.resolve(f, &child("max_rung"), problems).unwrap_or(params.max_rung);
        }
        if params.min_rung > params.max_rung {
            problems.report(&child("min_rung"), obj.span(), "min_rung is above max_rung");
        }
        if let Some(f) = obj.get("can_concede") {
            params.can_concede = boolean(f, &child("can_concede"), problems).unwrap_or(true);
        }
        if let Some(f) = obj.get("answer") {
            params.answer = match string(f, &child("answer"), problems) {
                Some("rule") => AnswerMode::Rule,
                Some("decision") => AnswerMode::Decision,
                Some(other) => {
                    problems.report(
                        &child("answer"),
                        f.span(),
                        format!("unknown answer mode `{other}`; expected \"rule\" or \"decision\""),
                    );
                    AnswerMode::Rule
                }
                None => AnswerMode::Rule,
            };
        }
        if let Some(f) = obj.get("answer_cost") {
            params.answer_cost = number_at_least(f, &child("answer_cost"), 0.0, problems).unwrap_or(0.0);
        }
        if let Some(f) = obj.get("prevail_belief") {
            params.prevail_belief = probability(f, &child("prevail_belief"), problems);
        }
        if let Some(f) = obj.get("weariness") {
            params.weariness = number_at_least(f, &child("weariness"), 0.0, problems).unwrap_or(0.0);
        }
        if let Some(f) = obj.get("coercion") {
            params.coercion = boolean(f, &child("coercion"), problems).unwrap_or(false);
        }
        let policy = match obj.get("policy") {
            Some(f) => read_policy(f, &child("policy"), &rungs, problems),
            None => Some(PolicyKind::LogitEu),
        };
        let warning = obj.get("warning").and_then(|f| read_warning(f, &child("warning"), &rungs, problems));
        let signal = obj.get("signal").and_then(|f| {
            let prior = red_line.as_ref().map(RedLinePrior::probs);
            read_signal(f, &child("signal"), &rungs, params.audience_cost, prior, problems)
        });
        if let Some(f) = obj.get("beliefs")
            && let Some(beliefs) = Obj::of(f.item, &child("beliefs"), problems)
        {
            belief_fields.push((index, beliefs));
        }
        obj.finish(&ACTOR_KEYS, problems);
        if let (Some(camp), Some(red_line), Some(policy)) = (actor_camps[index], red_line, policy) {
            actors.push(Actor { name, camp, start, params, red_line, beliefs: Vec::new(), policy, warning, signal });
        }
    }
    let actors_complete = actors.len() == actor_names.len();

    // Beliefs need every actor's camp and prior.
    for (holder, mut beliefs) in belief_fields {
        for (about_name, span, field) in beliefs.entries() {
            let path = beliefs.child(&about_name);
            let Some(about) = actor_names.iter().position(|n| *n == about_name) else {
                problems.report(
                    &path,
                    span,
                    format!("unknown actor `{about_name}`; expected one of: {}", actor_names.join(", ")),
                );
                continue;
            };
            if actor_camps[holder].is_some() && actor_camps[holder] == actor_camps[about] {
                problems.report(
                    &path,
                    span,
                    format!("`{about_name}` is in the same camp: beliefs are about adversaries"),
                );
                continue;
            }
            let Some(mut obj) = Obj::of(field.item, &path, problems) else {
                continue;
            };
            let prior = match obj.get("prior") {
                Some(f) => rungs.distribution(f, &format!("{path}.prior"), problems),
                None => actors.get(about).filter(|_| actors_complete).map(|a| a.red_line.clone()),
            };
            let bias = obj.get("bias").and_then(|f| number(f, &format!("{path}.bias"), problems)).unwrap_or(0.0);
            let update_weight = obj
                .get("update_weight")
                .and_then(|f| probability(f, &format!("{path}.update_weight"), problems))
                .unwrap_or(1.0);
            if let Some(prior) = &prior
                && !brink_engine::belief::bias_is_representable(prior.probs(), bias)
            {
                // exp(bias·ρ) would leave red lines the prior allows with less weight than a
                // 64-bit float holds: they would silently become impossible.
                let field = obj.get("bias");
                problems.report(
                    &format!("{path}.bias"),
                    field.and_then(|f| f.span()),
                    format!(
                        "{bias:?} is too extreme for this prior: exp(bias·rung) leaves red lines the prior allows \
                         with no weight a 64-bit float can hold; |bias| can be at most about {} here \
                         (already at 50 nearly all weight is on the {} red line the prior allows)",
                        brink_engine::belief::bias_limit(prior.probs(), bias),
                        if bias > 0.0 { "highest" } else { "lowest" }
                    ),
                );
            }
            obj.finish(&["prior", "bias", "update_weight"], problems);
            if let (Some(prior), true) = (prior, actors_complete) {
                actors[holder].beliefs.push(BeliefSpec { about, prior, bias, update_weight });
            }
        }
    }

    // [[events]]
    let mut events = Vec::new();
    // Each actor's red-line prior, for the defaults of signals that events send.
    let priors: Vec<Option<&[f64]>> =
        actor_names.iter().map(|name| actors.iter().find(|a| &a.name == name).map(|a| a.red_line.probs())).collect();
    if let Some(f) = root.get("events") {
        match f.item.as_array_of_tables() {
            Some(array) => {
                let mut labelled = Vec::new();
                for (index, table) in array.iter().enumerate() {
                    let obj = Obj::from_table(table, &format!("events.{index}"));
                    if let Some(event) = read_event(obj, &actor_names, &priors, &rungs, problems) {
                        let label = table.get("label").and_then(|l| l.as_str()).map(str::to_owned);
                        labelled.push((event.turn, label));
                        events.push(event);
                    }
                }
                // The engine orders events by turn (a stable sort): the labels follow.
                labelled.sort_by_key(|(turn, _)| *turn);
                info.event_labels = labelled.into_iter().map(|(_, label)| label).collect();
            }
            None => {
                problems.report("events", f.span(), format!("expected [[events]] tables, found {}", describe(f.item)))
            }
        }
    }

    // [rules]
    let mut rules = Rules {
        turn_order: TurnOrder::Sequential,
        order: (0..actor_names.len()).collect(),
        max_turns: 52,
        settle_after_quiet_turns: 8,
        settle_at_or_below: top,
        miscalculation_threshold: 0.5,
        weariness_from: None,
        bargaining: None,
        circuit_breaker: None,
        treaty: None,
        mediation: None,
        back_channel: None,
    };
    if let Some(f) = root.get("rules")
        && let Some(mut obj) = Obj::of(f.item, "rules", problems)
    {
        if let Some(f) = obj.get("turn_order") {
            match string(f, "rules.turn_order", problems) {
                Some("sequential") => rules.turn_order = TurnOrder::Sequential,
                Some("simultaneous") => rules.turn_order = TurnOrder::Simultaneous,
                Some(other) => problems.report(
                    "rules.turn_order",
                    f.span(),
                    format!("unknown turn order `{other}`; expected sequential or simultaneous"),
                ),
                None => {}
            }
        }
        if let Some(f) = obj.get("order")
            && let Some(order) = read_order(f, &actor_names, problems)
        {
            rules.order = order;
        }
        if let Some(f) = obj.get("max_turns") {
            rules.max_turns = integer(f, "rules.max_turns", 1, 100_000, problems).unwrap_or(52) as u32;
        }
        if let Some(f) = obj.get("settle_after_quiet_turns") {
            rules.settle_after_quiet_turns =
                integer(f, "rules.settle_after_quiet_turns", 0, 100_000, problems).unwrap_or(8) as u32;
        }
        if let Some(f) = obj.get("settle_at_or_below") {
            rules.settle_at_or_below = rungs.resolve(f, "rules.settle_at_or_below", problems).unwrap_or(top);
        }
        if let Some(f) = obj.get("bargaining")
            && let Some(mut terms) = Obj::of(f.item, "rules.bargaining", problems)
        {
            let low = terms
                .require(
                    "low",
                    "the lower end of each side's belief about the other's value of fighting on, in [0, 1]",
                    problems,
                )
                .and_then(|f| probability(f, "rules.bargaining.low", problems));
            let high = terms
                .require("high", "the upper end of that belief, in [low, 1]", problems)
                .and_then(|f| probability(f, "rules.bargaining.high", problems));
            if let (Some(low), Some(high)) = (low, high) {
                if low > high {
                    problems.report("rules.bargaining.high", f.span(), "high must not be below low");
                } else {
                    rules.bargaining = Some(Bargaining { low, high });
                }
            }
            terms.finish(&["low", "high"], problems);
        }
        if let Some(f) = obj.get("weariness_from") {
            rules.weariness_from = rungs.resolve(f, "rules.weariness_from", problems);
        }
        if let Some(f) = obj.get("circuit_breaker")
            && let Some(mut terms) = Obj::of(f.item, "rules.circuit_breaker", problems)
        {
            rules.circuit_breaker = read_circuit_breaker(&mut terms, &rungs, problems);
            terms.finish(&["at_rung", "pause_turns"], problems);
        }
        if let Some(f) = obj.get("treaty")
            && let Some(mut terms) = Obj::of(f.item, "rules.treaty", problems)
        {
            rules.treaty = read_treaty(&mut terms, &rungs, problems);
            terms.finish(&["cap", "breakout_prob"], problems);
        }
        if let Some(f) = obj.get("mediation")
            && let Some(mut terms) = Obj::of(f.item, "rules.mediation", problems)
        {
            rules.mediation = read_mediation(&mut terms, problems);
            terms.finish(&MEDIATION_KEYS, problems);
        }
        if let Some(f) = obj.get("back_channel")
            && let Some(mut terms) = Obj::of(f.item, "rules.back_channel", problems)
        {
            rules.back_channel = read_back_channel(&mut terms, problems);
            terms.finish(&["audience_cost_factor", "turns"], problems);
        }
        if let Some(f) = obj.get("miscalculation_threshold") {
            rules.miscalculation_threshold = probability(f, "rules.miscalculation_threshold", problems).unwrap_or(0.5);
        }
        obj.finish(
            &[
                "turn_order",
                "order",
                "max_turns",
                "settle_after_quiet_turns",
                "settle_at_or_below",
                "miscalculation_threshold",
                "weariness_from",
                "bargaining",
                "circuit_breaker",
                "treaty",
                "mediation",
                "back_channel",
            ],
            problems,
        );
    }

    // [run]
    if let Some(f) = root.get("run")
        && let Some(mut obj) = Obj::of(f.item, "run", problems)
    {
        if let Some(f) = obj.get("runs") {
            info.default_runs = integer(f, "run.runs", 1, i64::MAX, problems).map(|n| n as u64);
        }
        if let Some(f) = obj.get("seed") {
            info.default_seed = integer(f, "run.seed", 0, i64::MAX, problems).map(|n| n as u64);
        }
        obj.finish(&["runs", "seed"], problems);
    }

    // [sources]
    if let Some(f) = root.get("sources")
        && let Some(mut obj) = Obj::of(f.item, "sources", problems)
    {
        for (key, _, value) in obj.entries() {
            if let Some(text) = string(value, &format!("sources.{key}"), problems) {
                info.sources.push((key, text.to_owned()));
            }
        }
    }
    // [consequences]: nuclear rung → strike plan (a bundled plan name or a path); the CLI loads
    // and assesses the plans, the engine never sees them.
    if let Some(f) = root.get("consequences")
        && let Some(mut obj) = Obj::of(f.item, "consequences", problems)
    {
        let nuclear: Vec<&str> = drafts.iter().filter(|d| d.nuclear).map(|d| d.name.as_str()).collect();
        for (key, span, value) in obj.entries() {
            let path = format!("consequences.{key}");
            let Some(plan) = string(value, &path, problems) else { continue };
            match drafts.iter().find(|d| d.name == key) {
                Some(d) if d.nuclear => info.strike_plans.push((key, plan.to_owned())),
                found => problems.report(
                    &path,
                    span,
                    format!(
                        "{} `{key}`: strike plans attach to nuclear rungs: {}",
                        if found.is_some() { "not a nuclear rung" } else { "unknown rung" },
                        nuclear.join(", ")
                    ),
                ),
            }
        }
    }
    root.finish(&["scenario", "ladder", "actors", "events", "rules", "run", "sources", "consequences"], problems);

    if !problems.list.is_empty() {
        return None;
    }
    let ladder = ladder?;
    match Scenario::new(info.name.clone(), ladder, camps, actors, events, rules) {
        Ok(scenario) => Some((scenario, info)),
        Err(error) => {
            problems.report("", None, error.to_string());
            None
        }
    }
}

fn valid_identifier(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn rationality(field: Field<'_>, path: &str, problems: &mut Problems) -> Option<f64> {
    if let Some(text) = field.item.as_str() {
        if text == "inf" {
            return Some(f64::INFINITY);
        }
        problems.report(path, field.span(), format!("expected a number ≥ 0 or \"inf\", found \"{text}\""));
        return None;
    }
    if let Some(x) = field.item.as_float().filter(|x| x.is_infinite() && *x > 0.0) {
        return Some(x);
    }
    number_at_least(field, path, 0.0, problems)
}

fn read_policy(field: Field<'_>, path: &str, rungs: &Rungs<'_>, problems: &mut Problems) -> Option<PolicyKind> {
    const NAMES: &str = "logit, equilibrium, level-k, threshold, hawk, dove, hold, tit-for-tat, random-walk";
    let simple = |kind: &str| match kind {
        "logit" => Some(PolicyKind::LogitEu),
        "hawk" => Some(PolicyKind::Hawk),
        "dove" => Some(PolicyKind::Dove),
        "hold" => Some(PolicyKind::Hold),
        "tit-for-tat" => Some(PolicyKind::TitForTat),
        "equilibrium" => Some(PolicyKind::Equilibrium { turns: 1, strategy: None }),
        _ => None,
    };
    if let Some(kind) = field.item.as_str() {
        let policy = simple(kind);
        if policy.is_none() {
            problems.report(path, field.span(), format!("unknown policy `{kind}`; expected one of: {NAMES} (level-k, threshold and random-walk take a table)"));
        }
        return policy;
    }
    let mut obj = Obj::of(field.item, path, problems)?;
    let kind_field = obj.require("kind", &format!("one of: {NAMES}"), problems)?;
    let kind = string(kind_field, &obj.child("kind"), problems)?;
    let policy = match kind {
        "level-k" => {
            let level = obj
                .require("level", "an integer 0..=4", problems)
                .and_then(|f| integer(f, &format!("{path}.level"), 0, 4, problems))?;
            Some(PolicyKind::LevelK { level: level as u8 })
        }
        "threshold" => {
            let target = obj
                .require("target", "a rung", problems)
                .and_then(|f| rungs.resolve(f, &format!("{path}.target"), problems));
            let concede_at = obj.get("concede_at").map(|f| rungs.resolve(f, &format!("{path}.concede_at"), problems));
            let concede_prob = obj
                .get("concede_prob")
                .map_or(Some(0.0), |f| probability(f, &format!("{path}.concede_prob"), problems));
            match (target, concede_at, concede_prob) {
                (Some(target), None, Some(concede_prob)) => {
                    Some(PolicyKind::Threshold { target, concede_at: None, concede_prob })
                }
                (Some(target), Some(Some(at)), Some(concede_prob)) => {
                    Some(PolicyKind::Threshold { target, concede_at: Some(at), concede_prob })
                }
                _ => None,
            }
        }
        "equilibrium" => {
            let turns = obj.get("turns").map_or(Some(1), |f| {
                integer(f, &format!("{path}.turns"), 1, i64::from(brink_engine::model::MAX_EQUILIBRIUM_TURNS), problems)
            })?;
            Some(PolicyKind::Equilibrium { turns: turns as u32, strategy: None })
        }
        "random-walk" => {
            let up = obj
                .require("up", "a probability", problems)
                .and_then(|f| probability(f, &format!("{path}.up"), problems));
            let down = obj
                .require("down", "a probability", problems)
                .and_then(|f| probability(f, &format!("{path}.down"), problems));
            match (up, down) {
                (Some(up), Some(down)) if up + down <= 1.0 + 1e-12 => Some(PolicyKind::RandomWalk { up, down }),
                (Some(_), Some(_)) => {
                    problems.report(path, obj.span(), "up + down must not exceed 1");
                    None
                }
                _ => None,
            }
        }
        other => match simple(other) {
            Some(policy) => Some(policy),
            None => {
                problems.report(
                    &obj.child("kind"),
                    kind_field.span(),
                    format!("unknown policy `{other}`; expected one of: {NAMES}"),
                );
                None
            }
        },
    };
    obj.finish(&["kind", "level", "target", "concede_at", "concede_prob", "up", "down", "turns"], problems);
    policy
}

fn read_order(field: Field<'_>, actor_names: &[String], problems: &mut Problems) -> Option<Vec<usize>> {
    let Some(array) = field.item.as_array() else {
        problems.report(
            "rules.order",
            field.span(),
            format!("expected an array of actor names, found {}", describe(field.item)),
        );
        return None;
    };
    let mut order = Vec::new();
    for value in array.iter() {
        match value.as_str().and_then(|name| actor_names.iter().position(|n| n == name)) {
            Some(index) if !order.contains(&index) => order.push(index),
            Some(_) => problems.report("rules.order", value.span(), "an actor is listed twice"),
            None => problems.report(
                "rules.order",
                value.span(),
                format!("expected an actor name, one of: {}", actor_names.join(", ")),
            ),
        }
    }
    if order.len() != actor_names.len() {
        problems.report("rules.order", field.span(), format!("must list every actor once: {}", actor_names.join(", ")));
        return None;
    }
    Some(order)
}

fn read_event(
    mut obj: Obj<'_>,
    actor_names: &[String],
    priors: &[Option<&[f64]>],
    rungs: &Rungs<'_>,
    problems: &mut Problems,
) -> Option<Event> {
    let path = obj.path.clone();
    let child = |key: &str| format!("{path}.{key}");
    let turn = obj
        .require("turn", "the turn (≥ 1) at whose start it applies", problems)
        .and_then(|f| integer(f, &child("turn"), 1, 100_000, problems));
    let prob = obj.get("prob").map_or(Some(1.0), |f| probability(f, &child("prob"), problems));
    for key in ["label", "source", "date"] {
        if let Some(f) = obj.get(key) {
            string(f, &child(key), problems);
        }
    }
    let kind_field = obj.require("kind", EVENT_KINDS, problems);
    let kind = kind_field.and_then(|f| string(f, &child("kind"), problems));
    let event_kind = match kind {
        Some("force") => {
            let actor = event_actor(&mut obj, actor_names, problems);
            let rung = obj
                .require("rung", "the rung the actor moves to", problems)
                .and_then(|f| rungs.resolve(f, &child("rung"), problems));
            actor.zip(rung).map(|(actor, rung)| EventKind::Force { actor, rung })
        }
        Some("permit") => {
            let actor = event_actor(&mut obj, actor_names, problems);
            let min_rung = obj.get("min_rung").map(|f| rungs.resolve(f, &child("min_rung"), problems));
            let max_rung = obj.get("max_rung").map(|f| rungs.resolve(f, &child("max_rung"), problems));
            let max_step = obj
                .get("max_step")
                .map(|f| integer(f, &child("max_step"), 1, brink_engine::utility::MAX_STEP as i64, problems));
            let can_concede = obj.get("can_concede").map(|f| boolean(f, &child("can_concede"), problems));
            if min_rung.is_none() && max_rung.is_none() && max_step.is_none() && can_concede.is_none() {
                problems.report(&path, obj.span(), "a permit event needs min_rung, max_rung, max_step or can_concede");
            }
            let failed = matches!(min_rung, Some(None))
                || matches!(max_rung, Some(None))
                || matches!(max_step, Some(None))
                || matches!(can_concede, Some(None));
            match actor {
                Some(actor) if !failed => Some(EventKind::Permit {
                    actor,
                    min_rung: min_rung.flatten(),
                    max_rung: max_rung.flatten(),
                    max_step: max_step.flatten().map(|s| s as u8),
                    can_concede: can_concede.flatten(),
                }),
                _ => None,
            }
        }
        Some("set") => {
            let param = obj.require("path", "a parameter path such as actors.russia.response_prob", problems).and_then(|f| {
                let text = string(f, &child("path"), problems)?;
                let param = parse_param(text, actor_names, rungs);
                if param.is_none() {
                    problems.report(&child("path"), f.span(), format!("`{text}` is not a settable parameter; expected actors.NAME.{{stake, concede_value, disaster_value, response_prob, audience_cost, reputation_weight, rationality}} or ladder.rungs.RUNG.{{accident_rate, chance_hazard}}"));
                }
                param
            });
            let value = obj.require("value", "a number", problems).and_then(|f| {
                if f.item.as_str() == Some("inf") { Some(f64::INFINITY) } else { number(f, &child("value"), problems) }
            });
            match (param, value) {
                (Some(param), Some(value)) => {
                    let valid = match param {
                        Param::ResponseProb(_) | Param::AccidentRate(_) | Param::ChanceHazard(_) => {
                            (0.0..=1.0).contains(&value)
                        }
                        Param::Rationality(_) => value >= 0.0,
                        _ => value.is_finite(),
                    };
                    if valid {
                        Some(EventKind::Set { param, value })
                    } else {
                        problems.report(
                            &child("value"),
                            obj.span(),
                            format!("{value} is out of range for this parameter"),
                        );
                        None
                    }
                }
                _ => None,
            }
        }
        Some("circuit_breaker") => read_circuit_breaker(&mut obj, rungs, problems).map(EventKind::CircuitBreaker),
        Some("treaty") => read_treaty(&mut obj, rungs, problems).map(EventKind::Treaty),
        Some("signal") => {
            let actor = event_actor(&mut obj, actor_names, problems);
            // An inline `signal = { … }` says what is declared; without it, the actor's own.
            match obj.get("signal") {
                Some(f) => {
                    let prior = actor.and_then(|a| priors.get(a).copied().flatten());
                    let signal = read_signal(f, &child("signal"), rungs, f64::NAN, prior, problems);
                    actor.zip(signal).map(|(actor, signal)| EventKind::Signal { actor, signal: Some(signal) })
                }
                None => actor.map(|actor| EventKind::Signal { actor, signal: None }),
            }
        }
        Some("mediation") => read_mediation(&mut obj, problems).map(EventKind::Mediation),
        Some("back_channel") => read_back_channel(&mut obj, problems).map(EventKind::BackChannel),
        Some(other) => {
            problems.report(
                &child("kind"),
                kind_field.and_then(|f| f.span()),
                format!("unknown event kind `{other}`; expected {EVENT_KINDS}"),
            );
            None
        }
        None => None,
    };
    obj.finish(
        &[
            "turn",
            "kind",
            "prob",
            "label",
            "source",
            "date",
            "actor",
            "rung",
            "min_rung",
            "max_rung",
            "max_step",
            "can_concede",
            "path",
            "value",
            "at_rung",
            "pause_turns",
            "cap",
            "breakout_prob",
            "audience_cost_factor",
            "share",
            "turns",
            "signal",
        ],
        problems,
    );
    Some(Event { turn: turn? as u32, prob: prob?, kind: event_kind? })
}

/// `[actors.NAME.warning]`: early-warning false alarms and the launch-on-warning posture
/// (docs/MODEL.md §14). Every key defaults to no false alarm: rate 0 from the bottom rung,
/// launch chance 0.
fn read_warning(field: Field<'_>, path: &str, rungs: &Rungs<'_>, problems: &mut Problems) -> Option<Warning> {
    let mut obj = Obj::of(field.item, path, problems)?;
    let mut ok = true;
    let mut probability_of = |key: &str, obj: &mut Obj<'_>, problems: &mut Problems| match obj.get(key) {
        Some(f) => probability(f, &format!("{path}.{key}"), problems).or_else(|| {
            ok = false;
            None
        }),
        None => Some(0.0),
    };
    let false_alarm_rate = probability_of("false_alarm_rate", &mut obj, problems);
    let launch_on_warning = probability_of("launch_on_warning", &mut obj, problems);
    let from_rung = match obj.get("from_rung") {
        Some(f) => rungs.resolve(f, &format!("{path}.from_rung"), problems),
        None => Some(0),
    };
    if let (Some(from), Some(f), Some(w)) = (from_rung, false_alarm_rate, launch_on_warning)
        && f * w > 0.0
        && !rungs.nuclear[from..].iter().any(|&n| n)
    {
        problems.report(
            &format!("{path}.from_rung"),
            obj.get("from_rung").and_then(|f| f.span()).or(obj.span()),
            "a launch on warning needs a nuclear rung at or above from_rung; none is",
        );
        ok = false;
    }
    obj.finish(&["false_alarm_rate", "from_rung", "launch_on_warning"], problems);
    if !ok {
        return None;
    }
    Some(Warning { false_alarm_rate: false_alarm_rate?, from_rung: from_rung?, launch_on_warning: launch_on_warning? })
}

/// The kinds of events, for messages.
const EVENT_KINDS: &str = "force, permit, set, circuit_breaker, treaty, signal, mediation or back_channel";

/// The keys of a mediator.
const MEDIATION_KEYS: [&str; 3] = ["audience_cost_factor", "share", "turns"];

/// `[actors.NAME.signal]` (docs/MODEL.md §16): `kind` (costly or cheap, required), `declare`
/// (`"red_line"`, the default, or a rung), `bluff` (default 0 for costly signals, 1 for cheap
/// talk), `bluff_rung` (default the lowest rung the sender's red-line prior allows), `cost`
/// (costly: default the actor's audience cost; cheap: 0) and `turn` (default 1; 0: only events
/// send it). An event's inline signal passes a NaN `audience_cost`: its costly signals state
/// their cost.
fn read_signal(
    field: Field<'_>,
    path: &str,
    rungs: &Rungs<'_>,
    audience_cost: f64,
    prior: Option<&[f64]>,
    problems: &mut Problems,
) -> Option<Signal> {
    let mut obj = Obj::of(field.item, path, problems)?;
    let child = |key: &str| format!("{path}.{key}");
    let kind = obj.require("kind", "\"costly\" or \"cheap\"", problems).and_then(|f| {
        match string(f, &child("kind"), problems)? {
            "costly" => Some(SignalKind::Costly),
            "cheap" => Some(SignalKind::Cheap),
            other => {
                problems.report(
                    &child("kind"),
                    f.span(),
                    format!("unknown signal kind `{other}`; expected \"costly\" or \"cheap\""),
                );
                None
            }
        }
    });
    let declare = match obj.get("declare") {
        Some(f) if f.item.as_str() == Some("red_line") => Some(Declaration::RedLine),
        Some(f) => rungs.resolve(f, &child("declare"), problems).map(Declaration::Rung),
        None => Some(Declaration::RedLine),
    };
    let bluff = match obj.get("bluff") {
        Some(f) => probability(f, &child("bluff"), problems),
        None => kind.map(|k| if k == SignalKind::Cheap { 1.0 } else { 0.0 }),
    };
    let lowest_possible = prior.and_then(|p| p[..rungs.names.len()].iter().position(|&x| x > 0.0)).unwrap_or(0);
    let bluff_rung = match obj.get("bluff_rung") {
        Some(f) => rungs.resolve(f, &child("bluff_rung"), problems),
        None => Some(lowest_possible),
    };
    let cost = match (obj.get("cost"), kind) {
        (Some(f), Some(SignalKind::Cheap)) => {
            let cost = number(f, &child("cost"), problems)?;
            if cost != 0.0 {
                problems.report(
                    &child("cost"),
                    f.span(),
                    "cheap talk costs nothing: cost must be 0 (or use kind = \"costly\")",
                );
                return None;
            }
            Some(0.0)
        }
        (Some(f), _) => number_at_least(f, &child("cost"), 0.0, problems),
        (None, Some(SignalKind::Cheap)) => Some(0.0),
        (None, _) if audience_cost.is_nan() => {
            problems.report(
                &child("cost"),
                obj.span(),
                "a costly signal sent by an event needs its cost (a number ≥ 0)",
            );
            None
        }
        (None, _) => Some(audience_cost.max(0.0)),
    };
    let turn = match obj.get("turn") {
        Some(f) => integer(f, &child("turn"), 0, 100_000, problems),
        None => Some(1),
    };
    obj.finish(&["kind", "declare", "bluff", "bluff_rung", "cost", "turn"], problems);
    Some(Signal {
        kind: kind?,
        declare: declare?,
        bluff: bluff?,
        bluff_rung: bluff_rung?,
        cost: cost?,
        turn: turn? as u32,
    })
}

/// A mediator (`[rules.mediation]` or an event): `audience_cost_factor` (default 0.5), `share`
/// (default 0.5) and `turns` (default 0: until the run ends).
fn read_mediation(obj: &mut Obj<'_>, problems: &mut Problems) -> Option<Mediation> {
    let path = obj.path.clone();
    let factor = match obj.get("audience_cost_factor") {
        Some(f) => probability(f, &format!("{path}.audience_cost_factor"), problems),
        None => Some(0.5),
    };
    let share = match obj.get("share") {
        Some(f) => probability(f, &format!("{path}.share"), problems),
        None => Some(0.5),
    };
    let turns = match obj.get("turns") {
        Some(f) => integer(f, &format!("{path}.turns"), 0, 100_000, problems),
        None => Some(0),
    };
    Some(Mediation { audience_cost_factor: factor?, share: share?, turns: turns? as u32 })
}

/// A back channel (`[rules.back_channel]` or an event): `audience_cost_factor` (default 0) and
/// `turns` (default 0: until the run ends).
fn read_back_channel(obj: &mut Obj<'_>, problems: &mut Problems) -> Option<BackChannel> {
    let path = obj.path.clone();
    let factor = match obj.get("audience_cost_factor") {
        Some(f) => probability(f, &format!("{path}.audience_cost_factor"), problems),
        None => Some(0.0),
    };
    let turns = match obj.get("turns") {
        Some(f) => integer(f, &format!("{path}.turns"), 0, 100_000, problems),
        None => Some(0),
    };
    Some(BackChannel { audience_cost_factor: factor?, turns: turns? as u32 })
}

/// A circuit breaker (`[rules.circuit_breaker]` or an event): `at_rung` (default the top rung)
/// and `pause_turns` (integer ≥ 0, default 0: no pause).
fn read_circuit_breaker(obj: &mut Obj<'_>, rungs: &Rungs<'_>, problems: &mut Problems) -> Option<CircuitBreaker> {
    let path = obj.path.clone();
    let at_rung = match obj.get("at_rung") {
        Some(f) => rungs.resolve(f, &format!("{path}.at_rung"), problems),
        None => Some(rungs.names.len().saturating_sub(1)),
    };
    let pause_turns = match obj.get("pause_turns") {
        Some(f) => integer(f, &format!("{path}.pause_turns"), 0, 100_000, problems),
        None => Some(0),
    };
    Some(CircuitBreaker { at_rung: at_rung?, pause_turns: pause_turns? as u32 })
}

/// A treaty cap (`[rules.treaty]` or an event): `cap` (default the top rung: no cap) and
/// `breakout_prob` (probability per turn, default 0).
fn read_treaty(obj: &mut Obj<'_>, rungs: &Rungs<'_>, problems: &mut Problems) -> Option<Treaty> {
    let path = obj.path.clone();
    let cap = match obj.get("cap") {
        Some(f) => rungs.resolve(f, &format!("{path}.cap"), problems),
        None => Some(rungs.names.len().saturating_sub(1)),
    };
    let breakout_prob = match obj.get("breakout_prob") {
        Some(f) => probability(f, &format!("{path}.breakout_prob"), problems),
        None => Some(0.0),
    };
    Some(Treaty { cap: cap?, breakout_prob: breakout_prob? })
}

fn event_actor(obj: &mut Obj<'_>, actor_names: &[String], problems: &mut Problems) -> Option<usize> {
    let path = obj.child("actor");
    let field = obj.require("actor", "an actor name", problems)?;
    let name = string(field, &path, problems)?;
    let found = actor_names.iter().position(|n| n == name);
    if found.is_none() {
        problems.report(
            &path,
            field.span(),
            format!("unknown actor `{name}`; expected one of: {}", actor_names.join(", ")),
        );
    }
    found
}

fn parse_param(text: &str, actor_names: &[String], rungs: &Rungs<'_>) -> Option<Param> {
    let parts: Vec<&str> = text.split('.').collect();
    match parts.as_slice() {
        ["actors", name, field] => {
            let a = actor_names.iter().position(|n| n == name)?;
            Some(match *field {
                "stake" => Param::Stake(a),
                "concede_value" => Param::ConcedeValue(a),
                "disaster_value" => Param::DisasterValue(a),
                "response_prob" => Param::ResponseProb(a),
                "audience_cost" => Param::AudienceCost(a),
                "reputation_weight" => Param::ReputationWeight(a),
                "rationality" => Param::Rationality(a),
                _ => return None,
            })
        }
        ["ladder", "rungs", rung, field] => {
            let r = rungs
                .names
                .iter()
                .position(|n| n == rung)
                .or_else(|| rung.parse().ok().filter(|&i: &usize| i < rungs.names.len()))?;
            match *field {
                "accident_rate" => Some(Param::AccidentRate(r)),
                "chance_hazard" => Some(Param::ChanceHazard(r)),
                _ => None,
            }
        }
        _ => None,
    }
}
