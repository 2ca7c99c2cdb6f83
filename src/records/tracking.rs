use super::LEAP_STATUS;
use crate::schema::{Check::*, Column, Kind::*, ReportSpec, Shape};

pub static TRACKING: ReportSpec = ReportSpec {
    report: c"tracking",
    class: "TrackingStatus",
    method: "get_tracking",
    shape: Shape::Single,
    may_be_disabled: false,
    unix_socket_only: false,
    doc: "The system clock's synchronisation state (chronyc tracking).",
    columns: &[
        Column::new("reference_id", &[c"reference ID"], Int, "Reference ID of the selected source (32-bit)."),
        Column::new("reference_id_name", &[c"reference ID"], RefIdName, "The reference ID as text: ASCII for reference clocks (\"GPS\"), else a dotted quad."),
        Column::new("reference_ip", &[c"address"], Text, "Address of the selected source (\"\" when none)."),
        Column::new("stratum", &[c"stratum"], Int, "Stratum of this host.").check(Range(0, 15)),
        Column::new("leap_status", &[c"leap status"], LEAP_STATUS, "Leap second status."),
        Column::new("ref_time", &[c"reference time"], Time, "When the last measurement was processed (epoch seconds).").check(NonNegative),
        Column::new("offset", &[c"current correction"], Float, "Correction being applied to the system clock (s; positive: the clock is behind, chronyc's \"slow\")."),
        Column::new("last_offset", &[c"last offset"], Float, "Offset at the last clock update (s)."),
        Column::new("rms_offset", &[c"RMS offset"], Float, "Long-term average of the offset (s).").check(NonNegative),
        Column::new("frequency", &[c"frequency offset"], Float, "Frequency error of the system clock (ppm)."),
        Column::new("residual_freq", &[c"residual frequency"], Float, "Residual frequency of the selected source (ppm)."),
        Column::new("skew", &[c"skew"], Float, "Error bound of the frequency (ppm).").check(NonNegative),
        Column::new("root_delay", &[c"root delay"], Float, "Total network delay to the stratum-1 source (s).").check(NonNegative),
        Column::new("root_dispersion", &[c"root dispersion"], Float, "Total dispersion to the stratum-1 source (s).").check(NonNegative),
        Column::new("update_interval", &[c"last update interval"], Float, "Interval between the last two clock updates (s).").check(NonNegative),
    ],
};
