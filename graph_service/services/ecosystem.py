"""The local ecosystem from data·inclusion: structures merged into the territory (issue 15).

:func:`merge_data_inclusion` takes the validated records of a structures and a services file (or
of the API) and stores them as organisations on their communes:

1. **Records of one structure** published by several producers are merged first: the same SIRET,
   or the same normalised name on the same commune. The most recently updated record is kept as
   the organisation's provenance, the others are listed in ``provenance.also``.
2. **Matching the store**, in this order: an organisation an earlier import made from one of
   these records (its ``provenance.source_id`` or ``also``); one with the same SIRET; one with the
   same normalised name on the same commune. The last is a *doubtful* match: it is applied, and
   listed for a person to confirm (``--review`` writes the list as CSV), as are organisations of
   the commune whose name is only close (those are not merged). An organisation that existed
   before the import (entered by hand or by another loader) keeps its id and its data; it gains
   the provenance, marked ``matched``.
3. **New and changed** structures are written in one transaction, with any commune (and its
   département) the store did not know. Their sector, subtype, stages, barriers and publics come
   from :mod:`loaders.data_inclusion.mapping`.
4. **What disappeared**: organisations of earlier imports (within ``departement`` when given)
   whose records are gone, or flagged closed, are deleted — unless a project, a scheme or a tie
   still names them, or a person entered them: then they are kept and marked
   ``provenance.closed``, and no recommendation proposes them.

Nothing is stored when ``strict`` and a row was rejected or warned about, nor when the resulting
dataset does not validate.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, Field

from graph_service.domain.codes import siret_valid
from graph_service.domain.models import Dataset, Organisation, Provenance, Territory
from graph_service.domain.validation import InputError, InvalidInput, cross_reference_problems, json_locator
from graph_service.domain.vocabulary import TerritoryLevel
from graph_service.stores.protocol import ImportSummary, Store
from loaders.data_inclusion import SOURCE, Mapping, Records, ServiceRecord, StructureRecord, map_structure
from loaders.data_inclusion.identity import (
    CLOSE_NAME_RATIO,
    Group,
    close_names,
    departement_of,
    group_records,
    normalise_name,
    organisation_id,
)


class DoubtfulMatch(BaseModel):
    """A record matched (or close) to a stored organisation by its name only, to be confirmed."""

    record: str
    record_name: str
    commune: str
    organisation: str
    organisation_name: str
    similarity: float
    applied: bool


class EcosystemReport(BaseModel):
    """What an import of data·inclusion read, merged, stored, kept and dropped."""

    rows_read: dict[str, int] = Field(default_factory=dict)
    rejected: dict[str, list[str]] = Field(default_factory=dict)
    errors: list[InputError] = Field(default_factory=list)
    warnings: list[InputError] = Field(default_factory=list)
    outside_departement: int = 0
    without_commune: list[str] = Field(default_factory=list)
    orphan_services: list[str] = Field(default_factory=list)
    duplicates: list[list[str]] = Field(default_factory=list)
    closed_in_file: list[str] = Field(default_factory=list)
    added: list[str] = Field(default_factory=list)
    updated: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    matched_by_siret: list[str] = Field(default_factory=list)
    matched_by_name: list[str] = Field(default_factory=list)
    doubtful: list[DoubtfulMatch] = Field(default_factory=list)
    disappeared_deleted: list[str] = Field(default_factory=list)
    disappeared_kept: list[str] = Field(default_factory=list)
    territories_added: list[str] = Field(default_factory=list)
    unmapped: dict[str, dict[str, int]] = Field(default_factory=dict)
    summary: ImportSummary = Field(default_factory=ImportSummary)


@dataclass
class _Stored:
    """The store's organisations, indexed the ways the import matches them."""

    organisations: dict[str, Organisation]
    by_record: dict[str, str]
    by_siret: dict[str, str]
    by_commune: dict[str, list[Organisation]]
    referenced: set[str]

    @classmethod
    def read(cls, store: Store) -> _Stored:
        organisations = {o.id: o for o in store.list_organisations()}
        by_record: dict[str, str] = {}
        by_commune: dict[str, list[Organisation]] = defaultdict(list)
        for o in organisations.values():
            if o.provenance is not None and o.provenance.source == SOURCE:
                for record in (o.provenance.source_id, *o.provenance.also):
                    by_record[record] = o.id
            for code in o.territories:
                by_commune[code].append(o)
        referenced = {member for p in store.list_projects() for member in p.member_ids}
        referenced |= {s.operator for s in store.list_schemes() if s.operator}
        referenced |= {end for t in store.list_ties() for end in (t.source, t.target)}
        return cls(
            organisations=organisations,
            by_record=by_record,
            by_siret={o.siret: o.id for o in organisations.values() if o.siret},
            by_commune=by_commune,
            referenced=referenced,
        )


def _in_departement(commune: str | None, departement: str | None) -> bool:
    return departement is None or (commune is not None and departement_of(commune) == departement)


def _placed(records: Records, departement: str | None, report: EcosystemReport) -> list[StructureRecord]:
    """The structures to import: on a commune (theirs, or their first service's), in the département."""
    first_service_commune: dict[str, str] = {}
    for service in records.services:
        if service.commune:
            first_service_commune.setdefault(service.structure_id, service.commune)
    placed = []
    for record in records.structures:
        if record.siret and not siret_valid(record.siret):
            report.warnings.append(
                InputError(
                    code="invalid_siret",
                    message=f"id {record.id} : SIRET « {record.siret} » à la clé fausse, ignoré",
                    message_en=f"id {record.id}: SIRET {record.siret} has a wrong key, ignored",
                    row=record.row,
                    column="siret",
                )
            )
        commune = record.commune or first_service_commune.get(record.id)
        if commune is None:
            report.without_commune.append(record.id)
            continue
        if not _in_departement(commune, departement):
            report.outside_departement += 1
            continue
        if commune != record.commune:
            record = dataclasses.replace(record, commune=commune)
        placed.append(record)
    return placed


class _Merge:
    """One import's decisions, organisation by organisation."""

    def __init__(self, stored: _Stored, mapping: Mapping, report: EcosystemReport, today: date) -> None:
        self.stored = stored
        self.mapping = mapping
        self.report = report
        self.today = today
        self.written: dict[str, Organisation] = {}
        self.seen: set[str] = set()
        self.unmapped: Counter[tuple[str, str]] = Counter()
        # Stored organisations whose records this file flags closed: handled as disappeared.
        self.closed_targets: set[str] = set()

    def _by_name(self, group: Group) -> Organisation | None:
        name = normalise_name(group.primary.name)
        best: tuple[float, Organisation] | None = None
        for commune in group.communes:
            for candidate in self.stored.by_commune.get(commune, ()):
                if candidate.id in self.seen:
                    continue
                if candidate.provenance is not None and candidate.provenance.source == SOURCE:
                    continue  # an earlier import's organisation is matched by its record, not its name
                if group.siret and candidate.siret and candidate.siret != group.siret:
                    continue
                similarity = (
                    1.0
                    if normalise_name(candidate.name) == name
                    else close_names(name, normalise_name(candidate.name))
                )
                if similarity >= CLOSE_NAME_RATIO and (best is None or similarity > best[0]):
                    best = (similarity, candidate)
        if best is None:
            return None
        similarity, candidate = best
        exact = normalise_name(candidate.name) == name
        self.report.doubtful.append(
            DoubtfulMatch(
                record=group.primary.id,
                record_name=group.primary.name,
                commune=group.communes[0],
                organisation=candidate.id,
                organisation_name=candidate.name,
                similarity=round(similarity, 3),
                applied=exact,
            )
        )
        return candidate if exact else None

    def target(self, group: Group) -> Organisation | None:
        for record in group.ids:
            found = self.stored.by_record.get(record)
            if found is not None:
                return self.stored.organisations[found]
        if group.siret and group.siret in self.stored.by_siret:
            self.report.matched_by_siret.append(group.primary.id)
            return self.stored.organisations[self.stored.by_siret[group.siret]]
        found_by_name = self._by_name(group)
        if found_by_name is not None:
            self.report.matched_by_name.append(group.primary.id)
        return found_by_name

    def provenance(self, group: Group, matched: bool) -> Provenance:
        return Provenance(
            source=SOURCE,
            source_id=group.primary.id,
            producer=group.primary.producer,
            updated=group.primary.updated,
            also=group.ids[1:],
            matched=matched,
        )

    def merge(self, group: Group, services: Iterable[ServiceRecord]) -> None:
        existing = self.target(group)
        if existing is not None and existing.id in self.seen:
            existing = None  # already taken by another group of this file: this one stands alone
        if existing is not None:
            self.seen.add(existing.id)
        if all(r.closed for r in group.records):
            self.report.closed_in_file.append(group.primary.id)
            if existing is not None:
                self.closed_targets.add(existing.id)
            return  # closed: what disappeared handles an existing organisation
        if existing is not None and (existing.provenance is None or existing.provenance.matched):
            organisation = existing.model_copy(update={"provenance": self.provenance(group, matched=True)})
        else:
            mapped = map_structure(self.mapping, group.primary, services)
            self.unmapped.update(mapped.unmapped)
            siret = group.siret
            holder = self.stored.by_siret.get(siret) if siret else None
            new_id = existing.id if existing is not None else organisation_id(group.primary.id)
            if holder is not None and holder != new_id:
                siret = None  # held by another stored organisation: left to a person (review)
            organisation = Organisation(
                id=new_id,
                name=group.primary.name,
                sector=mapped.sector,
                subtype=mapped.subtype,
                siret=siret,
                territories=group.communes,
                stages=mapped.stages,
                barriers=mapped.barriers,
                publics=mapped.publics,
                provenance=self.provenance(group, matched=False),
            )
        if existing is None:
            self.report.added.append(organisation.id)
        elif organisation == existing:
            self.report.unchanged.append(organisation.id)
            return
        else:
            self.report.updated.append(organisation.id)
        self.written[organisation.id] = organisation

    def disappeared(self, departement: str | None) -> list[str]:
        """Mark or list for deletion the organisations of earlier imports this one did not see."""
        to_delete = []
        for organisation in self.stored.organisations.values():
            provenance = organisation.provenance
            if provenance is None or provenance.source != SOURCE or organisation.id in self.written:
                continue
            if organisation.id in self.seen and organisation.id not in self.closed_targets:
                continue
            if departement is not None and not any(
                _in_departement(code, departement) for code in organisation.territories
            ):
                continue
            if provenance.matched or organisation.id in self.stored.referenced:
                if provenance.closed is None:
                    closed = provenance.model_copy(update={"closed": self.today})
                    self.written[organisation.id] = organisation.model_copy(update={"provenance": closed})
                self.report.disappeared_kept.append(organisation.id)
            else:
                to_delete.append(organisation.id)
        self.report.disappeared_deleted = to_delete
        return to_delete


def _new_territories(
    organisations: Iterable[Organisation], records: Iterable[StructureRecord], known: set[str]
) -> list[Territory]:
    names = {r.commune: r.commune_name for r in records if r.commune}
    territories: list[Territory] = []
    added: set[str] = set()
    for organisation in organisations:
        for code in organisation.territories:
            if code in known or code in added:
                continue
            departement = departement_of(code)
            if departement not in known and departement not in added:
                territories.append(
                    Territory(
                        code=departement, name=f"Département {departement}", level=TerritoryLevel.DEPARTEMENT
                    )
                )
                added.add(departement)
            territories.append(
                Territory(
                    code=code, name=names.get(code) or code, level=TerritoryLevel.COMMUNE, parent=departement
                )
            )
            added.add(code)
    return territories


def merge_data_inclusion(
    store: Store,
    records: Records,
    mapping: Mapping,
    *,
    departement: str | None = None,
    strict: bool = False,
    today: date | None = None,
) -> EcosystemReport:
    """Merge data·inclusion records into the store; see the module docstring for every rule.

    Raises :class:`InvalidInput` (nothing stored) when ``strict`` and a row was rejected or warned
    about, or when the organisations to write do not validate against the store.
    """
    report = EcosystemReport(
        rows_read=dict(records.rows_read),
        rejected={kind: list(ids) for kind, ids in records.rejected_ids.items()},
        errors=list(records.rejected),
        warnings=list(records.warnings),
    )
    if strict and (records.rejected or records.warnings):
        raise InvalidInput([*records.rejected, *records.warnings])
    placed = _placed(records, departement, report)
    services_of: dict[str, list[ServiceRecord]] = defaultdict(list)
    known_structures = {r.id for r in records.structures}
    for service in records.services:
        if service.structure_id in known_structures:
            services_of[service.structure_id].append(service)
        else:
            report.orphan_services.append(service.id)
    stored = _Stored.read(store)
    merge = _Merge(stored, mapping, report, today or date.today())
    for group in group_records(placed):
        if len(group.records) > 1:
            report.duplicates.append(group.ids)
        merge.merge(group, (s for record in group.records for s in services_of.get(record.id, ())))
    to_delete = merge.disappeared(departement)
    for (field_name, value), count in sorted(merge.unmapped.items()):
        report.unmapped.setdefault(field_name, {})[value] = count
    organisations = list(merge.written.values())
    known = store.known_ids()
    territories = _new_territories(organisations, placed, known.territories)
    report.territories_added = [t.code for t in territories]
    # Each entity was validated when built; what is left to check is across entities and the store.
    problems = cross_reference_problems({"territories": territories, "organisations": organisations}, known)
    if problems:
        locate = json_locator("data·inclusion")
        raise InvalidInput([locate(problem) for problem in problems])
    # Built without validating again: pydantic would rerun every organisation's checks.
    dataset = Dataset.model_construct(territories=territories, organisations=organisations)
    report.summary = store.upsert_dataset(dataset)
    for organisation_id_ in to_delete:
        store.delete_organisation(organisation_id_)
    return report


__all__ = [
    "CLOSE_NAME_RATIO",
    "DoubtfulMatch",
    "EcosystemReport",
    "departement_of",
    "merge_data_inclusion",
    "normalise_name",
    "organisation_id",
]
