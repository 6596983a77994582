//! Domkom's single-page app: the resident's portal in the browser.

mod app;
#[cfg(target_arch = "wasm32")]
mod boot;
mod chunks;
mod clock;
mod components;
mod format;
mod labels;
mod navigation;
mod pages;
mod routes;
mod session;

use leptos::prelude::document;

fn main() {
    console_error_panic_hook::set_once();
    // The page's frame drawn by index.html before the module arrived gives way to the
    // app's in the same task, so the browser never paints the page without one.
    if let Some(frame) = document().get_element_by_id("boot") {
        frame.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
