//! View of the fan_out lab (placeholder until its view lands: narration, procedure and metrics
//! already come from the generic lab page).

use super::{Change, LabView};
use sdp_core::lab::{Lab, Scenario, Trace};
use sdp_fanout::lab::FanOutLab;
use std::rc::Rc;
use yew::prelude::*;

type Params = <FanOutLab as Lab>::Params;
type Action = <FanOutLab as Lab>::Action;
type State = <FanOutLab as Lab>::State;

impl LabView for FanOutLab {
    fn view_step(_trace: &Rc<Trace<State>>, _cursor: usize) -> Html {
        html! {}
    }

    fn controls(_scenario: &Scenario<Params, Action>, _change: Callback<Change<Self>>) -> Html {
        html! {}
    }
}
