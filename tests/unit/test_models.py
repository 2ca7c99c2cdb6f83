"""Records behave as pychrony 2.0.3's frozen dataclasses did."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest
from pychrony import (
    LeapStatus,
    RTCData,
    Source,
    SourceMode,
    SourceState,
    SourceStats,
    TrackingStatus,
)
from pychrony.models import _ref_id_to_name
from pychrony.testing import make_rtc_data, make_source, make_source_stats, make_tracking

# pychrony 2.0.3's annotations, field for field (target-api.md).
ANNOTATIONS_203 = {
    TrackingStatus: "reference_id:int reference_id_name:str reference_ip:str stratum:int "
    "leap_status:LeapStatus ref_time:float offset:float last_offset:float rms_offset:float "
    "frequency:float residual_freq:float skew:float root_delay:float root_dispersion:float "
    "update_interval:float",
    Source: "address:str poll:int stratum:int state:SourceState mode:SourceMode flags:int "
    "reachability:int last_sample_ago:int orig_latest_meas:float latest_meas:float "
    "latest_meas_err:float",
    SourceStats: "reference_id:int address:str samples:int runs:int span:int std_dev:float "
    "resid_freq:float skew:float offset:float offset_err:float",
    RTCData: "ref_time:float samples:int runs:int span:int offset:float freq_offset:float",
}

FACTORIES = [make_tracking, make_source, make_source_stats, make_rtc_data]


@pytest.mark.parametrize("cls", ANNOTATIONS_203, ids=lambda c: c.__name__)
def test_fields_and_annotations_as_in_203(cls):
    got = " ".join(f"{f.name}:{f.type}" for f in dataclasses.fields(cls))
    assert got == ANNOTATIONS_203[cls]


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_dataclass_protocols(factory):
    record = factory()
    assert dataclasses.is_dataclass(record)
    assert record == factory() and hash(record) == hash(factory())
    assert pickle.loads(pickle.dumps(record)) == record
    assert copy.deepcopy(record) == record
    as_dict = dataclasses.asdict(record)
    assert type(record)(**as_dict) == record
    first = dataclasses.fields(record)[0].name
    changed = dataclasses.replace(record, **{first: as_dict[first]})
    assert changed == record
    assert repr(record).startswith(type(record).__name__ + "(")
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, first, as_dict[first])


def test_a_factory_for_every_record_with_complete_defaults():
    from pychrony import _native, models, testing

    factories = {
        name: getattr(testing, name) for name in testing.__all__ if name.startswith("make_")
    }
    made = {type(factory()).__name__: factory for factory in factories.values()}
    assert set(made) == {t["class"] for t in _native.report_tables()}
    for name, factory in made.items():
        record = factory()
        assert isinstance(record, getattr(models, name))
        first = dataclasses.fields(record)[0].name
        override = getattr(record, first)
        assert getattr(factory(**{first: override}), first) == override


def test_tracking_helpers():
    assert make_tracking().is_synchronized()
    assert not make_tracking(reference_id=0).is_synchronized()
    assert not make_tracking(stratum=16).is_synchronized()
    assert not make_tracking().is_leap_pending()
    assert make_tracking(leap_status=LeapStatus.INSERT).is_leap_pending()
    assert make_tracking(leap_status=LeapStatus.DELETE).is_leap_pending()
    assert not make_tracking(leap_status=LeapStatus.UNSYNC).is_leap_pending()


def test_source_helpers():
    assert make_source().is_reachable() and make_source().is_selected()
    assert not make_source(reachability=0).is_reachable()
    assert not make_source(state=SourceState.FALSETICKER).is_selected()
    assert make_source(mode=SourceMode.REFCLOCK).mode is SourceMode.REFCLOCK


def test_stats_and_rtc_helpers():
    assert make_source_stats(samples=4).has_sufficient_samples()
    assert not make_source_stats(samples=3).has_sufficient_samples()
    assert make_source_stats(samples=8).has_sufficient_samples(minimum=8)
    assert make_rtc_data().is_calibrated()
    assert not make_rtc_data(samples=0).is_calibrated()


def test_reference_id_names():
    assert _ref_id_to_name(0x7F000001) == "127.0.0.1"
    assert _ref_id_to_name(0x47505300) == "GPS"
    assert _ref_id_to_name(0xC0A80164) == "192.168.1.100"
    assert _ref_id_to_name(0) == ""


def test_enum_values_as_in_203():
    assert [(m.name, m.value) for m in LeapStatus] == [
        ("NORMAL", 0),
        ("INSERT", 1),
        ("DELETE", 2),
        ("UNSYNC", 3),
    ]
    assert [m.value for m in SourceState] == [0, 1, 2, 3, 4, 5]
    assert [(m.name, m.value) for m in SourceMode] == [("CLIENT", 0), ("PEER", 1), ("REFCLOCK", 2)]
