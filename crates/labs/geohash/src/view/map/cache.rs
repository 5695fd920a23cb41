//! What the maps keep between frames (shared by every [`super::GeoMap`] on the page, or a
//! benchmark's own): the dense-points scratch image, the world's land drawn at a few scales, and the base
//! points sorted by latitude.

use super::base::BasePoints;
use crate::codec::LatLng;
use crate::layout::dots::sorted_by_lat;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// What a coast tile depends on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TileKey {
    /// CSS pixels per degree.
    pub k: f64,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    /// Land colour.
    pub land: &'static str,
    /// Identity of the coastline drawn.
    pub coast: usize,
}

/// A map's caches.
#[derive(Default)]
pub struct MapCache {
    /// The dense-points image's bytes, reused from frame to frame.
    pub scratch: RefCell<Vec<u8>>,
    /// The canvas the dense points are put on before they are drawn over the map.
    pub scratch_canvas: RefCell<Option<(HtmlCanvasElement, CanvasRenderingContext2d)>>,
    /// The whole world's land drawn at a few scales (most recent first), reused while a map
    /// pans at one zoom: filling the land is the costliest part of a world-scale frame.
    pub coast_tiles: RefCell<Vec<(TileKey, HtmlCanvasElement)>>,
    /// The latest base points (kept alive, so their address cannot be reused) and their
    /// latitude-sorted copy.
    pub sorted: RefCell<Option<(BasePoints, Rc<Vec<LatLng>>)>>,
}

thread_local! {
    /// The caches every map on the page shares: the three maps of a mode draw the same points
    /// and land at the same zoom, so each is sorted and filled once.
    static SHARED: Rc<MapCache> = Rc::new(MapCache::default());
}

impl MapCache {
    /// The caches shared by every map on the page (a map uses them only while it draws).
    pub fn shared() -> Rc<MapCache> {
        SHARED.with(Rc::clone)
    }

    /// Forgets the cached coast tiles (benchmarks: the first frame at a new zoom).
    pub fn clear_coast_tiles(&self) {
        self.coast_tiles.borrow_mut().clear();
    }

    /// The base points sorted by latitude, cached for the latest set (one sort per trace).
    pub fn sorted_by_lat(&self, base: &BasePoints) -> Rc<Vec<LatLng>> {
        if let Some((_, v)) = self.sorted.borrow().as_ref().filter(|(b, _)| b == base) {
            return v.clone();
        }
        let v = Rc::new(sorted_by_lat(base.source.points()));
        *self.sorted.borrow_mut() = Some((base.clone(), v.clone()));
        v
    }

    /// The scratch canvas at `w` × `h` device pixels.
    pub fn scratch_canvas(
        &self,
        w: u32,
        h: u32,
    ) -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
        let mut s = self.scratch_canvas.borrow_mut();
        if s.is_none() {
            *s = sdp_kit_web::canvas::offscreen(w, h);
        }
        let (canvas, ctx) = s.as_ref()?;
        if canvas.width() != w || canvas.height() != h {
            canvas.set_width(w);
            canvas.set_height(h);
        }
        Some((canvas.clone(), ctx.clone()))
    }
}
