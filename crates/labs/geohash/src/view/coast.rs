//! Fetching the coastline (`data/coastline.json`, parsed by [`crate::layout::coast`]) once per
//! lab page, same origin, and handing it to every map below through a Yew context
//! ([`CoastProvider`], [`use_coast`]). The maps draw without it until it arrives and say so in
//! a note if it cannot be had.

use crate::layout::coast::{COAST_URL, CoastStatus};
use sdp_kit_web::fetch::FetchError;
use yew::prelude::*;

/// Properties of [`CoastProvider`].
#[derive(Properties, PartialEq)]
pub struct CoastProps {
    /// What the maps below draw.
    #[prop_or_default]
    pub children: Html,
    /// A coastline already at hand (tests, benchmarks): nothing is fetched.
    #[prop_or_default]
    pub given: Option<CoastStatus>,
}

/// Fetches the coastline when first shown (unless one is given) and provides its status.
#[component]
pub fn CoastProvider(props: &CoastProps) -> Html {
    let status = use_state(|| props.given.clone().unwrap_or(CoastStatus::Loading));
    {
        let status = status.clone();
        let fetch = props.given.is_none();
        use_effect_with((), move |()| {
            if fetch {
                wasm_bindgen_futures::spawn_local(async move {
                    status.set(CoastStatus::from_download(fetch_text(COAST_URL).await));
                });
            }
        });
    }
    html! {
        <ContextProvider<CoastStatus> context={(*status).clone()}>
            { props.children.clone() }
        </ContextProvider<CoastStatus>>
    }
}

/// The coastline's status (still loading outside a [`CoastProvider`]).
#[hook]
pub fn use_coast() -> CoastStatus {
    use_context::<CoastStatus>().unwrap_or(CoastStatus::Loading)
}

async fn fetch_text(url: &str) -> Result<String, String> {
    sdp_kit_web::fetch::fetch_text(url)
        .await
        .map_err(|e| match e {
            FetchError::NoWindow => "no window".to_string(),
            FetchError::Network => "it could not be downloaded".to_string(),
            FetchError::NotAResponse => "unexpected fetch result".to_string(),
            FetchError::Status(status) => format!("the server answered {status}"),
            FetchError::Unreadable | FetchError::Interrupted => {
                "its body could not be read".to_string()
            }
        })
}
