//! One table per report: the single source of every Python name, type and
//! check (see schema.rs). `ALL` lists them in libchrony's report order.

mod activity;
mod authdata;
mod ntpdata;
mod rtcdata;
mod selectdata;
mod serverstats;
mod smoothing;
mod sources;
mod sourcestats;
mod tracking;

use crate::schema::ReportSpec;

pub use activity::ACTIVITY;
pub use authdata::AUTHDATA;
pub use ntpdata::NTPDATA;
pub use rtcdata::RTCDATA;
pub use selectdata::SELECTDATA;
pub use serverstats::SERVERSTATS;
pub use smoothing::SMOOTHING;
pub use sources::SOURCES;
pub use sourcestats::SOURCESTATS;
pub use tracking::TRACKING;

pub static ALL: [&ReportSpec; 10] = [
    &TRACKING,
    &SOURCES,
    &SOURCESTATS,
    &SELECTDATA,
    &ACTIVITY,
    &AUTHDATA,
    &NTPDATA,
    &SERVERSTATS,
    &RTCDATA,
    &SMOOTHING,
];

/// A table's position in `ALL`: the key of per-report caches.
pub fn index_of(spec: &ReportSpec) -> usize {
    ALL.iter()
        .position(|s| std::ptr::eq(*s, spec))
        .expect("every report table is listed in records::ALL")
}

/// The table of a report by its libchrony name.
pub fn by_name(name: &str) -> Option<&'static ReportSpec> {
    ALL.iter().copied().find(|spec| spec.name() == name)
}

/// The columns naming a source in the per-source reports keyed by it.
pub(crate) const SOURCE_REFERENCE_ID: crate::schema::Column = crate::schema::Column::new(
    "reference_id",
    &[c"reference ID"],
    crate::schema::Kind::Int,
    "The source's reference ID.",
);
pub(crate) const SOURCE_ADDRESS: crate::schema::Column = crate::schema::Column::new(
    "address",
    &[c"address"],
    crate::schema::Kind::Text,
    "The source's IP address (\"\" for reference clocks).",
);

/// LeapStatus values, shared by tracking, selectdata and ntpdata.
pub(crate) const LEAP_STATUS: crate::schema::Kind =
    crate::schema::Kind::Enum("LeapStatus", &[0, 1, 2, 3]);
