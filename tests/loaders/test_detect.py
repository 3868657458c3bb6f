"""Detecting encodings, separators and line endings of CSV files."""

from __future__ import annotations

import pytest

from graph_service.domain.validation import InvalidInput
from loaders.detect import decode_csv, detect_line_endings, detect_separator


def test_utf8_with_bom_is_named_and_the_bom_removed() -> None:
    decoded = decode_csv("\ufeffid;name\r\n".encode(), "f.csv")
    assert decoded.text == "id;name\r\n"
    assert decoded.note("f.csv") == "f.csv : UTF-8 avec BOM, séparateur « ; », fins de ligne Windows (CRLF)"


def test_windows_1252_is_the_fallback_when_utf8_fails() -> None:
    decoded = decode_csv("nom\nÉcole €\n".encode("cp1252"), "f.csv")
    assert (decoded.text, decoded.encoding) == ("nom\nÉcole €\n", "Windows-1252")


def test_plain_ascii_is_reported_as_utf8() -> None:
    assert decode_csv(b"a,b\n", "f.csv").encoding == "UTF-8"


@pytest.mark.parametrize("data", ["id;name".encode("utf-16-le"), "id;name".encode("utf-16")])
def test_utf16_with_or_without_bom_is_a_bad_encoding(data: bytes) -> None:
    with pytest.raises(InvalidInput) as excinfo:
        decode_csv(data, "f.csv")
    assert excinfo.value.errors[0].code == "bad_encoding"
    assert excinfo.value.errors[0].file == "f.csv"


def test_the_separator_is_read_from_the_header_not_from_values() -> None:
    assert detect_separator("id;name\nx;Roubaix, Tourcoing, Lille\n") == ";"
    assert detect_separator("\n\nid\tname\n") == "\t"
    assert detect_separator("id\n") == ";"


def test_mixed_line_endings_are_reported_as_mixed() -> None:
    assert detect_line_endings("a\r\nb\nc") == "mélangées (Windows (CRLF), Unix (LF))"
    assert detect_line_endings("a") == "absentes (une seule ligne)"
