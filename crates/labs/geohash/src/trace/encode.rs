//! Encode mode: one step per bit, one per character, and decoding the same way back.

use crate::codec::{Axis, BBox, BitStep, Cell, LatLng, bit_steps};
use crate::distance::KM_PER_DEGREE;
use crate::format::{deg, interval, km, point};
use crate::text::proc_ids::{DECODE, ENCODE};
use crate::{Action, Params, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Whether a job encodes a point or decodes a hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum JobKind {
    /// Point → hash: bits first, a character after every 5 bits.
    Encode,
    /// Hash → box: a character first, then its 5 bits.
    Decode,
}

/// One encoding or decoding, shared by its steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EncodeJob {
    /// Encode or decode.
    pub kind: JobKind,
    /// The point being encoded (None when decoding a typed hash).
    pub point: Option<LatLng>,
    /// The resulting cell.
    pub cell: Cell,
    /// Its hash.
    pub hash: String,
    /// Its box (degrees).
    pub bbox: BBox,
    /// Every bisection, in order (`5 × precision` of them).
    pub bits: Vec<BitStep>,
}

/// What an encode-mode step shows.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum EncodePhase {
    /// The whole world, before any bit.
    Start,
    /// A bit was decided (encode) or applied (decode): draw `step.lo..step.hi` on its axis, the
    /// midpoint, and highlight the kept half.
    Bit {
        /// The bisection.
        step: BitStep,
    },
    /// Encode: 5 bits became a character. Decode: a character was read as 5 bits.
    Char {
        /// Character index, 0-based.
        index: u8,
        /// Its 5-bit value, 0–31.
        value: u8,
        /// The character.
        ch: char,
    },
    /// All bits done: the final box is the cell.
    Done,
}

/// The state of an encode-mode step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EncodeState {
    /// The encoding or decoding this step belongs to.
    pub job: Arc<EncodeJob>,
    /// Which job of the scenario (0 = from the parameters, then one per action).
    pub job_index: u32,
    /// Bits applied so far, 0…5p: the first `bits_done` bits of `job.cell`.
    pub bits_done: u8,
    /// Characters emitted (encode) or read (decode) so far: a prefix of `job.hash`.
    pub chars_done: u8,
    /// The current latitude × longitude intervals after `bits_done` bits (degrees): draw it as
    /// a rectangle on the map.
    pub current: BBox,
    /// What this step highlights.
    pub phase: EncodePhase,
}

impl EncodeState {
    /// The bits applied so far as '0'/'1' text.
    pub fn bit_text(&self) -> String {
        self.job.bits[..usize::from(self.bits_done).min(self.job.bits.len())]
            .iter()
            .map(|b| if b.bit { '1' } else { '0' })
            .collect()
    }
}

const WORLD: BBox = BBox {
    south: -90.0,
    north: 90.0,
    west: -180.0,
    east: 180.0,
};

struct Builder {
    steps: Vec<Step<State>>,
    job: Arc<EncodeJob>,
    job_index: u32,
    bits_done: u8,
    chars_done: u8,
    current: BBox,
}

impl Builder {
    fn push(&mut self, phase: EncodePhase, narration: String, lines: LinesRun) {
        let state = EncodeState {
            job: self.job.clone(),
            job_index: self.job_index,
            bits_done: self.bits_done,
            chars_done: self.chars_done,
            current: self.current,
            phase,
        };
        let metrics = metrics(&state);
        self.steps.push(Step {
            state: State::Encode(state),
            narration,
            lines,
            metrics,
        });
    }

    fn apply_bit(&mut self, b: &BitStep) {
        let (lo, hi) = b.kept();
        match b.axis {
            Axis::Lng => (self.current.west, self.current.east) = (lo, hi),
            Axis::Lat => (self.current.south, self.current.north) = (lo, hi),
        }
        self.bits_done += 1;
    }

    fn start_job(&mut self, job: EncodeJob) {
        self.job = Arc::new(job);
        self.bits_done = 0;
        self.chars_done = 0;
        self.current = WORLD;
    }
}

fn metrics(s: &EncodeState) -> Vec<Metric> {
    let total = s.job.bits.len();
    let lng_bits = usize::from(s.bits_done).div_ceil(2);
    let lat_bits = usize::from(s.bits_done) / 2;
    let hash: String = s.job.hash.chars().take(usize::from(s.chars_done)).collect();
    let c = s.current;
    let ns = c.height() * KM_PER_DEGREE;
    let ew = c.width() * KM_PER_DEGREE * c.centre().lat.to_radians().cos();
    vec![
        Metric::new(
            "bits",
            f64::from(s.bits_done),
            format!(
                "{} of {total} ({lng_bits} longitude, {lat_bits} latitude)",
                s.bits_done
            ),
        ),
        Metric::new(
            "hash",
            f64::from(s.chars_done),
            if hash.is_empty() {
                "—".to_string()
            } else {
                hash
            },
        ),
        Metric::new(
            "box height",
            ns,
            format!("{}° ≈ {}", deg(c.height()), km(ns)),
        ),
        Metric::new(
            "box width",
            ew,
            format!("{}° ≈ {} at its centre", deg(c.width()), km(ew)),
        ),
    ]
}

fn axis_name(a: Axis) -> &'static str {
    match a {
        Axis::Lng => "longitude",
        Axis::Lat => "latitude",
    }
}

fn encode_job(b: &mut Builder, p: LatLng, precision: u8) {
    let cell = Cell::encode_unchecked(p, precision);
    b.start_job(EncodeJob {
        kind: JobKind::Encode,
        point: Some(p),
        cell,
        hash: cell.to_hash(),
        bbox: cell.bbox(),
        bits: bit_steps(cell),
    });
    let n = 5 * u32::from(precision);
    b.push(
        EncodePhase::Start,
        format!(
            "Encode {} to {precision} characters = {n} bits ({} longitude, {} latitude): start with latitude [-90, 90] and longitude [-180, 180], longitude first.",
            point(p),
            n.div_ceil(2),
            n / 2
        ),
        LinesRun::new(ENCODE, &[0, 1, 2]),
    );
    let job = b.job.clone();
    for (i, step) in job.bits.iter().enumerate() {
        let value = match step.axis {
            Axis::Lng => p.lng,
            Axis::Lat => p.lat,
        };
        let (lo, hi) = step.kept();
        let (cmp, line) = if step.bit { ("≥", 5) } else { ("<", 6) };
        b.apply_bit(step);
        b.push(
            EncodePhase::Bit { step: *step },
            format!(
                "Bit {} ({}): the midpoint of {} is {}; {} {cmp} {} → bit {}, keep {}.",
                i + 1,
                axis_name(step.axis),
                interval(step.lo, step.hi),
                deg(step.mid),
                deg(value),
                deg(step.mid),
                u8::from(step.bit),
                interval(lo, hi)
            ),
            LinesRun::new(ENCODE, &[3, 4, line]),
        );
        if (i + 1) % 5 == 0 {
            let index = (i / 5) as u8;
            let value = job.cell.char_value(index);
            let ch = job.hash.chars().nth(usize::from(index)).unwrap_or('?');
            b.chars_done += 1;
            let so_far: String = job.hash.chars().take(usize::from(b.chars_done)).collect();
            b.push(
                EncodePhase::Char { index, value, ch },
                format!(
                    "Bits {} = {value} → Base32 character '{ch}'; the hash so far is {so_far}.",
                    five_bits(value)
                ),
                LinesRun::new(ENCODE, &[7]),
            );
        }
    }
    done(b, ENCODE, 8);
}

fn five_bits(v: u8) -> String {
    format!("{v:05b}")
}

fn decode_job(b: &mut Builder, cell: Cell) {
    b.start_job(EncodeJob {
        kind: JobKind::Decode,
        point: None,
        cell,
        hash: cell.to_hash(),
        bbox: cell.bbox(),
        bits: bit_steps(cell),
    });
    let job = b.job.clone();
    b.push(
        EncodePhase::Start,
        format!(
            "Decode {}: {} characters = {} bits. Start from the whole world, latitude [-90, 90] and longitude [-180, 180].",
            job.hash,
            cell.precision,
            job.bits.len()
        ),
        LinesRun::new(DECODE, &[0]),
    );
    for (i, step) in job.bits.iter().enumerate() {
        if i % 5 == 0 {
            let index = (i / 5) as u8;
            let value = cell.char_value(index);
            let ch = job.hash.chars().nth(usize::from(index)).unwrap_or('?');
            b.chars_done += 1;
            b.push(
                EncodePhase::Char { index, value, ch },
                format!(
                    "Character {} '{ch}' has value {value} = bits {}.",
                    index + 1,
                    five_bits(value)
                ),
                LinesRun::new(DECODE, &[1]),
            );
        }
        let (lo, hi) = step.kept();
        b.apply_bit(step);
        b.push(
            EncodePhase::Bit { step: *step },
            format!(
                "Bit {} = {} ({}): keep the {} half of {} → {}.",
                i + 1,
                u8::from(step.bit),
                axis_name(step.axis),
                if step.bit { "upper" } else { "lower" },
                interval(step.lo, step.hi),
                interval(lo, hi)
            ),
            LinesRun::new(DECODE, &[2, 3]),
        );
    }
    done(b, DECODE, 4);
}

fn done(b: &mut Builder, procedure: usize, line: usize) {
    let job = b.job.clone();
    let bx = job.bbox;
    let c = bx.centre();
    let ns = bx.height() * KM_PER_DEGREE;
    let ew = bx.width() * KM_PER_DEGREE * c.lat.to_radians().cos();
    let point_text = match job.point {
        Some(p) => format!(
            " The point {} lies inside; the centre is the decoded point.",
            point(p)
        ),
        None => " Its centre is the decoded point.".to_string(),
    };
    b.push(
        EncodePhase::Done,
        format!(
            "{}: latitude {} × longitude {}, about {} N–S × {} E–W; centre {}.{point_text}",
            job.hash,
            interval(bx.south, bx.north),
            interval(bx.west, bx.east),
            km(ns),
            km(ew),
            point(c)
        ),
        LinesRun::new(procedure, &[line]),
    );
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Vec<Step<State>> {
    let p = &s.params;
    let placeholder = Cell {
        bits: 0,
        precision: 1,
    };
    let mut b = Builder {
        steps: Vec::new(),
        job: Arc::new(EncodeJob {
            kind: JobKind::Encode,
            point: None,
            cell: placeholder,
            hash: String::new(),
            bbox: WORLD,
            bits: Vec::new(),
        }),
        job_index: 0,
        bits_done: 0,
        chars_done: 0,
        current: WORLD,
    };
    match crate::codec::parse_field("hash", &p.hash) {
        Ok(cell) if !p.hash.is_empty() => decode_job(&mut b, cell),
        _ => encode_job(&mut b, LatLng::new(p.lat, p.lng), p.precision),
    }
    for a in &s.actions {
        b.job_index += 1;
        match a {
            Action::Point(pt) => encode_job(&mut b, *pt, p.precision),
            Action::Cell(h) => {
                if let Ok(cell) = crate::codec::parse_field("hash", h) {
                    decode_job(&mut b, cell);
                }
            }
            _ => {}
        }
    }
    b.steps
}
