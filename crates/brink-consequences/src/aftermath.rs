//! Climate and famine after a given amount of stratospheric soot, from published model runs.
//!
//! brink has no climate or crop model. It tabulates the results of the published runs and
//! interpolates between them, and says so in every output ([`Provenance`]):
//!
//! * **People without food at the end of year two**: Xia et al. (2022, *Nature Food* 3,
//!   586–596), Table 1 — no international trade, half of the livestock grain feed given to
//!   people ("Partial Livestock" case), everyone else fed the minimum 1 911 kcal/day, world
//!   population of 2010 (6 703 M). Six runs, 5–150 Tg. Linear between runs; linear to zero
//!   below 5 Tg; held at the 150 Tg value above (no published run; labelled).
//! * **The other food cases** of Xia et al. (2022) ([`XIA_2022_CASES`]): with or without
//!   trade, livestock kept, halved or killed; from their Supplementary Information, as
//!   transcribed (see [`FoodCase::source`]); interpolated the same way.
//! * **Nation by nation** ([`xia_2022_by_nation`], [`people_without_food_by_nation`]): the
//!   Table 1 case's Supplementary table (people who would die from starvation in year 2, 0.1 M
//!   resolution), bundled as `data/xia2022-by-nation.tsv` from the same transcription;
//!   interpolated like the totals. The transcription has 165 nations and lacks one row of the
//!   Total (see [`BY_NATION_TSV`]).
//! * **Direct (blast and fire) deaths** of the same scenarios (Xia et al. 2022, Table 1),
//!   for comparison with brink's own prompt deaths.
//! * **Global mean surface cooling** at its peak: 1.25 °C for 5 Tg (Robock et al. 2007,
//!   *ACP* 7, 2003–2012, reported as 1.25 °C for 2–3 years), 2 °C for 16 Tg and 5 °C for
//!   36 Tg (Toon et al. 2019, *Sci. Adv.* 5, eaay5478: "2° to 5°C" for 16–36 Tg), 9 °C for
//!   150 Tg (Coupe et al. 2019, *JGR Atmospheres* 124, 8522–8543, WACCM4: about 9 °C; Robock et
//!   al. 2007, *JGR* 112, D13107, ModelE: 7–8 °C). Linear in log(soot) between them,
//!   proportional to soot below 5 Tg, held above 150 Tg.
//! * **Recovery**: the cooling reaches its peak in year 2 and then decays exponentially with
//!   an e-folding time of 8.2 years at 5 Tg (Robock et al. 2007a: still 0.5 °C after 10 years)
//!   and 10.8 years at 150 Tg (Robock et al. 2007b: 8 °C, still about 4 °C after 10 years),
//!   interpolated in log(soot). The shape is brink's; the anchors are published.

use std::sync::OnceLock;

/// Xia et al. 2022 Table 1: (soot Tg, weapons, yield kt, direct deaths, people without food
/// at the end of year 2, Partial Livestock case, no trade).
pub const XIA_2022_TABLE_1: [(f64, u32, f64, f64, f64); 6] = [
    (5.0, 100, 15.0, 27e6, 255e6),
    (16.0, 250, 15.0, 52e6, 926e6),
    (27.0, 250, 50.0, 97e6, 1_426e6),
    (37.0, 250, 100.0, 127e6, 2_081e6),
    (47.0, 500, 100.0, 164e6, 2_512e6),
    (150.0, 4400, 100.0, 360e6, 5_341e6),
];

/// World population of the Xia et al. 2022 food model (2010).
pub const XIA_2022_WORLD_POPULATION: f64 = 6_703e6;

/// One food case of Xia et al. 2022: people without food at the end of year two at each soot
/// amount of [`XIA_2022_TABLE_1`] (5, 16, 27, 37, 47, 150 Tg).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FoodCase {
    /// Key in reports, e.g. `no_trade_partial_livestock`.
    pub key: &'static str,
    /// The case in words.
    pub description: &'static str,
    /// People without food at the end of year two, one per published soot amount.
    pub people: [f64; 6],
    /// Where the figures were read.
    pub source: &'static str,
}

/// Key of the Table 1 case (the one [`people_without_food`] gives).
pub const TABLE_1_CASE: &str = "no_trade_partial_livestock";

const SI: &str = "Xia et al. 2022, Supplementary Information, the tables of the number of people who would die \
from starvation in year 2 by nation (Total row), as transcribed by the Nuclear Famine Project \
(github.com/KDW1/NuclearMapping, nuclearData.json)";

/// Xia et al. 2022's six food cases: with or without international trade, times Livestock
/// (livestock production continued), Partial Livestock (half of the livestock grain feed to
/// people) and No Livestock (livestock killed in year 1, half of the feed to people). The
/// Table 1 case carries the paper's Table 1 figures; the others the Supplementary
/// Information's totals (0.1 M resolution; its Partial Livestock no-trade totals, 254.8 …
/// 5 340.8 M, round to Table 1).
pub const XIA_2022_CASES: [FoodCase; 6] = [
    FoodCase {
        key: TABLE_1_CASE,
        description: "no trade; Partial Livestock: half of the livestock grain feed to people (Table 1)",
        people: [255e6, 926e6, 1_426e6, 2_081e6, 2_512e6, 5_341e6],
        source: "Xia et al. 2022, Nature Food 3:586, Table 1",
    },
    FoodCase {
        key: "no_trade_livestock",
        description: "no trade; Livestock: livestock production continued",
        people: [409.3e6, 1_249.4e6, 1_798.5e6, 2_363.8e6, 2_812.0e6, 5_442.0e6],
        source: SI,
    },
    FoodCase {
        key: "no_trade_no_livestock",
        description: "no trade; No Livestock: livestock killed in year 1, half of its grain feed to people",
        people: [335.5e6, 1_122.4e6, 1_579.3e6, 2_238.8e6, 2_675.3e6, 5_413.0e6],
        source: SI,
    },
    FoodCase {
        key: "trade_livestock",
        description: "trade continues; Livestock: livestock production continued",
        people: [17.1e6, 953.6e6, 1_521.6e6, 2_155.8e6, 2_684.4e6, 5_422.7e6],
        source: SI,
    },
    FoodCase {
        key: "trade_partial_livestock",
        description: "trade continues; Partial Livestock: half of the livestock grain feed to people",
        people: [4.2e6, 626.4e6, 1_162.2e6, 1_861.2e6, 2_352.5e6, 5_321.2e6],
        source: SI,
    },
    FoodCase {
        key: "trade_no_livestock",
        description: "trade continues; No Livestock: livestock killed in year 1, half of its grain feed to people",
        people: [9.5e6, 769.9e6, 1_318.5e6, 2_014.2e6, 2_514.9e6, 5_400.5e6],
        source: SI,
    },
];

/// Xia et al. 2022's household-waste variants, published at 150 Tg only: (case key, people
/// without food with half of the household waste added to food, with all of it). Same source
/// as the cases' Supplementary Information figures; not interpolated (one soot amount).
pub const XIA_2022_HOUSEHOLD_WASTE_150TG: [(&str, f64, f64); 6] = [
    (TABLE_1_CASE, 5_205.1e6, 5_081.2e6),
    ("no_trade_livestock", 5_318.3e6, 5_195.7e6),
    ("no_trade_no_livestock", 5_286.2e6, 5_159.4e6),
    ("trade_livestock", 5_292.6e6, 5_163.5e6),
    ("trade_partial_livestock", 5_182.2e6, 5_044.8e6),
    ("trade_no_livestock", 5_271.3e6, 5_143.4e6),
];

/// The Table 1 case nation by nation: Xia et al. 2022's Supplementary table of people who would
/// die from starvation in year 2 (no trade, Partial Livestock), as transcribed by the Nuclear
/// Famine Project (`secondFile.tableFive`; data/PROVENANCE.md). Millions, tab-separated: nation
/// (as the source names it), ISO 3166-1 alpha-2 code, 2010 population, the six soot amounts,
/// then 150 Tg with half and with all household waste eaten; last row `Total`. The
/// transcription's nations fall short of its Total by one row's worth (28.0 M people; the crop
/// table lists Sudan, this one does not).
pub const BY_NATION_TSV: &str = include_str!("../../../data/xia2022-by-nation.tsv");

/// Source of [`BY_NATION_TSV`], for reports.
pub const BY_NATION_SOURCE: &str = "Xia et al. 2022, Supplementary Information, people who would die from starvation \
in year 2 by nation, no trade, Partial Livestock, as transcribed by the Nuclear Famine Project (github.com/KDW1/NuclearMapping, \
nuclearData.json, secondFile.tableFive)";

/// One nation's row of [`BY_NATION_TSV`], in people (not millions).
#[derive(Debug, Clone, PartialEq)]
pub struct NationFood {
    /// The nation as the source names it (e.g. `Taiwan, province of China`).
    pub name: String,
    /// ISO 3166-1 alpha-2 code; empty where the mapping is not unambiguous.
    pub code: String,
    /// Population in 2010.
    pub population_2010: f64,
    /// People without food at the end of year two at each soot amount of [`XIA_2022_TABLE_1`].
    pub people: [f64; 6],
    /// At 150 Tg with half, and with all, of the household waste eaten.
    pub household_waste_150tg: [f64; 2],
}

/// The nations of [`BY_NATION_TSV`] in the source's order, and its `Total` row.
pub fn xia_2022_by_nation() -> &'static (Vec<NationFood>, NationFood) {
    static TABLE: OnceLock<(Vec<NationFood>, NationFood)> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut rows: Vec<NationFood> = BY_NATION_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                assert_eq!(f.len(), 11, "data/xia2022-by-nation.tsv: {l}");
                // Tenths of a million, so that every figure is a whole number of people.
                let m: Vec<f64> =
                    f[2..].iter().map(|v| (v.parse::<f64>().expect("a number") * 10.0).round() * 1e5).collect();
                NationFood {
                    name: f[0].to_owned(),
                    code: f[1].to_owned(),
                    population_2010: m[0],
                    people: [m[1], m[2], m[3], m[4], m[5], m[6]],
                    household_waste_150tg: [m[7], m[8]],
                }
            })
            .collect();
        let total = rows.pop().expect("a Total row");
        assert_eq!(total.name, "Total");
        (rows, total)
    })
}

/// People without food at the end of year two in each nation (Table 1 case) for `soot_tg` ≥ 0,
/// interpolated as [`people_without_food`] is; largest first (ties by name).
pub fn people_without_food_by_nation(soot_tg: f64) -> Vec<(&'static NationFood, f64, Provenance)> {
    let mut out: Vec<_> = xia_2022_by_nation()
        .0
        .iter()
        .map(|n| {
            let (v, p) = interpolate_famine(soot_tg, &n.people);
            (n, v, p)
        })
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)));
    out
}

/// (soot Tg, peak global mean cooling °C, source) of the published climate runs.
pub const PEAK_COOLING: [(f64, f64, &str); 4] = [
    (5.0, 1.25, "Robock et al. 2007, ACP (ModelE)"),
    (16.0, 2.0, "Toon et al. 2019, Sci. Adv. (WACCM)"),
    (36.0, 5.0, "Toon et al. 2019, Sci. Adv. (WACCM)"),
    (150.0, 9.0, "Coupe et al. 2019, JGR (WACCM4)"),
];

/// (soot Tg, e-folding time of the cooling after its peak, years).
const RECOVERY_EFOLD: [(f64, f64); 2] = [(5.0, 8.2), (150.0, 10.8)];

/// Year of the peak cooling (the soot spreads in weeks; the ocean-buffered surface cools most
/// in the second year in the published runs).
pub const PEAK_YEAR: f64 = 2.0;

/// How a figure relates to the published runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provenance {
    /// The soot amount is one of the published runs: their figure.
    Published,
    /// Between two published runs: interpolated.
    Interpolated,
    /// Below the smallest run: scaled down towards zero.
    BelowRuns,
    /// Above the largest run: held at its value.
    AboveRuns,
}

impl Provenance {
    /// A word for reports.
    pub fn label(self) -> &'static str {
        match self {
            Provenance::Published => "published run",
            Provenance::Interpolated => "interpolated between published runs",
            Provenance::BelowRuns => {
                "extrapolated: below the smallest published run (5 Tg), whose figure is scaled in proportion to the soot; no published run supports it"
            }
            Provenance::AboveRuns => "above the largest published run (held at its value)",
        }
    }
}

fn provenance(x: f64, xs: &[f64]) -> Provenance {
    if xs.iter().any(|&p| (p - x).abs() <= 1e-9 * p) {
        Provenance::Published
    } else if x < xs[0] {
        Provenance::BelowRuns
    } else if x > xs[xs.len() - 1] {
        Provenance::AboveRuns
    } else {
        Provenance::Interpolated
    }
}

/// People without food at the end of year two (Xia et al. 2022, Table 1 case) for
/// `soot_tg` ≥ 0.
pub fn people_without_food(soot_tg: f64) -> (f64, Provenance) {
    let ys: Vec<f64> = XIA_2022_TABLE_1.iter().map(|r| r.4).collect();
    interpolate_famine(soot_tg, &ys)
}

/// People without food at the end of year two in `case` for `soot_tg` ≥ 0, interpolated as
/// [`people_without_food`] is: linear between runs, to zero below 5 Tg, held above 150 Tg.
pub fn people_without_food_in(case: &FoodCase, soot_tg: f64) -> (f64, Provenance) {
    interpolate_famine(soot_tg, &case.people)
}

fn interpolate_famine(soot_tg: f64, ys: &[f64]) -> (f64, Provenance) {
    let xs: Vec<f64> = XIA_2022_TABLE_1.iter().map(|r| r.0).collect();
    let p = provenance(soot_tg, &xs);
    let v = if soot_tg <= xs[0] { ys[0] * soot_tg.max(0.0) / xs[0] } else { linear(soot_tg, &xs, ys) };
    (v, p)
}

/// Peak global mean surface cooling (°C, positive = colder) for `soot_tg` ≥ 0.
pub fn peak_cooling_c(soot_tg: f64) -> (f64, Provenance) {
    let xs: Vec<f64> = PEAK_COOLING.iter().map(|r| r.0).collect();
    let p = provenance(soot_tg, &xs);
    if soot_tg <= xs[0] {
        return (PEAK_COOLING[0].1 * soot_tg.max(0.0) / xs[0], p);
    }
    let lx: Vec<f64> = xs.iter().map(|x| x.ln()).collect();
    let ys: Vec<f64> = PEAK_COOLING.iter().map(|r| r.1).collect();
    (linear(soot_tg.ln(), &lx, &ys), p)
}

/// E-folding time (years) of the recovery after the peak.
pub fn recovery_efold_years(soot_tg: f64) -> f64 {
    let [(x0, t0), (x1, t1)] = RECOVERY_EFOLD;
    let t = ((soot_tg.max(x0).min(x1)).ln() - x0.ln()) / (x1.ln() - x0.ln());
    t0 + t * (t1 - t0)
}

/// Global mean cooling (°C) in `year` after the war (0 = the war): rising linearly to the
/// peak at [`PEAK_YEAR`], then decaying exponentially.
pub fn cooling_in_year_c(soot_tg: f64, year: f64) -> f64 {
    let (peak, _) = peak_cooling_c(soot_tg);
    if year <= 0.0 {
        0.0
    } else if year <= PEAK_YEAR {
        peak * year / PEAK_YEAR
    } else {
        peak * (-(year - PEAK_YEAR) / recovery_efold_years(soot_tg)).exp()
    }
}

/// Piecewise-linear interpolation on ascending `xs`, held at the ends.
fn linear(x: f64, xs: &[f64], ys: &[f64]) -> f64 {
    if x <= xs[0] {
        return ys[0];
    }
    for i in 1..xs.len() {
        if x <= xs[i] {
            let t = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
            return ys[i - 1] + t * (ys[i] - ys[i - 1]);
        }
    }
    ys[ys.len() - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reproduces_the_published_runs_and_says_so() {
        for &(soot, _, _, _, hungry) in &XIA_2022_TABLE_1 {
            let (v, p) = people_without_food(soot);
            assert_eq!(p, Provenance::Published);
            assert!((v / hungry - 1.0).abs() < 1e-9);
        }
        assert_eq!(people_without_food(10.0).1, Provenance::Interpolated);
        assert_eq!(people_without_food(1.0).1, Provenance::BelowRuns);
        assert_eq!(people_without_food(300.0), (5_341e6, Provenance::AboveRuns));
        assert_eq!(people_without_food(0.0).0, 0.0);
    }

    #[test]
    fn monotone_in_soot() {
        let (mut f, mut c) = (-1.0, -1.0);
        for i in 0..400 {
            let soot = i as f64;
            let (nf, _) = people_without_food(soot);
            let (nc, _) = peak_cooling_c(soot);
            assert!(nf >= f && nc >= c, "{soot}");
            (f, c) = (nf, nc);
        }
        assert!(f <= XIA_2022_WORLD_POPULATION);
    }

    #[test]
    fn every_case_reproduces_its_published_figures() {
        for case in &XIA_2022_CASES {
            for (i, &(soot, ..)) in XIA_2022_TABLE_1.iter().enumerate() {
                let (v, p) = people_without_food_in(case, soot);
                assert_eq!(p, Provenance::Published, "{} {soot}", case.key);
                assert!((v / case.people[i] - 1.0).abs() < 1e-12, "{} {soot}: {v}", case.key);
            }
            assert_eq!(people_without_food_in(case, 300.0), (case.people[5], Provenance::AboveRuns));
            assert_eq!(people_without_food_in(case, 0.0).0, 0.0);
        }
        // The Table 1 case is `people_without_food`, at every soot amount.
        let t1 = XIA_2022_CASES.iter().find(|c| c.key == TABLE_1_CASE).unwrap();
        for i in 0..=200 {
            let soot = f64::from(i) * 0.8;
            assert_eq!(people_without_food_in(t1, soot), people_without_food(soot));
        }
    }

    #[test]
    fn every_case_is_monotone_in_soot_and_within_the_world() {
        for case in &XIA_2022_CASES {
            let mut last = -1.0;
            for i in 0..=1600 {
                let (v, _) = people_without_food_in(case, f64::from(i) * 0.125);
                assert!(v >= last, "{} at {} Tg", case.key, f64::from(i) * 0.125);
                last = v;
            }
            assert!(last <= XIA_2022_WORLD_POPULATION);
        }
        let keys: std::collections::BTreeSet<_> = XIA_2022_CASES.iter().map(|c| c.key).collect();
        assert_eq!(keys.len(), XIA_2022_CASES.len());
        for (key, half, all) in XIA_2022_HOUSEHOLD_WASTE_150TG {
            let case = XIA_2022_CASES.iter().find(|c| c.key == key).unwrap();
            // Less waste, fewer people without food, at 150 Tg.
            assert!(all < half && half < case.people[5], "{key}");
        }
    }

    #[test]
    fn recovery_matches_its_anchors() {
        // Robock et al. 2007a: 1.25 °C, still about 0.5 °C ten years on.
        let ten = cooling_in_year_c(5.0, 10.0);
        assert!((0.4..=0.6).contains(&ten), "{ten}");
        // Robock et al. 2007b: still about 4 °C after ten years at 150 Tg (peak 8 °C there).
        let ten = cooling_in_year_c(150.0, 10.0) / peak_cooling_c(150.0).0;
        assert!((0.4..=0.6).contains(&ten), "{ten}");
    }
}
