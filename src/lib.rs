//! Customer Accounts: keep the accounts of a cloud partner's customers in a static web page, the way Partner Center
//! (operated by 21Vianet, or the global one) does, with every record in the browser's localStorage.
//!
//! Data flows one way: [`storage`] ↔ [`model`] ↔ [`state`] ↔ [`views`]. [`model`] and the storage codec are pure and
//! tested natively; [`platform`] wraps the few browser calls the rest needs.

pub mod embed;
pub mod host;
pub mod i18n;
pub mod locale;
pub mod messages;
pub mod model;
pub mod partner_center;
pub mod platform;
pub mod routing;
pub mod state;
pub mod storage;
pub mod views;

// Talc instead of the standard library's dlmalloc: a load at 50,000 customers allocates tens of thousands of times,
// and dlmalloc's malloc was the largest single function in its profile. Single-threaded wasm only (no atomics).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
