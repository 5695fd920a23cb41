//! The shared contract test on this lab alone (the registry runs it for every lab too), and
//! the URLs the lab wrote before the port: the same scenarios give the same text.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::disallowed_methods,
    reason = "the contract test reports how long it takes"
)]

use sdp_kit::conformance::{Effort, check};
use sdp_lab_geohash::GeohashLab;

#[test]
fn the_geohash_lab_keeps_the_lab_contract() {
    let t = std::time::Instant::now();
    check::<GeohashLab>(Effort::default());
    eprintln!("conformance: {:.1} s", t.elapsed().as_secs_f64());
}

mod urls {
    use sdp_kit::lab::{Contract, Scenario};
    use sdp_kit::query::{encode, parse};
    use sdp_lab_geohash::codec::LatLng;
    use sdp_lab_geohash::places::Distribution;
    use sdp_lab_geohash::{Action, GeohashLab, Mode, Params, example_scenario};

    /// The URL writer before the port (the old geo crate's `src/lab/url.rs` at 06d9ed9), kept as the
    /// oracle: a mode's own keys always, the others when they differ from the mode's defaults.
    fn old_to_query(s: &Scenario<Params, Action>) -> Vec<(String, String)> {
        fn own_keys(mode: Mode) -> &'static [&'static str] {
            match mode {
                Mode::Encode => &["lat", "lng", "precision"],
                Mode::Neighbours => &["hash", "precision"],
                Mode::Sizes => &["lat"],
                Mode::Search | Mode::Shards => &["lat", "lng", "radius", "top", "places", "dist"],
                Mode::Haversine => &["lat", "lng", "lat2", "lng2", "fence"],
                Mode::Cache => &[
                    "radius",
                    "precision",
                    "places",
                    "dist",
                    "queries",
                    "locality",
                    "interval",
                    "ttl",
                ],
            }
        }
        fn fields(p: &Params) -> Vec<(&'static str, String)> {
            vec![
                ("lat", p.lat.to_string()),
                ("lng", p.lng.to_string()),
                ("precision", p.precision.to_string()),
                ("hash", p.hash.clone()),
                ("lat2", p.to_lat.to_string()),
                ("lng2", p.to_lng.to_string()),
                ("radius", p.radius_km.to_string()),
                ("top", p.top.to_string()),
                ("places", p.places.to_string()),
                ("dist", p.distribution.as_str().to_string()),
                ("queries", p.queries.to_string()),
                ("locality", p.locality.to_string()),
                ("interval", p.interval_s.to_string()),
                ("ttl", p.ttl_s.to_string()),
                ("fence", p.fence_m.to_string()),
            ]
        }
        fn action_text(a: &Action) -> String {
            match a {
                Action::Point(p) => format!("pt:{},{}", p.lat, p.lng),
                Action::Cell(h) => format!("cell:{h}"),
                Action::Query { at, radius_km } => format!("q:{},{},{radius_km}", at.lat, at.lng),
                Action::Distance { from, to } => {
                    format!("d:{},{},{},{}", from.lat, from.lng, to.lat, to.lng)
                }
            }
        }
        let p = &s.params;
        let own = own_keys(p.mode);
        let defaults = fields(&Params::for_mode(p.mode));
        let mut q = vec![("mode".to_string(), p.mode.as_str().to_string())];
        for ((key, value), (_, default)) in fields(p).into_iter().zip(defaults) {
            if own.contains(&key) || value != default {
                q.push((key.to_string(), value));
            }
        }
        q.push(("seed".to_string(), s.seed.to_string()));
        q.extend(s.actions.iter().map(|a| ("a".to_string(), action_text(a))));
        q
    }

    /// Every mode's examples and defaults, and variations of each: fields the mode owns and
    /// fields it does not, changed.
    fn scenarios() -> Vec<Scenario<Params, Action>> {
        let mut out = Vec::new();
        for mode in Mode::ALL {
            let example = example_scenario(mode);
            out.push(example.clone());
            out.push(GeohashLab::mode_scenario(mode.index()));
            let variations: [fn(&mut Params); 9] = [
                |p| p.lat = -33.8688,
                |p| p.lng = 151.2093,
                |p| p.precision = 9,
                |p| p.hash = "9Q8yyk".into(),
                |p| (p.to_lat, p.to_lng) = (-0.0, 179.999_999),
                |p| p.radius_km = 0.25,
                |p| (p.top, p.places) = (3, 1),
                |p| p.distribution = Distribution::Uniform,
                |p| (p.queries, p.locality, p.interval_s, p.ttl_s, p.fence_m) = (7, 0, 1, 60, 1),
            ];
            for change in variations {
                let mut s = example.clone();
                change(&mut s.params);
                s.seed = 7;
                out.push(s);
            }
            let mut s = example.clone();
            s.actions = vec![match mode {
                Mode::Search | Mode::Shards => Action::Query {
                    at: LatLng::new(-18.1248, 178.4501),
                    radius_km: 60.0,
                },
                Mode::Haversine => Action::Distance {
                    from: LatLng::new(0.0, 0.0),
                    to: LatLng::new(1.0, 0.0),
                },
                Mode::Encode | Mode::Neighbours => Action::Cell("u0b".into()),
                _ => Action::Point(LatLng::new(64.1466, -21.9426)),
            }];
            out.push(s);
        }
        out
    }

    #[test]
    fn the_lab_writes_the_same_urls_as_before_the_port() {
        for s in scenarios() {
            let (new, old) = (encode(&GeohashLab::to_query(&s)), encode(&old_to_query(&s)));
            assert_eq!(new, old, "{:?}", s.params);
            let (back, errors) = GeohashLab::from_query(&parse(&new));
            assert!(errors.is_empty(), "?{new}: {errors:?}");
            assert_eq!(back, s, "?{new}");
        }
    }

    #[test]
    fn the_default_urls_are_the_documented_ones() {
        let q = |mode| encode(&GeohashLab::to_query(&example_scenario(mode)));
        assert_eq!(
            q(Mode::Encode),
            "mode=encode&lat=37.7749&lng=-122.4194&precision=6&seed=42&a=cell%3A9q8yyk"
        );
        assert_eq!(
            q(Mode::Haversine),
            "mode=haversine&lat=37.7749&lng=-122.4194&lat2=34.0522&lng2=-118.2437&fence=15000&seed=42\
             &a=d%3A37.7749%2C-122.4194%2C37.8044%2C-122.2712&a=d%3A48.8584%2C2.2945%2C48.8606%2C2.3376"
        );
        assert_eq!(
            q(Mode::Cache),
            "mode=cache&precision=6&radius=10&places=20000&dist=cities&queries=500&locality=70&interval=30&ttl=3600&seed=42"
        );
    }

    /// The geohash links of the designs (crates/designs/designs/*.toml), the docs and the tests.
    const LINKS: &[&str] = &[
        "mode=search&lat=37.7749&lng=-122.4194&radius=5&top=20&places=20000&dist=cities&seed=42",
        "mode=sizes&lat=0&seed=42",
        "mode=shards&lat=37.7749&lng=-122.4194&radius=80&top=20&places=20000&dist=cities&seed=42",
        "mode=encode&lat=37.7749&lng=-122.4194&precision=6&seed=42",
        "mode=neighbours&hash=9q8yyk&precision=6&seed=42",
        "mode=search&lat=37.7749&lng=-122.4194&radius=2&top=5&places=20000&dist=cities&seed=42",
        "mode=neighbours&hash=u0b&precision=3&seed=42",
        "mode=sizes&lat=60&seed=42",
        "mode=search&lat=51.5074&lng=-0.1278&radius=8&top=10&places=2000&dist=cities&seed=42",
        "mode=haversine&lat=37.7749&lng=-122.4194&lat2=34.0522&lng2=-118.2437&fence=15000&seed=42",
        "mode=shards&lat=34.0522&lng=-118.2437&radius=50&top=10&places=2000&dist=cities&seed=42",
        "mode=cache&radius=10&precision=6&places=2000&dist=cities&queries=30&locality=70&interval=30&ttl=3600&seed=42",
        "mode=encode&lat=10&lng=20&precision=5&seed=42",
    ];

    #[test]
    fn every_link_opens_cleanly_and_is_written_back_the_same() {
        for link in LINKS {
            let (s, errors) = GeohashLab::from_query(&parse(link));
            assert!(errors.is_empty(), "?{link}: {errors:?}");
            assert!(s.actions.is_empty(), "?{link}");
            // The link text is what the lab writes (cache links list radius before
            // precision; the lab writes precision first, both read the same).
            let mut written = GeohashLab::to_query(&s);
            let mut read = parse(link);
            written.sort();
            read.sort();
            assert_eq!(written, read, "?{link}");
        }
        // Short hand-written links read the keys they give into the mode's defaults.
        let (s, errors) = GeohashLab::from_query(&parse("radius=5"));
        assert!(errors.is_empty());
        assert_eq!(s.params.mode, Mode::Encode);
        assert_eq!(s.params.radius_km, 5.0);
        assert!(s.actions.is_empty());
        let (s, _) = GeohashLab::from_query(&parse("mode=haversine"));
        assert_eq!(s.params, Params::for_mode(Mode::Haversine));
        assert_eq!(
            s.params.fence_m, 0,
            "as before: no fence unless the link asks"
        );
    }

    /// What the old reader said (the old geo crate at 06d9ed9, run on these URLs), verbatim
    /// but for the kit's two wordings: an action's part is named in the message (`a[0]: lng:`,
    /// was `a[0].lng:`) because the contract wants action errors on `a[i]`, and an unknown
    /// `mode` is worded like every lab's (see the test below).
    const OLD_MESSAGES: &[(&str, &[&str])] = &[
        (
            "mode=encode&lat=100&lng=abc&precision=13",
            &[
                "lat: must be between -90 and 90 (got 100)",
                "lng: must be between -180 and 180 (got abc)",
                "precision: must be between 1 and 12 (got 13)",
            ],
        ),
        (
            "mode=neighbours&hash=u0a",
            &[
                "hash: 'a' at position 3 is not a geohash character (the geohash alphabet omits a, i, l and o); using the default",
            ],
        ),
        (
            "mode=neighbours&hash=9q8yyk8ytpxrz",
            &["hash: has 13 characters; a geohash has 1–12; using the default"],
        ),
        (
            "mode=search&dist=dense&top=0",
            &[
                "top: must be between 1 and 100 (got 0)",
                "dist: must be uniform or cities (got dense)",
            ],
        ),
        (
            "mode=cache&radius=60&places=20001",
            &[
                "radius: must be between 0.01 and 50 (got 60)",
                "places: must be between 1 and 20000 (got 20001)",
            ],
        ),
        (
            "mode=haversine&fence=1000001&lat2=91",
            &[
                "lat2: must be between -90 and 90 (got 91)",
                "fence: must be between 0 and 1000000 (got 1000001)",
            ],
        ),
        (
            "mode=cache&queries=0&locality=101&interval=0&ttl=86401",
            &[
                "queries: must be between 1 and 1000 (got 0)",
                "locality: must be between 0 and 100 (got 101)",
                "interval: must be between 1 and 3600 (got 0)",
                "ttl: must be between 1 and 86400 (got 86401)",
            ],
        ),
        (
            "mode=encode&a=pt:0,200&a=cell:u0a&a=q:1,2,3",
            &[
                "a[0]: lng: must be between -180 and 180 (got 200); dropped",
                "a[1]: 'a' at position 3 is not a geohash character (the geohash alphabet omits a, i, l and o); dropped",
                "a[2]: this action is not available in mode encode; dropped",
            ],
        ),
        (
            "mode=search&a=q:0,0,0&a=q:91,0,5&a=d:0,0,1,0",
            &[
                "a[0]: radius: must be between 0.01 and 10000 (got 0); dropped",
                "a[1]: lat: must be between -90 and 90 (got 91); dropped",
                "a[2]: this action is not available in mode search; dropped",
            ],
        ),
        (
            "mode=haversine&a=d:95,0,1,0&a=d:0,0,1,181&a=zap:1",
            &[
                "a[0]: lat1: must be between -90 and 90 (got 95); dropped",
                "a[1]: lng2: must be between -180 and 180 (got 181); dropped",
                "a[2]: “zap:1” is not an action (pt:LAT,LNG, cell:HASH, q:LAT,LNG,KM, d:LAT,LNG,LAT,LNG); dropped",
            ],
        ),
        (
            "mode=encode&seed=x&bogus=1&step=3",
            &[
                "seed: must be between 0 and 18446744073709551615 (got x)",
                "bogus: unknown parameter, ignored",
            ],
        ),
    ];

    #[test]
    fn the_reader_gives_the_old_messages() {
        for (query, want) in OLD_MESSAGES {
            let (_, errors) = GeohashLab::from_query(&parse(query));
            let got: Vec<String> = errors.iter().map(ToString::to_string).collect();
            assert_eq!(got, *want, "?{query}");
        }
    }

    /// The old reader said "mode: must be one of encode, …, cache (got …)"; the kit words every
    /// lab's `mode` alike. Kept as a known difference until the kit lets a lab word it.
    #[test]
    fn the_codec_words_its_messages_as_before_but_the_mode() {
        let text = |q: &str| {
            let (_, errors) = GeohashLab::from_query(&parse(q));
            errors.iter().map(ToString::to_string).collect::<Vec<_>>()
        };
        assert_eq!(
            text("mode=teleport"),
            [
                "mode: must be encode, neighbours, sizes, search, haversine, shards or cache (got teleport)"
            ]
        );
        assert_eq!(
            text("mode=search&dist=dense"),
            ["dist: must be uniform or cities (got dense)"]
        );
        assert_eq!(
            text("mode=cache&radius=60&places=20001"),
            [
                "radius: must be between 0.01 and 50 (got 60)",
                "places: must be between 1 and 20000 (got 20001)"
            ]
        );
        assert_eq!(
            text("mode=neighbours&hash=u0a"),
            [
                "hash: 'a' at position 3 is not a geohash character (the geohash alphabet omits a, i, l and o); using the default"
            ]
        );
        assert_eq!(
            text("mode=encode&a=pt:0,200"),
            ["a[0]: lng: must be between -180 and 180 (got 200); dropped"]
        );
    }
}
