//! The kit's web half: what every lab's view and every bundle shares.
//!
//! - [`lab_page`]: the one generic page, hosting any [`lab_view::LabView`] with the [`player`];
//!   it provides [`lab_view::LabCtx`] and [`lab_view::StepCtx`] to the components below.
//! - [`shell`]: the site frame, the route hook and [`shell::LabApp`], a lab bundle's whole app.
//! - [`bundle`]: how a bundle registers its app and meets the loader.
//! - [`fields_form`]: a lab's parameter form generated from its URL fields.
//! - [`widgets`], [`canvas`], [`palette`], [`dom`], [`by_id`]: pieces the views build with.
//! - [`fetch`]: downloads of the site's own data files.
//! - [`route`]: hash routes and the player's URL keys (`step`, `embed`).

pub mod bundle;
pub mod by_id;
pub mod canvas;
pub mod dom;
pub mod embed;
pub mod fetch;
pub mod fields_form;
pub mod files;
pub mod lab_page;
pub mod lab_view;
pub mod palette;
pub mod player;
pub mod quiz;
pub mod route;
pub mod shell;
#[cfg(feature = "testing")]
pub mod testing;
pub mod widgets;

pub use by_id::ById;
pub use lab_view::{Change, LabCtx, LabView, StepCtx, ViewModes, use_lab, use_step};
