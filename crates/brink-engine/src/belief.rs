//! Beliefs about a red line: a discrete distribution over rungs plus "never" (the last entry).
//!
//! The observation model (docs/MODEL.md §Beliefs): an actor whose red line is ρ, on seeing its
//! adversaries' level rise from peak `p` to `q`, gets one independent chance `s` to respond for
//! every newly crossed rung k ∈ (p, q] with k ≥ ρ. So with m(ρ) = #{k ∈ (p, q] : k ≥ ρ},
//!
//! P(response | ρ) = 1 − (1 − s)^m(ρ).
//!
//! Observers update by the generalised Bayes rule posterior ∝ prior · likelihood^κ (κ = 1 is
//! Bayes). This is the salami-slicing mechanism: every unanswered step shifts the posterior
//! upward and makes the next step look safer.

/// Number of newly crossed rungs at or above the red line `rho` when the peak rises from
/// `from_peak` to `to_peak`.
#[inline]
pub fn crossed_count(rho: usize, from_peak: usize, to_peak: usize) -> u32 {
    if to_peak <= from_peak || rho > to_peak {
        return 0;
    }
    let lowest = rho.max(from_peak + 1);
    (to_peak - lowest + 1) as u32
}

/// P(response | red line `rho`) for a rise of the peak from `from_peak` to `to_peak`.
#[inline]
pub fn response_likelihood(rho: usize, from_peak: usize, to_peak: usize, response_prob: f64) -> f64 {
    let m = crossed_count(rho, from_peak, to_peak);
    if m == 0 { 0.0 } else { 1.0 - (1.0 - response_prob).powi(m as i32) }
}

/// The believed probability of a response to a rise from `from_peak` to `to_peak`:
/// Σ_ρ b(ρ)·P(response | ρ).
pub fn response_probability(belief: &[f64], from_peak: usize, to_peak: usize, response_prob: f64) -> f64 {
    if to_peak <= from_peak {
        return 0.0;
    }
    if to_peak == from_peak + 1 {
        // One newly crossed rung: s · P(ρ ≤ to_peak).
        return response_prob * belief[..=to_peak].iter().sum::<f64>();
    }
    // Rungs ρ ≤ from_peak + 1 see every newly crossed rung; sum them once.
    let full = (to_peak - from_peak) as i32;
    let low_mass: f64 = belief[..=from_peak + 1].iter().sum();
    let mut total = low_mass * (1.0 - (1.0 - response_prob).powi(full));
    for (rho, &b) in belief.iter().enumerate().take(to_peak + 1).skip(from_peak + 2) {
        total += b * (1.0 - (1.0 - response_prob).powi((to_peak - rho + 1) as i32));
    }
    total
}

/// Exponentially tilted prior: b(ρ) ∝ prior(ρ)·exp(β·ρ), with "never" at index `len − 1`.
/// β = 0 returns the prior unchanged.
///
/// Computed as prior(ρ)·exp(β·ρ − shift), the shift making the largest exponent 0 so that no
/// |β| overflows. When that loses a red line the prior allows (its exp(β·ρ − shift)
/// underflows, or β·ρ overflows), the exponent is measured from the extreme red line the prior
/// allows instead, which is exact there and gives the exact limit for huge |β|: all mass where
/// the prior's support ends in the direction of β. Scenarios reject a β whose tilt would leave some allowed red line
/// with less weight than f64 can hold ([`bias_is_representable`]), so results never depend on
/// underflow.
pub fn tilt(prior: &[f64], bias: f64) -> Vec<f64> {
    if bias == 0.0 {
        return prior.to_vec();
    }
    // Shift the exponent by its maximum so large |β|·ρ cannot overflow.
    let shift = if bias > 0.0 { bias * (prior.len() - 1) as f64 } else { 0.0 };
    let tilted: Vec<f64> = prior.iter().enumerate().map(|(rho, &p)| p * (bias * rho as f64 - shift).exp()).collect();
    let total: f64 = tilted.iter().sum();
    let kept = tilted.iter().zip(prior).all(|(&b, &p)| p == 0.0 || b >= f64::MIN_POSITIVE);
    if kept && total.is_finite() {
        return tilted.into_iter().map(|b| b / total).collect();
    }
    tilt_at_support(prior, bias)
}

/// [`tilt`] with the exponent measured from the extreme of the prior's support in the
/// direction of β: exp(β·(ρ − ρ*)) ≤ 1, with the factor (ρ − ρ*) a small integer, so neither
/// overflows and ρ* keeps its prior mass.
fn tilt_at_support(prior: &[f64], bias: f64) -> Vec<f64> {
    let support = prior.iter().enumerate().filter(|(_, p)| **p > 0.0).map(|(rho, _)| rho);
    let Some(star) = (if bias > 0.0 { support.max() } else { support.min() }) else {
        return prior.to_vec();
    };
    // Red lines outside the support stay at 0 (not 0·∞ beyond ρ*).
    let tilted: Vec<f64> = prior
        .iter()
        .enumerate()
        .map(|(rho, &p)| if p > 0.0 { p * (bias * (rho as f64 - star as f64)).exp() } else { 0.0 })
        .collect();
    let total: f64 = tilted.iter().sum();
    tilted.into_iter().map(|b| b / total).collect()
}

/// Whether tilting `prior` by `bias` ([`tilt`]) keeps every red line the prior allows at a
/// weight f64 can hold (at least `f64::MIN_POSITIVE`). Beyond that a red line the prior allows
/// would silently become impossible, and an observation only it explains would be ignored.
pub fn bias_is_representable(prior: &[f64], bias: f64) -> bool {
    bias.is_finite() && tilt(prior, bias).iter().zip(prior).all(|(&b, &p)| p == 0.0 || b >= f64::MIN_POSITIVE)
}

/// The largest |β| of the sign of `bias` that [`bias_is_representable`] accepts for `prior`,
/// rounded down to a whole number (for messages): the tilt of the least likely allowed red line
/// relative to the extreme one, ln(p(ρ)/p(ρ*)) + |β|·|ρ − ρ*| ≤ −ln(f64::MIN_POSITIVE).
pub fn bias_limit(prior: &[f64], bias: f64) -> f64 {
    let support: Vec<usize> = prior.iter().enumerate().filter(|(_, p)| **p > 0.0).map(|(rho, _)| rho).collect();
    let star = if bias > 0.0 { support.iter().max() } else { support.iter().min() };
    let Some(&star) = star else { return f64::INFINITY };
    let floor = -f64::MIN_POSITIVE.ln();
    support
        .iter()
        .filter(|&&rho| rho != star)
        .map(|&rho| (floor + (prior[rho] / prior[star]).ln()) / rho.abs_diff(star) as f64)
        .fold(f64::INFINITY, f64::min)
        .floor()
}

/// Updates `belief` in place after seeing a response (or none) to a rise of the peak from
/// `from_peak` to `to_peak`. With `update_weight` κ, posterior ∝ prior·likelihood^κ. An
/// observation the belief deems impossible leaves it unchanged (rather than dividing by zero).
pub fn update(
    belief: &mut [f64],
    from_peak: usize,
    to_peak: usize,
    response_prob: f64,
    responded: bool,
    update_weight: f64,
) {
    if to_peak <= from_peak || update_weight == 0.0 {
        return;
    }
    let likelihood = |rho: usize| {
        let respond = response_likelihood(rho, from_peak, to_peak, response_prob);
        if responded { respond } else { 1.0 - respond }
    };
    update_types(belief, likelihood, update_weight);
}

/// The generalised Bayes update over any discrete set of types: b′(t) ∝ b(t)·L(t)^κ, with
/// `likelihood` L(t) the probability of the observation given type t and κ = `update_weight`
/// (1 is Bayes' rule). Red-line updates ([`update`]) are the case t = ρ; Kydd's trust types
/// (trustworthy or not, with trembles) another. An observation the belief deems impossible
/// leaves it unchanged.
pub fn update_types(belief: &mut [f64], likelihood: impl Fn(usize) -> f64, update_weight: f64) {
    if update_weight == 0.0 {
        return;
    }
    let mut total = 0.0;
    for (t, &b) in belief.iter().enumerate() {
        total += b * weighted(likelihood(t), update_weight);
    }
    if total <= 0.0 || !total.is_finite() {
        return;
    }
    for (t, b) in belief.iter_mut().enumerate() {
        *b = *b * weighted(likelihood(t), update_weight) / total;
    }
}

#[inline]
fn weighted(likelihood: f64, weight: f64) -> f64 {
    if weight == 1.0 { likelihood } else { likelihood.powf(weight) }
}

/// The one-rung response probability at `next`, s·P(ρ ≤ next), under `belief` after it is
/// updated on a response (first) or on none (second) to a rise of the peak from `from_peak` to
/// `to_peak`: [`update`] followed by [`response_probability`]`(…, to_peak, next, s)`, in one pass
/// without copying the belief (the credibility terms of docs/MODEL.md §4 read it often). An
/// observation the belief deems impossible leaves it unchanged, as in [`update`].
pub fn response_after_update(
    belief: &[f64],
    from_peak: usize,
    to_peak: usize,
    next: usize,
    s: f64,
    update_weight: f64,
) -> (f64, f64) {
    if next <= to_peak {
        return (0.0, 0.0);
    }
    let prior_low: f64 = belief[..=next].iter().sum();
    if to_peak <= from_peak || update_weight == 0.0 {
        return (s * prior_low, s * prior_low);
    }
    let (mut total_yes, mut total_no, mut low_yes, mut low_no) = (0.0, 0.0, 0.0, 0.0);
    for (rho, &b) in belief.iter().enumerate() {
        let respond = response_likelihood(rho, from_peak, to_peak, s);
        let yes = b * weighted(respond, update_weight);
        let no = b * weighted(1.0 - respond, update_weight);
        total_yes += yes;
        total_no += no;
        if rho <= next {
            low_yes += yes;
            low_no += no;
        }
    }
    let after = |low: f64, total: f64| {
        if total <= 0.0 || !total.is_finite() { s * prior_low } else { s * (low / total) }
    };
    (after(low_yes, total_yes), after(low_no, total_no))
}

/// [`response_after_update`] for a rise of one rung (`to_peak` = from + 1, `next` = to + 1)
/// from the belief's running sums `cumulative` (P(ρ ≤ k) for every k, last entry the total), in
/// O(1): a one-rung crossing is answered with s if ρ ≤ `to_peak` and never otherwise, so after an
/// answer the belief lies wholly at or below `to_peak` (the next step is answered with s), and
/// after silence the mass at or below it shrinks by the factor (1 − s)^κ.
pub fn response_after_one_rung(
    cumulative: &[f64],
    to_peak: usize,
    next: usize,
    s: f64,
    update_weight: f64,
) -> (f64, f64) {
    let at_next = cumulative[next];
    if update_weight == 0.0 {
        return (s * at_next, s * at_next);
    }
    let total = cumulative[cumulative.len() - 1];
    let at_to = cumulative[to_peak];
    let yes_mass = weighted(s, update_weight) * at_to;
    let silent = weighted(1.0 - s, update_weight) * at_to;
    let no_total = silent + (total - at_to);
    let no_low = silent + (at_next - at_to);
    let after = |low: f64, total: f64| {
        if total <= 0.0 || !total.is_finite() { s * at_next } else { s * (low / total) }
    };
    (after(yes_mass, yes_mass), after(no_low, no_total))
}

/// Mean of the belief over rung indices ("never" counts as index `len − 1`).
pub fn mean(belief: &[f64]) -> f64 {
    belief.iter().enumerate().map(|(rho, &b)| rho as f64 * b).sum()
}

#[cfg(test)]
mod tests {

    /// The one-pass credibility read equals updating a copy and reading it, for responses and
    /// silences, Bayes and conservative weights, jumps, and an impossible observation.
    #[test]
    fn response_after_update_equals_update_then_read() {
        let beliefs: [&[f64]; 3] = [
            &[0.0, 0.2, 0.2, 0.2, 0.2, 0.2, 0.0],
            &[0.1, 0.3, 0.0, 0.25, 0.05, 0.1, 0.2],
            &[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0],
        ];
        for belief in beliefs {
            for (from, to) in [(0, 1), (1, 2), (2, 4), (3, 5)] {
                for s in [0.3, 0.8, 1.0] {
                    for weight in [1.0, 0.5, 0.0] {
                        let next = to + 1;
                        let (yes, no) = response_after_update(belief, from, to, next, s, weight);
                        if to == from + 1 {
                            let cumulative: Vec<f64> = belief
                                .iter()
                                .scan(0.0, |sum, &b| {
                                    *sum += b;
                                    Some(*sum)
                                })
                                .collect();
                            let (fast_yes, fast_no) = response_after_one_rung(&cumulative, to, next, s, weight);
                            assert!(
                                (fast_yes - yes).abs() < 1e-12 && (fast_no - no).abs() < 1e-12,
                                "{belief:?} {from}->{to}"
                            );
                        }
                        for (responded, got) in [(true, yes), (false, no)] {
                            let mut copy = belief.to_vec();
                            update(&mut copy, from, to, s, responded, weight);
                            let want = response_probability(&copy, to, next, s);
                            assert!(
                                (got - want).abs() < 1e-12,
                                "{belief:?} {from}->{to} s={s} w={weight}: {got} vs {want}"
                            );
                        }
                    }
                }
            }
        }
    }

    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    /// research/escalation-models.md §1.10: uniform prior on rungs 1..5, s = 0.8, rungs 1 and 2
    /// crossed without response → (1, 5, 25, 25, 25)/81; then P(response at rung 3) = 31·0.8/81.
    #[test]
    fn unanswered_crossings_shift_the_posterior_up() {
        // index 0 = rung 0 (no mass), 1..=5 = rungs, 6 = never (no mass)
        let mut belief = vec![0.0, 0.2, 0.2, 0.2, 0.2, 0.2, 0.0];
        update(&mut belief, 0, 1, 0.8, false, 1.0);
        update(&mut belief, 1, 2, 0.8, false, 1.0);
        let expected = [0.0, 1.0 / 81.0, 5.0 / 81.0, 25.0 / 81.0, 25.0 / 81.0, 25.0 / 81.0, 0.0];
        for (got, want) in belief.iter().zip(expected) {
            assert!(close(*got, want), "{belief:?}");
        }
        assert!(close(response_probability(&belief, 2, 3, 0.8), 0.306173));
    }

    /// Crossing two rungs at once is the same observation as crossing them one by one.
    #[test]
    fn a_jump_equals_two_steps() {
        let prior = vec![0.1, 0.2, 0.3, 0.1, 0.2, 0.1];
        let mut stepwise = prior.clone();
        update(&mut stepwise, 0, 1, 0.6, false, 1.0);
        update(&mut stepwise, 1, 2, 0.6, false, 1.0);
        let mut jump = prior.clone();
        update(&mut jump, 0, 2, 0.6, false, 1.0);
        for (a, b) in stepwise.iter().zip(&jump) {
            assert!(close(*a, *b));
        }
    }

    /// A response rules out every red line above the new peak (Bayes with likelihood 0).
    #[test]
    fn a_response_rules_out_higher_red_lines() {
        let mut belief = vec![0.25, 0.25, 0.25, 0.25];
        update(&mut belief, 0, 1, 1.0, true, 1.0);
        assert!(close(belief[0], 0.5) && close(belief[1], 0.5));
        assert_eq!(&belief[2..], &[0.0, 0.0]);
    }

    /// §1.10 biased prior: uniform on 1..5 tilted by β = 0.5.
    #[test]
    fn tilt_matches_hand_computation() {
        let prior = vec![0.0, 0.2, 0.2, 0.2, 0.2, 0.2, 0.0];
        let tilted = tilt(&prior, 0.5);
        let expected = [0.058012, 0.095646, 0.157694, 0.259993, 0.428656];
        for (got, want) in tilted[1..6].iter().zip(expected) {
            assert!(close(*got, want), "{tilted:?}");
        }
        assert!(close(mean(&tilted), 3.905633));
        assert_eq!(tilt(&prior, 0.0), prior);
    }

    /// Extreme finite biases give the limits of the tilt exactly (all weight on the highest or
    /// lowest red line the prior allows), never the untilted prior; large ordinary ones tend
    /// to those limits.
    #[test]
    fn extreme_biases_give_the_limits_not_the_prior() {
        let prior = vec![0.0, 0.2, 0.2, 0.2, 0.2, 0.2, 0.0];
        let high = [0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0];
        let low = [0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        for bias in [1e308, f64::MAX, 1e4] {
            assert_eq!(tilt(&prior, bias), high, "{bias}");
            assert_eq!(tilt(&prior, -bias), low, "{bias}");
        }
        // exp(-50) per rung: within 2e-22 of the limits.
        assert!(tilt(&prior, 50.0).iter().zip(high).all(|(a, b)| (a - b).abs() < 1e-21));
        assert!(tilt(&prior, -50.0).iter().zip(low).all(|(a, b)| (a - b).abs() < 1e-21));
        // With mass on "never" (the usual red-line prior), the limit is "never".
        let with_never = vec![0.0, 0.5, 0.3, 0.2];
        assert_eq!(tilt(&with_never, 1e308), [0.0, 0.0, 0.0, 1.0]);
    }

    /// The representable range: 50 is inside for an ordinary prior, 1e308 and 1000 are not;
    /// the stated limit is accepted and a tenth beyond it is not.
    #[test]
    fn the_representable_bias_range_is_what_the_message_states() {
        let prior = vec![0.0, 0.1, 0.25, 0.25, 0.2, 0.1, 0.1];
        for bias in [0.0, 0.3, 50.0, -50.0] {
            assert!(bias_is_representable(&prior, bias), "{bias}");
        }
        for bias in [1e308, -1e308, 1000.0, -1000.0, f64::NAN, f64::INFINITY] {
            assert!(!bias_is_representable(&prior, bias), "{bias}");
        }
        for sign in [1.0, -1.0] {
            let limit = bias_limit(&prior, sign);
            assert!(limit > 100.0 && limit < 709.0, "{limit}");
            assert!(bias_is_representable(&prior, sign * limit), "{limit}");
            assert!(!bias_is_representable(&prior, sign * (limit * 1.1 + 1.0)), "{limit}");
        }
        // A prior on one red line is the same under any bias.
        let point = vec![0.0, 0.0, 1.0, 0.0];
        assert!(bias_is_representable(&point, 1e308) && tilt(&point, 1e308) == point);
    }

    /// The tempered update b·L^κ is discontinuous at κ = 0 by its definition, not by rounding:
    /// for every κ > 0 a red line the observation rules out (L = 0) gets weight 0^κ = 0, and
    /// as κ → 0+ the others keep their prior proportions (L^κ → 1); only κ = 0 learns nothing.
    /// So κ = 1e-320 is the κ → 0+ limit (equal to κ = 1e-12 within 1e-10), not κ = 1.
    #[test]
    fn a_tiny_update_weight_is_the_limit_from_above() {
        let prior = [0.1, 0.2, 0.3, 0.25, 0.15];
        // No answer to a crossing of rungs 1..=2 at s = 0.6: ρ ≤ 2 had chances to answer.
        let limit = {
            // Closed form of κ → 0+: keep every red line with L > 0, in prior proportion.
            let kept: Vec<f64> = (0..5)
                .map(|rho| if 1.0 - response_likelihood(rho, 0, 2, 0.6) > 0.0 { prior[rho] } else { 0.0 })
                .collect();
            let total: f64 = kept.iter().sum();
            kept.iter().map(|b| b / total).collect::<Vec<_>>()
        };
        for weight in [1e-320, 1e-12] {
            let mut belief = prior.to_vec();
            update(&mut belief, 0, 2, 0.6, false, weight);
            assert!(belief.iter().zip(&limit).all(|(a, b)| (a - b).abs() < 1e-10), "{weight}: {belief:?}");
        }
        let mut unchanged = prior.to_vec();
        update(&mut unchanged, 0, 2, 0.6, false, 0.0);
        assert_eq!(unchanged, prior);
        let mut bayes = prior.to_vec();
        update(&mut bayes, 0, 2, 0.6, false, 1.0);
        assert!(bayes.iter().zip(&limit).any(|(a, b)| (a - b).abs() > 0.01), "κ = 1 learns more: {bayes:?}");
        // With an answer, the red lines above the crossing are ruled out for any κ > 0.
        let mut answered = prior.to_vec();
        update(&mut answered, 0, 2, 0.6, true, 1e-320);
        assert_eq!(&answered[3..], &[0.0, 0.0]);
    }

    proptest::proptest! {
        /// Beliefs stay normalised and non-negative through any sequence of updates.
        #[test]
        fn updates_keep_beliefs_normalised(
            raw in proptest::collection::vec(0.01f64..1.0, 6),
            steps in proptest::collection::vec((0usize..5, 1usize..3, proptest::bool::ANY), 1..8),
            s in 0.0f64..=1.0,
            weight in 0.0f64..=1.0,
        ) {
            let total: f64 = raw.iter().sum();
            let mut belief: Vec<f64> = raw.iter().map(|x| x / total).collect();
            for (from, rise, responded) in steps {
                let to = (from + rise).min(5);
                update(&mut belief, from, to, s, responded, weight);
                let sum: f64 = belief.iter().sum();
                proptest::prop_assert!((sum - 1.0).abs() < 1e-9);
                proptest::prop_assert!(belief.iter().all(|&b| b >= 0.0));
            }
        }

        /// With κ = 1 the update equals the closed-form Bayes posterior.
        #[test]
        fn weight_one_is_bayes(raw in proptest::collection::vec(0.01f64..1.0, 5), s in 0.01f64..0.99) {
            let total: f64 = raw.iter().sum();
            let prior: Vec<f64> = raw.iter().map(|x| x / total).collect();
            let mut belief = prior.clone();
            update(&mut belief, 0, 2, s, false, 1.0);
            // P(no response | ρ): ρ ∈ {0, 1} see two crossed rungs, ρ = 2 one, ρ > 2 none.
            let like = [(1.0 - s).powi(2), (1.0 - s).powi(2), 1.0 - s, 1.0, 1.0];
            let evidence: f64 = prior.iter().zip(like).map(|(p, l)| p * l).sum();
            for rho in 0..5 {
                proptest::prop_assert!((belief[rho] - prior[rho] * like[rho] / evidence).abs() < 1e-12);
            }
        }
    }
}
