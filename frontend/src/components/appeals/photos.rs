//! A message's photos as thumbnails that open larger. An `<img src>` cannot carry the
//! session's token, so each photo is fetched through the API and shown from its bytes.

use super::Party;
use crate::components::load::load;
use crate::session::use_session;
use base64::Engine;
use domkom_client::Document;
use domkom_dto::PhotoRef;
use domkom_values::AppealId;
use leptos::html;
use leptos::prelude::*;

#[component]
pub fn Photos(party: Party, appeal: AppealId, photos: Vec<PhotoRef>) -> impl IntoView {
    (!photos.is_empty()).then(|| {
        view! {
            <ul class="photos" aria-label="Фотографии">
                {photos
                    .into_iter()
                    .enumerate()
                    .map(|(i, photo)| view! { <li><Photo party appeal photo n=i + 1 /></li> })
                    .collect_view()}
            </ul>
        }
    })
}

/// One photo: its thumbnail, and the photo on the whole screen after a click. A browser
/// that cannot show the type (HEIC, outside Safari) offers the file instead.
#[component]
fn Photo(party: Party, appeal: AppealId, photo: PhotoRef, n: usize) -> impl IntoView {
    let session = use_session();
    let id = photo.id;
    let src = load(session, "Фото не найдено.", async move |c| {
        Ok(data_url(&party.photo(c, appeal, id).await?))
    });
    let dialog = NodeRef::<html::Dialog>::new();
    let open = move |_| {
        if let Some(dialog) = dialog.get() {
            let _ = dialog.show_modal();
        }
    };
    // A click on the dark backdrop (the dialog itself, not its picture) closes it too.
    let backdrop = move |ev: leptos::ev::MouseEvent| {
        if let Some(dialog) = dialog.get() {
            if ev.target() == ev.current_target() {
                dialog.close();
            }
        }
    };
    let alt = format!("Фото {n}");
    let inline = shown_inline(&photo.content_type);
    move || {
        let alt = alt.clone();
        match src.get() {
            None => {
                view! { <span class="photo-thumb photo-waiting">"Загружаем фото…"</span> }.into_any()
            }
            Some(Err(e)) => {
                view! { <span class="photo-thumb photo-failed" role="alert">{e.message}</span> }.into_any()
            }
            Some(Ok(src)) if inline => view! {
                <button type="button" class="photo-thumb" aria-label=format!("{alt}: открыть крупно") on:click=open>
                    <img src=src.clone() alt=alt.clone() data-test="photo" data-photo-id=id.get() />
                </button>
                <dialog class="photo-dialog" node_ref=dialog aria-label=alt.clone() on:click=backdrop>
                    <img src=src alt=alt.clone() />
                    <form method="dialog">
                        <button type="submit" class="button">"Закрыть"</button>
                    </form>
                </dialog>
            }
            .into_any(),
            Some(Ok(src)) => view! {
                <a class="photo-thumb photo-file" href=src download=format!("photo-{id}.heic")>
                    {alt} " (HEIC): скачать"
                </a>
            }
            .into_any(),
        }
    }
}

/// Whether every browser shows the type in an `<img>`.
fn shown_inline(content_type: &str) -> bool {
    matches!(content_type, "image/jpeg" | "image/png")
}

/// The photo as a `data:` URL, which the page's content security policy lets `<img>`
/// show (unlike `blob:`).
fn data_url(doc: &Document) -> String {
    let bytes = base64::engine::general_purpose::STANDARD.encode(&doc.bytes);
    format!("data:{};base64,{bytes}", doc.content_type)
}
