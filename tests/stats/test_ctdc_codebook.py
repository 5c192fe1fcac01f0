"""The CTDC export against a hand-written copy of CTDC's codebook, and the country codes
against the iso-codes package (ISO 3166-1, written by nobody here)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sosdesk.domain.countries import COUNTRY
from sosdesk.domain.ctdc_codebook import ALPHA3, USER_ASSIGNED
from sosdesk.domain.vocab import EXPLOITATION, GENDER, MEANS_OF_CONTROL, RECRUITER_RELATION
from sosdesk.stats.ctdc import NOT_RECORDED, QI_COLUMNS, VictimRecord
from sosdesk.stats.ctdc_export import build_export
from sosdesk.stats.ctdc_notes import ctdc_method_notes
from tests.stats import ctdc_codebook_copy as book

ISO_CODES = Path("/usr/share/iso-codes/json/iso_3166-1.json")

records = st.builds(
    VictimRecord,
    year=st.integers(min_value=2015, max_value=2030),
    gender=st.sampled_from(GENDER.codes()),
    age=st.none() | st.integers(min_value=0, max_value=90),
    citizenship=st.sampled_from(COUNTRY.codes()),
    exploitation=st.lists(st.sampled_from(EXPLOITATION.codes()), max_size=4).map(tuple),
    countries=st.lists(st.sampled_from(COUNTRY.codes()), max_size=3).map(tuple),
    means=st.lists(st.sampled_from(MEANS_OF_CONTROL.codes()), max_size=5).map(tuple),
    recruiter=st.none() | st.sampled_from(RECRUITER_RELATION.codes()),
)


def _check_cell(column: str, value: str) -> None:
    if column == "yearOfRegistration":
        assert book.YEAR.match(value), value
    elif column in book.VALUES:
        assert value in book.VALUES[column], (column, value)
    elif column in book.COUNTRY_COLUMNS:
        assert value == "" or book.ALPHA3.match(value), (column, value)
        assert ";" not in value
    elif column in book.FLAG_COLUMNS:
        assert value in book.FLAG, (column, value)
    else:
        assert column in book.FREE_TEXT, column


@settings(max_examples=60, deadline=None)
@given(st.lists(records, min_size=2, max_size=40), st.sampled_from(["case_management", "hotline"]))
def test_every_cell_is_a_value_the_codebook_allows(people: list[VictimRecord], source: str) -> None:
    year = people[0].year
    people = [
        VictimRecord(
            year, p.gender, p.age, p.citizenship, p.exploitation, p.countries, p.means, p.recruiter
        )
        for p in people
    ]
    text = build_export(people, year, k=2, datasource=source).csv_text()
    reader = csv.reader(io.StringIO(text))
    assert next(reader) == book.COLUMNS
    for row in reader:
        assert len(row) == len(book.COLUMNS)
        for column, value in zip(book.COLUMNS, row, strict=True):
            _check_cell(column, value)


def test_every_country_we_know_has_its_iso_alpha3() -> None:
    if not ISO_CODES.exists():
        pytest.skip("the iso-codes package is not installed")
    iso = {c["alpha_2"]: c["alpha_3"] for c in json.loads(ISO_CODES.read_text())["3166-1"]}
    for code in COUNTRY.codes():
        if code == "XX":
            assert code not in ALPHA3
            continue
        assert code in ALPHA3, code
        if ALPHA3[code] in USER_ASSIGNED:
            assert code not in iso  # Kosovo: no ISO code exists to use instead
        else:
            assert iso[code] == ALPHA3[code], code


def test_method_notes_justify_every_column_left_out_and_keep_codes_latin() -> None:
    english = " ".join(ctdc_method_notes("en"))
    not_qi = set(book.COLUMNS) - {c for cols in QI_COLUMNS.values() for c in cols}
    for column in not_qi - {"Datasource", "yearOfRegistration"}:
        assert column in english or column.startswith("typeOf"), column
    assert set(NOT_RECORDED) <= not_qi
    assert "registration year" in english and "data source" in english
    cyrillic = " ".join(ctdc_method_notes("sr-Cyrl"))
    assert "majorityStatusAtExploit" in cyrillic and "XKX" in cyrillic
