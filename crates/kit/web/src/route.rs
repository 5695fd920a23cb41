//! Hash routes: `#/`, `#/labs`, `#/lab/<id>?<query>`, `#/designs`, `#/design/<id>?<query>`.
//!
//! Pure functions, so they are tested natively and in the browser alike.

/// A parsed location hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `#/` or no hash.
    Home,
    /// `#/labs`.
    Labs,
    /// `#/lab/<id>?<query>`.
    Lab {
        /// Lab id.
        id: String,
        /// Raw query (without `?`).
        query: String,
    },
    /// `#/designs`.
    Designs,
    /// `#/design/<id>?<query>`.
    Design {
        /// Design id.
        id: String,
        /// Raw query (without `?`).
        query: String,
    },
    /// Anything else (the path, for the message).
    NotFound(String),
}

impl Route {
    /// Parses `location.hash` (with or without the leading `#`).
    ///
    /// ```
    /// use sdp_kit_web::route::Route;
    /// assert_eq!(Route::parse("#/lab/hash-ring?step=3"),
    ///            Route::Lab { id: "hash-ring".into(), query: "step=3".into() });
    /// assert_eq!(Route::parse(""), Route::Home);
    /// ```
    pub fn parse(hash: &str) -> Route {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => Route::Home,
            ["labs"] => Route::Labs,
            ["lab", id] => Route::Lab {
                id: id.to_string(),
                query: query.to_string(),
            },
            ["designs"] => Route::Designs,
            ["design", id] => Route::Design {
                id: id.to_string(),
                query: query.to_string(),
            },
            _ => Route::NotFound(path.to_string()),
        }
    }

    /// True when the route asks for embed mode (`embed=1` on a lab or design). The one place
    /// embed mode is decided.
    ///
    /// ```
    /// use sdp_kit_web::route::Route;
    /// assert!(Route::parse("#/lab/geohash?mode=search&embed=1").embed());
    /// assert!(!Route::parse("#/labs?embed=1").embed());
    /// ```
    pub fn embed(&self) -> bool {
        match self {
            Route::Lab { query, .. } | Route::Design { query, .. } => {
                PlayerQuery::read(&sdp_kit::query::parse(query)).embed
            }
            _ => false,
        }
    }

    /// The hash for this route, starting with `#/`.
    pub fn to_hash(&self) -> String {
        let with_query = |base: String, q: &str| {
            if q.is_empty() {
                base
            } else {
                format!("{base}?{q}")
            }
        };
        match self {
            Route::Home => "#/".into(),
            Route::Labs => "#/labs".into(),
            Route::Lab { id, query } => with_query(format!("#/lab/{id}"), query),
            Route::Designs => "#/designs".into(),
            Route::Design { id, query } => with_query(format!("#/design/{id}"), query),
            Route::NotFound(path) => format!("#{path}"),
        }
    }
}

/// The player's speeds ([`crate::player::SPEEDS`]) as `speed=` writes them.
pub const SPEED_WORDS: [&str; 6] = ["0.25", "0.5", "1", "2", "4", "8"];

/// How much of the player an embed shows (`controls=`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Controls {
    /// Every button, the speed, the scrub bar and the shortcut list (the default).
    #[default]
    Full,
    /// Back, play/pause, forward and the counter.
    Min,
    /// No buttons and no shortcuts: the host page or autoplay drives the player.
    None,
}

impl Controls {
    /// The URL word.
    pub fn word(self) -> &'static str {
        match self {
            Controls::Full => "full",
            Controls::Min => "min",
            Controls::None => "none",
        }
    }
}

/// Player state carried in the URL next to a scenario: `step` (1-based, as the counter shows it),
/// `embed`, and what a teacher sets for an embed: `from` and `to` (1-based, the step range the
/// player is locked to), `controls`, `autoplay`, `speed`, `loop` and `quiz`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlayerQuery {
    /// The 1-based step, if given and valid.
    pub step: Option<usize>,
    /// `embed=1`.
    pub embed: bool,
    /// `from=`: first step of the locked range (1-based).
    pub from: Option<usize>,
    /// `to=`: last step of the locked range (1-based).
    pub to: Option<usize>,
    /// `controls=full|min|none`.
    pub controls: Controls,
    /// `autoplay=1`: start playing once loaded.
    pub autoplay: bool,
    /// `speed=`: index into the player's speeds (`speed=2` is 2×).
    pub speed: Option<usize>,
    /// `loop=1`: playing past the last step starts again at the first.
    pub looping: bool,
    /// `quiz=0`: the lab's predict-then-run questions are not asked.
    pub quiz_off: bool,
    /// Problems with these keys.
    pub errors: Vec<String>,
}

impl PlayerQuery {
    /// Reads the player's keys from decoded query pairs.
    ///
    /// ```
    /// use sdp_kit_web::route::{Controls, PlayerQuery};
    /// let q = PlayerQuery::read(&sdp_kit::query::parse("step=4&embed=1&from=3&to=9&controls=min&speed=2&loop=1"));
    /// assert_eq!((q.step, q.from, q.to, q.controls, q.looping), (Some(4), Some(3), Some(9), Controls::Min, true));
    /// assert_eq!(q.speed, Some(3)); // 2× is the fourth speed
    /// assert!(q.errors.is_empty());
    /// ```
    pub fn read(pairs: &[(String, String)]) -> PlayerQuery {
        let mut q = PlayerQuery::default();
        for (k, v) in pairs {
            match k.as_str() {
                "step" => q.step = step_number(&mut q.errors, "step", v, "showing step 1"),
                "from" => q.from = step_number(&mut q.errors, "from", v, "not locked"),
                "to" => q.to = step_number(&mut q.errors, "to", v, "not locked"),
                "embed" => q.embed = flag(&mut q.errors, "embed", v),
                "autoplay" => q.autoplay = flag(&mut q.errors, "autoplay", v),
                "loop" => q.looping = flag(&mut q.errors, "loop", v),
                "quiz" => match v.trim() {
                    "0" | "false" => q.quiz_off = true,
                    "1" | "true" | "" => q.quiz_off = false,
                    _ => q.errors.push(format!(
                        "quiz: must be 1 or 0 (got {}); asking the questions",
                        short(v)
                    )),
                },
                "controls" => match v.trim() {
                    "full" | "" => q.controls = Controls::Full,
                    "min" => q.controls = Controls::Min,
                    "none" => q.controls = Controls::None,
                    _ => q.errors.push(format!(
                        "controls: must be full, min or none (got {}); showing full",
                        short(v)
                    )),
                },
                "speed" => {
                    let text = v.trim().trim_end_matches(['x', '×']);
                    // Compared as words: parsing decimals would add float-parsing tables to
                    // every bundle.
                    match SPEED_WORDS.iter().position(|w| *w == text) {
                        Some(i) => q.speed = Some(i),
                        None => q.errors.push(format!(
                            "speed: must be one of 0.25, 0.5, 1, 2, 4, 8 (got {}); showing 1",
                            short(v)
                        )),
                    }
                }
                _ => {}
            }
        }
        if let (Some(from), Some(to)) = (q.from, q.to) {
            if from > to {
                q.errors
                    .push(format!("from: {from} is after to={to}; not locked"));
                (q.from, q.to) = (None, None);
            }
        }
        q
    }

    /// The keys to write back into the URL next to `step` and `embed`: the ones set to other
    /// than their defaults, so a reload or a copied link keeps them.
    ///
    /// ```
    /// use sdp_kit_web::route::PlayerQuery;
    /// let q = PlayerQuery::read(&sdp_kit::query::parse("to=5&autoplay=1&controls=full"));
    /// assert_eq!(q.settings(), vec![("to".to_string(), "5".to_string()), ("autoplay".into(), "1".into())]);
    /// ```
    pub fn settings(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        let mut put = |k: &str, v: String| pairs.push((k.to_string(), v));
        if let Some(from) = self.from {
            put("from", from.to_string());
        }
        if let Some(to) = self.to {
            put("to", to.to_string());
        }
        if self.controls != Controls::Full {
            put("controls", self.controls.word().to_string());
        }
        if self.autoplay {
            put("autoplay", "1".into());
        }
        if let Some(speed) = self.speed {
            put("speed", SPEED_WORDS[speed].to_string());
        }
        if self.looping {
            put("loop", "1".into());
        }
        if self.quiz_off {
            put("quiz", "0".into());
        }
        pairs
    }
}

/// A 1-based step number for `key`, or `None` and a message ending in `otherwise`.
fn step_number(errors: &mut Vec<String>, key: &str, v: &str, otherwise: &str) -> Option<usize> {
    match v.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Some(n),
        _ => {
            errors.push(format!(
                "{key}: must be a whole number from 1 (got {}); {otherwise}",
                short(v)
            ));
            None
        }
    }
}

/// `1`/`true` or `0`/`false`/empty; anything else is reported and read as off.
fn flag(errors: &mut Vec<String>, key: &str, v: &str) -> bool {
    match v.trim() {
        "1" | "true" => true,
        "0" | "false" | "" => false,
        _ => {
            errors.push(format!("{key}: must be 1 or 0 (got {})", short(v)));
            false
        }
    }
}

fn short(s: &str) -> String {
    sdp_kit::query::shorten(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip() {
        for r in [
            Route::Home,
            Route::Labs,
            Route::Designs,
            Route::Lab {
                id: "geohash".into(),
                query: "a=1".into(),
            },
            Route::Design {
                id: "url-shortener".into(),
                query: String::new(),
            },
        ] {
            assert_eq!(Route::parse(&r.to_hash()), r);
        }
        assert_eq!(
            Route::parse("#/nope/x/y"),
            Route::NotFound("/nope/x/y".into())
        );
    }

    #[test]
    fn embed_settings_are_read_checked_and_written_back() {
        let q = PlayerQuery::read(&sdp_kit::query::parse(
            "from=2&to=6&controls=none&autoplay=true&speed=0.5x&loop=1&quiz=0",
        ));
        assert!(q.errors.is_empty(), "{:?}", q.errors);
        assert_eq!(
            (q.from, q.to, q.controls),
            (Some(2), Some(6), Controls::None)
        );
        assert_eq!((q.autoplay, q.speed, q.looping), (true, Some(1), true));
        assert!(q.quiz_off);
        let again = PlayerQuery::read(&q.settings());
        assert_eq!(again, q);
        let bad = PlayerQuery::read(&sdp_kit::query::parse(
            "from=9&to=3&controls=tiny&speed=3&loop=maybe&autoplay=2",
        ));
        assert_eq!((bad.from, bad.to, bad.speed), (None, None, None));
        assert_eq!(
            (bad.controls, bad.looping, bad.autoplay),
            (Controls::Full, false, false)
        );
        assert_eq!(bad.errors.len(), 5, "{:?}", bad.errors);
        assert!(
            bad.errors
                .iter()
                .any(|e| e.starts_with("from: 9 is after to=3"))
        );
        assert!(bad.settings().is_empty());
    }

    #[test]
    fn player_query_reports_junk() {
        let pairs = sdp_kit::query::parse("step=0&embed=yes");
        let q = PlayerQuery::read(&pairs);
        assert_eq!((q.step, q.embed, q.errors.len()), (None, false, 2));
        let q = PlayerQuery::read(&sdp_kit::query::parse("step=17&embed=1"));
        assert_eq!((q.step, q.embed), (Some(17), true));
    }
}
