//! The native connection behind `pychrony.ChronyConnection` and
//! `pychrony.aio.AsyncChronyConnection`.
//!
//! A frozen pyclass holding a `Mutex`: any number of Python threads may share
//! one connection; each call takes the lock (with the GIL released, so a
//! thread waiting for it never blocks the others), runs its whole report
//! read with one request in flight, and builds Python objects only after
//! letting go of the lock and taking back the GIL.

use std::os::fd::RawFd;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyList;
use pyo3_stub_gen::derive::{gen_stub_pyclass, gen_stub_pymethods};

use crate::address::{Address, AUTO_DETECT};
use crate::convert;
use crate::error::{Error, Result};
use crate::read::{FieldCache, Next, Query, Rows, Target};
use crate::records;
use crate::schema::{ReportSpec, Shape};
use crate::session::Session;
use crate::wait;

struct Inner {
    /// None while closed, or after a failed reopen (the next call retries).
    session: Option<Session>,
    /// Closed by the user: no call may reopen it.
    closed: bool,
    cache: FieldCache,
    /// The read in progress for asyncio (begin .. finish).
    pending: Option<Pending>,
}

struct Pending {
    query: Query,
    reconnected: bool,
}

/// A connection to one chronyd. Opened by the constructor; `close()` ends it.
#[gen_stub_pyclass]
#[pyclass(frozen, module = "pychrony._native")]
pub struct Connection {
    inner: Mutex<Inner>,
    address: Address,
    timeout: Duration,
    /// The process that opened it; forked children must open their own.
    owner: u32,
}

impl Inner {
    /// Start reading a report: the query that `step` then advances.
    fn start(&mut self, target: Target, timeout: Duration) -> Result<()> {
        if self.closed {
            return Err(Error::NotOpen(CLOSED));
        }
        self.pending = Some(Pending {
            query: Query::new(target, timeout),
            reconnected: false,
        });
        Ok(())
    }

    /// Advance the pending query. If chronyd was not reached, reopen the
    /// socket once and start the read over within the same deadline: this is
    /// what carries a connection across a chronyd restart.
    fn step(&mut self, address: &Address, readable: bool) -> Result<(Next, RawFd)> {
        if self.closed {
            return Err(Error::NotOpen(CLOSED));
        }
        let session = match &mut self.session {
            Some(session) => session,
            None => self.session.insert(Session::open(address)?),
        };
        let pending = self
            .pending
            .as_mut()
            .ok_or(Error::NotOpen("no read in progress"))?;
        match pending.query.step(session, &mut self.cache, readable) {
            Ok(next) => Ok((next, session.fd())),
            Err(Error::Unreachable { .. })
                if !pending.reconnected && !pending.query.time_left().is_zero() =>
            {
                pending.reconnected = true;
                pending.query.restart();
                // Close the old socket first; if the new one cannot be
                // opened, the next call tries again.
                self.session = None;
                let session = self.session.insert(Session::open(address)?);
                let next = pending.query.step(session, &mut self.cache, false)?;
                Ok((next, session.fd()))
            }
            Err(e) => Err(e),
        }
    }
}

/// Per call, as chronyc's overall limit is about 7 s with its resends.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

const CLOSED: &str = "the connection is closed; use ChronyConnection as a context manager (`with ChronyConnection() as conn:`)";

/// Open the first candidate that connects. A Unix socket that refuses us
/// for permissions is skipped, but named in the error if nothing connects.
fn open(requested: Option<&Address>) -> Result<Session> {
    if let Some(address) = requested {
        return Session::open(address);
    }
    let mut denied: Option<(String, std::io::Error)> = None;
    for candidate in AUTO_DETECT {
        let address = Address::parse(candidate).expect("built-in addresses parse");
        match Session::open(&address) {
            Ok(session) => return Ok(session),
            Err(Error::Permission { cause, .. }) if denied.is_none() => {
                denied = Some((candidate.to_string(), cause));
            }
            Err(_) => {}
        }
    }
    Err(match denied {
        Some((address, cause)) => Error::Permission { address, cause },
        None => Error::NothingConnects {
            tried: AUTO_DETECT.join(", "),
        },
    })
}

fn is_main_thread() -> bool {
    // SAFETY: plain system calls. The main thread's id equals the pid. (The
    // raw syscall, as glibc's gettid() wrapper needs glibc 2.30 and the
    // wheels target manylinux_2_28.)
    unsafe { libc::syscall(libc::SYS_gettid) == libc::getpid() as libc::c_long }
}

impl Connection {
    fn lock(&self) -> Result<MutexGuard<'_, Inner>> {
        let current = std::process::id();
        if current != self.owner {
            // Checked before locking: a lock held by a parent's thread at
            // fork() time would never be released in the child.
            return Err(Error::Forked {
                owner: self.owner,
                current,
            });
        }
        Ok(self.inner.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Run `f` on the locked state with the GIL released. Every lock is taken
    /// this way: a blocking read holds the lock and briefly takes the GIL to
    /// run signal handlers, so no thread may hold the GIL while it waits.
    fn with_inner<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut Inner) -> Result<T> + Send,
    ) -> Result<T> {
        py.detach(|| f(&mut *self.lock()?))
    }

    /// Read a report to the end, blocking (with the GIL released).
    fn run(&self, py: Python<'_>, target: Target) -> PyResult<Rows> {
        let main = is_main_thread();
        py.detach(|| {
            let mut inner = self.lock()?;
            inner.start(target, self.timeout)?;
            let mut check_signals =
                || Python::attach(|py| py.check_signals()).map_err(Error::Interrupted);
            let interrupt: Option<&mut dyn FnMut() -> Result<()>> =
                if main { Some(&mut check_signals) } else { None };
            let result = wait::run(|readable| inner.step(&self.address, readable), interrupt);
            let pending = inner.pending.take();
            result.map(|()| pending.expect("pending read").query.read.rows)
        })
        .map_err(PyErr::from)
    }

    fn typed_result<'py>(
        py: Python<'py>,
        spec: &'static ReportSpec,
        rows: Rows,
    ) -> PyResult<Bound<'py, PyAny>> {
        let objects = convert::records(py, spec, &rows.typed)?;
        if spec.shape == Shape::Single {
            return Ok(match objects.into_iter().next() {
                Some(record) => record,
                None if rows.disabled => py.None().into_bound(py),
                None => {
                    return Err(Error::Data {
                        report: spec.name().into(),
                        detail: "chronyd sent no record".into(),
                    }
                    .into())
                }
            });
        }
        Ok(PyList::new(py, objects)?.into_any())
    }
}

/// The table of a typed report, or ValueError.
pub(crate) fn spec(report: &str) -> PyResult<&'static ReportSpec> {
    records::by_name(report)
        .ok_or_else(|| PyValueError::new_err(format!("no typed report named {report:?}")))
}

#[gen_stub_pymethods]
#[pymethods]
impl Connection {
    /// Open a connection. `address`: a Unix socket path, "IP", "IP:port" or
    /// "[IPv6]:port"; None to auto-detect. `timeout`: seconds per call.
    /// (pychrony.ChronyConnection checks argument types with friendlier
    /// messages before it gets here.)
    #[new]
    #[pyo3(signature = (address = None, timeout = DEFAULT_TIMEOUT.as_secs_f64()))]
    fn new(py: Python<'_>, address: Option<&str>, timeout: f64) -> PyResult<Self> {
        let address = address.map(Address::parse).transpose()?;
        // Duration::from_secs_f64 panics on NaN, infinite or negative input.
        if !timeout.is_finite() || timeout <= 0.0 || timeout > 86_400.0 {
            return Err(PyValueError::new_err(format!(
                "timeout must be a number of seconds > 0 and <= 86400, not {timeout}"
            )));
        }
        let timeout = Duration::from_secs_f64(timeout);
        let session = py.detach(|| open(address.as_ref()))?;
        Ok(Connection {
            address: session.address().clone(),
            inner: Mutex::new(Inner {
                session: Some(session),
                closed: false,
                cache: FieldCache::default(),
                pending: None,
            }),
            timeout,
            owner: std::process::id(),
        })
    }

    /// The address in use (canonical form: "IP:port", "[IPv6]:port" or a path).
    #[getter]
    fn address(&self) -> String {
        self.address.to_string()
    }

    /// Whether the connection uses chronyd's Unix socket (else its UDP port).
    #[getter]
    fn is_unix_socket(&self) -> bool {
        self.address.is_unix()
    }

    /// Seconds each call may take.
    #[getter]
    fn timeout(&self) -> f64 {
        self.timeout.as_secs_f64()
    }

    /// Whether the connection is open.
    #[getter]
    fn is_open(&self, py: Python<'_>) -> bool {
        self.with_inner(py, |inner| Ok(!inner.closed))
            .unwrap_or(false)
    }

    /// Close the socket and free the libchrony session. Idempotent.
    fn close(&self, py: Python<'_>) {
        if self.owner != std::process::id() {
            return; // the child's copy is closed when the object is freed
        }
        py.detach(|| {
            let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            inner.pending = None;
            inner.session = None;
            inner.closed = true;
        });
    }

    /// Read a report that has a table (see `report_tables()`): one record,
    /// None (data chronyd does not collect), or a list of records.
    fn read<'py>(&self, py: Python<'py>, report: &str) -> PyResult<Bound<'py, PyAny>> {
        let spec = spec(report)?;
        let rows = self.run(py, Target::Typed(spec))?;
        Self::typed_result(py, spec, rows)
    }

    /// Read any report libchrony knows as a list of dicts.
    #[gen_stub(override_return_type(type_repr = "list[dict[str, int | float | str]]"))]
    fn read_generic<'py>(&self, py: Python<'py>, report: &str) -> PyResult<Bound<'py, PyList>> {
        let rows = self.run(py, Target::generic(report)?)?;
        convert::dicts(py, &rows.generic)
    }

    /// asyncio: start reading a report (nothing is sent until `step`).
    #[pyo3(signature = (report, generic = false))]
    fn begin(&self, py: Python<'_>, report: &str, generic: bool) -> PyResult<()> {
        let target = if generic {
            Target::generic(report)?
        } else {
            Target::Typed(spec(report)?)
        };
        let timeout = self.timeout;
        Ok(self.with_inner(py, move |inner| inner.start(target, timeout))?)
    }

    /// asyncio: advance the read. Returns None when done, else (fd, seconds):
    /// wait until fd is readable or that long, then call again with
    /// `readable` saying which happened.
    fn step(&self, py: Python<'_>, readable: bool) -> PyResult<Option<(i32, f64)>> {
        let address = &self.address;
        let next = self.with_inner(py, |inner| {
            let result = inner.step(address, readable);
            if result.is_err() {
                inner.pending = None;
            }
            result
        })?;
        Ok(match next {
            (Next::Done, _) => None,
            (Next::Wait(wait), fd) => Some((fd, wait.as_secs_f64())),
        })
    }

    /// asyncio: the finished read's result, as `read` / `read_generic` give it.
    fn finish<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pending = self.with_inner(py, |inner| {
            inner
                .pending
                .take()
                .ok_or(Error::NotOpen("no read in progress"))
        })?;
        let read = pending.query.read;
        match read.target() {
            Target::Typed(spec) => Self::typed_result(py, spec, read.rows),
            Target::Generic { .. } => Ok(convert::dicts(py, &read.rows.generic)?.into_any()),
        }
    }

    /// asyncio: abandon the read in progress (a cancelled await). A late
    /// reply is ignored by the next request: its sequence number differs.
    fn abort(&self, py: Python<'_>) {
        // Err only after fork, where there is nothing of ours to abandon.
        let _ = self.with_inner(py, |inner| {
            inner.pending = None;
            Ok(())
        });
    }
}
