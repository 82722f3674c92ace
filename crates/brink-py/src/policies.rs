//! Decision rules written in Python: `brink.run(scenario, policies={"red": fn})`.
//!
//! Each Python function becomes the engine's [`ExternalPolicy`] for its actor. At every
//! decision the engine hands over what the actor sees; the function receives it as an
//! [`Observation`] (a small frozen class that copies a few bytes and builds its Python
//! attributes only when they are read, so a rule that reads only `allowed` pays only for
//! that) and returns an action name or a dict of action name → probability. The engine draws
//! the decision's uniform from the slot a built-in rule uses, so common random numbers hold.
//!
//! The first bad return or exception is kept as a [`PolicyError`] naming the actor, the turn
//! and what was expected; from then on every decision stops at once (the actor holds) and the
//! runner stops at the end of its batch, so the call raises it promptly, without a panic.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use brink_engine::model::{ActorId, MAX_ACTORS, RungId};
use brink_engine::policy::external::{DecisionProblem, check};
use brink_engine::policy::{ExternalDecision, ExternalPolicy, ExternalStop, Observation as EngineObservation};
use brink_engine::utility::{Action, MAX_ACTIONS};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};

pyo3::create_exception!(
    brink,
    PolicyError,
    PyValueError,
    "A Python decision rule (`brink.run(..., policies=...)`) returned something it may not, \
     or raised: the message names the actor, the turn, what came back and what was expected \
     (an exception raised by the rule is the `__cause__`)."
);

/// Names shared by every observation of a run, built once.
#[derive(Debug)]
pub struct Names {
    actors: Vec<Py<PyString>>,
    rungs: Vec<Py<PyString>>,
    rung_text: Vec<String>,
    actors_tuple: Py<PyTuple>,
    ladder_tuple: Py<PyTuple>,
    words: [Py<PyString>; 4],
}

/// The words of the relative actions, in [`Names::words`] order.
const WORDS: [&str; 4] = ["concede", "down", "hold", "up"];

impl Names {
    /// The names of `scenario`'s actors and rungs.
    pub fn new(py: Python<'_>, scenario: &brink_engine::Scenario) -> PyResult<Self> {
        let actors: Vec<Py<PyString>> =
            scenario.actors.iter().map(|a| PyString::intern(py, &a.name).unbind()).collect();
        let rungs: Vec<Py<PyString>> =
            scenario.ladder.rungs().iter().map(|r| PyString::intern(py, &r.name).unbind()).collect();
        Ok(Self {
            actors_tuple: PyTuple::new(py, &actors)?.unbind(),
            ladder_tuple: PyTuple::new(py, &rungs)?.unbind(),
            actors,
            rungs,
            rung_text: scenario.ladder.rungs().iter().map(|r| r.name.clone()).collect(),
            words: WORDS.map(|w| PyString::intern(py, w).unbind()),
        })
    }

    /// The name of `action` taken from `rung`: a word for concede and one-rung moves, the
    /// rung's name for a jump.
    fn action<'py>(&self, py: Python<'py>, rung: RungId, action: Action) -> Bound<'py, PyString> {
        let word = match action {
            Action::Concede => Some(0),
            Action::MoveTo(to) if to + 1 == rung => Some(1),
            Action::MoveTo(to) if to == rung => Some(2),
            Action::MoveTo(to) if to == rung + 1 => Some(3),
            Action::MoveTo(_) => None,
        };
        match (word, action) {
            (Some(k), _) => self.words[k].bind(py).clone(),
            (None, Action::MoveTo(to)) => self.rungs[to].bind(py).clone(),
            (None, Action::Concede) => self.words[0].bind(py).clone(),
        }
    }

    /// The action a name stands for, from `rung` (`None`: not an action name).
    fn parse(&self, name: &str, rung: RungId) -> Option<Action> {
        match name {
            "concede" => Some(Action::Concede),
            "down" => rung.checked_sub(1).map(Action::MoveTo),
            "hold" => Some(Action::MoveTo(rung)),
            "up" => Some(Action::MoveTo(rung + 1)),
            _ => self.rung_text.iter().position(|r| r == name).map(Action::MoveTo),
        }
    }
}

/// The first failure of any rule of a run, and the flag that makes every later decision stop.
#[derive(Debug, Default)]
pub struct Failure {
    failed: AtomicBool,
    error: Mutex<Option<PyErr>>,
}

impl Failure {
    /// Whether a rule has failed (or the caller asked to stop).
    pub fn failed(&self) -> bool {
        self.failed.load(Ordering::Relaxed)
    }

    /// Stops every later decision without an error of its own (Ctrl-C).
    pub fn stop(&self) {
        self.failed.store(true, Ordering::Relaxed);
    }

    /// Keeps `error` if it is the first.
    fn keep(&self, error: PyErr) {
        let mut slot = self.error.lock().unwrap_or_else(PoisonError::into_inner);
        if slot.is_none() {
            *slot = Some(error);
        }
        self.failed.store(true, Ordering::Relaxed);
    }

    /// The first error, if any.
    pub fn take(&self) -> Option<PyErr> {
        self.error.lock().unwrap_or_else(PoisonError::into_inner).take()
    }
}

/// One actor's Python decision rule.
#[derive(Debug)]
pub struct PyPolicy {
    function: Py<PyAny>,
    names: Arc<Names>,
    failure: Arc<Failure>,
}

impl PyPolicy {
    /// The rule calling `function`, reporting to `failure`.
    pub fn new(function: Py<PyAny>, names: Arc<Names>, failure: Arc<Failure>) -> Self {
        Self { function, names, failure }
    }

    /// Calls the function and reads its answer.
    fn ask(&self, py: Python<'_>, observation: &EngineObservation<'_>) -> PyResult<ExternalDecision> {
        let seen = Observation::new(self.names.clone(), observation);
        let rung = seen.own_rung();
        let answer = self
            .function
            .call1(py, (seen,))
            .map_err(|cause| self.error(py, observation, &format!("raised {cause}"), Some(cause)))?;
        let answer = answer.bind(py);
        let decision = if let Ok(name) = answer.cast::<PyString>() {
            ExternalDecision::Action(self.action(py, observation, rung, &name.to_string_lossy(), answer)?)
        } else if let Ok(dict) = answer.cast::<PyDict>() {
            let mut entries = Vec::with_capacity(dict.len());
            for (key, value) in dict.iter() {
                let Ok(name) = key.cast::<PyString>() else {
                    return Err(self.error(
                        py,
                        observation,
                        &format!("returned {} with a key {}", repr(answer), repr(&key)),
                        None,
                    ));
                };
                let action = self.action(py, observation, rung, &name.to_string_lossy(), answer)?;
                let Ok(p) = value.extract::<f64>() else {
                    return Err(self.error(
                        py,
                        observation,
                        &format!("returned {} with a probability {} that is not a number", repr(answer), repr(&value)),
                        None,
                    ));
                };
                entries.push((action, p));
            }
            ExternalDecision::Distribution(entries)
        } else {
            return Err(self.error(py, observation, &format!("returned {}", repr(answer)), None));
        };
        if let Err(problem) = check(&decision, observation.allowed) {
            let what = match problem {
                DecisionProblem::NotAllowed(action) => {
                    format!("returned {}: '{}' is not allowed now", repr(answer), self.names.action(py, rung, action))
                }
                other => format!("returned {}: {other}", repr(answer)),
            };
            return Err(self.error(py, observation, &what, None));
        }
        Ok(decision)
    }

    /// The action `name` stands for, or the error that it stands for none.
    fn action(
        &self,
        py: Python<'_>,
        observation: &EngineObservation<'_>,
        rung: RungId,
        name: &str,
        answer: &Bound<'_, PyAny>,
    ) -> PyResult<Action> {
        self.names.parse(name, rung).ok_or_else(|| {
            // "down" from the bottom rung is a word for no rung: not allowed, rather than unknown.
            let why = if WORDS.contains(&name) { "is not allowed now" } else { "is not an action" };
            self.error(py, observation, &format!("returned {}: '{name}' {why}", repr(answer)), None)
        })
    }

    /// A [`PolicyError`] for `observation`'s actor and turn: `what` happened, and what was
    /// expected (the allowed actions).
    fn error(&self, py: Python<'_>, observation: &EngineObservation<'_>, what: &str, cause: Option<PyErr>) -> PyErr {
        let view = &observation.view;
        let rung = view.own_rung();
        let allowed: Vec<String> =
            observation.allowed.iter().map(|&a| format!("'{}'", self.names.action(py, rung, a))).collect();
        let actor = &view.scenario.actors[view.actor].name;
        let error = PolicyError::new_err(format!(
            "the policy of actor '{actor}' at turn {turn} {what}; expected one of {allowed} or a dict of them → \
             probability (each in [0, 1], summing to 1 within {tolerance:e})",
            turn = view.turn,
            allowed = allowed.join(", "),
            tolerance = brink_engine::policy::external::SUM_TOLERANCE,
        ));
        error.set_cause(py, cause);
        error
    }
}

/// `repr(value)`, shortened for a message.
fn repr(value: &Bound<'_, PyAny>) -> String {
    let text = value.repr().map_or_else(|_| "<unprintable>".to_owned(), |r| r.to_string());
    if text.chars().count() > 200 { format!("{}…", text.chars().take(200).collect::<String>()) } else { text }
}

impl ExternalPolicy for PyPolicy {
    fn decide(&self, observation: &EngineObservation<'_>) -> Result<ExternalDecision, ExternalStop> {
        if self.failure.failed() {
            return Err(ExternalStop);
        }
        Python::attach(|py| self.ask(py, observation)).map_err(|error| {
            self.failure.keep(error);
            ExternalStop
        })
    }

    fn rejected(&self, observation: &EngineObservation<'_>, problem: &DecisionProblem) {
        // `ask` checks every answer first; this is the engine's second look.
        Python::attach(|py| self.failure.keep(self.error(py, observation, &problem.to_string(), None)));
    }
}

/// A pool of `threads` engine threads for runs with Python rules. Each thread attaches to
/// Python once for the pool's life and detaches while it simulates, so a decision re-attaches
/// cheaply; attaching afresh on every decision would create and destroy Python's thread
/// state each time (an mmap and a munmap per call, measured: about 20 µs a decision).
pub fn python_pool(threads: usize) -> Result<rayon::ThreadPool, rayon::ThreadPoolBuildError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|index| format!("brink-python-rules-{index}"))
        .spawn_handler(|thread| {
            std::thread::Builder::new()
                .name(thread.name().unwrap_or("brink-python-rules").to_owned())
                .spawn(move || Python::attach(|py| py.detach(|| thread.run())))?;
            Ok(())
        })
        .build()
}

/// What an actor sees when its Python rule decides. Attributes are computed when read.
#[pyclass(module = "brink._brink", name = "Observation", frozen, skip_from_py_object)]
#[derive(Debug)]
pub struct Observation {
    names: Arc<Names>,
    actor: ActorId,
    turn: u32,
    actor_count: usize,
    rungs: [u8; MAX_ACTORS],
    allowed: [Action; MAX_ACTIONS],
    allowed_len: usize,
    own_red_line: usize,
    /// Its beliefs about each adversary, `(adversary, P(red line = rung) for every rung + never)`.
    beliefs: Vec<(ActorId, Vec<f64>)>,
    history: Vec<u8>,
    /// The unanswered crossing against it: (crosser, from peak, to peak).
    crossing: Option<(ActorId, RungId, RungId)>,
}

impl Observation {
    fn new(names: Arc<Names>, observation: &EngineObservation<'_>) -> Self {
        let view = &observation.view;
        let actor_count = view.scenario.actors.len();
        let mut rungs = [0u8; MAX_ACTORS];
        for (slot, &rung) in rungs.iter_mut().zip(&view.rungs[..actor_count]) {
            *slot = rung as u8;
        }
        let mut allowed = [Action::Concede; MAX_ACTIONS];
        allowed[..observation.allowed.len()].copy_from_slice(observation.allowed);
        let beliefs = (0..actor_count)
            .filter(|&j| view.tables.adversaries(view.actor, j))
            .map(|j| (j, view.beliefs.about(view.actor, j).to_vec()))
            .collect();
        Self {
            names,
            actor: view.actor,
            turn: view.turn,
            actor_count,
            rungs,
            allowed,
            allowed_len: observation.allowed.len(),
            own_red_line: view.own_red_line,
            beliefs,
            history: observation.history.to_vec(),
            crossing: view.window.map(|w| (w.crosser, w.from_peak, w.to_peak)),
        }
    }

    fn own_rung(&self) -> RungId {
        usize::from(self.rungs[self.actor])
    }
}

#[pymethods]
impl Observation {
    /// The deciding actor's name.
    #[getter]
    fn actor(&self, py: Python<'_>) -> Py<PyString> {
        self.names.actors[self.actor].clone_ref(py)
    }

    /// The turn (1-based).
    #[getter]
    fn turn(&self) -> u32 {
        self.turn
    }

    /// The name of the rung the actor holds.
    #[getter]
    fn rung(&self, py: Python<'_>) -> Py<PyString> {
        self.names.rungs[self.own_rung()].clone_ref(py)
    }

    /// The index of the rung the actor holds (0 = the bottom of `ladder`).
    #[getter]
    fn rung_index(&self) -> usize {
        self.own_rung()
    }

    /// The actions it may take, least escalatory first: `"concede"`, `"down"`, `"hold"`,
    /// `"up"` (each when allowed), then the names of the rungs it may jump to.
    #[getter]
    fn allowed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let rung = self.own_rung();
        PyTuple::new(py, self.allowed[..self.allowed_len].iter().map(|&a| self.names.action(py, rung, a)))
    }

    /// Every actor's name, in scenario order.
    #[getter]
    fn actors(&self, py: Python<'_>) -> Py<PyTuple> {
        self.names.actors_tuple.clone_ref(py)
    }

    /// The ladder's rung names, bottom first.
    #[getter]
    fn ladder(&self, py: Python<'_>) -> Py<PyTuple> {
        self.names.ladder_tuple.clone_ref(py)
    }

    /// Every actor's current rung: `{actor: rung name}`.
    #[getter]
    fn rungs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (actor, &rung) in self.rungs[..self.actor_count].iter().enumerate() {
            dict.set_item(self.names.actors[actor].bind(py), self.names.rungs[usize::from(rung)].bind(py))?;
        }
        Ok(dict)
    }

    /// Its beliefs about each adversary's red line: `{adversary: (p_0, …, p_top, p_never)}`,
    /// the probability that the red line is each rung of `ladder`, then that there is none.
    #[getter]
    fn beliefs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (about, belief) in &self.beliefs {
            dict.set_item(self.names.actors[*about].bind(py), PyTuple::new(py, belief)?)?;
        }
        Ok(dict)
    }

    /// Its own red line (its private type): a rung name, or `None` if it has none.
    #[getter]
    fn red_line(&self, py: Python<'_>) -> Option<Py<PyString>> {
        self.names.rungs.get(self.own_red_line).map(|name| name.clone_ref(py))
    }

    /// The public history: every actor's rung index at the start (row 0) and at the end of each
    /// turn played since, one tuple per row in `actors` order.
    #[getter]
    fn history<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let rows: Vec<Bound<'py, PyTuple>> =
            self.history.chunks(self.actor_count.max(1)).map(|row| PyTuple::new(py, row)).collect::<PyResult<_>>()?;
        PyTuple::new(py, rows)
    }

    /// The crossing of its red-line zone it has not answered yet, as `{"by": actor, "from":
    /// rung, "to": rung}` (its adversaries' highest level rose from `from` to `to`), or `None`.
    #[getter]
    fn unanswered_crossing<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let Some((crosser, from, to)) = self.crossing else {
            return Ok(None);
        };
        let dict = PyDict::new(py);
        dict.set_item("by", self.names.actors[crosser].bind(py))?;
        dict.set_item("from", self.names.rungs[from].bind(py))?;
        dict.set_item("to", self.names.rungs[to].bind(py))?;
        Ok(Some(dict))
    }

    /// Every attribute as a plain dict (for printing, JSON or a prompt).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("actor", self.actor(py))?;
        dict.set_item("turn", self.turn)?;
        dict.set_item("rung", self.rung(py))?;
        dict.set_item("rung_index", self.own_rung())?;
        dict.set_item("allowed", self.allowed(py)?)?;
        dict.set_item("actors", self.actors(py))?;
        dict.set_item("ladder", self.ladder(py))?;
        dict.set_item("rungs", self.rungs(py)?)?;
        dict.set_item("beliefs", self.beliefs(py)?)?;
        dict.set_item("red_line", self.red_line(py))?;
        dict.set_item("history", self.history(py)?)?;
        dict.set_item("unanswered_crossing", self.unanswered_crossing(py)?)?;
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Observation(actor={}, turn={}, rung={}, allowed={})",
            self.actor(py).bind(py).repr()?,
            self.turn,
            self.rung(py).bind(py).repr()?,
            self.allowed(py)?.repr()?
        ))
    }
}
