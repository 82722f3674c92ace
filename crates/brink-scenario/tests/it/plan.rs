//! The strike-plan reader: bundled plans parse, problems are collected with positions.

use brink_scenario::plan::{self, PlanTarget, ResolvedCity};

fn resolver(query: &str) -> Result<ResolvedCity, String> {
    match query {
        "Hiroshima, JP" => Ok(ResolvedCity { display: "Hiroshima, JP".into(), lat_deg: 34.4, lon_deg: 132.45 }),
        other => Err(format!("unknown city `{other}`")),
    }
}

#[test]
fn bundled_plans_parse() {
    for name in plan::bundled::names() {
        let p = plan::load_plan(name, &resolver).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(p.name, name);
        assert!(!p.detonations.is_empty() && !p.sources.is_empty(), "{name}");
        assert_eq!(p.origin, format!("bundled:{name}"));
    }
    // Plan A-like: 3 phases, published weapon counts re-derived (tactical 300 + 180,
    // counterforce 600 + 300, countervalue 2 x (10 x 10 + 20 x 5)).
    let a = plan::load_plan("plan-a-2019", &resolver).unwrap();
    let weapons = |phase: &str| -> u32 {
        a.detonations.iter().filter(|d| d.phase.as_deref() == Some(phase)).map(|d| d.count).sum()
    };
    assert_eq!(weapons("tactical"), 480);
    assert_eq!(weapons("counterforce"), 900);
    assert_eq!(weapons("countervalue"), 400);
}

#[test]
fn a_city_target_and_defaults() {
    let p = plan::load_plan_str(
        "p.toml",
        "p",
        "[[detonation]]\ncity = \"Hiroshima, JP\"\nyield_kt = 15\nhob_m = 580\n",
        &resolver,
    )
    .unwrap();
    let d = &p.detonations[0];
    assert_eq!(d.count, 1);
    assert!(matches!(&d.target, PlanTarget::City { query, .. } if query == "Hiroshima, JP"));
    assert_eq!(d.display_label(), "Hiroshima, JP");
    assert_eq!(p.name, "p");
}

#[test]
fn every_problem_is_reported_with_its_position() {
    let text = "[[detonation]]\ncity = \"Nowhere, XX\"\nyield_kt = 0\nhob_m = 5\n\n[[detonation]]\nlat = 1\nlon = 2\nyield_kt = 1\nhob_m = 0\ncount = 2.5\n";
    let err = plan::load_plan_str("p.toml", "p", text, &resolver).unwrap_err();
    let shown = err.to_string();
    assert_eq!(err.diagnostics.len(), 3, "{shown}");
    assert!(shown.contains("p.toml:2:8: error: detonation.0.city: unknown city `Nowhere, XX`"), "{shown}");
    assert!(
        shown.contains("p.toml:3:12: error: detonation.0.yield_kt: expected a yield in (0, 100000] kt, found 0"),
        "{shown}"
    );
    assert!(shown.contains("p.toml:11:9: error: detonation.1.count: expected an integer"), "{shown}");
}

#[test]
fn scenarios_attach_plans_to_nuclear_rungs_only() {
    let ok = format!(
        "{}\n[consequences]\nstrategic-exchange = \"plan-a-2019\"\nlimited-nuclear-use = \"my.toml\"\n",
        crate::MINIMAL
    );
    let loaded = brink_scenario::load_str("s.toml", &ok, &[]).unwrap();
    assert_eq!(
        loaded.info.strike_plans,
        vec![
            ("strategic-exchange".to_owned(), "plan-a-2019".to_owned()),
            ("limited-nuclear-use".to_owned(), "my.toml".to_owned())
        ]
    );
    let bad = format!(
        "{}\n[consequences]\nnuclear-alert = \"x\"\nno-such-rung = \"y\"\nstrategic-exchange = 3\n",
        crate::MINIMAL
    );
    let err = brink_scenario::load_str("s.toml", &bad, &[]).unwrap_err().to_string();
    assert!(err.contains("consequences.nuclear-alert: not a nuclear rung `nuclear-alert`"), "{err}");
    assert!(err.contains("consequences.no-such-rung: unknown rung `no-such-rung`"), "{err}");
    assert!(err.contains("consequences.strategic-exchange: expected a string"), "{err}");
    assert!(err.contains("limited-nuclear-use, strategic-exchange"), "{err}");
}
