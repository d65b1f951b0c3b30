//! An in-memory backend: the stand-in for localStorage in native tests, with an optional quota so that a full
//! storage can be tested without a browser.

use std::collections::BTreeMap;
use std::sync::Mutex;

use super::{Backend, StorageError};

/// A map of strings behind a lock, with an optional quota counted in UTF-16 units as browsers count it.
#[derive(Default)]
pub struct MemoryBackend {
    state: Mutex<State>,
    quota: Option<usize>,
}

#[derive(Default, Clone)]
struct State {
    map: BTreeMap<String, String>,
    writes: usize,
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

impl MemoryBackend {
    /// A backend that refuses writes that would take it over `quota` UTF-16 units (keys and values together).
    pub fn with_quota(quota: usize) -> MemoryBackend {
        MemoryBackend {
            state: Mutex::default(),
            quota: Some(quota),
        }
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, State>, StorageError> {
        self.state
            .lock()
            .map_err(|_| StorageError::Failed("memory storage lock poisoned".into()))
    }

    /// How many successful writes happened, for tests of write cost.
    pub fn write_count(&self) -> usize {
        self.lock().map(|s| s.writes).unwrap_or_default()
    }

    /// Every key and value, for tests that assert nothing changed.
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.lock().map(|s| s.map.clone()).unwrap_or_default()
    }
}

impl Backend for MemoryBackend {
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        Ok(self.lock()?.map.keys().cloned().collect())
    }

    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.lock()?.map.get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        let mut state = self.lock()?;
        if let Some(quota) = self.quota {
            let used: usize = state
                .map
                .iter()
                .filter(|(k, _)| *k != key)
                .map(|(k, v)| units(k) + units(v))
                .sum();
            if used + units(key) + units(value) > quota {
                return Err(StorageError::QuotaExceeded);
            }
        }
        state.map.insert(key.to_string(), value.to_string());
        state.writes += 1;
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.lock()?.map.remove(key);
        Ok(())
    }
}
