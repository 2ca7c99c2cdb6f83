//! The Rust session layer against a real chronyd. Run under the test bed,
//! which provides the daemon: `python tests/testbed.py -- cargo test`
//! (scripts/test does this).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use pychrony::address::Address;
use pychrony::error::Error;
use pychrony::read::{FieldCache, Query, Rows, Target};
use pychrony::records;
use pychrony::schema::Value;
use pychrony::session::Session;
use pychrony::wait;

/// Tests that stop the daemon must not overlap the others.
static DAEMON: Mutex<()> = Mutex::new(());

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: run these tests under the test bed: python tests/testbed.py -- cargo test")
    })
}

fn read(address: &str, target: Target, timeout: Duration) -> Result<Rows, Error> {
    let mut session = Session::open(&Address::parse(address).unwrap())?;
    let mut cache = FieldCache::default();
    let mut query = Query::new(target, timeout);
    wait::run(
        |readable| {
            Ok((
                query.step(&mut session, &mut cache, readable)?,
                session.fd(),
            ))
        },
        None,
    )?;
    Ok(query.read.rows)
}

fn column(spec: &pychrony::schema::ReportSpec, row: &[Value], name: &str) -> Value {
    let i = spec.columns.iter().position(|c| c.name == name).unwrap();
    row[i].clone()
}

#[test]
fn tracking_over_both_transports() {
    let _guard = DAEMON.lock().unwrap_or_else(|e| e.into_inner());
    for address in [env("CHRONY_SOCKET"), env("CHRONY_ADDRESS")] {
        let rows = read(
            &address,
            Target::Typed(&records::TRACKING),
            Duration::from_secs(5),
        )
        .unwrap();
        assert_eq!(rows.typed.len(), 1);
        let row = &rows.typed[0];
        assert_eq!(
            column(&records::TRACKING, row, "reference_id"),
            Value::UInt(0x7f00_0001)
        );
        assert_eq!(
            column(&records::TRACKING, row, "reference_id_name"),
            Value::Text("127.0.0.1".into())
        );
        assert_eq!(column(&records::TRACKING, row, "stratum"), Value::UInt(4));
    }
}

#[test]
fn sources_include_the_refclock_by_name() {
    let _guard = DAEMON.lock().unwrap_or_else(|e| e.into_inner());
    let rows = read(
        &env("CHRONY_SOCKET"),
        Target::Typed(&records::SOURCES),
        Duration::from_secs(5),
    )
    .unwrap();
    let addresses: Vec<Value> = rows
        .typed
        .iter()
        .map(|r| column(&records::SOURCES, r, "address"))
        .collect();
    assert!(
        addresses.contains(&Value::Text("GPS".into())),
        "{addresses:?}"
    );
    assert!(
        addresses.contains(&Value::Text("127.0.0.1".into())),
        "{addresses:?}"
    );
}

#[test]
fn generic_read_of_every_supported_report() {
    let _guard = DAEMON.lock().unwrap_or_else(|e| e.into_inner());
    for spec in records::ALL {
        let rows = read(
            &env("CHRONY_SOCKET"),
            Target::generic(spec.name()).unwrap(),
            Duration::from_secs(5),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", spec.name()));
        assert!(rows.disabled || !rows.generic.is_empty(), "{}", spec.name());
    }
}

#[test]
fn stopped_daemon_times_out_after_resending() {
    let _guard = DAEMON.lock().unwrap_or_else(|e| e.into_inner());
    let pid: i32 = env("CHRONYD_PID").parse().unwrap();
    // SAFETY: signalling the test bed's daemon.
    unsafe { libc::kill(pid, libc::SIGSTOP) };
    let start = Instant::now();
    let result = read(
        &env("CHRONY_ADDRESS"),
        Target::Typed(&records::TRACKING),
        Duration::from_millis(1500),
    );
    let elapsed = start.elapsed();
    unsafe { libc::kill(pid, libc::SIGCONT) };
    match result {
        Err(Error::Timeout { resends, .. }) => assert_eq!(resends, 1, "resent once, after 1 s"),
        other => panic!("expected a timeout, got {:?}", other.map(|r| r.typed.len())),
    }
    assert!(
        elapsed >= Duration::from_millis(1500) && elapsed < Duration::from_millis(1800),
        "{elapsed:?}"
    );
}
