"""Dates are calendar dates (issue 12, class 6), and core.xml gets a valid timestamp."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from lxml import etree

from drafter.spec.fields import date_problem
from drafter.writers.docx.package import w3cdtf


@pytest.mark.parametrize(("text", "why"), [
    ("2023-13-01", "there is no month 13"), ("2023-00-10", "there is no month 00"),
    ("2023-02-30", "February 2023 has no day 30 (it has 28)"), ("2023-02-29", "has no day 29"),
    ("2100-02-29", "has no day 29"), ("0000-01-01", "the year 0000 does not exist"),
    ("2023-04-31", "April 2023 has no day 31"), ("2023-01-00", "has no day 00"), ("2023-1-1", "not in the form"),
    ("２０２３-01-01", "not in the form"),
])
def test_impossible_dates(text, why):
    assert why in (date_problem(text) or "")


@pytest.mark.parametrize("text", ["2024-02-29", "2000-02-29", "2023", "2023-12", "0001-01-01", "9999-12-31"])
def test_real_dates(text):
    assert date_problem(text) is None
    stamp = w3cdtf(text)
    assert dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def test_core_xml_timestamp_parses(tmp_path, library):
    from drafter.document.resolve import resolve
    from drafter.spec.load import load_spec
    from drafter.writers.docx.layout import render_docx
    from tests.conftest import FIXTURES

    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace('"2023-04-28"', '"2024-02-29"')
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    spec, lib = load_spec(tmp_path / "s.yaml", library)
    with zipfile.ZipFile(io.BytesIO(render_docx(resolve(spec, lib)))) as z:
        core = etree.fromstring(z.read("docProps/core.xml"))
    created = core.find("{http://purl.org/dc/terms/}created").text
    assert dt.datetime.fromisoformat(created.replace("Z", "+00:00")) == dt.datetime(2024, 2, 29, tzinfo=dt.timezone.utc)


def test_every_day_of_four_centuries_agrees_with_the_calendar_module():
    """fields.py writes the Gregorian rule out (no `calendar` import on every command): the
    answer for every day 1600-2000 (and 0-32) is the calendar module's."""
    import calendar

    for year in range(1600, 2001):
        for month in range(1, 13):
            days = calendar.monthrange(year, month)[1]
            for day in (0, 1, 28, 29, 30, 31, 32):
                expected = None if 1 <= day <= days else (
                    f"{calendar.month_name[month]} {year} has no day {day:02d} (it has {days})")
                assert date_problem(f"{year:04d}-{month:02d}-{day:02d}") == expected
