//! Cluster centres for the "clustered cities" distribution: real cities (rounded coordinates),
//! with a cluster of Nordic cities near 60° N where the document's km→degree conversion fails.
//! `cos_lat` is precomputed so the generated points do not depend on the platform's `cos`.
#![allow(
    clippy::unreadable_literal,
    reason = "cos φ to six places, as a table of reference values"
)]

/// A city used as a cluster centre.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct City {
    /// Name.
    pub name: &'static str,
    /// Longitude (degrees east).
    pub lng: f64,
    /// Latitude (degrees north).
    pub lat: f64,
    /// cos(latitude), precomputed.
    pub cos_lat: f64,
}

/// The cluster centres, in a fixed order.
pub const CITIES: &[City] = &[
    City {
        name: "Oslo",
        lng: 10.75,
        lat: 59.91,
        cos_lat: 0.501360,
    },
    City {
        name: "Stockholm",
        lng: 18.07,
        lat: 59.33,
        cos_lat: 0.510093,
    },
    City {
        name: "Helsinki",
        lng: 24.94,
        lat: 60.17,
        cos_lat: 0.497428,
    },
    City {
        name: "Saint Petersburg",
        lng: 30.31,
        lat: 59.94,
        cos_lat: 0.500907,
    },
    City {
        name: "Tallinn",
        lng: 24.75,
        lat: 59.44,
        cos_lat: 0.508440,
    },
    City {
        name: "Copenhagen",
        lng: 12.57,
        lat: 55.68,
        cos_lat: 0.563814,
    },
    City {
        name: "Reykjavík",
        lng: -21.94,
        lat: 64.15,
        cos_lat: 0.436017,
    },
    City {
        name: "Anchorage",
        lng: -149.90,
        lat: 61.22,
        cos_lat: 0.481448,
    },
    City {
        name: "Moscow",
        lng: 37.62,
        lat: 55.76,
        cos_lat: 0.562661,
    },
    City {
        name: "London",
        lng: -0.13,
        lat: 51.51,
        cos_lat: 0.622378,
    },
    City {
        name: "Paris",
        lng: 2.35,
        lat: 48.86,
        cos_lat: 0.657901,
    },
    City {
        name: "Berlin",
        lng: 13.40,
        lat: 52.52,
        cos_lat: 0.608484,
    },
    City {
        name: "Madrid",
        lng: -3.70,
        lat: 40.42,
        cos_lat: 0.761312,
    },
    City {
        name: "Rome",
        lng: 12.50,
        lat: 41.90,
        cos_lat: 0.744312,
    },
    City {
        name: "Cairo",
        lng: 31.24,
        lat: 30.04,
        cos_lat: 0.865676,
    },
    City {
        name: "Lagos",
        lng: 3.38,
        lat: 6.52,
        cos_lat: 0.993532,
    },
    City {
        name: "Nairobi",
        lng: 36.82,
        lat: -1.29,
        cos_lat: 0.999747,
    },
    City {
        name: "Johannesburg",
        lng: 28.05,
        lat: -26.20,
        cos_lat: 0.897258,
    },
    City {
        name: "Mumbai",
        lng: 72.88,
        lat: 19.08,
        cos_lat: 0.945063,
    },
    City {
        name: "Delhi",
        lng: 77.21,
        lat: 28.61,
        cos_lat: 0.877899,
    },
    City {
        name: "Beijing",
        lng: 116.40,
        lat: 39.90,
        cos_lat: 0.767165,
    },
    City {
        name: "Shanghai",
        lng: 121.47,
        lat: 31.23,
        cos_lat: 0.855093,
    },
    City {
        name: "Tokyo",
        lng: 139.69,
        lat: 35.69,
        cos_lat: 0.812185,
    },
    City {
        name: "Singapore",
        lng: 103.82,
        lat: 1.35,
        cos_lat: 0.999722,
    },
    City {
        name: "Sydney",
        lng: 151.21,
        lat: -33.87,
        cos_lat: 0.830304,
    },
    City {
        name: "Auckland",
        lng: 174.76,
        lat: -36.85,
        cos_lat: 0.800208,
    },
    City {
        name: "New York",
        lng: -74.01,
        lat: 40.71,
        cos_lat: 0.758021,
    },
    City {
        name: "San Francisco",
        lng: -122.42,
        lat: 37.77,
        cos_lat: 0.790476,
    },
    City {
        name: "Chicago",
        lng: -87.63,
        lat: 41.88,
        cos_lat: 0.744545,
    },
    City {
        name: "Vancouver",
        lng: -123.12,
        lat: 49.28,
        cos_lat: 0.652363,
    },
    City {
        name: "Mexico City",
        lng: -99.13,
        lat: 19.43,
        cos_lat: 0.943049,
    },
    City {
        name: "São Paulo",
        lng: -46.63,
        lat: -23.55,
        cos_lat: 0.916712,
    },
    City {
        name: "Buenos Aires",
        lng: -58.38,
        lat: -34.60,
        cos_lat: 0.823136,
    },
    City {
        name: "Lima",
        lng: -77.04,
        lat: -12.05,
        cos_lat: 0.977966,
    },
];
