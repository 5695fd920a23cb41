//! A compact binary form of the catalogue, written by `build.rs` from the TOML files and read at
//! run time, so the web build carries neither the TOML parser nor serde's deserializers (about
//! 85 KB gzipped of WebAssembly) and no TOML syntax.
//!
//! The format is private to this crate (written and read by the same source, checked by the
//! `codec` test against a direct TOML parse of every file):
//! strings are a LEB128 length and UTF-8 bytes, numbers are little-endian `f64`, `u32` and `u8`
//! LEB128/bytes, lists a LEB128 count and the items, options a `0`/`1` byte, enums one byte
//! (the variant's index), records their fields in declaration order.
//!
//! ```
//! use sdp_designs::codec::{Codec, Reader};
//! let design = sdp_designs::design("url-shortener").unwrap();
//! let mut bytes = Vec::new();
//! design.enc(&mut bytes);
//! let back = sdp_designs::Design::dec(&mut Reader::new(&bytes)).unwrap();
//! assert_eq!(&back, design);
//! ```

use crate::model::{
    BuildingBlock, Component, Counterpart, DataModel, DeepDive, Design, Difference, Edge, Figure,
    Flow, FlowStep, Framework, FrameworkStep, FrameworkTradeOff, Input, Kind, LabLink, Note,
    Requirements, Source, Stated, Status, Theme, TradeOff,
};

/// Format version, first byte of the blob.
pub const VERSION: u8 = 2;

/// Reads values back from a byte slice.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    /// True when every byte has been read.
    pub fn is_done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| format!("truncated at byte {}", self.at))?;
        let s = self.bytes.get(self.at..end).unwrap_or(&[]);
        self.at = end;
        Ok(s)
    }

    /// One byte.
    pub fn byte(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?.first().copied().unwrap_or(0))
    }

    /// An unsigned LEB128 number.
    pub fn leb(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(format!("bad number at byte {}", self.at))
    }

    /// A length, bounded by the bytes left (so junk cannot ask for a huge allocation).
    fn len(&mut self) -> Result<usize, String> {
        let n = self.leb()?;
        usize::try_from(n)
            .ok()
            .filter(|&n| n <= self.bytes.len().saturating_sub(self.at))
            .ok_or_else(|| format!("bad length {n} at byte {}", self.at))
    }
}

/// Writes an unsigned LEB128 number.
pub fn put_leb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// A value with a binary form.
pub trait Codec: Sized {
    /// Appends the value.
    fn enc(&self, out: &mut Vec<u8>);
    /// Reads a value.
    fn dec(r: &mut Reader<'_>) -> Result<Self, String>;
}

impl Codec for String {
    fn enc(&self, out: &mut Vec<u8>) {
        put_leb(out, self.len() as u64);
        out.extend_from_slice(self.as_bytes());
    }
    fn dec(r: &mut Reader<'_>) -> Result<Self, String> {
        let n = r.len()?;
        let at = r.at;
        String::from_utf8(r.take(n)?.to_vec()).map_err(|_| format!("bad text at byte {at}"))
    }
}

impl Codec for f64 {
    fn enc(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn dec(r: &mut Reader<'_>) -> Result<Self, String> {
        let b = r.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(f64::from_le_bytes(a))
    }
}

impl Codec for bool {
    fn enc(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn dec(r: &mut Reader<'_>) -> Result<Self, String> {
        match r.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            b => Err(format!("bad flag {b}")),
        }
    }
}

impl Codec for u8 {
    fn enc(&self, out: &mut Vec<u8>) {
        out.push(*self);
    }
    fn dec(r: &mut Reader<'_>) -> Result<Self, String> {
        r.byte()
    }
}

impl Codec for u32 {
    fn enc(&self, out: &mut Vec<u8>) {
        put_leb(out, u64::from(*self));
    }
    fn dec(r: &mut Reader<'_>) -> Result<Self, String> {
        let v = r.leb()?;
        u32::try_from(v).map_err(|_| format!("number {v} too large"))
    }
}

impl<T: Codec> Codec for Vec<T> {
    fn enc(&self, out: &mut Vec<u8>) {
        put_leb(out, self.len() as u64);
        for x in self {
            x.enc(out);
        }
    }
    fn dec(r: &mut Reader<'_>) -> Result<Self, String> {
        let n = r.len()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(T::dec(r)?);
        }
        Ok(v)
    }
}

impl<T: Codec> Codec for Option<T> {
    fn enc(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(x) => {
                out.push(1);
                x.enc(out);
            }
        }
    }
    fn dec(r: &mut Reader<'_>) -> Result<Self, String> {
        match r.byte()? {
            0 => Ok(None),
            1 => Ok(Some(T::dec(r)?)),
            b => Err(format!("bad option tag {b}")),
        }
    }
}

impl<T: Codec + Copy + Default> Codec for [T; 2] {
    fn enc(&self, out: &mut Vec<u8>) {
        self[0].enc(out);
        self[1].enc(out);
    }
    fn dec(r: &mut Reader<'_>) -> Result<Self, String> {
        Ok([T::dec(r)?, T::dec(r)?])
    }
}

impl<A: Codec, B: Codec> Codec for (A, B) {
    fn enc(&self, out: &mut Vec<u8>) {
        self.0.enc(out);
        self.1.enc(out);
    }
    fn dec(r: &mut Reader<'_>) -> Result<Self, String> {
        Ok((A::dec(r)?, B::dec(r)?))
    }
}

macro_rules! record {
    ($t:ident { $($f:ident),* $(,)? }) => {
        impl Codec for $t {
            fn enc(&self, out: &mut Vec<u8>) {
                $( self.$f.enc(out); )*
            }
            fn dec(r: &mut Reader<'_>) -> Result<Self, String> {
                Ok($t { $( $f: Codec::dec(r)?, )* })
            }
        }
    };
}

macro_rules! variants {
    ($t:ident [ $($v:ident),* $(,)? ]) => {
        impl Codec for $t {
            fn enc(&self, out: &mut Vec<u8>) {
                const ALL: &[$t] = &[$($t::$v),*];
                out.push(ALL.iter().position(|x| x == self).unwrap_or(0) as u8);
            }
            fn dec(r: &mut Reader<'_>) -> Result<Self, String> {
                const ALL: &[$t] = &[$($t::$v),*];
                let b = r.byte()?;
                ALL.get(usize::from(b)).copied().ok_or_else(|| format!("bad {} {b}", stringify!($t)))
            }
        }
    };
}

variants!(Theme[
    Storage,
    Messaging,
    Geo,
    WebTrafficMedia,
    Transactions,
    Coordination,
    StreamingAndDataPlatform,
    Concepts,
]);
variants!(Status[Ok, Wrong]);
variants!(Kind[
    Client,
    Gateway,
    LoadBalancer,
    Cdn,
    Service,
    Worker,
    Cache,
    Queue,
    Store,
    ObjectStore,
    Index,
    Coordinator,
    External,
]);

record!(Design {
    id,
    title,
    subtitle,
    theme,
    summary,
    source,
    requirements,
    inputs,
    figures,
    components,
    edges,
    flows,
    data_model,
    deep_dive,
    tradeoffs,
    mechanisms,
    labs,
    notes,
    counterpart,
});
record!(Counterpart {
    design,
    differences
});
record!(Difference {
    topic,
    here,
    there,
    catalogue
});
record!(Source {
    document,
    catalogue,
    heading,
    lines
});
record!(Requirements {
    functional,
    non_functional,
    scale,
    source
});
record!(Input {
    id,
    label,
    value,
    unit,
    min,
    max,
    integer,
    source,
    stated,
    note,
});
record!(Figure {
    id,
    label,
    formula,
    unit,
    source,
    stated,
    note,
    tolerance,
});
record!(Stated {
    text,
    value,
    status,
    explanation,
    correct_text,
    correct_value,
    catalogue,
});
record!(Component {
    id,
    label,
    kind,
    pos,
    tech
});
record!(Edge { from, to, label });
record!(Flow {
    id,
    title,
    summary,
    source,
    steps
});
record!(FlowStep {
    from,
    to,
    message,
    narration
});
record!(DataModel {
    name,
    fields,
    store
});
record!(DeepDive {
    title,
    text,
    mechanisms
});
record!(TradeOff {
    decision,
    options,
    text
});
record!(LabLink {
    lab,
    label,
    query,
    covers,
    why
});
record!(Note {
    title,
    document_says,
    correct,
    why,
    catalogue,
});
record!(Framework {
    title,
    source,
    steps,
    checklist,
    inputs,
    figures,
    building_blocks,
    tradeoffs,
});
record!(FrameworkStep {
    name,
    minutes_45,
    minutes_60,
    focus
});
record!(BuildingBlock {
    component,
    when,
    kind
});
record!(FrameworkTradeOff {
    decision,
    option_a,
    option_b,
    choose_a,
    choose_b,
});

/// What `build.rs` embeds: every design file that parsed (with its file stem), the files that
/// did not parse as (file stem, message), and the framework or its parse error.
#[derive(Clone, Debug, PartialEq)]
pub struct Blob {
    /// (file stem, design), in file-name order.
    pub designs: Vec<(String, Design)>,
    /// (file stem, parse error).
    pub errors: Vec<(String, String)>,
    /// The framework, or why it did not parse.
    pub framework: Result<Framework, String>,
}

impl Blob {
    /// The bytes: [`VERSION`], then the fields.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = vec![VERSION];
        self.designs.enc(&mut out);
        self.errors.enc(&mut out);
        match &self.framework {
            Ok(f) => {
                out.push(0);
                f.enc(&mut out);
            }
            Err(e) => {
                out.push(1);
                e.enc(&mut out);
            }
        }
        out
    }

    /// Reads the bytes back; an error says where they are broken.
    pub fn decode(bytes: &[u8]) -> Result<Blob, String> {
        let mut r = Reader::new(bytes);
        let v = r.byte()?;
        if v != VERSION {
            return Err(format!("format version {v}, expected {VERSION}"));
        }
        let designs = Codec::dec(&mut r)?;
        let errors = Codec::dec(&mut r)?;
        let framework = match r.byte()? {
            0 => Ok(Framework::dec(&mut r)?),
            1 => Err(String::dec(&mut r)?),
            b => return Err(format!("bad framework tag {b}")),
        };
        if !r.is_done() {
            return Err("trailing bytes".to_string());
        }
        Ok(Blob {
            designs,
            errors,
            framework,
        })
    }
}

/// Second byte of a per-design file ([`encode_design`]).
pub const DESIGN_TAG: u8 = b'D';

/// Second byte of the framework's file ([`encode_framework`]).
pub const FRAMEWORK_TAG: u8 = b'F';

/// One value in a file of its own: [`VERSION`], a tag byte saying what it holds, the value.
fn encode_file<T: Codec>(tag: u8, value: &T) -> Vec<u8> {
    let mut out = vec![VERSION, tag];
    value.enc(&mut out);
    out
}

/// Reads a file written by [`encode_file`]; wrong version, tag, truncation or trailing bytes
/// are errors.
fn decode_file<T: Codec>(tag: u8, bytes: &[u8]) -> Result<T, String> {
    let mut r = Reader::new(bytes);
    let v = r.byte()?;
    if v != VERSION {
        return Err(format!("format version {v}, expected {VERSION}"));
    }
    let t = r.byte()?;
    if t != tag {
        return Err(format!("file kind {t}, expected {tag}"));
    }
    let value = T::dec(&mut r)?;
    if !r.is_done() {
        return Err("trailing bytes".to_string());
    }
    Ok(value)
}

/// One design's file (`static/data/designs/<id>.bin`, what the web page fetches): [`VERSION`],
/// [`DESIGN_TAG`], the design.
pub fn encode_design(design: &Design) -> Vec<u8> {
    encode_file(DESIGN_TAG, design)
}

/// Reads a file written by [`encode_design`]; broken bytes are an error, never a panic.
pub fn decode_design(bytes: &[u8]) -> Result<Design, String> {
    decode_file(DESIGN_TAG, bytes)
}

/// The framework's file (`static/data/designs/framework.bin`): [`VERSION`], [`FRAMEWORK_TAG`],
/// the framework.
pub fn encode_framework(framework: &Framework) -> Vec<u8> {
    encode_file(FRAMEWORK_TAG, framework)
}

/// Reads a file written by [`encode_framework`].
pub fn decode_framework(bytes: &[u8]) -> Result<Framework, String> {
    decode_file(FRAMEWORK_TAG, bytes)
}

/// A short content tag of a file's bytes (FNV-1a, 32 bits, as 8 hex digits): the web page
/// fetches `<file>?v=<tag>`, so a browser never mixes a cached old file with a new bundle.
pub fn content_tag(bytes: &[u8]) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}
