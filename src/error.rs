//! The crate's one error type, the classification of libchrony's codes, and
//! the single place where errors become Python exceptions.

use std::ffi::CStr;
use std::sync::OnceLock;
use std::time::Duration;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use crate::ffi;

pub type Result<T> = std::result::Result<T, Error>;

/// What a libchrony error code means to us. libchrony 0.1 and 0.2 number
/// their codes differently from 10 on, so codes are classified through
/// [`classify`], never compared with literals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChronyCode {
    SendFailed,
    RecvFailed,
    Unauthorized,
    Disabled,
    UnexpectedStatus,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numbering {
    V01,
    V02,
    Unknown,
}

/// Which numbering the loaded libchrony uses, read once from its own error
/// strings (the 0.2 build names code 10 "Disabled"; 0.1 has no such code).
fn numbering() -> Numbering {
    static NUMBERING: OnceLock<Numbering> = OnceLock::new();
    *NUMBERING.get_or_init(|| {
        let ten = error_string(10).to_ascii_lowercase();
        if ten.contains("disabled") {
            Numbering::V02
        } else if ten.contains("unexpected status") || ten.contains("unexpected_status") {
            Numbering::V01
        } else {
            Numbering::Unknown
        }
    })
}

pub fn classify(code: u32) -> ChronyCode {
    // Codes below 10 are the same in every libchrony release.
    match (code, numbering()) {
        (5, _) => ChronyCode::SendFailed,
        (6, _) => ChronyCode::RecvFailed,
        (9, _) => ChronyCode::Unauthorized,
        (10, Numbering::V02) => ChronyCode::Disabled,
        (11, Numbering::V02) | (10, Numbering::V01) => ChronyCode::UnexpectedStatus,
        _ => ChronyCode::Other,
    }
}

/// libchrony's own description of a code.
pub fn error_string(code: u32) -> String {
    // SAFETY: chrony_get_error_string accepts any value and returns a pointer
    // to a static string (or "Unknown error").
    let ptr = unsafe { ffi::chrony_get_error_string(ffi::chrony_err(code)) };
    if ptr.is_null() {
        return format!("libchrony error {code}");
    }
    unsafe { CStr::from_ptr(ptr) }
        .to_string_lossy()
        .into_owned()
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The address cannot name a chronyd endpoint; caught before libchrony.
    #[error("invalid chronyd address {address:?}: {reason}")]
    InvalidAddress { address: String, reason: String },

    /// A report name the loaded libchrony does not know.
    #[error("unknown report {name:?}; this libchrony supports: {supported}")]
    UnknownReport { name: String, supported: String },

    /// The connection is not open (never entered, already closed).
    #[error("{0}")]
    NotOpen(&'static str),

    /// A connection inherited across fork() is used in the child.
    #[error(
        "this ChronyConnection was opened in process {owner} and cannot be used in \
         process {current} (after fork); open a new connection in the child"
    )]
    Forked { owner: u32, current: u32 },

    /// The socket could not be opened.
    #[error("cannot connect to chronyd at {address}: {cause}. Is chronyd running, and is this the address it serves?")]
    Open {
        address: String,
        cause: std::io::Error,
    },

    /// A Unix socket refused us for lack of permission.
    #[error(
        "permission denied opening chronyd's Unix socket {address}: {cause}. The socket \
         (and the directory libchrony needs to write next to it) is accessible only to \
         root and the chrony user; joining the chrony group does not help. For read-only \
         monitoring use the UDP command port instead, e.g. ChronyConnection(\"127.0.0.1\"), \
         which serves tracking, sources, sourcestats, activity, rtcdata and smoothing"
    )]
    Permission {
        address: String,
        cause: std::io::Error,
    },

    /// Auto-detection found nothing that connects.
    #[error("cannot connect to chronyd (auto-detect); tried {tried}. Is chronyd running? Pass an explicit address if it serves another one")]
    NothingConnects { tried: String },

    /// No answer within the connection's timeout.
    #[error(
        "chronyd at {address} did not answer the {report} request within {:.3} s \
         (the request was resent {resends} time(s)); is it running and not overloaded? \
         Raise `timeout` if it is merely slow",
        timeout.as_secs_f64()
    )]
    Timeout {
        address: String,
        report: String,
        timeout: Duration,
        resends: u32,
    },

    /// Sending or receiving failed: chronyd was not reached.
    #[error("chronyd at {address} was not reached ({context}: {detail}); is it running?")]
    Unreachable {
        address: String,
        context: String,
        detail: String,
        code: u32,
    },

    /// chronyd refused the report on this transport.
    #[error(
        "chronyd at {address} refused the {report} report (not authorized). chronyd serves it \
         only on its Unix socket: connect to the socket path (as root or the chrony user), or \
         allow it on the command port with chronyd's `opencommands` directive"
    )]
    Unauthorized {
        address: String,
        report: String,
        code: u32,
    },

    /// chronyd does not collect this data (rtcdata without an RTC, ...).
    #[error("chronyd at {address} does not provide the {report} report: {detail}")]
    Disabled {
        address: String,
        report: String,
        detail: String,
        code: u32,
    },

    /// Any other libchrony failure.
    #[error("{context} failed: {detail}")]
    Chrony {
        context: String,
        detail: String,
        code: u32,
    },

    /// The record is not what we expect (missing field, bad value).
    #[error("invalid {report} data from chronyd: {detail}")]
    Data { report: String, detail: String },

    /// The call was interrupted by a Python exception (Ctrl-C, a signal handler).
    #[error("interrupted")]
    Interrupted(PyErr),
}

impl Error {
    /// libchrony's code, when the error came from libchrony.
    pub fn code(&self) -> Option<u32> {
        match self {
            Error::Unreachable { code, .. }
            | Error::Unauthorized { code, .. }
            | Error::Disabled { code, .. }
            | Error::Chrony { code, .. } => Some(*code),
            _ => None,
        }
    }
}

/// The Python exception classes of pychrony.exceptions, imported once.
struct Classes {
    connection: Py<PyType>,
    permission: Py<PyType>,
    data: Py<PyType>,
    timeout: Py<PyType>,
    address: Py<PyType>,
}

fn classes(py: Python<'_>) -> PyResult<&Classes> {
    static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();
    CLASSES.get_or_try_init(py, || {
        let m = py.import("pychrony.exceptions")?;
        let get = |name: &str| -> PyResult<Py<PyType>> {
            Ok(m.getattr(name)?.cast_into::<PyType>()?.unbind())
        };
        Ok(Classes {
            connection: get("ChronyConnectionError")?,
            permission: get("ChronyPermissionError")?,
            data: get("ChronyDataError")?,
            timeout: get("ChronyTimeoutError")?,
            address: get("ChronyAddressError")?,
        })
    })
}

impl From<Error> for PyErr {
    fn from(err: Error) -> PyErr {
        if let Error::Interrupted(e) = err {
            return e;
        }
        Python::attach(|py| {
            let classes = match classes(py) {
                Ok(c) => c,
                Err(e) => return e,
            };
            let class = match &err {
                Error::Interrupted(_) => return PyRuntimeError::new_err("interrupted"),
                Error::NotOpen(_) | Error::Forked { .. } => {
                    return PyRuntimeError::new_err(err.to_string())
                }
                Error::UnknownReport { .. } => return PyValueError::new_err(err.to_string()),
                Error::InvalidAddress { .. } => &classes.address,
                Error::Open { .. } | Error::NothingConnects { .. } | Error::Unreachable { .. } => {
                    &classes.connection
                }
                Error::Permission { .. } | Error::Unauthorized { .. } => &classes.permission,
                Error::Timeout { .. } => &classes.timeout,
                Error::Disabled { .. } | Error::Chrony { .. } | Error::Data { .. } => &classes.data,
            };
            match class.bind(py).call1((err.to_string(), err.code())) {
                Ok(instance) => PyErr::from_value(instance),
                Err(e) => e,
            }
        })
    }
}
