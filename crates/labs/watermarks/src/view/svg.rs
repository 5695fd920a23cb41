//! Figures and panels written as markup text. The checkpoint and backpressure pictures and the
//! tables and lists that only show the step have no event handlers, so each is one string that
//! Yew inserts as one raw node: far less code in the bundle than a virtual node per element,
//! and one comparison per render instead of hundreds.
//!
//! Numbers are written with one decimal; text goes through [`esc`] (`crate::layout::esc`).

pub use crate::layout::esc;
use std::fmt::Write;
use yew::{AttrValue, Html};

/// Appends formatted markup to an [`Svg`] (writing to a `String` cannot fail).
macro_rules! put {
    ($svg:expr, $($arg:tt)*) => {
        $svg.write(format_args!($($arg)*))
    };
}
pub(crate) use put;

/// An `<svg>` element being written.
pub struct Svg(String);

impl Svg {
    /// Opens `<svg>` with the view box `0 0 w h`, the figure class and `label` for screen readers.
    pub fn new(w: f64, h: f64, label: &str) -> Svg {
        let mut s = Svg(String::with_capacity(4096));
        put!(
            s,
            r#"<svg viewBox="0 0 {w} {h}" class="watermarks-svg" role="img" aria-label="{}">"#,
            esc(label)
        );
        s
    }

    /// Appends formatted markup.
    pub fn write(&mut self, args: std::fmt::Arguments<'_>) {
        let _ = self.0.write_fmt(args);
    }

    /// Appends `<text>` at `(x, y)` with `class`, anchored `middle` (or at its start when
    /// `middle` is false).
    pub fn text(&mut self, (x, y): (f64, f64), class: &str, middle: bool, text: &str) {
        let anchor = if middle {
            r#" text-anchor="middle""#
        } else {
            ""
        };
        put!(
            self,
            r#"<text x="{x:.1}" y="{y:.1}" class="{class}"{anchor}>{}</text>"#,
            esc(text)
        );
    }

    /// Appends a `<rect>` (corner radius `rx`, none when 0).
    pub fn rect(&mut self, (x, y, w, h): (f64, f64, f64, f64), rx: f64, class: &str) {
        put!(
            self,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}""#
        );
        if rx > 0.0 {
            put!(self, r#" rx="{rx}""#);
        }
        put!(self, r#" class="{class}"/>"#);
    }

    /// Appends a `<line>`, ending in the marker `arrow` (an element id) when given.
    pub fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), class: &str, arrow: &str) {
        put!(
            self,
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" class="{class}""#
        );
        if !arrow.is_empty() {
            put!(self, r#" marker-end="url(#{arrow})""#);
        }
        put!(self, "/>");
    }

    /// Appends the arrow-head marker definition with element id `id`.
    pub fn arrow_marker(&mut self, id: &str) {
        put!(
            self,
            r#"<defs><marker id="{id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="watermarks-svg-arrow"/></marker></defs>"#
        );
    }

    /// Closes the element: one raw node.
    pub fn finish(mut self) -> Html {
        self.0.push_str("</svg>");
        Html::from_html_unchecked(AttrValue::from(self.0))
    }
}

/// HTML markup being written: a panel with no handlers, inserted as one raw node.
#[derive(Default)]
pub struct Markup(String);

impl Markup {
    /// Appends formatted markup.
    pub fn write(&mut self, args: std::fmt::Arguments<'_>) {
        let _ = self.0.write_fmt(args);
    }

    /// The markup as one raw node.
    pub fn finish(self) -> Html {
        Html::from_html_unchecked(AttrValue::from(self.0))
    }
}

/// `class`, with `extra` appended when `on`.
pub fn class_if(class: &str, on: bool, extra: &str) -> String {
    if on {
        format!("{class} {extra}")
    } else {
        class.to_string()
    }
}
