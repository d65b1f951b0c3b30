//! The browser services the state needs, behind a small trait, so that the state's logic runs in native tests with
//! a stand-in (as `storage::Backend` does for localStorage).

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use uuid::Uuid;

use crate::locale::Lang;
use crate::model::WriteStamp;

/// A question the state asks the reader (the services word it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Question {
    /// Leaving would lose typed values: leave anyway?
    LeaveUnsaved,
}

/// How a locked step ran: under the namespace's Web Lock, or at once, unguarded, where the page has none (an old
/// browser, or a page served over plain `http://`, which is not a secure context).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guard {
    WebLock,
    Unguarded,
}

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
    /// Asks the reader a yes/no question, in `lang`; "no" when it cannot be asked.
    fn confirm(&self, question: Question, lang: Lang) -> bool;
    /// Runs `run` once, after `delay`.
    fn after(&self, delay: Duration, run: Box<dyn FnOnce() + Send>);
    /// Runs `critical` while holding the lock `name` across every tab, frame and element of the origin (or at once,
    /// unguarded, where there are no Web Locks); resolves, saying which, once it has run.
    fn locked(
        &self,
        name: &str,
        critical: Box<dyn FnOnce()>,
    ) -> Pin<Box<dyn Future<Output = Guard>>>;
    /// Tells the other app instances of this document which keys were just written under `channel` (an empty key:
    /// everything).
    fn broadcast(&self, channel: &str, keys: Vec<String>);
    /// The clock, in milliseconds since 1970: for durations, and for the days the backup suggestion counts.
    fn now_ms(&self) -> f64;
    /// Resolves after `delay`, letting the page work meanwhile.
    fn sleep(&self, delay: Duration) -> Pin<Box<dyn Future<Output = ()>>>;
    /// Resolves on a later turn of the event loop: long work pauses here so the page paints and takes input.
    fn pause(&self) -> Pin<Box<dyn Future<Output = ()>>>;
    /// The reader's preferred languages, most preferred first (`navigator.languages`).
    fn languages(&self) -> Vec<String> {
        Vec::new()
    }
}
