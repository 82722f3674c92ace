//! SVG charts. Rendered with plotters' SVG backend without font features: text is written as
//! SVG `<text>` elements for the viewer to lay out, so nothing needs fonts installed and the
//! output is a pure function of the data.

use plotters::prelude::*;

/// Chart size in pixels.
const SIZE: (u32, u32) = (720, 360);
const BAND: RGBColor = RGBColor(158, 202, 225);
const LINE: RGBColor = RGBColor(33, 102, 172);
const ACCENT: RGBColor = RGBColor(178, 24, 43);

fn render(draw: impl FnOnce(DrawingArea<SVGBackend<'_>, plotters::coord::Shift>) -> Result<(), String>) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        let _ = root.fill(&WHITE);
        if let Err(message) = draw(root.clone()) {
            let _ = root.draw(&Text::new(format!("chart unavailable: {message}"), (10, 20), ("sans-serif", 14)));
        }
        let _ = root.present();
    }
    svg
}

/// A category label right-aligned just left of the plotting area at pixel `at`.
fn left_label(
    root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    at: (i32, i32),
    text: &str,
) -> Result<(), String> {
    let style = TextStyle::from(("sans-serif", 13)).pos(plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Right,
        plotters::style::text_anchor::VPos::Center,
    ));
    root.draw(&Text::new(text.to_owned(), (at.0 - 6, at.1), style)).map_err(err)
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// A proportion with its interval, labelled.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Label.
    pub label: String,
    /// Estimate.
    pub value: f64,
    /// Interval (low, high).
    pub interval: (f64, f64),
}

/// Horizontal bars with interval whiskers (outcome probabilities, comparisons, Sobol indices).
/// `symmetric` centres the axis on zero (for differences).
pub fn bars(title: &str, axis: &str, bars: &[Bar], symmetric: bool) -> String {
    render(|root| {
        let n = bars.len().max(1);
        let high = bars.iter().map(|b| b.interval.1.max(b.value)).fold(0.0f64, f64::max);
        let low = bars.iter().map(|b| b.interval.0.min(b.value)).fold(0.0f64, f64::min);
        let (x0, x1) = if symmetric {
            let m = high.abs().max(low.abs()).max(1e-6) * 1.1;
            (-m, m)
        } else {
            (low.min(0.0), (high * 1.1).max(1e-6))
        };
        let labels: Vec<String> = bars.iter().map(|b| b.label.clone()).collect();
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(170)
            .build_cartesian_2d(x0..x1, 0.0..n as f64)
            .map_err(err)?;
        chart.configure_mesh().disable_y_mesh().y_labels(0).x_desc(axis).draw().map_err(err)?;
        for (i, label) in labels.iter().enumerate() {
            let y = (n - 1 - i) as f64 + 0.5;
            left_label(&root, chart.backend_coord(&(x0, y)), label)?;
        }
        for (i, bar) in bars.iter().enumerate() {
            let y = (n - 1 - i) as f64;
            chart
                .draw_series(std::iter::once(Rectangle::new([(0.0, y + 0.2), (bar.value, y + 0.8)], BAND.filled())))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(bar.interval.0, y + 0.5), (bar.interval.1, y + 0.5)],
                    LINE.stroke_width(2),
                )))
                .map_err(err)?;
            for x in [bar.interval.0, bar.interval.1] {
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![(x, y + 0.35), (x, y + 0.65)],
                        LINE.stroke_width(2),
                    )))
                    .map_err(err)?;
            }
        }
        Ok(())
    })
}

/// Rung occupancy over time: `shares[t][r]` is the share of all runs at rung r at the end of
/// turn t + 1 (runs that ended earlier count nowhere).
pub fn occupancy_heatmap(title: &str, rungs: &[String], shares: &[Vec<f64>]) -> String {
    render(|root| {
        let turns = shares.len().max(1);
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(190)
            .build_cartesian_2d(0.0..turns as f64, 0.0..rungs.len() as f64)
            .map_err(err)?;
        chart.configure_mesh().disable_mesh().y_labels(0).x_desc("turn").draw().map_err(err)?;
        for (r, name) in rungs.iter().enumerate() {
            left_label(&root, chart.backend_coord(&(0.0, r as f64 + 0.5)), name)?;
        }
        let peak = shares.iter().flatten().copied().fold(0.0f64, f64::max).max(1e-12);
        for (t, row) in shares.iter().enumerate() {
            for (r, &share) in row.iter().enumerate() {
                if share <= 0.0 {
                    continue;
                }
                // Square-root scale so rare high rungs stay visible.
                let intensity = (share / peak).sqrt();
                let shade = |c: u8| (255.0 - intensity * (255.0 - f64::from(c))) as u8;
                let color = RGBColor(shade(ACCENT.0), shade(ACCENT.1), shade(ACCENT.2));
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(t as f64, r as f64), (t as f64 + 1.0, r as f64 + 1.0)],
                        color.filled(),
                    )))
                    .map_err(err)?;
            }
        }
        Ok(())
    })
}

/// One curve: points (x, y) with an optional band (x, low, high).
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// Legend label.
    pub label: String,
    /// Points.
    pub points: Vec<(f64, f64)>,
    /// Interval band, same x as `points` (may be empty).
    pub band: Vec<(f64, f64, f64)>,
}

/// Curves with optional bands (survival curves, sweep curves).
pub fn curves(title: &str, x_axis: &str, y_axis: &str, curves: &[Curve]) -> String {
    render(|root| {
        let xs = curves.iter().flat_map(|c| c.points.iter().map(|p| p.0));
        let (x0, x1) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
        let (x0, x1) = if x0.is_finite() && x1 > x0 { (x0, x1) } else { (0.0, 1.0) };
        let y1 = curves
            .iter()
            .flat_map(|c| c.points.iter().map(|p| p.1).chain(c.band.iter().map(|b| b.2)))
            .fold(0.0f64, f64::max)
            .max(1e-6)
            * 1.05;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(60)
            .build_cartesian_2d(x0..x1, 0.0..y1)
            .map_err(err)?;
        chart.configure_mesh().x_desc(x_axis).y_desc(y_axis).draw().map_err(err)?;
        let palette = [LINE, ACCENT, RGBColor(77, 146, 33), RGBColor(118, 42, 131), RGBColor(230, 97, 1)];
        for (i, curve) in curves.iter().enumerate() {
            let color = palette[i % palette.len()];
            if !curve.band.is_empty() {
                let mut polygon: Vec<(f64, f64)> = curve.band.iter().map(|b| (b.0, b.2)).collect();
                polygon.extend(curve.band.iter().rev().map(|b| (b.0, b.1)));
                chart.draw_series(std::iter::once(Polygon::new(polygon, color.mix(0.2).filled()))).map_err(err)?;
            }
            chart
                .draw_series(LineSeries::new(curve.points.clone(), color.stroke_width(2)))
                .map_err(err)?
                .label(curve.label.clone())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2)));
        }
        if curves.len() > 1 || curves.iter().any(|c| !c.label.is_empty()) {
            chart.configure_series_labels().background_style(WHITE.mix(0.8)).border_style(BLACK).draw().map_err(err)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_svg_with_their_labels() {
        let svg = bars(
            "Outcomes",
            "probability",
            &[Bar { label: "nuclear_use".into(), value: 0.02, interval: (0.015, 0.025) }],
            false,
        );
        assert!(svg.starts_with("<svg") && svg.contains("nuclear_use") && svg.contains("Outcomes"));
        let svg = occupancy_heatmap("Occupancy", &["calm".into(), "war".into()], &[vec![0.9, 0.1], vec![0.5, 0.2]]);
        assert!(svg.contains("<rect") && svg.contains("calm"));
        let svg = curves(
            "Survival",
            "turn",
            "share",
            &[Curve {
                label: "all".into(),
                points: vec![(0.0, 1.0), (1.0, 0.5)],
                band: vec![(0.0, 0.9, 1.0), (1.0, 0.4, 0.6)],
            }],
        );
        assert!(svg.contains("<polyline") || svg.contains("<path"));
        assert!(!svg.contains("http://") || svg.contains("http://www.w3.org/2000/svg"), "no external references");
    }
}
