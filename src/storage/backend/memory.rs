//! An in-memory backend: where customers are kept when the browser blocks localStorage (until the page closes),
//! and the stand-in for localStorage in native tests, where an optional quota lets a full storage be tested without
//! a browser.

use std::sync::Mutex;

use super::{Backend, StorageError};

/// Keys and values behind a lock, in key order (a sorted list rather than a map: the browser's fallback is the
/// only user outside tests, and a map's code would be part of the first download for it).
#[derive(Default)]
pub struct MemoryBackend {
    state: Mutex<State>,
    /// Tests only: writes that would take the backend over this many UTF-16 units (keys and values together, as
    /// browsers count them) are refused.
    #[cfg(test)]
    quota: Option<usize>,
    /// Tests only: listing the keys fails, as a browser's storage can after the first page was read.
    #[cfg(test)]
    pub failing: std::sync::atomic::AtomicBool,
}

#[derive(Default, Clone)]
struct State {
    entries: Vec<(String, String)>,
    #[cfg(test)]
    writes: usize,
}

impl State {
    /// Where `key` is, or where it would go.
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }
}

impl MemoryBackend {
    fn lock(&self) -> Result<std::sync::MutexGuard<'_, State>, StorageError> {
        self.state
            .lock()
            .map_err(|_| StorageError::Failed("memory storage lock poisoned".into()))
    }
}

#[cfg(test)]
impl MemoryBackend {
    /// A backend that refuses writes that would take it over `quota` UTF-16 units (keys and values together).
    pub fn with_quota(quota: usize) -> MemoryBackend {
        MemoryBackend {
            quota: Some(quota),
            ..MemoryBackend::default()
        }
    }

    /// How many successful writes happened, for tests of write cost.
    pub fn write_count(&self) -> usize {
        self.lock().map(|s| s.writes).unwrap_or_default()
    }

    /// Every key and value, for tests that assert nothing changed.
    pub fn snapshot(&self) -> std::collections::BTreeMap<String, String> {
        self.lock()
            .map(|s| s.entries.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// Refuses a write over the quota.
    fn check_quota(&self, state: &State, key: &str, value: &str) -> Result<(), StorageError> {
        let units = |s: &str| s.encode_utf16().count();
        if let Some(quota) = self.quota {
            let used: usize = state
                .entries
                .iter()
                .filter(|(k, _)| k != key)
                .map(|(k, v)| units(k) + units(v))
                .sum();
            if used + units(key) + units(value) > quota {
                return Err(StorageError::QuotaExceeded);
            }
        }
        Ok(())
    }
}

impl Backend for MemoryBackend {
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        #[cfg(test)]
        if self.failing.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(StorageError::Failed("the storage could not be read".into()));
        }
        Ok(self
            .lock()?
            .entries
            .iter()
            .map(|(k, _)| k.clone())
            .collect())
    }

    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        let state = self.lock()?;
        let at = state.find(key).ok();
        Ok(at
            .and_then(|at| state.entries.get(at))
            .map(|(_, v)| v.clone()))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        let mut state = self.lock()?;
        #[cfg(test)]
        {
            self.check_quota(&state, key, value)?;
            state.writes += 1;
        }
        match state.find(key) {
            Ok(at) => {
                if let Some(entry) = state.entries.get_mut(at) {
                    entry.1 = value.to_string();
                }
            }
            Err(at) => state
                .entries
                .insert(at, (key.to_string(), value.to_string())),
        }
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        let mut state = self.lock()?;
        if let Ok(at) = state.find(key) {
            state.entries.remove(at);
        }
        Ok(())
    }
}
