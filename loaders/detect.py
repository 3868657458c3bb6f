"""Decoding CSV files as people save them: encoding, separator and line endings, detected and reported.

Spreadsheets in France save CSV as UTF-8 (with or without BOM) or as Windows-1252, with ``;`` as
separator (the comma is the decimal mark) and Windows line endings; other tools write ``,`` or tabs.
:func:`decode_csv` finds which, and says so in French so the person importing knows what was read.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph_service.domain.validation import InputError, InvalidInput

SEPARATORS = (";", ",", "\t")
SEPARATOR_NAMES = {";": "« ; »", ",": "« , »", "\t": "tabulation"}

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class DecodedCsv:
    """A CSV file's text and what was detected about it."""

    text: str
    encoding: str
    separator: str
    line_endings: str

    def note(self, name: str) -> str:
        """Describe in French what was detected, for :attr:`loaders.Loaded.detected`."""
        return (
            f"{name} : {self.encoding}, séparateur {SEPARATOR_NAMES[self.separator]}, "
            f"fins de ligne {self.line_endings}"
        )


def _bad_encoding(name: str, message: str, message_en: str) -> InvalidInput:
    return InvalidInput([InputError(code="bad_encoding", message=message, message_en=message_en, file=name)])


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Return the text and the French name of its encoding: UTF-8 with BOM, UTF-8 or Windows-1252.

    Raises
    ------
    InvalidInput
        ``bad_encoding`` for UTF-16 and for bytes that are neither UTF-8 nor Windows-1252.
    """
    if data.startswith(_UTF16_BOMS) or b"\x00" in data[:4096]:
        raise _bad_encoding(
            name,
            "encodage UTF-16 non pris en charge : enregistrez le fichier en « CSV UTF-8 »",
            "UTF-16 is not supported; save as UTF-8 CSV",
        )
    if data.startswith(_UTF8_BOM):
        try:
            return data[len(_UTF8_BOM) :].decode("utf-8"), "UTF-8 avec BOM"
        except UnicodeDecodeError as exc:
            raise _bad_encoding(
                name,
                f"le fichier annonce UTF-8 (BOM) mais l'octet à la position {exc.start + 3} est invalide",
                "invalid UTF-8 after a UTF-8 BOM",
            ) from exc
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise _bad_encoding(
            name,
            f"encodage non reconnu (octet 0x{data[exc.start]:02X} à la position {exc.start}) : "
            "enregistrez le fichier en « CSV UTF-8 »",
            "encoding is neither UTF-8 nor Windows-1252",
        ) from exc


def detect_line_endings(text: str) -> str:
    """Name the line endings of ``text`` in French: Windows (CRLF), Unix (LF), Mac ancien (CR)."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    found = [
        (count, label)
        for count, label in ((crlf, "Windows (CRLF)"), (lf, "Unix (LF)"), (cr, "Mac ancien (CR)"))
        if count
    ]
    if not found:
        return "absentes (une seule ligne)"
    if len(found) > 1:
        return "mélangées (" + ", ".join(label for _, label in found) + ")"
    return found[0][1]


def detect_separator(text: str) -> str:
    """Return the separator used in the header line: the most frequent of ``;``, ``,`` and tab.

    Column names never hold these characters, so the header line decides; ``;`` wins a tie
    because French spreadsheets write it.
    """
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: first_line.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ";"


def decode_csv(data: bytes, name: str) -> DecodedCsv:
    """Decode a CSV file and detect its separator and line endings."""
    text, encoding = decode_bytes(data, name)
    return DecodedCsv(
        text=text,
        encoding=encoding,
        separator=detect_separator(text),
        line_endings=detect_line_endings(text),
    )


__all__ = [
    "SEPARATORS",
    "DecodedCsv",
    "decode_bytes",
    "decode_csv",
    "detect_line_endings",
    "detect_separator",
]
