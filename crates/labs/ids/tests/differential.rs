//! Differential tests against independent models on thousands of seeded inputs: base62 by
//! powers of 62 in u128, Snowflake and ULID by building and slicing bit strings, and GENERATE
//! against a model that lets its clock tick one millisecond at a time.
#![cfg(not(target_arch = "wasm32"))]

use rand::RngExt;
use sdp_kit::rng::seeded;
use sdp_lab_ids::base62::{self, Order};
use sdp_lab_ids::clock::{Clock, Event, Generator, Jump, Policy, Refusal};
use sdp_lab_ids::snowflake::{Fields, Layout, compose, parse};
use sdp_lab_ids::ulid::{self, ALPHABET, Ulid};

/// Base62 by the greatest power of 62 first, in u128 (no division loop over n).
fn base62_model(n: u64, chars: &[u8; 62], width: usize) -> String {
    let n = u128::from(n);
    let mut power = 1u128;
    let mut len = 1;
    while power * 62 <= n {
        power *= 62;
        len += 1;
    }
    let mut out = String::new();
    let mut rest = n;
    for _ in 0..len {
        let d = rest / power;
        out.push(char::from(chars[d as usize]));
        rest -= d * power;
        power /= 62;
    }
    while out.len() < width {
        out.insert(0, char::from(chars[0]));
    }
    out
}

fn sample_u64(rng: &mut sdp_kit::rng::LabRng) -> u64 {
    match rng.random_range(0..4) {
        0 => rng.random_range(0..1_000),
        1 => rng.random_range(0..62u64.pow(7)),
        2 => u64::MAX - rng.random_range(0..1_000),
        _ => rng.random(),
    }
}

#[test]
fn base62_matches_the_powers_of_62_model() {
    let mut rng = seeded(62);
    for _ in 0..10_000 {
        let n = sample_u64(&mut rng);
        let width = rng.random_range(0..=11);
        for order in [Order::Code, Order::Prose] {
            let want = base62_model(n, order.chars(), width);
            assert_eq!(base62::encode(n, order, width), want, "n = {n}");
            let sum = want.chars().fold(0u128, |acc, c| {
                acc * 62
                    + order
                        .chars()
                        .iter()
                        .position(|&b| char::from(b) == c)
                        .unwrap() as u128
            });
            assert_eq!(u128::from(base62::decode(&want, order).unwrap()), sum);
        }
    }
}

fn random_layout(rng: &mut sdp_kit::rng::LabRng) -> Layout {
    let dc = rng.random_bool(0.3);
    let node_bits = rng.random_range(if dc { 6 } else { 1 }..=20);
    let seq_bits = rng.random_range(1..=(30 - node_bits).min(20));
    Layout {
        node_bits,
        seq_bits,
        dc_bits: if dc { 5 } else { 0 },
    }
}

#[test]
fn snowflake_matches_bit_strings() {
    let mut rng = seeded(64);
    for _ in 0..10_000 {
        let l = random_layout(&mut rng);
        let f = Fields {
            ts: rng.random_range(0..=l.max_ts()),
            node: rng.random_range(0..=l.max_node()),
            seq: rng.random_range(0..=l.max_seq()),
        };
        let (tw, nw, sw) = (
            l.ts_bits() as usize,
            l.node_bits as usize,
            l.seq_bits as usize,
        );
        let text = format!("0{:0tw$b}{:0nw$b}{:0sw$b}", f.ts, f.node, f.seq);
        assert_eq!(text.len(), 64);
        let want = u64::from_str_radix(&text, 2).unwrap();
        let id = compose(f, l).unwrap();
        assert_eq!(id, want, "{l:?} {f:?}");
        let bits = format!("{id:064b}");
        let back = Fields {
            ts: u64::from_str_radix(&bits[1..1 + tw], 2).unwrap(),
            node: u64::from_str_radix(&bits[1 + tw..1 + tw + nw], 2).unwrap(),
            seq: u64::from_str_radix(&bits[1 + tw + nw..], 2).unwrap(),
        };
        assert_eq!(parse(id, l), back);
    }
}

#[test]
fn ulid_matches_bit_strings() {
    let mut rng = seeded(32);
    for _ in 0..10_000 {
        let u = Ulid {
            time: rng.random_range(0..=ulid::MAX_TIME),
            random: ulid::random80(&mut rng),
        };
        let bits = format!("00{:048b}{:080b}", u.time, u.random);
        let want: String = (0..26)
            .map(|i| {
                char::from(ALPHABET[usize::from_str_radix(&bits[5 * i..5 * i + 5], 2).unwrap()])
            })
            .collect();
        assert_eq!(ulid::encode(u), want);
        assert_eq!(ulid::decode(&want), Ok(u));
    }
}

/// GENERATE as the document writes it, with a clock that only ever ticks one ms at a time
/// (sleep and spin-wait loop millisecond by millisecond).
struct Model {
    last: Option<i64>,
    seq: u64,
}

impl Model {
    fn next(
        &mut self,
        mut r: u64,
        clock: &Clock,
        policy: Policy,
        max_skew: u64,
        max_seq: u64,
    ) -> (u64, Result<(i64, u64), Refusal>) {
        let mut now = clock.read(r);
        if let Some(last) = self.last {
            if now < last {
                match policy {
                    Policy::Error => return (r, Err(Refusal::Backwards((last - now) as u64))),
                    Policy::Sleep => {
                        while now < last {
                            let skew = (last - now) as u64;
                            if skew > max_skew {
                                return (r, Err(Refusal::SkewTooLarge(skew)));
                            }
                            for _ in 0..skew {
                                r += 1;
                            }
                            now = clock.read(r);
                        }
                    }
                    Policy::Logical => now = last,
                }
            }
            if now == last {
                self.seq += 1;
                if self.seq > max_seq {
                    self.seq = 0;
                    if policy == Policy::Logical {
                        now = last + 1;
                    } else {
                        while now <= last {
                            r += 1;
                            now = clock.read(r);
                        }
                    }
                }
            } else {
                self.seq = 0;
            }
        }
        self.last = Some(now);
        (r, Ok((now, self.seq)))
    }
}

#[test]
fn generate_matches_a_tick_by_tick_model() {
    let mut rng = seeded(2441);
    for case in 0..2_000 {
        let policy = [Policy::Error, Policy::Sleep, Policy::Logical][case % 3];
        let l = Layout {
            node_bits: 10,
            seq_bits: rng.random_range(1..=4),
            dc_bits: 0,
        };
        let max_skew = rng.random_range(0..20);
        let jumps = (0..rng.random_range(0..4))
            .map(|_| Jump {
                at: rng.random_range(0..30),
                back: rng.random_range(1..30),
            })
            .collect();
        let clock = Clock { base: 1_000, jumps };
        let mut g = Generator::new(7, 0, l, policy, max_skew);
        let mut m = Model { last: None, seq: 0 };
        let (mut r, mut rm) = (0u64, 0u64);
        for t in 0..40u64 {
            for _ in 0..rng.random_range(1..6) {
                let o = g.next(r.max(t), &clock);
                let (done, want) = m.next(rm.max(t), &clock, policy, max_skew, l.max_seq());
                let got = o.result.map(|(f, _, _)| (f.ts as i64, f.seq));
                assert_eq!(got, want, "case {case} t {t}");
                assert_eq!(o.done, done, "case {case} t {t}");
                if let Ok((_, _, Event::Overflow(w))) = o.result {
                    assert!(w >= 1);
                }
                r = o.done;
                rm = done;
            }
        }
    }
}

#[test]
fn the_code_table_matches_a_linear_scan_model() {
    use sdp_lab_ids::hashcode::{Algo, Table, hex_digest};
    let mut rng = seeded(227);
    for case in 0..40 {
        let algo = if case % 2 == 0 {
            Algo::Md5
        } else {
            Algo::Sha256
        };
        let len = rng.random_range(2..=3);
        let mut table = Table::default();
        let mut model: Vec<(String, String)> = Vec::new();
        for i in 0..100u32 {
            let url = sdp_lab_ids::trace::url_of(i % 90, &mut rng);
            let got = table.shorten(&url, algo, len, 64);
            let want = if let Some((code, _)) = model.iter().find(|(_, u)| *u == url) {
                code.clone()
            } else {
                let mut k = 0;
                loop {
                    let input = if k == 0 {
                        url.clone()
                    } else {
                        format!("{url}{k}")
                    };
                    let code: String = hex_digest(algo, &input)[..len].to_string();
                    if !model.iter().any(|(c, _)| *c == code) {
                        model.push((code.clone(), url.clone()));
                        break code;
                    }
                    k += 1;
                }
            };
            assert_eq!(got.code(), want, "case {case} url {i}");
        }
        assert_eq!(table.len(), model.len());
    }
}

#[test]
fn ranges_match_an_id_at_a_time_model() {
    use sdp_lab_ids::ranges::{Coordinator, Rule, Server};
    let mut rng = seeded(255);
    for case in 0..500 {
        let rule = if case % 2 == 0 {
            Rule::Doc
        } else {
            Rule::Fixed
        };
        let size = rng.random_range(2..40);
        let mut c = Coordinator::new(size);
        let mut s = Server::default();
        // The document's loop, one ID per call.
        let (mut next_start, mut cur, mut end, mut have) = (1u64, 0u64, 0u64, false);
        let mut issued = 0u64;
        for _ in 0..rng.random_range(1..20) {
            let n = rng.random_range(0..60);
            s.issue(n, rule, &mut c);
            for _ in 0..n {
                let need = !have
                    || if rule == Rule::Doc {
                        cur >= end
                    } else {
                        cur > end
                    };
                if need {
                    cur = next_start;
                    end = next_start + size - 1;
                    next_start += size;
                    have = true;
                }
                cur += 1;
                issued += 1;
            }
            assert_eq!(
                (s.current, s.issued, c.next),
                (cur, issued, next_start),
                "case {case}"
            );
        }
    }
}

#[test]
fn the_pregen_ticks_match_a_millisecond_model() {
    use sdp_lab_ids::pregen::{Cache, Settings};
    let mut rng = seeded(2531);
    for _ in 0..500 {
        let s = Settings {
            capacity: rng.random_range(1..2_000),
            low: 0,
            chunk: rng.random_range(1..300),
        };
        let s = Settings {
            low: rng.random_range(0..=s.capacity),
            ..s
        };
        let (interval, rate) = (rng.random_range(1..20u64), rng.random_range(0..40u64));
        let mut c = Cache::full(s);
        let (mut level, mut demand) = (s.capacity, 0u64);
        for t in 0..400u64 {
            if t % interval == 0 {
                c.refill(s);
                c.get(rate * interval);
                if level < s.low {
                    level += s.chunk.min(s.capacity - level);
                }
            }
            for _ in 0..rate {
                if level > 0 { level -= 1 } else { demand += 1 }
            }
            if t % interval == interval - 1 {
                assert_eq!((c.level, c.on_demand), (level, demand));
            }
        }
    }
}
