//! pychrony's native core: libchrony, bound safely, exposed to Python as
//! `pychrony._native`. This file only registers what Python sees.
//!
//! Map: ffi.rs (bindgen output) -> session.rs (socket + libchrony session,
//! RAII) -> read.rs (which requests, in what order; deadlines from
//! deadline.rs) -> wait.rs (blocking driver) -> connection.rs (the pyclass).
//! Report tables: schema.rs + records/*.rs. Errors: error.rs. Python objects:
//! convert.rs. Addresses: address.rs.

pub mod address;
pub mod connection;
pub mod convert;
pub mod deadline;
pub mod error;
pub mod ffi;
pub mod read;
pub mod records;
pub mod schema;
pub mod session;
pub mod wait;

use std::ffi::CStr;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3_stub_gen::define_stub_info_gatherer;
use pyo3_stub_gen::derive::gen_stub_pyfunction;

/// Names of the reports the loaded libchrony supports, in its order.
#[gen_stub_pyfunction]
#[pyfunction]
pub fn supported_reports() -> Vec<String> {
    supported().to_vec()
}

/// libchrony's report names, read once: its report table is static.
pub(crate) fn supported() -> &'static [String] {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        // SAFETY: plain getters over libchrony's static report table.
        let count = unsafe { ffi::chrony_get_number_supported_reports() };
        (0..count)
            .filter_map(|i| {
                let ptr = unsafe { ffi::chrony_get_report_name(i) };
                (!ptr.is_null()).then(|| {
                    unsafe { CStr::from_ptr(ptr) }
                        .to_string_lossy()
                        .into_owned()
                })
            })
            .collect()
    })
}

/// The report tables: one dict per report with its columns, for the docs,
/// the stubs' checks and the tests.
#[gen_stub_pyfunction]
#[gen_stub(override_return_type(type_repr = "list[dict[str, typing.Any]]", imports = ("typing")))]
#[pyfunction]
fn report_tables(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let list = PyList::empty(py);
    for spec in records::ALL {
        let columns = PyList::empty(py);
        for c in spec.columns {
            let column = PyDict::new(py);
            column.set_item("name", c.name)?;
            column.set_item(
                "fields",
                c.fields
                    .iter()
                    .map(|f| f.to_string_lossy())
                    .collect::<Vec<_>>(),
            )?;
            column.set_item("kind", format!("{:?}", c.kind))?;
            column.set_item("python_type", python_type(c.kind))?;
            match c.kind {
                schema::Kind::Enum(_, values) => column.set_item("enum_values", values.to_vec())?,
                schema::Kind::CharEnum(_, values) => column.set_item(
                    "enum_values",
                    values
                        .iter()
                        .map(|&b| (b as char).to_string())
                        .collect::<Vec<_>>(),
                )?,
                _ => {}
            }
            column.set_item("check", format!("{:?}", c.check))?;
            column.set_item("optional", c.optional)?;
            column.set_item("doc", c.doc)?;
            columns.append(column)?;
        }
        let report = PyDict::new(py);
        report.set_item("report", spec.name())?;
        report.set_item("class", spec.class)?;
        report.set_item("method", spec.method)?;
        report.set_item("shape", format!("{:?}", spec.shape))?;
        report.set_item("may_be_disabled", spec.may_be_disabled)?;
        report.set_item("unix_socket_only", spec.unix_socket_only)?;
        report.set_item("doc", spec.doc)?;
        report.set_item("columns", columns)?;
        list.append(report)?;
    }
    Ok(list)
}

/// Testing hook (tests/unit/test_properties.py): check one raw field value
/// as the named report column would, returning the Python value it becomes
/// or raising ChronyDataError. `value`: int (libchrony's unsigned or signed
/// integers, by `signed`), float, str or None (an unset string).
#[gen_stub_pyfunction]
#[pyfunction]
#[pyo3(signature = (report, column, value, signed = false, time = false))]
fn _check_field<'py>(
    py: Python<'py>,
    report: &str,
    column: &str,
    value: Option<&Bound<'py, PyAny>>,
    signed: bool,
    time: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let spec = connection::spec(report)?;
    let col = spec
        .columns
        .iter()
        .find(|c| c.name == column)
        .ok_or_else(|| pyo3::exceptions::PyValueError::new_err("unknown column"))?;
    let raw = match value {
        None => schema::Raw::Text(None),
        Some(v) if v.is_instance_of::<pyo3::types::PyString>() => {
            schema::Raw::Text(Some(v.extract()?))
        }
        Some(v) if v.is_instance_of::<pyo3::types::PyFloat>() => {
            let f: f64 = v.extract()?;
            if time {
                schema::Raw::Time(f)
            } else {
                schema::Raw::Float(f)
            }
        }
        Some(v) if signed => schema::Raw::Int(v.extract()?),
        Some(v) => schema::Raw::UInt(v.extract()?),
    };
    let checked = schema::shape(col, Some(raw)).map_err(|detail| error::Error::Data {
        report: report.into(),
        detail,
    })?;
    convert::one(py, col.kind, &checked)
}

fn python_type(kind: schema::Kind) -> String {
    use schema::Kind::*;
    match kind {
        Int => "int".into(),
        Float | Time => "float".into(),
        Text | RefIdName => "str".into(),
        Bool | Bit(_) => "bool".into(),
        Enum(class, _) | CharEnum(class, _) | Flags(class) => class.into(),
    }
}

// Free-threaded CPython (3.14t): nothing here relies on the GIL for safety;
// the connection state sits behind a Mutex and the caches in PyOnceLocks.
#[pymodule(gil_used = false)]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<connection::Connection>()?;
    m.add_function(wrap_pyfunction!(supported_reports, m)?)?;
    m.add_function(wrap_pyfunction!(report_tables, m)?)?;
    m.add_function(wrap_pyfunction!(_check_field, m)?)?;
    Ok(())
}

define_stub_info_gatherer!(stub_info);
