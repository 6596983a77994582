//! Domkom's single-page app: the resident's portal in the browser.

mod app;
mod clock;
mod components;
mod format;
mod labels;
mod pages;
mod session;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
