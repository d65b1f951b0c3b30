//! What the tests of this module share: a customer, a scripted transport, recorded waits, and a way to run an
//! operation whose every step is ready at once.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::task::{Context, Poll, Waker};

use uuid::Uuid;

use super::answer::Failure;
use super::call::Request;
use super::operation::{Answer, Pending, Transport, Wait};

/// A customer as the add form would make it, for the tests of this module.
pub(crate) fn sample() -> crate::model::Customer {
    use crate::model::demo::demo_drafts;
    use crate::model::form::validate_new;
    use crate::model::{Cloud, Customer, WriteStamp};
    let draft = demo_drafts().remove(0);
    let cloud = Cloud::China21Vianet;
    let (prefix, details) =
        validate_new(&draft, cloud, |_| false).expect("a demo customer passes the form");
    let stamp = WriteStamp {
        etag: "etag-0".into(),
        now: "2026-12-07T09:00:00Z".into(),
    };
    Customer::create(
        uuid::Uuid::from_u128(0x5eed),
        cloud,
        &prefix,
        details,
        stamp,
    )
}

/// Answers scripted one per request (then no network), and every request kept.
pub(crate) struct Script {
    answers: RefCell<VecDeque<Result<Answer, Failure>>>,
    pub(crate) sent: RefCell<Vec<Request>>,
}

impl Script {
    pub(crate) fn new(answers: Vec<Result<Answer, Failure>>) -> Script {
        Script {
            answers: RefCell::new(answers.into()),
            sent: RefCell::new(Vec::new()),
        }
    }
}

impl Transport for Script {
    fn send(&self, request: Request) -> Pending<'_, Result<Answer, Failure>> {
        self.sent.borrow_mut().push(request);
        let next = self
            .answers
            .borrow_mut()
            .pop_front()
            .unwrap_or(Err(Failure::Offline));
        Box::pin(async move { next })
    }
}

/// Waits nothing, but keeps what it was asked to wait.
#[derive(Default)]
pub(crate) struct Waits(pub(crate) RefCell<Vec<(u32, bool)>>);

impl Wait for Waits {
    fn wait(&self, ms: u32, busy: bool) -> Pending<'_, ()> {
        self.0.borrow_mut().push((ms, busy));
        Box::pin(async {})
    }
}

/// An answer with this status, `Retry-After` and body.
pub(crate) fn answer(
    status: u16,
    retry_after: Option<&str>,
    body: &str,
) -> Result<Answer, Failure> {
    Ok(Answer {
        status,
        retry_after: retry_after.map(str::to_string),
        body: body.to_string(),
    })
}

/// A request's header.
pub(crate) fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.as_str())
}

/// GUIDs counted up from `from + 1`.
pub(crate) fn counter(from: u128) -> impl Fn() -> Uuid {
    let count = Cell::new(from);
    move || {
        count.set(count.get() + 1);
        Uuid::from_u128(count.get())
    }
}

/// The output of a future whose every step is ready at once (a scripted transport, recorded waits).
pub(crate) fn ready<T>(future: impl Future<Output = T>) -> T {
    let mut future = Box::pin(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the scripted future waited on something"),
    }
}
