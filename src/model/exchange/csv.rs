//! A small RFC 4180 CSV writer for "Export CSV".
//!
//! Why not the `csv` crate: "Export CSV" was its only user, and its general machinery (csv-core's byte-level state
//! machine, a buffered `io::Write` writer, an error type covering I/O, UTF-8 and serde) cost about 26 KB of the
//! release wasm (16 KB brotli). The part the export uses — quote a field when it must be, double its quotes, join
//! with commas, end rows with CRLF — is a few lines.
//!
//! The output is byte for byte what `csv::WriterBuilder::new().terminator(csv::Terminator::CRLF)` wrote (the
//! default `QuoteStyle::Necessary`, `,` between fields, `"` doubled inside quotes), so the crate stays as a
//! dev-dependency and property tests compare the two and read our output back with its reader.
//!
//! Pure text: the spreadsheet formula guard is the caller's ([`crate::model::exchange`]), and so is the byte order mark
//! (added at download time).

/// Ends every record, as RFC 4180 asks (and as spreadsheet programs on every platform read).
pub const TERMINATOR: &str = "\r\n";

/// Whether `field` must be quoted: it holds the delimiter, a quote, or a line break (`\r` on its own included, which
/// readers take as a line end too). Everything else, leading or trailing spaces included, is written as it is.
pub fn needs_quotes(field: &str) -> bool {
    field
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
}

/// Appends one field: as it is, or between quotes with each `"` doubled when [`needs_quotes`] says so.
pub fn push_field(out: &mut String, field: &str) {
    if needs_quotes(field) {
        out.push('"');
        for (i, part) in field.split('"').enumerate() {
            if i > 0 {
                out.push_str("\"\"");
            }
            out.push_str(part);
        }
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// Appends one record: its fields joined by `,`, then [`TERMINATOR`]. A record that would otherwise be an empty line
/// (no fields, or a single empty one) is written as `""` so it still reads back as one empty field.
pub fn push_record<I>(out: &mut String, fields: I)
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let start = out.len();
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, field.as_ref());
    }
    if out.len() == start {
        out.push_str("\"\"");
    }
    out.push_str(TERMINATOR);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(fields: &[&str]) -> String {
        let mut out = String::new();
        push_record(&mut out, fields);
        out
    }

    #[test]
    fn quotes_only_fields_with_a_comma_a_quote_or_a_line_break() {
        assert_eq!(record(&["a", "b c", " d "]), "a,b c, d \r\n");
        assert_eq!(
            record(&["a,b", "say \"hi\"", "x\ry", "x\ny", "北京"]),
            "\"a,b\",\"say \"\"hi\"\"\",\"x\ry\",\"x\ny\",北京\r\n"
        );
        assert_eq!(record(&["\""]), "\"\"\"\"\r\n");
    }

    #[test]
    fn an_otherwise_empty_record_is_one_quoted_empty_field() {
        assert_eq!(record(&[]), "\"\"\r\n");
        assert_eq!(record(&[""]), "\"\"\r\n");
        assert_eq!(record(&["", ""]), ",\r\n");
    }

    /// Property tests against the `csv` crate: native only (proptest needs processes and a clock the wasm target
    /// lacks).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Text heavy in what CSV treats specially, plus any other character (multi-byte ones included).
        fn any_field() -> impl Strategy<Value = String> {
            prop::collection::vec(
                prop_oneof![
                    3 => prop::sample::select(vec![",", "\"", "\r", "\n", "\r\n", " ", "'", "=", "北", "é", "😀"])
                        .prop_map(String::from),
                    2 => any::<char>().prop_map(String::from),
                    1 => "[a-z]{1,4}",
                ],
                0..8,
            )
            .prop_map(|parts| parts.concat())
        }

        /// Rows of one width, as the export writes them (the crate refuses rows of differing lengths).
        fn any_table() -> impl Strategy<Value = Vec<Vec<String>>> {
            (1usize..6).prop_flat_map(|width| {
                prop::collection::vec(prop::collection::vec(any_field(), width), 0..5)
            })
        }

        /// What the export's old writer produced for these rows.
        fn crate_output(rows: &[Vec<String>]) -> Option<String> {
            let mut writer = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new());
            for row in rows {
                writer.write_record(row).ok()?;
            }
            String::from_utf8(writer.into_inner().ok()?).ok()
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(1024))]

            /// Any row reads back exactly with the `csv` crate's reader.
            #[test]
            fn a_row_reads_back_with_the_csv_crate(row in prop::collection::vec(any_field(), 1..8)) {
                // The reader drops a byte order mark at the very start of its input: its rule, not the writer's.
                prop_assume!(!row[0].starts_with('\u{feff}'));
                let mut text = String::new();
                push_record(&mut text, &row);
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .from_reader(text.as_bytes());
                let records: Vec<Vec<String>> = reader
                    .records()
                    .map(|r| r.map(|r| r.iter().map(String::from).collect()))
                    .collect::<Result<_, _>>()
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(records, vec![row]);
            }

            /// Any table comes out byte for byte as the `csv` crate (with the settings the export used) wrote it.
            #[test]
            fn output_equals_the_csv_crate(rows in any_table()) {
                let mut ours = String::new();
                for row in &rows {
                    push_record(&mut ours, row);
                }
                prop_assert_eq!(Some(ours), crate_output(&rows));
            }
        }

        /// The same for the records the crate special-cases: none at all, and a single empty field.
        #[test]
        fn empty_records_equal_the_csv_crate() {
            for rows in [
                vec![],
                vec![vec![String::new()]],
                vec![vec![String::new(), String::new()]],
            ] {
                let mut ours = String::new();
                for row in &rows {
                    push_record(&mut ours, row);
                }
                assert_eq!(Some(ours), crate_output(&rows), "{rows:?}");
            }
        }
    }
}
