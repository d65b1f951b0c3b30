//! The client of Partner Center the state calls through [`Remote`]: each call one operation of `partner_center`'s
//! [`run`], over the browser's `fetch` and the page's timers, in the display language.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use leptos::prelude::*;
use uuid::Uuid;

use super::status::Listing;
use crate::i18n::Lang;
use crate::model::list::Summary;
use crate::model::{Cloud, Customer};
use crate::partner_center::answer::{self, Created, Failure};
use crate::partner_center::call::Call;
use crate::partner_center::config::ApiBase;
use crate::partner_center::fetch::{Fetch, Timers};
use crate::partner_center::listing::{Client, Flow};
use crate::partner_center::operation::{run, Answer};
use crate::state::remote::Task;
use crate::state::{Remote, Services};

/// The client: calls under the portal's base, in the display language, each one an operation of `run`.
#[derive(Clone)]
pub(super) struct PartnerCenter {
    pub(super) base: ApiBase,
    pub(super) cloud: Cloud,
    pub(super) services: Arc<dyn Services>,
    /// The seconds of the wait under way because Partner Center said it is busy (429).
    pub(super) busy: ArcRwSignal<Option<u32>>,
    /// How the listing goes, and the reader's Cancel.
    pub(super) listing: ArcRwSignal<Listing>,
    pub(super) stop: Arc<AtomicBool>,
    /// When the last listing ended (the clock's milliseconds): coming back to the tab a minute later lists again.
    pub(super) ended_at: Arc<std::sync::Mutex<f64>>,
}

impl PartnerCenter {
    /// The customers whose company name or domain starts with `text`, by the API's filter: what a search finds while
    /// the list is incomplete.
    pub(super) async fn search(&self, text: &str, lang: Lang) -> Result<Vec<Summary>, Failure> {
        self.with_client(lang, async |client| client.search(text).await)
            .await
    }

    /// Runs `work` with a listing client over this client's transport and timers.
    async fn with_client<T>(&self, lang: Lang, work: impl AsyncFnOnce(&Client<'_>) -> T) -> T {
        let services = self.services.clone();
        let new_id = move || services.new_uuid();
        let transport = Fetch::default();
        let timers = self.timers();
        let client = Client {
            transport: &transport,
            wait: &timers,
            base: &self.base,
            cloud: self.cloud,
            locale: lang.tag(),
            new_id: &new_id,
        };
        let outcome = work(&client).await;
        self.busy.try_set(None);
        outcome
    }

    fn timers(&self) -> Timers {
        let busy = self.busy.clone();
        Timers {
            on_wait: Box::new(move |ms, is_busy| {
                busy.try_set(is_busy.then_some(ms.div_ceil(1000)));
            }),
        }
    }

    /// One operation: the answer whatever its status, or the failure not worth another try.
    async fn call(&self, call: Call, lang: Lang) -> Result<Answer, Failure> {
        let services = self.services.clone();
        let new_id = move || services.new_uuid();
        let outcome = run(
            &Fetch::default(),
            &self.timers(),
            &self.base,
            &call,
            lang.tag(),
            new_id(),
            &new_id,
        )
        .await;
        self.busy.try_set(None);
        outcome
    }
}

/// The failure an answer with a status other than the call's own stands for.
fn failed(answer: &Answer) -> Failure {
    Failure::of(answer.status, answer.retry_after.as_deref(), &answer.body)
}

impl Remote for PartnerCenter {
    fn list(
        &self,
        lang: Lang,
        mut on_page: Box<dyn FnMut(Vec<Summary>) -> bool>,
    ) -> Task<Result<bool, Failure>> {
        let this = self.clone();
        Box::pin(async move {
            let listed = this
                .with_client(lang, async |client| {
                    client
                        .list_all(&mut |page| if on_page(page) { Flow::Go } else { Flow::Stop })
                        .await
                })
                .await;
            listed
                .map(|listed| listed.complete)
                .map_err(|(failure, _)| failure)
        })
    }

    fn customer(&self, id: Uuid, lang: Lang) -> Task<Result<Customer, Failure>> {
        let this = self.clone();
        Box::pin(async move {
            let answer = this.call(Call::Customer { id }, lang).await?;
            match answer.status {
                200 => answer::customer(&answer.body, this.cloud, &this.services.stamp()),
                _ => Err(failed(&answer)),
            }
        })
    }

    fn create(&self, customer: Customer, lang: Lang) -> Task<Result<Created, Failure>> {
        let this = self.clone();
        Box::pin(async move {
            let call = Call::Create {
                customer: Box::new(customer),
            };
            let answer = this.call(call, lang).await?;
            match answer.status {
                200 | 201 => answer::created(&answer.body, this.cloud, &this.services.stamp()),
                _ => Err(failed(&answer)),
            }
        })
    }

    fn update(
        &self,
        customer: Customer,
        etag: String,
        lang: Lang,
    ) -> Task<Result<Customer, Failure>> {
        let this = self.clone();
        Box::pin(async move {
            let call = Call::UpdateBilling {
                customer: Box::new(customer.clone()),
                etag,
            };
            let answer = this.call(call, lang).await?;
            match answer.status {
                200 => answer::billing(&answer.body, &customer, this.cloud, &this.services.stamp()),
                _ => Err(failed(&answer)),
            }
        })
    }
}
