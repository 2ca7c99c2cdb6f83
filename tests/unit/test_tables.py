"""The record classes and enums of pychrony.models agree with the report
tables of the native core, which every other view derives from."""

from __future__ import annotations

import dataclasses
import enum

import pychrony
import pytest
from pychrony import _native, models

TABLES = _native.report_tables()


@pytest.mark.parametrize("table", TABLES, ids=[t["report"] for t in TABLES])
def test_record_class_matches_table(table):
    cls = getattr(models, table["class"])
    assert dataclasses.is_dataclass(cls)
    fields = dataclasses.fields(cls)
    assert [f.name for f in fields] == [c["name"] for c in table["columns"]]
    for field, column in zip(fields, table["columns"], strict=True):
        expected = column["python_type"] + (" | None" if column["optional"] else "")
        assert field.type == expected, field.name


@pytest.mark.parametrize("table", TABLES, ids=[t["report"] for t in TABLES])
def test_enum_classes_match_table(table):
    for column in table["columns"]:
        if "enum_values" in column:
            cls = getattr(models, column["python_type"])
            assert issubclass(cls, enum.Enum)
            assert sorted(m.value for m in cls) == sorted(column["enum_values"]), column["name"]


def test_every_report_has_a_method_on_both_connections():
    from pychrony.aio import AsyncChronyConnection

    for table in TABLES:
        assert callable(getattr(pychrony.ChronyConnection, table["method"]))
        assert callable(getattr(AsyncChronyConnection, table["method"]))


def test_tables_cover_every_report_libchrony_supports():
    assert sorted(t["report"] for t in TABLES) == sorted(pychrony.supported_reports())


def test_cli_offers_every_report():
    from pychrony.cli import REPORTS

    assert sorted(REPORTS) == sorted(t["report"] for t in TABLES)
