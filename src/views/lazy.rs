//! How a view's parts are loaded on first use: what a split point is, and what it returns when its module does not
//! arrive. The split points themselves live beside the views that own them: the pages' in
//! [`super::customer::pages`], the list's data actions' in [`super::list::work`], the notices' in
//! [`super::shell::notices`], and the stored customers' rarer work in [`super::shell::store`].
//!
//! A release build is split (Cargo feature `split`, set by index.html for Trunk; scripts/split.mjs does the
//! splitting after the build): the list, the shell and the storage arrive in the first download, and each function
//! declared with [`split!`] comes in its own small wasm module the first time it is called, or sooner, when the list
//! has painted (the shell's `preload`). Without the feature (tests, native builds) these are plain calls.
//!
//! This file uses nothing of the views that declare split points, so none of them depends on another through it.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use crate::i18n::Lang;

/// A page's part of the app could not be loaded (the network went away, say). Opening the page again retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotLoaded;

#[cfg(all(feature = "split", target_family = "wasm"))]
impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// Work that goes on after the call has returned (made in its module, run in the main one).
pub type Task<T> = Pin<Box<dyn Future<Output = T>>>;

/// Declares a function made in its own module when the build is split, and called directly when it is not:
/// `split!(/// docs, name, preload_name, module_name, (arg: Type, …) -> Output => body)`. The module's name is what
/// scripts/split.mjs and the end-to-end tests know it by (`split_<module_name>-<hash>.wasm`): never rename one.
/// `preload_name` fetches the module without calling the function.
macro_rules! split {
    ($(#[$doc:meta])* $name:ident, $preload:ident, $module:ident, ($($arg:ident: $ty:ty),*) -> $out:ty => $body:expr) => {
        $(#[$doc])*
        #[cfg(all(feature = "split", target_family = "wasm"))]
        #[leptos::wasm_split::wasm_split(
            $module,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
            // Only the pages' modules are fetched ahead (`preload`); the others' preloads go unused.
            preload(#[allow(dead_code)] $preload)
        )]
        pub fn $name($($arg: $ty),*) -> Result<$out, $crate::views::lazy::NotLoaded> {
            Ok($body)
        }

        $(#[$doc])*
        #[cfg(not(all(feature = "split", target_family = "wasm")))]
        pub async fn $name($($arg: $ty),*) -> Result<$out, $crate::views::lazy::NotLoaded> {
            Ok($body)
        }

        #[cfg(not(all(feature = "split", target_family = "wasm")))]
        #[allow(dead_code)]
        pub async fn $preload() -> Result<(), $crate::views::lazy::NotLoaded> {
            Ok(())
        }
    };
}
pub(crate) use split;

/// A part of a view, from its module: what [`part`] shows.
pub type Part = Pin<Box<dyn Future<Output = Result<AnyView, NotLoaded>> + Send>>;

/// A part of a view from its module (a notice's, the import's progress, the keeping lines), shown once the module is
/// there (at once when it was loaded before). Should the module not arrive (offline), `words` still says what
/// happened, without the part's buttons. Not generic: every part shares one copy of the code that waits.
pub fn part(loading: Part, words: Box<dyn Fn(Lang) -> String + Send + Sync>) -> AnyView {
    let lang = crate::views::text::use_lang();
    Suspend::new(async move {
        match loading.await {
            Ok(view) => view,
            Err(NotLoaded) => {
                view! { <p class="notice">{move || words(lang.get())}</p> }.into_any()
            }
        }
    })
    .into_any()
}
