//! View of the geohash lab (placeholder until the map view lands: narration, procedure and
//! metrics already come from the generic lab page).

use super::{Change, LabView};
use sdp_core::lab::{Scenario, Trace};
use sdp_geo::lab::{Action, GeohashLab, Params, State};
use std::rc::Rc;
use yew::prelude::*;

impl LabView for GeohashLab {
    fn view_step(_trace: &Rc<Trace<State>>, _cursor: usize) -> Html {
        html! {}
    }

    fn controls(_scenario: &Scenario<Params, Action>, _change: Callback<Change<Self>>) -> Html {
        html! {}
    }
}
