//! The pages that the list does not need, loaded on first use.
//!
//! A release build is split (Cargo feature `split`, set by index.html for Trunk; scripts/split.mjs does the
//! splitting after the build): the list, the shell and the storage arrive in the first download, and each page here
//! comes in its own small wasm module the first time it is opened, or sooner, when the list has painted and the
//! browser is idle ([`preload`]). Without the feature (tests, native builds) these are plain calls.

use leptos::prelude::*;
use uuid::Uuid;

use super::add::AddCustomer;
use super::details::CustomerDetails;
use super::edit::EditCustomer;

/// A page's part of the app could not be loaded (the network went away, say). Opening the page again retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotLoaded;

#[cfg(all(feature = "split", target_family = "wasm"))]
impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// Declares a page whose view is made in its own module when the build is split, and directly when it is not.
macro_rules! page {
    ($(#[$doc:meta])* $name:ident, $preload:ident, $module:ident, ($($arg:ident: $ty:ty),*) => $view:expr) => {
        $(#[$doc])*
        #[cfg(all(feature = "split", target_family = "wasm"))]
        #[leptos::wasm_split::wasm_split(
            $module,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
            preload($preload)
        )]
        pub fn $name($($arg: $ty),*) -> Result<AnyView, NotLoaded> {
            Ok($view)
        }

        $(#[$doc])*
        #[cfg(not(all(feature = "split", target_family = "wasm")))]
        pub async fn $name($($arg: $ty),*) -> Result<AnyView, NotLoaded> {
            Ok($view)
        }

        #[cfg(not(all(feature = "split", target_family = "wasm")))]
        async fn $preload() -> Result<(), NotLoaded> {
            Ok(())
        }
    };
}

page!(
    /// "Add a new customer".
    add_page, preload_add, ca_add, () => view! { <AddCustomer /> }.into_any()
);
page!(
    /// A customer's account details.
    details_page, preload_details, ca_details, (id: Uuid) => view! { <CustomerDetails id /> }.into_any()
);
page!(
    /// "Update a customer's account details".
    edit_page, preload_edit, ca_edit, (id: Uuid) => view! { <EditCustomer id /> }.into_any()
);

/// Fetches every page's module in the background, so that a page opens at once when asked for, and still opens
/// when the network has gone by then. Called when the list has painted; a module that fails to load here is
/// loaded again when its page is opened.
pub fn preload() {
    leptos::task::spawn_local(async {
        let _ = preload_add().await;
        let _ = preload_details().await;
        let _ = preload_edit().await;
    });
}
