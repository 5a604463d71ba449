//! A negotiation analysis computed on a worker thread, keyed by the project revision and what
//! was asked, so that no frame waits for it (a tornado of a large offer bills it a hundred
//! times).
//!
//! One job at a time: while a job for an older key runs, a newer ask waits for it to finish
//! (its answer is dropped) rather than piling threads up while the user types; the worker wakes
//! the window when it is done. The last answer stays shown, marked as updating, until the new
//! one comes.

use std::sync::mpsc::{Receiver, channel};

use eframe::egui::Context;

use crate::model::Project;

/// What a job is for: the project revision and what was asked.
type Key<A> = (u64, A);

/// One kind of analysis kept current in the background.
pub struct Worker<A, R> {
    shown: Option<(Key<A>, R)>,
    job: Option<(Key<A>, Receiver<R>)>,
}

impl<A, R> Default for Worker<A, R> {
    fn default() -> Self {
        Self {
            shown: None,
            job: None,
        }
    }
}

impl<A: Clone + PartialEq + Send + Sync + 'static, R: Send + 'static> Worker<A, R> {
    /// Takes a finished answer, and starts `compute` on a copy of `project` when the answer
    /// shown is not for (`revision`, `ask`) and no job is under way.
    pub fn update(
        &mut self,
        project: &Project,
        revision: u64,
        ask: &A,
        compute: fn(&Project, &A) -> R,
        wake: &Context,
    ) {
        if let Some((key, inbox)) = &self.job {
            match inbox.try_recv() {
                Ok(answer) => {
                    self.shown = Some((key.clone(), answer));
                    self.job = None;
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.job = None,
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
            }
        }
        let key = (revision, ask.clone());
        let current = self.shown.as_ref().is_some_and(|(k, _)| *k == key);
        if current || self.job.is_some() {
            return;
        }
        let (outbox, inbox) = channel();
        let (project, ask_copy, wake) = (project.clone(), ask.clone(), wake.clone());
        let spawned = std::thread::Builder::new()
            .name("dealbench-negotiation".into())
            .spawn(move || {
                // One core stays free for the window.
                let threads =
                    std::thread::available_parallelism().map_or(1, |n| n.get().max(2) - 1);
                let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
                let answer = match pool {
                    Ok(pool) => pool.install(|| compute(&project, &ask_copy)),
                    Err(_) => compute(&project, &ask_copy),
                };
                let _ = outbox.send(answer);
                wake.request_repaint();
            });
        if spawned.is_ok() {
            self.job = Some((key, inbox));
        }
    }

    /// The last answer, and whether it is for (`revision`, `ask`) (otherwise a newer one is
    /// coming).
    pub fn answer(&self, revision: u64, ask: &A) -> Option<(&R, bool)> {
        (self.shown.as_ref()).map(|((r, a), answer)| (answer, *r == revision && a == ask))
    }

    /// Whether a job is under way.
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }
}
