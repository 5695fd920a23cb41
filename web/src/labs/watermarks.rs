//! View of the watermarks lab (placeholder until its view lands: narration, procedure and metrics
//! already come from the generic lab page).

use super::{Change, LabView};
use sdp_core::lab::{Lab, Scenario, Trace};
use sdp_stream::WatermarksLab;
use std::rc::Rc;
use yew::prelude::*;

type Params = <WatermarksLab as Lab>::Params;
type Action = <WatermarksLab as Lab>::Action;
type State = <WatermarksLab as Lab>::State;

impl LabView for WatermarksLab {
    fn view_step(_trace: &Rc<Trace<State>>, _cursor: usize) -> Html {
        html! {}
    }

    fn controls(_scenario: &Scenario<Params, Action>, _change: Callback<Change<Self>>) -> Html {
        html! {}
    }
}
