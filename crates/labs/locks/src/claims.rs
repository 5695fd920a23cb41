//! Claims by conditional update or unique constraint (M10.10): workers race on a job table.
//! `update`: `UPDATE jobs SET status='running', worker=? WHERE id=? AND status='pending'`
//! (1 row: claimed; 0 rows: someone was first). `insert`: `INSERT INTO appointments … ON
//! CONFLICT (doctor_id, date, start_time) DO NOTHING RETURNING id` (an id, or null: the slot
//! is taken). `naive`: read the status, then `UPDATE … WHERE id=?` without the status check, so
//! two workers that read `pending` both claim the job.

use serde::{Deserialize, Serialize};

/// How a worker claims.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    /// The conditional UPDATE.
    #[default]
    Update,
    /// INSERT … ON CONFLICT DO NOTHING.
    Insert,
    /// Read, then an unconditional UPDATE.
    Naive,
}

/// What the race is set up with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    /// Workers.
    pub workers: usize,
    /// Jobs (or slots).
    pub jobs: usize,
    /// Jobs each worker wants.
    pub per: u32,
    /// The claim statement.
    pub method: Method,
}

/// What a worker did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// Read: the first job it saw pending (or slot it saw free), or none left.
    Read(Option<usize>),
    /// Claim statement on a job: rows affected (or an id returned), and the worker that held
    /// it before (for the naive overwrite, or the one a 0-row answer lost to).
    Claim(usize, bool, Option<usize>),
}

/// One step of the schedule: the worker, what it did, the owners after it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Worker.
    pub worker: usize,
    /// What.
    pub op: Op,
    /// Each job's owner after it (`None`: pending).
    pub owners: Vec<Option<u8>>,
}

#[derive(Clone, Copy, Debug)]
struct Worker {
    seen: Option<usize>,
    read: bool,
    got: u32,
    done: bool,
}

/// The race driven by `pick`, which gets the open workers (in order, at least one) and
/// returns an index into them; also returns, per job, every worker told it claimed it.
pub fn run_with(s: &Setup, pick: &mut dyn FnMut(&[usize], &[bool]) -> usize) -> Run {
    let mut owners: Vec<Option<u8>> = vec![None; s.jobs];
    let mut told: Vec<Vec<usize>> = vec![Vec::new(); s.jobs];
    let mut ws = vec![
        Worker {
            seen: None,
            read: false,
            got: 0,
            done: s.jobs == 0,
        };
        s.workers
    ];
    let mut entries = Vec::new();
    loop {
        let open: Vec<usize> = (0..s.workers).filter(|&i| !ws[i].done).collect();
        if open.is_empty() {
            break;
        }
        let reading: Vec<bool> = open.iter().map(|&i| !ws[i].read).collect();
        let i = open[pick(&open, &reading).min(open.len() - 1)];
        let w = &mut ws[i];
        let op = if w.read {
            let j = w.seen.unwrap_or(0);
            let before = owners[j].map(usize::from);
            let ok = match s.method {
                Method::Update | Method::Insert => before.is_none(),
                Method::Naive => true,
            };
            if ok {
                owners[j] = Some(i as u8);
                told[j].push(i);
                w.got += 1;
            }
            w.read = false;
            if w.got >= s.per {
                w.done = true;
            }
            Op::Claim(j, ok, before)
        } else {
            let first = owners.iter().position(Option::is_none);
            w.seen = first;
            w.read = true;
            if first.is_none() {
                w.done = true;
            }
            Op::Read(first)
        };
        entries.push(Entry {
            worker: i,
            op,
            owners: owners.clone(),
        });
    }
    Run { entries, told }
}

/// A whole race.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    /// The schedule.
    pub entries: Vec<Entry>,
    /// Per job, every worker told it claimed it.
    pub told: Vec<Vec<usize>>,
}

impl Run {
    /// Jobs claimed by more than one worker.
    pub fn doubles(&self) -> usize {
        self.told.iter().filter(|t| t.len() > 1).count()
    }
}

/// Reads first (every worker that needs one, in order), then the claims in order: the
/// catalogue's "N concurrent attempts".
pub fn phased(_open: &[usize], reading: &[bool]) -> usize {
    reading.iter().position(|&r| r).unwrap_or(0)
}
