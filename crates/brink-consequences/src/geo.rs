//! Geodesy on the WGS84 ellipsoid (C. F. F. Karney, "Algorithms for geodesics", J. Geodesy
//! 87:43–55, 2013, through the `geographiclib-rs` port of GeographicLib), and the unit-sphere
//! vectors the spatial index uses.

use geographiclib_rs::{DirectGeodesic, Geodesic, InverseGeodesic};

/// Mean Earth radius R₁ = (2a + b)/3 of WGS84 (m), used only to turn distances into chords
/// for the spatial index, with a safety margin; every reported distance is geodesic.
pub const MEAN_EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Geodesic distance (m) and initial azimuth (degrees clockwise from north) from point 1 to
/// point 2 on WGS84.
pub fn distance_azimuth(lat1_deg: f64, lon1_deg: f64, lat2_deg: f64, lon2_deg: f64) -> (f64, f64) {
    let (s12, azi1, _azi2, _a12): (f64, f64, f64, f64) =
        Geodesic::wgs84().inverse(lat1_deg, lon1_deg, lat2_deg, lon2_deg);
    (s12, azi1)
}

/// The point at geodesic distance `distance_m` along azimuth `azimuth_deg` from a start point.
pub fn destination(lat_deg: f64, lon_deg: f64, azimuth_deg: f64, distance_m: f64) -> (f64, f64) {
    Geodesic::wgs84().direct(lat_deg, lon_deg, azimuth_deg, distance_m)
}

/// Offset (east, north) in metres of point 2 in the azimuthal-equidistant frame of point 1:
/// exact distance and azimuth, so distances from the frame's centre are geodesic and other
/// distances inside a few tens of kilometres are accurate to well under 0.1 %.
pub fn local_offset_m(lat1_deg: f64, lon1_deg: f64, lat2_deg: f64, lon2_deg: f64) -> (f64, f64) {
    let (s, azi) = distance_azimuth(lat1_deg, lon1_deg, lat2_deg, lon2_deg);
    let a = azi.to_radians();
    (s * a.sin(), s * a.cos())
}

/// Unit vector of a latitude and longitude on a sphere (for the R*-tree).
pub(crate) fn unit_vector(lat_deg: f64, lon_deg: f64) -> [f64; 3] {
    let (lat, lon) = (lat_deg.to_radians(), lon_deg.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// Squared chord between unit vectors that bounds a surface distance from above: the
/// sphere distance is inflated by 1 % and 1 km so that the ellipsoid's differences (< 0.6 %)
/// can never drop a point the exact geodesic test would keep.
pub(crate) fn chord2_for_distance(distance_m: f64) -> f64 {
    let angle = ((distance_m * 1.01 + 1000.0) / MEAN_EARTH_RADIUS_M).min(std::f64::consts::PI);
    let chord = 2.0 * (angle / 2.0).sin();
    chord * chord
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_degree_of_latitude_at_the_equator() {
        // WGS84 meridian arc from 0° to 1°: 110 574.4 m (standard geodesy tables).
        let (s, azi) = distance_azimuth(0.0, 0.0, 1.0, 0.0);
        assert!((s - 110_574.4).abs() < 1.0, "{s}");
        assert!(azi.abs() < 1e-9);
    }

    #[test]
    fn direct_inverts_inverse() {
        let (lat, lon) = destination(34.4, 132.45, 60.0, 12_345.0);
        let (s, azi) = distance_azimuth(34.4, 132.45, lat, lon);
        assert!((s - 12_345.0).abs() < 1e-6 && (azi - 60.0).abs() < 1e-9);
    }
}
