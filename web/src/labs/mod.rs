//! The lab registry and the per-lab view trait. Adding a lab = one view file here, one line in
//! [`LABS`] and one arm in [`lab_page`].

pub mod fan_out;
pub mod geohash;
pub mod hash_ring;
pub mod quadtree;
pub mod watermarks;
pub mod z_order;

use crate::lab_page::LabPage;
use sdp_core::lab::{Lab, LabInfo, Scenario, Trace};
use std::rc::Rc;
use yew::prelude::*;

/// Every lab, in the order of the index.
pub const LABS: &[LabInfo] = &[
    sdp_core::labs::hash_ring::INFO,
    <sdp_geo::lab::GeohashLab as Lab>::INFO,
    <sdp_spatial::quadtree::QuadtreeLab as Lab>::INFO,
    <sdp_spatial::zorder::ZOrderLab as Lab>::INFO,
    <sdp_stream::WatermarksLab as Lab>::INFO,
    <sdp_fanout::lab::FanOutLab as Lab>::INFO,
];

/// A change the learner makes to the scenario from a lab's controls.
pub enum Change<L: Lab> {
    /// Append an action.
    Action(L::Action),
    /// Replace the parameters and seed (actions that no longer apply are dropped, with a message).
    Params(L::Params, u64),
    /// Back to the lab's default scenario.
    Defaults,
}

/// What a lab's view file provides: how to draw one step, and the lab's controls.
pub trait LabView: Lab + 'static {
    /// Draws the state of step `cursor` of `trace`.
    fn view_step(trace: &Rc<Trace<Self::State>>, cursor: usize) -> Html;

    /// The lab's own controls (parameters and actions).
    fn controls(
        scenario: &Scenario<Self::Params, Self::Action>,
        change: Callback<Change<Self>>,
    ) -> Html
    where
        Self: Sized;
}

/// The page for lab `id`, or `None` if there is no such lab.
pub fn lab_page(id: &str, query: &str) -> Option<Html> {
    let query: AttrValue = query.to_string().into();
    match id {
        "hash-ring" => Some(html! { <LabPage<sdp_core::labs::hash_ring::HashRingLab> {query} /> }),
        "geohash" => Some(html! { <LabPage<sdp_geo::lab::GeohashLab> {query} /> }),
        "quadtree" => Some(html! { <LabPage<sdp_spatial::quadtree::QuadtreeLab> {query} /> }),
        "z-order" => Some(html! { <LabPage<sdp_spatial::zorder::ZOrderLab> {query} /> }),
        "watermarks" => Some(html! { <LabPage<sdp_stream::WatermarksLab> {query} /> }),
        "fan-out" => Some(html! { <LabPage<sdp_fanout::lab::FanOutLab> {query} /> }),
        _ => None,
    }
}
