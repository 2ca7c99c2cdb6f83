use crate::schema::{Check::*, Column, Kind::*, ReportSpec, Shape};

pub static SOURCES: ReportSpec = ReportSpec {
    report: c"sources",
    class: "Source",
    method: "get_sources",
    shape: Shape::PerSource,
    may_be_disabled: false,
    unix_socket_only: false,
    doc: "One record per time source (chronyc sources).",
    columns: &[
        // libchrony gives a reference clock's reference ID in place of an address.
        Column::new(
            "address",
            &[c"address", c"reference ID"],
            Text,
            "The source's IP address, or a reference clock's reference ID as text (\"GPS\").",
        ),
        Column::new("poll", &[c"poll"], Int, "Polling interval (log2 seconds)."),
        Column::new("stratum", &[c"stratum"], Int, "The source's stratum.").check(Range(0, 15)),
        Column::new(
            "state",
            &[c"state"],
            Enum("SourceState", &[0, 1, 2, 3, 4, 5]),
            "Selection state.",
        ),
        Column::new(
            "mode",
            &[c"mode"],
            Enum("SourceMode", &[0, 1, 2]),
            "Client, peer or reference clock.",
        ),
        Column::new("flags", &[c"flags"], Int, "Source flags (bits)."),
        Column::new(
            "reachability",
            &[c"reachability"],
            Int,
            "Reachability register of the last 8 polls.",
        )
        .check(Range(0, 255)),
        Column::new(
            "last_sample_ago",
            &[c"last sample ago"],
            Int,
            "Seconds since the last sample.",
        )
        .check(NonNegative),
        Column::new(
            "orig_latest_meas",
            &[c"original last sample offset"],
            Float,
            "Last sample's offset as measured (s).",
        ),
        Column::new(
            "latest_meas",
            &[c"adjusted last sample offset"],
            Float,
            "Last sample's offset adjusted for later clock corrections (s).",
        ),
        Column::new(
            "latest_meas_err",
            &[c"last sample error"],
            Float,
            "Error bound of the last sample (s).",
        )
        .check(NonNegative),
    ],
};
