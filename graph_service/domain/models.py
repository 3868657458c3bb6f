"""The domain model: territories, organisations, schemes, projects with partners, and ties.

One pydantic model per entity of the canonical dataset (DESIGN.md). Each model checks what it can
check alone (codes, identifiers, bounds); checks across entities (dangling or duplicate ids) live in
:mod:`graph_service.domain.validation`, which also turns every problem into an :class:`InputError`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from graph_service.domain.codes import normalise_siret, siret_valid, territory_code_problem
from graph_service.domain.vocabulary import (
    Barrier,
    Commitment,
    EnterpriseSubtype,
    Public,
    SchemeKind,
    Sector,
    Stage,
    TerritoryLevel,
    TieKind,
)

MAX_ID_LENGTH = 200
MAX_NAME_LENGTH = 300
MAX_TEXT_LENGTH = 2000


def invalid(field: str | None, code: str, message: str, message_en: str) -> PydanticCustomError:
    """An error about one field, raised from a validator that sees the whole entity.

    Pydantic locates an error raised by a model validator at the entity, not the field; the
    ``field`` in the context lets :mod:`graph_service.domain.validation` name the column, and
    ``code`` and ``message_en`` give the English side. Braces are escaped: pydantic formats the
    message with the context, and the message quotes user input.
    """
    escaped = message.replace("{", "{{").replace("}", "}}")
    return PydanticCustomError(code, escaped, {"field": field, "message_en": message_en})


# The characters of an identifier: Latin letters (with the accents of French and its neighbours),
# digits, "-", "_" and ".". Nothing that hides (zero-width, bidirectional controls), looks like
# another letter (fullwidth forms, Cyrillic or Greek letters), splits a CSV cell ("|") or an URL
# path ("/"). Stored NFC: an accent typed decomposed is the same identifier as one typed composed.
IDENTIFIER_CHARACTERS = "A-Za-z0-9À-ÖØ-öø-ÿŒœŸ._-"
_IDENTIFIER = re.compile(f"[{IDENTIFIER_CHARACTERS}]+")
_NOT_IN_IDENTIFIER = re.compile(f"[^{IDENTIFIER_CHARACTERS}]")


def _visible(value: str) -> str:
    """The text with each invisible character (space, zero-width, bidirectional control) as <U+XXXX>.

    A right-to-left override echoed raw would turn the rest of the error message around.
    """
    return "".join(
        char if char.isprintable() and not char.isspace() else f"<U+{ord(char):04X}>" for char in value
    )


def _character(char: str) -> str:
    """A character named so that a person finds it: « ／ » (U+FF0F, FULLWIDTH SOLIDUS)."""
    return f"« {_visible(char)} » (U+{ord(char):04X}, {unicodedata.name(char, 'sans nom')})"


def _check_identifier(value: str) -> str:
    # A regular expression, not a loop over characters: every stored entity read back goes through here.
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    if _IDENTIFIER.fullmatch(value):
        return value
    bad = _NOT_IN_IDENTIFIER.search(value)
    assert bad is not None  # the value is not empty: StringConstraints checked it first
    char = bad.group()
    raise invalid(
        None,
        "invalid_identifier",
        f"identifiant « {_visible(value)} » refusé : caractère {_character(char)} non admis ; un identifiant "
        "ne contient que des lettres latines (accentuées ou non), des chiffres, « - », « _ » et « . »",
        f"identifier '{_visible(value)}' refused: character U+{ord(char):04X} not allowed; "
        "only Latin letters, digits, '-', '_' and '.'",
    )


Identifier = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_ID_LENGTH),
    AfterValidator(_check_identifier),
]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME_LENGTH)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TEXT_LENGTH)]
TerritoryCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]


T = TypeVar("T")


def _unique(values: list[T]) -> list[T]:
    """Drop repeated values, keeping the first occurrence's position."""
    return values if len(set(values)) == len(values) else list(dict.fromkeys(values))


class DomainModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Territory(DomainModel):
    code: TerritoryCode
    name: Name
    level: TerritoryLevel
    parent: TerritoryCode | None = None

    @model_validator(mode="after")
    def _code_matches_level(self) -> Territory:
        problem = territory_code_problem(self.code, self.level)
        if problem:
            raise invalid(
                "code",
                "malformed_territory_code",
                problem,
                f"malformed INSEE code {self.code!r} for level {self.level.value}",
            )
        if self.parent == self.code:
            raise invalid(
                "parent",
                "self_parent",
                "un territoire ne peut pas être son propre parent",
                "a territory cannot be its own parent",
            )
        return self


class Provenance(DomainModel):
    """Where an organisation comes from when a public referential brought it (issue 15).

    ``source`` names the referential (``data-inclusion``), ``source_id`` its record (for
    data·inclusion, ``producer--id``), ``producer`` who published the record there, ``updated``
    the record's own date of last change (``date_maj``). ``also`` lists the records of other
    producers merged into this organisation (the same structure published twice). ``matched`` is
    true when the organisation was stored before and recognised in the referential: its name,
    sector and capabilities stay as entered, only this provenance is kept up to date. ``closed``
    is the day an import found the record gone from the referential while a project still names
    the organisation: it is kept, marked, and never recommended.
    """

    source: Identifier
    source_id: Identifier
    producer: Identifier | None = None
    updated: date | None = None
    also: list[Identifier] = Field(default_factory=list)
    matched: bool = False
    closed: date | None = None


def _absent(value: Any) -> bool:
    return value is None


class Organisation(DomainModel):
    id: Identifier
    name: Name
    sector: Sector
    subtype: EnterpriseSubtype | None = None
    siret: str | None = None
    territories: list[TerritoryCode] = Field(default_factory=list)
    stages: list[Stage] = Field(default_factory=list)
    barriers: list[Barrier] = Field(default_factory=list)
    publics: list[Public] = Field(default_factory=list)
    # Optional and left out of documents when absent: files and stores made before it are unchanged.
    provenance: Provenance | None = Field(default=None, exclude_if=_absent)

    @model_validator(mode="before")
    @classmethod
    def _normalise(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("siret"), str):
            data = {**data, "siret": normalise_siret(data["siret"]) or None}
        return data

    @model_validator(mode="after")
    def _check(self) -> Organisation:
        if self.siret is not None and not siret_valid(self.siret):
            raise invalid(
                "siret",
                "invalid_siret",
                f"SIRET invalide « {self.siret} » : 14 chiffres avec une clé de Luhn juste",
                f"invalid SIRET {self.siret!r}: 14 digits with a valid Luhn key expected",
            )
        if self.subtype is not None and self.sector is not Sector.ENTERPRISE:
            raise invalid(
                "subtype",
                "subtype_without_enterprise",
                "le sous-type d'entreprise n'a de sens que pour le secteur « enterprise »",
                "an enterprise subtype needs the sector 'enterprise'",
            )
        for name in ("territories", "stages", "barriers", "publics"):
            object.__setattr__(self, name, _unique(getattr(self, name)))
        return self


class Scheme(DomainModel):
    id: Identifier
    name: Name
    kind: SchemeKind
    operator: Identifier | None = None
    territories: list[TerritoryCode] = Field(default_factory=list)
    stages: list[Stage] = Field(default_factory=list)
    publics: list[Public] = Field(default_factory=list)

    @model_validator(mode="after")
    def _dedupe(self) -> Scheme:
        for name in ("territories", "stages", "publics"):
            object.__setattr__(self, name, _unique(getattr(self, name)))
        return self


class Partner(DomainModel):
    organisation: Identifier
    commitment: Commitment
    role: Text | None = None
    stages: list[Stage] | None = None

    @model_validator(mode="after")
    def _dedupe(self) -> Partner:
        if self.stages is not None:
            object.__setattr__(self, "stages", _unique(self.stages))
        return self


Unreported = Literal["ties", "stages", "schemes"]
"""What an application's source did not ask for: the ties between its members, the stages its
partners do, the schemes it articulates with (a form without those fields)."""


def _nothing(value: list[str]) -> bool:
    return not value


class Project(DomainModel):
    id: Identifier
    title: Name
    call: Identifier
    lead: Identifier
    territories: list[TerritoryCode] = Field(default_factory=list)
    publics: list[Public] = Field(default_factory=list)
    partners: list[Partner] = Field(default_factory=list)
    schemes: list[Identifier] = Field(default_factory=list)
    # Missing is not absent: what the source never asked is « non renseigné », not zero. Written
    # only when not empty, so documents without it read and write back unchanged.
    unreported: list[Unreported] = Field(default_factory=list, exclude_if=_nothing)

    @model_validator(mode="after")
    def _check(self) -> Project:
        for name in ("territories", "publics", "schemes", "unreported"):
            object.__setattr__(self, name, _unique(getattr(self, name)))
        return self

    @property
    def member_ids(self) -> list[str]:
        """The lead then the partners, in declaration order."""
        return [self.lead, *(p.organisation for p in self.partners)]


class Tie(DomainModel):
    source: Identifier
    target: Identifier
    kind: TieKind
    formal: bool = False
    strength: int = Field(default=1, ge=1, le=3)
    project: Identifier | None = None

    @model_validator(mode="after")
    def _not_a_loop(self) -> Tie:
        if self.source == self.target:
            raise invalid(
                "target",
                "self_tie",
                "un lien ne peut pas relier une organisation à elle-même",
                "a tie cannot link an organisation to itself",
            )
        return self

    @property
    def key(self) -> str:
        """The natural key of a tie: who, to whom, what, declared by which project."""
        # Spelled out rather than through tie_key(): computed for every tie of every import.
        return f"{self.source}|{self.target}|{self.kind.value}|{self.project or ''}"


def tie_key(source: str, target: str, kind: str, project: str | None) -> str:
    """Build the natural key of a tie (``source|target|kind|project``); ids never hold ``|``."""
    return f"{source}|{target}|{TieKind(kind).value}|{project or ''}"


class Dataset(DomainModel):
    """The canonical dataset: what every loader produces and every export writes."""

    territories: list[Territory] = Field(default_factory=list)
    organisations: list[Organisation] = Field(default_factory=list)
    schemes: list[Scheme] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    ties: list[Tie] = Field(default_factory=list)

    def to_document(self) -> dict[str, Any]:
        """Return the canonical JSON document (every field present, codes as strings)."""
        return self.model_dump(mode="json")

    @property
    def size(self) -> int:
        return (
            len(self.territories)
            + len(self.organisations)
            + len(self.schemes)
            + len(self.projects)
            + len(self.ties)
        )


TABLES = ("territories", "organisations", "schemes", "projects", "ties")

__all__ = [
    "IDENTIFIER_CHARACTERS",
    "MAX_ID_LENGTH",
    "MAX_NAME_LENGTH",
    "MAX_TEXT_LENGTH",
    "TABLES",
    "Dataset",
    "Organisation",
    "Partner",
    "Project",
    "Provenance",
    "Scheme",
    "Territory",
    "Tie",
    "tie_key",
]
