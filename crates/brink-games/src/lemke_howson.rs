//! One Nash equilibrium of a two-player game by the Lemke–Howson algorithm.
//!
//! Lemke & Howson (1964), "Equilibrium points of bimatrix games", J. SIAM 12; in the
//! polytope form of Shapley (1974) and von Stengel (2002, §3.5). Start at the artificial
//! equilibrium `(0, 0)` of `P × Q`, which has all `m + n` labels; drop label `k` by pivoting
//! its variable into the basis, then repeatedly pick up in the other polytope the label that
//! has just become duplicate, until label `k` is found again. The end of the path is
//! completely labelled and not the origin: a Nash equilibrium. The lexicographic ratio test
//! keeps the path well defined in degenerate games.

use num_bigint::BigInt;

use crate::bimatrix::IntBimatrix;
use crate::tableau::{Int, Overflow, Tableau, transpose};
use crate::vertex::normalise;
use crate::{GameError, Profile};

fn run<T: Int>(game: &IntBimatrix, dropped: usize) -> Result<Option<Profile>, Overflow> {
    let (m, n) = (game.m, game.n);
    // P: x_0..x_m then column slacks: variable index = label.
    let mut p: Tableau<T> = Tableau::new(&transpose(&game.b), m, None)?;
    // Q: y_0..y_n (labels m + j) then row slacks (labels i).
    let mut q: Tableau<T> = Tableau::new(&game.a, n, None)?;
    let q_var = |label: usize| if label < m { n + label } else { label - m };
    let q_label = |var: usize| if var < n { m + var } else { var - n };

    let mut label = dropped;
    let mut in_p = dropped < m;
    loop {
        let (tableau, var) = if in_p { (&mut p, label) } else { (&mut q, q_var(label)) };
        // The polytopes are bounded, so every column has a positive entry.
        let Some(row) = tableau.ratio_test(var) else {
            return Ok(None);
        };
        let leaving = tableau.basis[row];
        tableau.pivot(row, var)?;
        label = if in_p { leaving } else { q_label(leaving) };
        if label == dropped {
            break;
        }
        in_p = !in_p;
    }
    let coords = |t: &Tableau<T>, dims: usize| {
        let mut key = vec![T::zero(); dims + 1];
        for (r, &v) in t.basis.iter().enumerate() {
            if v < dims {
                key[v] = t.rhs(r).clone();
            }
        }
        key[dims] = t.det.clone();
        normalise(&key)
    };
    Ok(Some(vec![coords(&p, m), coords(&q, n)]))
}

/// One Nash equilibrium of a two-player game, exact, found by Lemke–Howson dropping label
/// `dropped` first: `0..m` are the row player's strategies, `m..m+n` the column player's.
pub fn lemke_howson(game: &crate::Game, dropped: usize) -> Result<Profile, GameError> {
    let int_game = IntBimatrix::new(game)?;
    let labels = int_game.m + int_game.n;
    if dropped >= labels {
        return Err(GameError::BadArgument(format!(
            "label {dropped} is out of range: this game has labels 0 to {}",
            labels - 1
        )));
    }
    int_game
        .exact(|| run::<i128>(&int_game, dropped), || run::<BigInt>(&int_game, dropped))
        .ok_or_else(|| GameError::Numerical("Lemke-Howson left the polytope (unbounded)".into()))
}
