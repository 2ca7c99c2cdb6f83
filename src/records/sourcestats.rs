use super::{SOURCE_ADDRESS, SOURCE_REFERENCE_ID};
use crate::schema::{Check::*, Column, Kind::*, ReportSpec, Shape};

pub static SOURCESTATS: ReportSpec = ReportSpec {
    report: c"sourcestats",
    class: "SourceStats",
    method: "get_source_stats",
    shape: Shape::PerSource,
    may_be_disabled: false,
    unix_socket_only: false,
    doc: "Drift and offset estimates per source (chronyc sourcestats).",
    columns: &[
        SOURCE_REFERENCE_ID,
        SOURCE_ADDRESS,
        Column::new("samples", &[c"samples"], Int, "Sample points retained.").check(NonNegative),
        Column::new(
            "runs",
            &[c"runs"],
            Int,
            "Runs of residuals with the same sign.",
        )
        .check(NonNegative),
        Column::new(
            "span",
            &[c"span"],
            Int,
            "Interval between the oldest and newest sample (s).",
        )
        .check(NonNegative),
        Column::new(
            "std_dev",
            &[c"standard deviation"],
            Float,
            "Estimated sample standard deviation (s).",
        )
        .check(NonNegative),
        Column::new(
            "resid_freq",
            &[c"residual frequency"],
            Float,
            "Residual frequency (ppm).",
        ),
        Column::new(
            "skew",
            &[c"skew"],
            Float,
            "Error bound of the frequency (ppm).",
        )
        .check(NonNegative),
        Column::new(
            "offset",
            &[c"offset"],
            Float,
            "Estimated offset of the source (s).",
        ),
        Column::new(
            "offset_err",
            &[c"offset error"],
            Float,
            "Error bound of the offset (s).",
        )
        .check(NonNegative),
    ],
};
