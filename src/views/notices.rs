//! Messages about storage as a whole, shown above every page.

use leptos::prelude::*;

use crate::messages;
use crate::state::{AppState, Notice};

fn text(notice: &Notice) -> String {
    match notice {
        Notice::StorageBlocked => messages::STORAGE_BLOCKED.into(),
        Notice::Unreadable(count) => messages::unreadable_records(*count),
        Notice::LoadFailed(error) => messages::storage_error(error),
    }
}

/// The app-wide alert region.
#[component]
pub fn Notices() -> impl IntoView {
    let notices = expect_context::<AppState>().notices;
    view! {
        <div class="notices" role="alert">
            {move || notices.get().iter().map(|n| view! { <p class="notice">{text(n)}</p> }).collect_view()}
        </div>
    }
}
