//! The site's frame around every page (skip link, header, footer; nothing in embed mode), the
//! route hook every bundle's app uses, and [`LabApp`], the whole app of a lab's bundle.

use crate::dom;
use crate::lab_page::LabPage;
use crate::lab_view::LabView;
use crate::route::Route;
use gloo::events::EventListener;
use yew::prelude::*;

/// The route on screen and a counter of hash changes made from outside the page (links,
/// Back/Forward, edits to the address bar). Pages key on the counter, so an outside change
/// remounts them with the new URL state, while a page's own `replaceState` (which fires no
/// event) leaves them alone.
#[hook]
pub fn use_route() -> (Route, u32) {
    let nav = use_state(|| (Route::parse(&dom::location_hash()), 0u32));
    {
        let nav = nav.clone();
        use_effect_with((), move |()| {
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                nav.set((Route::parse(&dom::location_hash()), nav.1.wrapping_add(1)));
            });
            move || drop(listener)
        });
    }
    (*nav).clone()
}

/// Properties of [`Shell`].
#[derive(Properties, PartialEq)]
pub struct ShellProps {
    /// Embed mode: the page alone, no site header or footer.
    pub embed: bool,
    /// The page.
    pub children: Html,
}

/// The site header, `<main>` and footer around a page; only `<main>` in embed mode.
#[component]
pub fn Shell(props: &ShellProps) -> Html {
    if props.embed {
        return html! { <main class="embed-root">{ props.children.clone() }</main> };
    }
    html! {
        <>
            <a class="skip" href="#main" onclick={skip_to_main()}>{"Skip to content"}</a>
            <header class="site-header">
                <a class="brand" href="#/">{"System Design Playground"}</a>
                <nav aria-label="Site">
                    <a href="#/labs">{"Labs"}</a>
                    <a href="#/designs">{"Designs"}</a>
                </nav>
            </header>
            <main id="main">{ props.children.clone() }</main>
            <footer class="site-footer">
                <p>{"Everything runs in your browser; the site makes no network request beyond its own files. Press "}<kbd>{"?"}</kbd>{" in a lab for keyboard shortcuts."}</p>
            </footer>
        </>
    }
}

/// The skip link focuses `<main>` without changing the hash (which carries the route).
fn skip_to_main() -> Callback<MouseEvent> {
    Callback::from(|e: MouseEvent| {
        e.prevent_default();
        if let Some(main) = gloo::utils::document().get_element_by_id("main") {
            let _ = main.set_attribute("tabindex", "-1");
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(main) {
                let _ = el.focus();
            }
        }
    })
}

/// The app of lab `L`'s bundle: its page inside the shell while the route is `#/lab/<id>`, and
/// nothing otherwise (the loader then mounts the bundle the route needs).
#[component]
pub fn LabApp<L: LabView>() -> Html {
    let (route, generation) = use_route();
    match &route {
        Route::Lab { id, query } if id == L::INFO.id => html! {
            <Shell embed={route.embed()}>
                <LabPage<L> key={generation} query={AttrValue::from(query.clone())} />
            </Shell>
        },
        _ => html! {},
    }
}
