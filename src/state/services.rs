//! The browser services the state needs, behind a small trait, so that the state's logic runs in native tests with
//! a stand-in (as `storage::Backend` does for localStorage).

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use uuid::Uuid;

use crate::model::WriteStamp;

/// What the state asks of its surroundings: ids, the clock, the address, questions to the user, and timers.
pub trait Services: Send + Sync {
    /// A fresh random Microsoft ID.
    fn new_uuid(&self) -> Uuid;
    /// A fresh etag and the current time, for one write.
    fn stamp(&self) -> WriteStamp;
    /// The current location hash, with its `#` (empty when there is none).
    fn current_hash(&self) -> String;
    /// Goes to a hash route.
    fn set_hash(&self, hash: &str);
    /// Asks a yes/no question; "no" when it cannot be asked.
    fn confirm(&self, message: &str) -> bool;
    /// Runs `run` once, after `delay`.
    fn after(&self, delay: Duration, run: Box<dyn FnOnce() + Send>);
    /// Runs `critical` while holding the lock `name` across every tab, frame and element of the origin (or at once,
    /// unguarded, where there are no Web Locks); resolves once it has run.
    fn locked(&self, name: &str, critical: Box<dyn FnOnce()>) -> Pin<Box<dyn Future<Output = ()>>>;
    /// Tells the other app instances of this document which keys were just written under `channel` (an empty key:
    /// everything).
    fn broadcast(&self, channel: &str, keys: Vec<String>);
    /// Resolves on a later turn of the event loop: long work pauses here so the page paints and takes input.
    fn pause(&self) -> Pin<Box<dyn Future<Output = ()>>>;
    /// The reader's preferred languages, most preferred first (`navigator.languages`).
    fn languages(&self) -> Vec<String> {
        Vec::new()
    }
}

/// The real browser.
pub struct Browser;

impl Services for Browser {
    fn new_uuid(&self) -> Uuid {
        crate::platform::new_uuid()
    }

    fn stamp(&self) -> WriteStamp {
        WriteStamp {
            etag: crate::platform::new_etag(),
            now: crate::platform::now_iso(),
        }
    }

    fn current_hash(&self) -> String {
        crate::platform::current_hash()
    }

    fn set_hash(&self, hash: &str) {
        crate::platform::set_hash(hash)
    }

    fn confirm(&self, message: &str) -> bool {
        crate::platform::confirm(message)
    }

    fn after(&self, delay: Duration, run: Box<dyn FnOnce() + Send>) {
        leptos::prelude::set_timeout(run, delay);
    }

    fn locked(&self, name: &str, critical: Box<dyn FnOnce()>) -> Pin<Box<dyn Future<Output = ()>>> {
        Box::pin(crate::platform::with_web_lock(name.to_string(), critical))
    }

    fn broadcast(&self, channel: &str, keys: Vec<String>) {
        crate::platform::broadcast(channel, &keys);
    }

    fn pause(&self) -> Pin<Box<dyn Future<Output = ()>>> {
        Box::pin(crate::platform::next_turn())
    }

    fn languages(&self) -> Vec<String> {
        crate::platform::languages()
    }
}
