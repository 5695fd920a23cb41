//! How the map paints: its colours in light and dark mode (Okabe–Ito for the data), stroke
//! and fill styles, and the point shapes that keep categories apart without colour.

/// Map colours for the current colour scheme (Okabe–Ito for the data).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapInk {
    /// Sea.
    pub water: &'static str,
    /// Land.
    pub land: &'static str,
    /// Coastline.
    pub coast: &'static str,
    /// Grid lines.
    pub grid: &'static str,
    /// Parent grid lines.
    pub parent: &'static str,
    /// Text.
    pub text: &'static str,
    /// Text halo.
    pub halo: &'static str,
    /// Beyond the poles.
    pub void: &'static str,
    /// Equator, prime meridian, date line.
    pub reference: &'static str,
    /// Base points (places, hotels).
    pub dots: &'static str,
    /// The thing this step is about.
    pub focus: &'static str,
    /// Searched cells, queried shards.
    pub cells: &'static str,
    /// Results.
    pub result: &'static str,
    /// Missed points.
    pub miss: &'static str,
    /// Candidates.
    pub candidate: &'static str,
}

/// The ink for light or dark mode.
pub fn map_ink(dark: bool) -> MapInk {
    if dark {
        MapInk {
            water: "#141a21",
            land: "#2c3029",
            coast: "#707468",
            grid: "rgba(255,255,255,0.28)",
            parent: "rgba(255,255,255,0.75)",
            text: "#e8e8e8",
            halo: "rgba(20,26,33,0.85)",
            void: "#24262b",
            reference: "#8a939e",
            dots: "#8d96a0",
            focus: "#E69F00",
            cells: "#56B4E9",
            result: "#009E73",
            miss: "#ff8a3d",
            candidate: "#56B4E9",
        }
    } else {
        MapInk {
            water: "#f2f6f9",
            land: "#e3e0d4",
            coast: "#9a978b",
            grid: "rgba(0,0,0,0.30)",
            parent: "rgba(0,0,0,0.75)",
            text: "#1d1d1f",
            halo: "rgba(255,255,255,0.85)",
            void: "#dcdcdc",
            reference: "#6d7782",
            dots: "#7d858e",
            focus: "#E69F00",
            cells: "#0072B2",
            result: "#009E73",
            miss: "#D55E00",
            candidate: "#0072B2",
        }
    }
}

/// How a shape is painted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    /// Fill colour.
    pub fill: Option<&'static str>,
    /// Fill opacity.
    pub fill_alpha: f64,
    /// Stroke colour.
    pub stroke: Option<&'static str>,
    /// Stroke width, CSS px.
    pub width: f64,
    /// Dashed stroke.
    pub dash: bool,
}

impl Style {
    /// Stroke only.
    pub const fn line(colour: &'static str, width: f64) -> Style {
        Style {
            fill: None,
            fill_alpha: 0.0,
            stroke: Some(colour),
            width,
            dash: false,
        }
    }
    /// Dashed stroke.
    pub const fn dashed(colour: &'static str, width: f64) -> Style {
        Style {
            dash: true,
            ..Style::line(colour, width)
        }
    }
    /// Translucent fill with a stroke.
    pub const fn area(colour: &'static str, alpha: f64, width: f64) -> Style {
        Style {
            fill: Some(colour),
            fill_alpha: alpha,
            stroke: Some(colour),
            width,
            dash: false,
        }
    }
}

/// Point shapes (so that no category is told by colour alone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Filled disc.
    Dot,
    /// Hollow square.
    Square,
    /// Diagonal cross.
    Cross,
    /// Filled diamond.
    Diamond,
    /// Ring.
    Ring,
}
