use crate::schema::{Check::*, Column, Kind::*, ReportSpec, Shape};

pub static RTCDATA: ReportSpec = ReportSpec {
    report: c"rtcdata",
    class: "RTCData",
    method: "get_rtc_data",
    shape: Shape::Single,
    may_be_disabled: true,
    unix_socket_only: false,
    doc: "The real-time clock's error model (chronyc rtcdata); None unless chronyd tracks an RTC (rtcfile).",
    columns: &[
        Column::new("ref_time", &[c"reference time"], Time, "RTC reading at the last error measurement (epoch seconds).").check(NonNegative),
        Column::new("samples", &[c"samples"], Int, "Measurements used for the model.").check(NonNegative),
        Column::new("runs", &[c"runs"], Int, "Runs of residuals with the same sign.").check(NonNegative),
        Column::new("span", &[c"span"], Int, "Time covered by the measurements (s).").check(NonNegative),
        Column::new("offset", &[c"offset"], Float, "Estimated RTC offset (s)."),
        Column::new("freq_offset", &[c"frequency offset"], Float, "RTC frequency offset (ppm)."),
    ],
};
