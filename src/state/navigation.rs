//! Pages and the language: going to a page, asking first when a form has unsaved values.

use std::sync::atomic::Ordering;

use leptos::prelude::*;

use crate::locale::Lang;
use crate::routing::Route;

use super::app::*;
use super::services::Question;

impl AppState {
    /// Registers the calling form's unsaved-changes signal for as long as the form lives. Derived, not set, so it
    /// can never lag behind what the user typed.
    pub fn guard_unsaved(&self, pending: Signal<bool>) {
        let id = NEXT_GUARD.fetch_add(1, Ordering::Relaxed);
        self.unsaved.set(Some(UnsavedGuard { id, pending }));
        let unsaved = self.unsaved;
        // The next page's form may register before this one is dropped: clear only our own guard.
        on_cleanup(move || {
            unsaved.try_update(|guard| {
                if guard.is_some_and(|g| g.id == id) {
                    *guard = None;
                }
            });
        });
    }

    /// Switches the interface to `lang` and remembers the choice for this storage namespace (best effort: a
    /// browser that refuses to store it still switches for this visit).
    pub fn choose_lang(&self, lang: Lang) {
        self.lang.set(lang);
        if let Err(error) = self.store.set_display_language(lang.tag()) {
            leptos::logging::warn!("the display language was not remembered: {error}");
        }
    }

    /// Goes to a page. On a page of its own the location hash changes (and the `hashchange` listener asks about
    /// unsaved changes); embedded, the route changes in memory after the same question.
    pub fn navigate(&self, to: Route) {
        // The page it leads to may need any customer.
        self.finish_load();
        if self.host.owns_page() {
            self.services.set_hash(&to.href());
            return;
        }
        if self.route.get_untracked() == to {
            return;
        }
        if self.has_unsaved_changes()
            && !self
                .services
                .confirm(Question::LeaveUnsaved, self.lang.get_untracked())
        {
            return;
        }
        self.route.set(to);
    }

    /// Whether leaving now would lose typed values.
    pub fn has_unsaved_changes(&self) -> bool {
        self.unsaved.with_untracked(|guard| {
            guard.is_some_and(|g| g.pending.try_get_untracked().unwrap_or(false))
        })
    }
}
