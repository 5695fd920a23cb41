//! View of the z_order lab (placeholder until its view lands: narration, procedure and metrics
//! already come from the generic lab page).

use super::{Change, LabView};
use sdp_core::lab::{Lab, Scenario, Trace};
use sdp_spatial::zorder::ZOrderLab;
use std::rc::Rc;
use yew::prelude::*;

type Params = <ZOrderLab as Lab>::Params;
type Action = <ZOrderLab as Lab>::Action;
type State = <ZOrderLab as Lab>::State;

impl LabView for ZOrderLab {
    fn view_step(_trace: &Rc<Trace<State>>, _cursor: usize) -> Html {
        html! {}
    }

    fn controls(_scenario: &Scenario<Params, Action>, _change: Callback<Change<Self>>) -> Html {
        html! {}
    }
}
