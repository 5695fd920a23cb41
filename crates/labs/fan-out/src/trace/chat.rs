//! The chat-mode trace: one step per group event, then everyone reconnects.

use crate::chat::{
    self, ChatEvent, ChatFocus, ChatOutcome, ChatState, ChatStorage, ChatWorld, GroupChat,
};
use crate::state::State;
use crate::{Action, Params, proc_ids};
use sdp_kit::fmt::{group, percent};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use sdp_kit::rng::seeded;
use std::sync::Arc;

/// Builds the trace of a valid chat-mode scenario.
pub(crate) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params;
    let mut rng = seeded(s.seed);
    let (initial, events) = chat::generate(p.group, p.messages, p.online, &mut rng);
    let world = Arc::new(ChatWorld {
        members: p.group,
        messages: p.messages,
        online_share: p.online,
        initially_online: initial.iter().filter(|o| **o).count() as u32,
        msg_bytes: p.msg_bytes,
        ref_bytes: p.ref_bytes,
    });
    let mut b = Builder {
        world: world.clone(),
        chat: GroupChat::new(initial, p.msg_bytes, p.ref_bytes),
        steps: Vec::new(),
        events_done: 0,
    };
    let narration = format!(
        "A group of {} members, {} online. Every message is stored either as {} copies (F4's baseline) or once with {} references (the optimisation).",
        world.members, world.initially_online, world.members, world.members
    );
    b.push(
        ChatFocus::Group,
        narration,
        LinesRun::new(proc_ids::GROUP, &[0, 1]),
    );
    for &e in &events {
        b.event(e);
    }
    for a in &s.actions {
        match *a {
            Action::Send(m) => b.event(ChatEvent::Send(m)),
            Action::Disconnect(m) => b.event(ChatEvent::Disconnect(m)),
            Action::Reconnect(m) => b.event(ChatEvent::Reconnect(m)),
            Action::Post(_) | Action::Read(_) | Action::Wait(_) => {}
        }
    }
    b.finish();
    Trace { steps: b.steps }
}

struct Builder {
    world: Arc<ChatWorld>,
    chat: GroupChat,
    steps: Vec<Step<State>>,
    events_done: u32,
}

impl Builder {
    fn push(&mut self, focus: ChatFocus, narration: String, lines: LinesRun) {
        let storage = self.chat.storage();
        self.steps.push(Step {
            state: State::Chat(ChatState {
                world: self.world.clone(),
                events_done: self.events_done,
                sent: self.chat.sent(),
                members: self.chat.members_view(),
                focus,
                storage,
            }),
            narration,
            lines,
            metrics: metrics(&storage),
        });
    }

    fn event(&mut self, e: ChatEvent) {
        let outcome = self.chat.apply(e);
        self.events_done += 1;
        let w = &self.world;
        let (narration, lines) = match outcome {
            ChatOutcome::Sent {
                message,
                sender,
                reconnected_first,
                now,
                queued,
            } => {
                let first = match reconnected_first {
                    Some(d) => format!(
                        "Member {sender} was offline, reconnects (receiving {d} pending) and "
                    ),
                    None => format!("Member {sender} "),
                };
                (
                    format!(
                        "{first}sends m{message}: {now} online members get it now, {queued} offline members get a delivery entry; copies store {n} × {mb} B, references {mb} B + {n} × {rb} B.",
                        n = w.members,
                        mb = group(w.msg_bytes.into()),
                        rb = w.ref_bytes,
                    ),
                    LinesRun::new(proc_ids::GROUP, &[0, 1, 2, 3, 5, 6, 7, 8]),
                )
            }
            ChatOutcome::Reconnected { member, delivered } => (
                format!(
                    "Member {member} reconnects and receives its {delivered} pending messages."
                ),
                LinesRun::new(proc_ids::DELIVERY, &[2, 3, 4]),
            ),
            ChatOutcome::Disconnected { member } => (
                format!("Member {member} goes offline; new messages will wait for it."),
                LinesRun::new(proc_ids::DELIVERY, &[1]),
            ),
            ChatOutcome::Unchanged { member } => (
                format!(
                    "Member {member} is already {}: nothing changes.",
                    if self.chat.is_online(member) {
                        "online"
                    } else {
                        "offline"
                    }
                ),
                LinesRun::default(),
            ),
        };
        self.push(ChatFocus::Event(outcome), narration, lines);
    }

    fn finish(&mut self) {
        let (members, delivered) = self.chat.reconnect_all();
        let st = self.chat.storage();
        let narration = format!(
            "At the end the {members} offline members reconnect and receive {} pending messages: all {} members hold all {} messages. Copies stored {} B, references {} B ({} of the copies).",
            group(delivered),
            self.world.members,
            self.chat.sent(),
            group(st.copies_bytes),
            group(st.refs_bytes),
            percent(st.refs_bytes, st.copies_bytes),
        );
        self.push(
            ChatFocus::AllReconnect { members, delivered },
            narration,
            LinesRun::new(proc_ids::DELIVERY, &[2, 3, 4]),
        );
    }
}

fn metrics(st: &ChatStorage) -> Vec<Metric> {
    let saving = if st.copies_bytes == 0 {
        0.0
    } else {
        1.0 - st.refs_bytes as f64 / st.copies_bytes as f64
    };
    vec![
        Metric::new(
            "copies: bytes stored",
            st.copies_bytes as f64,
            format!(
                "{} B in {} copies",
                group(st.copies_bytes),
                group(st.copies)
            ),
        ),
        Metric::new(
            "references: bytes stored",
            st.refs_bytes as f64,
            format!(
                "{} B: {} messages + {} references",
                group(st.refs_bytes),
                group(st.ref_messages),
                group(st.ref_pointers)
            ),
        ),
        Metric::new(
            "saved by references",
            saving,
            format!("{:.1}%", saving * 100.0),
        ),
        Metric::new(
            "pending deliveries",
            st.pending as f64,
            format!(
                "{} (as copies {} B, as references {} B)",
                group(st.pending),
                group(st.pending_copy_bytes),
                group(st.pending_ref_bytes)
            ),
        ),
        Metric::new(
            "delivered now",
            st.delivered_now as f64,
            group(st.delivered_now),
        ),
        Metric::new(
            "delivered on reconnect",
            st.delivered_on_reconnect as f64,
            group(st.delivered_on_reconnect),
        ),
    ]
}
