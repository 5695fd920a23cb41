//! `raft`: the servers on a ring (role, term, election timer, votes), the messages in flight
//! between them, the logs with terms and commit index, and the lock table.

use crate::layout::{NODE_R, RING_BOX, arc, packet_pos, ring, timer_left};
use crate::raft::{self, Msg, Role, name, session};
use crate::trace::RaftState;
use yew::prelude::*;

fn role_class(s: &raft::Server) -> &'static str {
    if !s.alive {
        return "down";
    }
    match s.role {
        Role::Leader => "leader",
        Role::Candidate => "candidate",
        Role::Follower => "follower",
    }
}

fn msg_class(m: &Msg) -> &'static str {
    match m {
        Msg::Vote { .. } => "m-vote",
        Msg::VoteReply { granted: true } => "m-vote-ok",
        Msg::Append { entries, .. } if entries.is_empty() => "m-beat",
        Msg::Append { .. } => "m-append",
        Msg::AppendReply { ok: true, .. } => "m-ack",
        Msg::VoteReply { granted: false } | Msg::AppendReply { ok: false, .. } => "m-no",
    }
}

fn cluster(s: &RaftState) -> Html {
    let snap = s.cluster();
    let now = snap.t;
    let pos = ring(snap.servers.len());
    let cut = snap.servers.iter().any(|x| x.group != 0);
    let nodes = snap.servers.iter().enumerate().map(|(i, srv)| {
        let (x, y) = pos[i];
        let timer = (srv.alive && srv.role != Role::Leader).then(|| {
            arc(x, y, NODE_R + 5.0, timer_left(srv, now))
        });
        let votes = (srv.role == Role::Candidate).then(|| format!("{} votes", srv.votes.count_ones()));
        let class = classes!("cs-node", role_class(srv), (srv.group != 0).then_some("cut"));
        html! {
            <g class={class}>
                <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")} r={NODE_R.to_string()} />
                if let Some(d) = timer { <path class="timer" d={d} /> }
                <text x={format!("{x:.1}")} y={format!("{:.1}", y - 4.0)}>{ name(i) }</text>
                <text class="term" x={format!("{x:.1}")} y={format!("{:.1}", y + 10.0)}>{ format!("T{}", srv.term) }</text>
                if let Some(v) = votes { <text class="votes" x={format!("{x:.1}")} y={format!("{:.1}", y + NODE_R + 16.0)}>{ v }</text> }
            </g>
        }
    });
    let msgs = snap.wire.iter().filter_map(|p| {
        let (x, y) = packet_pos(p, now, &pos)?;
        Some(html! {
            <circle class={classes!("cs-msg", msg_class(&p.msg))} cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="5">
                <title>{ format!("{} → {} (term {})", name(p.from), name(p.to), p.term) }</title>
            </circle>
        })
    });
    html! {
        <svg class="cs-ring" viewBox={format!("0 0 {RING_BOX} {RING_BOX}")} role="img"
            aria-label={format!("{} servers at {now} ms, {} messages in flight", snap.servers.len(), snap.wire.len())}>
            { for nodes }
            { for msgs }
            <text class="clock" x="4" y="14">{ format!("{now} ms") }</text>
            if cut { <text class="clock" x="4" y={format!("{:.0}", RING_BOX - 6.0)}>{"dashed: cut off by the partition"}</text> }
        </svg>
    }
}

fn logs(s: &RaftState) -> Html {
    let snap = s.cluster();
    let width = snap.servers.iter().map(|x| x.log.len()).max().unwrap_or(0);
    let rows = snap.servers.iter().enumerate().map(|(i, srv)| {
        let cells = (0..width).map(|k| match srv.log.get(k) {
            Some(e) => html! {
                <td class={classes!(format!("t{}", e.term % 6), (k < srv.commit).then_some("committed"))}
                    title={format!("index {}: term {}, ACQUIRE lock-1 for session {}", k + 1, e.term, session(e.session))}>
                    { format!("{}{}", e.term, session(e.session)) }
                </td>
            },
            None => html! { <td class="empty"></td> },
        });
        html! {
            <tr class={role_class(srv)}>
                <th>{ name(i) }</th>
                { for cells }
                <td class="ci">{ srv.commit }</td>
            </tr>
        }
    });
    html! {
        <div class="cs-scroll">
            <table class="cs-logs">
                <caption>{"Logs: term and session per entry; filled = committed on that server"}</caption>
                <thead><tr><th>{"server"}</th>{ for (1..=width).map(|k| html! { <th>{ k }</th> }) }<th>{"commit"}</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}

fn lock(s: &RaftState) -> Html {
    let c = crate::trace::committed_prefix(s.cluster());
    let (held, answers) = raft::apply(c);
    let last = answers.last().map(|a| match a {
        Ok(tok) => format!("last applied: granted, token {tok}"),
        Err(h) => format!("last applied: failure, held by session {}", session(*h)),
    });
    html! {
        <div class="cs-lock">
            <h3>{"lock-1 (state machine)"}</h3>
            <p>{ held.map_or("free".to_string(), |(h, tok)| format!("held by session {}, token {tok}", session(h))) }</p>
            if let Some(l) = last { <p>{ l }</p> }
        </div>
    }
}

/// The step's picture.
pub(super) fn view(s: &RaftState) -> Html {
    html! {
        <div class="cs-raft">
            <div class="cs-cols">
                <figure class="cs-box">{ cluster(s) }
                    <figcaption>{"Blue: leader, orange: candidate, grey: follower, crossed out: crashed. The arc is the election timer left; dots are messages (votes, heartbeats, entries, answers)."}</figcaption></figure>
                { lock(s) }
            </div>
            { logs(s) }
            if s.summary {
                <p class={classes!("cs-summary", if s.world.safety.is_ok() { "ok" } else { "bad" })}>
                    { match &s.world.safety { Ok(()) => "Safety held: one leader per term, logs matching, committed entries never lost.".to_string(), Err(e) => format!("Safety violated: {e}") } }
                </p>
            }
        </div>
    }
}
