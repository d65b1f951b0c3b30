//! The store's tests: formats read and written, all-or-nothing writes, upgrades that lose nothing.

use std::collections::BTreeMap;

use super::*;
use crate::model::form::tests::valid_details;
use crate::model::list;
use crate::model::{Cloud, WriteStamp};
use crate::storage::backend::memory::MemoryBackend;
use crate::storage::layout::{by_group, DEFAULT_PREFIX};
use crate::storage::row;
use crate::storage::row::Head;
use crate::storage::{legacy, DecodeError};

#[test]
fn items_by_group_come_in_group_order_each_group_once() {
    let items: Vec<(u16, u32)> = vec![(7, 1), (2, 2), (7, 3), (2047, 4), (0, 5), (2, 6)];
    assert_eq!(
        by_group(items, |item| item.0),
        vec![
            (0, vec![(0, 5)]),
            (2, vec![(2, 2), (2, 6)]),
            (7, vec![(7, 1), (7, 3)]),
            (2047, vec![(2047, 4)]),
        ]
    );
    assert!(by_group(Vec::<u16>::new(), |g| *g).is_empty());
}

fn customer(n: u128) -> Customer {
    let stamp = WriteStamp {
        etag: format!("etag-{n}"),
        now: "2026-11-24T00:00:00.000Z".into(),
    };
    let id = Uuid::from_u128(n);
    Customer::create(
        id,
        Cloud::default(),
        &format!("c{n}"),
        valid_details(),
        stamp,
    )
}

/// [`customer`] `n` with another company name.
fn named(n: u128, name: &str) -> Customer {
    let mut c = customer(n);
    c.company_profile.company_name = name.into();
    c.billing_profile.company_name = name.into();
    c
}

fn company_names(customers: &[Customer]) -> Vec<&str> {
    customers.iter().map(Customer::company_name).collect()
}

#[test]
fn a_group_keeps_its_readable_records_in_the_lists_order_and_counts_them() {
    let backend = Arc::new(MemoryBackend::default());
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    let group = group_of(Uuid::from_u128(1));
    let mates: Vec<Customer> = (1..50_000)
        .filter(|&n| group_of(Uuid::from_u128(n)) == group)
        .zip(["delta", "Alpha", "charlie", "Bravo", "echo"])
        .map(|(n, name)| named(n, name))
        .collect();
    assert_eq!(mates.len(), 5);
    assert_eq!(store.save_all(&mates[..3]), Ok(()));
    assert_eq!(store.save_all(&mates[3..]), Ok(()));
    let value = backend
        .get(&store.group_key(group))
        .ok()
        .flatten()
        .unwrap_or_default();
    assert!(value.starts_with(format::SORTED));
    let Ok(entries) = format::decode_group(&value) else {
        panic!("not a group: {value:?}")
    };
    let stored: Vec<Customer> = entries
        .into_iter()
        .filter_map(|e| match e {
            Entry::Customer(c) => Some(*c),
            Entry::Unreadable { .. } => None,
        })
        .collect();
    assert_eq!(
        company_names(&stored),
        ["Alpha", "Bravo", "charlie", "delta", "echo"]
    );
    assert_eq!(
        row::sorted_head(value.as_bytes(), group),
        format::read_names(&format::encode_record(&mates[1]))
            .map(|s| Head::Sorted {
                count: 5,
                first: Row::unchecked(s, format::encode_record(&mates[1]), group)
            })
            .unwrap_or(Head::Whole)
    );
}

/// A format 3 group rewritten as the previous version would have written it: `"2"`, then its records in
/// reverse (any order is format 2's), no count.
fn as_format_2(backend: &MemoryBackend, key: &str) {
    let Ok(Some(value)) = backend.get(key) else {
        return;
    };
    let Ok(entries) = format::decode_group(&value) else {
        panic!("not a group: {value:?}")
    };
    let records: String = entries
        .iter()
        .rev()
        .filter_map(|e| match e {
            Entry::Customer(c) => format::record_text(c),
            Entry::Unreadable { raw, .. } => Some(raw.clone()),
        })
        .collect();
    assert_eq!(backend.set(key, &format::packed_value(&records)), Ok(()));
}

#[test]
fn the_first_page_read_from_the_groups_first_records_is_the_lists() {
    let backend = Arc::new(MemoryBackend::default());
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    // Names in an order unlike the ids' (and so unlike the groups'): upper and lower case, accents and Chinese,
    // and names shared by several customers (ordered by domain).
    let customers: Vec<Customer> = (1..=3_000u128)
        .map(|n| {
            let k = (n * 7_919) % 3_001;
            let name = match n % 4 {
                0 => format!("Company {k:04}"),
                1 => format!("company {:04}", k + 1),
                2 => format!("Ärzte {:02}", k % 40),
                _ => format!("北京{k:04}"),
            };
            named(n, &name)
        })
        .collect();
    assert_eq!(store.save_all(&customers), Ok(()));
    // A group with nothing readable in it: read whole at once, so that it is reported.
    let lone = customer(9_001);
    let broken = format::record_text(&lone)
        .map(|text| text.chars().take(5).collect::<String>())
        .unwrap_or_default();
    let Some(lone_key) = (0..GROUPS)
        .map(|g| store.group_key(g))
        .find(|k| backend.get(k) == Ok(None))
    else {
        panic!("no empty group")
    };
    assert_eq!(
        backend.set(&lone_key, &format::group_value(0, [broken.as_str()])),
        Ok(())
    );
    // Every fifth group as the previous version wrote it: read whole.
    for group in (0..GROUPS).step_by(5) {
        as_format_2(&backend, &store.group_key(group));
    }
    let Ok(mut all) = store.load_rows().map(|l| l.rows) else {
        panic!("the store did not load")
    };
    list::sort(&mut all);
    assert_eq!(all.len(), 3_000);

    let Ok(Some(front)) = store.load_front(50) else {
        panic!("no first page")
    };
    assert!(!front.complete);
    assert_eq!(front.total, 3_000);
    assert_eq!(front.rows[..], all[..50]);
    assert!(store.has_older_records().unwrap_or(false), "format 2 seen");

    // A first page as long as the groups are many: everything is read, the first page in order.
    let Ok(Some(whole)) = store.load_front(usize::from(GROUPS)) else {
        panic!("no first page")
    };
    assert!(whole.complete);
    assert_eq!(whole.total, 3_000);
    assert_eq!(whole.rows[..50], all[..50]);
    assert!(
        matches!(&whole.unreadable[..], [u] if u.key == lone_key),
        "{:?}",
        whole.unreadable
    );

    // Records under older keys: the load reads everything.
    format_1_store(&backend, [customer(9_000)]);
    assert_eq!(store.load_front(50), Ok(None));
}

/// A store of `count` customers, named against their ids' order, every group in format 2; and its group keys.
fn format_2_store(count: u128) -> (Arc<MemoryBackend>, Store, Vec<String>) {
    let backend = Arc::new(MemoryBackend::default());
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    let customers: Vec<Customer> = (1..=count)
        .map(|n| named(n, &format!("Name {}", count - n)))
        .collect();
    assert_eq!(store.save_all(&customers), Ok(()));
    let keys: Vec<String> = backend
        .snapshot()
        .into_keys()
        .filter(|k| k.contains(":g"))
        .collect();
    for key in &keys {
        as_format_2(&backend, key);
    }
    (backend, store, keys)
}

#[test]
fn an_upgrade_rewrites_format_2_groups_in_the_lists_order_losing_nothing() {
    let (backend, store, keys) = format_2_store(400);
    let before = store.load().unwrap_or_default();
    assert_eq!(before.customers.len(), 400);
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    assert!(store.load_rows().is_ok());
    assert!(store.has_older_records().unwrap_or(false));
    assert_eq!(
        store.upgrade(),
        Ok(Upgrade {
            sorted: keys.len(),
            ..Upgrade::default()
        })
    );
    let snapshot = backend.snapshot();
    assert!(keys.iter().all(|k| snapshot
        .get(k)
        .is_some_and(|v| v.starts_with(format::SORTED))));
    let mut after = store.load().unwrap_or_default();
    let mut before = before;
    after.customers.sort_by_key(|c| c.id);
    before.customers.sort_by_key(|c| c.id);
    assert_eq!(after, before);
    assert!(!store.has_older_records().unwrap_or(true));
    assert_eq!(store.upgrade(), Ok(Upgrade::default()));
}

#[test]
fn a_full_format_2_store_is_rewritten_as_far_as_the_quota_allows_and_nothing_is_lost() {
    let (backend, store, keys) = format_2_store(300);
    let _ = backend.set(&store.meta_key(), r#"{"schemaVersion":2}"#);
    let old = backend.snapshot();
    let units: usize = old
        .iter()
        .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
        .sum();
    // Room for the counts of 10 groups.
    let full = Arc::new(MemoryBackend::with_quota(units + 10));
    for (k, v) in &old {
        assert_eq!(full.set(k, v), Ok(()));
    }
    let store = Store::new(DEFAULT_PREFIX, full.clone());
    let before = store.load().unwrap_or_default();
    assert_eq!(before.customers.len(), 300);
    assert_eq!(store.upgrade(), Err(StorageError::QuotaExceeded));
    let after = full.snapshot();
    let rewritten = keys
        .iter()
        .filter(|k| after.get(*k).is_some_and(|v| v.starts_with(format::SORTED)))
        .count();
    assert_eq!(rewritten, 10, "as many as there was room for");
    let mut loaded = store.load().unwrap_or_default();
    let mut before = before;
    loaded.customers.sort_by_key(|c| c.id);
    before.customers.sort_by_key(|c| c.id);
    assert_eq!(loaded, before, "nothing lost");
}

/// Units a customer alone in its group takes (key and value).
fn units_alone(n: u128) -> usize {
    "customer-accounts:g000".len()
        + 2
        + format::record_text(&customer(n)).map_or(0, |t| t.chars().count())
}

const META_UNITS: usize = "customer-accounts:meta".len() + "{\"schemaVersion\":3}".len();

#[test]
fn saves_one_key_per_customer_and_reads_them_back() {
    let backend = Arc::new(crate::storage::backend::memory::MemoryBackend::default());
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    for n in 1..=3 {
        assert_eq!(store.save(&customer(n)), Ok(()));
    }
    let keys = backend.keys().unwrap_or_default();
    assert_eq!(keys.len(), 4, "three records and the version key: {keys:?}");
    assert!(keys.contains(&"customer-accounts:meta".to_string()));
    let loaded = store.load().unwrap_or_default();
    assert_eq!(loaded.unreadable, vec![]);
    let mut ids: Vec<_> = loaded.customers.iter().map(|c| c.id).collect();
    ids.sort();
    assert_eq!(
        ids,
        [Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3)]
    );
    assert_eq!(
        loaded.customers.iter().find(|c| c.id == Uuid::from_u128(2)),
        Some(&customer(2))
    );
}

#[test]
fn a_save_writes_only_its_own_record() {
    let backend = Arc::new(crate::storage::backend::memory::MemoryBackend::default());
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    for n in 1..=50 {
        assert_eq!(store.save(&customer(n)), Ok(()));
    }
    let before = backend.write_count();
    assert_eq!(store.save(&customer(51)), Ok(()));
    assert_eq!(backend.write_count() - before, 1);
}

#[test]
fn prefixes_do_not_see_each_other() {
    let backend = Arc::new(crate::storage::backend::memory::MemoryBackend::default());
    let a = Store::new("a", backend.clone());
    let b = Store::new("b", backend.clone());
    assert_eq!(a.save(&customer(1)), Ok(()));
    assert_eq!(b.load().map(|l| l.customers.len()), Ok(0));
    assert_eq!(a.load().map(|l| l.customers.len()), Ok(1));
}

#[test]
fn unreadable_values_are_reported_and_left_alone() {
    let backend = Arc::new(crate::storage::backend::memory::MemoryBackend::default());
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    assert_eq!(store.save(&customer(1)), Ok(()));
    let bad_key = format!("customer-accounts:customer:{}", Uuid::from_u128(9));
    assert_eq!(backend.set(&bad_key, "{not json"), Ok(()));
    let loaded = store.load().unwrap_or_default();
    assert_eq!(loaded.customers.len(), 1);
    assert_eq!(loaded.unreadable.len(), 1);
    assert_eq!(loaded.unreadable[0].raw, "{not json");
    assert_eq!(backend.get(&bad_key), Ok(Some("{not json".to_string())));
}

#[test]
fn save_all_is_all_or_nothing() {
    // Room for the first two records and the version key, not for five.
    let quota = META_UNITS + 2 * units_alone(1) + 10;
    let backend = Arc::new(MemoryBackend::with_quota(quota));
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    let before = backend.snapshot();
    let batch: Vec<Customer> = (1..=5).map(customer).collect();
    assert_eq!(store.save_all(&batch), Err(StorageError::QuotaExceeded));
    assert!(
        backend.write_count() >= 3,
        "the version key and two records were written before the refusal"
    );
    assert_eq!(
        backend.snapshot(),
        before,
        "nothing left behind, not even the version key"
    );
    // The version key went with the rollback, so the next save writes it again.
    let one = Arc::new(MemoryBackend::with_quota(quota));
    let again = Store::new(DEFAULT_PREFIX, one.clone());
    assert_eq!(again.save_all(&batch), Err(StorageError::QuotaExceeded));
    assert_eq!(again.save(&customer(1)), Ok(()));
    assert!(one.snapshot().contains_key("customer-accounts:meta"));
    // Once there is room, the same batch goes in whole, with the version key.
    let roomy = Arc::new(MemoryBackend::default());
    let store = Store::new(DEFAULT_PREFIX, roomy.clone());
    assert_eq!(store.save_all(&batch), Ok(()));
    assert_eq!(store.load().map(|l| l.customers.len()), Ok(5));
    assert!(roomy.snapshot().contains_key("customer-accounts:meta"));
}

#[test]
fn save_all_restores_a_record_it_overwrote() {
    // Room for one record and a half: the changed record is written (its group comes first), the next refused.
    let backend = Arc::new(MemoryBackend::with_quota(
        META_UNITS + units_alone(1) * 3 / 2,
    ));
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    assert_eq!(store.save(&customer(1)), Ok(()));
    let before = backend.snapshot();
    let mut changed = customer(1);
    changed.billing_profile.default_address.city = "Shanghai".into();
    let later: Vec<u128> = (2..100)
        .filter(|n| group_of(Uuid::from_u128(*n)) > group_of(changed.id))
        .take(2)
        .collect();
    let writes = backend.write_count();
    assert_eq!(
        store.save_all(&[changed, customer(later[0]), customer(later[1])]),
        Err(StorageError::QuotaExceeded)
    );
    assert!(
        backend.write_count() > writes,
        "the changed record was written, then put back"
    );
    assert_eq!(backend.snapshot(), before);
}

#[test]
fn discarding_removes_only_an_unchanged_unreadable_value() {
    let backend = Arc::new(crate::storage::backend::memory::MemoryBackend::default());
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    let key = format!("customer-accounts:customer:{}", Uuid::from_u128(9));
    assert_eq!(backend.set(&key, "{broken"), Ok(()));
    // Another tab repaired it meanwhile: it stays.
    assert_eq!(store.discard_unreadable(&key, "{older broken"), Ok(false));
    assert_eq!(backend.get(&key), Ok(Some("{broken".into())));
    // A key outside the prefix is never touched.
    assert_eq!(backend.set("other", "{broken"), Ok(()));
    assert_eq!(store.discard_unreadable("other", "{broken"), Ok(false));
    assert_eq!(store.discard_unreadable(&key, "{broken"), Ok(true));
    assert_eq!(backend.get(&key), Ok(None));
    assert_eq!(backend.get("other"), Ok(Some("{broken".into())));
}

#[test]
fn remove_and_remove_all_touch_only_this_prefix() {
    let backend = Arc::new(crate::storage::backend::memory::MemoryBackend::default());
    let a = Store::new("a", backend.clone());
    let ab = Store::new("ab", backend.clone());
    assert_eq!(a.save(&customer(1)), Ok(()));
    assert_eq!(a.save(&customer(2)), Ok(()));
    assert_eq!(ab.save(&customer(3)), Ok(()));
    let garbage = format!("a:customer:{}", Uuid::from_u128(9));
    assert_eq!(backend.set(&garbage, "x"), Ok(()));
    // Keys that only start like "a"'s (an old store under the key "a:customer:archive") are not "a"'s.
    let archive = format!("a:customer:archive:customer:{}", Uuid::from_u128(8));
    assert_eq!(
        backend.set(&archive, &legacy::encode(&customer(8)).unwrap_or_default()),
        Ok(())
    );
    assert_eq!(backend.set("a:customer:not-a-uuid", "x"), Ok(()));
    assert_eq!(
        a.load().map(|l| l.unreadable.len()),
        Ok(1),
        "only the garbage under a uuid"
    );
    assert_eq!(a.discard_unreadable(&archive, "x"), Ok(false));
    assert_eq!(a.remove(Uuid::from_u128(1)), Ok(()));
    assert_eq!(a.remove(Uuid::from_u128(1)), Ok(()), "absent is fine");
    assert_eq!(a.load().map(|l| l.customers.len()), Ok(1));
    // The backup clock goes with the customers; the display language stays, and so does another namespace's clock.
    let clock = crate::model::backup::BackupClock {
        exported: Some(5),
        since: Some(4),
    };
    assert_eq!(a.set_backup_clock(&clock), Ok(()));
    assert_eq!(ab.set_backup_clock(&clock), Ok(()));
    assert_eq!(a.set_display_language("pt-BR"), Ok(()));
    assert_eq!(
        a.remove_all(),
        Ok(3),
        "a record, an unreadable value and the version key"
    );
    assert!(!backend.snapshot().contains_key("a:backup"));
    assert_eq!(a.display_language().as_deref(), Some("pt-BR"));
    assert_eq!(ab.backup_clock(10), clock);
    assert_eq!(a.load(), Ok(Loaded::default()));
    assert_eq!(ab.load().map(|l| l.customers.len()), Ok(1));
    assert!(
        backend.snapshot().contains_key(&archive),
        "another namespace's record survives"
    );
    assert!(backend.snapshot().contains_key("a:customer:not-a-uuid"));
    // Writing again after removing everything writes the version key again.
    assert_eq!(a.save(&customer(4)), Ok(()));
    assert!(backend.snapshot().contains_key("a:meta"));
}

#[test]
fn changed_keys_are_classified() {
    let backend = Arc::new(crate::storage::backend::memory::MemoryBackend::default());
    let store = Store::new("a", backend.clone());
    let one = customer(1);
    assert_eq!(store.save(&one), Ok(()));
    let key = store.record_key(one.id);
    assert_eq!(key, format!("a:g{:x}", group_of(one.id)));
    assert_eq!(
        store.current(&key),
        Ok(Change::Group {
            group: group_of(one.id),
            customers: vec![one.clone()],
            unreadable: vec![]
        })
    );
    assert_eq!(store.current("a:meta"), Ok(Change::Meta));
    assert_eq!(
        store.current(&format!("ab:g{:x}", group_of(one.id))),
        Ok(Change::NotOurs)
    );
    assert_eq!(store.current("other"), Ok(Change::NotOurs));
    assert_eq!(store.current("a:customer:not-a-uuid"), Ok(Change::NotOurs));
    assert_eq!(
        store.current("a:g800"),
        Ok(Change::NotOurs),
        "past the last group"
    );
    for not_canonical in ["a:g01", "a:g+1", "a:gA", "a:g", "a:g00", "a:g 1"] {
        assert_eq!(
            store.current(not_canonical),
            Ok(Change::NotOurs),
            "{not_canonical}"
        );
    }
    assert_ne!(store.current("a:g0"), Ok(Change::NotOurs), "group 0");
    // An older record under its own key.
    let two = customer(2);
    let legacy = format!("a:customer:{}", two.id);
    let raw = legacy::encode(&two).unwrap_or_default();
    assert_eq!(backend.set(&legacy, &raw), Ok(()));
    assert_eq!(
        store.current(&legacy),
        Ok(Change::Saved(Box::new(two.clone())))
    );
    assert_eq!(backend.set(&legacy, "{nope"), Ok(()));
    assert!(matches!(
        store.current(&legacy),
        Ok(Change::Unreadable(Unreadable { ref raw, id: Some(id), .. })) if raw == "{nope" && id == two.id
    ));
    assert_eq!(backend.remove(&legacy), Ok(()));
    assert_eq!(store.current(&legacy), Ok(Change::Removed(two.id)));
    // Once moved into its group, its older key's removal is not a removal.
    assert_eq!(store.save(&two), Ok(()));
    assert_eq!(
        store.current(&legacy),
        Ok(Change::Saved(Box::new(two.clone())))
    );
    // A record stored under another customer's key is not that customer.
    let other_key = format!("a:customer:{}", Uuid::from_u128(3));
    assert_eq!(backend.set(&other_key, &raw), Ok(()));
    assert!(matches!(
        store.current(&other_key),
        Ok(Change::Unreadable(_))
    ));
}

#[test]
fn domains_in_use_include_unreadable_records() {
    let backend = Arc::new(crate::storage::backend::memory::MemoryBackend::default());
    let store = Store::new("a", backend.clone());
    assert_eq!(store.save(&customer(1)), Ok(()));
    assert_eq!(store.domain_in_use("c1.partner.onmschina.cn"), Ok(true));
    assert_eq!(store.domain_in_use("C1.partner.onmschina.cn"), Ok(true));
    assert_eq!(store.domain_in_use("c2.partner.onmschina.cn"), Ok(false));
    assert_eq!(
        store.domain_in_use("c1.partner.onmschina"),
        Ok(false),
        "a prefix of a domain is not the domain"
    );
    let broken =
        r#"{"schemaVersion":9,"customer":{"companyProfile":{"domain":"c2.partner.onmschina.cn"}}}"#;
    assert_eq!(
        backend.set(&format!("a:customer:{}", Uuid::from_u128(2)), broken),
        Ok(())
    );
    assert_eq!(store.domain_in_use("c2.partner.onmschina.cn"), Ok(true));
    // A group so damaged that no id can be read from it still reserves the domain it names.
    let nameless =
        r#"{"schemaVersion":9,"customer":{"companyProfile":{"domain":"c3.partner.onmschina.cn"}}}"#;
    assert_eq!(backend.set("a:g7ff", nameless), Ok(()));
    assert_eq!(store.domain_in_use("c3.partner.onmschina.cn"), Ok(true));
    assert_eq!(
        Store::new("b", backend).domain_in_use("c1.partner.onmschina.cn"),
        Ok(false)
    );
}

#[test]
fn a_record_and_the_version_key_are_written_all_or_nothing() {
    let record_units = units_alone(1);
    // Room for the record alone, not for the record and the version key.
    let backend = Arc::new(MemoryBackend::with_quota(record_units + 5));
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    assert_eq!(store.save(&customer(1)), Err(StorageError::QuotaExceeded));
    assert_eq!(
        backend.snapshot(),
        BTreeMap::new(),
        "neither the record nor the version key"
    );
    // Room for the version key alone: it is written, the record refused, and the version key taken back.
    let backend = Arc::new(MemoryBackend::with_quota(100));
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    assert_eq!(store.save(&customer(1)), Err(StorageError::QuotaExceeded));
    assert!(
        backend.write_count() >= 1,
        "the version key was written first"
    );
    assert_eq!(backend.snapshot(), BTreeMap::new(), "and taken back");
    // A retry once there is room succeeds: the domain is not "in use" by a leftover of the failed save.
    let roomy = Arc::new(MemoryBackend::default());
    let store = Store::new(DEFAULT_PREFIX, roomy.clone());
    assert_eq!(store.domain_in_use(customer(1).domain()), Ok(false));
    assert_eq!(store.save(&customer(1)), Ok(()));
    assert_eq!(roomy.snapshot().len(), 2);
}

#[test]
fn a_write_that_fills_the_quota_exactly_is_taken() {
    let value = legacy::encode_meta();
    let exact = "customer-accounts:meta".len() + value.len();
    assert_eq!(
        MemoryBackend::with_quota(exact).set("customer-accounts:meta", &value),
        Ok(())
    );
    assert_eq!(
        MemoryBackend::with_quota(exact - 1).set("customer-accounts:meta", &value),
        Err(StorageError::QuotaExceeded)
    );
}

#[test]
fn a_refused_write_is_an_error_and_changes_nothing() {
    let backend = Arc::new(MemoryBackend::with_quota(META_UNITS + units_alone(1) + 20));
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    assert_eq!(store.save(&customer(1)), Ok(()));
    let before = backend.snapshot();
    assert_eq!(store.save(&customer(2)), Err(StorageError::QuotaExceeded));
    assert_eq!(backend.snapshot(), before);
}

/// A store of format 1, as the previous version wrote it: one JSON record per key, and the version key.
fn format_1_store(backend: &MemoryBackend, customers: impl IntoIterator<Item = Customer>) {
    let _ = backend.set("customer-accounts:meta", r#"{"schemaVersion":1}"#);
    for c in customers {
        let key = format!("customer-accounts:customer:{}", c.id);
        assert_eq!(
            backend.set(&key, &legacy::encode(&c).unwrap_or_default()),
            Ok(())
        );
    }
}

#[test]
fn upgrade_moves_older_records_into_groups_and_keeps_the_unreadable() {
    let backend = Arc::new(crate::storage::backend::memory::MemoryBackend::default());
    format_1_store(&backend, (1..=40).map(customer));
    let broken_key = format!("customer-accounts:customer:{}", Uuid::from_u128(99));
    assert_eq!(backend.set(&broken_key, "{broken"), Ok(()));
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    let before = store.load().unwrap_or_default();
    assert_eq!(before.customers.len(), 40);
    assert_eq!(
        store.upgrade(),
        Ok(Upgrade {
            moved: 40,
            ..Upgrade::default()
        })
    );
    let after = store.load().unwrap_or_default();
    let sorted = |mut list: Vec<Customer>| {
        list.sort_by_key(|c| c.id);
        list
    };
    assert_eq!(
        sorted(after.customers),
        sorted(before.customers),
        "nothing lost or changed"
    );
    assert_eq!(after.unreadable, before.unreadable);
    let snapshot = backend.snapshot();
    assert_eq!(
        snapshot.get(&broken_key).map(String::as_str),
        Some("{broken"),
        "kept exactly"
    );
    assert!(
        !snapshot
            .keys()
            .any(|k| k.contains(":customer:") && *k != broken_key),
        "no older record left"
    );
    assert_eq!(
        snapshot.get("customer-accounts:meta").map(String::as_str),
        Some(r#"{"schemaVersion":3}"#)
    );
    let units = |map: &BTreeMap<String, String>| -> usize {
        map.iter()
            .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
            .sum()
    };
    let mut old = BTreeMap::new();
    format_1_store_map(&mut old, (1..=40).map(customer));
    assert!(
        units(&snapshot) * 4 < units(&old),
        "a quarter of the room or less"
    );
    // Nothing left to do the second time.
    assert_eq!(store.upgrade(), Ok(Upgrade::default()));
}

fn format_1_store_map(
    map: &mut BTreeMap<String, String>,
    customers: impl IntoIterator<Item = Customer>,
) {
    let backend = MemoryBackend::default();
    format_1_store(&backend, customers);
    map.extend(backend.snapshot());
}

#[test]
fn a_full_format_1_store_upgrades_completely() {
    let mut old = BTreeMap::new();
    format_1_store_map(&mut old, (1..=300).map(customer));
    let used: usize = old.iter().map(|(k, v)| k.len() + v.len()).sum();
    // Not even room for one more unit.
    let backend = Arc::new(MemoryBackend::with_quota(used));
    format_1_store(&backend, (1..=300).map(customer));
    assert_eq!(backend.snapshot(), old);
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    let before = store.load().unwrap_or_default();
    assert_eq!(
        store.upgrade(),
        Ok(Upgrade {
            moved: 300,
            ..Upgrade::default()
        })
    );
    let after = store.load().unwrap_or_default();
    assert_eq!(after.customers.len(), 300);
    for c in &before.customers {
        assert_eq!(store.load_one(c.id), Ok(Some(c.clone())));
    }
    // And there is room now: 300 more fit where there was none.
    assert_eq!(
        store.save_all(&(1000..1300).map(customer).collect::<Vec<_>>()),
        Ok(())
    );
}

#[test]
fn an_interrupted_upgrade_reads_each_customer_once() {
    let backend = Arc::new(crate::storage::backend::memory::MemoryBackend::default());
    format_1_store(&backend, [customer(1), customer(2)]);
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    // The group was written, the older key not yet removed.
    let mut newer = customer(1);
    newer.billing_profile.default_address.city = "Shanghai".into();
    let group = group_of(newer.id);
    assert_eq!(
        store.write_group(group, &[Entry::Customer(Box::new(newer.clone()))]),
        Ok(())
    );
    let loaded = store.load().unwrap_or_default();
    assert_eq!(loaded.customers.len(), 2);
    assert!(loaded.customers.contains(&newer), "the group's copy wins");
    assert_eq!(
        store.upgrade(),
        Ok(Upgrade {
            moved: 2,
            ..Upgrade::default()
        })
    );
    assert_eq!(store.load_one(newer.id), Ok(Some(newer)));
    assert_eq!(store.load().map(|l| l.customers.len()), Ok(2));
}

#[test]
fn an_interrupted_upgrade_uses_the_older_copy_when_the_group_copy_breaks_the_rules() {
    let backend = Arc::new(crate::storage::backend::memory::MemoryBackend::default());
    let older = customer(1);
    format_1_store(&backend, [older.clone()]);
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    // The group's copy reads as far as the list needs, but breaks a rule further on.
    let mut broken = older.clone();
    broken.billing_profile.default_address.country = "QQ".into();
    let group = group_of(older.id);
    assert_eq!(
        store.write_group(group, &[Entry::Customer(Box::new(broken.clone()))]),
        Ok(())
    );
    let rows = store.load_rows().unwrap_or_default();
    assert_eq!(rows.rows.len(), 1);
    assert_eq!(rows.rows[0].customer(), Ok(older.clone()));
    assert_eq!(rows.unreadable.len(), 1);
    assert_eq!(rows.unreadable[0].key, store.group_key(group));
    assert_eq!(
        Some(rows.unreadable[0].raw.clone()),
        format::record_text(&broken)
    );
    let loaded = store.load().unwrap_or_default();
    assert_eq!(loaded.customers, [older]);
    assert_eq!(loaded.unreadable, rows.unreadable);
}

#[test]
fn an_unreadable_group_is_never_written_over() {
    let backend = Arc::new(crate::storage::backend::memory::MemoryBackend::default());
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    let one = customer(1);
    let key = store.record_key(one.id);
    assert_eq!(backend.set(&key, "9 from a newer version"), Ok(()));
    assert_eq!(store.save(&one), Err(StorageError::Blocked));
    assert_eq!(
        store.save_all(std::slice::from_ref(&one)),
        Err(StorageError::Blocked)
    );
    // An older record of that group stays where it is, readable.
    format_1_store(&backend, [one.clone()]);
    assert_eq!(
        store.upgrade(),
        Ok(Upgrade {
            left: 1,
            ..Upgrade::default()
        })
    );
    assert_eq!(backend.get(&key), Ok(Some("9 from a newer version".into())));
    let loaded = store.load().unwrap_or_default();
    assert_eq!(loaded.customers, vec![one]);
    assert!(
        matches!(&loaded.unreadable[..], [u] if u.key == key && u.error == DecodeError::UnknownVersion(9))
    );
}

#[test]
fn a_damaged_record_in_a_group_stays_exactly_and_can_be_discarded() {
    let backend = Arc::new(crate::storage::backend::memory::MemoryBackend::default());
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    let one = customer(1);
    // A second customer of the same group.
    let Some(mate) = (2..5000)
        .map(customer)
        .find(|c| group_of(c.id) == group_of(one.id))
    else {
        panic!("no customer shares the group")
    };
    assert_eq!(store.save_all(&[one.clone(), mate.clone()]), Ok(()));
    let key = store.record_key(one.id);
    // The second record no longer passes the rules (as if edited by hand): framed, but not a customer.
    let mut bad_mate = mate.clone();
    bad_mate.billing_profile.email = "not-an-email".into();
    let texts: Vec<String> = [&one, &bad_mate]
        .into_iter()
        .filter_map(format::record_text)
        .collect();
    let damaged = format::group_value(2, texts.iter().map(String::as_str));
    assert_eq!(backend.set(&key, &damaged), Ok(()));
    let loaded = store.load().unwrap_or_default();
    let first = loaded.customers.first().map(|c| c.id);
    assert_eq!(loaded.customers.len(), 1);
    assert_eq!(loaded.unreadable.len(), 1);
    let bad = loaded.unreadable[0].clone();
    assert!(damaged.ends_with(&bad.raw));
    assert_eq!(bad.id, Some(mate.id), "its id is still known");
    assert_eq!(first, Some(one.id));
    assert_eq!(store.contains(bad.id.unwrap_or_default()), Ok(true));
    assert_eq!(
        bad.domain.as_deref(),
        Some(mate.domain()),
        "its domain stays reserved"
    );
    assert_eq!(store.domain_in_use(mate.domain()), Ok(true));
    // Saving the readable one again keeps the damaged record, exactly.
    let Some(good) = loaded.customers.first().cloned() else {
        panic!("no readable customer")
    };
    assert_eq!(store.save(&good), Ok(()));
    assert!(backend
        .get(&key)
        .ok()
        .flatten()
        .unwrap_or_default()
        .ends_with(&bad.raw));
    assert_eq!(store.discard_unreadable(&key, "not it"), Ok(false));
    assert_eq!(store.discard_unreadable(&key, &bad.raw), Ok(true));
    let loaded = store.load().unwrap_or_default();
    assert_eq!((loaded.customers, loaded.unreadable.len()), (vec![good], 0));
}

#[test]
fn fifty_thousand_customers_take_under_a_hundred_units_each() {
    let backend = Arc::new(crate::storage::backend::memory::MemoryBackend::default());
    let store = Store::new(DEFAULT_PREFIX, backend.clone());
    let all: Vec<Customer> = (1..=50_000u128).map(customer).collect();
    assert_eq!(store.save_all(&all), Ok(()));
    let snapshot = backend.snapshot();
    assert!(snapshot.len() <= usize::from(GROUPS) + 1);
    let units: usize = snapshot
        .iter()
        .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
        .sum();
    assert!(
        units / 50_000 < 100,
        "{} units per customer",
        units / 50_000
    );
    let largest = snapshot
        .values()
        .map(|v| v.encode_utf16().count())
        .max()
        .unwrap_or(0);
    assert!(largest < 4_000, "a save writes at most {largest} units");
    assert_eq!(store.load().map(|l| l.customers.len()), Ok(50_000));
}
