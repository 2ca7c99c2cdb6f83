//! Reading one whole report: which requests to send in which order, and
//! turning each received record into values through its table.
//!
//! [`Query`] is a state machine with no waiting of its own: it is told when
//! the socket is readable and says how long to wait next. The blocking
//! driver (wait.rs) and asyncio (python/pychrony/aio.py, through
//! connection.rs) both drive this one machine.

use std::ffi::{CStr, CString};
use std::time::{Duration, Instant};

use crate::deadline::{Deadline, Resend};
use crate::error::{Error, Result};
use crate::records;
use crate::schema::{shape, snake_case, Raw, ReportSpec, Shape, Value};
use crate::session::{FieldType, Fields, Session};

/// Reads of a per-source report before giving up when the source list keeps
/// changing underneath (a record past the end comes back as an error).
const SOURCE_LIST_ATTEMPTS: u32 = 3;

/// What to read.
#[derive(Debug, Clone)]
pub enum Target {
    /// A report with a table: values in column order.
    Typed(&'static ReportSpec),
    /// Any report libchrony knows: every field, keyed by name.
    Generic {
        report: CString,
        spec: Option<&'static ReportSpec>,
    },
}

impl Target {
    /// Any report the loaded libchrony supports, by name.
    pub fn generic(name: &str) -> Result<Target> {
        let supported = crate::supported();
        if !supported.iter().any(|s| s == name) {
            return Err(Error::UnknownReport {
                name: name.to_string(),
                supported: supported.join(", "),
            });
        }
        let report = CString::new(name).expect("a supported name has no NUL");
        Ok(Target::Generic {
            report,
            spec: records::by_name(name),
        })
    }

    fn report(&self) -> &CStr {
        match self {
            Target::Typed(spec) => spec.report,
            Target::Generic { report, .. } => report,
        }
    }

    fn spec(&self) -> Option<&'static ReportSpec> {
        match self {
            Target::Typed(spec) => Some(spec),
            Target::Generic { spec, .. } => *spec,
        }
    }

    fn shape(&self) -> Shape {
        // An unknown report is read by count, then index; libchrony itself
        // handles single-record and by-address reports on that path.
        self.spec().map_or(Shape::PerSource, |s| s.shape)
    }
}

/// The records read so far.
#[derive(Debug, Default)]
pub struct Rows {
    pub typed: Vec<Vec<Value>>,
    pub generic: Vec<Vec<(String, Value)>>,
    /// chronyd does not collect this report's data.
    pub disabled: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Count,
    /// The sourcestats record of source i, for its address.
    AddressOf(usize),
    Record(usize),
    Done,
}

/// Where each column's field sits in a record, remembered between records
/// and calls (libchrony has no index lookup in 0.1 and a linear one in 0.2).
#[derive(Debug, Default)]
pub struct FieldCache {
    layouts: Vec<Option<Layout>>,
}

#[derive(Debug)]
struct Layout {
    field_count: usize,
    /// Per column: the index and the name found there.
    slots: Vec<Option<(usize, &'static CStr)>>,
}

impl FieldCache {
    fn layout(&mut self, spec: &'static ReportSpec, fields: &Fields<'_>) -> &Layout {
        let slot = records::index_of(spec);
        if self.layouts.len() < records::ALL.len() {
            self.layouts.resize_with(records::ALL.len(), || None);
        }
        let count = fields.count();
        let valid = self.layouts[slot].as_ref().is_some_and(|l| {
            l.field_count == count
                && l.slots
                    .iter()
                    .flatten()
                    .all(|(i, name)| fields.name(*i) == Some(*name))
        });
        if !valid {
            self.layouts[slot] = Some(Layout::resolve(spec, fields));
        }
        self.layouts[slot].as_ref().unwrap()
    }
}

impl Layout {
    fn resolve(spec: &'static ReportSpec, fields: &Fields<'_>) -> Layout {
        let names: Vec<Option<&CStr>> = (0..fields.count()).map(|i| fields.name(i)).collect();
        let slots = spec
            .columns
            .iter()
            .map(|column| {
                column.fields.iter().find_map(|wanted| {
                    names
                        .iter()
                        .position(|n| *n == Some(*wanted))
                        .map(|i| (i, *wanted))
                })
            })
            .collect();
        Layout {
            field_count: names.len(),
            slots,
        }
    }
}

fn raw(fields: &Fields<'_>, index: usize) -> Option<Raw> {
    Some(match fields.field_type(index) {
        FieldType::UInteger => Raw::UInt(fields.uinteger(index)),
        FieldType::Integer => Raw::Int(fields.integer(index)),
        FieldType::Float => Raw::Float(fields.float(index)),
        FieldType::Timespec => Raw::Time(fields.timespec(index)),
        FieldType::String => Raw::Text(fields.string(index)),
        FieldType::None | FieldType::Unknown(_) => return None,
    })
}

pub struct ReportRead {
    target: Target,
    step: Step,
    total: usize,
    attempts: u32,
    /// Fields of the sourcestats record read for the current source.
    prefix: Vec<(&'static CStr, Raw)>,
    /// The read started over: the count request must be sent anew.
    restarted: bool,
    pub rows: Rows,
}

impl ReportRead {
    pub fn new(target: Target) -> ReportRead {
        let step = if target.shape() == Shape::Single {
            Step::Record(0)
        } else {
            Step::Count
        };
        ReportRead {
            target,
            step,
            total: 1,
            attempts: 1,
            prefix: Vec::new(),
            restarted: false,
            rows: Rows::default(),
        }
    }

    pub fn target(&self) -> &Target {
        &self.target
    }

    pub fn report_name(&self) -> String {
        self.target.report().to_string_lossy().into_owned()
    }

    fn is_done(&self) -> bool {
        self.step == Step::Done
    }

    /// Send (or resend) the request of the current step.
    fn send(&mut self, session: &mut Session) -> Result<()> {
        let result = match self.step {
            Step::Count => session.send_count(self.target.report()),
            Step::AddressOf(i) => session.send_record(c"sourcestats", i),
            Step::Record(i) => session.send_record(self.target.report(), i),
            Step::Done => Ok(()),
        };
        result.or_else(|e| self.recover(e))
    }

    /// Read the waiting datagram.
    fn process(&mut self, session: &mut Session) -> Result<()> {
        session
            .process(self.target.report())
            .or_else(|e| self.recover(e))
    }

    /// An error that ends the step without ending the read: a shrinking
    /// source list (start over), or data chronyd does not collect.
    fn recover(&mut self, err: Error) -> Result<()> {
        let in_records = matches!(self.step, Step::Record(_) | Step::AddressOf(_));
        match err {
            Error::Chrony { .. }
                if in_records
                    && self.target.shape() != Shape::Single
                    && self.attempts < SOURCE_LIST_ATTEMPTS
                    && err.code().map(crate::error::classify)
                        == Some(crate::error::ChronyCode::UnexpectedStatus) =>
            {
                self.attempts += 1;
                self.rows = Rows::default();
                self.step = Step::Count;
                self.restarted = true;
                Ok(())
            }
            Error::Disabled { .. }
                if matches!(self.target, Target::Generic { .. })
                    || self.target.spec().is_some_and(|s| s.may_be_disabled) =>
            {
                self.rows.disabled = true;
                self.step = Step::Done;
                Ok(())
            }
            other => Err(other),
        }
    }

    /// The current exchange is complete: take in its record, move on.
    fn complete(&mut self, session: &Session, cache: &mut FieldCache) -> Result<()> {
        match self.step {
            Step::Count => {
                self.total = session.record_count();
                self.step = self.first_record_step(0);
            }
            Step::AddressOf(i) => {
                let fields = session.fields();
                self.prefix.clear();
                for (index, name) in
                    (0..fields.count()).filter_map(|i| fields.name(i).map(|n| (i, n)))
                {
                    for wanted in [c"reference ID", c"address"] {
                        if name == wanted {
                            if let Some(value) = raw(&fields, index) {
                                self.prefix.push((wanted, value));
                            }
                        }
                    }
                }
                // A reference clock has no address and so no NTP/auth record.
                let has_address = self
                    .prefix
                    .iter()
                    .any(|(n, v)| *n == c"address" && *v != Raw::Text(None));
                self.step = if has_address {
                    Step::Record(i)
                } else {
                    self.first_record_step(i + 1)
                };
            }
            Step::Record(i) => {
                if session.fields().count() > 0 {
                    self.take_record(session, cache)?;
                }
                self.step = self.first_record_step(i + 1);
            }
            Step::Done => {}
        }
        Ok(())
    }

    fn first_record_step(&self, i: usize) -> Step {
        if i >= self.total {
            Step::Done
        } else if self.target.shape() == Shape::PerSourceAddress {
            Step::AddressOf(i)
        } else {
            Step::Record(i)
        }
    }

    fn take_record(&mut self, session: &Session, cache: &mut FieldCache) -> Result<()> {
        let fields = session.fields();
        let invalid = |detail: String| Error::Data {
            report: self.report_name(),
            detail,
        };
        match &self.target {
            Target::Typed(spec) => {
                let layout = cache.layout(spec, &fields);
                let mut row = Vec::with_capacity(spec.columns.len());
                for (column, slot) in spec.columns.iter().zip(&layout.slots) {
                    let value = match slot {
                        Some((index, _)) => raw(&fields, *index),
                        None => self.prefix_value(column.fields),
                    };
                    row.push(shape(column, value).map_err(invalid)?);
                }
                self.rows.typed.push(row);
            }
            Target::Generic { spec, .. } => {
                let mut row = Vec::with_capacity(fields.count() + self.prefix.len());
                for index in 0..fields.count() {
                    let Some(name) = fields.name(index) else {
                        continue;
                    };
                    let text = name.to_string_lossy();
                    if text.starts_with("reserved") {
                        continue;
                    }
                    let key = spec
                        .and_then(|s| s.columns.iter().find(|c| c.is_direct_view_of(name)))
                        .map_or_else(|| snake_case(&text), |c| c.name.to_string());
                    if let Some(value) = raw(&fields, index) {
                        row.push((key, generic_value(&text, value).map_err(invalid)?));
                    }
                }
                for (name, value) in &self.prefix {
                    let key = snake_case(&name.to_string_lossy());
                    if !row.iter().any(|(k, _)| *k == key) {
                        row.push((key, generic_value("", value.clone()).map_err(invalid)?));
                    }
                }
                self.rows.generic.push(row);
            }
        }
        Ok(())
    }

    fn prefix_value(&self, names: &[&CStr]) -> Option<Raw> {
        names.iter().find_map(|n| {
            self.prefix
                .iter()
                .find(|(p, _)| p == n)
                .map(|(_, v)| v.clone())
        })
    }
}

/// A field as `get_report` shows it: ints, finite floats, times as epoch
/// float seconds, strings ("" for an unset address).
fn generic_value(name: &str, raw: Raw) -> std::result::Result<Value, String> {
    Ok(match raw {
        Raw::UInt(v) => Value::UInt(v),
        Raw::Int(v) => Value::Int(v),
        Raw::Float(v) | Raw::Time(v) if v.is_finite() => Value::Float(v),
        Raw::Float(v) | Raw::Time(v) => return Err(format!("{name} is not a finite number ({v})")),
        Raw::Text(v) => Value::Text(v.unwrap_or_default()),
    })
}

/// One report read against a deadline, with chronyc's resend schedule.
pub struct Query {
    pub read: ReportRead,
    deadline: Deadline,
    resend: Resend,
    started: bool,
}

/// What the driver should do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Wait until the socket is readable, or this long at most, then step again.
    Wait(Duration),
    Done,
}

impl Query {
    pub fn new(target: Target, timeout: Duration) -> Query {
        Query {
            read: ReportRead::new(target),
            deadline: Deadline::after(timeout),
            resend: Resend::starting(Instant::now()),
            started: false,
        }
    }

    /// Restart from scratch (after reconnecting), keeping the deadline.
    pub fn restart(&mut self) {
        self.read = ReportRead::new(self.read.target.clone());
        self.started = false;
    }

    pub fn time_left(&self) -> Duration {
        self.deadline.remaining(Instant::now())
    }

    /// Advance as far as possible without waiting. `readable`: the socket
    /// was reported readable since the last step.
    pub fn step(
        &mut self,
        session: &mut Session,
        cache: &mut FieldCache,
        readable: bool,
    ) -> Result<Next> {
        if !self.started {
            session.check_owner()?;
            self.started = true;
            self.read.send(session)?;
            self.resend = Resend::starting(Instant::now());
        } else if readable && session.needs_response() {
            self.read.process(session)?;
        }
        loop {
            if std::mem::take(&mut self.read.restarted) {
                self.read.send(session)?;
                self.resend = Resend::starting(Instant::now());
            }
            // A finished exchange (or a request libchrony answered itself):
            // take its record and send the next request, if any.
            while !session.needs_response() {
                self.read.complete(session, cache)?;
                if self.read.is_done() {
                    return Ok(Next::Done);
                }
                self.read.send(session)?;
                self.resend = Resend::starting(Instant::now());
            }
            let now = Instant::now();
            if self.deadline.expired(now) {
                return Err(Error::Timeout {
                    address: session.address().to_string(),
                    report: self.read.report_name(),
                    timeout: self.deadline.timeout(),
                    resends: self.resend.count,
                });
            }
            if self.resend.due(now) {
                self.read.send(session)?;
                self.resend.sent(now);
                continue;
            }
            return Ok(Next::Wait(self.resend.wait(now, &self.deadline)));
        }
    }
}
