//! `hash-prefix`: the digest with its prefix marked, each try against the table, and the
//! observed collisions beside the birthday bound.

use crate::hashcode::Insert;
use crate::trace::{HashState, HashStep, HashWorld};
use sdp_kit::fmt::group;
use yew::prelude::*;

fn digest(d: &str, len: usize) -> Html {
    let (head, tail) = d.split_at(len.min(d.len()));
    html! { <span class="mono ids-digest"><span class="prefix">{ head }</span><span class="rest">{ tail }</span></span> }
}

fn tries(ins: &Insert, len: usize) -> Html {
    html! {
        <table class="ids-table ids-tries" aria-label="Hashes tried">
            <thead><tr><th scope="col">{"hashed"}</th><th scope="col">{"digest"}</th><th scope="col">{"code"}</th><th scope="col">{"table"}</th></tr></thead>
            <tbody>
                { for ins.tries.iter().enumerate().map(|(i, t)| html! {
                    <tr key={i} class={classes!(t.holder.is_some().then_some("bad"))}>
                        <td class="mono ids-wrap">{ &t.input }</td><td>{ digest(&t.digest, len) }</td>
                        <td class="mono">{ &t.code }</td>
                        <td>{ match (t.holder, ins.existing) {
                            (_, true) => "already this URL's".to_string(),
                            (Some(h), false) => format!("taken by URL {h}"),
                            (None, false) => "free: stored".to_string(),
                        } }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn summary(w: &HashWorld) -> Html {
    let s = &w.stats;
    html! {
        <table class="ids-table ids-birthday" aria-label="Observed against the birthday bound">
            <tbody>
                <tr><th scope="row">{"URLs stored n"}</th><td>{ group(s.stored) }</td></tr>
                <tr><th scope="row">{ format!("codes N = 16^{}", w.params.length) }</th><td>{ format!("{:.0}", s.space) }</td></tr>
                <tr><th scope="row">{"first tries that collided (observed)"}</th><td>{ group(s.collided) }</td></tr>
                <tr><th scope="row">{"expected n(n − 1) / 2N"}</th><td>{ format!("{:.3}", s.expected) }</td></tr>
                <tr><th scope="row">{"P(at least one) = 1 − Π(1 − i/N)"}</th><td>{ format!("{:.2} %", s.birthday * 100.0) }</td></tr>
                <tr><th scope="row">{"most tries for one URL"}</th><td>{ s.max_tries }</td></tr>
            </tbody>
        </table>
    }
}

/// The step's picture.
pub(super) fn view(s: &HashState) -> Html {
    let w = &*s.world;
    let len = w.params.length as usize;
    html! {
        <div class="ids-hash">
            { match s.step {
                HashStep::Insert(i) => w.shown.get(i).map_or_else(|| html! {}, |ins| html! {
                    <>
                        <p class="ids-url">{ format!("URL {}: ", ins.index) }<span class="mono ids-wrap">{ &ins.url }</span></p>
                        { tries(ins, len) }
                    </>
                }),
                HashStep::Summary => summary(w),
            } }
        </div>
    }
}
