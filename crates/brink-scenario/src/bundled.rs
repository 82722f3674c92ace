//! The bundled scenarios (`scenarios/*.toml`), embedded at build time.

/// The default scenario of `brink run`.
pub const DEFAULT: &str = "ukraine-2024";

const SCENARIOS: [(&str, &str); 6] = [
    ("ukraine-2024", include_str!("../../../scenarios/ukraine-2024.toml")),
    ("cuban-1962", include_str!("../../../scenarios/cuban-1962.toml")),
    ("korea-1951", include_str!("../../../scenarios/korea-1951.toml")),
    ("autumn-1983", include_str!("../../../scenarios/autumn-1983.toml")),
    ("india-pakistan-2025", include_str!("../../../scenarios/india-pakistan-2025.toml")),
    ("teaching-symmetric", include_str!("../../../scenarios/teaching-symmetric.toml")),
];

/// Names of the bundled scenarios.
pub fn names() -> Vec<&'static str> {
    SCENARIOS.iter().map(|(name, _)| *name).collect()
}

/// The TOML text of a bundled scenario.
pub fn text(name: &str) -> Option<&'static str> {
    SCENARIOS.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
}
