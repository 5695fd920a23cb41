//! The data model of a design file (`designs/<id>.toml`) and of `framework.toml`.
//! FORMAT.md documents every field for authors; the doc comments here say the same for code.

use serde::{Deserialize, Serialize};

/// The source documents: (tag, title, number of lines). Designs are ordered by document (in
/// this order), then by first source line.
pub const DOCUMENTS: [(&str, &str, u32); 2] = [
    ("F0", "System Design Interview Guide", 3203),
    ("F4", "Complete System Design Interview Solutions", 4999),
];

/// The title of document `tag` ("F4" → "Complete System Design Interview Solutions").
pub fn document_title(tag: &str) -> Option<&'static str> {
    DOCUMENTS
        .iter()
        .find(|(t, _, _)| *t == tag)
        .map(|(_, title, _)| *title)
}

/// The number of lines of document `tag`.
pub fn document_lines(tag: &str) -> Option<u32> {
    DOCUMENTS
        .iter()
        .find(|(t, _, _)| *t == tag)
        .map(|(_, _, n)| *n)
}

/// Position of document `tag` in [`DOCUMENTS`] (unknown tags last).
pub fn document_rank(tag: &str) -> usize {
    DOCUMENTS
        .iter()
        .position(|(t, _, _)| *t == tag)
        .unwrap_or(DOCUMENTS.len())
}

/// Diagram grid: columns `0..GRID_COLS` (left → right, roughly the direction of a request).
pub const GRID_COLS: u8 = 8;
/// Diagram grid: rows `0..GRID_ROWS` (top → bottom).
pub const GRID_ROWS: u8 = 6;

/// One design walkthrough.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// Route id: the title in lower-case kebab form (`url-shortener`); also the file name.
    pub id: String,
    /// Title without the parenthesised example ("URL Shortener").
    pub title: String,
    /// The example product(s) in the document's heading ("`TinyURL`"); may be empty.
    #[serde(default)]
    pub subtitle: String,
    /// Index group.
    pub theme: Theme,
    /// One sentence for the index.
    pub summary: String,
    /// Where the design is in the source document.
    pub source: Source,
    /// Step 1: requirements as the document states them.
    pub requirements: Requirements,
    /// Step 2: editable estimation inputs.
    #[serde(rename = "input", default)]
    pub inputs: Vec<Input>,
    /// Step 2: derived figures.
    #[serde(rename = "figure", default)]
    pub figures: Vec<Figure>,
    /// Step 3: diagram boxes.
    #[serde(rename = "component")]
    pub components: Vec<Component>,
    /// Step 3: diagram lines (every flow hop must be one of them).
    #[serde(rename = "edge")]
    pub edges: Vec<Edge>,
    /// Step 3: request flows, each a stepable trace.
    #[serde(rename = "flow")]
    pub flows: Vec<Flow>,
    /// Step 3: tables or keys of the data model, where the document gives one.
    #[serde(rename = "data_model", default)]
    pub data_model: Vec<DataModel>,
    /// Step 4: deep-dive points.
    #[serde(rename = "deep_dive")]
    pub deep_dive: Vec<DeepDive>,
    /// Step 4: trade-off table.
    #[serde(rename = "tradeoff")]
    pub tradeoffs: Vec<TradeOff>,
    /// Catalogue mechanism ids this design uses (Part A.1 "Mechanisms used").
    pub mechanisms: Vec<String>,
    /// Links into labs for the mechanisms that have one.
    #[serde(rename = "lab", default)]
    pub labs: Vec<LabLink>,
    /// Places outside the estimation where the document is wrong or misleading.
    #[serde(rename = "note", default)]
    pub notes: Vec<Note>,
    /// The other document's version of the same system, with the differences (written in the
    /// F4 file only; the F0 design's page finds it by reverse lookup).
    #[serde(default)]
    pub counterpart: Option<Counterpart>,
}

/// The other document's version of a design, and where the two differ (catalogue A.4, C.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counterpart {
    /// Id of the other document's design (`rate-limiter`).
    pub design: String,
    /// Where the two differ, one row per topic.
    #[serde(rename = "difference")]
    pub differences: Vec<Difference>,
}

/// One row of a counterpart's differences: what this file says and what the other says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Difference {
    /// The topic ("Group size limit").
    pub topic: String,
    /// What this design's document says ("256", with its line).
    pub here: String,
    /// What the other design's document says.
    pub there: String,
    /// Catalogue reference ("C-10"); may be empty.
    #[serde(default)]
    pub catalogue: String,
}

/// Index groups, in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    /// Key-value, cache and blob storage.
    Storage,
    /// Chat, feeds and notifications.
    Messaging,
    /// Location-based services.
    Geo,
    /// Crawling, search, rate limiting and video delivery.
    WebTrafficMedia,
    /// Money and calendars: strongly consistent business data.
    Transactions,
    /// Locks, ids, workflow and cluster scheduling.
    Coordination,
    /// Streams, lakes and data quality.
    StreamingAndDataPlatform,
    /// Concept topics (caching, sharding, consistency): not a system, a technique.
    Concepts,
}

impl Theme {
    /// Every theme, in display order.
    pub const ALL: [Theme; 8] = [
        Theme::Storage,
        Theme::Messaging,
        Theme::Geo,
        Theme::WebTrafficMedia,
        Theme::Transactions,
        Theme::Coordination,
        Theme::StreamingAndDataPlatform,
        Theme::Concepts,
    ];

    /// Heading on the index.
    pub fn label(self) -> &'static str {
        match self {
            Theme::Storage => "Storage",
            Theme::Messaging => "Messaging",
            Theme::Geo => "Geo",
            Theme::WebTrafficMedia => "Web, traffic & media",
            Theme::Transactions => "Transactions & scheduling",
            Theme::Coordination => "Coordination",
            Theme::StreamingAndDataPlatform => "Streaming & data platform",
            Theme::Concepts => "Concepts",
        }
    }
}

/// Where a design comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Document tag, one of [`DOCUMENTS`] ("F0", "F4").
    pub document: String,
    /// Catalogue design id ("F0-Q1", "F0-DP11", "F4-05").
    pub catalogue: String,
    /// The section heading as written.
    pub heading: String,
    /// First and last line of the section in the document.
    pub lines: [u32; 2],
}

/// Step 1.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    /// Functional requirements, one per item, in the document's words.
    pub functional: Vec<String>,
    /// Non-functional requirements.
    pub non_functional: Vec<String>,
    /// The "Scale:" line's items, where the document has one.
    #[serde(default)]
    pub scale: Vec<String>,
    /// Line reference ("l.207–209").
    pub source: String,
}

/// An editable estimation input.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    /// Name used in formulas: `[a-z][a-z0-9_]*`.
    pub id: String,
    /// Label next to the field.
    pub label: String,
    /// The document's value, in `unit`.
    pub value: f64,
    /// Unit of `value`, `min` and `max` (see [`crate::units`]); may carry a scale (`MB`, `M`).
    pub unit: String,
    /// Smallest allowed value (≥ 0; > 0 forbids zero).
    pub min: f64,
    /// Largest allowed value ("absurdly large" beyond it).
    pub max: f64,
    /// Only whole numbers are allowed.
    #[serde(default)]
    pub integer: bool,
    /// Line reference where the document states it.
    #[serde(default)]
    pub source: String,
    /// The document's words for it ("100M URLs created/day").
    #[serde(default)]
    pub stated: String,
    /// Extra explanation; required when the value is not in the document (a completion).
    #[serde(default)]
    pub note: String,
}

/// A derived estimation figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Name used in other formulas: `[a-z][a-z0-9_]*`.
    pub id: String,
    /// Label shown with the value.
    pub label: String,
    /// Formula over inputs, other figures and constants ([`crate::expr`]).
    pub formula: String,
    /// Display unit; its scale is the one `stated.value` and `stated.correct_value` are in.
    pub unit: String,
    /// Line reference.
    #[serde(default)]
    pub source: String,
    /// What the document states; absent for a completion ("not in source").
    #[serde(default)]
    pub stated: Option<Stated>,
    /// Why this figure is here; required for a completion.
    #[serde(default)]
    pub note: String,
    /// Relative tolerance for "matches within rounding" (default [`crate::check::TOLERANCE`]).
    #[serde(default)]
    pub tolerance: Option<f64>,
}

/// A figure as the document states it, and whether it is right.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stated {
    /// The document's words ("≈ 1200/s", "1 EB total storage").
    pub text: String,
    /// The document's number, in the figure's unit.
    pub value: f64,
    /// `ok` (within rounding of the computed value) or `wrong`.
    pub status: Status,
    /// The arithmetic in one or two sentences (why it is right, or what went wrong).
    pub explanation: String,
    /// For `wrong`: the correct value as text ("174 GB/s").
    #[serde(default)]
    pub correct_text: String,
    /// For `wrong`: the correct number in the figure's unit; must match the computed value.
    #[serde(default)]
    pub correct_value: Option<f64>,
    /// Catalogue reference for a wrong figure ("A.5 E1, D.2 #7").
    #[serde(default)]
    pub catalogue: String,
}

/// Whether a stated figure is right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Matches the computed value within rounding.
    Ok,
    /// The document's number is wrong; see the correction.
    Wrong,
}

/// A diagram box.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// Id used by edges and flows: `[a-z][a-z0-9-]*`.
    pub id: String,
    /// Text in the box.
    pub label: String,
    /// Shape and colour.
    pub kind: Kind,
    /// Grid cell `[column, row]`, column `0..GRID_COLS`, row `0..GRID_ROWS`.
    pub pos: [u8; 2],
    /// Technology or role, in small print ("Redis", "Cassandra"); may be empty.
    #[serde(default)]
    pub tech: String,
}

/// What a component is (the view picks a shape per kind).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A user, app or calling system.
    Client,
    /// API gateway or edge router.
    Gateway,
    /// Load balancer.
    LoadBalancer,
    /// Content delivery network.
    Cdn,
    /// A stateless service.
    Service,
    /// A pool of workers consuming jobs.
    Worker,
    /// An in-memory cache.
    Cache,
    /// A queue or log (Kafka, SQS).
    Queue,
    /// A database.
    Store,
    /// Object / blob storage.
    ObjectStore,
    /// A search or spatial index.
    Index,
    /// A coordination service (`ZooKeeper`, Raft group, scheduler master).
    Coordinator,
    /// A third-party system (APNs, card network).
    External,
}

/// A diagram line between two components (drawn without direction; flows add arrows).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edge {
    /// One end.
    pub from: String,
    /// The other end.
    pub to: String,
    /// Optional label ("async").
    #[serde(default)]
    pub label: String,
}

/// A request path, played step by step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// Id used in the URL (`?flow=<id>`): `[a-z][a-z0-9-]*`.
    pub id: String,
    /// Title on the flow picker ("Redirect, cache hit").
    pub title: String,
    /// One sentence saying what the flow shows.
    pub summary: String,
    /// Line reference of the document's flow or diagram.
    #[serde(default)]
    pub source: String,
    /// The messages, in order.
    #[serde(rename = "step")]
    pub steps: Vec<FlowStep>,
}

/// One message between two components.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowStep {
    /// Sender component id.
    pub from: String,
    /// Receiver component id.
    pub to: String,
    /// Short message label drawn on the arrow ("GET /abc123").
    pub message: String,
    /// One sentence of narration.
    pub narration: String,
}

/// A table or key layout.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataModel {
    /// Table or key name.
    pub name: String,
    /// Columns or value, as the document writes them.
    pub fields: String,
    /// Where it lives and why, if the document says.
    #[serde(default)]
    pub store: String,
}

/// A deep-dive point.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeepDive {
    /// Bold lead ("Caching").
    pub title: String,
    /// The point, in the document's words.
    pub text: String,
    /// Catalogue mechanisms it is about (may be empty).
    #[serde(default)]
    pub mechanisms: Vec<String>,
}

/// A row of the trade-off table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TradeOff {
    /// The decision ("301 vs 302 redirect").
    pub decision: String,
    /// The options compared, in the document's order (at least two).
    pub options: Vec<String>,
    /// The document's explanation.
    pub text: String,
}

/// A link into a lab.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabLink {
    /// Lab route id (one of [`crate::catalogue::LABS`]).
    pub lab: String,
    /// Link text ("Shard 10 cache nodes on a ring").
    pub label: String,
    /// Query string for the lab, without `?` (`servers=10&vnodes=150`).
    pub query: String,
    /// Which of the design's mechanisms it shows.
    pub covers: Vec<String>,
    /// Why this scenario fits the design.
    #[serde(default)]
    pub why: String,
}

/// A place outside the estimation where the document is wrong or misleading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Short title ("Ranking score").
    pub title: String,
    /// What the document says, with its line.
    pub document_says: String,
    /// What is correct.
    pub correct: String,
    /// Why.
    pub why: String,
    /// Catalogue reference ("D.1 #2").
    #[serde(default)]
    pub catalogue: String,
}

/// The document's framework section (F0 S1): the four-step frame every walkthrough follows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Section title.
    pub title: String,
    /// Where it is.
    pub source: Source,
    /// The four steps.
    #[serde(rename = "step")]
    pub steps: Vec<FrameworkStep>,
    /// Step 1 checklist.
    pub checklist: Requirements,
    /// Step 2 templates, as a live calculator with generic inputs.
    #[serde(rename = "input")]
    pub inputs: Vec<Input>,
    /// Step 2 template formulas.
    #[serde(rename = "figure")]
    pub figures: Vec<Figure>,
    /// Step 3 building blocks.
    #[serde(rename = "building_block")]
    pub building_blocks: Vec<BuildingBlock>,
    /// Common trade-offs table.
    #[serde(rename = "tradeoff")]
    pub tradeoffs: Vec<FrameworkTradeOff>,
}

/// One of the four steps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkStep {
    /// "Requirements & Scope".
    pub name: String,
    /// Time in a 45-minute interview ("5 min").
    pub minutes_45: String,
    /// Time in a 60-minute interview ("5-7 min").
    pub minutes_60: String,
    /// What to cover.
    pub focus: String,
}

/// A row of the building-blocks table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildingBlock {
    /// Component.
    pub component: String,
    /// When to use it.
    pub when: String,
    /// Matching diagram kind.
    pub kind: Kind,
}

/// A row of the common trade-offs table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkTradeOff {
    /// Decision.
    pub decision: String,
    /// Option A.
    pub option_a: String,
    /// Option B.
    pub option_b: String,
    /// Choose A when.
    pub choose_a: String,
    /// Choose B when.
    pub choose_b: String,
}

/// Inputs and figures: the part of a design (or the framework) the estimator needs.
pub trait Estimation {
    /// Editable inputs.
    fn inputs(&self) -> &[Input];
    /// Derived figures.
    fn figures(&self) -> &[Figure];
}

impl Estimation for Design {
    fn inputs(&self) -> &[Input] {
        &self.inputs
    }
    fn figures(&self) -> &[Figure] {
        &self.figures
    }
}

impl Estimation for Framework {
    fn inputs(&self) -> &[Input] {
        &self.inputs
    }
    fn figures(&self) -> &[Figure] {
        &self.figures
    }
}

impl Design {
    /// The catalogue's order: by document ([`DOCUMENTS`]), then first source line, then id.
    pub fn order_key(&self) -> (usize, u32, String) {
        (
            document_rank(&self.source.document),
            self.source.lines[0],
            self.id.clone(),
        )
    }

    /// The component with this id.
    pub fn component(&self, id: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id)
    }

    /// The flow with this id.
    pub fn flow(&self, id: &str) -> Option<&Flow> {
        self.flows.iter().find(|f| f.id == id)
    }

    /// The input with this id.
    pub fn input(&self, id: &str) -> Option<&Input> {
        self.inputs.iter().find(|i| i.id == id)
    }
}

/// Lower-case kebab form of a title: letters and digits kept (lower-cased), every other run of
/// characters becomes one `-`, no leading or trailing `-`.
///
/// ```
/// assert_eq!(sdp_designs::model::kebab("URL Shortener"), "url-shortener");
/// assert_eq!(sdp_designs::model::kebab("Data Lake / Lakehouse Platform"), "data-lake-lakehouse-platform");
/// ```
pub fn kebab(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}
