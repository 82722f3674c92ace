//! Small ready-made models for tests, examples and benchmarks. Real scenarios come from
//! `brink-scenario`; these exist so the engine can be exercised without any file.

use crate::model::{
    Actor, ActorParams, JumpDistribution, Ladder, PolicyKind, RedLinePrior, Rules, Rung, RungId, Scenario, TurnOrder,
};

/// A ladder of `rungs` rungs named `r0`, `r1`, …, with value = index, the top rung nuclear,
/// no costs, accidents or hazards, for `camps` camps.
pub fn plain_rungs(rungs: usize, camps: usize) -> Vec<Rung> {
    (0..rungs)
        .map(|index| Rung {
            name: format!("r{index}"),
            description: String::new(),
            value: index as f64,
            nuclear: index + 1 == rungs,
            public: true,
            cost: vec![0.0; camps],
            accident_rate: 0.0,
            accident_jump: JumpDistribution::step_up(),
            chance_hazard: 0.0,
            confusion: Vec::new(),
        })
        .collect()
}

/// Parameters of a best-responding actor allowed anywhere on a ladder with top `top`, who
/// never concedes (the scenario defaults otherwise).
pub fn params(top: RungId) -> ActorParams {
    ActorParams { can_concede: false, ..ActorParams::with_defaults(top) }
}

/// An actor with no red line and no beliefs set explicitly.
pub fn actor(name: &str, camp: usize, start: RungId, params: ActorParams, policy: PolicyKind, rungs: usize) -> Actor {
    Actor {
        name: name.to_owned(),
        camp,
        start,
        params,
        red_line: RedLinePrior::never(rungs),
        beliefs: Vec::new(),
        policy,
        warning: None,
        signal: None,
    }
}

/// Rules: sequential in actor order, `max_turns`, settlement disabled.
pub fn rules(actors: usize, max_turns: u32, top: RungId) -> Rules {
    Rules {
        turn_order: TurnOrder::Sequential,
        order: (0..actors).collect(),
        max_turns,
        settle_after_quiet_turns: u32::MAX,
        settle_at_or_below: top,
        miscalculation_threshold: 0.5,
        weariness_from: None,
        bargaining: None,
        circuit_breaker: None,
        treaty: None,
        mediation: None,
        back_channel: None,
    }
}

/// A teaching model: two logit actors in two camps on a 6-rung ladder whose rungs 2..=4 carry
/// chance hazard `hazard`, with uniform red-line priors over rungs 1..=4.
pub fn two_actor_ladder(hazard: f64) -> Scenario {
    let n = 6;
    let mut rungs = plain_rungs(n, 2);
    for (index, rung) in rungs.iter_mut().enumerate() {
        rung.cost = vec![0.02 * index as f64; 2];
        if (2..=4).contains(&index) {
            rung.chance_hazard = hazard;
        }
        rung.accident_rate = 0.01;
    }
    let ladder = Ladder::new(rungs, 2).expect("valid ladder");
    let red_line = RedLinePrior::new(vec![0.0, 0.25, 0.25, 0.25, 0.25, 0.0, 0.0]).expect("valid prior");
    let mut p = params(n - 1);
    p.rationality = 20.0;
    p.can_concede = true;
    let make = |name: &str, camp| {
        let mut a = actor(name, camp, 0, p, PolicyKind::LogitEu, n);
        a.red_line = red_line.clone();
        a
    };
    let mut rules = rules(2, 30, n - 1);
    rules.settle_after_quiet_turns = 5;
    rules.settle_at_or_below = 2;
    Scenario::new(
        "two-actor-ladder".into(),
        ladder,
        vec!["blue".into(), "red".into()],
        vec![make("blue", 0), make("red", 1)],
        Vec::new(),
        rules,
    )
    .expect("valid scenario")
}
