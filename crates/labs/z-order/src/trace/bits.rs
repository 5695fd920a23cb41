//! `bits` mode: the MULTI-COLUMN interleave, one bit per step, then the decode.

use crate::curves::{binary, deinterleave, interleave};
use crate::skipping::COLUMN_NAMES;
use crate::text::proc_ids;
use crate::{BitsFocus, BitsParams, BitsState, DocumentExample, State};
use sdp_kit::lab::{LinesRun, Metric, Step, Trace};
use std::fmt::Write;

/// The document's example (x = 5, y = 3 with 4 bits): its stated answer.
fn document_example(p: &BitsParams) -> Option<DocumentExample> {
    (p.values == [5, 3] && p.bits == 4).then(|| DocumentExample {
        layout: "y3 x3 y2 x2 y1 x1 y0 x0".to_string(),
        stated_bits: "00011101".to_string(),
        stated_value: 29,
        correct_value: interleave(&p.values, 4),
    })
}

struct Builder {
    p: BitsParams,
    names: Vec<String>,
    document: Option<DocumentExample>,
    steps: Vec<Step<State>>,
}

impl Builder {
    fn width(&self) -> u32 {
        self.p.values.len() as u32 * u32::from(self.p.bits)
    }

    fn push(&mut self, placed: u32, z: u64, focus: BitsFocus, narration: String, lines: LinesRun) {
        let w = self.width();
        let metrics = vec![
            Metric::new(
                "Z-value so far",
                z as f64,
                format!("{z} = 0x{z:X} = {}", binary(z, w)),
            ),
            Metric::new("bits placed", f64::from(placed), format!("{placed} of {w}")),
        ];
        self.steps.push(Step {
            state: State::Bits(BitsState {
                values: self.p.values.clone(),
                names: self.names.clone(),
                bits: self.p.bits,
                placed,
                z,
                focus,
                document: self.document.clone(),
            }),
            narration,
            lines,
            metrics,
        });
    }
}

pub(super) fn build(p: &BitsParams) -> Trace<State> {
    let n = p.values.len();
    let mut b = Builder {
        p: p.clone(),
        names: COLUMN_NAMES
            .iter()
            .take(n)
            .map(ToString::to_string)
            .collect(),
        document: document_example(p),
        steps: Vec::new(),
    };
    let bits = u32::from(p.bits);
    let columns: Vec<String> = p
        .values
        .iter()
        .zip(&b.names)
        .map(|(v, name)| format!("{name} = {v} ({})", binary(*v, bits)))
        .collect();
    b.push(
        0,
        0,
        BitsFocus::Start,
        format!(
            "{} columns of {bits} bits: {}. Bit i of column c goes to Z bit i × {n} + c, so {} holds the lowest bit of each group.",
            n,
            columns.join(", "),
            b.names[0]
        ),
        LinesRun::new(proc_ids::ZVALUE, &[0, 3]),
    );
    let mut z = 0u64;
    for i in 0..bits {
        for (c, &v) in p.values.iter().enumerate() {
            let target = i * n as u32 + c as u32;
            let set = (v >> i) & 1 == 1;
            if set {
                z |= 1 << target;
            }
            let name = &b.names[c];
            let narration = format!(
                "Bit {i} of {name} is {}: {} Z bit {target} ({name}{i}).",
                u8::from(set),
                if set { "set" } else { "leave" }
            );
            b.push(
                target + 1,
                z,
                BitsFocus::Place {
                    bit: i as u8,
                    column: c as u8,
                    target: target as u8,
                    set,
                },
                narration,
                LinesRun::new(proc_ids::MULTI, &[1, 2, 3]),
            );
        }
    }
    let w = b.width();
    let mut done = format!("Z-value = {z} (0x{z:X}, {}).", binary(z, w));
    if let Some(doc) = &b.document {
        let _ = write!(
            done,
            " The document says {} ({}) for this example: its string {} puts x1 = 1 and y0 = 0, but x = 5 = 0101 has x1 = 0 and y = 3 = 0011 has y0 = 1, so the bits are 00011011 = {}.",
            doc.stated_value, doc.stated_bits, doc.layout, doc.correct_value
        );
    }
    b.push(
        w,
        z,
        BitsFocus::Done,
        done,
        LinesRun::new(proc_ids::MULTI, &[4]),
    );
    let back = deinterleave(z, n, bits);
    let decoded: Vec<String> = back
        .iter()
        .zip(&b.names)
        .map(|(v, name)| format!("{name} = {v}"))
        .collect();
    b.push(
        w,
        z,
        BitsFocus::Decode,
        format!(
            "Decoding takes every {}{} bit back: {} — the same values, so nothing is lost.",
            n,
            if n == 2 { "nd" } else { "rd" },
            decoded.join(", ")
        ),
        LinesRun::new(proc_ids::ZVALUE, &[0]),
    );
    Trace { steps: b.steps }
}
