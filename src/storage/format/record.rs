//! One customer's record: what is kept of it, bit by bit, and how it is read back whole, as a list's row (names and
//! columns), or as just its id and domain.

use uuid::Uuid;

use super::bits::{BitReader, BitWriter, Damaged};
use super::fields::*;
use super::time::{read_time, skip_time, time};
use crate::model::acceptance;
use crate::model::customer::{
    language_of, Address, BillingAttributes, BillingProfile, CompanyProfile, CustomerAttributes,
    Relationship,
};
use crate::model::list::{Columns, Summary};
use crate::model::{Cloud, Customer};
use crate::storage::error::DecodeError;

/// The first character of a format 2 value: a group the previous version wrote (records in any order, no count),
/// or one record packed under its own key mid-upgrade.
pub const MARK: char = '2';
/// The first character of a group value of format 3: a count, then the readable records in the list's order.
pub const SORTED: char = '3';
/// The layout of a record, its first 3 bits: a later layout gets the next number.
pub(in crate::storage) const LAYOUT: u32 = 1;
/// Relationships, in the order their numbers are stored.
pub(in crate::storage) const RELATIONSHIPS: [Relationship; 5] = [
    Relationship::None,
    Relationship::Reseller,
    Relationship::Advisor,
    Relationship::Syndication,
    Relationship::MicrosoftSupport,
];

pub(in crate::storage) fn damaged(_: Damaged) -> DecodeError {
    DecodeError::Schema("the record is cut short or damaged".into())
}

/// Encodes one customer's record (without its length unit).
pub fn encode_record(c: &Customer) -> Vec<u16> {
    let mut w = BitWriter::default();
    w.bits(LAYOUT, 3);
    w.u128(c.id.as_u128());
    let company = &c.company_profile;
    match Cloud::ALL
        .iter()
        .position(|cloud| company.domain.ends_with(cloud.domain_suffix()))
    {
        Some(at) => {
            w.bits(at as u32 + 1, 2);
            let suffix = Cloud::ALL[at].domain_suffix();
            text(
                &mut w,
                &company.domain[..company.domain.len() - suffix.len()],
            );
        }
        None => {
            w.bits(0, 2);
            text(&mut w, &company.domain);
        }
    }
    w.flag(company.tenant_id == c.id);
    if company.tenant_id != c.id {
        w.u128(company.tenant_id.as_u128());
    }
    text(&mut w, &company.company_name);
    optional(&mut w, company.organization_registration_number.as_deref());
    let billing = &c.billing_profile;
    same_or_text(&mut w, &billing.company_name, &company.company_name);
    text(&mut w, &billing.first_name);
    text(&mut w, &billing.last_name);
    text(&mut w, &billing.email);
    text(&mut w, &billing.culture);
    same_or_text(&mut w, &billing.language, &language_of(&billing.culture));
    let address = &billing.default_address;
    text(&mut w, &address.country);
    optional(&mut w, address.region.as_deref());
    text(&mut w, &address.city);
    text(&mut w, &address.state);
    text(&mut w, &address.address_line1);
    optional(&mut w, address.address_line2.as_deref());
    text(&mut w, &address.postal_code);
    optional(&mut w, address.phone_number.as_deref());
    let etag = &billing.attributes.etag;
    match hex128(etag) {
        Some(value) => {
            w.flag(true);
            w.u128(value);
        }
        None => {
            w.flag(false);
            text(&mut w, etag);
        }
    }
    same_or_text(
        &mut w,
        &billing.attributes.object_type,
        "CustomerBillingProfile",
    );
    let relationship = RELATIONSHIPS
        .iter()
        .position(|r| *r == c.relationship_to_partner)
        .unwrap_or(1);
    w.bits(relationship as u32, 3);
    time(&mut w, &c.created_at);
    w.flag(c.updated_at == c.created_at);
    if c.updated_at != c.created_at {
        time(&mut w, &c.updated_at);
    }
    same_or_text(&mut w, &c.attributes.object_type, "Customer");
    w.finish()
}

/// A reader past a record's layout number, which must be this build's.
pub(in crate::storage) fn open(units: &[u16]) -> Result<BitReader<'_>, DecodeError> {
    let mut r = BitReader::new(units);
    let layout = r.bits(3).map_err(damaged)?;
    if layout != LAYOUT {
        return Err(DecodeError::UnknownVersion(u64::from(layout) + 1));
    }
    Ok(r)
}

/// Whether a record read whole has nothing left over.
pub(in crate::storage) fn finished(r: &BitReader) -> Result<(), DecodeError> {
    if r.at_end() {
        Ok(())
    } else {
        Err(DecodeError::Schema(
            "the record has more data than fits its layout".into(),
        ))
    }
}

/// Decodes one record (without its length unit) and checks it as every stored customer is checked.
pub fn decode_record(units: &[u16]) -> Result<Customer, DecodeError> {
    let mut r = open(units)?;
    let customer = read_customer(&mut r).map_err(damaged)?;
    finished(&r)?;
    // The rules every stored customer meets (its id is inside the record, so it cannot mismatch a key).
    match acceptance::problems(&customer).into_iter().next() {
        Some(problem) => Err(DecodeError::Invalid(problem)),
        None => Ok(customer),
    }
}

/// What can be made out of a damaged record: its id and domain, which stay reserved while it is kept.
pub(in crate::storage) fn hint(units: &[u16]) -> (Option<Uuid>, Option<String>) {
    let mut r = BitReader::new(units);
    if r.bits(3) != Ok(LAYOUT) {
        return (None, None);
    }
    let Ok(id) = r.u128() else {
        return (None, None);
    };
    (Some(Uuid::from_u128(id)), read_domain(&mut r).ok())
}

pub(in crate::storage) fn read_domain(r: &mut BitReader) -> Result<String, Damaged> {
    let suffix = domain_suffix(r)?;
    read_text_then(r, suffix)
}

/// The suffix a domain is stored without (its cloud's), from the bits before the domain's text.
pub(in crate::storage) fn domain_suffix(r: &mut BitReader) -> Result<&'static str, Damaged> {
    Ok(match r.bits(2)? {
        0 => "",
        n => Cloud::ALL
            .get(n as usize - 1)
            .ok_or(Damaged)?
            .domain_suffix(),
    })
}

pub(in crate::storage) fn read_customer(r: &mut BitReader) -> Result<Customer, Damaged> {
    let id = Uuid::from_u128(r.u128()?);
    let domain = read_domain(r)?;
    let tenant_id = if r.flag()? {
        id
    } else {
        Uuid::from_u128(r.u128()?)
    };
    let company_name = read_text(r)?;
    let organization_registration_number = read_optional(r)?;
    let billing_company = read_same_or_text(r, &company_name)?;
    let first_name = read_text(r)?;
    let last_name = read_text(r)?;
    let email = read_text(r)?;
    let culture = read_text(r)?;
    let language = if r.flag()? {
        language_of(&culture)
    } else {
        read_text(r)?
    };
    let default_address = Address {
        country: read_text(r)?,
        region: read_optional(r)?,
        city: read_text(r)?,
        state: read_text(r)?,
        address_line1: read_text(r)?,
        address_line2: read_optional(r)?,
        postal_code: read_text(r)?,
        phone_number: read_optional(r)?,
    };
    let etag = if r.flag()? {
        hex32(r.u128()?)
    } else {
        read_text(r)?
    };
    let billing_type = read_same_or_text(r, "CustomerBillingProfile")?;
    let relationship = *RELATIONSHIPS.get(r.bits(3)? as usize).ok_or(Damaged)?;
    let created_at = read_time(r)?;
    let updated_at = if r.flag()? {
        created_at.clone()
    } else {
        read_time(r)?
    };
    let object_type = read_same_or_text(r, "Customer")?;
    Ok(Customer {
        id,
        company_profile: CompanyProfile {
            tenant_id,
            domain,
            company_name,
            organization_registration_number,
        },
        billing_profile: BillingProfile {
            first_name,
            last_name,
            email,
            culture,
            language,
            company_name: billing_company,
            default_address,
            attributes: BillingAttributes {
                etag,
                object_type: billing_type,
            },
        },
        relationship_to_partner: relationship,
        created_at,
        updated_at,
        attributes: CustomerAttributes { object_type },
    })
}

/// What the list needs of a record ([`Summary`]), read without the rest's text being made or the record checked
/// against the rules: a load reads every record this way, and a record is decoded whole, and checked, when it is
/// opened (or by the check that follows a load). Walks every field in [`read_customer`]'s order, so a record cut short
/// or with data past its layout is refused here as there.
pub fn read_summary(units: &[u16]) -> Result<Summary, DecodeError> {
    let mut r = open(units)?;
    let summary = summary_fields(&mut r).map_err(damaged)?;
    finished(&r)?;
    Ok(summary)
}

/// The names and domain of a record, from its first fields: all a load reads of each record, since the list is
/// sorted and searched by these. The other columns are read when they are needed ([`read_summary`]), and the whole
/// record when it is checked.
pub fn read_names(units: &[u16]) -> Result<Summary, DecodeError> {
    let mut r = open(units)?;
    names(&mut r).map_err(damaged)
}

thread_local! {
    /// The domain and company name of the record being read by [`names`], in buffers used again for the next.
    static NAMES: std::cell::RefCell<(String, String)> = const { std::cell::RefCell::new((String::new(), String::new())) };
}

/// The id, domain and company name (the billing profile's, which the list shows), as a [`Summary`] without its
/// other columns. The texts are read into buffers kept for the next record: the summary is the one allocation.
pub(in crate::storage) fn names(r: &mut BitReader) -> Result<Summary, Damaged> {
    let id = Uuid::from_u128(r.u128()?);
    let suffix = domain_suffix(r)?;
    NAMES.with(|names| {
        let mut names = names.try_borrow_mut().map_err(|_| Damaged)?;
        let (domain, company) = &mut *names;
        domain.clear();
        with_text(r, |text| {
            domain.push_str(text);
            domain.push_str(suffix);
        })?;
        if !r.flag()? {
            r.u128()?;
        }
        company.clear();
        with_text(r, |text| company.push_str(text))?;
        skip_optional(r)?; // organization registration number
        if !r.flag()? {
            // The billing profile's own company name.
            company.clear();
            with_text(r, |text| company.push_str(text))?;
        }
        Ok(Summary::new(id, company, domain, None))
    })
}

pub(in crate::storage) fn summary_fields(r: &mut BitReader) -> Result<Summary, Damaged> {
    let mut summary = names(r)?;
    for _ in 0..4 {
        skip_text(r)?; // first and last name, email, culture
    }
    if !r.flag()? {
        skip_text(r)?; // language
    }
    let country = read_text(r)?;
    skip_optional(r)?; // region
    for _ in 0..3 {
        skip_text(r)?; // city, state, address line 1
    }
    skip_optional(r)?; // address line 2
    skip_text(r)?; // postal code
    skip_optional(r)?; // phone number
    if r.flag()? {
        r.u128()?;
    } else {
        skip_text(r)?; // etag
    }
    if !r.flag()? {
        skip_text(r)?; // billing object type
    }
    let relationship = *RELATIONSHIPS.get(r.bits(3)? as usize).ok_or(Damaged)?;
    skip_time(r)?;
    if !r.flag()? {
        skip_time(r)?;
    }
    if !r.flag()? {
        skip_text(r)?; // object type
    }
    summary.set_columns(Columns::new(&country, relationship));
    Ok(summary)
}
