//! Hash-prefix short codes (M3.2): MD5 or SHA-256 of the long URL in hex, the first `length`
//! characters, and on a collision a counter appended to the URL before hashing again.

use md5::{Digest, Md5};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::collections::HashMap;

/// The hash function.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Algo {
    /// MD5 (128 bits, 32 hex characters).
    #[default]
    Md5,
    /// SHA-256 (256 bits, 64 hex characters).
    Sha256,
}

impl sdp_kit::field::Word for Algo {
    const WORDS: &'static [(Self, &'static str)] = &[(Algo::Md5, "md5"), (Algo::Sha256, "sha256")];
}

/// The lowercase hex digest of `input`.
///
/// ```
/// use sdp_lab_ids::hashcode::{hex_digest, Algo};
/// assert_eq!(hex_digest(Algo::Md5, "https://example.com"), "c984d06aafbecf6bc55569f964148ea3");
/// assert!(hex_digest(Algo::Sha256, "https://example.com").starts_with("100680a"));
/// ```
pub fn hex_digest(algo: Algo, input: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes: Vec<u8> = match algo {
        Algo::Md5 => Md5::digest(input.as_bytes()).to_vec(),
        Algo::Sha256 => Sha256::digest(input.as_bytes()).to_vec(),
    };
    bytes
        .iter()
        .flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]])
        .map(char::from)
        .collect()
}

/// One hash tried for a URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Try {
    /// What was hashed: the URL, then the URL with a counter.
    pub input: String,
    /// The full hex digest.
    pub digest: String,
    /// Its prefix, the candidate code.
    pub code: String,
    /// The URL (index) already holding this code, if any.
    pub holder: Option<u32>,
}

/// One URL shortened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Insert {
    /// Index of the URL.
    pub index: u32,
    /// The long URL.
    pub url: String,
    /// The hashes tried, the last one free (or the URL's own code).
    pub tries: Vec<Try>,
    /// True when the URL was already stored: its code is returned, nothing is added.
    pub existing: bool,
}

impl Insert {
    /// The code the URL got.
    pub fn code(&self) -> &str {
        self.tries.last().map_or("", |t| t.code.as_str())
    }
    /// Collisions met on the way (tries that hit another URL's code).
    pub fn collisions(&self) -> usize {
        self.tries.iter().filter(|t| t.holder.is_some()).count()
    }
}

/// The code table: code → URL index, and URL → code.
#[derive(Clone, Debug, Default)]
pub struct Table {
    codes: HashMap<String, u32>,
    urls: HashMap<String, String>,
    count: u32,
}

impl Table {
    /// Codes stored.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// True when nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Shortens `url`: hash, take the prefix; taken by another URL? hash `url` + counter 1, 2, …
    /// (at most `max_tries` tries; the caller keeps the table at most half full).
    pub fn shorten(&mut self, url: &str, algo: Algo, length: usize, max_tries: u32) -> Insert {
        let index = self.count;
        if let Some(code) = self.urls.get(url) {
            let holder = self.codes.get(code).copied();
            return Insert {
                index: holder.unwrap_or(index),
                url: url.to_string(),
                tries: vec![Try {
                    input: url.to_string(),
                    digest: hex_digest(algo, url),
                    code: code.clone(),
                    holder: None,
                }],
                existing: true,
            };
        }
        self.count += 1;
        let mut tries = Vec::new();
        for counter in 0..max_tries {
            let input = if counter == 0 {
                url.to_string()
            } else {
                format!("{url}{counter}")
            };
            let digest = hex_digest(algo, &input);
            let code: String = digest.chars().take(length).collect();
            let holder = self.codes.get(&code).copied();
            tries.push(Try {
                input,
                digest,
                code: code.clone(),
                holder,
            });
            if holder.is_none() {
                self.codes.insert(code.clone(), index);
                self.urls.insert(url.to_string(), code);
                break;
            }
        }
        Insert {
            index,
            url: url.to_string(),
            tries,
            existing: false,
        }
    }
}

/// Codes of `length` hex characters: 16^length.
pub fn space(length: u32) -> f64 {
    16f64.powi(length as i32)
}

/// Expected first-try collisions inserting `n` URLs into `space` codes with an ideal hash:
/// the i-th insert meets one of i taken codes with probability i / space, so n(n − 1) / 2space.
pub fn expected_collisions(n: u64, space: f64) -> f64 {
    (n as f64) * (n.saturating_sub(1) as f64) / (2.0 * space)
}

/// The birthday bound: the probability that `n` random codes out of `space` are not all
/// different, 1 − Π (1 − i / space).
pub fn birthday(n: u64, space: f64) -> f64 {
    let mut all_distinct = 1.0;
    for i in 0..n {
        all_distinct *= 1.0 - i as f64 / space;
        if all_distinct <= 0.0 {
            return 1.0;
        }
    }
    1.0 - all_distinct
}
