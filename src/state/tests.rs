//! The state's logic, natively: memory storage and stand-in services, no browser.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use leptos::prelude::*;
use uuid::Uuid;

use super::app::*;
use super::outcomes::*;
use super::services::{Guard, Question, Services};
use super::tabs::BATCH;
use super::writes::{loses, Turn, SETTLE};
use crate::locale::Lang;
use crate::model::exchange::{ImportIssue, ImportProblem};
use crate::model::form::tests::valid_details;
use crate::model::list::Listed;
use crate::model::{Cloud, Customer, ValidDetails, WriteStamp};
use crate::routing::Route;
use crate::storage::backend::memory::MemoryBackend;
use crate::storage::{format, legacy, DecodeError};
use crate::storage::{group_of, Backend, StorageError, Store, Upgrade, DEFAULT_PREFIX};

/// A timer the test runs when it chooses: its delay and what it does.
type Timer = (Duration, Box<dyn FnOnce() + Send>);

/// Deterministic ids and stamps, a scripted answer to questions, and timers that run when the test says so.
#[derive(Default)]
struct Fake {
    next: AtomicU64,
    answer: AtomicBool,
    hash: Mutex<String>,
    questions: Mutex<Vec<(Question, Lang)>>,
    timers: Mutex<Vec<Timer>>,
    broadcasts: Mutex<Vec<(String, Vec<String>)>>,
    /// Another tab's write, made right after the next critical step.
    meanwhile: Mutex<Option<Box<dyn FnOnce() + Send>>>,
    /// What happens while long work pauses (the person clicks Cancel, say).
    on_pause: Mutex<Option<Box<dyn FnMut() + Send>>>,
    pauses: AtomicU64,
    /// A page without Web Locks: locked steps run unguarded.
    unguarded: AtomicBool,
    /// The waits asked for, in order.
    slept: Mutex<Vec<Duration>>,
    /// The clock, in milliseconds, and how far it moves at each reading (a step that takes that long).
    clock: AtomicU64,
    tick: AtomicU64,
}

impl Fake {
    fn run_timers(&self) -> Vec<Duration> {
        let timers: Vec<_> = self
            .timers
            .lock()
            .map(|mut t| t.drain(..).collect())
            .unwrap_or_default();
        timers
            .into_iter()
            .map(|(delay, run)| {
                run();
                delay
            })
            .collect()
    }

    fn questions(&self) -> Vec<(Question, Lang)> {
        self.questions.lock().map(|q| q.clone()).unwrap_or_default()
    }
}

impl Services for Fake {
    fn new_uuid(&self) -> Uuid {
        Uuid::from_u128(1000 + u128::from(self.next.fetch_add(1, Ordering::Relaxed)))
    }

    fn stamp(&self) -> WriteStamp {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        WriteStamp {
            etag: format!("etag-{n}"),
            now: format!("2026-11-25T10:00:{:02}.000Z", n % 60),
        }
    }

    fn current_hash(&self) -> String {
        self.hash.lock().map(|h| h.clone()).unwrap_or_default()
    }

    fn set_hash(&self, hash: &str) {
        if let Ok(mut h) = self.hash.lock() {
            *h = hash.to_string();
        }
    }

    fn confirm(&self, question: Question, lang: Lang) -> bool {
        if let Ok(mut q) = self.questions.lock() {
            q.push((question, lang));
        }
        self.answer.load(Ordering::Relaxed)
    }

    fn after(&self, delay: Duration, run: Box<dyn FnOnce() + Send>) {
        if let Ok(mut t) = self.timers.lock() {
            t.push((delay, run));
        }
    }

    fn locked(
        &self,
        _name: &str,
        critical: Box<dyn FnOnce()>,
    ) -> Pin<Box<dyn Future<Output = Guard>>> {
        // One thread, one instance: the critical step cannot interleave with another, unless the test makes
        // "another tab" write right after it.
        critical();
        let meanwhile = self.meanwhile.lock().ok().and_then(|mut m| m.take());
        if let Some(meanwhile) = meanwhile {
            meanwhile();
        }
        let guard = if self.unguarded.load(Ordering::Relaxed) {
            Guard::Unguarded
        } else {
            Guard::WebLock
        };
        Box::pin(std::future::ready(guard))
    }

    fn now_ms(&self) -> f64 {
        let tick = self.tick.load(Ordering::Relaxed);
        self.clock.fetch_add(tick, Ordering::Relaxed) as f64
    }

    fn sleep(&self, delay: Duration) -> Pin<Box<dyn Future<Output = ()>>> {
        if let Ok(mut slept) = self.slept.lock() {
            slept.push(delay);
        }
        Box::pin(std::future::ready(()))
    }

    fn broadcast(&self, channel: &str, keys: Vec<String>) {
        if let Ok(mut b) = self.broadcasts.lock() {
            b.push((channel.to_string(), keys));
        }
    }

    fn pause(&self) -> Pin<Box<dyn Future<Output = ()>>> {
        self.pauses.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut hook) = self.on_pause.lock() {
            if let Some(hook) = hook.as_mut() {
                hook();
            }
        }
        Box::pin(std::future::ready(()))
    }
}

/// Runs a future that never waits on anything outside it (the stand-in services resolve at once) to its end.
fn run<T>(future: impl Future<Output = T>) -> T {
    let mut future = std::pin::pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut context) {
        Poll::Ready(value) => value,
        Poll::Pending => panic!("the operation waited on something the test does not provide"),
    }
}

struct Setup {
    state: AppState,
    backend: Arc<MemoryBackend>,
    fake: Arc<Fake>,
}

fn setup_with(backend: MemoryBackend) -> Setup {
    let backend = Arc::new(backend);
    let fake = Arc::new(Fake::default());
    let state = AppState::with_backend(
        AppConfig::default(),
        backend.clone(),
        fake.clone(),
        Vec::new(),
    );
    run(state.check_rows());
    Setup {
        state,
        backend,
        fake,
    }
}

fn setup() -> Setup {
    setup_with(MemoryBackend::default())
}

fn names(state: &AppState) -> Vec<String> {
    state
        .customers
        .get_untracked()
        .iter()
        .map(|c| c.summary().company_name().to_string())
        .collect()
}

fn details_named(company: &str) -> ValidDetails {
    ValidDetails {
        company_name: company.into(),
        ..valid_details()
    }
}

/// Another tab's write, straight into storage (this state's memory does not know of it).
/// Saves a customer as another tab (or element) would: through its own store over the same storage.
fn write_elsewhere(backend: &Arc<MemoryBackend>, customer: &Customer) {
    let elsewhere = Store::new(DEFAULT_PREFIX, backend.clone());
    assert_eq!(elsewhere.save(customer), Ok(()));
}

fn other_customer(n: u128, prefix: &str, company: &str) -> Customer {
    Customer::create(
        Uuid::from_u128(n),
        Cloud::default(),
        prefix,
        details_named(company),
        WriteStamp {
            etag: format!("elsewhere-{n}"),
            now: "2026-11-25T09:00:00.000Z".into(),
        },
    )
}

#[test]
fn loads_what_is_stored_sorted_and_starts_at_the_address() {
    let backend = Arc::new(MemoryBackend::default());
    write_elsewhere(&backend, &other_customer(1, "zeta", "Zeta"));
    write_elsewhere(&backend, &other_customer(2, "alpha", "alpha"));
    let fake = Arc::new(Fake::default());
    fake.set_hash("#/customers/new");
    let state = AppState::with_backend(AppConfig::default(), backend, fake, Vec::new());
    assert_eq!(names(&state), ["alpha", "Zeta"]);
    assert_eq!(state.route.get_untracked(), Route::New);
}

#[test]
fn a_load_sorts_the_first_page_then_the_rest_and_another_tabs_change_finds_its_place() {
    let backend = Arc::new(MemoryBackend::default());
    let elsewhere = Store::new(DEFAULT_PREFIX, backend.clone());
    let count = FRONT as u128 + 50;
    // Stored in an order unlike the list's.
    let customers: Vec<Customer> = (0..count)
        .map(|n| {
            other_customer(
                n + 1,
                &format!("c{n}"),
                &format!("Company {:03}", (n * 37) % count),
            )
        })
        .collect();
    assert_eq!(elsewhere.save_all(&customers), Ok(()));
    let fake = Arc::new(Fake::default());
    let state = AppState::with_backend(AppConfig::default(), backend.clone(), fake, Vec::new());
    let mut expected: Vec<String> = customers
        .iter()
        .map(|c| c.company_name().to_string())
        .collect();
    expected.sort();
    assert_eq!(
        names(&state),
        expected[..FIRST_PAGE],
        "the first page's worth, in order: the rest waits for the list to paint"
    );
    assert_eq!(state.loading_total.get_untracked(), Some(count as usize));

    // The list has painted: every customer, in order.
    state.finish_load();
    assert_eq!(names(&state), expected);
    assert_eq!(state.loading_total.get_untracked(), None);
    assert!(state.unreadable.get_untracked().is_empty());

    // Loaded again, at another page: everything at once, only the first page's worth in order.
    let fake = Arc::new(Fake::default());
    fake.set_hash("#/customers/new");
    let state = AppState::with_backend(AppConfig::default(), backend.clone(), fake, Vec::new());
    assert_eq!(names(&state).len(), customers.len());
    assert_eq!(names(&state)[..FRONT], expected[..FRONT]);
    assert_ne!(names(&state), expected, "the rest is sorted once painted");
    assert_eq!(state.loading_total.get_untracked(), None);

    // Another tab's customer arrives before the list has painted: the rest is sorted first, so that the binary
    // search finds its place.
    write_elsewhere(&backend, &other_customer(9_999, "early", "Company 000a"));
    state.note_change(Some(elsewhere.record_key(Uuid::from_u128(9_999))));
    state.apply_pending();
    expected.insert(1, "Company 000a".into());
    assert_eq!(names(&state), expected);
    // Once is enough: a second call changes nothing.
    state.finish_load();
    assert_eq!(names(&state), expected);
}

#[test]
fn add_stores_first_then_lists_and_refuses_a_domain_taken_in_storage() {
    let Setup { state, backend, .. } = setup();
    let added = run(state.add("contoso", details_named("Contoso")));
    let Ok(added) = added else {
        panic!("add failed: {added:?}")
    };
    assert_eq!(added.domain(), "contoso.partner.onmschina.cn");
    assert_eq!(state.store.load_one(added.id), Ok(Some(added.clone())));
    assert_eq!(names(&state), ["Contoso"]);

    // Another tab stored "fabrikam" a moment ago; this tab's memory does not know yet.
    write_elsewhere(&backend, &other_customer(7, "fabrikam", "Fabrikam"));
    assert!(!state.is_domain_taken("fabrikam.partner.onmschina.cn"));
    let before = backend.snapshot();
    assert_eq!(
        run(state.add("FABRIKAM", details_named("Fabrikam Two"))),
        Err(AddError::DomainTaken)
    );
    assert_eq!(backend.snapshot(), before, "nothing written");
    assert!(
        state.is_domain_taken("fabrikam.partner.onmschina.cn"),
        "memory caught up"
    );
    assert_eq!(names(&state), ["Contoso", "Fabrikam"]);
}

#[test]
fn add_on_a_full_storage_changes_neither_storage_nor_memory() {
    let Setup { state, backend, .. } = setup_with(MemoryBackend::with_quota(100));
    let before = backend.snapshot();
    assert_eq!(
        run(state.add("contoso", details_named("Contoso"))),
        Err(AddError::Storage(StorageError::QuotaExceeded))
    );
    assert_eq!(backend.snapshot(), before);
    assert_eq!(names(&state), Vec::<String>::new());
}

#[test]
fn an_edit_checks_the_stored_etag_and_a_removed_customer() {
    let Setup { state, backend, .. } = setup();
    let Ok(added) = run(state.add("contoso", details_named("Contoso"))) else {
        panic!("add failed")
    };
    let saved = run(state.update(added.id, added.etag(), details_named("Contoso Ltd")));
    let Ok(saved) = saved else {
        panic!("update failed: {saved:?}")
    };
    assert_ne!(saved.etag(), added.etag());
    assert_eq!(names(&state), ["Contoso Ltd"]);

    // The form was opened on the first version: refused, with the stored one, and nothing written.
    let before = backend.snapshot();
    assert_eq!(
        run(state.update(added.id, added.etag(), details_named("Stale"))),
        Err(SaveError::ChangedElsewhere(Box::new(saved.clone())))
    );
    assert_eq!(backend.snapshot(), before);

    // Removed in another tab: not written back.
    assert_eq!(state.store.remove(added.id), Ok(()));
    assert_eq!(
        run(state.update(added.id, saved.etag(), details_named("Ghost"))),
        Err(SaveError::NotFound)
    );
    assert_eq!(state.store.load_one(added.id), Ok(None));
}

#[test]
fn remove_offers_undo_until_the_next_action_and_undo_restores_exactly() {
    let Setup { state, fake, .. } = setup();
    let Ok(added) = run(state.add("contoso", details_named("Contoso"))) else {
        panic!("add failed")
    };
    assert_eq!(run(state.remove(added.id)), Ok(()));
    assert_eq!(state.store.load_one(added.id), Ok(None));
    assert_eq!(names(&state), Vec::<String>::new());
    assert_eq!(
        state.removed.get_untracked().map(|r| r.customer),
        Some(added.clone())
    );
    assert_eq!(run(state.undo_remove()), Ok(Some(added.clone())));
    assert_eq!(state.store.load_one(added.id), Ok(Some(added.clone())));
    assert_eq!(state.removed.get_untracked(), None);

    // No timer ends the offer: it stays however long the person takes.
    assert_eq!(run(state.remove(added.id)), Ok(()));
    assert!(fake.run_timers().is_empty());
    assert!(state.removed.get_untracked().is_some());
    // The next action ends it.
    assert!(run(state.add("fabrikam", details_named("Fabrikam"))).is_ok());
    assert_eq!(state.removed.get_untracked(), None);
    assert_eq!(run(state.undo_remove()), Ok(None));
    // So does Dismiss.
    let Some(fabrikam) = state.customers.get_untracked().first().cloned() else {
        panic!("nothing listed")
    };
    assert_eq!(run(state.remove(fabrikam.id())), Ok(()));
    assert!(state.removed.get_untracked().is_some());
    state.dismiss_undo();
    assert_eq!(state.removed.get_untracked(), None);
    assert_eq!(
        state.store.load_one(fabrikam.id()),
        Ok(None),
        "dismissed, still removed"
    );
}

#[test]
fn undo_after_the_domain_was_taken_again_refuses_and_writes_nothing() {
    let Setup { state, backend, .. } = setup();
    let Ok(added) = run(state.add("contoso", details_named("Contoso"))) else {
        panic!("add failed")
    };
    assert_eq!(run(state.remove(added.id)), Ok(()));
    write_elsewhere(&backend, &other_customer(8, "contoso", "Contoso Again"));
    let before = backend.snapshot();
    assert_eq!(run(state.undo_remove()), Err(AddError::DomainTaken));
    assert_eq!(backend.snapshot(), before);
    assert_eq!(names(&state), ["Contoso Again"]);
    assert!(state.removed.get_untracked().is_some(), "still offered");
}

#[test]
fn other_tabs_changes_apply_record_by_record() {
    let Setup {
        state,
        backend,
        fake,
    } = setup();
    let one = other_customer(1, "one", "One");
    let raw = legacy::encode(&one).unwrap_or_default();
    let key = format!("{DEFAULT_PREFIX}:customer:{}", one.id);
    // Another tab writes `value` under `key` (None: removes it), and this one hears of it.
    let elsewhere = |key: &str, value: Option<&str>| {
        let _ = match value {
            Some(value) => backend.set(key, value),
            None => backend.remove(key),
        };
        state.note_change(Some(key.to_string()));
        fake.run_timers();
    };
    elsewhere(&key, Some(&raw));
    assert_eq!(names(&state), ["One"]);
    elsewhere("another-app", Some("whatever"));
    assert_eq!(names(&state), ["One"]);

    // Broken by another tab: it leaves the list and is reported.
    elsewhere(&key, Some("{broken"));
    assert_eq!(names(&state), Vec::<String>::new());
    assert_eq!(
        state
            .unreadable
            .get_untracked()
            .iter()
            .map(|u| u.raw.clone())
            .collect::<Vec<_>>(),
        ["{broken"]
    );
    // Repaired: back in the list, no longer reported.
    elsewhere(&key, Some(&raw));
    assert_eq!(names(&state), ["One"]);
    assert!(state.unreadable.get_untracked().is_empty());
    elsewhere(&key, None);
    assert_eq!(names(&state), Vec::<String>::new());

    // Cleared (key None): everything is read again.
    write_elsewhere(&backend, &other_customer(2, "two", "Two"));
    state.note_change(None);
    fake.run_timers();
    assert_eq!(names(&state), ["Two"]);
}

#[test]
fn edits_and_other_tabs_changes_keep_the_list_in_order() {
    let Setup {
        state,
        backend,
        fake,
    } = setup();
    for name in ["Delta", "Bravo", "Echo", "Alpha"] {
        let Ok(_) = run(state.add(&name.to_lowercase(), details_named(name))) else {
            panic!("add {name} failed")
        };
    }
    assert_eq!(names(&state), ["Alpha", "Bravo", "Delta", "Echo"]);
    // Renamed: it moves to its new place, and nothing else moves.
    let Some(bravo) = state
        .customers
        .with_untracked(|list| list.get(1).map(|r| r.id()))
    else {
        panic!("no second row")
    };
    let Some(stored) = state.customer(bravo) else {
        panic!("Bravo is not readable")
    };
    let Ok(_) = run(state.update(bravo, stored.etag(), details_named("Foxtrot"))) else {
        panic!("update failed")
    };
    assert_eq!(names(&state), ["Alpha", "Delta", "Echo", "Foxtrot"]);
    // Another tab adds one and renames one: each lands at its place.
    write_elsewhere(&backend, &other_customer(90, "charlie", "Charlie"));
    state.note_change(Some(state.store.record_key(Uuid::from_u128(90))));
    fake.run_timers();
    assert_eq!(
        names(&state),
        ["Alpha", "Charlie", "Delta", "Echo", "Foxtrot"]
    );
    write_elsewhere(&backend, &other_customer(90, "charlie", "Zulu"));
    state.note_change(Some(state.store.record_key(Uuid::from_u128(90))));
    fake.run_timers();
    assert_eq!(names(&state), ["Alpha", "Delta", "Echo", "Foxtrot", "Zulu"]);
}

#[test]
fn import_is_all_or_nothing_and_never_writes_over_an_unreadable_record() {
    let two = [
        other_customer(1, "one", "One"),
        other_customer(2, "two", "Two"),
    ];
    let one_record = "customer-accounts:g000".len()
        + format::record_text(&two[0]).map_or(0, |t| t.chars().count() + 1);
    let quota = "customer-accounts:meta{\"schemaVersion\":3}".len() + one_record + 20;
    let Setup { state, backend, .. } = setup_with(MemoryBackend::with_quota(quota));
    let Ok(file) = crate::model::exchange::export_json(&two) else {
        panic!("export failed")
    };
    // Room for one record, not both: nothing stays, memory unchanged.
    let before = backend.snapshot();
    assert_eq!(
        run(state.import(&file)),
        Err(ImportError::Storage(StorageError::QuotaExceeded))
    );
    assert!(backend.write_count() > 0, "something was written first");
    assert_eq!(backend.snapshot(), before);
    assert_eq!(names(&state), Vec::<String>::new());

    // An unreadable value under the second id: refused by name, nothing written.
    let Setup { state, backend, .. } = setup();
    let key = format!("{DEFAULT_PREFIX}:customer:{}", two[1].id);
    assert_eq!(backend.set(&key, "{broken"), Ok(()));
    let before: BTreeMap<_, _> = backend.snapshot();
    let Err(ImportError::Problems(problems)) = run(state.import(&file)) else {
        panic!("accepted over an unreadable record")
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].record, Some(2));
    assert_eq!(backend.snapshot(), before);

    // A clean store takes both, and lists them.
    let Setup { state, .. } = setup();
    assert_eq!(run(state.import(&file)), Ok(2));
    assert_eq!(names(&state), ["One", "Two"]);
}

#[test]
fn demo_customers_are_added_once_and_all_or_nothing() {
    let Setup { state, .. } = setup();
    assert_eq!(
        run(state.load_demo()),
        Ok(DemoOutcome {
            added: 12,
            ..DemoOutcome::default()
        })
    );
    assert_eq!(state.customers.get_untracked().len(), 12);
    assert_eq!(
        run(state.load_demo()),
        Ok(DemoOutcome {
            skipped: 12,
            ..DemoOutcome::default()
        })
    );

    let Setup { state, backend, .. } = setup_with(MemoryBackend::with_quota(600));
    let before = backend.snapshot();
    assert_eq!(run(state.load_demo()), Err(StorageError::QuotaExceeded));
    assert!(backend.write_count() > 1, "some were written first");
    assert_eq!(backend.snapshot(), before);
    assert!(state.customers.get_untracked().is_empty());
}

#[test]
fn a_record_of_a_newer_format_is_never_discarded_and_keeps_its_domain() {
    let backend = MemoryBackend::default();
    // A group a newer version wrote (format 4), and a record of a newer schema under its own key.
    assert_eq!(
        backend.set(&format!("{DEFAULT_PREFIX}:g123"), "4abc"),
        Ok(())
    );
    let newer = other_customer(3, "newer", "Newer");
    let raw = legacy::encode(&newer)
        .unwrap_or_default()
        .replace("\"schemaVersion\":1", "\"schemaVersion\":9");
    let newer_key = format!("{DEFAULT_PREFIX}:customer:{}", newer.id);
    assert_eq!(backend.set(&newer_key, &raw), Ok(()));
    // And one that is damaged.
    let damaged_key = format!("{DEFAULT_PREFIX}:customer:{}", Uuid::from_u128(4));
    assert_eq!(backend.set(&damaged_key, "{broken"), Ok(()));
    let Setup { state, backend, .. } = setup_with(backend);
    let newer_ones: Vec<bool> = state
        .unreadable
        .get_untracked()
        .iter()
        .map(|u| u.error.is_newer())
        .collect();
    assert_eq!(
        newer_ones.iter().filter(|n| **n).count(),
        2,
        "{newer_ones:?}"
    );
    assert!(state.is_domain_taken("newer.partner.onmschina.cn"));

    // Discard removes the damaged one only.
    assert_eq!(run(state.discard_unreadable()), Ok(1));
    let left = backend.snapshot();
    assert!(!left.contains_key(&damaged_key));
    assert_eq!(left.get(&newer_key), Some(&raw));
    assert_eq!(
        left.get(&format!("{DEFAULT_PREFIX}:g123"))
            .map(String::as_str),
        Some("4abc")
    );
    assert_eq!(state.unreadable.get_untracked().len(), 2);
    assert!(state.is_domain_taken("newer.partner.onmschina.cn"));
}

#[test]
fn discard_and_remove_all_touch_only_this_prefix() {
    let Setup { state, backend, .. } = setup();
    let Ok(_) = run(state.add("contoso", details_named("Contoso"))) else {
        panic!("add failed")
    };
    let broken = format!("{DEFAULT_PREFIX}:customer:{}", Uuid::from_u128(5));
    assert_eq!(backend.set(&broken, "{broken"), Ok(()));
    assert_eq!(backend.set("customer-accounts-other:meta", "x"), Ok(()));
    state.reload();
    assert_eq!(state.unreadable.get_untracked().len(), 1);
    assert_eq!(run(state.discard_unreadable()), Ok(1));
    assert_eq!(backend.get(&broken), Ok(None));
    assert_eq!(
        run(state.remove_all()),
        Ok(2),
        "the record and the version key"
    );
    assert_eq!(
        backend.snapshot().keys().cloned().collect::<Vec<_>>(),
        ["customer-accounts-other:meta"]
    );
    assert!(state.customers.get_untracked().is_empty());
}

#[test]
fn navigating_a_page_sets_the_address_and_unsaved_changes_are_tracked() {
    let Setup { state, fake, .. } = setup();
    state.navigate(Route::New);
    assert_eq!(
        fake.current_hash(),
        Route::New.href(),
        "a page of its own: the hash"
    );
    let pending = RwSignal::new(true);
    state.guard_unsaved(pending.into());
    assert!(state.has_unsaved_changes());
    pending.set(false);
    assert!(!state.has_unsaved_changes());
    // On a page of its own the question is the hashchange listener's: navigating only sets the address.
    pending.set(true);
    state.navigate(Route::List);
    assert_eq!(fake.current_hash(), Route::List.href());
    assert!(fake.questions().is_empty());
}

#[test]
fn an_unreadable_record_reserves_its_id_and_domain_everywhere() {
    let backend = MemoryBackend::default();
    let newer = other_customer(3, "reserved", "Reserved");
    let raw = legacy::encode(&newer)
        .unwrap_or_default()
        .replace("\"schemaVersion\":1", "\"schemaVersion\":9");
    assert_eq!(
        backend.set(&format!("{DEFAULT_PREFIX}:customer:{}", newer.id), &raw),
        Ok(())
    );
    // A demo customer's domain, held by a broken record.
    let demo_domain = "contosodemo.partner.onmschina.cn";
    let broken = format!(
        "{{\"schemaVersion\":1,\"customer\":{{\"companyProfile\":{{\"domain\":\"{demo_domain}\""
    );
    assert_eq!(
        backend.set(
            &format!("{DEFAULT_PREFIX}:customer:{}", Uuid::from_u128(4)),
            &broken
        ),
        Ok(())
    );
    let Setup { state, backend, .. } = setup_with(backend);
    assert_eq!(state.unreadable.get_untracked().len(), 2);

    // As the user types: taken.
    assert!(state.is_domain_taken("reserved.partner.onmschina.cn"));
    let before = backend.snapshot();
    assert_eq!(
        run(state.add("reserved", details_named("Again"))),
        Err(AddError::DomainTaken)
    );
    assert_eq!(backend.snapshot(), before);

    // Import: refused by id and by domain.
    let Ok(file) = crate::model::exchange::export_json(std::slice::from_ref(&newer)) else {
        panic!("export failed")
    };
    let Err(ImportError::Problems(problems)) = run(state.import(&file)) else {
        panic!("imported over an unreadable record")
    };
    assert_eq!(
        problems,
        [
            ImportProblem {
                record: Some(1),
                issue: ImportIssue::IdUnreadable
            },
            ImportProblem {
                record: Some(1),
                issue: ImportIssue::DomainUnreadable("reserved.partner.onmschina.cn".into())
            }
        ]
    );
    assert_eq!(backend.snapshot(), before);

    // Demo data: the demo customer on the held domain is named, the others are added.
    let Ok(outcome) = run(state.load_demo()) else {
        panic!("demo load failed")
    };
    assert_eq!(outcome.added, 11);
    assert_eq!(outcome.reserved.len(), 1, "{outcome:?}");
    assert!(!state
        .customers
        .get_untracked()
        .iter()
        .any(|c| c.summary().domain() == demo_domain));
}

#[test]
fn an_add_race_lost_behind_a_lagging_copy_of_storage_is_taken_back() {
    let Setup {
        state,
        backend,
        fake,
    } = setup();
    // Another tab stores the same domain between this tab's check-and-write and its verification.
    let rival = other_customer(5, "contoso", "Rival");
    race_with(&fake, &backend, &rival);
    assert_eq!(
        run(state.add("contoso", details_named("Contoso"))),
        Err(AddError::DomainTaken)
    );
    let stored = state.store.load().map(|l| l.customers).unwrap_or_default();
    assert_eq!(stored, vec![rival], "only one customer has the domain");
    assert_eq!(names(&state), ["Rival"]);
}

#[test]
fn an_add_checks_memory_and_the_keys_other_tabs_changed_without_reading_every_group() {
    let Setup { state, backend, .. } = setup();
    assert!(run(state.add("contoso", details_named("Contoso"))).is_ok());
    // Another tab stored a customer; its storage event was noted, not yet applied to memory.
    let rival = other_customer(5, "fabrikam", "Fabrikam");
    write_elsewhere(&backend, &rival);
    state.note_key(Some(state.store.record_key(rival.id)));
    let writes = backend.write_count();
    // Refused before writing: the noted key is read again.
    assert_eq!(
        run(state.add("fabrikam", details_named("Again"))),
        Err(AddError::DomainTaken)
    );
    // And a domain memory holds is refused before writing too.
    assert_eq!(
        run(state.add("contoso", details_named("Again"))),
        Err(AddError::DomainTaken)
    );
    assert_eq!(backend.write_count(), writes, "nothing was written");
}

#[test]
fn an_export_never_passes_the_first_page_off_as_the_whole_store() {
    let backend = Arc::new(MemoryBackend::default());
    let elsewhere = Store::new(DEFAULT_PREFIX, backend.clone());
    let customers: Vec<Customer> = (0..FRONT as u128 + 50)
        .map(|n| other_customer(n + 1, &format!("c{n}"), &format!("Company {n:03}")))
        .collect();
    assert_eq!(elsewhere.save_all(&customers), Ok(()));
    let state = AppState::with_backend(
        AppConfig::default(),
        backend.clone(),
        Arc::new(Fake::default()),
        Vec::new(),
    );
    assert_eq!(
        names(&state).len(),
        FIRST_PAGE,
        "only the first page is read"
    );
    // The rest cannot be read now: the export says why, instead of writing the first page alone.
    backend.failing.store(true, Ordering::Relaxed);
    assert_eq!(
        state.all_customers(),
        Err(StorageError::Failed("the storage could not be read".into()))
    );
    // Once it can be read again, the export has every customer.
    backend.failing.store(false, Ordering::Relaxed);
    assert_eq!(
        state.all_customers().map(|all| all.len()),
        Ok(customers.len())
    );
}

#[test]
fn without_web_locks_the_smallest_id_keeps_a_raced_domain_and_every_tab_agrees() {
    let (a, b, c) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
    // Under the lock, any other owner was there first; a long step without it gives way in the same way.
    for turn in [Turn::Locked, Turn::Long] {
        assert!(loses(&[a, b], b, turn));
        assert!(loses(&[a, b], a, turn));
        assert!(!loses(&[b], b, turn));
    }
    // Without it, each quick writer sees the same owners, and exactly one of them keeps the domain.
    for owners in [vec![a, b], vec![b, a], vec![c, a, b]] {
        let keepers: Vec<_> = owners
            .iter()
            .filter(|id| !loses(&owners, **id, Turn::Quick))
            .collect();
        assert_eq!(keepers, [&a], "{owners:?}");
    }
    assert!(!loses(&[b], b, Turn::Quick));
}

/// Another tab's record of `domain`, stored (as if it arrived late) right after this tab's next locked write.
fn race_with(fake: &Fake, backend: &Arc<MemoryBackend>, rival: &Customer) {
    let rival_backend = backend.clone();
    let rival_copy = rival.clone();
    if let Ok(mut m) = fake.meanwhile.lock() {
        *m = Some(Box::new(move || {
            write_elsewhere(&rival_backend, &rival_copy)
        }));
    }
}

#[test]
fn without_web_locks_an_add_waits_for_the_other_tabs_then_settles_by_id() {
    // The rival's id is smaller (this tab's ids start at 1000): this add takes its record back.
    let Setup {
        state,
        backend,
        fake,
    } = setup();
    fake.unguarded.store(true, Ordering::Relaxed);
    let rival = other_customer(5, "contoso", "Rival");
    race_with(&fake, &backend, &rival);
    assert_eq!(
        run(state.add("contoso", details_named("Contoso"))),
        Err(AddError::DomainTaken)
    );
    assert_eq!(
        fake.slept.lock().map(|s| s.clone()).ok(),
        Some(vec![SETTLE])
    );
    let stored = state.store.load().map(|l| l.customers).unwrap_or_default();
    assert_eq!(stored, vec![rival]);

    // The rival's id is larger: this add keeps the domain (the rival's tab, seeing the same two, takes its own back).
    let Setup {
        state,
        backend,
        fake,
    } = setup();
    fake.unguarded.store(true, Ordering::Relaxed);
    race_with(&fake, &backend, &other_customer(5_000, "contoso", "Rival"));
    let Ok(added) = run(state.add("contoso", details_named("Contoso"))) else {
        panic!("the smaller id lost")
    };
    assert_eq!(
        state.store.owners_of(added.domain()).map(|o| o.len()),
        Ok(2)
    );
    assert_eq!(names(&state), ["Contoso"]);

    // A step that took longer than LONG_STEP_MS gives way even to a larger id: that tab may have checked before
    // this one's write arrived.
    let Setup {
        state,
        backend,
        fake,
    } = setup();
    fake.unguarded.store(true, Ordering::Relaxed);
    fake.tick.store(200, Ordering::Relaxed);
    let rival = other_customer(5_000, "contoso", "Rival");
    race_with(&fake, &backend, &rival);
    assert_eq!(
        run(state.add("contoso", details_named("Contoso"))),
        Err(AddError::DomainTaken)
    );
    let stored = state.store.load().map(|l| l.customers).unwrap_or_default();
    assert_eq!(stored, vec![rival]);

    // Under the Web Lock, nothing waits.
    let Setup { state, fake, .. } = setup();
    assert!(run(state.add("fabrikam", details_named("Fabrikam"))).is_ok());
    assert_eq!(fake.slept.lock().map(|s| s.len()).ok(), Some(0));
}

#[test]
fn without_web_locks_an_edit_overwritten_meanwhile_is_reported_and_an_import_yields() {
    let Setup {
        state,
        backend,
        fake,
    } = setup();
    let Ok(added) = run(state.add("contoso", details_named("Contoso"))) else {
        panic!("add failed")
    };
    fake.unguarded.store(true, Ordering::Relaxed);
    // Another tab's edit of the same version lands right after this one's.
    let mut theirs = added.clone();
    theirs.billing_profile.default_address.city = "Shanghai".into();
    theirs.billing_profile.attributes.etag = "theirs".into();
    race_with(&fake, &backend, &theirs);
    let mut details = details_named("Contoso");
    details.city = "Beijing".into();
    assert_eq!(
        run(state.update(added.id, added.etag(), details)),
        Err(SaveError::ChangedElsewhere(Box::new(theirs.clone())))
    );
    assert_eq!(
        fake.slept.lock().map(|s| s.clone()).ok(),
        Some(vec![SETTLE])
    );

    // An import racing an add whose record has a smaller id: the import yields, whole.
    let Setup {
        state,
        backend,
        fake,
    } = setup();
    fake.unguarded.store(true, Ordering::Relaxed);
    let file_records = [
        other_customer(7_000, "one", "One"),
        other_customer(7_001, "two", "Two"),
    ];
    let Ok(file) = crate::model::exchange::export_json(&file_records) else {
        panic!("export failed")
    };
    let rival = other_customer(5, "two", "Rival");
    race_with(&fake, &backend, &rival);
    let Err(ImportError::Problems(problems)) = run(state.import(&file)) else {
        panic!("the import kept a domain it lost")
    };
    assert_eq!(problems, vec![ImportProblem::file(ImportIssue::Race)]);
    let stored = state.store.load().map(|l| l.customers).unwrap_or_default();
    assert_eq!(stored, vec![rival]);
}

#[test]
fn remove_and_undo_act_on_the_stored_record_not_a_stale_copy() {
    let Setup { state, backend, .. } = setup();
    let Ok(added) = run(state.add("contoso", details_named("Contoso"))) else {
        panic!("add failed")
    };
    // Another element of this page saved an edit; this instance's memory still has the old copy.
    let mut edited = added.clone();
    edited.billing_profile.default_address.city = "Shanghai".into();
    edited.billing_profile.attributes.etag = "edited-elsewhere".into();
    write_elsewhere(&backend, &edited);
    assert_eq!(run(state.remove(added.id)), Ok(()));
    assert_eq!(
        state.removed.get_untracked().map(|r| r.customer),
        Some(edited.clone())
    );
    assert_eq!(run(state.undo_remove()), Ok(Some(edited.clone())));
    assert_eq!(
        state.store.load_one(added.id),
        Ok(Some(edited)),
        "the edit survives"
    );
}

#[test]
fn writes_are_announced_to_the_document_and_bursts_apply_in_batches() {
    let Setup {
        state,
        backend,
        fake,
    } = setup();
    let Ok(added) = run(state.add("contoso", details_named("Contoso"))) else {
        panic!("add failed")
    };
    let broadcasts = fake
        .broadcasts
        .lock()
        .map(|b| b.clone())
        .unwrap_or_default();
    assert_eq!(
        broadcasts,
        [(
            "customer-accounts:customer-accounts".to_string(),
            vec![format!("customer-accounts:g{:x}", group_of(added.id))]
        )]
    );

    // Another tab writes 600 records at once: noted one by one, applied in batches of BATCH.
    let count = 600;
    for n in 0..count {
        let customer = other_customer(10_000 + n, &format!("bulk{n}"), &format!("Bulk {n}"));
        write_elsewhere(&backend, &customer);
        state.note_change(Some(state.store.record_key(customer.id)));
    }
    assert_eq!(
        names(&state).len(),
        1,
        "nothing applied before the batch runs"
    );
    let mut rounds = 0;
    while !fake.run_timers().is_empty() {
        rounds += 1;
    }
    assert_eq!(rounds, (count as usize).div_ceil(BATCH));
    assert_eq!(names(&state).len(), count as usize + 1);
}

#[test]
fn an_older_store_is_upgraded_in_place_with_nothing_lost() {
    let backend = Arc::new(MemoryBackend::default());
    let _ = backend.set("customer-accounts:meta", r#"{"schemaVersion":1}"#);
    for (n, prefix, name) in [(1, "zeta", "Zeta"), (2, "alpha", "alpha")] {
        let customer = other_customer(n, prefix, name);
        let key = format!("{DEFAULT_PREFIX}:customer:{}", customer.id);
        assert_eq!(
            backend.set(&key, &legacy::encode(&customer).unwrap_or_default()),
            Ok(())
        );
    }
    let fake = Arc::new(Fake::default());
    let state = AppState::with_backend(AppConfig::default(), backend.clone(), fake, Vec::new());
    assert_eq!(names(&state), ["alpha", "Zeta"], "read where they are");
    // Read at once here (the reader is always there without the split build): nothing waits for it.
    assert!(!state.waiting_for_reader());
    assert!(!state.older_unread());
    // Their reader, or the read again, did not load (a split build offline): an import or the demo customers must
    // read them first, until a read again has.
    state.older_not_read();
    assert!(state.older_unread());
    assert!(state
        .notices
        .get_untracked()
        .contains(&Notice::OlderNotRead));
    state.reload();
    assert!(!state.older_unread());
    assert!(
        !state
            .notices
            .get_untracked()
            .contains(&Notice::OlderNotRead),
        "read now: the notice is gone"
    );
    assert_eq!(names(&state), ["alpha", "Zeta"]);
    let before = state.customers.get_untracked();
    assert_eq!(
        run(state.upgrade_store()),
        Ok(Upgrade {
            moved: 2,
            left: 0,
            sorted: 0
        })
    );
    assert_eq!(state.customers.get_untracked(), before);
    assert!(!backend.snapshot().keys().any(|k| k.contains(":customer:")));
    assert_eq!(
        run(state.upgrade_store()),
        Ok(Upgrade::default()),
        "once only"
    );
}

#[test]
fn a_large_import_shows_progress_pauses_and_cancel_writes_nothing() {
    let Setup {
        state,
        backend,
        fake,
    } = setup();
    let customers: Vec<Customer> = (0..1_200)
        .map(|n| other_customer(50_000 + n, &format!("bulk{n}"), &format!("Bulk {n}")))
        .collect();
    let Ok(file) = crate::model::exchange::export_json(&customers) else {
        panic!("export failed")
    };
    // Cancelled while the second slice is being checked: nothing written, no progress left showing.
    let seen = Arc::new(Mutex::new(Vec::new()));
    let progress = state.import_progress;
    let this = state.clone();
    let log = seen.clone();
    if let Ok(mut hook) = fake.on_pause.lock() {
        *hook = Some(Box::new(move || {
            let now = progress.get_untracked();
            if let Ok(mut log) = log.lock() {
                log.push(now);
            }
            if now.is_some_and(|p| p.checked >= 500) {
                this.cancel_import();
            }
        }));
    }
    let before = backend.snapshot();
    assert_eq!(run(state.import(&file)), Err(ImportError::Cancelled));
    assert_eq!(backend.snapshot(), before, "storage exactly as it was");
    assert_eq!(state.import_progress.get_untracked(), None);
    assert!(names(&state).is_empty());
    let log = seen.lock().map(|l| l.clone()).unwrap_or_default();
    assert_eq!(
        log,
        [
            Some(ImportProgress {
                checked: 0,
                total: 1_200,
                saving: false
            }),
            Some(ImportProgress {
                checked: 500,
                total: 1_200,
                saving: false
            }),
        ]
    );

    // Not cancelled: every slice, then saving, then done.
    if let Ok(mut hook) = fake.on_pause.lock() {
        *hook = None;
    }
    let pauses = fake.pauses.load(Ordering::Relaxed);
    assert_eq!(run(state.import(&file)), Ok(1_200));
    assert_eq!(
        fake.pauses.load(Ordering::Relaxed) - pauses,
        4,
        "3 slices and the save"
    );
    assert_eq!(names(&state).len(), 1_200);
    assert_eq!(state.import_progress.get_untracked(), None);
}

#[test]
fn a_record_that_breaks_the_rules_is_listed_until_checked_then_kept_as_unreadable() {
    let backend = Arc::new(MemoryBackend::default());
    let good = other_customer(1, "good", "Good");
    let mut bad = other_customer(2, "bad", "Bad");
    // Still decodes, but no country has this code: only the whole check finds it.
    bad.billing_profile.default_address.country = "QQ".into();
    let texts = [
        format::record_text(&good).unwrap_or_default(),
        format::record_text(&bad).unwrap_or_default(),
    ];
    let key = format!("{DEFAULT_PREFIX}:g{:x}", group_of(good.id));
    let stored = format::group_value(2, texts.iter().map(String::as_str));
    assert_eq!(backend.set(&key, &stored), Ok(()));
    let fake = Arc::new(Fake::default());
    let state = AppState::with_backend(AppConfig::default(), backend.clone(), fake, Vec::new());
    // The load reads what the list shows of both.
    assert_eq!(names(&state), ["Bad", "Good"]);
    assert!(state.unreadable.get_untracked().is_empty());
    // The tab's title names a listed customer from its row, as the list does.
    assert_eq!(state.company_name(bad.id).as_deref(), Some("Bad"));
    run(state.check_rows());
    assert_eq!(names(&state), ["Good"]);
    assert_eq!(state.company_name(bad.id), None);
    assert_eq!(state.company_name(good.id).as_deref(), Some("Good"));
    assert_eq!(state.company_name(Uuid::from_u128(99)), None);
    let unreadable = state.unreadable.get_untracked();
    assert_eq!(unreadable.len(), 1);
    assert_eq!(unreadable[0].key, key);
    assert_eq!(unreadable[0].raw, texts[1], "the record exactly as stored");
    assert_eq!(unreadable[0].id, Some(bad.id));
    assert_eq!(unreadable[0].domain.as_deref(), Some(bad.domain()));
    assert!(matches!(unreadable[0].error, DecodeError::Invalid(_)));
    assert_eq!(state.customer(bad.id), None);
    assert_eq!(state.customer(good.id), Some(good.clone()));
    assert_eq!(state.all_customers(), Ok(vec![good]));
    // Nothing was written.
    assert_eq!(backend.get(&key), Ok(Some(stored)));
    // A whole load reports it the same way.
    assert_eq!(state.store.load().map(|l| l.unreadable), Ok(unreadable));
}

/// An app unmounted while a change from another tab waits for its timer (an embedded element removed, a browser
/// test's app torn down): the timer then finds the app gone and does nothing, rather than touching disposed signals
/// (a panic, which would stop every app of the page).
#[test]
fn a_change_noted_before_unmounting_is_dropped_after_it() {
    use leptos::prelude::Owner;
    let owner = Owner::new();
    let Setup {
        state,
        backend,
        fake,
    } = owner.with(setup);
    let one = other_customer(1, "one", "One");
    let key = state.store.record_key(one.id);
    let _ = backend.set(&key, "{broken");
    state.note_change(Some(key));
    drop(owner);
    assert!(
        state.customers.try_get_untracked().is_none(),
        "the app's signals are disposed"
    );
    fake.run_timers();
    state.reload();
}

#[test]
fn the_console_note_of_a_page_without_web_locks_gives_the_wait() {
    let said = format!(
        "no Web Locks (plain http?): writes are checked again after {} ms",
        SETTLE.as_millis()
    );
    for (file, text) in [
        ("js/boot.js", include_str!("../../js/boot.js")),
        ("js/embed.js", include_str!("../../js/embed.js")),
    ] {
        assert!(text.contains(&said), "{file} says: {said}");
    }
    // boot.js is a classic script and cannot import: the words it shows when the app cannot start are a copy of
    // embed.js's, held equal here.
    let words = |text: &'static str| {
        text.lines()
            .map(str::trim)
            .find(|line| line.starts_with("const COULD_NOT_START = "))
    };
    assert!(words(include_str!("../../js/boot.js")).is_some());
    assert_eq!(
        words(include_str!("../../js/boot.js")),
        words(include_str!("../../js/embed.js"))
    );
}

#[test]
fn the_first_write_of_a_page_asks_to_keep_the_data_once_and_starts_the_backup_count() {
    use crate::model::backup::{BackupClock, REMIND_AFTER_MS};
    use crate::state::{BackupWhy, Persistence};
    const DAY: u64 = 24 * 60 * 60 * 1000;
    let Setup {
        state,
        backend,
        fake,
    } = setup();
    let start = 1_765_000_000_000;
    fake.clock.store(start, Ordering::Relaxed);
    let refused = Persistence::MayClear;
    // Before any write: nothing to ask, nothing counted.
    assert!(!state.ask_to_keep(refused));
    assert_eq!(state.backup_due(refused, false), None);
    assert_eq!(state.keeping.get_untracked(), 0);
    // Three writes: one request to keep the data, and the count starts at the first.
    run(state.add("contoso", details_named("Contoso"))).unwrap();
    assert_eq!(state.keeping.get_untracked(), 1, "the first write is noted");
    assert_eq!(state.backup_clock().since, Some(start));
    fake.clock.store(start + DAY, Ordering::Relaxed);
    run(state.add("fabrikam", details_named("Fabrikam"))).unwrap();
    let id = state
        .customers
        .with_untracked(|list| list.iter().next().map(|r| r.id()))
        .unwrap();
    run(state.remove(id)).unwrap();
    assert_eq!(
        state.keeping.get_untracked(),
        1,
        "later writes change nothing"
    );
    assert!(state.ask_to_keep(refused));
    assert!(!state.ask_to_keep(refused), "once a page");
    let stored = BackupClock {
        exported: None,
        since: Some(start),
    };
    assert_eq!(
        backend.snapshot().get("customer-accounts:backup"),
        Some(&stored.to_text())
    );
    // Seven days after the first write, the suggestion, with its reason.
    fake.clock
        .store(start + REMIND_AFTER_MS - 1, Ordering::Relaxed);
    assert_eq!(state.backup_due(refused, false), None);
    fake.clock.store(start + REMIND_AFTER_MS, Ordering::Relaxed);
    assert_eq!(state.backup_due(refused, false), Some(BackupWhy::Refused));
    assert_eq!(
        state.backup_due(Persistence::Kept, false),
        Some(BackupWhy::Week)
    );
    assert_eq!(
        state.backup_due(Persistence::Kept, true),
        Some(BackupWhy::Safari)
    );
    // An export ends it for 7 days; a dismissal too; a page opened later reads the same clock.
    state.exported();
    assert_eq!(state.backup_due(refused, false), None);
    fake.clock
        .store(start + 2 * REMIND_AFTER_MS, Ordering::Relaxed);
    assert_eq!(state.backup_due(refused, false), Some(BackupWhy::Refused));
    state.dismiss_backup();
    assert_eq!(state.backup_due(refused, false), None);
    assert_eq!(state.keeping.get_untracked(), 3, "each change is noted");
    let later = AppState::with_backend(
        AppConfig::default(),
        backend.clone(),
        fake.clone(),
        Vec::new(),
    );
    assert_eq!(later.backup_due(refused, false), None);
    fake.clock
        .store(start + 3 * REMIND_AFTER_MS, Ordering::Relaxed);
    assert_eq!(later.backup_due(refused, false), Some(BackupWhy::Refused));
    // A page that has not written asks nothing; one whose browser keeps the data already is not asked either.
    assert!(!later.ask_to_keep(refused));
    run(later.add("northwind", details_named("Northwind"))).unwrap();
    assert!(!later.ask_to_keep(Persistence::Kept));
    assert!(later.ask_to_keep(refused));
    // "Remove all data" takes the clock, and the count waits for the next customer.
    run(later.remove_all()).unwrap();
    assert_eq!(later.backup_clock(), BackupClock::default());
    assert!(!backend.snapshot().contains_key("customer-accounts:backup"));
    run(later.add("tailspin", details_named("Tailspin"))).unwrap();
    assert_eq!(
        later.backup_clock().since,
        Some(start + 3 * REMIND_AFTER_MS)
    );
    // No customers, no suggestion.
    let empty = setup();
    empty
        .fake
        .clock
        .store(start + 9 * REMIND_AFTER_MS, Ordering::Relaxed);
    empty
        .backend
        .set("customer-accounts:backup", &stored.to_text())
        .unwrap();
    assert_eq!(empty.state.backup_due(refused, false), None);
}

impl AppState {
    /// [`AppState::add_customer`] in this browser: the customer added.
    async fn add(&self, prefix: &str, details: ValidDetails) -> Result<Customer, AddError> {
        self.add_customer(prefix, details, None)
            .await
            .map(|added| added.customer)
    }
}
