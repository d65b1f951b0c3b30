//! When the list suggests keeping a copy of the customers: a browser may clear what a site stores (Safari after 7
//! days of use without a visit to it, any browser short of space unless it agreed to keep the site's data), and an
//! export is the copy that outlives it.

/// How long customers may go without an export before the list suggests one.
pub const REMIND_AFTER_MS: u64 = 7 * DAY_MS;

const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// What a namespace remembers about copies of its customers, as milliseconds since 1970 (the browser's clock).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BackupClock {
    /// When the customers were last exported (JSON or CSV) from this browser, if ever.
    pub exported: Option<u64>,
    /// Where the count starts when there was no export since: the first write this browser saw in the namespace,
    /// or the last time the suggestion was dismissed.
    pub since: Option<u64>,
}

impl BackupClock {
    /// Whether to suggest an export at `now`: there are customers, and neither an export nor the start of the count
    /// is less than [`REMIND_AFTER_MS`] old. A namespace with no start yet (nothing written since this version)
    /// is not reminded.
    pub fn due(&self, now: u64, has_customers: bool) -> bool {
        has_customers
            && self
                .exported
                .max(self.since)
                .is_some_and(|from| now.saturating_sub(from) >= REMIND_AFTER_MS)
    }

    /// As stored: the two times in decimal, `-` for none, separated by a space.
    pub fn to_text(&self) -> String {
        let part = |t: Option<u64>| t.map_or_else(|| "-".to_string(), |t| t.to_string());
        format!("{} {}", part(self.exported), part(self.since))
    }

    /// Read from storage as one reads network input: anything but two times (or `-`) is no clock at all, and a time
    /// more than a day ahead of `now` (a clock set back since, or a value written by hand) counts as none, so that it
    /// can never hold the suggestion off for good.
    pub fn parse(text: &str, now: u64) -> BackupClock {
        let time = |part: &str| -> Result<Option<u64>, ()> {
            if part == "-" {
                return Ok(None);
            }
            if part.is_empty() || part.len() > 16 || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(());
            }
            let t: u64 = part.parse().map_err(|_| ())?;
            Ok((t <= now.saturating_add(DAY_MS)).then_some(t))
        };
        let mut parts = text.split(' ');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(exported), Some(since), None) => match (time(exported), time(since)) {
                (Ok(exported), Ok(since)) => BackupClock { exported, since },
                _ => BackupClock::default(),
            },
            _ => BackupClock::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_765_000_000_000;

    #[test]
    fn an_export_or_the_first_write_starts_seven_days() {
        let since = BackupClock {
            exported: None,
            since: Some(NOW),
        };
        assert!(!since.due(NOW + REMIND_AFTER_MS - 1, true));
        assert!(since.due(NOW + REMIND_AFTER_MS, true));
        assert!(!since.due(NOW + REMIND_AFTER_MS, false), "no customers");
        let exported = BackupClock {
            exported: Some(NOW + DAY_MS),
            since: Some(NOW),
        };
        assert!(!exported.due(NOW + REMIND_AFTER_MS, true));
        assert!(exported.due(NOW + DAY_MS + REMIND_AFTER_MS, true));
        assert!(!BackupClock::default().due(NOW + 100 * DAY_MS, true));
        // A clock that went back: never due, never an overflow.
        assert!(!since.due(NOW - DAY_MS, true));
    }

    #[test]
    fn the_stored_text_round_trips_and_anything_else_is_no_clock() {
        for clock in [
            BackupClock::default(),
            BackupClock {
                exported: Some(NOW),
                since: None,
            },
            BackupClock {
                exported: Some(NOW - 5),
                since: Some(NOW - 9),
            },
        ] {
            assert_eq!(BackupClock::parse(&clock.to_text(), NOW), clock);
        }
        assert_eq!(BackupClock::parse("- -", NOW), BackupClock::default());
        for bad in [
            "",
            "1",
            "1 2 3",
            "x -",
            "-1 -",
            "+5 -",
            " 5 -",
            "99999999999999999999 -",
        ] {
            assert_eq!(
                BackupClock::parse(bad, NOW),
                BackupClock::default(),
                "{bad:?}"
            );
        }
        // A time more than a day ahead counts as none; the other stays.
        let ahead = format!("{} {}", NOW + 2 * DAY_MS, NOW - 1);
        assert_eq!(
            BackupClock::parse(&ahead, NOW),
            BackupClock {
                exported: None,
                since: Some(NOW - 1)
            }
        );
    }
}
