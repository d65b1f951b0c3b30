//! One operation against Partner Center: a call made, and made again as [`retry`](super::retry) says, with the
//! operation's one `MS-RequestId` and a new `MS-CorrelationId` each time. What sends a request and what waits are
//! passed in ([`Transport`], [`Wait`]): the browser's `fetch` and timers in the app, scripts in the tests.

use std::future::Future;
use std::pin::Pin;

use uuid::Uuid;

use super::answer::Failure;
use super::call::{Call, Ids, Request};
use super::config::ApiBase;
use super::retry::{Next, Retry};

/// A future that the app's single thread polls.
pub type Pending<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// What came back from a request that got an answer, whatever its status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    /// The `Retry-After` header, if any.
    pub retry_after: Option<String>,
    pub body: String,
}

/// Sends a request. `Err` only when no answer came: [`Failure::Offline`] or [`Failure::TimedOut`].
pub trait Transport {
    fn send(&self, request: Request) -> Pending<'_, Result<Answer, Failure>>;
}

/// Waits, and says why the operation is waiting: the reader is told "Partner Center is busy; trying again in 12 s".
pub trait Wait {
    fn wait(&self, ms: u32, busy: bool) -> Pending<'_, ()>;
}

/// One operation: `call` under `base`, in the display language `locale`, identified by `request_id` (the same for
/// every try). `new_id` makes each try's correlation id. Answers with any status that is the reader's to judge (a
/// 201, a 404 for a free domain, a 412), or the failure that was not worth another try.
pub async fn run(
    transport: &dyn Transport,
    wait: &dyn Wait,
    base: &ApiBase,
    call: &Call,
    locale: &str,
    request_id: Uuid,
    new_id: &dyn Fn() -> Uuid,
) -> Result<Answer, Failure> {
    let mut retry = Retry::default();
    loop {
        let ids = Ids {
            request: request_id,
            correlation: new_id(),
        };
        let failure = match transport.send(call.request(base, ids, locale)).await {
            Ok(answer) => {
                let failure =
                    Failure::of(answer.status, answer.retry_after.as_deref(), &answer.body);
                if answer.status < 400 || !failure.passing() {
                    return Ok(answer);
                }
                failure
            }
            Err(failure) => failure,
        };
        match retry.after(&failure) {
            Next::Wait { ms, busy } => wait.wait(ms, busy).await,
            Next::GiveUp => return Err(failure),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::partner_center::testing::{answer, counter, header, ready, sample, Script, Waits};

    /// Runs an operation (request id 7) whose transport and waits are ready at once.
    fn operate(script: &Script, waits: &Waits, call: &Call) -> Result<Answer, Failure> {
        let base = ApiBase::parse("/pc/").expect("a base");
        let new_id = counter(100);
        ready(run(
            script,
            waits,
            &base,
            call,
            "en-US",
            Uuid::from_u128(7),
            &new_id,
        ))
    }

    /// A header of the `index`th request sent.
    fn sent_header(script: &Script, index: usize, name: &str) -> String {
        header(&script.sent.borrow()[index], name)
            .unwrap_or_default()
            .to_string()
    }

    fn create() -> Call {
        Call::Create {
            customer: Box::new(sample()),
        }
    }

    #[test]
    fn a_create_that_timed_out_is_sent_again_with_the_same_request_id_and_yields_one_answer() {
        let script = Script::new(vec![Err(Failure::TimedOut), answer(201, None, "{}")]);
        let waits = Waits::default();
        assert_eq!(
            operate(&script, &waits, &create()).map(|a| a.status),
            Ok(201)
        );
        assert_eq!(script.sent.borrow().len(), 2);
        assert_eq!(
            sent_header(&script, 0, "MS-RequestId"),
            sent_header(&script, 1, "MS-RequestId")
        );
        assert_eq!(
            sent_header(&script, 0, "MS-RequestId"),
            Uuid::from_u128(7).to_string()
        );
        assert_ne!(
            sent_header(&script, 0, "MS-CorrelationId"),
            sent_header(&script, 1, "MS-CorrelationId")
        );
        assert_eq!(
            script.sent.borrow()[0].body,
            script.sent.borrow()[1].body,
            "the same create, not a new one"
        );
        assert_eq!(*waits.0.borrow(), [(1_000, false)]);
    }

    #[test]
    fn a_429_waits_its_retry_after_and_says_partner_center_is_busy() {
        let busy =
            r#"{"statusCode":429,"message":"Rate limit is exceeded. Try again in 12 seconds."}"#;
        let script = Script::new(vec![
            answer(429, Some("12"), busy),
            answer(200, None, r#"{"items":[]}"#),
        ]);
        let waits = Waits::default();
        assert_eq!(
            operate(&script, &waits, &Call::List).map(|a| a.status),
            Ok(200)
        );
        assert_eq!(*waits.0.borrow(), [(12_000, true)]);
    }

    #[test]
    fn a_server_in_trouble_is_tried_three_more_times_then_the_reader_is_told() {
        let script = Script::new((0..5).map(|_| answer(503, None, "")).collect());
        let waits = Waits::default();
        assert_eq!(
            operate(&script, &waits, &create()),
            Err(Failure::Unavailable { status: 503 })
        );
        assert_eq!(script.sent.borrow().len(), 4);
        assert_eq!(
            *waits.0.borrow(),
            [(1_000, false), (2_000, false), (4_000, false)]
        );
    }

    #[test]
    fn no_network_a_conflict_or_a_free_domain_end_the_operation_at_once() {
        let waits = Waits::default();
        let offline = Script::new(vec![Err(Failure::Offline)]);
        assert_eq!(operate(&offline, &waits, &create()), Err(Failure::Offline));
        let etag = "e".to_string();
        let conflict = Script::new(vec![answer(412, None, "")]);
        let edit = Call::UpdateBilling {
            customer: Box::new(sample()),
            etag,
        };
        assert_eq!(
            operate(&conflict, &waits, &edit).map(|a| a.status),
            Ok(412),
            "the reader resolves a conflict"
        );
        let free = Script::new(vec![answer(404, None, "")]);
        let check = Call::DomainTaken {
            domain: "contoso.partner.onmschina.cn".into(),
        };
        assert_eq!(operate(&free, &waits, &check).map(|a| a.status), Ok(404));
        let signed_out = Script::new(vec![answer(401, None, "")]);
        assert_eq!(
            operate(&signed_out, &waits, &Call::List).map(|a| a.status),
            Ok(401)
        );
        assert!(waits.0.borrow().is_empty());
        assert_eq!(
            offline.sent.borrow().len() + conflict.sent.borrow().len() + free.sent.borrow().len(),
            3
        );
    }
}
