//! All extreme Nash equilibria of a two-player game by vertex enumeration.
//!
//! With payoffs made positive, the best-response polytopes are
//! `P = {x >= 0 : Bᵀx <= 1}` and `Q = {y >= 0 : Ay <= 1}` (von Stengel 2002, "Computing
//! equilibria for two-person games", Handbook of Game Theory vol. 3, §3). A vertex of `P`
//! carries the labels `i` for `x_i = 0` and `m + j` for `(Bᵀx)_j = 1` (column `j` is a best
//! response); a vertex of `Q` carries `i` for `(Ay)_i = 1` and `m + j` for `y_j = 0`. The
//! extreme equilibria are the completely labelled pairs of vertices other than `(0, 0)`,
//! each normalised to a probability vector (Mangasarian 1964; Avis, Rosenberg, Savani & von
//! Stengel 2010, "Enumeration of Nash equilibria for two-player games", Econ. Theory 42).
//!
//! Vertices are found by walking the graph of lexicographically feasible bases with exact
//! integer pivots from the origin. The lexicographic rule perturbs the polytope into a simple
//! one whose graph is connected (Balinski 1961), so every vertex is reached even in
//! degenerate games; a degenerate vertex is reached through several bases and kept once.
//! lrs (Avis 2000) walks the same graph by reverse search without storing it; a hash set of
//! visited bases is simpler and, measured on random 10×10 games, faster (it costs memory on
//! larger ones). When `P` is nondegenerate only `P` is walked, and each vertex's partner in
//! `Q` is solved for, as lrsnash does; otherwise both polytopes are enumerated and paired.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use num_bigint::BigInt;

use crate::bimatrix::IntBimatrix;
use crate::tableau::{Int, Overflow, Tableau, solve_integer, transpose};
use crate::{GameError, Profile, Rational, canonical};

/// A vertex of a best-response polytope: its coordinates as integers with their common
/// denominator last, and its labels as a bit set.
pub(crate) struct Vertex<T> {
    pub(crate) key: Vec<T>,
    pub(crate) labels: u128,
}

/// Visits every lexicographically feasible basis of `{z >= 0 : M z <= 1}` (`M` is
/// `rows × dims`, positive) once, depth first from the origin, until `visit` returns false.
fn walk_bases<T: Int>(
    matrix: &[Vec<BigInt>],
    dims: usize,
    mut visit: impl FnMut(&Tableau<T>) -> Result<bool, Overflow>,
) -> Result<(), Overflow> {
    let start: Tableau<T> = Tableau::new(matrix, dims, None)?;
    let basis_mask = |t: &Tableau<T>| t.basis.iter().fold(0u128, |m, &v| m | 1u128 << v);
    let mut visited: HashSet<u128> = HashSet::from([basis_mask(&start)]);
    // Pending pivots hold their parent by reference count and are carried out when popped,
    // so memory holds the tableaux with unexplored neighbours, not one per queued basis.
    let mut stack: Vec<(Rc<Tableau<T>>, usize, usize)> = Vec::new();
    let mut current = Some(start);
    loop {
        let t = match current.take() {
            Some(t) => Rc::new(t),
            None => match stack.pop() {
                Some((parent, row, entering)) => {
                    let mut child = Tableau::clone(&parent);
                    drop(parent);
                    child.pivot(row, entering)?;
                    Rc::new(child)
                }
                None => return Ok(()),
            },
        };
        if !visit(&t)? {
            return Ok(());
        }
        let mask = basis_mask(&t);
        for entering in (0..t.vars()).filter(|&v| mask & (1u128 << v) == 0) {
            let Some(row) = t.ratio_test(entering) else {
                continue;
            };
            let next = mask & !(1u128 << t.basis[row]) | 1u128 << entering;
            if visited.insert(next) {
                stack.push((Rc::clone(&t), row, entering));
            }
        }
    }
}

/// Every vertex of `{z >= 0 : M z <= 1}` (`M` is `rows × dims`, positive), with the bit set of
/// its zero variables (structural first, then slacks).
pub(crate) fn polytope_vertices<T: Int>(matrix: &[Vec<BigInt>], dims: usize) -> Result<Vec<Vertex<T>>, Overflow> {
    // A vertex is determined by the set of constraints tight at it (they have full rank and
    // so a single solution), so that set identifies it whichever basis reached it.
    let mut vertices: HashMap<u128, Vec<T>> = HashMap::new();
    walk_bases::<T>(matrix, dims, |t| {
        vertices.entry(t.zero_vars()).or_insert_with(|| t.vertex_key());
        Ok(true)
    })?;
    Ok(vertices.into_iter().map(|(labels, key)| Vertex { key, labels }).collect())
}

/// The labelled vertices of `P` and `Q`, labels in the common numbering `0..m+n`.
#[allow(clippy::type_complexity)]
pub(crate) fn labelled_vertices<T: Int>(game: &IntBimatrix) -> Result<(Vec<Vertex<T>>, Vec<Vertex<T>>), Overflow> {
    let (m, n) = (game.m, game.n);
    // P: variables x_0..x_m then the slacks of the n columns, so variable index = label.
    let p = polytope_vertices::<T>(&transpose(&game.b), m)?;
    // Q: variables y_0..y_n (labels m + j) then the slacks of the m rows (labels i).
    let mut q = polytope_vertices::<T>(&game.a, n)?;
    let low = (1u128 << n) - 1;
    for v in &mut q {
        v.labels = (v.labels & low) << m | v.labels >> n;
    }
    Ok((p, q))
}

/// Turns a vertex key (coordinates with the denominator last) into a probability vector.
pub(crate) fn normalise<T: Int>(key: &[T]) -> Vec<Rational> {
    let coords: Vec<BigInt> = key[..key.len() - 1].iter().map(Int::to_big).collect();
    let total: BigInt = coords.iter().sum();
    coords.into_iter().map(|c| Rational::new(c, total.clone())).collect()
}

fn is_origin<T: Int>(v: &Vertex<T>) -> bool {
    v.key[..v.key.len() - 1].iter().all(|c| c.signum() == 0)
}

/// Pairs every vertex of `P` with every vertex of `Q` whose labels complete it.
fn pair_all<T: Int>(game: &IntBimatrix) -> Result<Vec<Profile>, Overflow> {
    let (p, q) = labelled_vertices::<T>(game)?;
    let all = (1u128 << (game.m + game.n)) - 1;
    let p: Vec<&Vertex<T>> = p.iter().filter(|v| !is_origin(v)).collect();
    let q: Vec<&Vertex<T>> = q.iter().filter(|v| !is_origin(v)).collect();
    let mut found = Vec::new();
    for x in &p {
        for y in &q {
            if x.labels | y.labels == all {
                found.push(vec![normalise(&x.key), normalise(&y.key)]);
            }
        }
    }
    Ok(found)
}

/// The faster route, as in lrsnash: enumerate the vertices of `P` only; for each vertex `x`
/// with exactly `m` labels, the missing `n` labels are `n` equations that fix the partner
/// `y`, if it exists: `(Ay)_i = 1` for missing row labels, `y_j = 0` for missing column
/// labels. Solve them exactly and check `y >= 0`, `Ay <= 1`. Returns `None` (use
/// [`pair_all`]) if `P` has a degenerate vertex or some system is singular.
fn pair_by_solving<T: Int>(game: &IntBimatrix) -> Result<Option<Vec<Profile>>, Overflow> {
    let (m, n) = (game.m, game.n);
    let a: Vec<Vec<T>> =
        game.a.iter().map(|row| row.iter().map(T::from_big).collect::<Result<_, _>>()).collect::<Result<_, _>>()?;
    let one = T::from_big(&BigInt::from(1))?;
    let mut found = Vec::new();
    let mut fallback = false;
    // In a nondegenerate P each vertex has one basis, so the walk meets each vertex once and
    // nothing needs storing; the first degenerate vertex stops it.
    walk_bases::<T>(&transpose(&game.b), m, |t| {
        let labels = t.zero_vars();
        if labels.count_ones() as usize != m {
            fallback = true;
            return Ok(false);
        }
        let key = t.vertex_key();
        let x = Vertex { key, labels };
        if is_origin(&x) {
            return Ok(true);
        }
        match partner(&a, &one, m, n, &x)? {
            Partner::Found(y) => found.push(vec![normalise(&x.key), normalise(&y)]),
            Partner::None => {}
            Partner::Singular => {
                fallback = true;
                return Ok(false);
            }
        }
        Ok(true)
    })?;
    Ok((!fallback).then_some(found))
}

enum Partner<T> {
    Found(Vec<T>),
    None,
    Singular,
}

/// The partner `y` of a nondegenerate vertex `x` of `P`, as coordinates with the denominator
/// last, from the `n` labels that `x` lacks.
fn partner<T: Int>(a: &[Vec<T>], one: &T, m: usize, n: usize, x: &Vertex<T>) -> Result<Partner<T>, Overflow> {
    // Rows that must be best responses (x_i > 0), and columns that may be played (best
    // responses to x).
    let rows: Vec<usize> = (0..m).filter(|&i| x.labels >> i & 1 == 0).collect();
    let cols: Vec<usize> = (0..n).filter(|&j| x.labels >> (m + j) & 1 == 1).collect();
    if rows.len() != cols.len() || rows.is_empty() {
        return Ok(Partner::Singular);
    }
    let system: Vec<Vec<T>> =
        rows.iter().map(|&i| cols.iter().map(|&j| a[i][j].clone()).chain([one.clone()]).collect()).collect();
    let Some((nums, det)) = solve_integer(system)? else {
        return Ok(Partner::Singular);
    };
    // y_j = nums_j / det, where det may be negative.
    let sign = det.signum();
    if nums.iter().any(|v| v.signum() * sign < 0) {
        return Ok(Partner::None);
    }
    // Every other row must pay at most 1: Σ_j A_ij y_j <= 1, i.e. Σ_j A_ij nums_j <= det
    // (>= when det < 0).
    for i in (0..m).filter(|i| !rows.contains(i)) {
        let payoff = T::dot(cols.iter().map(|&j| &a[i][j]).zip(&nums))?;
        if (sign > 0 && payoff > det) || (sign < 0 && payoff < det) {
            return Ok(Partner::None);
        }
    }
    let mut y = vec![T::zero(); n + 1];
    for (&j, v) in cols.iter().zip(&nums) {
        y[j] = v.clone();
    }
    y[n] = det;
    Ok(Partner::Found(y))
}

fn extreme_equilibria<T: Int>(game: &IntBimatrix) -> Result<Vec<Profile>, Overflow> {
    match pair_by_solving::<T>(game)? {
        Some(found) => Ok(found),
        None => pair_all::<T>(game),
    }
}

/// All extreme Nash equilibria of a two-player game (all equilibria if it is nondegenerate),
/// exact, in canonical order. In a degenerate game the equilibria form convex components
/// and this lists their extreme points, as lrsnash and Gambit's `enummixed` do.
pub fn vertex_enumeration(game: &crate::Game) -> Result<Vec<Profile>, GameError> {
    let int_game = IntBimatrix::new(game)?;
    let found = int_game.exact(|| extreme_equilibria::<i128>(&int_game), || extreme_equilibria::<BigInt>(&int_game));
    Ok(canonical(found))
}
