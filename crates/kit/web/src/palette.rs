//! Colour-blind-safe palette (Okabe–Ito, with grey for black so it shows on dark backgrounds).

/// Series colours, distinguishable under the common colour-vision deficiencies.
pub const SERIES: [&str; 8] = [
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999",
];

/// Colour of series `i` (cycles after eight; views add labels so repeats stay readable).
pub fn series(i: usize) -> &'static str {
    SERIES[i % SERIES.len()]
}

/// Foreground, muted and background colours for canvas drawing in the current colour scheme.
pub struct Ink {
    /// Text and strong lines.
    pub fg: &'static str,
    /// Guides and inactive items.
    pub muted: &'static str,
    /// Background.
    pub bg: &'static str,
    /// Highlight for the focused item.
    pub accent: &'static str,
}

/// The ink for light or dark mode.
pub fn ink(dark: bool) -> Ink {
    if dark {
        Ink {
            fg: "#e8e8e8",
            muted: "#6b6b6b",
            bg: "#16181c",
            accent: "#ff6b9a",
        }
    } else {
        Ink {
            fg: "#1d1d1f",
            muted: "#b0b0b0",
            bg: "#ffffff",
            accent: "#c2185b",
        }
    }
}
