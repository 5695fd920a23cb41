//! Request flows as traces for the generic player: one step per message between two
//! components, narrated by the flow step's sentence.
//!
//! ```
//! let design = sdp_designs::design("url-shortener").unwrap();
//! let trace = sdp_designs::flow::flow_trace(design, "redirect-hit").unwrap();
//! let first = trace.get(0).unwrap();
//! assert_eq!(first.state.from, "client");
//! assert_eq!(first.narration, design.flows[1].steps[0].narration);
//! ```

use crate::model::{Component, Design, Edge, Flow};
use sdp_kit::lab::{LinesRun, Metric, ParamError, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The component diagram of a design, shared by every step of its flows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagram {
    /// Boxes, each with a grid position `pos = [column, row]` (columns
    /// `0..`[`crate::model::GRID_COLS`], rows `0..`[`crate::model::GRID_ROWS`]).
    pub components: Vec<Component>,
    /// Undirected lines between boxes (component ids).
    pub edges: Vec<Edge>,
}

impl Diagram {
    /// The diagram of a design.
    pub fn of(design: &Design) -> Diagram {
        Diagram {
            components: design.components.clone(),
            edges: design.edges.clone(),
        }
    }
}

/// One message of a flow: `from` sends `message` to `to`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hop {
    /// Sender component id.
    pub from: String,
    /// Receiver component id.
    pub to: String,
    /// Arrow label.
    pub message: String,
}

/// What the view draws at one step of a flow.
///
/// Draw `diagram` (boxes at their grid cells, edges as thin lines); draw `hops[..step]` as
/// faded arrows (the path so far) and the current hop `from → to` as a bold arrow labelled
/// `message`; highlight the `active` boxes and dim boxes not in `visited`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlowState {
    /// Design id (`url-shortener`).
    pub design: String,
    /// Flow id (`redirect-hit`).
    pub flow: String,
    /// Zero-based index of this step in the flow (= index into `hops`).
    pub step: usize,
    /// Sender component id of this step.
    pub from: String,
    /// Receiver component id of this step.
    pub to: String,
    /// Label of this step's arrow.
    pub message: String,
    /// Components taking part in this step (`from` and `to`), to highlight.
    pub active: Vec<String>,
    /// Components touched by this step or an earlier one, in first-touch order.
    pub visited: Vec<String>,
    /// Every hop of the flow, shared by all its steps; hops before `step` are the trail.
    pub hops: Arc<Vec<Hop>>,
    /// The component diagram, shared by all steps.
    pub diagram: Arc<Diagram>,
}

/// The trace of flow `flow_id` of `design`: one step per message. An unknown flow or a step
/// naming a component that does not exist gives an error naming the field.
///
/// Each step's [`LinesRun`] has `procedure` = the flow's index in `design.flows` and `lines`
/// = `[step]`: the view shows the flow's narrations as the procedure and highlights the line.
pub fn flow_trace(design: &Design, flow_id: &str) -> Result<Trace<FlowState>, ParamError> {
    let Some((index, flow)) = design
        .flows
        .iter()
        .enumerate()
        .find(|(_, f)| f.id == flow_id)
    else {
        return Err(unknown_flow(design, flow_id));
    };
    build(design, index, flow)
}

pub(crate) fn unknown_flow(design: &Design, flow_id: &str) -> ParamError {
    let ids: Vec<&str> = design.flows.iter().map(|f| f.id.as_str()).collect();
    ParamError::new(
        "flow",
        format!(
            "“{}” is not a flow of {}; one of: {}",
            sdp_kit::query::shorten(flow_id),
            design.id,
            ids.join(", ")
        ),
    )
}

fn build(design: &Design, index: usize, flow: &Flow) -> Result<Trace<FlowState>, ParamError> {
    if flow.steps.is_empty() {
        return Err(ParamError::new(
            "flow",
            format!("flow “{}” has no steps", flow.id),
        ));
    }
    for (k, s) in flow.steps.iter().enumerate() {
        for (end, id) in [("from", &s.from), ("to", &s.to)] {
            if design.component(id).is_none() {
                return Err(ParamError::new(
                    format!("{}.step[{k}].{end}", flow.id),
                    format!("no component “{id}”"),
                ));
            }
        }
    }
    let hops: Arc<Vec<Hop>> = Arc::new(
        flow.steps
            .iter()
            .map(|s| Hop {
                from: s.from.clone(),
                to: s.to.clone(),
                message: s.message.clone(),
            })
            .collect(),
    );
    let diagram = Arc::new(Diagram::of(design));
    let total = flow.steps.len();
    let mut visited: Vec<String> = Vec::new();
    let mut steps = Vec::with_capacity(total);
    for (k, s) in flow.steps.iter().enumerate() {
        for id in [&s.from, &s.to] {
            if !visited.contains(id) {
                visited.push(id.clone());
            }
        }
        let active = if s.from == s.to {
            vec![s.from.clone()]
        } else {
            vec![s.from.clone(), s.to.clone()]
        };
        let label = |id: &str| {
            design
                .component(id)
                .map_or(id.to_string(), |c| c.label.clone())
        };
        steps.push(Step {
            state: FlowState {
                design: design.id.clone(),
                flow: flow.id.clone(),
                step: k,
                from: s.from.clone(),
                to: s.to.clone(),
                message: s.message.clone(),
                active,
                visited: visited.clone(),
                hops: Arc::clone(&hops),
                diagram: Arc::clone(&diagram),
            },
            narration: s.narration.clone(),
            lines: LinesRun::new(index, &[k]),
            metrics: vec![
                Metric::new("message", (k + 1) as f64, format!("{} of {total}", k + 1)),
                Metric::new(
                    "hop",
                    (k + 1) as f64,
                    format!("{} → {}", label(&s.from), label(&s.to)),
                ),
                Metric::new(
                    "components involved",
                    visited.len() as f64,
                    format!("{} of {}", visited.len(), design.components.len()),
                ),
            ],
        });
    }
    Ok(Trace { steps })
}
