//! Climate and famine after a nuclear war's soot: the report of `brink aftermath`, and the
//! `fire` and `aftermath` parts of `brink strike`.
//!
//! The soot comes from a strike plan (its fires, [`brink_consequences::fire`]) or is given
//! directly; the cooling and the people without food are the published model runs
//! interpolated ([`brink_consequences::aftermath`]), labelled as such in every output.

use std::fmt::Write as _;
use std::time::Instant;

use brink_consequences::aftermath::{
    self as tables, PEAK_COOLING, XIA_2022_CASES, XIA_2022_HOUSEHOLD_WASTE_150TG, XIA_2022_TABLE_1,
    XIA_2022_WORLD_POPULATION, cooling_in_year_c, peak_cooling_c, people_without_food, people_without_food_by_nation,
    people_without_food_in,
};
use brink_consequences::fire::{FireResult, MASS_FIRE_FACTOR, SOOT_KG_PER_PERSON};
use brink_types::AftermathReport;
use brink_types::tools::{
    AftermathBody, ClimateRun, CountryFood, FamineRun, FoodCaseFigure, StrikeAftermath, StrikeFire, YearCooling,
};

use crate::AppError;

/// Years of the cooling series (0 = the war).
pub const YEARS: u32 = 15;

/// What every aftermath output says about its figures.
pub const CAVEAT: &str = "Cooling and famine figures are published climate and crop-model runs (Xia et al. 2022, \
Toon et al. 2019, Coupe et al. 2019, Robock et al. 2007) interpolated by soot amount; the soot follows from brink's \
fire model and its stated assumptions. Not a forecast.";

/// Where the soot comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum SootSource {
    /// A given amount (Tg) of stratospheric soot.
    Given(f64),
    /// A strike plan (bundled name or file): its fires give the soot.
    Plan(String),
}

/// The `fire` part of a strike report.
pub fn strike_fire(fire: &FireResult) -> StrikeFire {
    let (low, central, high) = fire.soot_tg();
    StrikeFire {
        burned_area_km2: fire.burned_area_km2(),
        people_in_burned_area: fire.people_in_burned_area,
        soot_tg: central,
        soot_tg_low: low,
        soot_tg_high: high,
        model: format!(
            "mass fire where the fluence exceeds {MASS_FIRE_FACTOR} x the 3rd-degree burn exposure (Hiroshima's 13 km2 at \
15 kt); fuel proportional to population; stratospheric soot {} / {} / {} kg per person in the burned area \
(low: Reisner et al. 2018; central, high: Toon et al. 2007, 2019)",
            SOOT_KG_PER_PERSON[0], SOOT_KG_PER_PERSON[1], SOOT_KG_PER_PERSON[2]
        ),
    }
}

/// The `aftermath` part of a strike report, for `soot_tg` of stratospheric soot.
pub fn strike_aftermath(soot_tg: f64) -> StrikeAftermath {
    let (cooling_c, cp) = peak_cooling_c(soot_tg);
    let (hungry, hp) = people_without_food(soot_tg);
    StrikeAftermath {
        soot_tg,
        cooling_c,
        people_without_food: hungry,
        basis: format!("cooling: {}; people without food: {}", cp.label(), hp.label()),
    }
}

/// Computes the aftermath of `source`: the report of `brink aftermath` and `brink.aftermath`.
pub fn aftermath(source: &SootSource) -> Result<AftermathReport, AppError> {
    let started = Instant::now();
    let (name, fire, prompt, soot_tg) = match source {
        SootSource::Given(x) => {
            if !x.is_finite() || *x < 0.0 {
                return Err(AppError::bad(format!("--soot-tg {x}: expected a number of teragrams >= 0")));
            }
            ("--soot-tg".to_owned(), None, None, *x)
        }
        SootSource::Plan(spec) => {
            let plan = crate::strike::load(spec)?;
            let (_, result) = crate::strike::assess_plan(&plan)?;
            let fire = strike_fire(&result.fire);
            let soot = fire.soot_tg;
            (plan.name.clone(), Some(fire), Some(result.total.fatalities), soot)
        }
    };
    Ok(crate::report(body(name, fire, prompt, soot_tg), started))
}

fn body(source: String, fire: Option<StrikeFire>, prompt: Option<f64>, soot_tg: f64) -> AftermathBody {
    let (cooling_c, cp) = peak_cooling_c(soot_tg);
    let (hungry, hp) = people_without_food(soot_tg);
    let range = fire.as_ref().map(|f| [people_without_food(f.soot_tg_low).0, people_without_food(f.soot_tg_high).0]);
    AftermathBody {
        source,
        fire,
        prompt_fatalities: prompt,
        soot_tg,
        cooling_c,
        cooling_basis: cp.label().to_owned(),
        cooling_by_year: (0..=YEARS)
            .map(|year| YearCooling { year, cooling_c: cooling_in_year_c(soot_tg, f64::from(year)) })
            .collect(),
        people_without_food: hungry,
        people_without_food_basis: hp.label().to_owned(),
        share_of_world_population: hungry / XIA_2022_WORLD_POPULATION,
        people_without_food_range: range,
        people_without_food_cases: XIA_2022_CASES
            .iter()
            .map(|case| {
                let (v, p) = people_without_food_in(case, soot_tg);
                let figure = FoodCaseFigure {
                    case: case.description.to_owned(),
                    people_without_food: v,
                    basis: p.label().to_owned(),
                    published: case.people.to_vec(),
                    source: case.source.to_owned(),
                };
                (case.key.to_owned(), figure)
            })
            .collect(),
        people_without_food_by_country: people_without_food_by_nation(soot_tg)
            .into_iter()
            .map(|(n, v, p)| CountryFood {
                name: n.name.clone(),
                code: n.code.clone(),
                people_without_food: v,
                basis: p.label().to_owned(),
            })
            .collect(),
        famine_runs: XIA_2022_TABLE_1
            .iter()
            .map(|&(soot_tg, weapons, yield_kt, direct_deaths, people_without_food)| FamineRun {
                soot_tg,
                weapons,
                yield_kt,
                direct_deaths,
                people_without_food,
                source: "Xia et al. 2022, Nature Food 3:586, Table 1 (no trade, Partial Livestock)".into(),
            })
            .collect(),
        climate_runs: PEAK_COOLING
            .iter()
            .map(|&(soot_tg, peak_cooling_c, source)| ClimateRun { soot_tg, peak_cooling_c, source: source.into() })
            .collect(),
        limitations: vec![
            format!(
                "per-country breakdown (people_without_food_by_country) for the Table 1 case only, from {}; the \
transcription has {} nations and lacks one row of the Supplementary table (28.0 M people in 2010), so at the published \
runs the nations sum to 4.5 M (5 Tg) to 28.4 M (150 Tg) less than the Supplementary total",
                tables::BY_NATION_SOURCE,
                tables::xia_2022_by_nation().0.len()
            ),
            "the other food cases (people_without_food_cases) are the Supplementary Information's totals as transcribed by \
the Nuclear Famine Project, not read from the Supplementary Information itself"
                .into(),
            format!(
                "household-waste reduction is published at 150 Tg only (Table 1 case: {} with half of the household waste \
eaten, {} with all of it), so it is not interpolated",
                people(XIA_2022_HOUSEHOLD_WASTE_150TG[0].1),
                people(XIA_2022_HOUSEHOLD_WASTE_150TG[0].2)
            ),
            format!(
                "the recovery curve's shape is brink's: a linear rise to the peak in year {} and an exponential decay fitted to the published 10-year values",
                tables::PEAK_YEAR
            ),
        ],
        note: CAVEAT.to_owned(),
    }
}

fn people(x: f64) -> String {
    if x >= 1e9 {
        format!("{:.2} billion", x / 1e9)
    } else if x >= 1e6 {
        format!("{:.0} M", x / 1e6)
    } else {
        format!("{x:.0}")
    }
}

/// The readable report of `brink aftermath`.
pub fn report_text(report: &AftermathReport) -> String {
    let b = &report.body;
    let mut out = String::new();
    let _ = writeln!(out, "aftermath of {}: {:.1} Tg of soot in the stratosphere", b.source, b.soot_tg);
    if let Some(f) = &b.fire {
        let _ = writeln!(
            out,
            "  fires: {:.0} km² of populated area burned, {} people living there; soot {:.1} Tg (low {:.1}, high {:.1})",
            f.burned_area_km2,
            people(f.people_in_burned_area),
            f.soot_tg,
            f.soot_tg_low,
            f.soot_tg_high
        );
    }
    if let Some(p) = b.prompt_fatalities {
        let _ = writeln!(out, "  prompt deaths (brink's model): {}", people(p));
    }
    let _ = writeln!(out, "\nglobal mean cooling: {:.1} °C at the peak ({})", b.cooling_c, b.cooling_basis);
    let series: Vec<String> = b
        .cooling_by_year
        .iter()
        .filter(|y| y.year % 2 == 0)
        .map(|y| format!("y{} {:.1}", y.year, y.cooling_c))
        .collect();
    let _ = writeln!(out, "  by year (°C): {}", series.join(", "));
    let _ = writeln!(
        out,
        "\npeople without food at the end of year two: {} ({:.0} % of 6.7 billion; {})",
        people(b.people_without_food),
        100.0 * b.share_of_world_population,
        b.people_without_food_basis
    );
    if let Some([lo, hi]) = b.people_without_food_range {
        let _ = writeln!(out, "  with the low and high soot values: {} to {}", people(lo), people(hi));
    }
    let _ = writeln!(out, "  case: Xia et al. 2022 Table 1 — no trade, half of livestock grain feed to people");
    if !b.people_without_food_cases.is_empty() {
        let _ = writeln!(out, "  all the food cases of Xia et al. 2022 at this soot amount:");
        for (key, c) in &b.people_without_food_cases {
            let _ = writeln!(out, "    {key:<27} {:>14}  ({}; {})", people(c.people_without_food), c.case, c.basis);
        }
    }
    if !b.people_without_food_by_country.is_empty() {
        let _ = writeln!(out, "  the ten nations with the most (Table 1 case, Supplementary Information):");
        for c in b.people_without_food_by_country.iter().take(10) {
            let _ =
                writeln!(out, "    {:<27} {:>3} {:>14}  ({})", c.name, c.code, people(c.people_without_food), c.basis);
        }
    }
    let _ = writeln!(out, "\npublished runs (Xia et al. 2022, Table 1):");
    let _ = writeln!(
        out,
        "  {:>7} {:>8} {:>9} {:>14} {:>22}",
        "soot Tg", "weapons", "yield kt", "direct deaths", "without food (year 2)"
    );
    for r in &b.famine_runs {
        let _ = writeln!(
            out,
            "  {:>7} {:>8} {:>9} {:>14} {:>22}",
            r.soot_tg,
            r.weapons,
            r.yield_kt,
            people(r.direct_deaths),
            people(r.people_without_food)
        );
    }
    if !b.people_without_food_cases.is_empty() {
        let _ =
            writeln!(out, "\npublished people without food at the end of year two, by food case (Xia et al. 2022):");
        let soots: Vec<String> = b.famine_runs.iter().map(|r| format!("{} Tg", r.soot_tg)).collect();
        let _ = writeln!(out, "  {:<27} {}", "case", soots.iter().map(|s| format!("{s:>9}")).collect::<String>());
        for (key, c) in &b.people_without_food_cases {
            let row: String = c.published.iter().map(|&v| format!("{:>9}", format!("{:.0} M", v / 1e6))).collect();
            let _ = writeln!(out, "  {key:<27} {row}");
        }
    }
    let _ = writeln!(out);
    for l in &b.limitations {
        let _ = writeln!(out, "limitation: {l}");
    }
    let _ = writeln!(out, "\nNote: {}", b.note);
    out
}
