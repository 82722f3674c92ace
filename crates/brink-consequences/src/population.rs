//! Where people are: GeoNames cities with a radially decreasing density, and the spatial
//! index over them.
//!
//! **Data**: GeoNames cities with at least 1 000 inhabitants (CC BY 4.0), converted by
//! `scripts/population-data.py` into `data/cities1000.tsv` and embedded at build time
//! (`data/PROVENANCE.md`). GeoNames counts administrative populations (mostly the city proper,
//! sometimes a municipality or prefecture-level city); the suburbs of a metropolis appear as
//! separate entries, so a metropolis is a cluster of points.
//!
//! **Density**: each city spreads its population with Clark's negative exponential
//! D(r) = D₀ e^(−r/b) (C. Clark, "Urban population densities", J. R. Stat. Soc. A
//! 114(4):490–496, 1951), truncated at r = 8b and renormalised so the disc holds the whole
//! population. The scale grows with the cube root of the population,
//! b = 1.6 km × (P / 10⁶)^(1/3): European cities' radial density profiles are homothetic
//! with a length scale ∝ P^(1/3) (R. Lemoy and G. Caruso, "Scaling evidence of the
//! homothetic nature of cities", arXiv:1704.06508, 2017). The 1.6 km at one million people is
//! fitted to published city-proper populations and land areas of 13 cities (Paris to Lahore):
//! with every GeoNames city spread this way, the people brink puts inside a disc of each
//! city's published area, centred on its GeoNames point, match the published population with
//! a mean log ratio of zero, an rms error of 16 % and at most 27 % (docs/CONSEQUENCES.md,
//! "Calibration"; tested in `tests/it/population.rs`). It makes D₀ = 62 000 /km² at 10⁶
//! people.

use std::sync::OnceLock;

use rstar::{AABB, PointDistance, RTree, RTreeObject};

use crate::error::{ConsequencesError, in_range};
use crate::geo;

/// Clark scale length (m) of a city of one million people, fitted to published city-proper
/// populations and areas (see the module docs and docs/CONSEQUENCES.md, "Calibration").
pub const CLARK_SCALE_AT_1M_M: f64 = 1_600.0;
/// The exponential profile is cut at this many scale lengths (it then holds 99.7 % of the
/// untruncated profile's people; the rest is put back by renormalisation).
pub const CLARK_TRUNCATION: f64 = 8.0;

/// Clark scale length b (m) for a city of `population`: 1.6 km × (P/10⁶)^(1/3).
pub fn clark_scale_m(population: f64) -> f64 {
    CLARK_SCALE_AT_1M_M * (population / 1e6).cbrt()
}

/// How a settlement's people are spread around its centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Profile {
    /// Clark's negative exponential with scale length `scale_m`, truncated at
    /// [`CLARK_TRUNCATION`] scale lengths.
    Exponential {
        /// b (m).
        scale_m: f64,
    },
    /// Uniform density inside `radius_m` (for tests against analytic areas, and for users
    /// who know a settlement's footprint).
    UniformDisc {
        /// Radius (m).
        radius_m: f64,
    },
}

/// A settlement: a centre, a population and a profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Settlement {
    /// Latitude of the centre (degrees).
    pub lat_deg: f64,
    /// Longitude of the centre (degrees).
    pub lon_deg: f64,
    /// People.
    pub population: f64,
    /// Spread.
    pub profile: Profile,
    /// Peak density (people per m²) implied by population and profile.
    central_density_m2: f64,
}

impl Settlement {
    /// A validated settlement (population ≥ 0, coordinates in range, positive length).
    pub fn new(lat_deg: f64, lon_deg: f64, population: f64, profile: Profile) -> Result<Self, ConsequencesError> {
        in_range("latitude (degrees)", "in [-90, 90]", lat_deg, -90.0, 90.0)?;
        in_range("longitude (degrees)", "in [-180, 180]", lon_deg, -180.0, 180.0)?;
        in_range("population", "finite and >= 0", population, 0.0, f64::MAX)?;
        let length = match profile {
            Profile::Exponential { scale_m } => scale_m,
            Profile::UniformDisc { radius_m } => radius_m,
        };
        in_range("settlement length scale (m)", "finite and > 0", length, f64::MIN_POSITIVE, 1e7)?;
        let central_density_m2 = match profile {
            Profile::Exponential { scale_m } => {
                let x = CLARK_TRUNCATION;
                // ∫₀^{xb} D₀ e^(−r/b) 2πr dr = 2π D₀ b² (1 − (1 + x) e^(−x)).
                population / (2.0 * std::f64::consts::PI * scale_m * scale_m * (1.0 - (1.0 + x) * (-x).exp()))
            }
            Profile::UniformDisc { radius_m } => population / (std::f64::consts::PI * radius_m * radius_m),
        };
        Ok(Self { lat_deg, lon_deg, population, profile, central_density_m2 })
    }

    /// A GeoNames city: Clark profile with [`clark_scale_m`].
    pub fn city(lat_deg: f64, lon_deg: f64, population: f64) -> Result<Self, ConsequencesError> {
        Self::new(lat_deg, lon_deg, population, Profile::Exponential { scale_m: clark_scale_m(population.max(1.0)) })
    }

    /// Radius (m) beyond which the density is zero.
    pub fn extent_m(&self) -> f64 {
        match self.profile {
            Profile::Exponential { scale_m } => CLARK_TRUNCATION * scale_m,
            Profile::UniformDisc { radius_m } => radius_m,
        }
    }

    /// People per m² at distance `r_m` from the centre.
    pub fn density_m2(&self, r_m: f64) -> f64 {
        match self.profile {
            Profile::Exponential { scale_m } => {
                if r_m <= CLARK_TRUNCATION * scale_m {
                    self.central_density_m2 * (-r_m / scale_m).exp()
                } else {
                    0.0
                }
            }
            Profile::UniformDisc { radius_m } => {
                if r_m <= radius_m {
                    self.central_density_m2
                } else {
                    0.0
                }
            }
        }
    }
}

/// What the GeoNames table says about a city, beside its settlement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CityInfo {
    /// GeoNames id.
    pub geonameid: u32,
    /// GeoNames name (UTF-8, with diacritics).
    pub name: String,
    /// ISO 3166 two-letter country code.
    pub country: String,
    /// GeoNames first-level administrative code (may be empty).
    pub admin1: String,
}

impl CityInfo {
    /// "Name, CC".
    pub fn display(&self) -> String {
        format!("{}, {}", self.name, self.country)
    }
}

#[derive(Debug, Clone, Copy)]
struct Indexed {
    point: [f64; 3],
    index: usize,
}

impl RTreeObject for Indexed {
    type Envelope = AABB<[f64; 3]>;
    fn envelope(&self) -> Self::Envelope {
        AABB::from_point(self.point)
    }
}

impl PointDistance for Indexed {
    fn distance_2(&self, point: &[f64; 3]) -> f64 {
        let d = [self.point[0] - point[0], self.point[1] - point[1], self.point[2] - point[2]];
        d[0] * d[0] + d[1] * d[1] + d[2] * d[2]
    }
}

/// All settlements, with an R*-tree over their centres (unit vectors on a sphere, so queries
/// work across the antimeridian and at the poles).
#[derive(Debug)]
pub struct World {
    settlements: Vec<Settlement>,
    info: Vec<Option<CityInfo>>,
    tree: RTree<Indexed>,
    max_extent_m: f64,
}

/// The embedded GeoNames table (see the module docs and `data/PROVENANCE.md`).
pub const CITIES_TSV: &str = include_str!("../../../data/cities1000.tsv");

impl World {
    /// A world of the given settlements (with optional city metadata each).
    pub fn new(entries: Vec<(Settlement, Option<CityInfo>)>) -> Self {
        let max_extent_m = entries.iter().map(|(s, _)| s.extent_m()).fold(0.0, f64::max);
        let tree = RTree::bulk_load(
            entries
                .iter()
                .enumerate()
                .map(|(index, (s, _))| Indexed { point: geo::unit_vector(s.lat_deg, s.lon_deg), index })
                .collect(),
        );
        let (settlements, info) = entries.into_iter().unzip();
        Self { settlements, info, tree, max_extent_m }
    }

    /// The embedded GeoNames cities, parsed once, with the default Clark scale.
    pub fn embedded() -> &'static World {
        static WORLD: OnceLock<World> = OnceLock::new();
        WORLD.get_or_init(|| World::from_table(CITIES_TSV, CLARK_SCALE_AT_1M_M))
    }

    /// A world from a city table in the format of [`CITIES_TSV`], each city spread by Clark's
    /// profile with scale `scale_at_1m_m` × (P/10⁶)^(1/3) (for sensitivity studies; the
    /// default is [`CLARK_SCALE_AT_1M_M`]).
    pub fn from_table(tsv: &str, scale_at_1m_m: f64) -> World {
        World::new(parse_cities(tsv, scale_at_1m_m))
    }

    /// Number of settlements.
    pub fn len(&self) -> usize {
        self.settlements.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.settlements.is_empty()
    }

    /// All settlements, in table order.
    pub fn settlements(&self) -> &[Settlement] {
        &self.settlements
    }

    /// City metadata of settlement `index`, if it is a named city.
    pub fn info(&self, index: usize) -> Option<&CityInfo> {
        self.info.get(index).and_then(Option::as_ref)
    }

    /// Total population.
    pub fn total_population(&self) -> f64 {
        self.settlements.iter().map(|s| s.population).sum()
    }

    /// Indices of settlements whose populated disc comes within `radius_m` of a point
    /// (a superset is fetched from the index, then filtered by geodesic distance), with their
    /// offset (east, north) in metres in the point's azimuthal-equidistant frame.
    pub fn near(&self, lat_deg: f64, lon_deg: f64, radius_m: f64) -> Vec<(usize, f64, f64)> {
        let centre = geo::unit_vector(lat_deg, lon_deg);
        let chord2 = geo::chord2_for_distance(radius_m + self.max_extent_m);
        let mut out: Vec<(usize, f64, f64)> = self
            .tree
            .locate_within_distance(centre, chord2)
            .filter_map(|item| {
                let s = &self.settlements[item.index];
                let (d, azi) = geo::distance_azimuth(lat_deg, lon_deg, s.lat_deg, s.lon_deg);
                (d < radius_m + s.extent_m()).then(|| {
                    let a = azi.to_radians();
                    (item.index, d * a.sin(), d * a.cos())
                })
            })
            .collect();
        out.sort_unstable_by_key(|&(i, _, _)| i);
        out
    }

    /// People living within `radius_m` of a point: the density of every settlement whose
    /// disc reaches it, integrated on a polar grid of 240 rings × 256 sectors around the point
    /// (each cell's density taken at its area centroid). Used to check the density model
    /// against published city populations and areas.
    pub fn population_within(&self, lat_deg: f64, lon_deg: f64, radius_m: f64) -> f64 {
        self.population_within_on(lat_deg, lon_deg, radius_m, 240, 256)
    }

    /// [`World::population_within`] on a polar grid of `rings` × `sectors` cells: coarser grids
    /// are enough to rank places (`brink plan --aim densest` uses 8 × 16). 0 for a radius of 0
    /// or less.
    pub fn population_within_on(&self, lat_deg: f64, lon_deg: f64, radius_m: f64, rings: usize, sectors: usize) -> f64 {
        let near: Vec<(&Settlement, f64, f64)> =
            self.near(lat_deg, lon_deg, radius_m).into_iter().map(|(i, x, y)| (&self.settlements[i], x, y)).collect();
        if near.is_empty() || radius_m.is_nan() || radius_m <= 0.0 || rings == 0 || sectors == 0 {
            return 0.0;
        }
        let dr = radius_m / rings as f64;
        let dt = std::f64::consts::TAU / sectors as f64;
        let mut people = 0.0;
        for i in 0..rings {
            let (r0, r1) = (i as f64 * dr, (i + 1) as f64 * dr);
            // Area centroid radius of the annulus sector, and its exact area.
            let rc = 2.0 / 3.0 * (r1.powi(3) - r0.powi(3)) / (r1 * r1 - r0 * r0);
            let area = 0.5 * (r1 * r1 - r0 * r0) * dt;
            for j in 0..sectors {
                let t = (j as f64 + 0.5) * dt;
                let (x, y) = (rc * t.sin(), rc * t.cos());
                let density: f64 = near.iter().map(|(s, sx, sy)| s.density_m2((x - sx).hypot(y - sy))).sum();
                people += density * area;
            }
        }
        people
    }

    /// Finds a city by "Name, CC", "Name, CC, ADMIN1" or "geonameid:ID" (names compared
    /// case-insensitively). Errors list the candidates or near matches.
    pub fn find_city(&self, query: &str) -> Result<usize, ConsequencesError> {
        let q = query.trim();
        if let Some(id) = q.strip_prefix("geonameid:") {
            let id: u32 = id.trim().parse().map_err(|_| ConsequencesError::BadCityName { query: query.to_owned() })?;
            return self
                .info
                .iter()
                .position(|c| c.as_ref().is_some_and(|c| c.geonameid == id))
                .ok_or_else(|| ConsequencesError::UnknownCity { query: query.to_owned(), suggestions: Vec::new() });
        }
        let parts: Vec<&str> = q.split(',').map(str::trim).collect();
        let (name, country, admin1) = match parts.as_slice() {
            [name, cc] if cc.len() == 2 && !name.is_empty() => (*name, *cc, None),
            [name, cc, a1] if cc.len() == 2 && !name.is_empty() => (*name, *cc, Some(*a1)),
            _ => return Err(ConsequencesError::BadCityName { query: query.to_owned() }),
        };
        let name_lc = name.to_lowercase();
        let matches: Vec<usize> = (0..self.len())
            .filter(|&i| {
                self.info(i).is_some_and(|c| {
                    c.country.eq_ignore_ascii_case(country)
                        && c.name.to_lowercase() == name_lc
                        && admin1.is_none_or(|a| c.admin1.eq_ignore_ascii_case(a))
                })
            })
            .collect();
        match matches.as_slice() {
            [one] => Ok(*one),
            [] => {
                let prefix: String = name_lc.chars().take(3).collect();
                let mut near: Vec<usize> = (0..self.len())
                    .filter(|&i| {
                        self.info(i).is_some_and(|c| {
                            c.country.eq_ignore_ascii_case(country) && c.name.to_lowercase().starts_with(&prefix)
                        })
                    })
                    .collect();
                near.sort_by(|&a, &b| self.settlements[b].population.total_cmp(&self.settlements[a].population));
                let suggestions = near.iter().take(5).filter_map(|&i| self.info(i).map(CityInfo::display)).collect();
                Err(ConsequencesError::UnknownCity { query: query.to_owned(), suggestions })
            }
            many => {
                let candidates = many
                    .iter()
                    .map(|&i| {
                        let (c, s) = (self.info(i).expect("matched a named city"), &self.settlements[i]);
                        format!(
                            "{}, {}, {} (geonameid:{}, {:.4}, {:.4}, population {})",
                            c.name, c.country, c.admin1, c.geonameid, s.lat_deg, s.lon_deg, s.population
                        )
                    })
                    .collect();
                Err(ConsequencesError::AmbiguousCity { query: query.to_owned(), candidates })
            }
        }
    }
}

/// Parses the embedded table (`geonameid, name, country, admin1, lat, lon, population`,
/// tab-separated; `#` comment and header lines skipped). The table is generated and checked
/// by tests, so a malformed row is a build defect: it is skipped rather than panicking.
fn parse_cities(tsv: &str, scale_at_1m_m: f64) -> Vec<(Settlement, Option<CityInfo>)> {
    tsv.lines()
        .filter(|line| !line.starts_with('#') && !line.starts_with("geonameid"))
        .filter_map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            let [id, name, country, admin1, lat, lon, pop] = f.as_slice() else { return None };
            let population: f64 = pop.parse().ok()?;
            let scale_m = scale_at_1m_m * (population.max(1.0) / 1e6).cbrt();
            let settlement =
                Settlement::new(lat.parse().ok()?, lon.parse().ok()?, population, Profile::Exponential { scale_m })
                    .ok()?;
            let info = CityInfo {
                geonameid: id.parse().ok()?,
                name: (*name).to_owned(),
                country: (*country).to_owned(),
                admin1: (*admin1).to_owned(),
            };
            Some((settlement, Some(info)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_the_embedded_table_parses() {
        let rows = CITIES_TSV.lines().filter(|l| !l.starts_with('#') && !l.starts_with("geonameid")).count();
        assert_eq!(World::embedded().len(), rows);
        assert!(rows > 25_000);
        // UN DESA, World Urbanization Prospects 2018: 4.2 billion urban dwellers in 2018; the
        // table (towns >= 1 000, districts removed) must hold most but not all of them.
        let total = World::embedded().total_population();
        assert!((3.0e9..4.2e9).contains(&total), "{total}");
    }

    #[test]
    fn exponential_profile_integrates_to_the_population() {
        // Midpoint rule on 20 000 rings against the stated population: independent of the
        // closed-form normalisation used in `new`.
        let s = Settlement::city(0.0, 0.0, 250_000.0).unwrap();
        let n = 20_000;
        let dr = s.extent_m() / n as f64;
        let total: f64 =
            (0..n).map(|i| (i as f64 + 0.5) * dr).map(|r| s.density_m2(r) * 2.0 * std::f64::consts::PI * r * dr).sum();
        assert!((total / 250_000.0 - 1.0).abs() < 1e-6, "{total}");
    }
}
