//! The browser's side of an [`operation`](super::operation): requests sent with `fetch` (with the portal's session
//! cookie, or a bearer token the host page hands over), given up after a timeout, and waits on the page's timers.
//! The one part of this module that needs a browser: tested in `tests/browser.rs`.

use std::future::Future;
use std::task::Poll;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

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

/// `target[key]`.
fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(key)).ok()
}

/// Calls the method `key` of `target` with `args` (none, one or two): its result.
fn call(target: &JsValue, key: &str, args: &[&JsValue]) -> Option<JsValue> {
    let method: Function = get(target, key)?.dyn_into().ok()?;
    match args {
        [] => method.call0(target),
        [a] => method.call1(target, a),
        [a, b] => method.call2(target, a, b),
        _ => return None,
    }
    .ok()
}

/// `work`, unless `deadline` comes first (then `None`). The call given up is not aborted: an `AbortController`'s
/// bindings would add to the first download, which the local mode never uses; its late answer is ignored, and the
/// operation's `MS-RequestId` makes a create sent again safe.
async fn before<T>(deadline: &mut Pending<'_, ()>, work: impl Future<Output = T>) -> Option<T> {
    let mut work = std::pin::pin!(work);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(value) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(value));
        }
        deadline.as_mut().poll(cx).map(|()| None)
    })
    .await
}

/// A status as `fetch` gives it, as text: three digits, 100 to 599. (Not `str::parse`: a split module's use of it
/// would move the shared copy into the first download.)
fn status_of(text: &str) -> Option<u16> {
    match text.as_bytes() {
        &[a @ b'1'..=b'5', b @ b'0'..=b'9', c @ b'0'..=b'9'] => {
            Some(u16::from(a - b'0') * 100 + u16::from(b - b'0') * 10 + u16::from(c - b'0'))
        }
        _ => None,
    }
}

/// Whether a header value is one `fetch` accepts: no line break or NUL (it would throw on one).
fn header_value_ok(value: &str) -> bool {
    !value.bytes().any(|b| matches!(b, b'\r' | b'\n' | 0))
}

async fn send(request: &Request, timeout_ms: i32, bearer: Option<&str>) -> Result<Answer, Failure> {
    let window: JsValue = web_sys::window().ok_or(Failure::Offline)?.into();
    // A header the browser refuses (a value with a line break) is this request's fault, not the network's.
    let headers = Object::new();
    let bearer = bearer.map(|token| ("Authorization", format!("Bearer {token}")));
    for (name, value) in request.headers.iter().chain(bearer.as_ref()) {
        if !header_value_ok(value) {
            return Err(Failure::Malformed);
        }
        Reflect::set(
            &headers,
            &JsValue::from_str(name),
            &JsValue::from_str(value),
        )
        .map_err(|_| Failure::Malformed)?;
    }
    let init = Object::new();
    let set = |key: &str, value: &JsValue| {
        Reflect::set(&init, &JsValue::from_str(key), value).map_err(|_| Failure::Malformed)
    };
    set("method", &JsValue::from_str(request.method.as_str()))?;
    set("headers", &headers)?;
    // The portal's proxy knows its reader by the portal's session cookie.
    set("credentials", &JsValue::from_str("include"))?;
    if let Some(body) = &request.body {
        set("body", &JsValue::from_str(body))?;
    }
    // One deadline for the answer and its body: a proxy that sends headers and then stalls is given up too.
    let mut deadline: Pending<'_, ()> = Box::pin(crate::platform::sleep(timeout_ms));
    let url = JsValue::from_str(&request.url);
    let fetching: Promise = call(&window, "fetch", &[&url, &init])
        .and_then(|p| p.dyn_into().ok())
        .ok_or(Failure::Offline)?;
    let response = match before(&mut deadline, JsFuture::from(fetching)).await {
        Some(Ok(value)) => value,
        Some(Err(_)) => return Err(Failure::Offline),
        None => return Err(Failure::TimedOut),
    };
    // Read as text, with `Number.prototype.toString` (a number has no properties to `Reflect.get`): the number's own
    // binding would add to the first download.
    let to_text = get(&window, "Number")
        .and_then(|number| get(&number, "prototype"))
        .and_then(|prototype| get(&prototype, "toString"))
        .and_then(|f| f.dyn_into::<Function>().ok());
    let status = get(&response, "status")
        .zip(to_text)
        .and_then(|(status, to_text)| to_text.call0(&status).ok())
        .and_then(|s| s.as_string())
        .and_then(|s| status_of(&s))
        .ok_or(Failure::Malformed)?;
    let retry_after = get(&response, "headers")
        .and_then(|headers| call(&headers, "get", &[&JsValue::from_str("Retry-After")]))
        .and_then(|value| value.as_string());
    let body = match call(&response, "text", &[]).and_then(|p| p.dyn_into::<Promise>().ok()) {
        Some(text) => match before(&mut deadline, JsFuture::from(text)).await {
            Some(Ok(value)) => value.as_string().unwrap_or_default(),
            Some(Err(_)) => return Err(Failure::Offline),
            None => return Err(Failure::TimedOut),
        },
        None => String::new(),
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

#[cfg(test)]
mod tests {
    use super::{header_value_ok, status_of};

    #[test]
    fn a_status_is_three_digits_from_100_to_599() {
        assert_eq!(status_of("200"), Some(200));
        assert_eq!(status_of("412"), Some(412));
        assert_eq!(status_of("599"), Some(599));
        for bad in ["", "99", "600", "2000", "20a", " 200", "0"] {
            assert_eq!(status_of(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_header_value_with_a_line_break_or_nul_is_refused() {
        assert!(header_value_ok("en-US"));
        for bad in ["en\r\nX: 1", "a\nb", "a\0b"] {
            assert!(!header_value_ok(bad), "{bad:?}");
        }
    }
}
