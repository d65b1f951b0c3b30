//! The state's services in a real browser: ids, the clock, the address, timers and Web Locks from
//! [`crate::platform`], and the state's questions worded in the reader's language.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use uuid::Uuid;

use crate::i18n::{Lang, Text};
use crate::model::WriteStamp;
use crate::state::{Guard, Question, Services};

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

    fn confirm(&self, question: Question, lang: Lang) -> bool {
        let text = match question {
            Question::LeaveUnsaved => lang.t(Text::LeaveUnsaved),
        };
        crate::platform::confirm(text)
    }

    fn after(&self, delay: Duration, run: Box<dyn FnOnce() + Send>) {
        leptos::prelude::set_timeout(run, delay);
    }

    fn locked(
        &self,
        name: &str,
        critical: Box<dyn FnOnce()>,
    ) -> Pin<Box<dyn Future<Output = Guard>>> {
        let name = name.to_string();
        Box::pin(async move {
            if crate::platform::with_web_lock(name, critical).await {
                Guard::WebLock
            } else {
                Guard::Unguarded
            }
        })
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn sleep(&self, delay: Duration) -> Pin<Box<dyn Future<Output = ()>>> {
        let ms = i32::try_from(delay.as_millis()).unwrap_or(i32::MAX);
        Box::pin(crate::platform::sleep(ms))
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
