//! Snapshot undo: the project is small, so each undo point is a whole copy. A point is recorded
//! when the project changed and the user has let go (no pointer button or key down, no text
//! field being typed in), so a drag or a typed number is one step.

use std::collections::VecDeque;

use crate::model::Project;

/// How many undo points are kept.
const MAX_UNDOS: usize = 100;

/// The undo and redo stacks around the last recorded project.
pub struct History {
    undos: VecDeque<Project>,
    redos: Vec<Project>,
    recorded: Project,
}

impl History {
    /// A history starting at `project`, with nothing to undo.
    pub fn new(project: &Project) -> Self {
        Self {
            undos: VecDeque::new(),
            redos: Vec::new(),
            recorded: project.clone(),
        }
    }

    /// Records `project` as an undo point if it differs from the last one. Call it when the
    /// user is not in the middle of an interaction.
    pub fn record(&mut self, project: &Project) {
        if *project != self.recorded {
            let previous = std::mem::replace(&mut self.recorded, project.clone());
            self.undos.push_back(previous);
            if self.undos.len() > MAX_UNDOS {
                self.undos.pop_front();
            }
            self.redos.clear();
        }
    }

    /// Whether there is something to undo (including an edit not yet recorded).
    pub fn can_undo(&self, project: &Project) -> bool {
        !self.undos.is_empty() || *project != self.recorded
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redos.is_empty()
    }

    /// Steps back: returns the project to show, or `None` when there is nothing to undo.
    pub fn undo(&mut self, project: &Project) -> Option<Project> {
        self.record(project);
        let previous = self.undos.pop_back()?;
        let current = std::mem::replace(&mut self.recorded, previous.clone());
        self.redos.push(current);
        Some(previous)
    }

    /// Steps forward again after an undo.
    pub fn redo(&mut self, project: &Project) -> Option<Project> {
        if *project != self.recorded {
            // Edited since the undo: the redo branch is gone.
            self.record(project);
            return None;
        }
        let next = self.redos.pop()?;
        let current = std::mem::replace(&mut self.recorded, next.clone());
        self.undos.push_back(current);
        Some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(name: &str) -> Project {
        let mut p = Project::new_blank("2025-01".parse().unwrap());
        p.name = name.into();
        p
    }

    #[test]
    fn undo_and_redo_walk_the_recorded_points() {
        let mut history = History::new(&project("a"));
        history.record(&project("b"));
        history.record(&project("c"));
        assert_eq!(history.undo(&project("c")).unwrap().name, "b");
        assert_eq!(history.undo(&project("b")).unwrap().name, "a");
        assert!(history.undo(&project("a")).is_none());
        assert_eq!(history.redo(&project("a")).unwrap().name, "b");
        // An unrecorded edit is recorded before undoing it.
        assert_eq!(history.undo(&project("x")).unwrap().name, "b");
    }
}
