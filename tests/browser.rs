//! Components and real localStorage, in headless Chromium (`cargo test --target wasm32-unknown-unknown`).
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use customer_accounts::i18n::{intl, Lang};
use customer_accounts::messages;
use customer_accounts::model::form::{validate_edit, CustomerDraft};
use customer_accounts::model::{Cloud, Customer, WriteStamp};
use customer_accounts::state::AppConfig;
use customer_accounts::storage::backend::local::LocalBackend;
use customer_accounts::storage::{Backend, StorageError, Store};
use customer_accounts::views::shell::app::App;
use leptos::prelude::*;
use uuid::Uuid;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

fn local() -> web_sys::Storage {
    window()
        .local_storage()
        .expect("storage access")
        .expect("localStorage")
}

/// Every localStorage key under a prefix.
fn keys_under(prefix: &str) -> Vec<String> {
    let storage = local();
    let n = storage.length().expect("length");
    (0..n)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

fn clear_prefix(prefix: &str) {
    for key in keys_under(prefix) {
        local().remove_item(&key).expect("remove");
    }
}

// Console errors and warnings and uncaught errors, recorded from the first test on: every test fails on any.
#[wasm_bindgen(inline_js = r#"
const problems = [];
let watching = false;
export function watch_console() {
  if (watching) return;
  watching = true;
  for (const level of ['error', 'warn']) {
    const original = console[level].bind(console);
    console[level] = (...args) => {
      problems.push(`console.${level}: ${args.map(String).join(' ')}`);
      original(...args);
    };
  }
  window.addEventListener('error', (e) => problems.push(`error: ${e.message}`));
  window.addEventListener('unhandledrejection', (e) => problems.push(`unhandled rejection: ${e.reason}`));
}
export function take_problems() {
  return problems.splice(0).join('\n');
}
export function next_frame() {
  return new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
}
"#)]
extern "C" {
    fn watch_console();
    fn take_problems() -> String;
    fn next_frame() -> js_sys::Promise;
}

/// Fails the test if anything was logged as an error or warning since the last check.
fn assert_no_console_problems() {
    let problems = take_problems();
    assert!(problems.is_empty(), "the console reported:\n{problems}");
}

/// Waits until `done` holds: Leptos's pending updates run, and the browser gets a frame, between checks. Fails
/// after two seconds, naming what it waited for.
async fn until(what: &str, done: impl Fn() -> bool) {
    let deadline = js_sys::Date::now() + 2_000.0;
    loop {
        leptos::task::tick().await;
        if done() {
            return;
        }
        assert!(
            js_sys::Date::now() < deadline,
            "timed out waiting for {what}"
        );
        wasm_bindgen_futures::JsFuture::from(next_frame())
            .await
            .expect("a frame");
    }
}

fn china_draft(company: &str) -> CustomerDraft {
    CustomerDraft {
        company_name: company.into(),
        country: "CN".into(),
        address_line1: "No. 1 Zhongguancun East Road".into(),
        city: "Beijing".into(),
        state: "Beijing".into(),
        postal_code: "100080".into(),
        first_name: "Li".into(),
        last_name: "Wei".into(),
        email: "li.wei@contoso.cn".into(),
        culture: "zh-CN".into(),
        ..CustomerDraft::default()
    }
}

fn customer(n: u128, company: &str, prefix: &str) -> Customer {
    let details = validate_edit(&china_draft(company)).expect("valid fixture");
    let stamp = WriteStamp {
        etag: format!("etag-{n}"),
        now: "2026-11-24T10:00:00.000Z".into(),
    };
    Customer::create(Uuid::from_u128(n), Cloud::default(), prefix, details, stamp)
}

fn store(prefix: &str) -> Store {
    Store::new(
        prefix,
        Arc::new(LocalBackend::open().expect("localStorage opens")),
    )
}

type Mounted = (
    HtmlElement,
    leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
);

/// Mounts an app with its own storage prefix at a route, in a fresh container, in English.
fn mount(prefix: &str, hash: &str) -> Mounted {
    mount_in(prefix, hash, "en-US")
}

/// The same, asking for a language as an embedding element's `lang` does.
fn mount_in(prefix: &str, hash: &str, lang: &str) -> Mounted {
    console_error_panic_hook::set_once();
    watch_console();
    window().location().set_hash(hash).expect("set hash");
    let document = window().document().expect("document");
    let container: HtmlElement = document
        .create_element("div")
        .expect("div")
        .unchecked_into();
    document
        .body()
        .expect("body")
        .append_child(&container)
        .expect("append");
    let config = AppConfig {
        storage_prefix: prefix.into(),
        cloud: Cloud::default(),
        lang: Some(lang.into()),
        ..AppConfig::default()
    };
    let handle = leptos::mount::mount_to(container.clone(), move || {
        view! { <App config /> }.into_any()
    });
    (container, handle)
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("selector")
        .unwrap_or_else(|| panic!("no {selector}"))
}

/// The control whose label has exactly this text, as a person finds it.
fn by_label(root: &Element, text: &str) -> Element {
    let labels = root.query_selector_all("label").expect("labels");
    for i in 0..labels.length() {
        let label: Element = labels.item(i).expect("label").unchecked_into();
        if label.text_content().as_deref() == Some(text) {
            let id = label.get_attribute("for").expect("label has for");
            return find(root, &format!("#{id}"));
        }
    }
    panic!("no control labelled {text}")
}

fn button(root: &Element, text: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").expect("buttons");
    for i in 0..buttons.length() {
        let b: HtmlElement = buttons.item(i).expect("button").unchecked_into();
        if b.text_content().as_deref() == Some(text) {
            return b;
        }
    }
    panic!("no button {text}")
}

fn type_into(root: &Element, label: &str, value: &str) {
    let input: HtmlInputElement = by_label(root, label).unchecked_into();
    input.set_value(value);
    let event = web_sys::Event::new("input").expect("event");
    input.dispatch_event(&event).expect("dispatch");
}

fn choose(root: &Element, label: &str, value: &str) {
    let select: HtmlSelectElement = by_label(root, label).unchecked_into();
    select.set_value(value);
    let event = web_sys::Event::new("change").expect("event");
    select.dispatch_event(&event).expect("dispatch");
}

/// The text of the first element matching `selector`, if there is one.
fn text_of(root: &Element, selector: &str) -> Option<String> {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
}

fn text(root: &Element) -> String {
    root.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
fn local_storage_round_trip_in_compact_groups() {
    let prefix = "bt-roundtrip";
    clear_prefix(prefix);
    let store = store(prefix);
    store
        .save(&customer(1, "Contoso", "contoso"))
        .expect("save 1");
    store
        .save(&customer(2, "Fabrikam", "fabrikam"))
        .expect("save 2");
    let keys = keys_under(prefix);
    // Two customers in two groups (few customers: a key each), and the version key.
    assert_eq!(keys.len(), 3, "{keys:?}");
    let loaded = store.load().expect("load");
    assert_eq!(loaded.customers.len(), 2);
    assert!(loaded.unreadable.is_empty());
    assert_eq!(
        self::store("bt-other")
            .load()
            .expect("load other")
            .customers
            .len(),
        0
    );
    clear_prefix(prefix);
    assert_no_console_problems();
}

#[wasm_bindgen_test]
fn a_stored_value_reads_as_the_same_utf8_bytes() {
    let backend = LocalBackend::open().expect("open");
    let key = "bt-utf8";
    // ASCII, the packed range's first and last characters, Chinese, and a character outside the BMP (two units).
    let value = "2\u{3000}\u{AFFF}abc 客户 \u{1F600}";
    backend.set(key, value).expect("set");
    // Whatever the buffer held before, longer or shorter, it ends up holding the value.
    for before in [vec![], vec![7u8; 200]] {
        let mut bytes = before;
        assert!(backend.get_utf8(key, &mut bytes).expect("read"));
        assert_eq!(bytes, value.as_bytes());
    }
    backend.remove(key).expect("remove");
    let mut bytes = vec![1, 2, 3];
    assert!(!backend.get_utf8(key, &mut bytes).expect("read missing"));
    assert!(bytes.is_empty());
    assert_no_console_problems();
}

/// Fills the origin's localStorage quota with filler values, largest first, down to values of `smallest` characters;
/// returns their keys, for the test to remove.
fn fill_quota(backend: &LocalBackend, smallest: usize) -> Vec<String> {
    let mut fillers = Vec::new();
    let sizes = [1_000_000usize, 100_000, 10_000, 1_000, 100, 10, 1];
    for size in sizes.into_iter().filter(|size| *size >= smallest) {
        let chunk = "x".repeat(size);
        loop {
            let key = format!("bt-filler-{}", fillers.len());
            match backend.set(&key, &chunk) {
                Ok(()) => fillers.push(key),
                Err(StorageError::QuotaExceeded) => break,
                Err(other) => panic!("unexpected {other:?}"),
            }
        }
    }
    fillers
}

#[wasm_bindgen_test]
fn a_full_quota_is_an_error_and_writes_nothing() {
    watch_console();
    let prefix = "bt-quota";
    clear_prefix(prefix);
    let backend = LocalBackend::open().expect("open");
    // Fill the origin's quota with filler values, largest first.
    let fillers = fill_quota(&backend, 10);
    let result = store(prefix).save(&customer(3, "Quota Ltd", "quota"));
    let left = keys_under(prefix);
    for key in &fillers {
        backend.remove(key).expect("remove filler");
    }
    assert_eq!(result, Err(StorageError::QuotaExceeded));
    assert_eq!(
        left,
        Vec::<String>::new(),
        "nothing of the record was written"
    );
    assert_no_console_problems();
}

/// localStorage, with every write it was asked for and its outcome noted.
struct Logged {
    local: LocalBackend,
    writes: std::sync::Mutex<Vec<(String, bool)>>,
}

impl Backend for Logged {
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.local.keys()
    }
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.local.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        let result = self.local.set(key, value);
        if let Ok(mut writes) = self.writes.lock() {
            writes.push((key.to_string(), result.is_ok()));
        }
        result
    }
    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.local.remove(key)
    }
}

#[wasm_bindgen_test]
fn a_save_whose_group_does_not_fit_takes_its_version_key_back() {
    watch_console();
    let prefix = "bt-rollback";
    clear_prefix(prefix);
    let backend = LocalBackend::open().expect("open");
    // Room for the version key and a few units more, not for the customer's group: a gap of exactly that size is
    // kept while everything else is filled, then freed.
    let meta_key = format!("{prefix}:meta");
    let meta_units = meta_key.len() + "{\"schemaVersion\":3}".len();
    let gap_key = "bt-gap";
    backend
        .set(gap_key, &"x".repeat(meta_units + 10 - gap_key.len()))
        .expect("the gap");
    let fillers = fill_quota(&backend, 1);
    backend.remove(gap_key).expect("free the gap");
    let logged = Arc::new(Logged {
        local: LocalBackend::open().expect("open"),
        writes: Default::default(),
    });
    let result = Store::new(prefix, logged.clone()).save(&customer(4, "Rollback Ltd", "rollback"));
    let left = keys_under(prefix);
    let writes = logged.writes.lock().map(|w| w.clone()).unwrap_or_default();
    for key in &fillers {
        backend.remove(key).expect("remove filler");
    }
    assert_eq!(result, Err(StorageError::QuotaExceeded));
    assert_eq!(
        writes.first(),
        Some(&(meta_key.clone(), true)),
        "the version key fitted and was written first: {writes:?}"
    );
    assert!(
        writes
            .iter()
            .any(|(key, ok)| key.starts_with(&format!("{prefix}:g")) && !ok),
        "the group did not fit: {writes:?}"
    );
    assert_eq!(left, Vec::<String>::new(), "the version key was taken back");
    assert_no_console_problems();
}

#[wasm_bindgen_test]
async fn empty_state_then_add_a_customer_through_the_form() {
    let prefix = "bt-add";
    clear_prefix(prefix);
    let (root, handle) = mount(prefix, "#/customers");
    until("the empty list", || {
        text(&root).contains("No customers yet")
    })
    .await;

    window()
        .location()
        .set_hash("#/customers/new")
        .expect("hash");
    until("the add form", || {
        text_of(&root, "h1").as_deref() == Some("Add customer")
    })
    .await;
    assert_eq!(
        find(&root, "h1").text_content().as_deref(),
        Some("Add customer")
    );
    let country: HtmlSelectElement = by_label(&root, "Country/region").unchecked_into();
    assert_eq!(country.value(), "CN", "China is selected by default");
    assert!(find(&root, ".suffix")
        .text_content()
        .unwrap_or_default()
        .contains(".partner.onmschina.cn"));

    type_into(&root, "Company name", "Contoso 北京");
    type_into(&root, "Domain prefix", "ContosoBJ");
    until("the availability message", || {
        text(&root).contains("contosobj.partner.onmschina.cn is available.")
    })
    .await;
    type_into(&root, "Address line 1", "No. 1 Zhongguancun East Road");
    type_into(&root, "City", "Beijing");
    choose(&root, "State or province", "Beijing");
    type_into(&root, "Postal code", "100080");
    type_into(&root, "First name", "Li");
    type_into(&root, "Last name", "Wei");
    type_into(&root, "Email", "li.wei@contoso.cn");
    button(&root, "Next: Review").click();
    until("the review step", || {
        text_of(&root, "#ca-review-heading").as_deref() == Some("Review")
    })
    .await;
    assert!(
        text(&root).contains("contosobj.partner.onmschina.cn"),
        "the review shows the domain"
    );
    assert_eq!(
        keys_under(prefix).len(),
        0,
        "nothing is stored before Submit"
    );

    button(&root, "Submit").click();
    until("the confirmation", || {
        text_of(&root, "#ca-done-heading").as_deref() == Some("Customer added")
    })
    .await;
    assert!(text(&root).contains("admin@contosobj.partner.onmschina.cn"));
    let password = text_of(&root, ".credential").unwrap_or_default();
    assert!(
        password.len() >= 12,
        "a temporary password is shown: {password:?}"
    );
    let stored = store(prefix).load().expect("load");
    assert_eq!(stored.customers.len(), 1);
    let added = &stored.customers[0];
    assert_eq!(added.domain(), "contosobj.partner.onmschina.cn");
    assert_eq!(added.billing_profile.company_name, "Contoso 北京");
    // One group key and the version key, in the compact format; the password is in none of them (it is never stored,
    // in any encoding: the stored record decodes to exactly the customer above, which has no password).
    let keys = keys_under(&format!("{prefix}:"));
    assert_eq!(keys.len(), 2, "{keys:?}");
    let group = local()
        .get_item(&store(prefix).record_key(added.id))
        .expect("get")
        .expect("value");
    assert!(group.starts_with('3'), "format 3");
    assert!(
        !group.contains(&password) && !format!("{added:?}").contains(&password),
        "the temporary password is never stored"
    );

    button(&root, "Done").click();
    until("the list with the new customer", || {
        text(&root).contains("1 customer")
    })
    .await;
    drop(handle);
    clear_prefix(prefix);
    assert_no_console_problems();
}

#[wasm_bindgen_test]
async fn invalid_input_is_marked_announced_focused_and_not_stored() {
    let prefix = "bt-invalid";
    clear_prefix(prefix);
    let (root, handle) = mount(prefix, "#/customers/new");
    until("the add form", || text(&root).contains("Next: Review")).await;
    type_into(&root, "Domain prefix", "bad-prefix");
    type_into(&root, "Email", "not-an-email");
    button(&root, "Next: Review").click();
    until("the company name marked invalid", || {
        root.query_selector("#ca-company-name[aria-invalid=true]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;

    let company = by_label(&root, "Company name");
    assert_eq!(
        company.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    let described = company
        .get_attribute("aria-describedby")
        .expect("describedby");
    assert_eq!(
        find(&root, &format!("#{described}"))
            .text_content()
            .as_deref(),
        Some("Enter the company name.")
    );
    let email = by_label(&root, "Email");
    let described = email
        .get_attribute("aria-describedby")
        .expect("describedby");
    assert!(text(&find(&root, &format!("#{described}"))).contains("name@contoso.com"));
    assert!(text(&find(&root, "[role=alert].form-alert")).contains("problems"));
    let focused = window()
        .document()
        .and_then(|d| d.active_element())
        .map(|e| e.id());
    assert_eq!(
        focused.as_deref(),
        Some("ca-company-name"),
        "focus moves to the first invalid field"
    );
    assert_eq!(
        by_label(&root, "Address line 2").get_attribute("aria-invalid"),
        None
    );
    assert!(
        root.query_selector("#ca-review-heading")
            .expect("query")
            .is_none(),
        "no review step"
    );
    assert_eq!(
        text_of(&root, "form .actions button.primary").as_deref(),
        Some("Next: Review"),
        "stays on the form"
    );
    assert_eq!(keys_under(prefix), Vec::<String>::new());
    drop(handle);
    assert_no_console_problems();
}

#[wasm_bindgen_test]
async fn stored_customers_are_listed_as_text_and_unreadable_records_are_reported() {
    let prefix = "bt-list";
    clear_prefix(prefix);
    store(prefix)
        .save(&customer(10, "<img src=x onerror=alert(1)>", "hostile"))
        .expect("save");
    store(prefix)
        .save(&customer(11, "Fabrikam", "fabrikam"))
        .expect("save");
    let bad_key = format!("{prefix}:customer:{}", Uuid::from_u128(12));
    local().set_item(&bad_key, "{broken").expect("write broken");

    let (root, handle) = mount(prefix, "#/customers");
    until("two rows", || {
        root.query_selector_all("tbody tr").map(|r| r.length()) == Ok(2)
    })
    .await;
    assert!(
        text(&root).contains("<img src=x onerror=alert(1)>"),
        "shown literally"
    );
    assert!(
        root.query_selector("img").expect("query").is_none(),
        "no markup from user text"
    );
    assert!(text(&root).contains("1 stored record could not be read"));
    assert_eq!(
        local().get_item(&bad_key).expect("get").as_deref(),
        Some("{broken"),
        "left as it was"
    );

    type_into(&root, "Search customers", "FABRI");
    until("one matching row", || {
        root.query_selector_all("tbody tr").map(|r| r.length()) == Ok(1)
    })
    .await;
    assert!(text(&root).contains("Showing 1 of 2 customers"));
    assert!(text(&root).contains("Fabrikam"));
    drop(handle);
    clear_prefix(prefix);
    assert_no_console_problems();
}

#[wasm_bindgen_test]
async fn an_edit_over_a_newer_stored_version_is_refused() {
    let prefix = "bt-conflict";
    clear_prefix(prefix);
    let original = customer(20, "Northwind", "northwind");
    store(prefix).save(&original).expect("save");
    let (root, handle) = mount(prefix, &format!("#/customers/{}/edit", original.id));
    until("the edit form", || {
        text(&root).contains("northwind.partner.onmschina.cn")
    })
    .await;
    assert!(
        root.query_selector("#ca-domain-prefix")
            .expect("query")
            .is_none(),
        "domain is not an input"
    );
    assert!(text(&root).contains("northwind.partner.onmschina.cn"));

    // Another tab saves first.
    let mut newer = original.clone();
    newer.billing_profile.attributes.etag = "etag-other-tab".into();
    store(prefix).save(&newer).expect("save newer");
    let before = local()
        .get_item(&store(prefix).record_key(original.id))
        .expect("get");
    assert!(before.is_some());

    type_into(&root, "City", "Shanghai");
    choose(&root, "State or province", "Shanghai");
    button(&root, "Submit").click();
    until("the conflict alert", || {
        text_of(&root, ".form-alert").is_some_and(|t| t.contains("changed elsewhere"))
    })
    .await;
    let after = local()
        .get_item(&store(prefix).record_key(original.id))
        .expect("get");
    assert_eq!(before, after, "nothing written");
    drop(handle);
    clear_prefix(prefix);
    assert_no_console_problems();
}

#[wasm_bindgen_test]
async fn edit_saves_and_returns_to_details() {
    let prefix = "bt-edit";
    clear_prefix(prefix);
    let original = customer(30, "Tailspin", "tailspin");
    store(prefix).save(&original).expect("save");
    let (root, handle) = mount(prefix, &format!("#/customers/{}/edit", original.id));
    until("the edit form", || {
        text(&root).contains("tailspin.partner.onmschina.cn")
    })
    .await;
    type_into(&root, "Company name", "Tailspin Toys");
    button(&root, "Submit").click();
    until("the details page", || {
        text_of(&root, "h1").as_deref() == Some("Tailspin Toys")
    })
    .await;
    let stored = store(prefix)
        .load_one(original.id)
        .expect("load")
        .expect("present");
    assert_eq!(stored.company_name(), "Tailspin Toys");
    assert_ne!(stored.etag(), original.etag(), "a write changes the etag");
    assert_eq!(stored.domain(), original.domain());
    drop(handle);
    clear_prefix(prefix);
    assert_no_console_problems();
}

#[wasm_bindgen_test]
fn the_browsers_lower_case_is_rusts() {
    use customer_accounts::model::list::casing::{lowercase, SAMPLES};
    for sample in SAMPLES {
        assert_eq!(lowercase(sample), sample.to_lowercase(), "{sample}");
    }
}

#[wasm_bindgen_test]
fn intl_agrees_with_the_number_and_plural_rules_the_app_uses() {
    use js_sys::{Array, Function, Intl, JsString, Object};
    use wasm_bindgen::JsValue;
    for lang in Lang::ALL {
        let locales = Array::of1(&JsString::from(lang.tag()));
        let format: Function = Intl::NumberFormat::new(&locales, &Object::new()).format();
        let plurals = Intl::PluralRules::new(&locales, &Object::new());
        for n in [0, 1, 2, 5, 999, 1_000, 5_000, 50_000, 1_234_567] {
            let by_intl = format
                .call1(&JsValue::NULL, &JsValue::from_f64(n as f64))
                .ok()
                .and_then(|text| text.as_string());
            assert_eq!(
                by_intl.as_deref(),
                Some(intl::number(lang, n).as_str()),
                "{lang:?} {n}"
            );
            assert_eq!(
                plurals.select(n as f64) == "one",
                intl::is_plural_one(lang, n),
                "{lang:?} {n}"
            );
        }
    }
    assert_eq!(intl::number(Lang::Pt, 50_000), "50.000");
    assert_eq!(messages::customer_count(Lang::Pt, 1, 1), "1 cliente");
    assert_eq!(messages::country_name(Lang::Zh, "CN"), "中国");
    assert_eq!(messages::country_name(Lang::Pt, "DE"), "Alemanha");
    assert_eq!(messages::country_name(Lang::En, "CN"), "China");
    assert!(messages::culture_name(Lang::Zh, "pt-BR").ends_with(" – pt-BR"));
    assert!(intl::compare(Lang::Pt, "Áustria", "Bélgica").is_lt());
    assert_no_console_problems();
}

#[wasm_bindgen_test]
async fn display_language_switches_at_once_keeps_what_was_typed_and_is_remembered() {
    let prefix = "bt-lang";
    clear_prefix(prefix);
    let (root, handle) = mount_in(prefix, "#/customers", "zh-CN");
    until("the list in Chinese", || {
        text_of(&root, "h1").as_deref() == Some("客户")
    })
    .await;
    let html = || {
        window()
            .document()
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
    };
    until("html lang zh-CN", || html().as_deref() == Some("zh-CN")).await;
    assert!(text(&root).contains("还没有客户"), "{}", text(&root));

    window()
        .location()
        .set_hash("#/customers/new")
        .expect("hash");
    until("the add form in Chinese", || {
        text_of(&root, "h1").as_deref() == Some("添加客户")
    })
    .await;
    type_into(&root, "公司名称", "Contoso 北京");
    choose(&root, "显示语言", "pt-BR");
    until("the add form in Portuguese", || {
        text_of(&root, "h1").as_deref() == Some("Adicionar cliente")
    })
    .await;
    let company: HtmlInputElement = by_label(&root, "Nome da empresa").unchecked_into();
    assert_eq!(company.value(), "Contoso 北京", "the typed value stays");
    until("html lang pt-BR", || html().as_deref() == Some("pt-BR")).await;
    assert_eq!(
        local().get_item(&format!("{prefix}:lang")).expect("get"),
        Some("pt-BR".into())
    );
    // The preference is not a record: the list still counts no customers and nothing is unreadable.
    assert!(!text(&root).contains("ilegíve"), "{}", text(&root));
    drop(handle);

    // The next visit starts in the remembered language, whatever the element asks for.
    let (root, handle) = mount_in(prefix, "#/customers", "zh-CN");
    until("the list in Portuguese", || {
        text_of(&root, "h1").as_deref() == Some("Clientes")
    })
    .await;
    choose(&root, "Idioma de exibição", "en-US");
    until("the list in English", || {
        text_of(&root, "h1").as_deref() == Some("Customers")
    })
    .await;
    drop(handle);
    clear_prefix(prefix);
    assert_no_console_problems();
}

/// A GET as the Partner Center calls send it.
fn api_get(url: &str) -> customer_accounts::partner_center::call::Request {
    customer_accounts::partner_center::call::Request {
        method: customer_accounts::partner_center::call::Method::Get,
        url: url.to_string(),
        headers: vec![
            ("Accept", "application/json".into()),
            ("MS-RequestId", Uuid::from_u128(1).to_string()),
        ],
        body: None,
    }
}

#[wasm_bindgen_test]
async fn partner_center_fetch_answers_with_any_status_and_its_body() {
    use customer_accounts::partner_center::fetch::Fetch;
    use customer_accounts::partner_center::operation::Transport;
    watch_console();
    let here = window().location().href().expect("the runner's address");
    let page = Fetch::default()
        .send(api_get(&here))
        .await
        .expect("the runner's page answers");
    assert_eq!(page.status, 200);
    assert!(!page.body.is_empty());
    assert_eq!(page.retry_after, None);
    // A status the caller judges (a free domain's 404) is an answer, not a failure.
    let missing = Fetch::default()
        .send(api_get("./no-such-file-for-partner-center"))
        .await
        .expect("an answer");
    assert_eq!(missing.status, 404);
    assert_no_console_problems();
}

#[wasm_bindgen_test]
async fn partner_center_fetch_tells_no_answer_a_late_one_and_a_bad_header_apart() {
    use customer_accounts::partner_center::answer::Failure;
    use customer_accounts::partner_center::fetch::Fetch;
    use customer_accounts::partner_center::operation::Transport;
    watch_console();
    let here = window().location().href().expect("the runner's address");
    // Nothing listens there (and browsers refuse the port): no answer at all.
    let refused = Fetch::default()
        .send(api_get("http://127.0.0.1:9/v1/customers"))
        .await;
    assert_eq!(refused, Err(Failure::Offline));
    // Given up before the answer can come.
    let late = Fetch {
        timeout_ms: 0,
        bearer: None,
    }
    .send(api_get(&here))
    .await;
    assert_eq!(late, Err(Failure::TimedOut));
    // A header value the browser refuses is the request's fault, never "offline".
    let mut bad = api_get(&here);
    bad.headers.push(("X-Locale", "en\r\nX-Other: 1".into()));
    assert_eq!(Fetch::default().send(bad).await, Err(Failure::Malformed));
    assert_no_console_problems();
}
