//! The safe libchrony session: one socket and one `chrony_session`, opened and
//! closed together, one request in flight.
//!
//! libchrony itself never waits with a timeout: `chrony_process_response`
//! calls `recv` on the socket. We make the socket non-blocking and only call
//! it once `poll` says a datagram is there (wait.rs), so no call can hang.

use std::ffi::{c_int, CStr};
use std::io;
use std::ptr::NonNull;
use std::sync::Mutex;

use crate::address::Address;
use crate::error::{classify, error_string, ChronyCode, Error, Result};
use crate::ffi;

/// `chrony_get_field_string` formats addresses into one static buffer shared
/// by every session in the process; reads (and the copy) are serialised.
static STRING_FIELD_LOCK: Mutex<()> = Mutex::new(());

pub struct Session {
    raw: NonNull<ffi::chrony_session>,
    fd: c_int,
    address: Address,
    /// The process that opened the socket; a forked child must not use it.
    owner: u32,
}

// SAFETY: a chrony_session is heap memory plus a file descriptor, with no
// thread affinity. It is never used from two threads at once: every Session
// lives behind a Mutex (connection.rs), and &mut self guards each request.
unsafe impl Send for Session {}

impl Session {
    pub fn open(address: &Address) -> Result<Session> {
        let text = address.to_libchrony();
        // SAFETY: a valid NUL-terminated string; libchrony copies what it needs.
        let fd = unsafe { ffi::chrony_open_socket(text.as_ptr()) };
        if fd < 0 {
            let cause = io::Error::last_os_error();
            let address = address.to_string();
            return Err(
                if cause.kind() == io::ErrorKind::PermissionDenied && text.as_bytes()[0] == b'/' {
                    Error::Permission { address, cause }
                } else {
                    Error::Open { address, cause }
                },
            );
        }
        // Non-blocking, so a send to a stalled daemon's full queue or a
        // spurious wake-up can never block; close-on-exec, so a subprocess
        // does not inherit the socket.
        // SAFETY: fcntl on a descriptor we own.
        unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
            libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC);
        }
        let mut raw: *mut ffi::chrony_session = std::ptr::null_mut();
        // SAFETY: raw is a valid out-pointer; fd is open.
        let err = unsafe { ffi::chrony_init_session(&mut raw, fd) };
        match NonNull::new(raw) {
            Some(raw) if err.0 == 0 => Ok(Session {
                raw,
                fd,
                address: address.clone(),
                owner: std::process::id(),
            }),
            _ => {
                // SAFETY: fd is ours and not yet owned by a session.
                unsafe { ffi::chrony_close_socket(fd) };
                Err(Error::Chrony {
                    context: "starting a libchrony session".into(),
                    detail: error_string(err.0),
                    code: err.0,
                })
            }
        }
    }

    pub fn address(&self) -> &Address {
        &self.address
    }

    pub fn fd(&self) -> c_int {
        self.fd
    }

    /// Refuse use from a process other than the one that opened the socket.
    pub fn check_owner(&self) -> Result<()> {
        let current = std::process::id();
        if current == self.owner {
            Ok(())
        } else {
            Err(Error::Forked {
                owner: self.owner,
                current,
            })
        }
    }

    /// Send the request for a report's record count. libchrony answers
    /// single-record reports itself, sending nothing.
    pub fn send_count(&mut self, report: &CStr) -> Result<()> {
        // SAFETY: valid session and NUL-terminated name.
        let err = unsafe {
            ffi::chrony_request_report_number_records(self.raw.as_ptr(), report.as_ptr())
        };
        self.check(err, "requesting the number of records", report)
    }

    /// Send the request for one record. For reports requested by source
    /// address (ntpdata, authdata) libchrony may first fetch that source's
    /// sourcestats record; it sends the second request itself.
    pub fn send_record(&mut self, report: &CStr, index: usize) -> Result<()> {
        let index = c_int::try_from(index).map_err(|_| Error::Data {
            report: report.to_string_lossy().into_owned(),
            detail: format!("record index {index} out of range"),
        })?;
        // SAFETY: valid session and NUL-terminated name.
        let err = unsafe { ffi::chrony_request_record(self.raw.as_ptr(), report.as_ptr(), index) };
        self.check(err, "requesting a record", report)
    }

    pub fn needs_response(&self) -> bool {
        // SAFETY: valid session.
        unsafe { ffi::chrony_needs_response(self.raw.as_ptr()) }
    }

    /// Read the datagram waiting on the socket, if any. A reply to an older
    /// request (wrong sequence number) or garbage is ignored by libchrony,
    /// which then still needs a response.
    pub fn process(&mut self, report: &CStr) -> Result<()> {
        // SAFETY: valid session; the socket is non-blocking, so recv returns.
        let err = unsafe { ffi::chrony_process_response(self.raw.as_ptr()) };
        if err.0 != 0 && classify(err.0) == ChronyCode::RecvFailed {
            let cause = io::Error::last_os_error();
            if cause.kind() == io::ErrorKind::WouldBlock
                || cause.kind() == io::ErrorKind::Interrupted
            {
                return Ok(()); // nothing there after all: keep waiting
            }
            return Err(self.unreachable("receiving the reply", cause, err.0));
        }
        self.check(err, "reading the reply", report)
    }

    pub fn record_count(&self) -> usize {
        // SAFETY: valid session.
        let n = unsafe { ffi::chrony_get_report_number_records(self.raw.as_ptr()) };
        usize::try_from(n).unwrap_or(0)
    }

    pub fn fields(&self) -> Fields<'_> {
        Fields { session: self }
    }

    /// The one place a libchrony status becomes an [`Error`].
    fn check(&self, err: ffi::chrony_err, context: &str, report: &CStr) -> Result<()> {
        if err.0 == 0 {
            return Ok(());
        }
        let report = report.to_string_lossy().into_owned();
        let address = self.address.to_string();
        let code = err.0;
        Err(match classify(code) {
            ChronyCode::SendFailed => {
                return Err(self.unreachable(
                    &format!("sending the {report} request"),
                    io::Error::last_os_error(),
                    code,
                ))
            }
            ChronyCode::RecvFailed => {
                return Err(self.unreachable(
                    &format!("receiving the {report} reply"),
                    io::Error::last_os_error(),
                    code,
                ))
            }
            ChronyCode::Unauthorized => Error::Unauthorized {
                address,
                report,
                code,
            },
            ChronyCode::Disabled => Error::Disabled {
                address,
                report,
                detail: error_string(code),
                code,
            },
            ChronyCode::UnexpectedStatus | ChronyCode::Other => Error::Chrony {
                context: format!("{context} of the {report} report from chronyd at {address}"),
                detail: error_string(code),
                code,
            },
        })
    }

    fn unreachable(&self, context: &str, cause: io::Error, code: u32) -> Error {
        let detail = if cause.kind() == io::ErrorKind::WouldBlock {
            "its socket queue is full: chronyd is not reading requests (stopped or overloaded)"
                .into()
        } else {
            cause.to_string()
        };
        Error::Unreachable {
            address: self.address.to_string(),
            context: context.into(),
            detail,
            code,
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // SAFETY: raw and fd are ours and released exactly once, here.
        unsafe {
            ffi::chrony_deinit_session(self.raw.as_ptr());
            if std::process::id() == self.owner {
                ffi::chrony_close_socket(self.fd);
            } else {
                // In a forked child, close our copy only: chrony_close_socket
                // would also unlink the parent's client socket file.
                libc::close(self.fd);
            }
        }
    }
}

/// libchrony's field types (chrony_field_type).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    None,
    UInteger,
    Integer,
    Float,
    Timespec,
    String,
    Unknown(u32),
}

/// Read access to the fields of the record last received.
pub struct Fields<'s> {
    session: &'s Session,
}

impl Fields<'_> {
    fn raw(&self) -> *mut ffi::chrony_session {
        self.session.raw.as_ptr()
    }

    pub fn count(&self) -> usize {
        // SAFETY: valid session.
        usize::try_from(unsafe { ffi::chrony_get_record_number_fields(self.raw()) }).unwrap_or(0)
    }

    pub fn name(&self, index: usize) -> Option<&CStr> {
        // SAFETY: valid session; libchrony range-checks the index and returns
        // NULL or a pointer into its static report tables.
        let ptr = unsafe { ffi::chrony_get_field_name(self.raw(), index as c_int) };
        (!ptr.is_null()).then(|| unsafe { CStr::from_ptr(ptr) })
    }

    pub fn field_type(&self, index: usize) -> FieldType {
        // SAFETY: as above.
        match unsafe { ffi::chrony_get_field_type(self.raw(), index as c_int) }.0 {
            0 => FieldType::None,
            1 => FieldType::UInteger,
            2 => FieldType::Integer,
            3 => FieldType::Float,
            4 => FieldType::Timespec,
            5 => FieldType::String,
            other => FieldType::Unknown(other),
        }
    }

    pub fn uinteger(&self, index: usize) -> u64 {
        unsafe { ffi::chrony_get_field_uinteger(self.raw(), index as c_int) }
    }

    /// Signed integers. libchrony 0.2 returns a 16-bit field zero-extended
    /// (poll -1 comes back as 65535) while 8-bit ones are sign-extended, so a
    /// value that only a negative int16 can produce is folded back.
    pub fn integer(&self, index: usize) -> i64 {
        let v = unsafe { ffi::chrony_get_field_integer(self.raw(), index as c_int) };
        fold_int16(v)
    }

    pub fn float(&self, index: usize) -> f64 {
        unsafe { ffi::chrony_get_field_float(self.raw(), index as c_int) }
    }

    /// Seconds since the epoch.
    pub fn timespec(&self, index: usize) -> f64 {
        let ts = unsafe { ffi::chrony_get_field_timespec(self.raw(), index as c_int) };
        ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
    }

    /// A copy of a string field; None where libchrony has none (an unset
    /// address, e.g. a reference clock's).
    pub fn string(&self, index: usize) -> Option<String> {
        let _guard = STRING_FIELD_LOCK.lock().unwrap_or_else(|e| e.into_inner());
        let ptr = unsafe { ffi::chrony_get_field_string(self.raw(), index as c_int) };
        (!ptr.is_null()).then(|| {
            unsafe { CStr::from_ptr(ptr) }
                .to_string_lossy()
                .into_owned()
        })
    }
}

pub fn fold_int16(v: i64) -> i64 {
    if (0x8000..=0xffff).contains(&v) {
        v - 0x1_0000
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::fold_int16;

    #[test]
    fn int16_folding() {
        assert_eq!(fold_int16(65535), -1);
        assert_eq!(fold_int16(65534), -2);
        assert_eq!(fold_int16(0x8000), -32768);
        assert_eq!(fold_int16(32767), 32767);
        assert_eq!(fold_int16(6), 6);
        assert_eq!(fold_int16(-3), -3); // an int8 libchrony already sign-extended
    }
}
