//! The browser's side of an [`operation`](super::operation): requests sent with `fetch` (with the portal's session
//! cookie, or a bearer token the host page hands over), given up after a timeout, and waits on the page's timers.
//! The one part of this module that needs a browser: tested in `tests/browser.rs`.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCredentials, RequestInit, Response};

use super::answer::Failure;
use super::call::Request;
use super::operation::{Answer, Pending, Transport, Wait};

/// How long a call may take, its answer's body included, before it counts as [`Failure::TimedOut`].
pub const TIMEOUT_MS: i32 = 30_000;

/// Sends requests with the browser's `fetch`.
pub struct Fetch {
    /// Milliseconds before a call is given up.
    pub timeout_ms: i32,
    /// A token for `Authorization: Bearer`, when the host page hands one over instead of a session cookie.
    pub bearer: Option<String>,
}

impl Default for Fetch {
    fn default() -> Self {
        Fetch {
            timeout_ms: TIMEOUT_MS,
            bearer: None,
        }
    }
}

impl Transport for Fetch {
    fn send(&self, request: Request) -> Pending<'_, Result<Answer, Failure>> {
        Box::pin(async move { send(&request, self.timeout_ms, self.bearer.as_deref()).await })
    }
}

/// Gives up a call after a time: aborts it when the time is up, unless dropped first.
struct Deadline {
    controller: AbortController,
    timer: Option<i32>,
    // Kept alive while the timer may still call it.
    _abort: Closure<dyn FnMut()>,
}

impl Deadline {
    fn start(ms: i32) -> Option<Deadline> {
        let controller = AbortController::new().ok()?;
        let aborted = controller.clone();
        let abort = Closure::<dyn FnMut()>::new(move || aborted.abort());
        let timer = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                abort.as_ref().unchecked_ref(),
                ms,
            )
            .ok()
        });
        Some(Deadline {
            controller,
            timer,
            _abort: abort,
        })
    }

    fn passed(&self) -> bool {
        self.controller.signal().aborted()
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(window), Some(timer)) = (web_sys::window(), self.timer) {
            window.clear_timeout_with_handle(timer);
        }
    }
}

async fn send(request: &Request, timeout_ms: i32, bearer: Option<&str>) -> Result<Answer, Failure> {
    let window = web_sys::window().ok_or(Failure::Offline)?;
    // A header the browser refuses (a value with a line break) is this request's fault, not the network's.
    let headers = Headers::new().map_err(|_| Failure::Malformed)?;
    for (name, value) in &request.headers {
        headers.set(name, value).map_err(|_| Failure::Malformed)?;
    }
    if let Some(token) = bearer {
        headers
            .set("Authorization", &format!("Bearer {token}"))
            .map_err(|_| Failure::Malformed)?;
    }
    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    init.set_headers(&headers);
    // The portal's proxy knows its reader by the portal's session cookie.
    init.set_credentials(RequestCredentials::Include);
    if let Some(body) = &request.body {
        init.set_body(&JsValue::from_str(body));
    }
    let deadline = Deadline::start(timeout_ms);
    if let Some(deadline) = &deadline {
        init.set_signal(Some(&deadline.controller.signal()));
    }
    let gone = |deadline: &Option<Deadline>| {
        if deadline.as_ref().is_some_and(Deadline::passed) {
            Failure::TimedOut
        } else {
            Failure::Offline
        }
    };
    let response: Response =
        match JsFuture::from(window.fetch_with_str_and_init(&request.url, &init)).await {
            Ok(value) => value.dyn_into().map_err(|_| Failure::Malformed)?,
            Err(_) => return Err(gone(&deadline)),
        };
    let status = response.status();
    let retry_after = response.headers().get("Retry-After").ok().flatten();
    // The body is read under the same deadline: a proxy that sends headers and then stalls is given up too.
    let body = match response.text() {
        Ok(text) => match JsFuture::from(text).await {
            Ok(value) => value.as_string().unwrap_or_default(),
            Err(_) => return Err(gone(&deadline)),
        },
        Err(_) => String::new(),
    };
    Ok(Answer {
        status,
        retry_after,
        body,
    })
}

/// Waits on the page's timers, and tells `on_wait` first (the reader sees "trying again in 12 s").
pub struct Timers {
    pub on_wait: Box<dyn Fn(u32, bool)>,
}

impl Wait for Timers {
    fn wait(&self, ms: u32, busy: bool) -> Pending<'_, ()> {
        (self.on_wait)(ms, busy);
        let ms = i32::try_from(ms).unwrap_or(i32::MAX);
        Box::pin(crate::platform::sleep(ms))
    }
}
