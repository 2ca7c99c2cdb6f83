//! The shape of a report table, and the pure rules that turn one libchrony
//! field value into a checked Python-ready value.
//!
//! Every report has one table (src/records/*.rs): a list of [`Column`]s, each
//! naming the Python attribute, the libchrony field(s) it comes from, its
//! kind and its check. The typed record classes (python/pychrony/models.py,
//! checked against these tables by tests/unit/test_tables.py), the keys of
//! `get_report`, the stubs and docs/reports.md all derive from them.

use std::ffi::CStr;

/// How many records a report has and how each is requested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One record, requested directly (one round trip).
    Single,
    /// One record per source, by index, after a count request.
    PerSource,
    /// One record per NTP source, requested by the source's address, which
    /// we first read from that source's sourcestats record.
    PerSourceAddress,
}

/// The Python type of a column and how the raw field becomes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Float,
    /// A timespec, as float seconds since the epoch.
    Time,
    /// A string; an unset address is "". A reference ID in its place (a
    /// reference clock in the sources report) is shown as its name.
    Text,
    /// A reference ID shown as text: ASCII for refclocks ("GPS"), else
    /// dotted quad.
    RefIdName,
    Bool,
    /// One bit of a flags field.
    Bit(u64),
    /// An `enum.Enum` of models.py whose values are these integers.
    Enum(&'static str, &'static [u64]),
    /// An `enum.Enum` whose values are one-character strings (chronyc's codes).
    CharEnum(&'static str, &'static [u8]),
    /// An `enum.IntFlag` of models.py.
    Flags(&'static str),
}

/// What a value must satisfy; failures raise ChronyDataError.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Floats must still be finite.
    Any,
    NonNegative,
    Range(i64, i64),
}

#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    /// libchrony field names; the first present in the record is used.
    pub fields: &'static [&'static CStr],
    pub kind: Kind,
    pub check: Check,
    /// Absent from older chronyd versions: the value is None there.
    pub optional: bool,
    pub doc: &'static str,
}

impl Column {
    pub const fn new(
        name: &'static str,
        fields: &'static [&'static CStr],
        kind: Kind,
        doc: &'static str,
    ) -> Column {
        Column {
            name,
            fields,
            kind,
            check: Check::Any,
            optional: false,
            doc,
        }
    }

    pub const fn check(mut self, check: Check) -> Column {
        self.check = check;
        self
    }

    pub const fn optional(mut self) -> Column {
        self.optional = true;
        self
    }

    /// Whether this column shows a libchrony field as it is (so `get_report`
    /// uses the column's name as that field's key).
    pub fn is_direct_view_of(&self, field: &CStr) -> bool {
        self.fields.first() == Some(&field) && !matches!(self.kind, Kind::RefIdName | Kind::Bit(_))
    }
}

#[derive(Debug)]
pub struct ReportSpec {
    /// libchrony's report name.
    pub report: &'static CStr,
    /// The Python record class in pychrony.models.
    pub class: &'static str,
    /// The ChronyConnection method returning it.
    pub method: &'static str,
    pub shape: Shape,
    /// chronyd answers with "disabled" when it does not collect this data;
    /// the typed method returns None then.
    pub may_be_disabled: bool,
    /// Served only over the Unix socket unless chronyd's `opencommands` allows it.
    pub unix_socket_only: bool,
    pub columns: &'static [Column],
    pub doc: &'static str,
}

impl ReportSpec {
    pub fn name(&self) -> &'static str {
        self.report.to_str().unwrap_or("?")
    }
}

/// A raw field value as libchrony typed it.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    UInt(u64),
    Int(i64),
    Float(f64),
    Time(f64),
    Text(Option<String>),
}

/// A checked value ready to become a Python object.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(i64),
    UInt(u64),
    Float(f64),
    Text(String),
    Bool(bool),
    /// A member of the enum class named by the column, keyed by this value.
    Member(u64),
    CharMember(char),
    Flags(u64),
    None,
}

/// Turn one raw field into the column's value, or say what is wrong.
pub fn shape(column: &Column, raw: Option<Raw>) -> Result<Value, String> {
    let Some(raw) = raw else {
        return if column.optional {
            Ok(Value::None)
        } else {
            Err(format!(
                "field {:?} is missing (an incompatible libchrony or chronyd?)",
                field_names(column)
            ))
        };
    };
    let wrong = |raw: &Raw| format!("{} has an unexpected type ({raw:?})", column.name);
    let value = match (column.kind, &raw) {
        (Kind::Int, Raw::UInt(v)) => Value::UInt(*v),
        (Kind::Int, Raw::Int(v)) => Value::Int(*v),
        (Kind::Float, Raw::Float(v)) | (Kind::Time, Raw::Time(v)) => {
            if !v.is_finite() {
                return Err(format!("{} is not a finite number ({v})", column.name));
            }
            Value::Float(*v)
        }
        (Kind::Text, Raw::Text(v)) => Value::Text(v.clone().unwrap_or_default()),
        (Kind::Text | Kind::RefIdName, Raw::UInt(v)) => {
            let id = u32::try_from(*v)
                .map_err(|_| format!("{} {v} is not a 32-bit reference ID", column.name))?;
            Value::Text(reference_id_name(id))
        }
        (Kind::Bool, Raw::UInt(v)) => match v {
            0 => Value::Bool(false),
            1 => Value::Bool(true),
            _ => return Err(format!("{} is {v}, not a boolean", column.name)),
        },
        (Kind::Bit(mask), Raw::UInt(v)) => Value::Bool(v & mask != 0),
        (Kind::Enum(class, values), Raw::UInt(v)) => {
            if !values.contains(v) {
                return Err(unknown_member(column, class, &v.to_string()));
            }
            Value::Member(*v)
        }
        (Kind::CharEnum(class, values), Raw::UInt(v)) => {
            match u8::try_from(*v).ok().filter(|b| values.contains(b)) {
                Some(b) => Value::CharMember(b as char),
                None => return Err(unknown_member(column, class, &v.to_string())),
            }
        }
        (Kind::Flags(_), Raw::UInt(v)) => Value::Flags(*v),
        (_, raw) => return Err(wrong(raw)),
    };
    check(column, &value)?;
    Ok(value)
}

fn check(column: &Column, value: &Value) -> Result<(), String> {
    let number = match value {
        Value::Int(v) => *v as f64,
        Value::UInt(v) => *v as f64,
        Value::Float(v) => *v,
        _ => return Ok(()),
    };
    match column.check {
        Check::Any => Ok(()),
        Check::NonNegative if number < 0.0 => {
            Err(format!("{} must not be negative ({number})", column.name))
        }
        Check::Range(lo, hi) if number < lo as f64 || number > hi as f64 => {
            Err(format!("{} is {number}, outside {lo}..={hi}", column.name))
        }
        _ => Ok(()),
    }
}

fn unknown_member(column: &Column, class: &str, value: &str) -> String {
    format!(
        "{} has value {value}, which {class} does not know (a newer chronyd? update pychrony)",
        column.name
    )
}

fn field_names(column: &Column) -> Vec<&str> {
    column
        .fields
        .iter()
        .map(|f| f.to_str().unwrap_or("?"))
        .collect()
}

/// A reference ID as people read it: the four bytes as ASCII when they are
/// all printable or NUL (reference clocks: "GPS", "PPS"), else a dotted quad.
pub fn reference_id_name(id: u32) -> String {
    let bytes = id.to_be_bytes();
    if bytes.iter().all(|&b| b == 0 || (32..127).contains(&b)) {
        let text: String = bytes.iter().map(|&b| b as char).collect();
        text.trim_end_matches('\0').to_string()
    } else {
        format!("{}.{}.{}.{}", bytes[0], bytes[1], bytes[2], bytes[3])
    }
}

/// libchrony's field name as a Python key: "RMS offset" -> "rms_offset".
pub fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRATUM: Column =
        Column::new("stratum", &[c"stratum"], Kind::Int, "").check(Check::Range(0, 15));
    const SKEW: Column = Column::new("skew", &[c"skew"], Kind::Float, "").check(Check::NonNegative);
    const LEAP: Column = Column::new(
        "leap",
        &[c"leap status"],
        Kind::Enum("LeapStatus", &[0, 1, 2, 3]),
        "",
    );
    const STATE: Column = Column::new(
        "state",
        &[c"state"],
        Kind::CharEnum("SelectionState", b"*+x"),
        "",
    );
    const ADDRESS: Column = Column::new("address", &[c"address", c"reference ID"], Kind::Text, "");
    const EXTRA: Column = Column::new("extra", &[c"extra"], Kind::Int, "").optional();

    #[test]
    fn reference_id_names() {
        assert_eq!(reference_id_name(0x7f000001), "127.0.0.1");
        assert_eq!(reference_id_name(0x47505300), "GPS");
        assert_eq!(reference_id_name(0x50505300), "PPS");
        assert_eq!(reference_id_name(0), "");
        assert_eq!(reference_id_name(0xc0a80164), "192.168.1.100");
    }

    #[test]
    fn snake_case_keys() {
        assert_eq!(snake_case("RMS offset"), "rms_offset");
        assert_eq!(
            snake_case("burst online-return sources"),
            "burst_online_return_sources"
        );
        assert_eq!(snake_case("reference ID"), "reference_id");
        assert_eq!(snake_case("NTS-KE connections"), "nts_ke_connections");
    }

    #[test]
    fn values_are_checked() {
        assert_eq!(shape(&STRATUM, Some(Raw::UInt(3))), Ok(Value::UInt(3)));
        assert!(shape(&STRATUM, Some(Raw::UInt(16)))
            .unwrap_err()
            .contains("outside 0..=15"));
        assert!(shape(&SKEW, Some(Raw::Float(f64::NAN)))
            .unwrap_err()
            .contains("finite"));
        assert!(shape(&SKEW, Some(Raw::Float(f64::INFINITY)))
            .unwrap_err()
            .contains("finite"));
        assert!(shape(&SKEW, Some(Raw::Float(-1.0)))
            .unwrap_err()
            .contains("negative"));
        assert!(shape(&LEAP, Some(Raw::UInt(7)))
            .unwrap_err()
            .contains("LeapStatus does not know"));
        assert_eq!(
            shape(&STATE, Some(Raw::UInt(b'*' as u64))),
            Ok(Value::CharMember('*'))
        );
        assert!(shape(&STATE, Some(Raw::UInt(b'?' as u64))).is_err());
        assert!(shape(&SKEW, Some(Raw::Text(None)))
            .unwrap_err()
            .contains("unexpected type"));
    }

    #[test]
    fn missing_and_optional_fields() {
        assert!(shape(&SKEW, None).unwrap_err().contains("missing"));
        assert_eq!(shape(&EXTRA, None), Ok(Value::None));
    }

    #[test]
    fn text_from_address_or_reference_id() {
        assert_eq!(
            shape(&ADDRESS, Some(Raw::Text(None))),
            Ok(Value::Text(String::new()))
        );
        assert_eq!(
            shape(&ADDRESS, Some(Raw::UInt(0x47505300))),
            Ok(Value::Text("GPS".into()))
        );
    }
}
