//! What a teacher takes away from a lab page: the scenario as a JSON file (and opening one
//! again), and a picture of the step on screen. The buttons are marked `data-sdp-tool`; the
//! work of downloading, reading a file and painting a picture is done by `web/teacher.js`,
//! which the loader imports on first use, so no lab bundle carries it. What needs the lab —
//! writing the file and checking an opened one with the lab's own reader — is here.

use crate::lab_view::LabView;
use crate::route::Route;
use js_sys::{Array, JSON, Object, Reflect};
use sdp_kit::query;
use sdp_kit::scenario_file::{MAX_BYTES, RawFile, ScenarioFile};
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// The file name for a scenario file.
pub fn scenario_file_name(file: &ScenarioFile) -> String {
    let mode = file
        .params
        .iter()
        .find(|(k, _)| k == "mode")
        .map(|(_, v)| format!("-{v}"))
        .unwrap_or_default();
    format!(
        "{}{mode}-seed{}-step{}.json",
        file.lab, file.seed, file.step
    )
}

/// A JSON value as text: strings as they are, numbers through JavaScript's own formatting.
fn text_of(v: &JsValue) -> Option<String> {
    if v.as_f64().is_some() {
        return Some(String::from(JSON::stringify(v).ok()?));
    }
    v.as_string()
}

/// Reads the browser's parse of a scenario file into a [`RawFile`]; values of the wrong type
/// are reported.
pub fn raw_file(v: &JsValue) -> RawFile {
    let mut raw = RawFile::default();
    if !v.is_object() || Array::is_array(v) {
        raw.problems.push("the file is not a JSON object".into());
        return raw;
    }
    let get = |k: &str| Reflect::get(v, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    raw.format = get("format").as_string();
    raw.version = get("version").as_f64();
    raw.lab = get("lab").as_string();
    raw.step = get("step").as_f64();
    raw.seed = text_of(&get("seed"));
    let params = get("params");
    if params.is_object() && !Array::is_array(&params) {
        for entry in Object::entries(params.unchecked_ref::<Object>()).iter() {
            let entry: Array = entry.unchecked_into();
            let key = entry.get(0).as_string().unwrap_or_default();
            match text_of(&entry.get(1)) {
                Some(value) => raw.params.push((key, value)),
                None => raw
                    .problems
                    .push(format!("params.{}: must be text", query::shorten(&key))),
            }
        }
    } else if !params.is_undefined() {
        raw.problems.push("params: must be an object".into());
    }
    let actions = get("actions");
    if Array::is_array(&actions) {
        for a in Array::from(&actions).iter() {
            match a.as_string() {
                Some(a) => raw.actions.push(a),
                None => raw.problems.push("actions: must be a list of text".into()),
            }
        }
    } else if !actions.is_undefined() {
        raw.problems.push("actions: must be a list".into());
    }
    raw
}

/// The hash that opens the file `text` on lab `L`'s page, or every problem with it.
fn open_hash<L: LabView>(text: &str) -> Result<String, Vec<String>> {
    if text.len() > MAX_BYTES {
        return Err(vec![format!(
            "the file is larger than {} KB: not a scenario file",
            MAX_BYTES / 1024
        )]);
    }
    let parsed = JSON::parse(text).map_err(|_| vec!["the file is not JSON".to_string()])?;
    let file = raw_file(&parsed).check(L::INFO.id)?;
    file.scenario::<L>()?;
    let mut pairs = file.pairs();
    pairs.push(("step".into(), file.step.to_string()));
    Ok(Route::Lab {
        id: L::INFO.id.into(),
        query: query::encode(&pairs),
    }
    .to_hash())
}

/// Properties of [`ScenarioFiles`].
#[derive(Properties, PartialEq)]
pub struct ScenarioFilesProps {
    /// The file for what is on screen.
    pub file: ScenarioFile,
    /// The picture's caption lines (title and step, then the narration).
    pub caption: String,
}

/// "Download scenario", "Open scenario…" (a good file opens at its step; a bad one is refused
/// with every problem and the scenario on screen stays), "Save picture (PNG)" and "Save SVG".
#[component]
pub fn ScenarioFiles<L: LabView>(props: &ScenarioFilesProps) -> Html {
    let problems = use_state(Vec::<String>::new);
    let opened = {
        let problems = problems.clone();
        Callback::from(move |e: InputEvent| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            match open_hash::<L>(&input.value()) {
                Ok(hash) => {
                    problems.set(Vec::new());
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().set_hash(&hash);
                    }
                }
                Err(p) => problems.set(p),
            }
            input.set_value("");
        })
    };
    let picture = format!("{}-step{}", props.file.lab, props.file.step);
    html! {
        <div class="scenario-files">
            <button type="button" data-sdp-tool="download" data-name={scenario_file_name(&props.file)}
                data-text={props.file.to_json()}>{"Download scenario"}</button>
            <label class="button">{"Open scenario…"}
                <input type="file" accept=".json,application/json" class="visually-hidden"
                    data-sdp-tool="open" data-max={MAX_BYTES.to_string()} />
            </label>
            <input type="hidden" class="sdp-opened" oninput={opened} />
            <button type="button" data-sdp-tool="picture" data-format="png" data-name={picture.clone()}
                data-caption={props.caption.clone()} title="The drawing of this step with its caption, for slides">{"Save picture (PNG)"}</button>
            <button type="button" data-sdp-tool="picture" data-format="svg" data-name={picture}
                data-caption={props.caption.clone()}>{"Save SVG"}</button>
            <span role="status"></span>
            if !problems.is_empty() {
                <div class="messages" role="alert">
                    <p>{"Not opened; the scenario on screen is unchanged:"}</p>
                    <ul>{ for problems.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
                </div>
            }
        </div>
    }
}
