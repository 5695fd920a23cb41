//! [`ById`]: shared data that component properties compare by identity.

use std::ops::Deref;
use std::rc::Rc;

/// An `Rc` that compares equal only to clones of itself. Traces and the data views precompute from
/// them are immutable and large, so the same pointer means the same content, and comparing the
/// content on every render would cost more than drawing. Properties holding one can derive
/// `PartialEq`.
///
/// ```
/// use sdp_kit_web::by_id::ById;
/// let a = ById::new(vec![1, 2, 3]);
/// assert!(a == a.clone());
/// assert!(a != ById::new(vec![1, 2, 3]));
/// assert_eq!(a.len(), 3);
/// ```
pub struct ById<T>(pub Rc<T>);

impl<T> ById<T> {
    /// Wraps a new value.
    pub fn new(value: T) -> Self {
        ById(Rc::new(value))
    }

    /// The address of the shared value: a cheap key for memos that must recompute when the data
    /// is replaced.
    pub fn id(&self) -> usize {
        Rc::as_ptr(&self.0) as usize
    }
}

impl<T> Clone for ById<T> {
    fn clone(&self) -> Self {
        ById(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for ById<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for ById<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<Rc<T>> for ById<T> {
    fn from(rc: Rc<T>) -> Self {
        ById(rc)
    }
}

/// Lets `trace={rc.clone()}` fill a `ById` property.
impl<T> yew::html::IntoPropValue<ById<T>> for Rc<T> {
    fn into_prop_value(self) -> ById<T> {
        ById(self)
    }
}
