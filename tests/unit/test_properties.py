"""Property-based tests (hypothesis): address parsing and record validation
against arbitrary input. No daemon is needed: opening a socket sends nothing,
and values are checked by the native core's own rules."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pychrony import (
    ChronyAddressError,
    ChronyConnection,
    ChronyConnectionError,
    ChronyDataError,
    ChronyPermissionError,
    _native,
)
from pychrony.models import _ref_id_to_name

TABLES = {t["report"]: t for t in _native.report_tables()}

ipv4 = st.tuples(*[st.integers(0, 255)] * 4).map(lambda t: ".".join(map(str, t)))
ports = st.integers(1, 65535)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_address_opens_or_fails_cleanly(text):
    conn = ChronyConnection(text)
    try:
        conn.open()
    except (ChronyAddressError, ChronyPermissionError):
        pass
    except ChronyConnectionError as exc:
        assert str(exc)  # never an empty message
    else:
        assert conn.address == text
        conn.close()


@settings(max_examples=200, deadline=None)
@given(ipv4, ports)
def test_valid_ipv4_with_port_is_never_called_malformed(ip, port):
    try:
        with ChronyConnection(f"{ip}:{port}") as conn:
            assert conn.address == f"{ip}:{port}"
    except ChronyAddressError:
        raise
    except ChronyConnectionError as exc:  # e.g. connect() refuses broadcast addresses
        assert f"{ip}:{port}" in str(exc)


@settings(max_examples=200, deadline=None)
@given(ipv4, st.integers().filter(lambda p: not 1 <= p <= 65535))
def test_out_of_range_ports_are_rejected(ip, port):
    with pytest.raises(ChronyAddressError, match="port"):
        ChronyConnection(f"{ip}:{port}").open()


@settings(max_examples=200, deadline=None)
@given(st.ip_addresses(v=6).filter(lambda a: not a.is_link_local), ports)
def test_bracketed_ipv6_is_never_called_malformed(ip, port):
    try:
        with ChronyConnection(f"[{ip}]:{port}") as conn:
            assert conn.transport is not None
    except ChronyAddressError:
        raise
    except ChronyConnectionError as exc:  # e.g. a mapped broadcast address
        assert f"]:{port}" in str(exc)


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.tuples(st.text(max_size=40), st.text(max_size=40)).map(lambda p: p[0] + "\0" + p[1]),
        st.text(alphabet=" \t\r\n", min_size=1, max_size=10),
    )
)
def test_nul_or_blank_addresses_never_reach_libchrony(text):
    with pytest.raises(ChronyAddressError):
        ChronyConnection(text).open()


# Values libchrony can hand us for each field type.
UINTS = st.integers(0, 2**64 - 1)
FLOATS = st.floats(allow_nan=True, allow_infinity=True)


def columns(kinds):
    return [
        (t["report"], c["name"], c)
        for t in TABLES.values()
        for c in t["columns"]
        if c["kind"].split("(")[0] in kinds
    ]


@pytest.mark.parametrize("report, name, column", columns({"Float", "Time"}))
@settings(max_examples=150, deadline=None)
@given(value=FLOATS)
def test_float_fields_are_finite_and_within_their_checks(report, name, column, value):
    try:
        checked = _native._check_field(report, name, value, time=column["kind"] == "Time")
    except ChronyDataError as exc:
        assert name in str(exc)
        assert not math.isfinite(value) or column["check"] != "Any"
    else:
        assert math.isfinite(checked) and checked == value
        if column["check"] == "NonNegative":
            assert checked >= 0


@pytest.mark.parametrize("report, name, column", columns({"Int"}))
@settings(max_examples=150, deadline=None)
@given(value=UINTS)
def test_integer_fields_respect_their_range(report, name, column, value):
    try:
        checked = _native._check_field(report, name, value)
    except ChronyDataError as exc:
        assert column["check"].startswith("Range")
        assert name in str(exc)
    else:
        assert checked == value
        if column["check"].startswith("Range"):
            low, high = map(int, column["check"][6:-1].split(","))
            assert low <= checked <= high


@pytest.mark.parametrize("report, name, column", columns({"Enum", "CharEnum"}))
@settings(max_examples=150, deadline=None)
@given(value=st.integers(0, 300))
def test_enum_fields_are_members_or_rejected(report, name, column, value):
    known = column["enum_values"]
    key = chr(value) if column["kind"].startswith("CharEnum") else value
    try:
        member = _native._check_field(report, name, value)
    except ChronyDataError as exc:
        assert key not in known and "does not know" in str(exc)
    else:
        assert member.value == key and type(member).__name__ == column["python_type"]


@pytest.mark.parametrize("report, name, column", columns({"Bool"}))
@settings(max_examples=50, deadline=None)
@given(value=st.integers(0, 2**32))
def test_boolean_fields_are_0_or_1(report, name, column, value):
    try:
        assert _native._check_field(report, name, value) is bool(value)
    except ChronyDataError:
        assert value > 1


@settings(max_examples=500, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_reference_id_names_agree_with_python(ref_id):
    assert _native._check_field("tracking", "reference_id_name", ref_id) == _ref_id_to_name(ref_id)


def test_wrong_field_type_is_rejected():
    with pytest.raises(ChronyDataError, match="unexpected type"):
        _native._check_field("tracking", "offset", "not a float")
