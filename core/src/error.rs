//! The error type of every fallible operation.

use crate::issue::Report;

/// Why an operation failed. Errors about the content of a spec or an assessment carry a
/// [`Report`] listing every problem found, each with its location; their `Display` shows the
/// first five, and [`Error::report`] gives them all.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The spec is not valid JSON, does not follow the spec format, or breaks a rule of it.
    #[error("invalid spec: {0}")]
    Spec(Report),
    /// The assessment input is unreadable or fails validation.
    #[error("invalid assessment: {0}")]
    Invalid(Report),
    /// The input is valid but cannot be scored under the spec's rules (a zero under a
    /// geometric mean, a constant measure under the `error` policy).
    #[error("cannot score: {0}")]
    Scoring(Report),
    /// No built-in spec has this id and version.
    #[error("no built-in spec `{id}` version `{version}`; available versions: {available}")]
    UnknownSpec {
        /// The id asked for.
        id: String,
        /// The version asked for.
        version: String,
        /// The versions there are.
        available: String,
    },
    /// A published charter version whose file this build does not hold: the library was built
    /// without the `embedded-charters` feature and the file was not given to
    /// [`provide_charter`](crate::spec::provide_charter), or the file given was not the
    /// published one.
    #[error("charter version `{version}` is not loaded: {reason}")]
    CharterNotLoaded {
        /// The version asked for.
        version: String,
        /// Why it is not loaded.
        reason: String,
    },
    /// An entity asked for is not in the results.
    #[error("no entity `{id}` in the results{hint}")]
    UnknownEntity {
        /// The id asked for.
        id: String,
        /// A suggestion, starting with "; ", or empty.
        hint: String,
    },
    /// A node, item or group asked for is not in the spec.
    #[error("no node, item or group `{id}` in spec `{spec}`{hint}")]
    UnknownNode {
        /// The id asked for.
        id: String,
        /// The spec's id.
        spec: String,
        /// A suggestion, starting with "; ", or empty.
        hint: String,
    },
    /// Data cannot be written in the format asked for without losing part of it.
    #[error("cannot write {format}: {reason}")]
    Unrepresentable {
        /// The format asked for.
        format: &'static str,
        /// What would be lost.
        reason: String,
    },
    /// A file could not be read or written.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        message: String,
    },
}

impl Error {
    /// The report of problems, for errors about content.
    pub fn report(&self) -> Option<&Report> {
        match self {
            Error::Spec(report) | Error::Invalid(report) | Error::Scoring(report) => Some(report),
            _ => None,
        }
    }

    pub(crate) fn io(path: &std::path::Path, error: &std::io::Error) -> Error {
        Error::Io { path: path.display().to_string(), message: error.to_string() }
    }
}
