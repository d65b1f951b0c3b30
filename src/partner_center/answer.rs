//! What the app makes of Partner Center's answers. Every answer is untrusted input, read as an import's records are:
//! a customer passes the same rules as a stored one, a list item that does not is left out (and counted), and an
//! answer that is not what the documentation says is [`Failure::Malformed`], with nothing taken from it.

use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use crate::model::customer::cloud::{split_domain, Cloud};
use crate::model::customer::Relationship;
use crate::model::exchange::read_record;
use crate::model::form::{check_text, MAX_COMPANY_NAME};
use crate::model::list::{Columns, Summary};
use crate::model::{Customer, Field, WriteStamp};

/// Longest continuation token kept: it is sent back as a header.
const MAX_TOKEN: usize = 8_192;
/// Longest error description shown (the documentation's own limit).
const MAX_DESCRIPTION: usize = 1_024;
/// `Retry-After` when a 429 has none, or one that cannot be read; and the longest wait taken from one.
pub const DEFAULT_RETRY_AFTER_SECS: u32 = 30;
pub const MAX_RETRY_AFTER_SECS: u32 = 600;

/// Why a call gave nothing to use. The state decides what to do about it; `messages` words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// 429: try again after this many seconds.
    Busy { retry_after_secs: u32 },
    /// 401 or 403: the portal's session has ended (or never allowed this).
    SignedOut,
    /// 412, or 400 with code 2055: the etag is no longer the customer's.
    Conflict,
    /// 404.
    NotFound,
    /// Another 4xx: Partner Center refused the request, with its code and description.
    Refused {
        code: Option<i64>,
        description: String,
    },
    /// 5xx: Partner Center (or the proxy) could not answer.
    Unavailable { status: u16 },
    /// 408, or no answer in time.
    TimedOut,
    /// No answer at all: the network is down.
    Offline,
    /// An answer that is not what the documentation says (not JSON, a missing field, an unexpected status).
    Malformed,
    /// A customer that breaks the rules every stored customer meets.
    Invalid,
}

impl Failure {
    /// What a non-2xx answer means, from its status, its `Retry-After` header and its body.
    pub fn of(status: u16, retry_after: Option<&str>, body: &str) -> Failure {
        let error = serde_json::from_str::<ErrorBody>(body).ok();
        let code = error
            .as_ref()
            .and_then(|e| e.code.as_ref())
            .and_then(code_of);
        match status {
            401 | 403 => Failure::SignedOut,
            412 => Failure::Conflict,
            400 if code == Some(2055) => Failure::Conflict,
            404 => Failure::NotFound,
            408 => Failure::TimedOut,
            429 => Failure::Busy {
                retry_after_secs: retry_after
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .map_or(DEFAULT_RETRY_AFTER_SECS, |s| {
                        s.clamp(1, MAX_RETRY_AFTER_SECS)
                    }),
            },
            400..=499 => Failure::Refused {
                code,
                description: error
                    .and_then(|e| e.description)
                    .map(|d| clean(&d))
                    .unwrap_or_default(),
            },
            500..=599 => Failure::Unavailable { status },
            _ => Failure::Malformed,
        }
    }

    /// The form's field a refused create or edit points at, for the codes the documentation lists.
    pub fn field(&self) -> Option<Field> {
        match self {
            Failure::Refused {
                code: Some(600049 | 600050 | 600002),
                ..
            } => Some(Field::OrganizationRegistrationNumber),
            Failure::Refused {
                code: Some(600051), ..
            } => Some(Field::Phone),
            _ => None,
        }
    }

    /// Whether the same call may simply be made again later (the network, a timeout, a server's trouble, a 429).
    pub fn passing(&self) -> bool {
        matches!(
            self,
            Failure::Busy { .. }
                | Failure::Unavailable { .. }
                | Failure::TimedOut
                | Failure::Offline
        )
    }
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    code: Option<Value>,
    #[serde(default)]
    description: Option<String>,
}

/// An error code, sent as a number or as a string of digits.
fn code_of(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A description as text to show: control characters out, at most [`MAX_DESCRIPTION`] characters.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .take(MAX_DESCRIPTION)
        .collect::<String>()
        .trim()
        .to_string()
}

/// One page of the customer list (or of a search).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The items that are customers this app can show, in the API's order.
    pub items: Vec<Summary>,
    /// Items left out: not a customer of this cloud, or breaking the rules.
    pub left_out: usize,
    /// The token of the next page; `None` on the last.
    pub continuation: Option<String>,
}

/// A list page's item, as documented: no billing profile.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    id: Uuid,
    company_profile: ItemCompany,
    /// Unknown or missing: the list's column says so as `none` would.
    #[serde(default)]
    relationship_to_partner: Option<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ItemCompany {
    domain: String,
    company_name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageBody {
    items: Vec<Value>,
    #[serde(default)]
    continuation_token: Option<String>,
}

/// Reads a page of `GET /v1/customers`: customers of `cloud` only.
pub fn page(body: &str, cloud: Cloud) -> Result<Page, Failure> {
    let page: PageBody = serde_json::from_str(body).map_err(|_| Failure::Malformed)?;
    let continuation = match page.continuation_token {
        None => None,
        Some(token) if token.is_empty() => None,
        Some(token)
            if token.len() <= MAX_TOKEN && token.bytes().all(|b| (b' '..=b'~').contains(&b)) =>
        {
            Some(token)
        }
        Some(_) => return Err(Failure::Malformed),
    };
    let mut items = Vec::with_capacity(page.items.len());
    let mut left_out = 0;
    for value in page.items {
        match serde_json::from_value::<Item>(value)
            .ok()
            .and_then(|item| summary(item, cloud))
        {
            Some(summary) => items.push(summary),
            None => left_out += 1,
        }
    }
    Ok(Page {
        items,
        left_out,
        continuation,
    })
}

fn summary(item: Item, cloud: Cloud) -> Option<Summary> {
    let company = item.company_profile;
    let domain = company.domain.trim().to_ascii_lowercase();
    let name = company.company_name.trim();
    if !matches!(split_domain(&domain), Some((_, found)) if found == cloud) {
        return None;
    }
    check_text(name, true, MAX_COMPANY_NAME).ok()?;
    let relationship = item
        .relationship_to_partner
        .and_then(|value| serde_json::from_value::<Relationship>(value).ok())
        .unwrap_or(Relationship::None);
    // The country is not in a list item: the column stays empty until the customer is opened.
    Some(Summary::new(
        item.id,
        name,
        &domain,
        Some(Columns::new("", relationship)),
    ))
}

/// Reads `GET /v1/customers/{id}`: the customer whole, checked as an import's record is. Partner Center keeps no
/// creation time of ours: `stamp.now` (the time of the answer) stands in for it.
pub fn customer(body: &str, cloud: Cloud, stamp: &WriteStamp) -> Result<Customer, Failure> {
    let value: Value = serde_json::from_str(body).map_err(|_| Failure::Malformed)?;
    if !value.is_object() {
        return Err(Failure::Malformed);
    }
    read_record(&value, cloud, stamp).map_err(|_| Failure::Invalid)
}

/// Reads the answer of `PUT /v1/customers/{id}/profiles/billing`, the billing profile as saved (with its new etag):
/// `sent` with that profile, checked whole as any customer is.
pub fn billing(
    body: &str,
    sent: &Customer,
    cloud: Cloud,
    stamp: &WriteStamp,
) -> Result<Customer, Failure> {
    let profile: Value = serde_json::from_str(body).map_err(|_| Failure::Malformed)?;
    if !profile.is_object() {
        return Err(Failure::Malformed);
    }
    let mut whole = serde_json::to_value(sent).map_err(|_| Failure::Malformed)?;
    whole["billingProfile"] = profile;
    let saved = customer(&whole.to_string(), cloud, stamp)?;
    // The same customer, or the answer is not what was asked for.
    if saved.id != sent.id || saved.domain() != sent.domain() {
        return Err(Failure::Malformed);
    }
    Ok(saved)
}

/// What a create answers: the new customer, and the sign-in shown once and never stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Created {
    pub customer: Customer,
    pub user_name: String,
    pub password: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Credentials {
    user_name: String,
    password: String,
}

/// Reads a create's `201`.
pub fn created(body: &str, cloud: Cloud, stamp: &WriteStamp) -> Result<Created, Failure> {
    let mut value: Value = serde_json::from_str(body).map_err(|_| Failure::Malformed)?;
    let credentials = value
        .as_object_mut()
        .and_then(|o| o.remove("userCredentials"))
        .and_then(|c| serde_json::from_value::<Credentials>(c).ok())
        .filter(|c| {
            [&c.user_name, &c.password]
                .iter()
                .all(|v| !v.is_empty() && v.len() <= 256)
        })
        .ok_or(Failure::Malformed)?;
    let customer = customer(&value.to_string(), cloud, stamp)?;
    Ok(Created {
        customer,
        user_name: credentials.user_name,
        password: credentials.password,
    })
}

/// Reads `HEAD /v1/domains/{domain}`: whether the domain is taken.
pub fn domain_taken(status: u16) -> Result<bool, Failure> {
    match status {
        200 | 204 => Ok(true),
        404 => Ok(false),
        _ => Err(Failure::of(status, None, "")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::partner_center::testing::sample;
    use serde_json::json;

    fn stamp() -> WriteStamp {
        WriteStamp {
            etag: "filled".into(),
            now: "2026-12-07T10:00:00Z".into(),
        }
    }

    fn item(id: u128, name: &str, domain: &str) -> Value {
        json!({
            "id": Uuid::from_u128(id),
            "companyProfile": { "tenantId": Uuid::from_u128(id), "domain": domain, "companyName": name },
            "relationshipToPartner": "reseller",
            "attributes": { "objectType": "Customer" },
        })
    }

    #[test]
    fn a_page_keeps_this_cloud_s_customers_and_its_continuation_token() {
        let body = json!({
            "totalCount": 4,
            "items": [
                item(1, "Contoso", "contoso.partner.onmschina.cn"),
                item(2, "Fabrikam", "fabrikam.onmicrosoft.com"),
                item(3, "", "empty.partner.onmschina.cn"),
                { "id": "not-a-guid" },
                item(5, " Tailspin ", "TAILSPIN.partner.onmschina.cn"),
            ],
            "continuationToken": "next==",
            "attributes": { "objectType": "Collection" },
        });
        let page = page(&body.to_string(), Cloud::China21Vianet).unwrap();
        let names: Vec<_> = page
            .items
            .iter()
            .map(|s| (s.company_name().to_string(), s.domain().to_string()))
            .collect();
        assert_eq!(
            names,
            [
                ("Contoso".into(), "contoso.partner.onmschina.cn".into()),
                ("Tailspin".into(), "tailspin.partner.onmschina.cn".into())
            ]
        );
        assert_eq!(page.left_out, 3);
        // The relationship is in a list item; the country is not.
        let columns = page.items[0].columns().unwrap_or_default();
        assert_eq!(columns.relationship, Relationship::Reseller);
        assert_eq!(columns.country(), "");
        assert_eq!(page.continuation.as_deref(), Some("next=="));
        let last = json!({ "items": [], "continuationToken": "" }).to_string();
        assert_eq!(
            super::page(&last, Cloud::Global).unwrap().continuation,
            None
        );
    }

    #[test]
    fn a_saved_billing_profile_is_the_customer_sent_with_its_new_etag_or_nothing() {
        let sent = sample();
        let mut profile = serde_json::to_value(&sent.billing_profile).unwrap();
        profile["attributes"]["etag"] = json!("new-etag");
        profile["defaultAddress"]["city"] = json!("Shanghai");
        let saved = billing(&profile.to_string(), &sent, Cloud::China21Vianet, &stamp()).unwrap();
        assert_eq!(saved.etag(), "new-etag");
        assert_eq!(saved.billing_profile.default_address.city, "Shanghai");
        assert_eq!(saved.id, sent.id);
        // Not JSON, not an object, a profile that breaks the rules.
        assert_eq!(
            billing("<html>", &sent, Cloud::China21Vianet, &stamp()),
            Err(Failure::Malformed)
        );
        assert_eq!(
            billing("[]", &sent, Cloud::China21Vianet, &stamp()),
            Err(Failure::Malformed)
        );
        profile["email"] = json!("not an email");
        assert_eq!(
            billing(&profile.to_string(), &sent, Cloud::China21Vianet, &stamp()),
            Err(Failure::Invalid)
        );
    }

    /// Answers of the contract double (tests/partner-center/double.mjs), as its e2e tests will get them.
    #[test]
    fn the_contract_double_s_answers_are_read() {
        let page = page(
            include_str!("../../tests/fixtures/partner-center/page.json"),
            Cloud::China21Vianet,
        )
        .unwrap();
        assert_eq!(page.items.len(), 2);
        assert_eq!(page.left_out, 0);
        assert_eq!(page.items[0].company_name(), "广州腾源海网络科技有限公司");
        assert!(page.continuation.is_some());
        let body = include_str!("../../tests/fixtures/partner-center/customer.json");
        let customer = customer(body, Cloud::China21Vianet, &stamp()).unwrap();
        assert_eq!(customer.id, page.items[0].id);
        assert_eq!(customer.etag(), "e8dae18a-efd9-4f8d-885b-8cf8d6ab8430");
        assert_eq!(customer.country(), "CN");
    }

    #[test]
    fn a_page_that_is_not_as_documented_gives_nothing() {
        for body in [
            "",
            "[]",
            "{}",
            r#"{"items": {}}"#,
            "<html>",
            r#"{"items": [], "continuationToken": "a\nb"}"#,
        ] {
            assert_eq!(page(body, Cloud::Global), Err(Failure::Malformed), "{body}");
        }
        let long =
            json!({ "items": [], "continuationToken": "x".repeat(MAX_TOKEN + 1) }).to_string();
        assert_eq!(page(&long, Cloud::Global), Err(Failure::Malformed));
    }

    #[test]
    fn a_customer_is_read_as_an_import_s_record_is() {
        let mut value = serde_json::to_value(sample()).unwrap();
        // Partner Center has no timestamps of ours.
        value.as_object_mut().unwrap().remove("createdAt");
        value.as_object_mut().unwrap().remove("updatedAt");
        let read = customer(&value.to_string(), Cloud::China21Vianet, &stamp()).unwrap();
        assert_eq!(read.created_at, "2026-12-07T10:00:00Z");
        assert_eq!(read.etag(), "etag-0", "the answer's etag is kept");
        assert_eq!(read.company_name(), sample().company_name());

        value["billingProfile"]["email"] = json!("not an email");
        assert_eq!(
            customer(&value.to_string(), Cloud::China21Vianet, &stamp()),
            Err(Failure::Invalid)
        );
        assert_eq!(
            customer("[1]", Cloud::China21Vianet, &stamp()),
            Err(Failure::Malformed)
        );
        assert_eq!(
            customer("{", Cloud::China21Vianet, &stamp()),
            Err(Failure::Malformed)
        );
        let global = serde_json::to_value(sample()).unwrap().to_string();
        assert_eq!(
            customer(&global, Cloud::Global, &stamp()),
            Err(Failure::Invalid),
            "another cloud's domain"
        );
    }

    #[test]
    fn a_create_answers_the_customer_and_its_sign_in_once() {
        let mut value = serde_json::to_value(sample()).unwrap();
        value["userCredentials"] = json!({ "userName": "admin", "password": "Secret;1" });
        let answer = created(&value.to_string(), Cloud::China21Vianet, &stamp()).unwrap();
        assert_eq!(
            (answer.user_name.as_str(), answer.password.as_str()),
            ("admin", "Secret;1")
        );
        assert_eq!(answer.customer.id, sample().id);
        value["userCredentials"] = json!({ "userName": "admin" });
        assert_eq!(
            created(&value.to_string(), Cloud::China21Vianet, &stamp()),
            Err(Failure::Malformed)
        );
    }

    #[test]
    fn statuses_and_error_bodies_say_what_went_wrong() {
        let error = |code: Value, description: &str| {
            json!({ "code": code, "description": description, "data": [], "source": "PartnerFD" })
                .to_string()
        };
        assert_eq!(Failure::of(401, None, ""), Failure::SignedOut);
        assert_eq!(Failure::of(403, None, "{}"), Failure::SignedOut);
        assert_eq!(Failure::of(412, None, ""), Failure::Conflict);
        assert_eq!(
            Failure::of(400, None, &error(json!(2055), "Etag is no longer valid")),
            Failure::Conflict
        );
        assert_eq!(
            Failure::of(400, None, &error(json!("2055"), "")),
            Failure::Conflict
        );
        assert_eq!(Failure::of(404, None, ""), Failure::NotFound);
        assert_eq!(Failure::of(408, None, ""), Failure::TimedOut);
        assert_eq!(
            Failure::of(500, None, "<html>"),
            Failure::Unavailable { status: 500 }
        );
        assert_eq!(
            Failure::of(503, None, ""),
            Failure::Unavailable { status: 503 }
        );
        assert_eq!(Failure::of(302, None, ""), Failure::Malformed);
        let refused = Failure::of(400, None, &error(json!(600051), "Phone\u{7} is required"));
        assert_eq!(
            refused,
            Failure::Refused {
                code: Some(600051),
                description: "Phone is required".into()
            }
        );
        assert_eq!(refused.field(), Some(Field::Phone));
        for code in [600049, 600050, 600002] {
            assert_eq!(
                Failure::of(400, None, &error(json!(code), "x")).field(),
                Some(Field::OrganizationRegistrationNumber)
            );
        }
        assert_eq!(
            Failure::of(400, None, &error(json!(3000), "x")).field(),
            None
        );
        let long = Failure::of(409, None, &error(json!(3000), &"d".repeat(5000)));
        assert!(
            matches!(long, Failure::Refused { description, .. } if description.chars().count() == MAX_DESCRIPTION)
        );
        assert_eq!(
            Failure::of(400, None, "not json"),
            Failure::Refused {
                code: None,
                description: String::new()
            }
        );
    }

    #[test]
    fn a_429_waits_its_retry_after_within_bounds() {
        let busy = |header| {
            Failure::of(
                429,
                header,
                r#"{"statusCode":429,"message":"Rate limit is exceeded."}"#,
            )
        };
        assert_eq!(
            busy(Some("12")),
            Failure::Busy {
                retry_after_secs: 12
            }
        );
        assert_eq!(
            busy(Some(" 0 ")),
            Failure::Busy {
                retry_after_secs: 1
            }
        );
        assert_eq!(
            busy(Some("86400")),
            Failure::Busy {
                retry_after_secs: MAX_RETRY_AFTER_SECS
            }
        );
        assert_eq!(
            busy(Some("Wed, 21 Oct 2026 07:28:00 GMT")),
            Failure::Busy {
                retry_after_secs: DEFAULT_RETRY_AFTER_SECS
            }
        );
        assert_eq!(
            busy(None),
            Failure::Busy {
                retry_after_secs: DEFAULT_RETRY_AFTER_SECS
            }
        );
        assert!(busy(None).passing() && Failure::Offline.passing() && !Failure::Conflict.passing());
    }

    #[test]
    fn a_domain_check_is_200_taken_or_404_free() {
        assert_eq!(domain_taken(200), Ok(true));
        assert_eq!(domain_taken(404), Ok(false));
        assert_eq!(domain_taken(401), Err(Failure::SignedOut));
        assert_eq!(domain_taken(502), Err(Failure::Unavailable { status: 502 }));
    }
}
