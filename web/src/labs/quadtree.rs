//! View of the quadtree lab (placeholder until its view lands: narration, procedure and metrics
//! already come from the generic lab page).

use super::{Change, LabView};
use sdp_core::lab::{Lab, Scenario, Trace};
use sdp_spatial::quadtree::QuadtreeLab;
use std::rc::Rc;
use yew::prelude::*;

type Params = <QuadtreeLab as Lab>::Params;
type Action = <QuadtreeLab as Lab>::Action;
type State = <QuadtreeLab as Lab>::State;

impl LabView for QuadtreeLab {
    fn view_step(_trace: &Rc<Trace<State>>, _cursor: usize) -> Html {
        html! {}
    }

    fn controls(_scenario: &Scenario<Params, Action>, _change: Callback<Change<Self>>) -> Html {
        html! {}
    }
}
