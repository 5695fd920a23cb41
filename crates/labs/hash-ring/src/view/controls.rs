//! The hash-ring controls: parameters (rebuild from the start) and actions (append steps).

use crate::layout::active_names;
use crate::ring::KeyFormat;
use crate::{
    Action, HashRingLab, MAX_DETAILED_LOOKUPS, MAX_KEYS, MAX_SERVERS, Params, VNODES_RANGE,
};
use sdp_kit_web::widgets::NumberField;
use sdp_kit_web::{Change, use_lab};
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn input_value(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

fn select_value(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlSelectElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

#[component]
pub(super) fn Controls() -> Html {
    let lab = use_lab::<HashRingLab>();
    let s = &*lab.scenario;
    let p = s.params.clone();
    let seed = s.seed;
    let param = |f: fn(&mut Params, u64)| {
        let (change, p) = (lab.change.clone(), p.clone());
        Callback::from(move |v: u64| {
            let mut next = p.clone();
            f(&mut next, v);
            change.emit(Change::Params(next, seed));
        })
    };
    let on_seed = {
        let (change, p) = (lab.change.clone(), p.clone());
        Callback::from(move |v: u64| change.emit(Change::Params(p.clone(), v)))
    };
    let on_format = {
        let (change, p) = (lab.change.clone(), p.clone());
        Callback::from(move |e: Event| {
            let v = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value());
            let mut next = p.clone();
            next.format = if v.as_deref() == Some("f4") {
                KeyFormat::F4
            } else {
                KeyFormat::F0
            };
            change.emit(Change::Params(next, seed));
        })
    };
    let (server_name, key_name, batch, vnodes, remove) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    let act = |node: NodeRef, make: fn(String) -> Option<Action>, select: bool| {
        let change = lab.change.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = if select {
                select_value(&node)
            } else {
                input_value(&node)
            };
            // Unparseable numbers are sent as 0 so the lab's validation names the field and range.
            if let Some(a) = make(text) {
                change.emit(Change::Action(a));
            }
        })
    };
    let preset = |v: u32| {
        let change = lab.change.clone();
        Callback::from(move |_: MouseEvent| change.emit(Change::Action(Action::SetVnodes(v))))
    };
    let defaults = {
        let change = lab.change.clone();
        Callback::from(move |_: MouseEvent| change.emit(Change::Defaults))
    };
    let next_name = format!("cache{}:6379", active_names(s).len() + 1);
    html! {
        <div class="controls">
            <fieldset>
                <legend>{"Parameters (rebuild from the start)"}</legend>
                <NumberField label="Servers" value={u64::from(p.servers)} min=1 max={u64::from(MAX_SERVERS)} on_commit={param(|p, v| p.servers = v as u32)} />
                <NumberField label="Vnodes per server" value={u64::from(p.vnodes)} min={u64::from(VNODES_RANGE.0)} max={u64::from(VNODES_RANGE.1)} on_commit={param(|p, v| p.vnodes = v as u32)} />
                <NumberField label="Keys" value={u64::from(p.keys)} min=0 max={u64::from(MAX_KEYS)} on_commit={param(|p, v| p.keys = v as u32)} />
                <NumberField label="Detailed lookups" value={u64::from(p.detailed)} min=0 max={u64::from(MAX_DETAILED_LOOKUPS)} on_commit={param(|p, v| p.detailed = v as u32)} />
                <NumberField label="Seed" value={seed} min=0 max={u64::MAX} on_commit={on_seed} />
                <div class="field">
                    <label for="field-format">{"Vnode key format"}</label>
                    <select id="field-format" onchange={on_format}>
                        <option value="f0" selected={p.format == KeyFormat::F0}>{"F0: server + \":vnode\" + i"}</option>
                        <option value="f4" selected={p.format == KeyFormat::F4}>{"F4: f\"{node}:{i}\""}</option>
                    </select>
                </div>
                <button type="button" onclick={defaults}>{"Restore defaults"}</button>
            </fieldset>
            <fieldset>
                <legend>{"Actions (each adds steps at the end)"}</legend>
                <form class="action" onsubmit={act(server_name.clone(), |t| Some(Action::AddServer(t.trim().to_string())), false)}>
                    <label for="add-server">{"Server name"}</label>
                    <input id="add-server" ref={server_name} type="text" value={next_name} />
                    <button type="submit">{"Add server"}</button>
                </form>
                <form class="action" onsubmit={act(remove.clone(), |t| Some(Action::RemoveServer(t)), true)}>
                    <label for="remove-server">{"Server"}</label>
                    <select id="remove-server" ref={remove}>
                        { for active_names(s).into_iter().map(|n| html! { <option value={n.clone()}>{ n }</option> }) }
                    </select>
                    <button type="submit">{"Remove server"}</button>
                </form>
                <form class="action" onsubmit={act(key_name.clone(), |t| Some(Action::AddKey(t)), false)}>
                    <label for="lookup-key">{"Key"}</label>
                    <input id="lookup-key" ref={key_name} type="text" value="user:42" />
                    <button type="submit">{"Look up key"}</button>
                </form>
                <form class="action" onsubmit={act(batch.clone(), |t| Some(Action::AddBatch(t.trim().parse().unwrap_or(0))), false)}>
                    <label for="batch">{"Random keys"}</label>
                    <input id="batch" ref={batch} type="text" inputmode="numeric" value="1000" />
                    <button type="submit">{"Add keys"}</button>
                </form>
                <form class="action" onsubmit={act(vnodes.clone(), |t| Some(Action::SetVnodes(t.trim().parse().unwrap_or(0))), false)}>
                    <label for="set-vnodes">{"Vnodes"}</label>
                    <input id="set-vnodes" ref={vnodes} type="text" inputmode="numeric" value="150" />
                    <button type="submit">{"Set vnodes"}</button>
                </form>
                <p class="presets">{"Compare: "}
                    <button type="button" onclick={preset(1)}>{"1 vnode per server"}</button>
                    <button type="button" onclick={preset(150)}>{"150 vnodes per server"}</button>
                </p>
            </fieldset>
        </div>
    }
}
