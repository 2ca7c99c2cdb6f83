use crate::schema::{Column, Kind::*, ReportSpec, Shape};

pub static AUTHDATA: ReportSpec = ReportSpec {
    report: c"authdata",
    class: "AuthData",
    method: "get_auth_data",
    shape: Shape::PerSourceAddress,
    may_be_disabled: false,
    unix_socket_only: true,
    doc: "Authentication (symmetric key or NTS) of each NTP source (chronyc authdata).",
    columns: &[
        // From the source's sourcestats record, read just before.
        Column::new("address", &[c"address"], Text, "The source's IP address."),
        Column::new(
            "mode",
            &[c"mode"],
            Enum("AuthMode", &[0, 1, 2]),
            "Authentication mechanism.",
        ),
        Column::new(
            "key_type",
            &[c"key type"],
            Int,
            "Key type / cipher code (0 when none).",
        ),
        Column::new(
            "key_id",
            &[c"key ID"],
            Int,
            "Symmetric key ID (0 when none).",
        ),
        Column::new("key_length", &[c"key length"], Int, "Key length (bits)."),
        Column::new(
            "ke_attempts",
            &[c"key establishment attempts"],
            Int,
            "NTS-KE attempts.",
        ),
        Column::new(
            "last_ke_ago",
            &[c"last key establishment ago"],
            Int,
            "Seconds since the last NTS-KE.",
        ),
        Column::new("cookies", &[c"cookies"], Int, "NTS cookies held."),
        Column::new(
            "cookie_length",
            &[c"cookie length"],
            Int,
            "Length of the cookies (bytes).",
        ),
        Column::new("nak", &[c"NAK"], Bool, "Whether an NTS NAK was received."),
    ],
};
