"""The rows of a démarches-simplifiées procedure: dossiers, their partners, the ties between them.

Reads the :class:`~loaders.demarches_reader.Source` tables (export or API) row by row into the raw
canonical tables, then validates them all at once (:func:`~loaders.tables.validate_assembly`).

A structure is identified by its SIRET, else its RNA number (an association's number at the
préfecture, ``W`` and nine digits), else an id derived from the dossier and its row in the block,
with a warning in the import's notes: such an id changes if the row moves.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from graph_service.domain.codes import normalise_siret, siret_valid
from graph_service.domain.french import agree, count
from graph_service.domain.models import Dataset
from graph_service.domain.validation import InputError, InvalidInput, KnownIds
from loaders.demarches_mapping import STATE_LABELS, DemarchesMapping, dossier_state, label_key
from loaders.demarches_reader import Reader, Row, Source, check_columns, describe
from loaders.tables import FALSE_WORDS, TRUE_WORDS, validate_assembly

_RNA = re.compile(r"W\d{9}", re.ASCII)
_TRUE = TRUE_WORDS | {"on", "x", "coché"}
_FALSE = FALSE_WORDS | {"off"}
_STRENGTHS = {"faible": 1, "moyen": 2, "moyenne": 2, "fort": 3, "forte": 3}
_LEAD_WORDS = frozenset({"porteur", "structure porteuse", "chef de file", "porteur de projet"})

# Organisation field → mapping key, for the lead (in [dossiers]) and for partners.
_LEAD_KEYS = {
    "siret": "lead_siret",
    "rna": "lead_rna",
    "name": "lead_name",
    "sector": "lead_sector",
    "subtype": "lead_subtype",
    "naf": "lead_naf",
    "legal_category": "lead_legal_category",
    "territories": "lead_territories",
    "stages": "lead_stages",
    "barriers": "lead_barriers",
    "publics": "lead_publics",
}
_PARTNER_KEYS = {key: key for key in _LEAD_KEYS}
_PROJECT_FIELDS = {
    "id": "id",
    "title": "title",
    "lead": "lead_siret",
    "territories": "territories",
    "publics": "publics",
    "schemes": "schemes",
}
_PARTNER_FIELDS = {
    "organisation": "siret",
    "commitment": "commitment",
    "role": "role",
    "stages": "stages",
}
_TIE_FIELDS = {
    "source": "source",
    "target": "target",
    "kind": "kind",
    "formal": "formal",
    "strength": "strength",
}


def read_source(
    source: Source, mapping: DemarchesMapping, known: KnownIds | None = None
) -> tuple[Dataset, list[str]]:
    """Read a procedure's tables through its mapping; raise every error found."""
    check_columns(source, mapping)
    reader = Reader(mapping, source, known or KnownIds())
    reader.assembly.errors.extend(source.errors)
    for cells in source.dossiers.rows:
        read_dossier(reader, Row(reader, source.dossiers, cells, mapping.dossiers))
    _check_selection(reader)
    if source.partners is not None and mapping.partners is not None:
        lines: Counter[str] = Counter()
        for cells in source.partners.rows:
            row = Row(reader, source.partners, cells, mapping.partners)
            lines[row.text("dossier_id") or ""] += 1
            read_partner(reader, row, lines[row.text("dossier_id") or ""])
    if source.ties is not None and mapping.ties is not None:
        for cells in source.ties.rows:
            read_tie(reader, Row(reader, source.ties, cells, mapping.ties))
    dataset = validate_assembly(reader.assembly, reader.known)
    return dataset, _notes(reader, dataset)


def _state_label(text: str) -> str:
    state = dossier_state(text)
    return STATE_LABELS[state] if state else (text or "sans état")


def _check_selection(reader: Reader) -> None:
    """A mapping whose states select none of the dossiers present is an error, not "0 entité"."""
    if reader.projects or not reader.skipped or not reader.source.require_selection:
        return
    counts = Counter(_state_label(state) for state in reader.skipped.values())
    found = ", ".join(f"« {state} » ({count})" for state, count in sorted(counts.items()))
    wanted = ", ".join(f"« {STATE_LABELS[s]} »" for s in sorted(reader.mapping.states or ()))
    raise InvalidInput(
        [
            InputError(
                code="no_dossier_selected",
                message=f"aucun dossier retenu : states de la correspondance = {wanted} ; "
                f"états des dossiers : {found}",
                message_en="the mapping's states select no dossier",
                file=reader.source.dossiers.file,
                sheet=reader.source.dossiers.title,
                column=reader.mapping.dossiers.get("state"),
            )
        ]
    )


def _notes(reader: Reader, dataset: Dataset) -> list[str]:
    name = reader.source.name
    partners = sum(len(p.partners) for p in dataset.projects)
    how = reader.identified
    notes = [
        f"{name} : démarches-simplifiées, {count(len(dataset.projects), 'dossier')}, {count(partners, 'partenaire')}, "
        f"{count(len(dataset.ties), 'lien')}, {count(len(dataset.organisations), 'organisation décrite')} "
        f"({how['siret']} par SIRET, {how['rna']} par RNA, {how['derived']} sans identifiant)"
    ]
    if reader.sectors_from_codes:
        notes.append(
            f"{name} : secteur déduit du code NAF ou de la catégorie juridique pour "
            f"{count(reader.sectors_from_codes, 'organisation')}"
        )
    if reader.derived:
        notes.append(
            f"{name} : attention, {count(len(reader.derived), 'structure')} sans SIRET ni RNA, "
            f"{agree(len(reader.derived), 'identifiée')} par "
            f"le dossier et la ligne ({', '.join(reader.derived)}) : l'identifiant change si la ligne "
            "change de place dans le bloc"
        )
    if reader.skipped:
        counts = Counter(_state_label(state) for state in reader.skipped.values())
        by_state = ", ".join(f"{state} : {count}" for state, count in sorted(counts.items()))
        notes.append(f"{name} : {count(len(reader.skipped), 'dossier écarté')} par leur état ({by_state})")
    return notes


def _organisation_fields(keys: dict[str, str]) -> dict[str, str]:
    """Organisation field → the column key it is read from, to locate validation problems."""
    fields = {
        name: keys[name]
        for name in ("name", "sector", "subtype", "territories", "stages", "barriers", "publics")
    }
    return {"id": keys["siret"], "siret": keys["siret"], **fields}


def _identify(reader: Reader, row: Row, keys: dict[str, str], derived: str) -> tuple[str, str | None] | None:
    """The id of the structure a row describes, and its SIRET; ``None`` when its SIRET or RNA is wrong."""
    text = row.text(keys["siret"])
    if text:
        siret = normalise_siret(text)
        if not siret_valid(siret):
            row.error(
                keys["siret"],
                "invalid_siret",
                f"SIRET invalide « {text} » : 14 chiffres avec une clé de Luhn juste",
                f"invalid SIRET {text!r}",
            )
            return None
        return reader.known.sirets.get(siret, siret), siret
    rna_text = row.text(keys["rna"])
    if rna_text:
        rna = "".join(rna_text.split()).upper()
        if not _RNA.fullmatch(rna):
            row.error(
                keys["rna"],
                "invalid_rna",
                f"numéro RNA invalide « {rna_text} » : W suivi de 9 chiffres (ex. W595001234)",
                f"invalid RNA number {rna_text!r}",
            )
            return None
        return rna, None
    name = row.text(keys["name"]) or "?"
    reader.derived.append(f"{derived} « {name} »")
    return derived, None


def _member(
    reader: Reader, row: Row, keys: dict[str, str], dossier: str, derived: str, default: str
) -> str | None:
    """Identify a lead or partner, describe it when new, and remember it as a member of the dossier."""
    identity = _identify(reader, row, keys, derived)
    if identity is None:
        return None
    identifier, siret = identity
    stored = identifier in reader.known.organisations or (siret is not None and siret in reader.known.sirets)
    if not stored and identifier not in reader.organisations:
        item: dict[str, Any] = {"id": identifier}
        if siret:
            item["siret"] = siret
        item.update(describe(reader, row, keys, default, siret))
        how = "siret" if siret else "derived" if identifier == derived else "rna"
        reader.identified[how] += 1
        reader.add_organisation(item, row.origin(_organisation_fields(keys)))
    members = reader.members.setdefault(dossier, {})
    for alias in (identifier, siret, row.text(keys["rna"]), row.text(keys["name"])):
        if alias:
            members.setdefault(label_key(alias), identifier)
    return identifier


def read_dossier(reader: Reader, row: Row) -> None:
    dossier = row.text("id")
    if dossier is None:
        row.error("id", "missing", "numéro de dossier manquant", "missing dossier id")
        return
    states = reader.mapping.states
    state = row.text("state") or ""
    if states is not None and dossier_state(state) not in states:
        reader.skipped[dossier] = state
        return
    mapping = reader.mapping
    project_id = f"{mapping.project_prefix}{dossier}"
    lead = _member(reader, row, _LEAD_KEYS, dossier, f"{project_id}-porteur", "lead_sector")
    if lead:
        reader.lead_of[dossier] = lead
    # An invalid SIRET stays as typed: the project then fails on the cell already reported, and
    # that second error is dropped when errors are merged.
    project: dict[str, Any] = {
        "id": project_id,
        "call": mapping.call,
        "lead": lead or row.text("lead_siret") or row.text("lead_rna") or "",
    }
    if title := row.text("title"):
        project["title"] = title
    for table in ("territories", "publics", "schemes"):
        if (values := row.codes(table, table)) is not None:
            project[table] = values
    if unreported := unasked(mapping):
        project["unreported"] = unreported
    reader.add_project(dossier, project, row.origin(_PROJECT_FIELDS))


def unasked(mapping: DemarchesMapping) -> list[str]:
    """What the procedure's form never asks, by its mapping: ties between members (no ``[ties]``
    block), the partners' stages, the schemes articulated with. Missing, not absent: the report
    reads it « non renseigné » instead of scoring it 0.
    """
    found = []
    if mapping.ties is None:
        found.append("ties")
    if mapping.partners is None or "stages" not in mapping.partners:
        found.append("stages")
    if "schemes" not in mapping.dossiers:
        found.append("schemes")
    return found


def _project_index(reader: Reader, row: Row) -> tuple[str, int] | None:
    """The dossier a block row belongs to, or ``None`` (skipped for its state, or reported)."""
    dossier = row.text("dossier_id")
    if dossier in reader.skipped:
        return None
    index = reader.projects.get(dossier or "")
    if dossier is None or index is None:
        row.error(
            "dossier_id",
            "dangling_reference",
            f"dossier « {dossier} » introuvable dans la feuille {reader.source.dossiers.title}",
            f"unknown dossier {dossier!r}",
        )
        return None
    return dossier, index


def read_partner(reader: Reader, row: Row, line: int) -> None:
    found = _project_index(reader, row)
    if found is None:
        return
    dossier, index = found
    derived = f"{reader.mapping.project_prefix}{dossier}-partenaire-{line}"
    organisation = _member(reader, row, _PARTNER_KEYS, dossier, derived, "partner_sector")
    if organisation is None:
        return
    partner: dict[str, Any] = {"organisation": organisation}
    if commitment := row.text("commitment"):
        partner["commitment"] = reader.code(commitment, "commitment", row.where("commitment")) or commitment
    if role := row.text("role"):
        partner["role"] = role
    if (stages := row.codes("stages", "stages")) is not None:
        partner["stages"] = stages
    reader.add_partner(
        index, partner, row.origin({**_PARTNER_FIELDS, "organisation": _PARTNER_KEYS["siret"]})
    )


def _end(reader: Reader, row: Row, key: str, dossier: str) -> str | None:
    """A tie's end: a member of the dossier named by its name, SIRET or RNA, or the lead."""
    text = row.text(key)
    if text is None:
        row.error(key, "missing", "champ obligatoire manquant", "missing tie end")
        return None
    members = reader.members.get(dossier, {})
    siret = normalise_siret(text)
    for alias in (label_key(text), siret):
        if alias in members:
            return members[alias]
    if label_key(text) in _LEAD_WORDS and dossier in reader.lead_of:
        return reader.lead_of[dossier]
    names = sorted({name for name in members if not name.isdigit() and name not in members.values()})
    row.error(
        key,
        "unknown_member",
        f"« {text} » n'est ni le porteur ni un partenaire du dossier {dossier} ; "
        f"nommez-le par son nom, son SIRET ou son RNA ({', '.join(names)}, ou « porteur »)",
        f"{text!r} is not a member of dossier {dossier}",
    )
    return None


def read_tie(reader: Reader, row: Row) -> None:
    found = _project_index(reader, row)
    if found is None:
        return
    dossier, index = found
    source, target = _end(reader, row, "source", dossier), _end(reader, row, "target", dossier)
    if source is None or target is None:
        return
    kind_text = row.text("kind") or reader.mapping.defaults.get("tie_kind") or ""
    tie: dict[str, Any] = {
        "source": source,
        "target": target,
        "kind": reader.code(kind_text, "tie_kind", row.where("kind")) or kind_text,
        "project": reader.assembly.raw["projects"][index]["id"],
    }
    if (formal := row.text("formal")) is not None:
        tie["formal"] = label_key(formal) in _TRUE if label_key(formal) in _TRUE | _FALSE else formal
    if (strength := row.text("strength")) is not None:
        tie["strength"] = _STRENGTHS.get(label_key(strength), strength)
    reader.add_tie(tie, row.origin(_TIE_FIELDS))


__all__ = ["read_source"]
