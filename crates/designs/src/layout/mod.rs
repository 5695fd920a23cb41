//! What the walkthrough view draws, computed natively and tested by `cargo test`: the component
//! diagram's geometry ([`diagram`], [`shapes`]) and the live calculator's state ([`calc`]).
//! Nothing here touches the browser.

pub mod calc;
pub mod diagram;
pub mod shapes;
