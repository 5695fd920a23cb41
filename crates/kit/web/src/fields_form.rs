//! A lab's parameters as a form, generated from its URL fields: the mode menu, one input per
//! field the current mode uses (a menu for word fields), and the seed. Every commit goes
//! through the same reader as the URL, so the form and the URL accept exactly the same values
//! and give the same messages.

use crate::lab_view::{Change, use_lab};
use sdp_kit::field::Field;
use sdp_kit::lab::Lab;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The words of a word field, when its allowed text is a list of backquoted words
/// (`` `a`, `b` ``), else `None`.
fn words(allowed: &str) -> Option<Vec<String>> {
    let list: Vec<String> = allowed
        .split(", ")
        .map(|w| w.strip_prefix('`')?.strip_suffix('`').map(str::to_string))
        .collect::<Option<_>>()?;
    (!list.is_empty()).then_some(list)
}

/// Reads `text` into a copy of `params` through field `field`, then the lab's cross-field
/// checks: the new parameters, or the message to show.
fn commit<L: Lab>(
    params: &L::Params,
    field: &Field<L::Params>,
    text: &str,
) -> Result<L::Params, String> {
    let mut next = params.clone();
    (field.kind.read)(&mut next, text).map_err(|m| format!("{}: {m}", field.key))?;
    match L::check(&next).first() {
        Some(e) => Err(format!("{}: {}", e.field, e.message)),
        None => Ok(next),
    }
}

fn target_value(e: &Event) -> Option<String> {
    let target = e.target()?;
    if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        return Some(select.value());
    }
    target
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()
        .map(|i| i.value())
}

/// Properties of [`FieldsForm`].
#[derive(Properties, PartialEq)]
pub struct FieldsFormProps {
    /// Prefix of the element ids (`"sk"` gives `sk-width`, …).
    pub prefix: AttrValue,
    /// Keys not to show (a lab's own control edits them).
    #[prop_or_default]
    pub skip: &'static [&'static str],
}

/// The generated form of lab `L` (nothing in embed mode). A refused value keeps the typed text
/// and shows the reader's message beside the field.
#[component]
pub fn FieldsForm<L: Lab + 'static>(props: &FieldsFormProps) -> Html {
    let lab = use_lab::<L>();
    let error = use_state(|| None::<(String, String)>);
    if lab.embed {
        return html! {};
    }
    let s = &*lab.scenario;
    let mode = L::mode(&s.params);
    let mode_id = L::MODES.get(mode).map_or("", |m| m.id);
    let prefix = props.prefix.clone();
    let mode_menu = (!L::MODES.is_empty()).then(|| {
        let change = lab.change.clone();
        let onchange = Callback::from(move |e: Event| {
            if let Some(i) = target_value(&e).and_then(|v| L::MODES.iter().position(|m| m.id == v))
            {
                change.emit(Change::Mode(i));
            }
        });
        html! {
            <div class="field">
                <label for={format!("{prefix}-mode")}>{"Mode"}</label>
                <select id={format!("{prefix}-mode")} {onchange}>
                    { for L::MODES.iter().enumerate().map(|(i, m)| html! {
                        <option value={m.id} selected={i == mode}>{ m.title }</option>
                    }) }
                </select>
            </div>
        }
    });
    let fields = L::fields()
        .iter()
        .filter(|f| f.modes.owned_by(mode_id) && !props.skip.contains(&f.key))
        .map(|field| {
            let id = format!("{prefix}-{}", field.key.replace('_', "-"));
            let onchange = {
                let (lab, error, key) = (lab.clone(), error.clone(), field.key);
                Callback::from(move |e: Event| {
                    let Some(text) = target_value(&e) else { return };
                    let s = &*lab.scenario;
                    let Some(field) = L::fields().iter().find(|f| f.key == key && f.modes.owned_by(mode_id)) else {
                        return;
                    };
                    match commit::<L>(&s.params, field, &text) {
                        Ok(next) => {
                            error.set(None);
                            lab.change.emit(Change::Params(next, s.seed));
                        }
                        Err(m) => error.set(Some((key.to_string(), m))),
                    }
                })
            };
            let value = (field.kind.write)(&s.params);
            let allowed = (field.kind.allowed)(&s.params);
            let invalid = error.as_ref().is_some_and(|(k, _)| k == field.key);
            let input = match words(&allowed) {
                Some(list) => html! {
                    <select id={id.clone()} {onchange} title={field.doc}>
                        { for list.iter().map(|w| html! { <option value={w.clone()} selected={*w == value}>{ w }</option> }) }
                    </select>
                },
                None => html! {
                    <input id={id.clone()} type="text" value={value} {onchange} title={field.doc}
                        aria-invalid={invalid.to_string()} />
                },
            };
            html! {
                <div class={classes!("field", invalid.then_some("invalid"))} key={field.key}>
                    <label for={id}>{ field.key }</label>
                    { input }
                    <span class="hint">{ format!("{}: {}", allowed.replace('`', ""), field.doc) }</span>
                </div>
            }
        });
    let on_seed = {
        let (lab, error) = (lab.clone(), error.clone());
        Callback::from(move |e: Event| {
            let Some(text) = target_value(&e) else { return };
            match text.trim().parse::<u64>() {
                Ok(seed) => {
                    error.set(None);
                    lab.change
                        .emit(Change::Params(lab.scenario.params.clone(), seed));
                }
                Err(_) => error.set(Some((
                    "seed".into(),
                    format!(
                        "seed: must be a whole number (got {})",
                        sdp_kit::query::shorten(&text)
                    ),
                ))),
            }
        })
    };
    let seed_id = format!("{}-seed", props.prefix);
    html! {
        <div class="fields-form">
            { for mode_menu }
            { for fields }
            <div class="field">
                <label for={seed_id.clone()}>{"seed"}</label>
                <input id={seed_id} type="text" inputmode="numeric" value={s.seed.to_string()} onchange={on_seed} />
            </div>
            if let Some((_, m)) = &*error { <p class="field-error" role="alert">{ m }</p> }
            <button type="button" onclick={
                let (change, error) = (lab.change.clone(), error.clone());
                Callback::from(move |_: MouseEvent| { error.set(None); change.emit(Change::Mode(mode)); })
            }>{"Reset to this mode's defaults"}</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn word_lists_are_read_from_the_allowed_text() {
        assert_eq!(
            words("`a`, `bc`"),
            Some(vec!["a".to_string(), "bc".to_string()])
        );
        assert_eq!(words("1–100"), None);
        assert_eq!(words("`a`, b"), None);
    }
}
