use crate::schema::{Column, Kind::*, ReportSpec, Shape};

pub static ACTIVITY: ReportSpec = ReportSpec {
    report: c"activity",
    class: "Activity",
    method: "get_activity",
    shape: Shape::Single,
    may_be_disabled: false,
    unix_socket_only: false,
    doc: "How many sources are online, offline, in a burst or unresolved (chronyc activity).",
    columns: &[
        Column::new("online", &[c"online sources"], Int, "Sources online."),
        Column::new("offline", &[c"offline sources"], Int, "Sources offline."),
        Column::new(
            "burst_online",
            &[c"burst online-return sources"],
            Int,
            "Sources in a burst, going online after it.",
        ),
        Column::new(
            "burst_offline",
            &[c"burst offline-return sources"],
            Int,
            "Sources in a burst, going offline after it.",
        ),
        Column::new(
            "unresolved",
            &[c"unresolved sources"],
            Int,
            "Sources whose name is not yet resolved.",
        ),
    ],
};
