//! The blocking driver: runs a [`Query`] to the end, waiting in `poll()`.

use std::os::fd::RawFd;
use std::time::Duration;

use crate::error::Result;
use crate::read::Next;

/// While a Python signal handler may need to run (the main thread), wait in
/// slices this long and let it run between them: Ctrl-C interrupts a call
/// to a silent chronyd within this time.
pub const SIGNAL_SLICE: Duration = Duration::from_millis(50);

/// Drive `step` until it reports done. `step(readable)` advances the query
/// and says how long to wait; `fd()` is the socket to wait on (it changes if
/// the connection reopens); `interrupt` is called between slices.
pub fn run(
    mut step: impl FnMut(bool) -> Result<(Next, RawFd)>,
    mut interrupt: Option<&mut dyn FnMut() -> Result<()>>,
) -> Result<()> {
    let mut readable = false;
    loop {
        let (next, fd) = step(readable)?;
        let Next::Wait(wait) = next else {
            return Ok(());
        };
        let wait = if interrupt.is_some() {
            wait.min(SIGNAL_SLICE)
        } else {
            wait
        };
        readable = poll_readable(fd, wait);
        if !readable {
            if let Some(check) = interrupt.as_mut() {
                check()?;
            }
        }
    }
}

/// Whether `fd` has a datagram (or an error) waiting, after at most `wait`.
pub fn poll_readable(fd: RawFd, wait: Duration) -> bool {
    let mut pfd = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // Round up: a sub-millisecond remainder must not become a busy loop.
    let ms = wait.as_micros().div_ceil(1000).min(i32::MAX as u128) as libc::c_int;
    // SAFETY: one valid pollfd. EINTR counts as "not readable": the caller
    // then checks for signals and steps again.
    let n = unsafe { libc::poll(&mut pfd, 1, ms) };
    n > 0 && pfd.revents != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::AsRawFd;
    use std::time::Instant;

    #[test]
    fn poll_waits_for_data_or_time() {
        let a = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        let t = Instant::now();
        assert!(!poll_readable(a.as_raw_fd(), Duration::from_millis(30)));
        assert!(t.elapsed() >= Duration::from_millis(30));
        a.send_to(b"x", a.local_addr().unwrap()).unwrap();
        assert!(poll_readable(a.as_raw_fd(), Duration::from_secs(5)));
    }
}
