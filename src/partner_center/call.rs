//! The calls the app makes to Partner Center, as requests a transport sends as they are: method, URL under the
//! portal's base, headers and body. The headers are the documented ones: `Accept`, a new `MS-CorrelationId` per call,
//! an `MS-RequestId` per operation (the same one again when an operation is retried: that is what makes a retried
//! create safe), `X-Locale` (the display language), and per call `MS-ContinuationToken`, `If-Match` and
//! `Content-Type`.

use serde_json::json;
use uuid::Uuid;

use super::config::ApiBase;
use crate::model::customer::Customer;

/// How many customers a page of the list asks for.
pub const PAGE_SIZE: usize = 500;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Head,
    Post,
    Put,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
        }
    }
}

/// What the API's search filter looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchField {
    CompanyName,
    Domain,
}

/// One call of the customer flows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Call {
    /// The list's first page.
    List,
    /// The page after the one that gave this continuation token.
    Next { continuation: String },
    /// Customers whose company name or domain starts with the text (the API's only operator, case-insensitive).
    Search { field: SearchField, prefix: String },
    /// One customer, whole (the list's items have no billing profile).
    Customer { id: Uuid },
    /// Whether a domain is taken: 200 taken, 404 free.
    DomainTaken { domain: String },
    /// A new customer.
    Create { customer: Box<Customer> },
    /// A customer's billing profile, written over the version with this etag.
    UpdateBilling {
        customer: Box<Customer>,
        etag: String,
    },
}

/// The ids a call carries: the operation's (kept across retries) and the call's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ids {
    pub request: Uuid,
    pub correlation: Uuid,
}

/// A request, ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
}

impl Call {
    /// The request for this call under `base`, with `ids` and the display language `locale` (`zh-CN`).
    pub fn request(&self, base: &ApiBase, ids: Ids, locale: &str) -> Request {
        let mut headers = vec![
            ("Accept", "application/json".to_string()),
            ("MS-RequestId", ids.request.to_string()),
            ("MS-CorrelationId", ids.correlation.to_string()),
            ("X-Locale", locale.to_string()),
        ];
        let (method, path, body) = match self {
            Call::List => (Method::Get, format!("v1/customers?size={PAGE_SIZE}"), None),
            Call::Next { continuation } => {
                headers.push(("MS-ContinuationToken", continuation.clone()));
                (
                    Method::Get,
                    format!("v1/customers?size={PAGE_SIZE}&seekOperation=Next"),
                    None,
                )
            }
            Call::Search { field, prefix } => {
                let field = match field {
                    SearchField::CompanyName => "CompanyName",
                    SearchField::Domain => "Domain",
                };
                let filter = json!({ "Field": field, "Value": prefix, "Operator": "starts_with" });
                (
                    Method::Get,
                    format!("v1/customers?size=0&filter={}", encode(&filter.to_string())),
                    None,
                )
            }
            Call::Customer { id } => (Method::Get, format!("v1/customers/{id}"), None),
            Call::DomainTaken { domain } => {
                (Method::Head, format!("v1/domains/{}", encode(domain)), None)
            }
            Call::Create { customer } => (
                Method::Post,
                "v1/customers".to_string(),
                Some(create_body(customer)),
            ),
            Call::UpdateBilling { customer, etag } => {
                // RFC 9110's quoted form; the SDK also sends the etag in the body's attributes: both, as the docs say.
                headers.push(("If-Match", format!("\"{etag}\"")));
                let mut billing = customer.billing_profile.clone();
                billing.attributes.etag = etag.clone();
                let body = serde_json::to_string(&billing).unwrap_or_default();
                (
                    Method::Put,
                    format!("v1/customers/{}/profiles/billing", customer.id),
                    Some(body),
                )
            }
        };
        if body.is_some() {
            headers.push(("Content-Type", "application/json".to_string()));
        }
        Request {
            method,
            url: base.url(&path),
            headers,
            body,
        }
    }
}

/// What a create sends: the company profile's domain (and registration number, where the country asks for one) and
/// the billing profile, without what Partner Center makes itself (ids, etag, timestamps).
fn create_body(customer: &Customer) -> String {
    let mut company = json!({ "domain": customer.company_profile.domain });
    if let Some(number) = &customer.company_profile.organization_registration_number {
        company["organizationRegistrationNumber"] = json!(number);
    }
    let mut billing = serde_json::to_value(&customer.billing_profile).unwrap_or_default();
    if let Some(billing) = billing.as_object_mut() {
        billing.remove("attributes");
    }
    json!({ "companyProfile": company, "billingProfile": billing }).to_string()
}

/// Percent-encodes a query value or a path segment: everything but RFC 3986's unreserved characters.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::partner_center::testing::{header, sample};

    fn base() -> ApiBase {
        ApiBase::parse("/partner-center/").unwrap()
    }

    fn ids() -> Ids {
        Ids {
            request: Uuid::from_u128(1),
            correlation: Uuid::from_u128(2),
        }
    }

    #[test]
    fn every_call_carries_the_documented_headers() {
        let request = Call::List.request(&base(), ids(), "zh-CN");
        assert_eq!(request.method, Method::Get);
        assert_eq!(request.url, "/partner-center/v1/customers?size=500");
        assert_eq!(header(&request, "Accept"), Some("application/json"));
        assert_eq!(
            header(&request, "MS-RequestId"),
            Some("00000000-0000-0000-0000-000000000001")
        );
        assert_eq!(
            header(&request, "MS-CorrelationId"),
            Some("00000000-0000-0000-0000-000000000002")
        );
        assert_eq!(header(&request, "X-Locale"), Some("zh-CN"));
        assert_eq!(header(&request, "Content-Type"), None);
        assert_eq!(request.body, None);
    }

    #[test]
    fn the_next_page_sends_the_continuation_token_as_a_header() {
        let request = Call::Next {
            continuation: "abc==".into(),
        }
        .request(&base(), ids(), "en-US");
        assert_eq!(
            request.url,
            "/partner-center/v1/customers?size=500&seekOperation=Next"
        );
        assert_eq!(header(&request, "MS-ContinuationToken"), Some("abc=="));
    }

    #[test]
    fn a_search_sends_the_starts_with_filter_url_encoded() {
        let call = Call::Search {
            field: SearchField::CompanyName,
            prefix: "Contoso 上海&x=\"".into(),
        };
        let request = call.request(&base(), ids(), "en-US");
        let query = request
            .url
            .strip_prefix("/partner-center/v1/customers?size=0&filter=")
            .unwrap();
        assert!(
            query
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"%-_.~".contains(&b)),
            "{query}"
        );
        let decoded = decode(query);
        let filter: serde_json::Value = serde_json::from_str(&decoded).unwrap();
        assert_eq!(
            filter,
            json!({ "Field": "CompanyName", "Value": "Contoso 上海&x=\"", "Operator": "starts_with" })
        );
        let domain = Call::Search {
            field: SearchField::Domain,
            prefix: "con".into(),
        }
        .request(&base(), ids(), "en-US");
        assert!(decode(&domain.url).contains(r#""Field":"Domain""#));
    }

    #[test]
    fn one_customer_and_a_domain_check() {
        let id = Uuid::from_u128(0xabc);
        let request = Call::Customer { id }.request(&base(), ids(), "en-US");
        assert_eq!(request.url, format!("/partner-center/v1/customers/{id}"));
        let check = Call::DomainTaken {
            domain: "contoso.partner.onmschina.cn".into(),
        }
        .request(&base(), ids(), "en-US");
        assert_eq!(check.method, Method::Head);
        assert_eq!(
            check.url,
            "/partner-center/v1/domains/contoso.partner.onmschina.cn"
        );
        let odd = Call::DomainTaken {
            domain: "a/../b".into(),
        }
        .request(&base(), ids(), "en-US");
        assert_eq!(
            odd.url, "/partner-center/v1/domains/a%2F..%2Fb",
            "a domain stays one path segment"
        );
    }

    #[test]
    fn a_create_posts_the_profiles_without_what_partner_center_makes() {
        let customer = sample();
        let request = Call::Create {
            customer: Box::new(customer.clone()),
        }
        .request(&base(), ids(), "en-US");
        assert_eq!(request.method, Method::Post);
        assert_eq!(request.url, "/partner-center/v1/customers");
        assert_eq!(header(&request, "Content-Type"), Some("application/json"));
        let body: serde_json::Value =
            serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body["companyProfile"]["domain"],
            json!(customer.company_profile.domain)
        );
        assert_eq!(
            body["billingProfile"]["email"],
            json!(customer.billing_profile.email)
        );
        assert_eq!(
            body["billingProfile"]["defaultAddress"]["country"],
            json!(customer.country())
        );
        assert!(body.get("id").is_none() && body["billingProfile"].get("attributes").is_none());
    }

    #[test]
    fn an_edit_puts_the_billing_profile_with_the_etag_it_was_opened_with() {
        let customer = sample();
        let call = Call::UpdateBilling {
            customer: Box::new(customer.clone()),
            etag: "e-1".into(),
        };
        let request = call.request(&base(), ids(), "pt-BR");
        assert_eq!(request.method, Method::Put);
        assert_eq!(
            request.url,
            format!(
                "/partner-center/v1/customers/{}/profiles/billing",
                customer.id
            )
        );
        assert_eq!(header(&request, "If-Match"), Some("\"e-1\""));
        let body: serde_json::Value =
            serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["attributes"]["etag"], json!("e-1"));
        assert_eq!(body["companyName"], json!(customer.company_name()));
    }

    /// The inverse of `encode`, for the tests.
    fn decode(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }
}
