//! Components: one page per file, the shared form pieces beside them. Views read and write through
//! [`crate::state::AppState`] only.

pub mod add;
pub mod app;
pub mod customer_form;
pub mod details;
pub mod edit;
pub mod fields;
pub mod list;
pub mod not_found;
pub mod notices;
pub mod review;

/// Focuses the first element matching a selector, if any (headings carry `tabindex="-1"` for this).
pub(crate) fn focus_selector(selector: &str) {
    use wasm_bindgen::JsCast;
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}
