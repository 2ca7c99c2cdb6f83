//! Checked values to Python objects: the record classes and enums of
//! pychrony.models, looked up once, then filled positionally from a row.

use std::collections::HashMap;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString};

use crate::records;
use crate::schema::{Kind, ReportSpec, Value};

struct Models {
    /// Record class per report table, in `records::ALL` order, with its
    /// field names interned.
    records: Vec<(Py<PyAny>, Vec<Py<PyString>>)>,
    /// `_value2member_map_` of each enum, and each flag class, by name.
    members: HashMap<&'static str, Py<PyDict>>,
    flags: HashMap<&'static str, Py<PyAny>>,
}

fn models(py: Python<'_>) -> PyResult<&Models> {
    static MODELS: PyOnceLock<Models> = PyOnceLock::new();
    MODELS.get_or_try_init(py, || {
        let module = py.import("pychrony.models")?;
        let mut models = Models {
            records: Vec::new(),
            members: HashMap::new(),
            flags: HashMap::new(),
        };
        for spec in records::ALL {
            let names = spec
                .columns
                .iter()
                .map(|c| PyString::intern(py, c.name).unbind())
                .collect();
            models
                .records
                .push((module.getattr(spec.class)?.unbind(), names));
            for column in spec.columns {
                match column.kind {
                    Kind::Enum(class, _) | Kind::CharEnum(class, _) => {
                        let map = module.getattr(class)?.getattr("_value2member_map_")?;
                        models
                            .members
                            .insert(class, map.cast_into::<PyDict>()?.unbind());
                    }
                    Kind::Flags(class) => {
                        models.flags.insert(class, module.getattr(class)?.unbind());
                    }
                    _ => {}
                }
            }
        }
        Ok(models)
    })
}

fn value<'py>(
    py: Python<'py>,
    models: &Models,
    kind: Kind,
    value: &Value,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Int(v) => v.into_pyobject(py)?.into_any(),
        Value::UInt(v) => v.into_pyobject(py)?.into_any(),
        Value::Float(v) => v.into_pyobject(py)?.into_any(),
        Value::Text(v) => v.into_pyobject(py)?.into_any(),
        Value::Bool(v) => v.into_pyobject(py)?.to_owned().into_any(),
        Value::None => py.None().into_bound(py),
        Value::Member(_) | Value::CharMember(_) => {
            let (Kind::Enum(class, _) | Kind::CharEnum(class, _)) = kind else {
                unreachable!("table kinds")
            };
            let map = models.members[class].bind(py);
            let key = match value {
                Value::Member(v) => v.into_pyobject(py)?.into_any(),
                Value::CharMember(c) => c.to_string().into_pyobject(py)?.into_any(),
                _ => unreachable!(),
            };
            // shape() checked membership against the table, and a unit test
            // checks the table against the enum, so this lookup succeeds.
            map.get_item(key)?
                .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(class))?
        }
        Value::Flags(v) => {
            let Kind::Flags(class) = kind else {
                unreachable!("table kinds")
            };
            models.flags[class].bind(py).call1((*v,))?
        }
    })
}

/// One record object per row, in the report's class.
///
/// The records are frozen dataclasses without `__post_init__`, whose
/// `__init__` only stores each argument in the instance `__dict__` (through
/// `object.__setattr__`). We store the same dict directly: the object is the
/// same, built in about a third of the time (benchmarks/).
pub fn records<'py>(
    py: Python<'py>,
    spec: &'static ReportSpec,
    rows: &[Vec<Value>],
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let models = models(py)?;
    let (class, names) = &models.records[records::index_of(spec)];
    let class = class.bind(py);
    let dict_name = pyo3::intern!(py, "__dict__");
    rows.iter()
        .map(|row| {
            let dict = PyDict::new(py);
            for ((column, name), v) in spec.columns.iter().zip(names).zip(row) {
                dict.set_item(name.bind(py), value(py, models, column.kind, v)?)?;
            }
            let record = class.call_method1(pyo3::intern!(py, "__new__"), (class,))?;
            // SAFETY: valid objects; GenericSetAttr is object.__setattr__,
            // bypassing the frozen dataclass's refusing __setattr__.
            let status = unsafe {
                pyo3::ffi::PyObject_GenericSetAttr(
                    record.as_ptr(),
                    dict_name.as_ptr(),
                    dict.as_ptr(),
                )
            };
            if status != 0 {
                return Err(PyErr::fetch(py));
            }
            Ok(record)
        })
        .collect()
}

/// One checked value as Python sees it in a record.
pub fn one<'py>(py: Python<'py>, kind: Kind, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    value(py, models(py)?, kind, v)
}

/// `get_report`'s result: a list of dicts.
pub fn dicts<'py>(py: Python<'py>, rows: &[Vec<(String, Value)>]) -> PyResult<Bound<'py, PyList>> {
    let models = models(py)?;
    let list = PyList::empty(py);
    for row in rows {
        let dict = PyDict::new(py);
        for (key, v) in row {
            dict.set_item(key, value(py, models, Kind::Int, v)?)?;
        }
        list.append(dict)?;
    }
    Ok(list)
}
