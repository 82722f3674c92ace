//! Course checks: each historical scenario, whose steps are decisions, reproduces the
//! documented course of its crisis over its first turns (scenarios/README.md, "Course check").
//! The sources for each fact are in the scenario files. These are checks of the scenarios'
//! calibration against the record, not of the engine's arithmetic.

use brink_engine::{Outcome, Simulator};

/// What the runs of a scenario did: `share(actor, turn, rung)` is the share of runs in which
/// the actor stood at or above `rung` at the end of `turn` (runs that ended before count at
/// their last rungs).
struct Course {
    actors: Vec<String>,
    rungs: Vec<String>,
    /// Per run, per turn (from 1), per actor: the rung index.
    paths: Vec<Vec<Vec<u8>>>,
    outcomes: Vec<Outcome>,
    /// Per run: the turn it ended in.
    ends: Vec<u32>,
    /// Per run: who conceded and in which turn, if anyone did.
    concessions: Vec<Option<(usize, u32)>>,
}

impl Course {
    fn of(name: &str, runs: u64) -> Self {
        let loaded = brink_scenario::load_bundled(name, &[]).unwrap();
        let scenario = &loaded.scenario;
        let seed = loaded.info.default_seed.unwrap_or(1);
        let n = scenario.actors.len();
        let mut simulator = Simulator::new(scenario);
        simulator.set_record_trajectories(true);
        let mut paths = Vec::new();
        let mut outcomes = Vec::new();
        let mut ends = Vec::new();
        let mut concessions = Vec::new();
        for run in 0..runs {
            let record = simulator.run(seed, run);
            paths.push(record.trajectory.chunks(n).map(<[u8]>::to_vec).collect());
            outcomes.push(record.outcome);
            ends.push(record.turns);
            concessions.push(record.conceded.map(|actor| (actor, record.turns)));
        }
        Self {
            actors: scenario.actors.iter().map(|a| a.name.clone()).collect(),
            rungs: scenario.ladder.rungs().iter().map(|r| r.name.clone()).collect(),
            paths,
            outcomes,
            ends,
            concessions,
        }
    }

    fn share(&self, actor: &str, turn: usize, rung: &str) -> f64 {
        let a = self.actors.iter().position(|x| x == actor).unwrap();
        let r = self.rungs.iter().position(|x| x == rung).unwrap() as u8;
        let at_or_above =
            self.paths.iter().filter(|p| p.get(turn - 1).or(p.last()).is_some_and(|turn| turn[a] >= r)).count();
        at_or_above as f64 / self.paths.len() as f64
    }

    /// The share of runs in which `actor` conceded, in a turn within `turns`.
    fn concession_share(&self, actor: &str, turns: std::ops::RangeInclusive<u32>) -> f64 {
        let a = self.actors.iter().position(|x| x == actor).unwrap();
        let count =
            self.concessions.iter().filter(|c| c.is_some_and(|(who, turn)| who == a && turns.contains(&turn))).count();
        count as f64 / self.concessions.len() as f64
    }

    fn outcome_share(&self, outcome: Outcome) -> f64 {
        self.outcomes.iter().filter(|&&o| o == outcome).count() as f64 / self.outcomes.len() as f64
    }

    /// The share of runs that ended with `outcome` in a turn within `turns`.
    fn outcome_share_in(&self, outcome: Outcome, turns: std::ops::RangeInclusive<u32>) -> f64 {
        let count = self.outcomes.iter().zip(&self.ends).filter(|&(&o, t)| o == outcome && turns.contains(t)).count();
        count as f64 / self.outcomes.len() as f64
    }
}

/// ukraine-2024: the US took the strike permission once it was open (30 May 2024, turn 2);
/// German and French permissions for strikes near Kharkiv followed (31 May 2024); Russia
/// threatened but did not open direct clashes; no trainers were sent in June 2024.
#[test]
fn ukraine_2024_follows_the_documented_course() {
    let course = Course::of("ukraine-2024", 4_000);
    let us_step = course.share("usa", 3, "strike-permission");
    assert!(us_step > 0.8, "the US takes the permission by turn 3 in {us_step}");
    // Closed in turn 1: only an accident (0.0005 a week) can take the US there.
    let early = course.share("usa", 1, "strike-permission");
    assert!(early < 0.01, "the US at the permission in turn 1 in {early}");
    let europe_step = course.share("europe", 3, "strike-permission");
    assert!(europe_step > 0.8, "Europe allows strikes by turn 3 in {europe_step}");
    let trainers = course.share("europe", 6, "trainers-troops");
    assert!(trainers < 0.2, "trainers sent by turn 6 in {trainers}");
    let clashes = course.share("russia", 6, "direct-clashes");
    assert!(clashes < 0.2, "Russia at direct clashes by turn 6 in {clashes}");
    let nuclear = course.outcome_share(Outcome::NuclearUse);
    assert!(nuclear < 0.05, "nuclear use in {nuclear}");
}

/// Sobol total indices of P(nuclear use) over `params` (each a path and range) on the bundled
/// scenario `name`: N = `n` base rows, `runs` runs per point on common random numbers (the
/// design of `brink sensitivity`, docs/OUTPUTS.md).
fn total_indices(
    name: &str,
    params: &[(&str, f64, f64)],
    n: usize,
    runs: u64,
) -> Vec<brink_engine::analysis::sobol::SobolIndex> {
    use brink_engine::analysis::{design::Range, sobol};
    let ranges: Vec<Range> = params.iter().map(|&(_, low, high)| Range { low, high }).collect();
    let points = sobol::saltelli_design(n, &ranges, 1);
    let outputs: Vec<f64> = points
        .iter()
        .map(|point| {
            let overrides: Vec<brink_scenario::Override> = params
                .iter()
                .zip(point)
                .map(|(&(path, _, _), value)| format!("{path}={value}").parse().unwrap())
                .collect();
            let loaded = brink_scenario::load_bundled(name, &overrides).unwrap();
            let mut simulator = Simulator::new(&loaded.scenario);
            let nuclear = (0..runs).filter(|&run| simulator.run(1, run).outcome == Outcome::NuclearUse).count();
            nuclear as f64 / runs as f64
        })
        .collect();
    sobol::indices(&outputs, n, params.len(), 200, 1)
}

/// ukraine-2024's question asks how the risk changes with either side's belief that the other
/// will not answer: the West's (the US's and Europe's bias about Russia's red line) each carry a
/// total index whose 95 % interval excludes 0. (Russia's beliefs: scenarios/README.md.)
#[test]
fn ukraine_2024_beliefs_move_the_risk() {
    let params = [("actors.usa.beliefs.russia.bias", -1.0, 2.0), ("actors.europe.beliefs.russia.bias", -1.0, 2.0)];
    for (index, (path, ..)) in total_indices("ukraine-2024", &params, 24, 1_500).iter().zip(&params) {
        assert!(index.total_ci.0 > 0.0 && index.total > 0.02, "{path}: total {} {:?}", index.total, index.total_ci);
    }
}

/// cuban-1962 (turn 7 = 22 October 1962): the US issues its public ultimatum on 22 October,
/// proclaims the quarantine on 23 October and goes to DEFCON 2 on 24 October (turn 9); the USSR
/// answers in public on 23 October and carries the crisis no higher than the alert before the
/// U-2 is shot down on 27 October (turn 12); the US does not answer the shoot-down and neither
/// strikes the sites nor invades; the USSR concedes on 28 October (turn 13) after the trade.
#[test]
fn cuban_1962_follows_the_documented_course() {
    let course = Course::of("cuban-1962", 4_000);
    let secret = course.share("usa", 6, "public-ultimatum");
    assert!(secret < 0.01, "the US public before 22 October in {secret}");
    let ultimatum = course.share("usa", 7, "public-ultimatum");
    assert!(ultimatum > 0.9, "the US ultimatum on 22 October in {ultimatum}");
    let quarantine = course.share("usa", 8, "quarantine");
    assert!(quarantine > 0.8, "the quarantine proclaimed on 23 October in {quarantine}");
    let alert = course.share("usa", 9, "strategic-alert");
    assert!(alert > 0.8, "DEFCON 2 on 24 October in {alert}");
    let soviet_answer = course.share("ussr", 8, "public-ultimatum");
    assert!(soviet_answer > 0.8, "the Soviet public answer on 23 October in {soviet_answer}");
    let soviet_incident = course.share("ussr", 11, "armed-incident");
    assert!(soviet_incident < 0.05, "the USSR at armed incidents before 27 October in {soviet_incident}");
    let us_answer = course.share("usa", 12, "armed-incident");
    assert!(us_answer < 0.05, "the US answers the shoot-down on 27 October in {us_answer}");
    let strike = course.share("usa", 13, "air-strike");
    assert!(strike < 0.05, "a US air strike or invasion by 28 October in {strike}");
    let early = course.concession_share("ussr", 1..=12);
    assert!(early < 0.05, "the USSR concedes before 28 October in {early}");
    let concession = course.concession_share("ussr", 13..=13);
    assert!(concession > 0.9, "the USSR concedes on 28 October in {concession}");
    let nuclear = course.outcome_share(Outcome::NuclearUse);
    assert!(nuclear < 0.02, "nuclear use in {nuclear}");
}

/// korea-1951 (turn 1 = week of 27 November 1950): Truman's public hint of 30 November 1950;
/// the bombs moved into military custody once the Joint Chiefs asked (5-6 April 1951, turn 19),
/// not before; nobody carried the war beyond Korea before the talks; neither side withdrew; the
/// two camps agreed to open armistice talks in late June or early July 1951 (Malik's broadcast
/// of 23 June, turn 30; talks from 10 July), modelled as a negotiated settlement.
#[test]
fn korea_1951_follows_the_documented_course() {
    let course = Course::of("korea-1951", 4_000);
    let hint = course.share("usa", 1, "public-threats");
    assert!(hint > 0.99, "Washington's public hint in turn 1 in {hint}");
    let early = course.share("usa", 18, "atomic-deployment");
    assert!(early < 0.01, "the bombs forward before the Joint Chiefs asked in {early}");
    let bombs = course.share("usa", 20, "atomic-deployment");
    assert!(bombs > 0.8, "the bombs forward by turn 20 in {bombs}");
    for actor in ["usa", "far-east-command", "prc", "ussr"] {
        let wider = course.share(actor, 29, "air-war-beyond-korea");
        assert!(wider < 0.1, "{actor} carries the war beyond Korea by turn 29 in {wider}");
    }
    // Runs that ended before turn 20 (about 3 %, mostly early settlements) count at their last rungs.
    let relieved = course.share("far-east-command", 20, "public-threats");
    assert!(relieved < 0.05, "the command above war-in-korea after the relief in {relieved}");
    let conceded = course.outcome_share(Outcome::Concession);
    assert!(conceded < 0.02, "a concession in {conceded}");
    let early_talks = course.outcome_share_in(Outcome::Settlement, 1..=25);
    assert!(early_talks < 0.1, "a negotiated end before June 1951 in {early_talks}");
    let talks = course.outcome_share_in(Outcome::Settlement, 29..=32);
    assert!(talks > 0.8, "talks agreed in turns 29-32 in {talks}");
    let limit = course.outcome_share(Outcome::TurnLimit);
    assert!(limit < 0.05, "the turn limit in {limit}");
    let nuclear = course.outcome_share(Outcome::NuclearUse);
    assert!(nuclear < 0.02, "nuclear use in {nuclear}");
}

/// autumn-1983 (turn 1 = week of 29 August 1983): both sides at the political confrontation
/// after KAL 007 (1 September); neither at a strategic alert before Able Archer 83 (turn 11);
/// the Soviet early-warning system raises false alarms at its stated weekly rate f, each answered
/// by a launch with chance w (docs/MODEL.md §14: with the USSR at or above `from_rung`, the
/// bottom rung, every turn played is one Bernoulli(f) trial, so the alarms over all runs are
/// binomial); the exercise is misread in the share of runs its confusion gives (0.3 + 0.1);
/// some Soviet forces on alert in the week of the exercise, then a stand-down, and Soviet
/// countermeasures after the first Pershing II; nuclear use, when it comes, comes by a false
/// alarm, an accident or chance, never by choice.
#[test]
fn autumn_1983_follows_the_documented_course() {
    let runs = 4_000;
    let course = Course::of("autumn-1983", runs);
    for actor in ["usa", "ussr"] {
        let kal = course.share(actor, 1, "confrontation");
        assert!(kal > 0.99, "{actor} at the confrontation after KAL 007 in {kal}");
    }
    let early_alert = course.share("ussr", 10, "strategic-alert");
    assert!(early_alert < 0.05, "the USSR at a strategic alert before Able Archer in {early_alert}");
    let early_step = course.share("ussr", 10, "force-deployments");
    assert!(early_step < 0.05, "the USSR above the confrontation before Able Archer in {early_step}");
    // The war scare: some Soviet forces on alert in the week of the exercise (PFIAB 1990), from
    // the misreading (0.06 % of runs without the confusion), and a stand-down the week after.
    let scare = course.share("ussr", 11, "heightened-alert");
    assert!(scare > 0.05 && scare < 0.4, "the USSR on alert in the week of Able Archer in {scare}");
    let after = course.share("ussr", 12, "heightened-alert");
    assert!(after < 0.05, "the USSR still on alert the week after in {after}");
    // Countermeasures announced after the first Pershing II (24 November 1983, turn 13).
    let counter = course.share("ussr", 14, "force-deployments");
    assert!(counter > 0.8, "the Soviet counter-deployment by turn 14 in {counter}");
    let us_alert = course.share("usa", 12, "heightened-alert");
    assert!(us_alert < 0.01, "NATO at an alert before the deployment in {us_alert}");
    let nuclear = course.outcome_share(Outcome::NuclearUse);
    assert!(nuclear < 0.05, "nuclear use in {nuclear}");

    // The closed forms of the warning mechanism on the scenario's own runs.
    let loaded = brink_scenario::load_bundled("autumn-1983", &[]).unwrap();
    let ussr = loaded.scenario.actors.iter().position(|a| a.name == "ussr").unwrap();
    let warning = loaded.scenario.actors[ussr].warning.unwrap();
    assert_eq!(warning.from_rung, 0, "from the bottom rung: every turn played is a trial");
    let (f, w) = (warning.false_alarm_rate, warning.launch_on_warning);
    let seed = loaded.info.default_seed.unwrap();
    let mut simulator = Simulator::new(&loaded.scenario);
    let (mut trials, mut alarms, mut launches, mut misread_runs) = (0u64, 0u64, 0u64, 0u64);
    for run in 0..runs {
        let record = simulator.run(seed, run);
        trials += u64::from(record.turns);
        alarms += u64::from(record.false_alarms);
        misread_runs += u64::from(record.misreads > 0);
        if let Some(used) = record.nuclear {
            assert_ne!(used.cause, brink_engine::Cause::Deliberate, "run {run}: nuclear use by choice");
            assert_ne!(used.cause, brink_engine::Cause::Response, "run {run}: nuclear use as an answer");
            launches += u64::from(used.cause == brink_engine::Cause::FalseAlarm);
        }
    }
    let expected = f * trials as f64;
    let sd = (trials as f64 * f * (1.0 - f)).sqrt();
    assert!((alarms as f64 - expected).abs() < 4.0 * sd, "{alarms} alarms in {trials} weeks, expected {expected}");
    let expected_launches = w * alarms as f64;
    let sd = (alarms as f64 * w * (1.0 - w)).sqrt().max(1.0);
    assert!(
        (launches as f64 - expected_launches).abs() < 4.0 * sd,
        "{launches} launches on {alarms} alarms, expected {expected_launches}"
    );
    // The exercise (turn 11) is the one scripted move onto a rung with confusion: misread with
    // probability 0.4 (no clamping: nuclear-exercise + 2 is below the top). Later decided moves
    // onto it can only add misreads.
    let share = misread_runs as f64 / runs as f64;
    let sd = (0.4 * 0.6 / runs as f64).sqrt();
    assert!(share > 0.4 - 4.0 * sd && share < 0.5, "the exercise misread in {share} of runs");
}

/// india-pakistan-2025 (turn 1 = 22 April 2025, one day a turn): Pakistan answers India's
/// measures of 23 April with its own by 24 April (turn 3); fire across the Line of Control from
/// the night of 24-25 April (turn 4), and no strikes across the border before Operation Sindoor
/// (7 May, turn 16); Pakistan answers the strikes of 7 May with strikes of its own by 8 May
/// (turn 17); nobody strikes the other's air bases before 10 May (turn 19), when Pakistan answers
/// India's strikes on its bases the same day; nobody at a nuclear alert; the ceasefire (the
/// DGMOs' understanding, a negotiated settlement) on 10 May and not before; no concession.
#[test]
fn india_pakistan_2025_follows_the_documented_course() {
    let course = Course::of("india-pakistan-2025", 4_000);
    let measures = course.share("pakistan", 3, "diplomatic-measures");
    assert!(measures > 0.9, "Pakistan's measures by 24 April in {measures}");
    for actor in ["india", "pakistan"] {
        let early_fire = course.share(actor, 3, "cross-border-fire");
        assert!(early_fire < 0.25, "{actor} firing across the LoC before 25 April in {early_fire}");
        let fire = course.share(actor, 4, "cross-border-fire");
        assert!(fire > 0.95, "{actor} firing across the LoC on 25 April in {fire}");
        let early_strikes = course.share(actor, 15, "cross-border-strikes");
        assert!(early_strikes < 0.01, "{actor} striking across the border before 7 May in {early_strikes}");
        let early_bases = course.share(actor, 18, "strikes-on-military-bases");
        assert!(early_bases < 0.05, "{actor} striking military bases before 10 May in {early_bases}");
        let alert = course.share(actor, 19, "nuclear-alert");
        assert!(alert < 0.02, "{actor} at a nuclear alert by 10 May in {alert}");
    }
    let sindoor = course.share("india", 16, "cross-border-strikes");
    assert!(sindoor > 0.8, "India at cross-border strikes on 7 May in {sindoor}");
    let answer = course.share("pakistan", 17, "cross-border-strikes");
    assert!(answer > 0.75, "Pakistan's strikes in answer by 8 May in {answer}");
    let bases = course.share("pakistan", 19, "strikes-on-military-bases");
    assert!(bases > 0.85, "Pakistan's answer to the strikes on its bases on 10 May in {bases}");
    let early_ceasefire = course.outcome_share_in(Outcome::Settlement, 1..=18);
    assert!(early_ceasefire < 0.01, "a ceasefire before 10 May in {early_ceasefire}");
    let ceasefire = course.outcome_share_in(Outcome::Settlement, 19..=19);
    assert!(ceasefire > 0.9, "the ceasefire on 10 May in {ceasefire}");
    let conceded = course.outcome_share(Outcome::Concession);
    assert!(conceded == 0.0, "a concession in {conceded}");
    let nuclear = course.outcome_share(Outcome::NuclearUse);
    assert!(nuclear < 0.01, "nuclear use in {nuclear}");
}
