//! Group chat delivery (M7.6): one message to a group of N members, stored as N copies or as
//! one message with N references; online members get it at once, offline members when they
//! reconnect.
//!
//! ```
//! use sdp_lab_fan_out::chat::{ChatEvent, GroupChat};
//! let mut chat = GroupChat::new(vec![true, true, false], 1000, 16);
//! chat.apply(ChatEvent::Send(0));
//! assert_eq!(chat.storage().copies_bytes, 3 * 1000);
//! assert_eq!(chat.storage().refs_bytes, 1000 + 3 * 16);
//! assert_eq!(chat.pending(2), 1);
//! chat.apply(ChatEvent::Reconnect(2));
//! assert_eq!(chat.received(2), 1);
//! ```

use rand::RngExt;
use sdp_kit::rng::LabRng;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Something that happens in the group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChatEvent {
    /// This member sends a message to the group (reconnecting first if offline).
    Send(u32),
    /// This member goes offline.
    Disconnect(u32),
    /// This member comes back online and receives what is pending.
    Reconnect(u32),
}

/// Storage and delivery counters of both designs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatStorage {
    /// Messages sent to the group.
    pub messages: u64,
    /// Copies design: stored message rows (one per member per message).
    pub copies: u64,
    /// Copies design: bytes stored.
    pub copies_bytes: u64,
    /// References design: stored messages (one per message).
    pub ref_messages: u64,
    /// References design: pointers stored (one per member per message).
    pub ref_pointers: u64,
    /// References design: bytes stored (messages plus pointers).
    pub refs_bytes: u64,
    /// Deliveries waiting for offline members now.
    pub pending: u64,
    /// Bytes of those waiting deliveries if each is a copy.
    pub pending_copy_bytes: u64,
    /// Bytes of those waiting deliveries if each is a reference.
    pub pending_ref_bytes: u64,
    /// Deliveries made at once to online members (the sender excluded).
    pub delivered_now: u64,
    /// Deliveries made when an offline member reconnected.
    pub delivered_on_reconnect: u64,
}

/// What happened to a member in the current step (for highlighting).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mark {
    /// Nothing.
    #[default]
    None,
    /// Sent the message.
    Sender,
    /// Online: got the message now.
    GotNow,
    /// Offline: a delivery entry waits.
    Queued,
    /// Reconnected and received everything pending.
    CaughtUp,
    /// Went offline.
    WentOffline,
}

/// One member as drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    /// Connected now.
    pub online: bool,
    /// Messages received so far (messages `0 … received−1`, in order).
    pub received: u32,
    /// Messages waiting for this member (0 when online).
    pub pending: u32,
    /// What happened to this member in this step.
    pub mark: Mark,
}

/// The result of one event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChatOutcome {
    /// A message was sent.
    Sent {
        /// Message id (0-based, in send order).
        message: u32,
        /// Sender.
        sender: u32,
        /// If the sender was offline, the messages it received on reconnecting first.
        reconnected_first: Option<u32>,
        /// Online members (not the sender) who got it now.
        now: u32,
        /// Offline members who will get it on reconnect.
        queued: u32,
    },
    /// A member reconnected.
    Reconnected {
        /// The member.
        member: u32,
        /// Pending messages delivered to it.
        delivered: u32,
    },
    /// A member went offline.
    Disconnected {
        /// The member.
        member: u32,
    },
    /// Nothing changed (already in that state, or no such member).
    Unchanged {
        /// The member.
        member: u32,
    },
}

/// A group chat: who is online and what each member received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupChat {
    online: Vec<bool>,
    received: Vec<u32>,
    marks: Vec<Mark>,
    sent: u32,
    msg_bytes: u64,
    ref_bytes: u64,
    storage: ChatStorage,
}

impl GroupChat {
    /// A group whose members are online as given, with message and pointer sizes in bytes.
    pub fn new(online: Vec<bool>, msg_bytes: u32, ref_bytes: u32) -> Self {
        let n = online.len();
        GroupChat {
            online,
            received: vec![0; n],
            marks: vec![Mark::None; n],
            sent: 0,
            msg_bytes: u64::from(msg_bytes),
            ref_bytes: u64::from(ref_bytes),
            storage: ChatStorage::default(),
        }
    }

    /// Members.
    pub fn members(&self) -> u32 {
        self.online.len() as u32
    }

    /// Messages sent so far.
    pub fn sent(&self) -> u32 {
        self.sent
    }

    /// Whether `m` is online.
    pub fn is_online(&self, m: u32) -> bool {
        self.online.get(m as usize).copied().unwrap_or(false)
    }

    /// Messages `m` received (messages `0 … received−1`).
    pub fn received(&self, m: u32) -> u32 {
        self.received.get(m as usize).copied().unwrap_or(0)
    }

    /// Messages waiting for `m`.
    pub fn pending(&self, m: u32) -> u32 {
        self.sent - self.received(m)
    }

    /// The counters.
    pub fn storage(&self) -> ChatStorage {
        self.storage
    }

    /// Every member as drawn, with this step's marks.
    pub fn members_view(&self) -> Vec<MemberView> {
        (0..self.members())
            .map(|m| MemberView {
                online: self.is_online(m),
                received: self.received(m),
                pending: self.pending(m),
                mark: self.marks[m as usize],
            })
            .collect()
    }

    /// Applies one event (clearing the previous step's marks).
    pub fn apply(&mut self, ev: ChatEvent) -> ChatOutcome {
        self.marks.iter_mut().for_each(|m| *m = Mark::None);
        match ev {
            ChatEvent::Send(s) if s < self.members() => self.send(s),
            ChatEvent::Reconnect(m) if m < self.members() && !self.is_online(m) => {
                ChatOutcome::Reconnected {
                    member: m,
                    delivered: self.reconnect(m),
                }
            }
            ChatEvent::Disconnect(m) if self.is_online(m) => {
                self.online[m as usize] = false;
                self.marks[m as usize] = Mark::WentOffline;
                ChatOutcome::Disconnected { member: m }
            }
            ChatEvent::Send(m) | ChatEvent::Reconnect(m) | ChatEvent::Disconnect(m) => {
                ChatOutcome::Unchanged { member: m }
            }
        }
    }

    /// Reconnects every offline member; returns (members reconnected, messages delivered).
    pub fn reconnect_all(&mut self) -> (u32, u64) {
        self.marks.iter_mut().for_each(|m| *m = Mark::None);
        let mut members = 0;
        let mut delivered = 0;
        for m in 0..self.members() {
            if !self.is_online(m) {
                members += 1;
                delivered += u64::from(self.reconnect(m));
            }
        }
        (members, delivered)
    }

    fn reconnect(&mut self, m: u32) -> u32 {
        let i = m as usize;
        let delivered = self.sent - self.received[i];
        self.online[i] = true;
        self.received[i] = self.sent;
        self.marks[i] = Mark::CaughtUp;
        let d = u64::from(delivered);
        let st = &mut self.storage;
        st.pending -= d;
        st.pending_copy_bytes -= d * self.msg_bytes;
        st.pending_ref_bytes -= d * self.ref_bytes;
        st.delivered_on_reconnect += d;
        delivered
    }

    fn send(&mut self, sender: u32) -> ChatOutcome {
        let reconnected_first = if self.is_online(sender) {
            None
        } else {
            Some(self.reconnect(sender))
        };
        let message = self.sent;
        self.sent += 1;
        let n = u64::from(self.members());
        let (mut now, mut queued) = (0, 0);
        for m in 0..self.members() as usize {
            if m as u32 == sender {
                self.received[m] += 1;
                self.marks[m] = Mark::Sender;
            } else if self.online[m] {
                self.received[m] += 1;
                self.marks[m] = Mark::GotNow;
                now += 1;
            } else {
                self.marks[m] = Mark::Queued;
                queued += 1;
            }
        }
        let st = &mut self.storage;
        st.messages += 1;
        st.copies += n;
        st.copies_bytes += n * self.msg_bytes;
        st.ref_messages += 1;
        st.ref_pointers += n;
        st.refs_bytes += self.msg_bytes + n * self.ref_bytes;
        st.pending += u64::from(queued);
        st.pending_copy_bytes += u64::from(queued) * self.msg_bytes;
        st.pending_ref_bytes += u64::from(queued) * self.ref_bytes;
        st.delivered_now += u64::from(now);
        ChatOutcome::Sent {
            message,
            sender,
            reconnected_first,
            now,
            queued,
        }
    }
}

/// The seeded group: who is online at first, and the events. Each member starts online with
/// probability `online`; each message comes from a random online member (any member if none
/// is online) and is followed by one churn draw that keeps about `online` of the members
/// connected: a random member goes offline with probability `1 − online` if online, or comes
/// back with probability `online` if offline.
pub fn generate(
    members: u32,
    messages: u32,
    online: f64,
    rng: &mut LabRng,
) -> (Vec<bool>, Vec<ChatEvent>) {
    if members == 0 {
        return (Vec::new(), Vec::new());
    }
    let initial: Vec<bool> = (0..members).map(|_| rng.random::<f64>() < online).collect();
    let mut state = initial.clone();
    let mut events = Vec::new();
    for _ in 0..messages {
        let on: Vec<u32> = (0..members).filter(|&m| state[m as usize]).collect();
        let sender = if on.is_empty() {
            rng.random_range(0..members)
        } else {
            on[rng.random_range(0..on.len())]
        };
        state[sender as usize] = true;
        events.push(ChatEvent::Send(sender));
        let m = rng.random_range(0..members);
        let u = rng.random::<f64>();
        if state[m as usize] && u >= online {
            state[m as usize] = false;
            events.push(ChatEvent::Disconnect(m));
        } else if !state[m as usize] && u < online {
            state[m as usize] = true;
            events.push(ChatEvent::Reconnect(m));
        }
    }
    (initial, events)
}

/// Chat-mode state of one step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChatState {
    /// Settings shared by every step.
    pub world: Arc<ChatWorld>,
    /// Events applied so far.
    pub events_done: u32,
    /// Messages sent so far.
    pub sent: u32,
    /// Every member, by id (draw as a ring or grid: online/offline, received/pending, mark).
    pub members: Vec<MemberView>,
    /// What this step is about.
    pub focus: ChatFocus,
    /// Storage and delivery counters of both designs (draw two storage bars side by side).
    pub storage: ChatStorage,
}

/// Chat settings shared by every step.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChatWorld {
    /// Group size N.
    pub members: u32,
    /// Messages in the generated workload (before actions).
    pub messages: u32,
    /// Share of members kept online.
    pub online_share: f64,
    /// Members online at the start.
    pub initially_online: u32,
    /// Bytes per stored message.
    pub msg_bytes: u32,
    /// Bytes per stored reference (pointer / delivery entry).
    pub ref_bytes: u32,
}

/// What a chat step is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChatFocus {
    /// The group before any message.
    Group,
    /// One event and what it did.
    Event(ChatOutcome),
    /// At the end everyone reconnects and catches up.
    AllReconnect {
        /// Members who were offline.
        members: u32,
        /// Messages delivered to them.
        delivered: u64,
    },
}
