use super::LEAP_STATUS;
use crate::schema::{Check::*, Column, Kind::*, ReportSpec, Shape};

const TIMESTAMPING: crate::schema::Kind = CharEnum("TimestampSource", b"DKH");

pub static NTPDATA: ReportSpec = ReportSpec {
    report: c"ntpdata",
    class: "NTPData",
    method: "get_ntp_data",
    shape: Shape::PerSourceAddress,
    may_be_disabled: false,
    unix_socket_only: true,
    doc: "The last NTP exchange with each NTP source (chronyc ntpdata).",
    columns: &[
        Column::new(
            "remote_address",
            &[c"remote address"],
            Text,
            "The server's address.",
        ),
        Column::new(
            "local_address",
            &[c"local address"],
            Text,
            "Our address used for it.",
        ),
        Column::new("remote_port", &[c"remote port"], Int, "The server's port.")
            .check(Range(0, 65535)),
        Column::new(
            "leap_status",
            &[c"leap status"],
            LEAP_STATUS,
            "Leap status in the last response.",
        ),
        Column::new(
            "version",
            &[c"version"],
            Int,
            "NTP version of the last response.",
        ),
        Column::new(
            "mode",
            &[c"mode"],
            Enum("NTPMode", &[1, 2, 4]),
            "NTP mode of the last response.",
        ),
        Column::new("stratum", &[c"stratum"], Int, "The server's stratum."),
        Column::new(
            "poll",
            &[c"poll"],
            Int,
            "Poll interval in the response (log2 s).",
        ),
        Column::new(
            "precision",
            &[c"precision"],
            Int,
            "The server's precision (log2 s).",
        ),
        Column::new(
            "root_delay",
            &[c"root delay"],
            Float,
            "The server's root delay (s).",
        )
        .check(NonNegative),
        Column::new(
            "root_dispersion",
            &[c"root dispersion"],
            Float,
            "The server's root dispersion (s).",
        )
        .check(NonNegative),
        Column::new(
            "reference_id",
            &[c"reference ID"],
            Int,
            "The server's reference ID.",
        ),
        Column::new(
            "reference_time",
            &[c"reference time"],
            Time,
            "The server's reference time (epoch seconds).",
        ),
        Column::new("offset", &[c"offset"], Float, "Measured offset (s)."),
        Column::new(
            "peer_delay",
            &[c"peer delay"],
            Float,
            "Measured round-trip delay (s).",
        ),
        Column::new(
            "peer_dispersion",
            &[c"peer dispersion"],
            Float,
            "Dispersion of the measurement (s).",
        )
        .check(NonNegative),
        Column::new(
            "response_time",
            &[c"response time"],
            Float,
            "The server's processing time (s).",
        ),
        Column::new(
            "jitter_asymmetry",
            &[c"jitter asymmetry"],
            Float,
            "Estimated jitter asymmetry.",
        ),
        Column::new(
            "flags",
            &[c"flags"],
            Int,
            "NTP test results and flags (bits).",
        ),
        Column::new(
            "tx_timestamping",
            &[c"transmit timestamping"],
            TIMESTAMPING,
            "Where our transmit timestamp was taken.",
        ),
        Column::new(
            "rx_timestamping",
            &[c"receive timestamping"],
            TIMESTAMPING,
            "Where our receive timestamp was taken.",
        ),
        Column::new(
            "total_tx_count",
            &[c"transmitted messages"],
            Int,
            "Requests sent.",
        ),
        Column::new(
            "total_rx_count",
            &[c"received messages"],
            Int,
            "Responses received.",
        ),
        Column::new(
            "total_valid_count",
            &[c"received valid messages"],
            Int,
            "Valid responses.",
        ),
        Column::new(
            "total_good_count",
            &[c"received good messages"],
            Int,
            "Responses that passed all tests.",
        ),
        Column::new(
            "kernel_tx_timestamps",
            &[c"kernel transmit timestamps"],
            Int,
            "Kernel transmit timestamps (newer chronyd only).",
        )
        .optional(),
        Column::new(
            "kernel_rx_timestamps",
            &[c"kernel receive timestamps"],
            Int,
            "Kernel receive timestamps (newer chronyd only).",
        )
        .optional(),
        Column::new(
            "hardware_tx_timestamps",
            &[c"hardware transmit timestamps"],
            Int,
            "Hardware transmit timestamps (newer chronyd only).",
        )
        .optional(),
        Column::new(
            "hardware_rx_timestamps",
            &[c"hardware receive timestamps"],
            Int,
            "Hardware receive timestamps (newer chronyd only).",
        )
        .optional(),
    ],
};
