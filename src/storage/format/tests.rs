//! The stored format's tests: records and groups round-trip exactly, and damage is kept, never dropped.

use super::bits::*;
use super::frame::*;
use super::group::*;
use super::record::*;
use super::time::*;
use crate::model::customer::Relationship;
use crate::model::form::tests::valid_details;
use crate::model::WriteStamp;
use crate::model::{Cloud, Customer};
use crate::storage::error::DecodeError;
use uuid::Uuid;

pub fn sample(n: u128) -> Customer {
    let stamp = WriteStamp {
        etag: format!("{:032x}", n * 7919),
        now: "2026-11-24T10:00:00.123Z".into(),
    };
    Customer::create(
        Uuid::from_u128(n),
        Cloud::default(),
        &format!("contoso{n}"),
        valid_details(),
        stamp,
    )
}

#[test]
fn a_record_round_trips_in_a_fraction_of_json() {
    let customer = sample(42);
    let units = encode_record(&customer);
    assert_eq!(decode_record(&units), Ok(customer.clone()));
    let json = super::super::legacy::encode(&customer).unwrap_or_default();
    assert!(
        units.len() * 5 < json.len(),
        "{} units against {} of JSON",
        units.len(),
        json.len()
    );
}

#[test]
fn unusual_values_round_trip_too() {
    let mut c = sample(7);
    c.company_profile.domain = "weird.example.org".into();
    c.company_profile.tenant_id = Uuid::from_u128(99);
    c.company_profile.company_name = "北京云计算有限公司".into();
    c.billing_profile.company_name = "Other Name".into();
    c.billing_profile.language = "xx".into();
    c.billing_profile.attributes.etag = "W/\"datetime'2026'\"".into();
    c.billing_profile.attributes.object_type = "Other".into();
    c.billing_profile.default_address.region = Some("区域".into());
    c.billing_profile.default_address.address_line2 = Some("Suite 5".into());
    c.relationship_to_partner = Relationship::Advisor;
    c.created_at = "2026-11-24T10:00:00Z".into();
    c.updated_at = "2027-01-01T00:00:00.000Z".into();
    c.attributes.object_type = "Thing".into();
    let units = encode_record(&c);
    let mut r = BitReader::new(&units);
    assert_eq!(r.bits(3), Ok(LAYOUT));
    assert_eq!(read_customer(&mut r), Ok(c));
}

#[test]
fn times_convert_both_ways() {
    for text in [
        "1970-01-01T00:00:00.000Z",
        "2000-02-29T23:59:59.999Z",
        "2026-11-24T10:00:00.123Z",
        "2100-03-01T00:00:00.000Z",
    ] {
        let ms = parse_time(text);
        assert_eq!(ms.map(format_time).as_deref(), Some(text));
    }
    assert_eq!(
        parse_time("2026-11-24T10:00:00.000Z"),
        Some(1_795_514_400_000)
    );
    assert_eq!(parse_time("2026-11-24T10:00:00Z"), None);
    assert_eq!(parse_time("1969-12-31T23:59:59.999Z"), None);
    // Not a real date: it would not read back the same, so it is kept as text.
    assert_eq!(
        parse_time("2026-02-31T00:00:00.000Z")
            .map(format_time)
            .as_deref(),
        Some("2026-03-03T00:00:00.000Z")
    );
}

#[test]
fn a_group_keeps_damaged_records_exactly() {
    let good = record_text(&sample(1)).unwrap_or_default();
    let other = record_text(&sample(2)).unwrap_or_default();
    // A record whose last unit is changed: still framed, no longer a customer.
    let mut broken: Vec<char> = other.chars().collect();
    if let Some(last) = broken.last_mut() {
        *last = unit_char(UNIT_MAX);
    }
    let broken: String = broken.into_iter().collect();
    let value = group_value(1, [good.as_str(), broken.as_str()]);
    let entries = decode_group(&value).unwrap_or_default();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0], Entry::Customer(Box::new(sample(1))));
    assert!(matches!(
        &entries[1],
        Entry::Unreadable { raw, id: Some(id), domain: Some(domain), .. }
            if *raw == broken && *id == Uuid::from_u128(2) && domain.starts_with("contoso2.")
    ));
    // Framing cut short: the rest is kept whole.
    let cut = format!("{value}{}", unit_char(500));
    let entries = decode_group(&cut).unwrap_or_default();
    assert_eq!(entries.len(), 3);
    assert!(
        matches!(&entries[2], Entry::Unreadable { raw, .. } if *raw == unit_char(500).to_string())
    );
}

#[test]
fn a_character_outside_the_packed_range_keeps_the_rest_whole() {
    let good = record_text(&sample(1)).unwrap_or_default();
    let other = record_text(&sample(2)).unwrap_or_default();
    // An ASCII character typed into the second record (by hand, in the developer tools).
    let mut broken: Vec<char> = other.chars().collect();
    broken.insert(5, 'x');
    let broken: String = broken.into_iter().collect();
    let value = group_value(1, [good.as_str(), broken.as_str()]);
    let entries = decode_group(&value).unwrap_or_default();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0], Entry::Customer(Box::new(sample(1))));
    assert!(matches!(&entries[1], Entry::Unreadable { raw, .. } if *raw == broken));
}

#[test]
fn the_fast_frames_are_the_character_frames() {
    let good = record_text(&sample(1)).unwrap_or_default();
    let other = record_text(&sample(2)).unwrap_or_default();
    let whole = format!("{good}{other}");
    let rest = whole.as_str();
    let cut: String = rest.chars().take(rest.chars().count() - 3).collect();
    for value in [
        rest.to_string(),
        // A frame longer than what is left, and a frame of length 0: the rest is one damaged piece.
        cut,
        format!("{good}{}{}", unit_char(0), unit_char(7)),
        String::new(),
    ] {
        let fast = unit_frames(value.as_bytes());
        assert_eq!(fast, Some(char_frames(&value)), "{value:?}");
    }
    // Anything but unit characters, anywhere (in a record or in a damaged tail), is for the character frames.
    for value in [
        format!("{good}x"),
        // 3 bytes of UTF-8 each, outside the unit range.
        format!("€{good}"),
        format!("{good}{other}€"),
        format!("{good}{}€", unit_char(0)),
    ] {
        assert_eq!(unit_frames(value.as_bytes()), None, "{value:?}");
        assert!(!char_frames(&value).frames.is_empty());
    }
}

#[test]
fn other_values_are_not_groups() {
    assert!(matches!(
        decode_group("{\"a\":1}"),
        Err(DecodeError::Schema(_))
    ));
    assert_eq!(decode_group("4abc"), Err(DecodeError::UnknownVersion(4)));
    // Format 3 without its count.
    assert!(matches!(decode_group("3abc"), Err(DecodeError::Schema(_))));
    assert_eq!(decode_group("2"), Ok(vec![]));
    assert_eq!(decode_group(&group_value(0, [])), Ok(vec![]));
}

#[test]
fn damaged_bits_are_an_error_never_a_panic() {
    let units = encode_record(&sample(3));
    for cut in 0..units.len() {
        assert!(decode_record(&units[..cut]).is_err());
    }
    for at in 0..units.len() {
        let mut flipped = units.clone();
        flipped[at] ^= 0x5555;
        let _ = decode_record(&flipped);
    }
}
