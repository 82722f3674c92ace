//! `brink plan`: a countervalue strike plan on the most populous cities of some countries.

use std::path::PathBuf;

use brink_app::plan::{Aim, Height, PlanRequest, plan, summary_text};

use super::{CmdError, CmdResult};

/// Burst type of `--burst`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum BurstKind {
    /// The height that maximises the 5 psi range.
    Air,
    /// A contact surface burst.
    Surface,
}

/// Placement of `--aim`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum AimKind {
    /// K weapons (--weapons-per-city) on each of the N (--cities) most populous cities: the
    /// centre, then hexagonal rings 2 fire radii apart.
    PerCity,
    /// W weapons (--weapons), each on the aim point whose fire zone holds the most people,
    /// no two fire zones overlapping (the method of Toon et al. 2007, 2019).
    Densest,
}

/// Flags of `brink plan`.
#[derive(Debug, clap::Args)]
pub(crate) struct PlanArgs {
    /// Target countries, ISO 3166-1 alpha-2 codes separated by commas (e.g. IN,PK).
    #[arg(long, value_name = "COUNTRY[,COUNTRY]", value_delimiter = ',', required = true)]
    on: Vec<String>,
    /// Number of cities, the most populous first (required with --aim per-city; with --aim
    /// densest, the candidate cities, default all of the countries').
    #[arg(long, value_name = "N")]
    cities: Option<usize>,
    /// Weapons per city, spread over its area (--aim per-city).
    #[arg(long, value_name = "K", default_value_t = 1)]
    weapons_per_city: u32,
    /// Where the weapons go: `per-city` (K on each of the N largest cities) or `densest`
    /// (W on the most densely populated places, fire zones not overlapping; Toon et al.).
    #[arg(long, value_enum, default_value = "per-city")]
    aim: AimKind,
    /// Total weapons (--aim densest).
    #[arg(long, value_name = "W")]
    weapons: Option<u32>,
    /// Yield of each weapon (kt).
    #[arg(long, value_name = "Y", allow_negative_numbers = true)]
    yield_kt: f64,
    /// Height of burst (m).
    #[arg(
        long,
        value_name = "H",
        allow_negative_numbers = true,
        conflicts_with = "burst",
        required_unless_present = "burst"
    )]
    hob_m: Option<f64>,
    /// `air` (the height maximising the 5 psi range) or `surface`.
    #[arg(long, value_enum)]
    burst: Option<BurstKind>,
    /// The attacker's name (for the phase and the title).
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
    /// Earlier plans (bundled names or files) whose detonations come first; repeatable.
    #[arg(long, value_name = "PLAN")]
    add: Vec<String>,
    /// The plan file to write (atomically).
    #[arg(short = 'o', long = "output", value_name = "PLAN.toml")]
    output: PathBuf,
}

/// Runs `brink plan`.
pub(crate) fn run(args: PlanArgs) -> CmdResult {
    let height = match (args.hob_m, args.burst) {
        (Some(h), None) => Height::Meters(h),
        (None, Some(BurstKind::Air)) => Height::Air,
        (None, Some(BurstKind::Surface)) => Height::Surface,
        _ => return Err(CmdError::BadInput("error: give --hob-m H or --burst air|surface".into())),
    };
    let name = args
        .output
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .ok_or_else(|| CmdError::BadInput(format!("error: -o {}: not a file name", args.output.display())))?;
    let aim = match (args.aim, args.weapons) {
        (AimKind::PerCity, None) => Aim::PerCity,
        (AimKind::PerCity, Some(_)) => {
            return Err(CmdError::BadInput(
                "error: --weapons W is for --aim densest; with --aim per-city give --cities N and --weapons-per-city K"
                    .into(),
            ));
        }
        (AimKind::Densest, Some(weapons)) => Aim::Densest { weapons },
        (AimKind::Densest, None) => {
            return Err(CmdError::BadInput(
                "error: --aim densest needs --weapons W (the total number of weapons)".into(),
            ));
        }
    };
    let request = PlanRequest {
        countries: args.on,
        cities: args.cities,
        weapons_per_city: args.weapons_per_city,
        aim,
        yield_kt: args.yield_kt,
        height,
        by: args.by,
        add: args.add,
        name,
    };
    let generated = plan(&request)?;
    super::write_file_atomically(&args.output, generated.toml.as_bytes(), "-o")?;
    print!("{}", summary_text(&generated, &args.output.display().to_string()));
    Ok(())
}
