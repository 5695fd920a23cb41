//! The application shell: hash router, site header, home page and lab index.

use crate::dom;
use crate::labs::{LABS, lab_page};
use crate::route::Route;
use gloo::events::EventListener;
use yew::prelude::*;

/// The whole site.
#[component]
pub fn App() -> Html {
    // `nav` counts hash changes made by the learner (links, back/forward, edits to the URL).
    // Pages key on it, so an outside change remounts the page with the new URL state, while the
    // page's own `replaceState` updates (which fire no event) leave it alone.
    let nav = use_state(|| (Route::parse(&dom::location_hash()), 0u32));
    {
        let nav = nav.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                nav.set((Route::parse(&dom::location_hash()), nav.1.wrapping_add(1)));
            });
            move || drop(listener)
        });
    }
    let (route, generation) = (*nav).clone();
    let embed = matches!(&route, Route::Lab { query, .. } | Route::Design { query, .. }
        if sdp_core::query::parse(query).iter().any(|(k, v)| k == "embed" && (v == "1" || v == "true")));
    let page = view_route(&route);
    let key = format!("{generation}");
    if embed {
        return html! { <main class="embed-root" {key}>{ page }</main> };
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
            <main id="main" {key}>{ page }</main>
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

fn view_route(route: &Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        Route::Labs => html! { <LabIndex /> },
        Route::Lab { id, query } => lab_page(id, query).unwrap_or_else(|| {
            not_found(&format!(
                "There is no lab called “{}”.",
                sdp_core::query::shorten(id)
            ))
        }),
        Route::Designs => crate::designs::index_page(""),
        Route::Design { id, query } => crate::designs::design_page(id, query),
        Route::NotFound(path) => not_found(&format!(
            "Nothing lives at “{}”.",
            sdp_core::query::shorten(path)
        )),
    }
}

fn not_found(message: &str) -> Html {
    html! {
        <section class="page not-found">
            <h1>{"Page not found"}</h1>
            <p class="error" role="alert">{ message }{" Pick a lab below."}</p>
            <LabIndex />
        </section>
    }
}

#[component]
fn Home() -> Html {
    html! {
        <section class="page home">
            <h1>{"Step through the mechanisms inside classic system designs"}</h1>
            <p class="lead">{"Every lab is a deterministic replay: the same parameters, seed and actions give the same steps, so you can step back, share a link to an exact step, or embed it in a course page. The source procedure runs beside the animation, and where the source documents are wrong the lab says so."}</p>
            <LabIndex />
        </section>
    }
}

#[component]
fn LabIndex() -> Html {
    html! {
        <section class="lab-index" aria-labelledby="labs-heading">
            <h2 id="labs-heading">{"Labs"}</h2>
            <ul class="cards">
                { for LABS.iter().map(|lab| html! {
                    <li class="card" key={lab.id}>
                        <h3><a href={format!("#/lab/{}", lab.id)}>{ lab.title }</a></h3>
                        <p>{ lab.summary }</p>
                        <p class="badge">{ format!("catalogue {}", lab.catalogue) }</p>
                    </li>
                }) }
            </ul>
        </section>
    }
}
