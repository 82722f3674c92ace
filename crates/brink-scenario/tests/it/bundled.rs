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
