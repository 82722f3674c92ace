//! Every bundled scenario and preset is valid and cites its sources.

#[test]
fn every_preset_parses_and_cites_a_source() {
    for name in brink_scenario::presets::names() {
        let preset = brink_scenario::presets::get(name).unwrap();
        assert!(!preset.source.is_empty() && !preset.title.is_empty(), "{name}");
        assert!(preset.rung_names().len() >= 2, "{name}");
    }
    let counts: Vec<usize> = ["seed9", "kahn44", "swarm10", "payne30"]
        .iter()
        .map(|n| brink_scenario::presets::get(n).unwrap().rung_names().len())
        .collect();
    // seed9: the nine steps; kahn44: Kahn's 44 rungs plus the "cold war" floor; swarm10; payne30.
    assert_eq!(counts, [9, 45, 10, 30]);
}

#[test]
fn every_bundled_scenario_loads_and_states_its_question_and_sources() {
    for name in brink_scenario::bundled::names() {
        let loaded = brink_scenario::load_bundled(name, &[]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(loaded.scenario.name, name);
        assert!(loaded.info.question.as_deref().is_some_and(|q| !q.is_empty()), "{name}: no question");
        assert!(loaded.info.sources.len() >= 5, "{name}: too few sources");
    }
}

/// Every field of fog of war, early warning, circuit breakers, treaty caps, signals, mediation
/// and back channels written out where it does nothing (`confusion` with zero probabilities, a
/// warning with no alarms, a breaker with no pause, a treaty capped at the top that never
/// breaks down, a signal no event sends, a mediator that passes nothing and leaves audience
/// costs alone, a back channel that leaves them alone where nobody declares) leaves every bundled scenario's runs
/// bit-identical to the file without them: every record, path and trajectory.
#[test]
fn new_fields_at_their_defaults_change_no_bundled_result() {
    use toml_edit::{DocumentMut, Item, Table, value};
    for name in brink_scenario::bundled::names() {
        let text = brink_scenario::bundled::text(name).unwrap();
        let plain = brink_scenario::load_bundled(name, &[]).unwrap();
        let top = plain.scenario.ladder.top() as i64;
        let mut doc: DocumentMut = text.parse().unwrap();
        let actors = doc["actors"].as_table_mut().unwrap();
        // Fields a scenario sets itself (autumn-1983's warning and confusion) are kept.
        for (_, actor) in actors.iter_mut().filter(|(_, actor)| !actor.as_table().unwrap().contains_key("warning")) {
            let mut warning = Table::new();
            warning["false_alarm_rate"] = value(0.0);
            warning["from_rung"] = value(0);
            warning["launch_on_warning"] = value(0.0);
            actor.as_table_mut().unwrap().insert("warning", Item::Table(warning));
        }
        for (_, actor) in actors.iter_mut() {
            let mut signal = Table::new();
            signal["kind"] = value("cheap");
            signal["turn"] = value(0);
            assert!(
                actor.as_table_mut().unwrap().insert("signal", Item::Table(signal)).is_none(),
                "{name}: extend this test"
            );
        }
        let ladder = doc["ladder"].as_table_mut().unwrap();
        let listed: Vec<String> = ladder
            .get("rungs")
            .and_then(Item::as_array_of_tables)
            .map(|a| a.iter().filter_map(|t| t.get("name").and_then(|n| n.as_str()).map(str::to_owned)).collect())
            .unwrap_or_default();
        if !ladder.contains_key("rungs") {
            ladder.insert("rungs", Item::ArrayOfTables(Default::default()));
        }
        let rungs = ladder["rungs"].as_array_of_tables_mut().unwrap();
        for rung in rungs.iter_mut().filter(|rung| !rung.contains_key("confusion")) {
            rung["confusion"] = toml_edit::Item::Value("{ \"+1\" = 0.0, \"-1\" = 0.0 }".parse().unwrap());
        }
        // Preset rungs the file does not list get an entry of their own.
        for rung in plain.scenario.ladder.rungs().iter().filter(|r| !listed.contains(&r.name)) {
            let mut table = Table::new();
            table["name"] = value(rung.name.clone());
            table["confusion"] = toml_edit::Item::Value("{}".parse().unwrap());
            rungs.push(table);
        }
        if !doc.contains_key("rules") {
            doc.insert("rules", Item::Table(Table::new()));
        }
        let rules = doc["rules"].as_table_mut().unwrap();
        let mut breaker = Table::new();
        breaker["at_rung"] = value(top);
        breaker["pause_turns"] = value(0);
        assert!(!rules.contains_key("circuit_breaker") && !rules.contains_key("treaty"), "{name}: extend this test");
        rules.insert("circuit_breaker", Item::Table(breaker));
        let mut treaty = Table::new();
        treaty["cap"] = value(top);
        treaty["breakout_prob"] = value(0.0);
        rules.insert("treaty", Item::Table(treaty));
        let mut mediation = Table::new();
        mediation["audience_cost_factor"] = value(1.0);
        mediation["share"] = value(0.0);
        rules.insert("mediation", Item::Table(mediation));
        // A back channel makes declarations private: it does nothing only where nobody declares.
        if !plain.scenario.has_signals() {
            let mut back_channel = Table::new();
            back_channel["audience_cost_factor"] = value(1.0);
            rules.insert("back_channel", Item::Table(back_channel));
        }
        let written = brink_scenario::load_str("defaults.toml", &doc.to_string(), &[])
            .unwrap_or_else(|e| panic!("{name}: {e}\n{doc}"));
        assert!(written.scenario.actors.iter().all(|a| a.warning.is_some()), "{name}: the fields were read");
        assert!(written.scenario.rules.treaty.is_some() && written.scenario.rules.circuit_breaker.is_some());
        assert!(written.scenario.rules.mediation.is_some());
        assert_eq!(written.scenario.rules.back_channel.is_some(), !plain.scenario.has_signals());
        assert!(written.scenario.actors.iter().all(|a| a.signal.is_some()), "{name}: signals were read");
        let mut a = brink_engine::Simulator::new(&plain.scenario);
        let mut b = brink_engine::Simulator::new(&written.scenario);
        for simulator in [&mut a, &mut b] {
            simulator.set_record_paths(true);
            simulator.set_record_trajectories(true);
        }
        for run in 0..300 {
            assert_eq!(a.run(7, run), b.run(7, run), "{name}, run {run}");
        }
    }
}
