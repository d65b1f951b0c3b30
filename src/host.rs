//! Where an app instance runs: on a page of its own, or inside an element of somebody else's page (the
//! `<customer-accounts>` custom element). The difference decides how routes are kept, where focus is searched,
//! whether the document title is ours, and where DOM events go.

use leptos::prelude::*;
use leptos::reactive::owner::LocalStorage;
use wasm_bindgen::JsCast;

use crate::model::Customer;

/// Browser objects of an embedded instance. Kept in arena storage that stays on the main thread, because the app's
/// state must be `Send + Sync` to be shared through context and DOM handles are not.
#[derive(Clone)]
pub struct HostElement {
    /// The element the app is mounted in (inside the custom element's shadow root).
    container: web_sys::HtmlElement,
    /// The custom element itself: events are dispatched on it, so they reach the host page.
    host: web_sys::HtmlElement,
}

/// How an app instance is hosted.
#[derive(Clone, Copy, Default)]
pub enum Host {
    /// The app owns the page: routes live in the location hash and the document title names the page.
    #[default]
    Page,
    /// The app is one element of a host page: routes live in memory, the host's URL, history and title are never
    /// touched, and `customer-created` / `customer-updated` events are dispatched on the element.
    Element(StoredValue<HostElement, LocalStorage>),
}

impl Host {
    /// An embedded instance mounted in `container`, dispatching its events on `host`.
    pub fn element(container: web_sys::HtmlElement, host: web_sys::HtmlElement) -> Host {
        Host::Element(StoredValue::new_local(HostElement { container, host }))
    }

    /// Whether the app owns the page's location and title.
    pub fn owns_page(&self) -> bool {
        matches!(self, Host::Page)
    }

    /// Whether an element matching `selector` is in this instance.
    pub fn has(&self, selector: &str) -> bool {
        self.find(selector).is_some()
    }

    fn find(&self, selector: &str) -> Option<web_sys::Element> {
        match self {
            Host::Page => web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(selector).ok().flatten()),
            Host::Element(element) => element
                .try_with_value(|e| e.container.query_selector(selector).ok().flatten())
                .flatten(),
        }
    }

    /// Whether the focus is on something of this instance (not fallen back to the page).
    pub fn holds_focus(&self) -> bool {
        match self {
            Host::Page => web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| Some((d.active_element()?, d.body()?)))
                .is_some_and(|(active, body)| !active.is_same_node(Some(&body))),
            Host::Element(element) => element
                .try_with_value(|e| {
                    let root = e.container.get_root_node();
                    js_sys::Reflect::get(&root, &"activeElement".into())
                        .ok()
                        .and_then(|active| active.dyn_into::<web_sys::Node>().ok())
                        .is_some_and(|active| e.container.contains(Some(&active)))
                })
                .unwrap_or(false),
        }
    }

    /// Focuses the first element matching `selector` within this instance (never another instance's or the host's).
    pub fn focus(&self, selector: &str) {
        let found = self.find(selector);
        if let Some(element) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = element.focus();
        }
    }

    /// Sets an embedded instance's language on its element (the element's `lang` attribute follows "Display
    /// language", as `<html lang>` does on a page of its own) and on the app's container inside the shadow root.
    pub fn set_lang(&self, tag: &str) {
        if let Host::Element(element) = self {
            element.try_with_value(|e| {
                let _ = e.container.set_attribute("lang", tag);
                if e.host.get_attribute("lang").as_deref() != Some(tag) {
                    let _ = e.host.set_attribute("lang", tag);
                }
            });
        }
    }

    /// Tells the host page that a customer was created or updated. Only embedded instances have anyone to tell.
    pub fn announce(&self, event: HostEvent, customer: &Customer) {
        let Host::Element(element) = self else {
            return;
        };
        let Some(host) = element.try_with_value(|e| e.host.clone()) else {
            return;
        };
        // The detail is plain JSON, the customer exactly as "Export JSON" writes it.
        let detail = serde_json::to_string(customer)
            .ok()
            .and_then(|json| js_sys::JSON::parse(&json).ok());
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        if let Some(detail) = detail {
            init.set_detail(&detail);
        }
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(event.name(), &init) {
            let _ = host.dispatch_event(&event);
        }
    }
}

impl Host {
    /// Where the host page hears from the app, and speaks to it: the element, or the standalone page's document.
    pub fn target(&self) -> Option<web_sys::EventTarget> {
        match self {
            Host::Page => web_sys::window().and_then(|w| w.document()).map(Into::into),
            Host::Element(element) => element.try_with_value(|e| e.host.clone().into()),
        }
    }

    /// Dispatches a plain event named `name` (bubbling, composed) on [`Host::target`].
    pub fn signal(&self, name: &str) {
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        if let (Some(target), Ok(event)) = (
            self.target(),
            web_sys::CustomEvent::new_with_event_init_dict(name, &init),
        ) {
            let _ = target.dispatch_event(&event);
        }
    }
}

/// The events an embedded instance dispatches on its element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostEvent {
    Created,
    Updated,
}

impl HostEvent {
    pub fn name(self) -> &'static str {
        match self {
            HostEvent::Created => "customer-created",
            HostEvent::Updated => "customer-updated",
        }
    }
}
