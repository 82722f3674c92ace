//! Reports of the tools that do not run a scenario: game solving, weapon effects, fallout,
//! strike plans and the engine's validation against closed forms.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Body, IndexMap};

/// Equilibria of a strategic-form game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SolveBody {
    /// The game's title.
    pub title: String,
    /// Player names.
    pub players: Vec<String>,
    /// Strategy labels, per player.
    pub strategies: Vec<Vec<String>>,
    /// The solver used.
    pub method: String,
    /// Each equilibrium: per player, a probability per strategy.
    pub equilibria: Vec<Vec<Vec<Probability>>>,
    /// The value of a zero-sum game to the first player (`zerosum`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Probability>,
    /// The QRE precision λ reached (`qre`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lambda: Option<f64>,
}

impl Body for SolveBody {
    const KIND: &'static str = "solve";
    const ABOUT: &'static str = "Nash equilibria or the logit QRE of a Gambit strategic-form game";
}

/// Equilibria of a Gambit extensive-form game (`brink solve FILE.efg`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SolveEfgBody {
    /// The game's title.
    pub title: String,
    /// Player names.
    pub players: Vec<String>,
    /// Each player's information sets, in the order of their numbers in the file.
    pub infosets: Vec<Vec<EfgInfoset>>,
    /// The size of the game tree.
    pub tree: TreeSize,
    /// The solver used: `lcp`, `lp`, `enumpure`, `cfr` or `qre`.
    pub method: String,
    /// Each equilibrium (or, for `cfr` and `qre`, the one profile computed).
    pub equilibria: Vec<EfgEquilibrium>,
    /// The value of a constant-sum game to the first player (`lp`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Probability>,
    /// The QRE precision λ reached (`qre`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lambda: Option<f64>,
    /// The number of iterations run (`cfr`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iterations: Option<u64>,
    /// NashConv of CFR+'s average strategy after each iteration (`cfr`): the sum over
    /// players of what a best response would gain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exploitability: Option<Vec<f64>>,
}

impl Body for SolveEfgBody {
    const KIND: &'static str = "solve-efg";
    const ABOUT: &'static str = "equilibria, CFR+ or the agent logit QRE of a Gambit extensive-form game";
}

/// The crisis as a game (`brink equilibrium`): equilibrium play of the scenario truncated
/// after `turns` turns, side by side with the scenario's own rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EquilibriumBody {
    /// The scenario's name.
    pub scenario: String,
    /// Turns in the game before the truncation.
    pub turns: u32,
    /// The size of the game tree.
    pub tree: TreeSize,
    /// The solver: `lcp` or `cfr`.
    pub method: String,
    /// CFR+ iterations (`cfr`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iterations: Option<u64>,
    /// NashConv of the equilibrium profile computed (0 for exact `lcp`, rounding level for
    /// `lcp` in floating point beyond 1,500 LCP rows; CFR+'s remaining gap).
    pub nash_conv: f64,
    /// Outcome → probability over the turns under equilibrium play (`continuing`: the crisis
    /// is still going at the truncation).
    pub outcomes_equilibrium: IndexMap<String, f64>,
    /// Outcome → probability under the scenario's own rules.
    pub outcomes_scenario: IndexMap<String, f64>,
    /// Actor → how much it would gain by deviating optimally from the scenario's rules while
    /// the others keep to theirs.
    pub exploitability: IndexMap<String, f64>,
    /// The choices where equilibrium and the scenario's rules differ most, weighted by how
    /// likely the scenario's rules make the situation.
    pub largest_differences: Vec<ChoiceDifference>,
}

impl Body for EquilibriumBody {
    const KIND: &'static str = "equilibrium";
    const ABOUT: &'static str = "equilibrium play of a scenario truncated after T turns, compared with its own rules";
}

/// One action where equilibrium and the scenario's rules differ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ChoiceDifference {
    /// Who chooses.
    pub actor: String,
    /// The situation: the actor's red line and the public history.
    pub infoset: String,
    /// The action.
    pub action: String,
    /// Its probability in equilibrium.
    pub equilibrium: f64,
    /// Its probability under the scenario's rules.
    pub scenario: f64,
    /// The probability that the situation arises under the scenario's rules.
    pub reach: f64,
}

/// An information set as the file names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EfgInfoset {
    /// Its number in the file.
    pub number: u64,
    /// Its label (may be empty).
    pub name: String,
    /// Action labels, in file order.
    pub actions: Vec<String>,
}

/// The size of a game tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TreeSize {
    /// All nodes.
    pub nodes: u64,
    /// Information sets, summed over players.
    pub infosets: u64,
    /// Leaves.
    pub terminals: u64,
}

/// One behaviour profile and what it pays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EfgEquilibrium {
    /// `behavior[player][infoset][action]`: the probability of each action.
    pub behavior: Vec<Vec<Vec<Probability>>>,
    /// Each player's expected payoff.
    pub payoffs: Vec<Probability>,
}

/// A probability (or value): a decimal, or an exact fraction such as `"1/3"` (`--exact`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Probability {
    /// A decimal.
    Decimal(f64),
    /// An exact rational, `p/q`.
    Exact(String),
}

/// Blast, thermal and prompt-radiation effects of one detonation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EffectsBody {
    /// Yield (kt).
    pub yield_kt: f64,
    /// Height of burst (m).
    pub hob_m: f64,
    /// The overpressure model: `brode` or `dna`.
    pub blast_model: String,
    /// Fireball radius (m).
    pub fireball_radius_m: f64,
    /// The effects at each requested ground range.
    pub points: Vec<EffectsPoint>,
    /// Ground range (m) at which each level is reached (`null`: not reached).
    pub ranges_m: EffectRanges,
}

impl Body for EffectsBody {
    const KIND: &'static str = "effects";
    const ABOUT: &'static str = "blast, thermal and prompt-radiation effects of one detonation";
}

/// The effects at one ground range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EffectsPoint {
    /// Ground range from ground zero (m).
    pub ground_range_m: f64,
    /// Slant range from the burst (m).
    pub slant_range_m: f64,
    /// Peak overpressure (psi); `null` where the blast fit is outside its validity range.
    pub overpressure_psi: Option<f64>,
    /// Thermal fluence (cal/cm²).
    pub thermal_cal_cm2: f64,
    /// Prompt radiation dose (rem).
    pub prompt_dose_rem: f64,
}

/// Ground ranges of levels, keyed by level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EffectRanges {
    /// By overpressure (psi): `"1"`, `"2"`, `"5"`, `"10"`, `"20"`.
    pub overpressure_psi: IndexMap<String, Option<f64>>,
    /// By radiant exposure (cal/cm²).
    pub thermal_cal_cm2: IndexMap<String, Option<f64>>,
    /// By prompt dose (rem).
    pub prompt_dose_rem: IndexMap<String, Option<f64>>,
    /// By burn degree: `"1st"`, `"2nd"`, `"3rd"`.
    pub burns: IndexMap<String, Option<f64>>,
}

/// The WSEG-10 fallout field of one surface burst at points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FalloutBody {
    /// Yield (kt).
    pub yield_kt: f64,
    /// Fraction of the yield from fission.
    pub fission_fraction: f64,
    /// Effective wind speed (km/h).
    pub wind_kmh: f64,
    /// Wind shear (km/h per km of height).
    pub shear_kmh_per_km: f64,
    /// The field at each point.
    pub points: Vec<FalloutPointDoc>,
}

impl Body for FalloutBody {
    const KIND: &'static str = "fallout";
    const ABOUT: &'static str = "WSEG-10 fallout of a surface burst: H+1 dose rate, arrival, 30-day dose";
}

/// The fallout field at one point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FalloutPointDoc {
    /// km downwind of ground zero.
    pub downwind_km: f64,
    /// km crosswind.
    pub crosswind_km: f64,
    /// Dose rate at H+1 (R/h).
    pub dose_rate_h1_r_per_h: f64,
    /// Arrival time (h).
    pub arrival_h: f64,
    /// 30-day equivalent residual dose (R).
    pub dose_30day_erd_r: f64,
}

/// Fatalities and injuries of a strike plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StrikeBody {
    /// The plan's name.
    pub plan: String,
    /// Where it came from.
    pub plan_origin: String,
    /// Its title, if it has one.
    pub title: Option<String>,
    /// What the figures are.
    pub note: String,
    /// The casualty model.
    pub model: StrikeModel,
    /// Fallout deaths, when fallout was asked for.
    pub fallout: Option<FalloutDeaths>,
    /// Totals over the plan.
    pub total: StrikeTotal,
    /// Totals per phase, in order of first appearance.
    pub phases: IndexMap<String, Casualties>,
    /// City fires and the soot they loft to the stratosphere, over the whole plan.
    pub fire: StrikeFire,
    /// What that soot means for climate and food (published model runs, interpolated).
    pub aftermath: StrikeAftermath,
    /// One entry per aim point.
    pub targets: Vec<StrikeTarget>,
}

/// City fires of a plan: burned area and stratospheric soot (docs/CONSEQUENCES.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StrikeFire {
    /// Populated area inside the mass-fire zones, joined over aim points (km²).
    pub burned_area_km2: f64,
    /// People living in it (the fuel loading is proportional to them).
    pub people_in_burned_area: f64,
    /// Soot lofted to the stratosphere, central value (Tg; Toon et al. 2007, 2019).
    pub soot_tg: f64,
    /// Low value (Tg; after Reisner et al. 2018).
    pub soot_tg_low: f64,
    /// High value (Tg).
    pub soot_tg_high: f64,
    /// The fire model in words.
    pub model: String,
}

/// Climate and famine after a plan's soot (central value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StrikeAftermath {
    /// Stratospheric soot (Tg), the fire's central value.
    pub soot_tg: f64,
    /// Peak global mean surface cooling (°C, positive = colder).
    pub cooling_c: f64,
    /// People without food at the end of year two (Xia et al. 2022, Table 1 case).
    pub people_without_food: f64,
    /// How these relate to the published runs (published, interpolated, outside).
    pub basis: String,
}

impl Body for StrikeBody {
    const KIND: &'static str = "strike";
    const ABOUT: &'static str = "fatalities and injuries of a strike plan over the embedded population";
}

/// The casualty model's assumptions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StrikeModel {
    /// The population model.
    pub population: String,
    /// The blast model.
    pub blast: String,
    /// Share of people exposed to the thermal pulse.
    pub thermal_exposed_fraction: f64,
    /// Mortality of burns.
    pub burn_mortality: f64,
    /// LD50 of prompt radiation (rem).
    pub radiation_ld50_rem: f64,
    /// Lognormal sigma of the dose–mortality curve.
    pub radiation_sigma: f64,
    /// Visibility (km).
    pub visibility_km: f64,
    /// The fallout model, when asked for.
    pub fallout: Option<StrikeFalloutModel>,
}

/// The fallout part of a casualty model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StrikeFalloutModel {
    /// The model.
    pub model: String,
    /// Wind speed (km/h).
    pub wind_kmh: f64,
    /// Direction the wind blows toward (degrees from north).
    pub wind_toward_deg: f64,
    /// Fission fraction.
    pub fission_fraction: f64,
    /// Shelter protection factor.
    pub protection_factor: f64,
}

/// Fallout deaths among survivors of the prompt effects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FalloutDeaths {
    /// Deaths.
    pub fatalities: f64,
    /// Of whom had been injured by the prompt effects.
    pub previously_injured: f64,
}

/// Fatalities and injuries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Casualties {
    /// Fatalities.
    pub fatalities: f64,
    /// Injuries.
    pub injuries: f64,
}

/// Totals of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StrikeTotal {
    /// Fatalities.
    pub fatalities: f64,
    /// Injuries.
    pub injuries: f64,
    /// People within reach of the prompt effects.
    pub population_in_reach: f64,
}

/// One aim point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StrikeTarget {
    /// Its label.
    pub label: String,
    /// Its phase, if any.
    pub phase: Option<String>,
    /// Latitude (degrees).
    pub lat: f64,
    /// Longitude (degrees).
    pub lon: f64,
    /// Yield (kt).
    pub yield_kt: f64,
    /// Height of burst (m).
    pub hob_m: f64,
    /// Weapons on the point.
    pub count: u32,
    /// Fatalities attributed to it.
    pub fatalities: f64,
    /// Injuries attributed to it.
    pub injuries: f64,
    /// People within its reach.
    pub population_in_reach: f64,
    /// Its reach (m).
    pub reach_m: f64,
    /// Populated area it burns (km²; places it owns).
    pub burned_area_km2: f64,
    /// Stratospheric soot from its fires, central value (Tg).
    pub soot_tg: f64,
    /// Its effect rings.
    pub rings: Vec<Ring>,
}

/// An effect ring.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Ring {
    /// The effect.
    pub effect: String,
    /// Radius (m).
    pub radius_m: f64,
    /// Area (km²).
    pub area_km2: f64,
}

/// The engine against the canonical models' closed forms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ValidateBody {
    /// Monte Carlo runs per simulated quantity.
    pub runs: u64,
    /// The master seed.
    pub seed: u64,
    /// The checks.
    pub checks: Vec<Check>,
}

impl Body for ValidateBody {
    const KIND: &'static str = "validate";
    const ABOUT: &'static str = "the engine checked against the closed forms of the canonical escalation models";
}

/// One check of a simulated quantity against its closed form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Check {
    /// The model.
    pub model: String,
    /// The quantity.
    pub quantity: String,
    /// The model's parameters, as given.
    pub params: IndexMap<String, String>,
    /// The closed form's value.
    pub closed_form: f64,
    /// The engine's value.
    pub simulated: f64,
    /// The 95% interval of a Monte Carlo estimate (`null` for a deterministic one).
    pub ci95: Option<[f64; 2]>,
    /// Closed form inside the 99.9% interval, or within 1e-9 relative.
    pub pass: bool,
}

/// Climate and famine after a nuclear war's soot: `brink aftermath`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AftermathBody {
    /// Where the soot figure came from: a plan's name, or `--soot-tg`.
    pub source: String,
    /// The plan's fires, when the soot came from a plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fire: Option<StrikeFire>,
    /// Prompt deaths of the plan (brink's model), when the soot came from a plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_fatalities: Option<f64>,
    /// Stratospheric soot (Tg).
    pub soot_tg: f64,
    /// Peak global mean surface cooling (°C, positive = colder).
    pub cooling_c: f64,
    /// How the cooling relates to the published runs.
    pub cooling_basis: String,
    /// Global mean cooling, year by year after the war (year 0 = the war).
    pub cooling_by_year: Vec<YearCooling>,
    /// People without food at the end of year two: Xia et al. 2022 Table 1 (no trade, half
    /// of the livestock grain feed to people, the rest of the world fed 1 911 kcal/day).
    pub people_without_food: f64,
    /// How that figure relates to the published runs.
    pub people_without_food_basis: String,
    /// Share of the 2010 world population (6 703 M) of the food model.
    pub share_of_world_population: f64,
    /// With the soot's low and high values when it came from a plan: (low, high).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people_without_food_range: Option<[f64; 2]>,
    /// People without food at the end of year two in each food case of Xia et al. 2022 (trade
    /// or not; livestock kept, halved or killed), by key (e.g. `trade_livestock`); the Table 1
    /// case, `no_trade_partial_livestock`, equals `people_without_food`.
    #[serde(default)]
    pub people_without_food_cases: IndexMap<String, FoodCaseFigure>,
    /// People without food at the end of year two nation by nation, Table 1 case (Xia et al.
    /// 2022 Supplementary Information), largest first; nations missing from the transcription
    /// are absent, so the sum falls short of `people_without_food` (see `limitations`).
    #[serde(default)]
    pub people_without_food_by_country: Vec<CountryFood>,
    /// The published famine runs brink interpolates between.
    pub famine_runs: Vec<FamineRun>,
    /// The published climate runs brink interpolates between.
    pub climate_runs: Vec<ClimateRun>,
    /// What is not there or only in part (e.g. the other cases by country).
    pub limitations: Vec<String>,
    /// What the figures are.
    pub note: String,
}

impl Body for AftermathBody {
    const KIND: &'static str = "aftermath";
    const ABOUT: &'static str =
        "global cooling and people without food after a nuclear war's soot, from published model runs";
}

/// Cooling in one year after the war.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct YearCooling {
    /// Years after the war.
    pub year: u32,
    /// Global mean surface cooling (°C, positive = colder).
    pub cooling_c: f64,
}

/// One published famine run (Xia et al. 2022, Table 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FamineRun {
    /// Stratospheric soot (Tg).
    pub soot_tg: f64,
    /// Weapons on urban targets.
    pub weapons: u32,
    /// Yield of each (kt).
    pub yield_kt: f64,
    /// Direct deaths from blast and fire.
    pub direct_deaths: f64,
    /// People without food at the end of year two.
    pub people_without_food: f64,
    /// The source.
    pub source: String,
}

/// People without food at the end of year two in one nation (Xia et al. 2022, Table 1 case).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CountryFood {
    /// The nation as the source names it (e.g. `Taiwan, province of China`).
    pub name: String,
    /// ISO 3166-1 alpha-2 code; empty where the mapping is not unambiguous.
    pub code: String,
    /// People without food at the end of year two at this soot amount.
    pub people_without_food: f64,
    /// How that figure relates to the published runs (published, interpolated, outside).
    pub basis: String,
}

/// People without food at the end of year two in one food case of Xia et al. 2022.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FoodCaseFigure {
    /// The case in words.
    pub case: String,
    /// People without food at the end of year two at this soot amount.
    pub people_without_food: f64,
    /// How that figure relates to the published runs (published, interpolated, outside).
    pub basis: String,
    /// The published figures, one per famine run (5, 16, 27, 37, 47, 150 Tg).
    pub published: Vec<f64>,
    /// Where the published figures were read.
    pub source: String,
}

/// One published climate run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ClimateRun {
    /// Stratospheric soot (Tg).
    pub soot_tg: f64,
    /// Peak global mean surface cooling (°C).
    pub peak_cooling_c: f64,
    /// The source.
    pub source: String,
}
