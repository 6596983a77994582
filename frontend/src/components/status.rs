//! Where a record stands (an appeal, a service request) as a badge coloured by it.

use domkom_dto::{AppealStatus, RequestStatus};
use leptos::prelude::*;

/// A status with its wire word (the badge's colour, `status-{word}`) and its label.
pub trait Status: Copy + Send + Sync + 'static {
    fn word(self) -> &'static str;
    fn label(self) -> &'static str;
}

impl Status for AppealStatus {
    fn word(self) -> &'static str {
        self.as_str()
    }
    fn label(self) -> &'static str {
        AppealStatus::label(self)
    }
}

impl Status for RequestStatus {
    fn word(self) -> &'static str {
        self.as_str()
    }
    fn label(self) -> &'static str {
        RequestStatus::label(self)
    }
}

#[component]
pub fn StatusBadge<S: Status>(status: Signal<S>) -> impl IntoView {
    view! {
        <span
            class=move || format!("status status-{}", status.get().word())
            data-test="status"
            data-status=move || status.get().word()
        >
            {move || status.get().label()}
        </span>
    }
}
