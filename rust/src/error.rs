//! Errors, classified as TensorFlow classifies them so the bindings can raise
//! the same Python exception classes.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad input seen while running (`tf.errors.InvalidArgumentError`).
    InvalidArgument,
    /// An output too large to allocate (`tf.errors.ResourceExhaustedError`).
    ResourceExhausted,
    /// A variable read before its initializer ran (`tf.errors.FailedPreconditionError`).
    FailedPrecondition,
    /// An op built for graph structure only was run (`tf.errors.UnimplementedError`).
    Unimplemented,
    /// No kernel TF could place for an op (`tf.errors.NotFoundError`).
    NotFound,
    /// Bad argument value while building a graph (Python `ValueError`).
    Value,
    /// Bad argument type while building a graph (Python `TypeError`).
    Type,
    /// Misuse of a session, e.g. after `close()` (Python `RuntimeError`).
    Runtime,
    /// A result TF's runtime cannot hand back, and any Rust panic
    /// (`tf.errors.InternalError`).
    Internal,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidArgument, message)
    }
    pub fn value(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Value, message)
    }
    pub fn type_error(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Type, message)
    }
    pub fn runtime(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Runtime, message)
    }
    pub fn resource_exhausted(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::ResourceExhausted, message)
    }
    pub fn unimplemented(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unimplemented, message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, message)
    }
    pub fn failed_precondition(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::FailedPrecondition, message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
