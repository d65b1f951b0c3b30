//! When an operation tries a failed call again. A timeout or a 5xx is tried again at most [`MAX_TROUBLE`] times,
//! after 1, 2 and 4 s, with the operation's same `MS-RequestId` (so a create that did reach Partner Center is not
//! made twice); a 429 waits what its `Retry-After` says, at most [`MAX_BUSY`] times in a row. Anything else is for
//! the reader: the network is down, the session has ended, a conflict, a refusal.

use super::answer::Failure;

/// Tries after a timeout or a server's trouble.
pub const MAX_TROUBLE: u32 = 3;
/// Tries after a 429.
pub const MAX_BUSY: u32 = 5;
/// The wait before each try after trouble.
const BACKOFF_MS: [u32; MAX_TROUBLE as usize] = [1_000, 2_000, 4_000];

/// What comes after a failed call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Wait, then make the same call again; `busy`: Partner Center asked for the wait ("trying again in 12 s").
    Wait { ms: u32, busy: bool },
    /// Stop and tell the reader.
    GiveUp,
}

/// One operation's tries so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Retry {
    trouble: u32,
    busy: u32,
}

impl Retry {
    /// What to do after `failure`, counting it.
    pub fn after(&mut self, failure: &Failure) -> Next {
        match failure {
            Failure::Busy { retry_after_secs } if self.busy < MAX_BUSY => {
                self.busy += 1;
                Next::Wait {
                    ms: retry_after_secs.saturating_mul(1_000),
                    busy: true,
                }
            }
            Failure::Unavailable { .. } | Failure::TimedOut if self.trouble < MAX_TROUBLE => {
                let ms = BACKOFF_MS[self.trouble as usize];
                self.trouble += 1;
                // A call that answered at last resets the count of 429s in a row.
                self.busy = 0;
                Next::Wait { ms, busy: false }
            }
            _ => Next::GiveUp,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trouble_is_tried_again_three_times_with_growing_waits() {
        let mut retry = Retry::default();
        let waits: Vec<_> = [
            Failure::TimedOut,
            Failure::Unavailable { status: 502 },
            Failure::TimedOut,
            Failure::TimedOut,
        ]
        .iter()
        .map(|f| retry.after(f))
        .collect();
        assert_eq!(
            waits,
            [
                Next::Wait {
                    ms: 1_000,
                    busy: false
                },
                Next::Wait {
                    ms: 2_000,
                    busy: false
                },
                Next::Wait {
                    ms: 4_000,
                    busy: false
                },
                Next::GiveUp
            ]
        );
    }

    #[test]
    fn a_429_waits_its_retry_after_a_few_times() {
        let mut retry = Retry::default();
        for _ in 0..MAX_BUSY {
            assert_eq!(
                retry.after(&Failure::Busy {
                    retry_after_secs: 12
                }),
                Next::Wait {
                    ms: 12_000,
                    busy: true
                }
            );
        }
        assert_eq!(
            retry.after(&Failure::Busy {
                retry_after_secs: 12
            }),
            Next::GiveUp
        );
    }

    #[test]
    fn what_the_reader_must_decide_is_never_tried_again() {
        for failure in [
            Failure::Offline,
            Failure::SignedOut,
            Failure::Conflict,
            Failure::NotFound,
            Failure::Malformed,
            Failure::Invalid,
            Failure::Refused {
                code: Some(3000),
                description: String::new(),
            },
        ] {
            assert_eq!(
                Retry::default().after(&failure),
                Next::GiveUp,
                "{failure:?}"
            );
        }
    }
}
