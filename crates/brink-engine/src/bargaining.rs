//! Negotiated settlement at any rung (docs/MODEL.md §4, "Bargaining"): the crisis can end by a
//! deal both camps prefer to fighting on (Fearon 1995's bargaining range), found under
//! uncertainty by screening offers whose rejections teach the proposer (Powell 1999, 2004;
//! Slantchev 2003; research note coercion-and-answers §3).
//!
//! Each actor's value of continuing, normalised between conceding (0) and prevailing (1):
//!
//!   v_i = (U_stay,i − Q_i)/(W_i − Q_i), clipped to [0, 1],
//!
//! U_stay,i its value of holding the current state (`utility::hold_value`). A camp accepts a share
//! x of the stake if every member accepts it: v_c = max_{i ∈ c} v_i ≤ x. The proposing camp p
//! believes the other's v_r uniform on [lo, hi] and makes the screening offer that maximises its
//! expected share, x = clip((1 − v_p + lo)/2, lo, hi) — offered only if p keeps at least its own
//! value, 1 − x ≥ v_p. A rejection tells p that v_r > x: lo ← x. Camps propose in turn (camp 0
//! on odd turns). Deterministic given the state: it draws no random numbers.

/// The screening offer of a proposer whose value of continuing is `proposer_value`, believing
/// the responder's uniform on [`low`, `high`]: `None` when no offer leaves it its own value.
pub fn screening_offer(proposer_value: f64, low: f64, high: f64) -> Option<f64> {
    let offer = ((1.0 - proposer_value + low) / 2.0).clamp(low, high);
    (1.0 - offer >= proposer_value).then_some(offer)
}

/// The chance that a responder whose value is uniform on [`low`, `high`] accepts `offer`.
pub fn acceptance_prob(offer: f64, low: f64, high: f64) -> f64 {
    if high <= low { f64::from(u8::from(offer >= low)) } else { ((offer - low) / (high - low)).clamp(0.0, 1.0) }
}

/// v = (U_stay − Q)/(W − Q) clipped to [0, 1] (0 when W ≤ Q: prevailing is worth no more than
/// conceding, so any deal will do).
pub fn normalised_value(stay: f64, concede_value: f64, stake: f64) -> f64 {
    if stake <= concede_value { 0.0 } else { ((stay - concede_value) / (stake - concede_value)).clamp(0.0, 1.0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Research note coercion-and-answers §3.1: v_p = 0.3 against U[0.2, 0.6] offers 0.45
    /// (accepted with 0.625), then 0.575 against U[0.45, 0.6] (0.833333, cumulative 0.9375),
    /// then 0.6 (certain).
    #[test]
    fn screening_offers_follow_the_worked_example() {
        let (mut low, high, mut unsettled) = (0.2, 0.6, 1.0);
        let expected = [(0.45, 0.625, 0.625), (0.575, 0.833_333, 0.9375), (0.6, 1.0, 1.0)];
        for (offer_want, accept_want, cumulative_want) in expected {
            let offer = screening_offer(0.3, low, high).unwrap();
            let accept = acceptance_prob(offer, low, high);
            unsettled *= 1.0 - accept;
            assert!((offer - offer_want).abs() < 1e-9, "{offer}");
            assert!((accept - accept_want).abs() < 1e-6, "{accept}");
            assert!((1.0 - unsettled - cumulative_want).abs() < 1e-9);
            low = offer;
        }
        // With v_p = 0.2 the first offer is 0.5, accepted with 0.75.
        let offer = screening_offer(0.2, 0.2, 0.6).unwrap();
        assert!((offer - 0.5).abs() < 1e-12 && (acceptance_prob(offer, 0.2, 0.6) - 0.75).abs() < 1e-12);
    }

    /// The more a proposer expects from fighting on, the less it offers, and no offer is made
    /// when nothing in the believed range leaves it its own value.
    #[test]
    fn offers_fall_as_the_proposer_values_fighting_on() {
        let mut last = f64::INFINITY;
        for step in 0..=8 {
            let v = 0.05 * f64::from(step);
            let offer = screening_offer(v, 0.2, 0.6).unwrap();
            assert!(offer <= last);
            last = offer;
        }
        assert_eq!(screening_offer(0.9, 0.2, 0.6), None);
    }
}
