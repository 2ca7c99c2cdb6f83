use crate::schema::{Column, Kind::*, ReportSpec, Shape};

pub static SMOOTHING: ReportSpec = ReportSpec {
    report: c"smoothing",
    class: "Smoothing",
    method: "get_smoothing",
    shape: Shape::Single,
    may_be_disabled: true,
    unix_socket_only: false,
    doc: "Server time smoothing (chronyc smoothing); None unless chronyd has `smoothtime`.",
    columns: &[
        Column::new(
            "active",
            &[c"flags"],
            Bit(0x1),
            "Whether smoothing is active.",
        ),
        Column::new(
            "leap_only",
            &[c"flags"],
            Bit(0x2),
            "Whether only leap seconds are smoothed.",
        ),
        Column::new(
            "offset",
            &[c"offset"],
            Float,
            "Current smoothing offset (s).",
        ),
        Column::new(
            "freq_offset",
            &[c"frequency offset"],
            Float,
            "Current smoothing frequency (ppm).",
        ),
        Column::new(
            "wander",
            &[c"wander"],
            Float,
            "Current smoothing wander (ppm per second).",
        ),
        Column::new(
            "last_update_ago",
            &[c"last update ago"],
            Float,
            "Seconds since the last update.",
        ),
        Column::new(
            "remaining_time",
            &[c"remaining time"],
            Float,
            "Seconds until the smoothing ends.",
        ),
    ],
};
