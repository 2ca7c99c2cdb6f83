use super::{LEAP_STATUS, SOURCE_ADDRESS, SOURCE_REFERENCE_ID};
use crate::schema::{Column, Kind::*, ReportSpec, Shape};

pub static SELECTDATA: ReportSpec = ReportSpec {
    report: c"selectdata",
    class: "SelectionData",
    method: "get_selection_data",
    shape: Shape::PerSource,
    may_be_disabled: false,
    unix_socket_only: true,
    doc: "How the source selection sees each source (chronyc selectdata).",
    columns: &[
        SOURCE_REFERENCE_ID,
        SOURCE_ADDRESS,
        Column::new(
            "state",
            &[c"state"],
            CharEnum("SelectionState", b"NsMdD~wWSOTPUx+*"),
            "Selection state, as chronyc's one-letter code.",
        ),
        Column::new(
            "authentication",
            &[c"authentication"],
            Bool,
            "Whether the source is authenticated.",
        ),
        Column::new(
            "leap_status",
            &[c"leap status"],
            LEAP_STATUS,
            "The source's leap status.",
        ),
        Column::new(
            "configured_options",
            &[c"configured options"],
            Flags("SelectOptions"),
            "Selection options as configured.",
        ),
        Column::new(
            "effective_options",
            &[c"effective options"],
            Flags("SelectOptions"),
            "Selection options in effect.",
        ),
        Column::new(
            "last_sample_ago",
            &[c"last sample ago"],
            Int,
            "Seconds since the last sample.",
        ),
        Column::new(
            "score",
            &[c"score"],
            Float,
            "Score against the selected source (lower is better).",
        ),
        Column::new(
            "low_limit",
            &[c"low limit"],
            Float,
            "Low end of the source's offset interval (s).",
        ),
        Column::new(
            "high_limit",
            &[c"high limit"],
            Float,
            "High end of the source's offset interval (s).",
        ),
    ],
};
