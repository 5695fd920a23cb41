//! The outline of a component box by kind, as SVG primitives (so kinds are told by shape, not
//! colour alone): cylinders store data, hexagons are gateways and load balancers, octagons
//! coordinate, pills are clients, boxes with bars are queues, stacked boxes are workers.

use super::diagram::{BOX_H, BOX_W, num};
use crate::model::Kind;

/// One SVG element of a box's outline; numbers are already formatted.
#[derive(Clone, Debug, PartialEq)]
pub enum Prim {
    /// `<path class d>`.
    Path {
        /// CSS class.
        class: &'static str,
        /// Path data.
        d: String,
    },
    /// `<polygon class points>`.
    Polygon {
        /// CSS class.
        class: &'static str,
        /// Points.
        points: String,
    },
    /// `<rect class x y width height rx>`.
    Rect {
        /// CSS class.
        class: &'static str,
        /// x, y, width, height, corner radius.
        xywhr: [String; 5],
    },
    /// `<line class x1 y1 x2 y2>`.
    Line {
        /// CSS class.
        class: &'static str,
        /// x1, y1, x2, y2.
        xyxy: [String; 4],
    },
}

const SHAPE: &str = "designs-shape";
const LINE: &str = "designs-shape-line";

fn rect(class: &'static str, x: f64, y: f64, rx: f64) -> Prim {
    Prim::Rect {
        class,
        xywhr: [num(x), num(y), num(BOX_W), num(BOX_H), num(rx)],
    }
}

fn points(pts: &[(f64, f64)]) -> String {
    pts.iter()
        .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The outline of a box of `kind` with top-left corner `(x, y)`.
///
/// ```
/// use sdp_designs::layout::shapes::{Prim, shape};
/// use sdp_designs::model::Kind;
/// assert_eq!(shape(Kind::Store, 0.0, 0.0).len(), 3, "a cylinder: body and two lid arcs");
/// assert!(matches!(shape(Kind::Gateway, 0.0, 0.0)[0], Prim::Polygon { .. }));
/// ```
pub fn shape(kind: Kind, x: f64, y: f64) -> Vec<Prim> {
    let (w, h) = (BOX_W, BOX_H);
    match kind {
        Kind::Store | Kind::ObjectStore | Kind::Index => {
            let e = 8.0;
            let body = format!(
                "M{},{} A{},{} 0 0 0 {},{} V{} A{},{} 0 0 1 {},{} Z",
                num(x),
                num(y + e),
                num(w / 2.0),
                num(e),
                num(x + w),
                num(y + e),
                num(y + h - e),
                num(w / 2.0),
                num(e),
                num(x),
                num(y + h - e)
            );
            let lid = |sweep: u8| {
                format!(
                    "M{},{} A{},{} 0 0 {sweep} {},{}",
                    num(x),
                    num(y + e),
                    num(w / 2.0),
                    num(e),
                    num(x + w),
                    num(y + e)
                )
            };
            vec![
                Prim::Path {
                    class: SHAPE,
                    d: body,
                },
                Prim::Path {
                    class: LINE,
                    d: lid(0),
                },
                Prim::Path {
                    class: LINE,
                    d: lid(1),
                },
            ]
        }
        Kind::Gateway | Kind::LoadBalancer | Kind::Cdn => {
            let c = 12.0;
            vec![Prim::Polygon {
                class: SHAPE,
                points: points(&[
                    (x + c, y),
                    (x + w - c, y),
                    (x + w, y + h / 2.0),
                    (x + w - c, y + h),
                    (x + c, y + h),
                    (x, y + h / 2.0),
                ]),
            }]
        }
        Kind::Coordinator => {
            let c = 10.0;
            vec![Prim::Polygon {
                class: SHAPE,
                points: points(&[
                    (x + c, y),
                    (x + w - c, y),
                    (x + w, y + c),
                    (x + w, y + h - c),
                    (x + w - c, y + h),
                    (x + c, y + h),
                    (x, y + h - c),
                    (x, y + c),
                ]),
            }]
        }
        Kind::Queue => {
            let mut out = vec![rect(SHAPE, x, y, 3.0)];
            out.extend((1..=3).map(|i| {
                let lx = x + w - 8.0 * f64::from(i);
                Prim::Line {
                    class: LINE,
                    xyxy: [num(lx), num(y), num(lx), num(y + h)],
                }
            }));
            out
        }
        Kind::Worker => vec![
            rect("designs-shape designs-shadow", x + 5.0, y - 5.0, 6.0),
            rect(SHAPE, x, y, 6.0),
        ],
        Kind::Client => vec![rect(SHAPE, x, y, h / 2.0)],
        Kind::Cache => vec![rect(SHAPE, x, y, 14.0)],
        Kind::External => vec![rect("designs-shape designs-dashed", x, y, 2.0)],
        Kind::Service => vec![rect(SHAPE, x, y, 6.0)],
    }
}
