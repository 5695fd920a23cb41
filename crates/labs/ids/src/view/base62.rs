//! `base62`: the long-division table growing one row per step, the code with its newest
//! character marked, then the decode accumulator and the summary.

use crate::trace::{BaseState, BaseStep, big};
use sdp_kit::fmt::group;
use yew::prelude::*;

fn division_table(s: &BaseState, done: usize) -> Html {
    let w = &*s.world;
    html! {
        <table class="ids-table ids-div" aria-label="Long division by 62">
            <thead><tr>
                <th scope="col">{"n"}</th><th scope="col">{"n % 62"}</th>
                <th scope="col">{"character"}</th><th scope="col">{"n / 62"}</th>
            </tr></thead>
            <tbody>
                { for w.rows.iter().take(done).enumerate().map(|(i, d)| html! {
                    <tr key={i} class={classes!((i + 1 == done).then_some("current"))}>
                        <td>{ group(d.n) }</td><td>{ d.remainder }</td>
                        <td class="mono">{ d.ch }</td><td>{ group(d.quotient) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn code_line(text: &str, newest: Option<usize>) -> Html {
    html! {
        <p class="ids-code" aria-label={format!("code “{text}”")}>
            { for text.chars().enumerate().map(|(i, c)| html! {
                <span class={classes!("ch", (Some(i) == newest).then_some("new"))}>{ c }</span>
            }) }
        </p>
    }
}

fn decode_table(s: &BaseState, done: usize) -> Html {
    let Ok(rows) = &s.world.acc else {
        return html! {};
    };
    html! {
        <table class="ids-table ids-acc" aria-label="Decode accumulator">
            <thead><tr>
                <th scope="col">{"character"}</th><th scope="col">{"digit"}</th>
                <th scope="col">{"n × 62 + digit"}</th>
            </tr></thead>
            <tbody>
                { for rows.iter().take(done).enumerate().map(|(i, a)| html! {
                    <tr key={i} class={classes!((i + 1 == done).then_some("current"))}>
                        <td class="mono">{ a.ch }</td><td>{ a.digit }</td>
                        <td>{ format!("{} × 62 + {} = {}", group(a.before), a.digit, group(a.after)) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn summary(s: &BaseState) -> Html {
    let w = &*s.world;
    let p = &w.params;
    html! {
        <table class="ids-table ids-summary" aria-label="Both orders">
            <tbody>
                <tr><th scope="row">{ format!("{} in this order", group(p.n)) }</th><td class="mono">{ &w.code }</td></tr>
                <tr><th scope="row">{"in the other order"}</th><td class="mono">{ &w.other_code }</td></tr>
                <tr><th scope="row">{ format!("“{}” read in the other order", w.code) }</th>
                    <td>{ w.misread.map_or_else(|| "does not fit 64 bits".to_string(), group) }</td></tr>
                <tr><th scope="row">{"the document's loop for this n"}</th>
                    <td class="mono">{ if w.doc_code.is_empty() { "“” (empty)".to_string() } else { w.doc_code.clone() } }</td></tr>
                <tr><th scope="row">{ format!("codes of {} characters (62^{})", w.width, w.width) }</th>
                    <td>{ big(crate::base62::capacity(w.width)) }</td></tr>
            </tbody>
        </table>
    }
}

/// The step's picture.
pub(super) fn view(s: &BaseState) -> Html {
    let w = &*s.world;
    let rows = w.rows.len();
    let (divided, decoded) = match s.step {
        BaseStep::Start => (0, 0),
        BaseStep::Divide(k) => (k, 0),
        BaseStep::Zero | BaseStep::Pad => (rows, 0),
        BaseStep::Decode(k) => (rows, k),
        BaseStep::Summary => (rows, usize::MAX),
    };
    let code: String = match s.step {
        BaseStep::Start => String::new(),
        BaseStep::Divide(k) => w.rows[..k].iter().rev().map(|r| r.ch).collect(),
        BaseStep::Zero => crate::base62::encode(0, w.params.order, 0),
        _ => w.code.clone(),
    };
    let newest = matches!(s.step, BaseStep::Divide(_)).then_some(0);
    html! {
        <div class="ids-base62">
            <div class="ids-cols">
                <section aria-label="Encode">
                    <h3>{ format!("Encode {}", group(w.params.n)) }</h3>
                    { division_table(s, divided) }
                    { code_line(&code, newest) }
                </section>
                if decoded > 0 || matches!(s.step, BaseStep::Decode(_)) {
                    <section aria-label="Decode">
                        <h3>{ format!("Decode “{}”", w.decoding) }</h3>
                        { decode_table(s, decoded) }
                    </section>
                }
            </div>
            if s.step == BaseStep::Summary { { summary(s) } }
        </div>
    }
}
