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

/// Player state carried in the URL next to a scenario: `step` (1-based, as the counter shows it)
/// and `embed`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlayerQuery {
    /// The 1-based step, if given and valid.
    pub step: Option<usize>,
    /// `embed=1`.
    pub embed: bool,
    /// Problems with these two keys.
    pub errors: Vec<String>,
}

impl PlayerQuery {
    /// Reads `step` and `embed` from decoded query pairs.
    pub fn read(pairs: &[(String, String)]) -> PlayerQuery {
        let mut q = PlayerQuery::default();
        for (k, v) in pairs {
            match k.as_str() {
                "step" => match v.trim().parse::<usize>() {
                    Ok(n) if n >= 1 => q.step = Some(n),
                    _ => q.errors.push(format!(
                        "step: must be a whole number from 1 (got {}); showing step 1",
                        short(v)
                    )),
                },
                "embed" => match v.as_str() {
                    "1" | "true" => q.embed = true,
                    "0" | "false" | "" => q.embed = false,
                    _ => q
                        .errors
                        .push(format!("embed: must be 1 or 0 (got {})", short(v))),
                },
                _ => {}
            }
        }
        q
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
    fn player_query_reports_junk() {
        let pairs = sdp_kit::query::parse("step=0&embed=yes");
        let q = PlayerQuery::read(&pairs);
        assert_eq!((q.step, q.embed, q.errors.len()), (None, false, 2));
        let q = PlayerQuery::read(&sdp_kit::query::parse("step=17&embed=1"));
        assert_eq!((q.step, q.embed), (Some(17), true));
    }
}
