//! The races' predict-then-run questions against what the catalogue's example says: the
//! counter starts at 41, so the second grant carries token 43; client A, paused past its lease,
//! writes with token 42 after B's 43 reached the storage, and the fenced storage refuses it
//! (M10.5); under Redis the checked release refuses to delete a lock that is no longer A's,
//! and the bare DEL deletes another client's (M10.8).

use sdp_kit::lab::{Contract, Lab};
use sdp_lab_locks::{LocksLab, Release};

fn questions(mode: usize, release: Option<Release>) -> Vec<sdp_kit::quiz::Question> {
    let mut s = LocksLab::mode_scenario(mode);
    if let Some(r) = release {
        s.params.race.release = r;
    }
    let trace = LocksLab::run(&s).unwrap();
    let qs = LocksLab::questions(&s, &trace);
    assert!(
        sdp_kit::quiz::problems(&qs, trace.len()).is_empty(),
        "{qs:#?}"
    );
    qs
}

#[test]
fn fencing_asks_the_next_token_and_the_stale_write() {
    let qs = questions(0, None);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    let counter = LocksLab::mode_scenario(0).params.race.counter;
    assert_eq!(qs[0].choices[qs[0].answer], (counter + 2).to_string());
    assert!(qs[1].prompt.contains("token 42"));
    assert_eq!(qs[1].choices[qs[1].answer], "No");
}

#[test]
fn redis_asks_whose_lock_a_release_deletes() {
    let checked = questions(1, Some(Release::Checked));
    assert_eq!(checked.len(), 1);
    assert_eq!(
        checked[0].choices[checked[0].answer], "None",
        "{checked:#?}"
    );
    let unsafe_del = questions(1, Some(Release::Unsafe));
    assert_eq!(
        unsafe_del[0].choices[unsafe_del[0].answer], "Another client's",
        "{unsafe_del:#?}"
    );
}
