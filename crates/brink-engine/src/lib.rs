//! # brink-engine
//!
//! The escalation model and its Monte Carlo runner. Pure: no IO, no serde, no TOML; the
//! `brink-scenario` crate builds the types here from files.
//!
//! A tour:
//! - [`model`]: the static scenario — a [`Ladder`] of [`Rung`]s, [`Actor`]s in camps with
//!   private red lines, beliefs about each other, [`Event`]s and [`Rules`]. Built once through
//!   validating constructors, then shared read-only.
//! - [`belief`]: red-line beliefs and their Bayesian updates (the salami-slicing mechanism).
//! - [`utility`]: expected utility of an actor's options under its beliefs; [`policy`]: the
//!   decision rules (logit EU, level-k, thresholds, scripted personas) behind one trait.
//! - [`run`]: one run — the per-run state and the turn loop: decisions, accidents, red-line
//!   crossings and responses, audience costs, the chance hazard, and the single audited path
//!   to nuclear use.
//! - [`arms`]: the continuous arms mode (Richardson's equations, RK4, and his least-squares fit).
//! - [`backward`]: backward induction over the ladder (subgame-perfect alternating
//!   escalation; the dollar auction is its special case).
//! - [`stage`]: one-shot simultaneous 2×2 stages (Chicken with private costs; cutoff and
//!   logit equilibria; Monte Carlo of play).
//! - [`runner`] and [`summary`]: many runs in parallel (rayon) with per-run random
//!   [`stream`]s, reduced in run order into a streaming [`Summary`] with Wilson intervals, so
//!   results are bit-identical for any number of threads.
//!
//! ```
//! use brink_engine::testing::two_actor_ladder;
//! use brink_engine::{RunConfig, run_many};
//!
//! let scenario = two_actor_ladder(0.02);
//! let summary = run_many(&scenario, &RunConfig { runs: 2_000, seed: 7, threads: Some(1) }, &mut ()).unwrap();
//! assert_eq!(summary.runs, 2_000);
//! let p = summary.outcome(brink_engine::Outcome::NuclearUse);
//! assert!(p.ci95.0 <= p.p && p.p <= p.ci95.1);
//! ```

#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]

pub mod analysis;
pub mod arms;
pub mod backward;
pub mod bargaining;
pub mod belief;
mod cache;
mod error;
pub mod likelihood;
pub mod model;
pub mod policy;
pub mod run;
pub mod runner;
pub mod stage;
pub mod stream;
pub mod summary;
pub mod testing;
pub mod tree;
pub mod utility;
pub mod view;

pub use error::ModelError;
pub use model::{
    Actor, ActorId, ActorParams, AnswerMode, BackChannel, Bargaining, BeliefSpec, CircuitBreaker, Declaration, Event,
    EventKind, JumpDistribution, Ladder, Mediation, Param, PolicyKind, RedLinePrior, Rules, Rung, RungId, Scenario,
    Signal, SignalKind, Treaty, TurnOrder, Warning,
};
pub use run::{
    Cause, LimitReason, Outcome, PathStep, RunRecord, Simulator, StepCause, Story, StoryBelief, StoryDecision,
    StoryOption, StorySignal, StoryTurn,
};
pub use runner::{RunConfig, RunError, RunSink, run_many};
pub use summary::{Proportion, Summary, wilson_interval};
