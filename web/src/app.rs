//! The `home` bundle's app: `#/`, `#/labs`, `#/designs` and the not-found page (also for a
//! `#/lab/<id>` whose lab does not exist: the loader sends those here).

use crate::designs_index::DesignIndex;
use sdp_kit::query::shorten;
use sdp_kit_web::route::Route;
use sdp_kit_web::shell::{Shell, use_route};
use sdp_registry::LABS;
use yew::prelude::*;

/// The whole app of the `home` bundle.
#[component]
pub fn HomeApp() -> Html {
    let (route, generation) = use_route();
    let page = match &route {
        Route::Home => html! { <Home /> },
        Route::Labs => html! { <section class="page"><LabIndex /></section> },
        Route::Designs => html! { <DesignIndex /> },
        Route::Lab { id, .. } => not_found(&format!("There is no lab called “{}”.", shorten(id))),
        Route::Design { .. } => html! {},
        Route::NotFound(path) => not_found(&format!("Nothing lives at “{}”.", shorten(path))),
    };
    html! { <Shell embed={route.embed()}><div key={generation}>{ page }</div></Shell> }
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

/// Every registered lab as a card.
#[component]
pub fn LabIndex() -> Html {
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
