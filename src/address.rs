//! Parsing and checking of chronyd addresses before anything reaches libchrony.
//!
//! libchrony reads an address with `atoi` for the port (so "x:abc" becomes
//! port 0 and "x:70000" wraps), treats the empty string as "auto-detect", and
//! cuts at a NUL byte. Every address is therefore parsed here and handed to
//! libchrony in one canonical form it cannot misread.

use std::ffi::CString;
use std::net::{IpAddr, Ipv6Addr};

use crate::error::{Error, Result};

/// chronyd's default command port.
pub const DEFAULT_PORT: u16 = 323;

/// Room in `sockaddr_un.sun_path` (108 bytes with the terminating NUL).
const SUN_PATH_MAX: usize = 107;
/// libchrony binds its client socket as `<dir>/libchrony.<n>` (n <= 1000)
/// next to the server socket, so the directory needs this much room too.
const CLIENT_SOCKET_SUFFIX: usize = "/libchrony.1000".len();

/// The Unix socket paths, then command ports, that auto-detect tries: the
/// ones chronyc and pychrony 2.0.3 use, in their order.
pub const AUTO_DETECT: [&str; 4] = [
    "/run/chrony/chronyd.sock",
    "/var/run/chrony/chronyd.sock",
    "127.0.0.1:323",
    "[::1]:323",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    Unix(String),
    Udp(IpAddr, u16),
}

impl Address {
    pub fn parse(text: &str) -> Result<Address> {
        let invalid = |reason: &str| Error::InvalidAddress {
            address: shorten(text),
            reason: reason.to_string(),
        };
        if text.is_empty() {
            return Err(invalid("it is empty (pass None to auto-detect)"));
        }
        if text.contains('\0') {
            return Err(invalid("it contains a NUL byte"));
        }
        if text.starts_with('/') {
            if text.len() > SUN_PATH_MAX {
                return Err(invalid("a Unix socket path may be at most 107 bytes long"));
            }
            let dir_len = text.rfind('/').unwrap_or(0);
            if dir_len == 0 {
                return Err(invalid(
                    "the socket must be inside a directory (libchrony creates its own socket next to it)",
                ));
            }
            if dir_len + CLIENT_SOCKET_SUFFIX > SUN_PATH_MAX {
                return Err(invalid(
                    "the socket's directory path is too long for libchrony's client socket",
                ));
            }
            return Ok(Address::Unix(text.to_string()));
        }
        if text.len() > 64 {
            return Err(invalid("too long for an IP address with a port"));
        }
        let (host, port) = split_host_port(text).map_err(|r| invalid(&r))?;
        let ip: IpAddr = host.parse().map_err(|_| {
            invalid(
                "not an IP address or absolute Unix socket path (host names are not resolved; \
                 use e.g. \"127.0.0.1\", \"[::1]:323\" or \"/run/chrony/chronyd.sock\")",
            )
        })?;
        if let IpAddr::V6(v6) = ip {
            if is_scoped(&v6) {
                return Err(invalid(
                    "link-local IPv6 addresses need a zone, which libchrony does not support",
                ));
            }
        }
        Ok(Address::Udp(ip, port))
    }

    /// The form handed to `chrony_open_socket`.
    pub fn to_libchrony(&self) -> CString {
        // Parsing rejected NUL bytes, so this cannot fail.
        CString::new(self.to_string()).expect("address without NUL")
    }

    pub fn is_unix(&self) -> bool {
        matches!(self, Address::Unix(_))
    }
}

impl std::fmt::Display for Address {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Address::Unix(path) => f.write_str(path),
            Address::Udp(IpAddr::V4(ip), port) => write!(f, "{ip}:{port}"),
            Address::Udp(IpAddr::V6(ip), port) => write!(f, "[{ip}]:{port}"),
        }
    }
}

fn is_scoped(ip: &Ipv6Addr) -> bool {
    (ip.segments()[0] & 0xffc0) == 0xfe80
}

/// Split "host", "host:port", "v6", "[v6]" and "[v6]:port".
fn split_host_port(text: &str) -> std::result::Result<(&str, u16), String> {
    if let Some(rest) = text.strip_prefix('[') {
        let (host, after) = rest
            .split_once(']')
            .ok_or_else(|| "'[' without a closing ']'".to_string())?;
        return match after {
            "" => Ok((host, DEFAULT_PORT)),
            _ => match after.strip_prefix(':') {
                Some(port) => Ok((host, parse_port(port)?)),
                None => Err("unexpected text after ']'".into()),
            },
        };
    }
    match text.matches(':').count() {
        0 => Ok((text, DEFAULT_PORT)),
        1 => {
            let (host, port) = text.split_once(':').unwrap();
            Ok((host, parse_port(port)?))
        }
        _ => Ok((text, DEFAULT_PORT)), // a bare IPv6 address
    }
}

fn parse_port(text: &str) -> std::result::Result<u16, String> {
    if text.is_empty() || text.len() > 5 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "port {:?} is not a number from 1 to 65535",
            shorten(text)
        ));
    }
    match text.parse::<u32>() {
        Ok(p @ 1..=65535) => Ok(p as u16),
        _ => Err(format!("port {text} is not from 1 to 65535")),
    }
}

/// Keep huge inputs out of error messages.
fn shorten(text: &str) -> String {
    if text.chars().count() <= 80 {
        text.to_string()
    } else {
        format!("{}...", text.chars().take(80).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> String {
        Address::parse(text).unwrap().to_string()
    }

    fn err(text: &str) -> String {
        Address::parse(text).unwrap_err().to_string()
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(ok("127.0.0.1"), "127.0.0.1:323");
        assert_eq!(ok("127.0.0.1:4000"), "127.0.0.1:4000");
        assert_eq!(ok("::1"), "[::1]:323");
        assert_eq!(ok("2001:db8::1"), "[2001:db8::1]:323");
        assert_eq!(ok("[2001:db8::1]:324"), "[2001:db8::1]:324");
        assert_eq!(ok("[::1]"), "[::1]:323");
        assert_eq!(ok("/run/chrony/chronyd.sock"), "/run/chrony/chronyd.sock");
    }

    #[test]
    fn transport() {
        assert!(Address::parse("/a/b.sock").unwrap().is_unix());
        assert!(!Address::parse("10.0.0.1").unwrap().is_unix());
    }

    #[test]
    fn rejects_what_libchrony_would_misread() {
        assert!(err("").contains("empty"));
        assert!(err("/run/chrony\0/x").contains("NUL"));
        assert!(err("127.0.0.1:abc").contains("port"));
        assert!(err("127.0.0.1:0").contains("1 to 65535"));
        assert!(err("127.0.0.1:65536").contains("1 to 65535"));
        assert!(err("127.0.0.1:").contains("port"));
        assert!(err("localhost").contains("host names"));
        assert!(err("300.1.1.1").contains("IP address"));
        assert!(err("[::1").contains("']'"));
        assert!(err("[::1]x").contains("after ']'"));
        assert!(err("/chronyd.sock").contains("directory"));
        assert!(err("fe80::1").contains("zone"));
    }

    #[test]
    fn long_inputs_are_rejected_and_shortened() {
        let long_path = format!("/{}", "a".repeat(200));
        let message = err(&long_path);
        assert!(message.contains("107 bytes"));
        assert!(message.len() < 400, "{message}");
        let deep = format!("/{}/s", "d".repeat(100));
        assert!(err(&deep).contains("too long"));
        assert!(err(&"1".repeat(10_000)).contains("too long"));
    }
}
