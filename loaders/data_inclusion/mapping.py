"""From data·inclusion's codes to the call's vocabulary, through a TOML file.

The shipped file (``mapping.toml`` beside this module) is read first; a user's file given with
``--mapping`` replaces, entry by entry, the networks, themes, types and publics it names. Every
key must be a code of the data·inclusion v1 schema and every value a code of our vocabulary: a
wrong one is an error naming the file, the table and the key.

A structure gets the sector (and enterprise subtype) of the first of its networks in the file's
order, else the default sector; its stages, barriers and publics are the union of what its networks
bring and what its services' themes, types and publics bring. A value with no entry (a network
this file leaves out, a theme of a category it does not list) is counted as unmapped.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from data_inclusion.schema import v1
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from graph_service.domain.validation import InputError, InvalidInput
from graph_service.domain.vocabulary import Barrier, EnterpriseSubtype, Public, Sector, Stage
from loaders.data_inclusion.records import ServiceRecord, StructureRecord

SHIPPED = "mapping.toml"
# The vocabulary's orders, as tuples: iterating an enum class is slow, and every structure does it.
STAGES, BARRIERS, PUBLICS = tuple(Stage), tuple(Barrier), tuple(Public)


class Contribution(BaseModel):
    """What one network, theme or type brings."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sector: Sector | None = None
    subtype: EnterpriseSubtype | None = None
    stages: list[Stage] = Field(default_factory=list)
    barriers: list[Barrier] = Field(default_factory=list)
    publics: list[Public] = Field(default_factory=list)


class Mapping(BaseModel):
    """The whole mapping; see the shipped ``mapping.toml`` for every entry and why."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    _ranks: dict[str, int] = PrivateAttr(default_factory=dict)

    schema_version: str = Field(default="v1", alias="schema")
    default_sector: Sector = Sector.SOCIAL
    reseaux_porteurs: dict[str, Contribution] = Field(default_factory=dict)
    thematiques: dict[str, Contribution] = Field(default_factory=dict)
    types: dict[str, Contribution] = Field(default_factory=dict)
    publics: dict[str, list[Public]] = Field(default_factory=dict)

    def network_rank(self, network: str) -> int:
        """A network's place in the file's order (the first of a structure's networks gives its sector)."""
        return self._ranks.get(network, len(self._ranks))

    def model_post_init(self, context: Any) -> None:
        self._ranks = {network: rank for rank, network in enumerate(self.reseaux_porteurs)}


_KNOWN_KEYS: dict[str, set[str]] = {
    "reseaux_porteurs": {n.value for n in v1.ReseauPorteur},
    "thematiques": {t.value for t in v1.Thematique} | {c.value for c in v1.Categorie},
    "types": {t.value for t in v1.TypeService},
    "publics": {p.value for p in v1.Public},
}


def _error(name: str, table: str | None, key: str | None, message: str, message_en: str) -> InputError:
    return InputError(
        code="invalid_mapping",
        message=message,
        message_en=message_en,
        file=name,
        sheet=table,
        column=key,
    )


def _read(path: Path | None) -> tuple[dict[str, Any], str]:
    if path is None:
        text = resources.files("loaders.data_inclusion").joinpath(SHIPPED).read_text("utf-8")
        name = SHIPPED
    else:
        name = path.name
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(
                [_error(name, None, None, f"correspondance illisible : {exc}", f"unreadable mapping: {exc}")]
            ) from exc
    try:
        return tomllib.loads(text), name
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(
            [_error(name, None, None, f"TOML invalide : {exc}", f"invalid TOML: {exc}")]
        ) from exc


def _checked(document: dict[str, Any], name: str) -> Mapping:
    errors = []
    for table, known in _KNOWN_KEYS.items():
        entries = document.get(table, {})
        if not isinstance(entries, dict):
            errors.append(
                _error(name, table, None, f"« {table} » doit être une table", f"{table} must be a table")
            )
            continue
        for key in entries:
            if key not in known:
                errors.append(
                    _error(
                        name,
                        table,
                        key,
                        f"« {key} » n'est pas un code data·inclusion v1 de « {table} »",
                        f"{key!r} is not a data·inclusion v1 code of {table!r}",
                    )
                )
    if document.get("schema", "v1") != "v1":
        errors.append(_error(name, None, "schema", "seul le schéma v1 est lu", "only schema v1 is read"))
    try:
        mapping = Mapping.model_validate(document)
    except ValidationError as exc:
        for e in exc.errors():
            loc = [str(part) for part in e["loc"]]
            errors.append(
                _error(
                    name,
                    loc[0] if loc else None,
                    ".".join(loc[1:]) or None,
                    f"valeur invalide ({e['msg']})",
                    f"invalid value ({e['msg']})",
                )
            )
        raise InvalidInput(errors) from exc
    if errors:
        raise InvalidInput(errors)
    return mapping


def load_mapping(override: Path | None = None) -> Mapping:
    """The shipped mapping, with the entries of ``override`` replacing those they name."""
    shipped, name = _read(None)
    mapping = _checked(shipped, name)
    if override is None:
        return mapping
    document, name = _read(override)
    theirs = _checked(document, name)
    merged = mapping.model_dump(by_alias=True)
    for table in ("reseaux_porteurs", "thematiques", "types", "publics"):
        merged[table] = {**merged[table], **theirs.model_dump(by_alias=True)[table]}
        # An overridden network moves to the front: the user's choice of sector wins.
        if table == "reseaux_porteurs":
            mine = theirs.reseaux_porteurs
            merged[table] = {**{k: merged[table][k] for k in mine}, **merged[table]}
    for key in ("default_sector",):
        if key in document:
            merged[key] = document[key]
    return Mapping.model_validate(merged)


@dataclass
class Mapped:
    """A structure in our vocabulary, and the data·inclusion values no entry maps."""

    sector: Sector
    subtype: EnterpriseSubtype | None
    stages: list[Stage]
    barriers: list[Barrier]
    publics: list[Public]
    unmapped: set[tuple[str, str]] = field(default_factory=set)


def _ordered(values: Iterable[Any], order: Iterable[Any]) -> list[Any]:
    found = set(values)
    return [v for v in order if v in found]


def map_structure(mapping: Mapping, structure: StructureRecord, services: Iterable[ServiceRecord]) -> Mapped:
    """Sector, subtype, stages, barriers and publics of ``structure`` given its services."""
    brought: list[Contribution] = []
    unmapped: set[tuple[str, str]] = set()
    sector: Sector | None = None
    subtype: EnterpriseSubtype | None = None
    for network in sorted(structure.networks, key=mapping.network_rank):
        entry = mapping.reseaux_porteurs.get(network)
        if entry is not None and entry.sector is not None:
            sector, subtype = entry.sector, entry.subtype
            break
    for network in structure.networks:
        found = mapping.reseaux_porteurs.get(network)
        if found is None:
            unmapped.add(("reseaux_porteurs", network))
        else:
            brought.append(found)
    publics: set[Public] = set()
    for service in services:
        for theme in service.themes:
            themed = mapping.thematiques.get(theme) or mapping.thematiques.get(theme.split("--", 1)[0])
            if themed is None:
                unmapped.add(("thematiques", theme))
            else:
                brought.append(themed)
        if service.type is not None:
            if service.type in mapping.types:
                brought.append(mapping.types[service.type])
            else:
                unmapped.add(("types", service.type))
        for public in service.publics:
            publics.update(mapping.publics.get(public, ()))
    for entry in brought:
        publics.update(entry.publics)
    return Mapped(
        sector=sector or mapping.default_sector,
        subtype=subtype if (sector or mapping.default_sector) is Sector.ENTERPRISE else None,
        stages=_ordered((s for e in brought for s in e.stages), STAGES),
        barriers=_ordered((b for e in brought for b in e.barriers), BARRIERS),
        publics=_ordered(publics, PUBLICS),
        unmapped=unmapped,
    )


__all__ = ["Contribution", "Mapped", "Mapping", "load_mapping", "map_structure"]
