//! Listing every customer, a page after another, and searching the ones not listed yet. Each page is an operation
//! of its own (its own `MS-RequestId`, tried again as [`retry`](super::retry) says); the caller takes each page as
//! it comes (to show it, cache it and count it) and may stop between two. Partner Center gives no total: a page's
//! `totalCount` counts that page only, so progress is the count listed so far.

use std::collections::HashSet;

use uuid::Uuid;

use super::answer::{page, Failure};
use super::call::{Call, SearchField};
use super::config::ApiBase;
use super::operation::{run, Transport, Wait};
use crate::model::list::Summary;
use crate::model::Cloud;

/// The most pages one listing asks for (500 customers each): past it, a continuation that never ends is a fault.
pub const MAX_PAGES: usize = 1_000;

/// What the caller says after a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Go,
    Stop,
}

/// How far a listing went.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Listed {
    /// Customers handed to the caller, each once.
    pub customers: usize,
    /// Items left out: not customers this app can show (see [`page`]).
    pub left_out: usize,
    /// Whether the last page was reached.
    pub complete: bool,
}

/// What a listing needs from its surroundings.
pub struct Client<'a> {
    pub transport: &'a dyn Transport,
    pub wait: &'a dyn Wait,
    pub base: &'a ApiBase,
    pub cloud: Cloud,
    /// The display language, as `X-Locale`.
    pub locale: &'a str,
    /// A new GUID (request and correlation ids).
    pub new_id: &'a dyn Fn() -> Uuid,
}

impl Client<'_> {
    /// A call's 200 answer body, or why there is none.
    async fn body(&self, call: &Call) -> Result<String, Failure> {
        let answer = run(
            self.transport,
            self.wait,
            self.base,
            call,
            self.locale,
            (self.new_id)(),
            self.new_id,
        )
        .await?;
        if answer.status == 200 {
            Ok(answer.body)
        } else {
            Err(Failure::of(
                answer.status,
                answer.retry_after.as_deref(),
                &answer.body,
            ))
        }
    }

    /// Lists every customer, handing each page's new customers to `on_page`. On a failure, what was listed so far
    /// comes with it.
    pub async fn list_all(
        &self,
        on_page: &mut dyn FnMut(Vec<Summary>) -> Flow,
    ) -> Result<Listed, (Failure, Listed)> {
        let mut listed = Listed::default();
        let mut seen = HashSet::new();
        let mut call = Call::List;
        for _ in 0..MAX_PAGES {
            let page = match self
                .body(&call)
                .await
                .and_then(|body| page(&body, self.cloud))
            {
                Ok(page) => page,
                Err(failure) => return Err((failure, listed)),
            };
            // A customer added while the list is paged through may come twice; it is listed once.
            let fresh: Vec<Summary> = page
                .items
                .into_iter()
                .filter(|s| seen.insert(s.id))
                .collect();
            listed.customers += fresh.len();
            listed.left_out += page.left_out;
            let flow = on_page(fresh);
            match page.continuation {
                None => {
                    listed.complete = true;
                    return Ok(listed);
                }
                // The same token again would ask for the same page for ever.
                Some(token) if matches!(&call, Call::Next { continuation } if *continuation == token) =>
                {
                    return Err((Failure::Malformed, listed));
                }
                Some(token) if flow == Flow::Go => {
                    call = Call::Next {
                        continuation: token,
                    }
                }
                Some(_) => return Ok(listed),
            }
        }
        Err((Failure::Malformed, listed))
    }

    /// The customers whose company name or domain starts with `text` (the API's only search, case-insensitive),
    /// each once, names first.
    pub async fn search(&self, text: &str) -> Result<Vec<Summary>, Failure> {
        let prefix = text.trim();
        let mut found = Vec::new();
        let mut seen = HashSet::new();
        for field in [SearchField::CompanyName, SearchField::Domain] {
            let call = Call::Search {
                field,
                prefix: prefix.to_string(),
            };
            let page = page(&self.body(&call).await?, self.cloud)?;
            found.extend(page.items.into_iter().filter(|s| seen.insert(s.id)));
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::partner_center::call::Request;
    use crate::partner_center::operation::Answer;
    use crate::partner_center::testing::{answer, counter, header, ready, Script, Waits};

    fn item(n: u128, name: &str) -> serde_json::Value {
        json!({
            "id": Uuid::from_u128(n),
            "companyProfile": { "domain": format!("{}.partner.onmschina.cn", name.to_lowercase()), "companyName": name },
            "relationshipToPartner": "reseller",
        })
    }

    fn ok(items: Vec<serde_json::Value>, token: Option<&str>) -> Result<Answer, Failure> {
        let mut body = json!({ "totalCount": items.len(), "items": items });
        if let Some(token) = token {
            body["continuationToken"] = json!(token);
        }
        Ok(Answer {
            status: 200,
            retry_after: None,
            body: body.to_string(),
        })
    }

    /// Runs `body` with a client over `answers`; returns what it gave and the requests sent.
    fn with_client<T>(
        answers: Vec<Result<Answer, Failure>>,
        body: impl AsyncFnOnce(&Client<'_>) -> T,
    ) -> (T, Vec<Request>) {
        let script = Script::new(answers);
        let new_id = counter(0);
        let base = ApiBase::parse("/pc/").expect("a base");
        let client = Client {
            transport: &script,
            wait: &Waits::default(),
            base: &base,
            cloud: Cloud::China21Vianet,
            locale: "en-US",
            new_id: &new_id,
        };
        let result = ready(body(&client));
        (result, script.sent.into_inner())
    }

    fn names(pages: &[Vec<Summary>]) -> Vec<Vec<String>> {
        pages
            .iter()
            .map(|p| p.iter().map(|s| s.company_name().to_string()).collect())
            .collect()
    }

    #[test]
    fn every_page_is_listed_in_turn_each_asking_with_the_last_token() {
        let answers = vec![
            ok(vec![item(1, "Alpha"), item(2, "Beta")], Some("t1")),
            ok(vec![item(3, "Gamma"), item(2, "Beta")], Some("t2")),
            ok(vec![item(4, "Delta")], None),
        ];
        let mut pages = Vec::new();
        let (listed, sent) = with_client(answers, async |client| {
            client
                .list_all(&mut |page| {
                    pages.push(page);
                    Flow::Go
                })
                .await
        });
        assert_eq!(
            listed,
            Ok(Listed {
                customers: 4,
                left_out: 0,
                complete: true
            })
        );
        assert_eq!(
            names(&pages),
            [vec!["Alpha", "Beta"], vec!["Gamma"], vec!["Delta"]],
            "Beta, listed twice, shows once"
        );
        assert_eq!(sent.len(), 3);
        assert_eq!(header(&sent[0], "MS-ContinuationToken"), None);
        assert_eq!(header(&sent[1], "MS-ContinuationToken"), Some("t1"));
        assert_eq!(header(&sent[2], "MS-ContinuationToken"), Some("t2"));
        let request_ids: HashSet<_> = sent.iter().map(|r| header(r, "MS-RequestId")).collect();
        assert_eq!(request_ids.len(), 3, "each page is an operation of its own");
    }

    #[test]
    fn cancel_stops_after_the_page_in_hand() {
        let answers = vec![
            ok(vec![item(1, "Alpha")], Some("t1")),
            ok(vec![item(2, "Beta")], None),
        ];
        let (listed, sent) = with_client(answers, async |client| {
            client.list_all(&mut |_| Flow::Stop).await
        });
        assert_eq!(
            listed,
            Ok(Listed {
                customers: 1,
                left_out: 0,
                complete: false
            })
        );
        assert_eq!(sent.len(), 1);
    }

    #[test]
    fn a_failure_half_way_keeps_what_was_listed() {
        let mut answers = vec![ok(vec![item(1, "Alpha"), item(2, "Beta")], Some("t1"))];
        answers.extend((0..4).map(|_| answer(500, None, "")));
        let (listed, sent) = with_client(answers, async |client| {
            client.list_all(&mut |_| Flow::Go).await
        });
        assert_eq!(
            listed,
            Err((
                Failure::Unavailable { status: 500 },
                Listed {
                    customers: 2,
                    left_out: 0,
                    complete: false
                }
            ))
        );
        assert_eq!(sent.len(), 5, "the second page was tried 1 + 3 times");
        let signed_out = vec![answer(401, None, "")];
        let (listed, _) = with_client(signed_out, async |client| {
            client.list_all(&mut |_| Flow::Go).await
        });
        assert_eq!(listed, Err((Failure::SignedOut, Listed::default())));
    }

    #[test]
    fn a_token_that_repeats_or_a_malformed_page_ends_the_listing() {
        let answers = vec![
            ok(vec![item(1, "Alpha")], Some("same")),
            ok(vec![item(2, "Beta")], Some("same")),
        ];
        let (listed, sent) = with_client(answers, async |client| {
            client.list_all(&mut |_| Flow::Go).await
        });
        assert_eq!(
            listed,
            Err((
                Failure::Malformed,
                Listed {
                    customers: 2,
                    left_out: 0,
                    complete: false
                }
            ))
        );
        assert_eq!(sent.len(), 2);
        let garbled = vec![Ok(Answer {
            status: 200,
            retry_after: None,
            body: "<html>".into(),
        })];
        let (listed, _) = with_client(garbled, async |client| {
            client.list_all(&mut |_| Flow::Go).await
        });
        assert_eq!(listed, Err((Failure::Malformed, Listed::default())));
    }

    #[test]
    fn a_search_asks_for_names_then_domains_and_lists_each_customer_once() {
        let answers = vec![
            ok(vec![item(1, "Contoso")], None),
            ok(vec![item(1, "Contoso"), item(2, "Conway")], None),
        ];
        let (found, sent) = with_client(answers, async |client| client.search(" con ").await);
        let found: Vec<_> = found
            .expect("found")
            .iter()
            .map(|s| s.company_name().to_string())
            .collect();
        assert_eq!(found, ["Contoso", "Conway"]);
        assert_eq!(sent.len(), 2);
        assert!(
            sent[0].url.contains("CompanyName") && sent[0].url.contains("%22con%22"),
            "{}",
            sent[0].url
        );
        assert!(sent[1].url.contains("Domain"), "{}", sent[1].url);
    }
}
