//! Chat mode: the group's members (canvas grid), copies against references, storage counters.

use super::timeline::Timeline;
use super::{TraceRef, g};
use crate::chat::{ChatFocus, ChatOutcome, ChatState, ChatStorage, ChatWorld, Mark, MemberView};
use crate::layout::chat_state;
use crate::layout::grid::{GRID_W, GridLayout, member_at, to_canvas};
use sdp_kit::fmt::percent;
use sdp_kit_web::canvas::context_2d;
use sdp_kit_web::dom::prefers_dark;
use sdp_kit_web::palette::{self, Ink};
use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

/// Copies or references drawn one by one in the diagram (the rest are counted).
const DRAWN: u32 = 10;

pub(super) fn view(trace: &TraceRef, cursor: usize, s: &ChatState) -> Html {
    let w = &*s.world;
    let online = s.members.iter().filter(|m| m.online).count();
    html! {
        <div class="fanout-view fanout-chat">
            <p class="fanout-banner">
                <span class="fanout-chip" style={format!("--chip:{}", palette::series(4))}>{"Group chat delivery (M7.6)"}</span>
                <span>{ format!(" {} members · {} online now · {} sent", w.members, online, plural(s.sent, "message", "messages")) }</span>
            </p>
            <section class="fanout-focus" aria-label="This step">
                { focus(s) }
            </section>
            <MemberGrid trace={trace.clone()} {cursor} />
            { storage_panel(&s.storage, w) }
            <Timeline trace={trace.clone()} {cursor} />
        </div>
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{} {}", g(n), if n == 1 { one } else { many })
}

fn focus(s: &ChatState) -> Html {
    let w = &*s.world;
    match s.focus {
        ChatFocus::Group => html! {
            <>
                <h2 class="fanout-h">{ format!("A group of {} members", w.members) }</h2>
                <p>{ format!("{} members are online at first. Each message will be stored either as {} copies (one per member, F4's baseline) or once, with {} references pointing at it (the optimisation). Online members get it at once; offline members get it when they reconnect.",
                    w.initially_online, w.members, w.members) }</p>
            </>
        },
        ChatFocus::Event(ChatOutcome::Sent {
            message,
            sender,
            reconnected_first,
            now,
            queued,
        }) => html! {
            <>
                <h2 class="fanout-h">{ format!("Member {sender} sends m{message}") }</h2>
                if let Some(d) = reconnected_first {
                    <p>{ format!("Member {sender} was offline: it reconnects first and receives its {d} pending messages.") }</p>
                }
                { copies_diagram(message, w) }
                <p>{ format!("Delivered now to {} online members (✓); {} offline members get a delivery entry and receive it on reconnect (number = messages waiting).",
                    now, queued) }</p>
            </>
        },
        ChatFocus::Event(ChatOutcome::Reconnected { member, delivered }) => html! {
            <>
                <h2 class="fanout-h">{ format!("Member {member} reconnects") }</h2>
                <p>{ format!("It fetches its {} pending messages (↺): {} B of waiting copies or {} B of references are released.",
                    delivered, g(u64::from(delivered) * u64::from(w.msg_bytes)), g(u64::from(delivered) * u64::from(w.ref_bytes))) }</p>
            </>
        },
        ChatFocus::Event(ChatOutcome::Disconnected { member }) => html! {
            <>
                <h2 class="fanout-h">{ format!("Member {member} goes offline") }</h2>
                <p>{"New messages will wait for it (✕ marks it in the grid)."}</p>
            </>
        },
        ChatFocus::Event(ChatOutcome::Unchanged { member }) => html! {
            <>
                <h2 class="fanout-h">{ format!("Member {member}: nothing changes") }</h2>
                <p>{"It was already in that state."}</p>
            </>
        },
        ChatFocus::AllReconnect { members, delivered } => html! {
            <>
                <h2 class="fanout-h">{"Everyone reconnects"}</h2>
                <p>{ format!("The {} offline members reconnect and receive {} pending messages: every member now holds all {}.",
                    members, g(delivered), plural(s.sent, "message", "messages")) }</p>
            </>
        },
    }
}

fn f(v: f64) -> String {
    format!("{v:.1}")
}

/// N copies on the left, one message with N references on the right.
fn copies_diagram(message: u32, w: &ChatWorld) -> Html {
    let n = w.members;
    let drawn = n.min(DRAWN);
    let h = 46.0 + f64::from(drawn) * 14.0 + 24.0;
    let copies_b = u64::from(n) * u64::from(w.msg_bytes);
    let refs_b = u64::from(w.msg_bytes) + u64::from(n) * u64::from(w.ref_bytes);
    let label = format!(
        "Message m{message} stored as {n} copies ({copies_b} bytes) or as one message and {n} references ({refs_b} bytes)."
    );
    let mid = 46.0 + f64::from(drawn) * 7.0;
    html! {
        <svg class="fanout-diagram" viewBox={format!("0 0 480 {h}")} role="img" aria-label={label}>
            <defs>
                <marker id="fanout-arrow-ref" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto">
                    <path d="M0,0 L10,5 L0,10 z" class="fanout-arrowhead" />
                </marker>
            </defs>
            <text x="8" y="16" class="fanout-svg-strong">{ format!("As {n} copies") }</text>
            <text x="8" y="32" class="fanout-svg-small">{ format!("{n} × {} B = {} B", g(w.msg_bytes), g(copies_b)) }</text>
            { for (0..drawn).map(|i| {
                let y = 40.0 + f64::from(i) * 14.0;
                html! {
                    <g key={i} class="fanout-node copy">
                        <rect x="8" y={f(y)} width="150" height="12" rx="2" />
                        <text x="14" y={f(y + 10.0)} class="fanout-svg-tiny">{ format!("m{message} for member {}", i) }</text>
                    </g>
                }
            }) }
            if n > drawn {
                <text x="8" y={f(h - 8.0)} class="fanout-svg-small fanout-muted">{ format!("+ {} more full copies", n - drawn) }</text>
            }
            <line x1="236" x2="236" y1="6" y2={f(h - 6.0)} class="fanout-divider" />
            <text x="250" y="16" class="fanout-svg-strong">{ format!("As 1 message + {n} references") }</text>
            <text x="250" y="32" class="fanout-svg-small">{ format!("{} B + {n} × {} B = {} B", g(w.msg_bytes), w.ref_bytes, g(refs_b)) }</text>
            <g class="fanout-node copy">
                <rect x="250" y={f(mid - 16.0)} width="96" height="32" rx="4" />
                <text x="298" y={f(mid + 4.0)} text-anchor="middle" class="fanout-svg-small">{ format!("m{message} (once)") }</text>
            </g>
            { for (0..drawn).map(|i| {
                let y = 40.0 + f64::from(i) * 14.0;
                html! {
                    <g key={i}>
                        <line x1="388" y1={f(y + 6.0)} x2="348" y2={f(mid)} class="fanout-ref" marker-end="url(#fanout-arrow-ref)" />
                        <g class="fanout-node ref">
                            <rect x="388" y={f(y)} width="88" height="12" rx="2" />
                            <text x="392" y={f(y + 10.0)} class="fanout-svg-tiny">{ format!("ref for member {i}") }</text>
                        </g>
                    </g>
                }
            }) }
            if n > drawn {
                <text x="476" y={f(h - 8.0)} text-anchor="end" class="fanout-svg-small fanout-muted">{ format!("+ {} more references", n - drawn) }</text>
            }
        </svg>
    }
}

fn storage_panel(st: &ChatStorage, w: &ChatWorld) -> Html {
    let max = st.copies_bytes.max(st.refs_bytes).max(1) as f64;
    let bar = |v: u64| {
        format!(
            "width:{:.2}%",
            (v as f64 / max * 100.0).max(if v > 0 { 0.5 } else { 0.0 })
        )
    };
    html! {
        <section class="fanout-storage" aria-label="Storage, copies against references">
            <h2 class="fanout-h">{"Storage side by side"}</h2>
            <div class="fanout-store-row">
                <span class="fanout-store-name">{"N copies"}</span>
                <span class="fanout-store-bar" aria-hidden="true"><span class="copies" style={bar(st.copies_bytes)}></span></span>
                <span class="num">{ format!("{} B", g(st.copies_bytes)) }</span>
                <span class="fanout-sub">{ format!("{} × {} members × {} B = {} copies", plural(st.messages as u32, "message", "messages"), w.members, g(w.msg_bytes), g(st.copies)) }</span>
            </div>
            <div class="fanout-store-row">
                <span class="fanout-store-name">{"1 message + N references"}</span>
                <span class="fanout-store-bar" aria-hidden="true"><span class="refs" style={bar(st.refs_bytes)}></span></span>
                <span class="num">{ format!("{} B", g(st.refs_bytes)) }</span>
                <span class="fanout-sub">{ format!("{} × {} B + {} references × {} B; {} of the copies",
                    g(st.ref_messages), g(w.msg_bytes), g(st.ref_pointers), w.ref_bytes, percent(st.refs_bytes, st.copies_bytes)) }</span>
            </div>
            <dl class="fanout-facts">
                <dt>{"Waiting for offline members"}</dt>
                <dd>{ format!("{} deliveries: {} B as copies, {} B as references", g(st.pending), g(st.pending_copy_bytes), g(st.pending_ref_bytes)) }</dd>
                <dt>{"Delivered at once"}</dt><dd>{ format!("{} (to online members)", g(st.delivered_now)) }</dd>
                <dt>{"Delivered on reconnect"}</dt><dd>{ g(st.delivered_on_reconnect) }</dd>
            </dl>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// Member grid

#[derive(Properties, PartialEq)]
struct GridProps {
    trace: TraceRef,
    cursor: usize,
}

#[component]
fn MemberGrid(props: &GridProps) -> Html {
    let canvas = use_node_ref();
    let selected = use_state(|| None::<u32>);
    let members = chat_state(&props.trace, props.cursor).map_or(0, |c| c.world.members);
    let layout = GridLayout::new(members);
    {
        let (canvas, sel) = (canvas.clone(), *selected);
        use_effect_with(
            (props.trace.clone(), props.cursor, sel),
            move |(trace, cursor, sel)| {
                if let (Some(ctx), Some(c)) = (
                    canvas
                        .cast::<HtmlCanvasElement>()
                        .as_ref()
                        .and_then(context_2d),
                    chat_state(trace, *cursor),
                ) {
                    draw_grid(&ctx, &c.members, *sel, &palette::ink(prefers_dark()));
                }
            },
        );
    }
    let onclick = {
        let (canvas, selected) = (canvas.clone(), selected.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(el) = canvas.cast::<HtmlCanvasElement>() else {
                return;
            };
            let (x, y) = to_canvas(e.offset_x(), e.offset_y(), el.client_width());
            selected.set(member_at(&layout, members, x, y));
        })
    };
    let Some(c) = chat_state(&props.trace, props.cursor) else {
        return html! {};
    };
    let online = c.members.iter().filter(|m| m.online).count();
    let waiting: Vec<(usize, &MemberView)> = c
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.online)
        .collect();
    let label = format!(
        "{} members: {} online, {} offline with {} messages waiting in all.",
        c.members.len(),
        online,
        waiting.len(),
        waiting
            .iter()
            .map(|(_, m)| u64::from(m.pending))
            .sum::<u64>()
    );
    let readout = selected.and_then(|m| c.members.get(m as usize).map(|v| (m, *v)));
    html! {
        <figure class="fanout-members">
            <canvas ref={canvas} width={GRID_W.to_string()} height={layout.height().to_string()} role="img" aria-label={label} {onclick} />
            <figcaption>
                <span class="fanout-key"><span class="fanout-cell online"></span>{"online"}</span>
                <span class="fanout-key"><span class="fanout-cell offline"></span>{"offline (number: messages waiting)"}</span>
                <span class="fanout-key">{"★ sender · ✓ got it now · thick border: delivery entry queued · ↺ reconnected · ✕ went offline"}</span>
                <span class="fanout-key">{"Click a member to follow it step by step."}</span>
            </figcaption>
            <p class="fanout-readout" aria-live="polite">{ match readout {
                Some((m, v)) if v.online => format!("Member {m}: online, has all {} messages it was sent.", v.received),
                Some((m, v)) => format!("Member {m}: offline, received {}, {} waiting ({} B as copies, {} B as references).",
                    v.received, v.pending, g(u64::from(v.pending) * u64::from(c.world.msg_bytes)), g(u64::from(v.pending) * u64::from(c.world.ref_bytes))),
                None => String::new(),
            } }</p>
            <details class="fanout-offline">
                <summary>{ format!("Offline members ({})", waiting.len()) }</summary>
                <p class="fanout-small">{ if waiting.is_empty() { "Everyone is online.".to_string() } else {
                    waiting.iter().map(|(i, m)| format!("member {i}: {} waiting", m.pending)).collect::<Vec<_>>().join(" · ")
                } }</p>
            </details>
        </figure>
    }
}

fn glyph(m: &MemberView) -> String {
    match m.mark {
        Mark::Sender => "★".into(),
        Mark::GotNow => "✓".into(),
        Mark::CaughtUp => "↺".into(),
        Mark::WentOffline => "✕".into(),
        Mark::Queued | Mark::None if !m.online && m.pending > 0 => m.pending.to_string(),
        Mark::Queued | Mark::None => String::new(),
    }
}

fn draw_grid(
    ctx: &CanvasRenderingContext2d,
    members: &[MemberView],
    selected: Option<u32>,
    ink: &Ink,
) {
    let layout = GridLayout::new(members.len() as u32);
    let c = layout.cell;
    ctx.clear_rect(0.0, 0.0, GRID_W, layout.height());
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    ctx.set_font(&format!(
        "{}px system-ui, sans-serif",
        (c * 0.45).round().max(9.0)
    ));
    let empty = JsValue::from(js_sys::Array::new());
    let dashed: JsValue = [3.0, 2.0]
        .iter()
        .map(|&v| JsValue::from_f64(v))
        .collect::<js_sys::Array>()
        .into();
    for (i, m) in members.iter().enumerate() {
        let (x, y) = layout.origin(i as u32);
        let (x, y, s) = (x + 2.0, y + 2.0, c - 4.0);
        let queued = m.mark == Mark::Queued;
        if m.online {
            ctx.set_fill_style_str(palette::series(2));
            ctx.fill_rect(x, y, s, s);
        } else {
            ctx.set_fill_style_str(ink.bg);
            ctx.fill_rect(x, y, s, s);
            ctx.set_stroke_style_str(if queued { ink.accent } else { ink.muted });
            ctx.set_line_width(if queued { 3.0 } else { 1.5 });
            let _ = ctx.set_line_dash(if queued { &empty } else { &dashed });
            ctx.stroke_rect(x + 0.75, y + 0.75, s - 1.5, s - 1.5);
            let _ = ctx.set_line_dash(&empty);
        }
        if matches!(m.mark, Mark::Sender | Mark::CaughtUp | Mark::WentOffline) {
            ctx.set_stroke_style_str(ink.accent);
            ctx.set_line_width(2.5);
            ctx.stroke_rect(x - 1.0, y - 1.0, s + 2.0, s + 2.0);
        }
        let text = glyph(m);
        if !text.is_empty() {
            ctx.set_fill_style_str(if m.online { "#111111" } else { ink.fg });
            let _ = ctx.fill_text(&text, x + s / 2.0, y + s / 2.0 + 1.0);
        }
        if selected == Some(i as u32) {
            ctx.set_stroke_style_str(ink.fg);
            ctx.set_line_width(2.0);
            ctx.stroke_rect(x - 2.0, y - 2.0, s + 4.0, s + 4.0);
        }
    }
}
