"""Dossiers from the démarches-simplifiées GraphQL API (v2), as the tables the export would hold.

The query asks for what the mapping can name: each dossier's number, state and dates, its
``demandeur`` (``PersonneMorale`` or ``PersonneMoraleIncomplete``), and its ``champs`` — text,
dates, checkboxes, multiple choices, communes, ``SiretChamp.etablissement`` (SIRET, NAF code,
address with its INSEE commune code, legal form) and repeated blocks (``RepetitionChamp.rows``).

:func:`source_from_dossiers` lays them out like the export: a ``Dossiers`` table whose columns are
the platform's (``ID``, ``État du dossier``…) and every champ by its label *and* its
``champDescriptorId``, and one table per repeated block the mapping names, with the ``Dossier ID``
column the export has. The reading itself is :mod:`loaders.demarches_dossiers`'.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from loaders.demarches_mapping import DemarchesMapping, label_key
from loaders.demarches_reader import Establishment, Source, Table, TableRow

_CHAMP_FIELDS = """
  __typename
  id
  champDescriptorId
  label
  stringValue
  ... on DateChamp { date }
  ... on CheckboxChamp { checked: value }
  ... on MultipleDropDownListChamp { values }
  ... on CommuneChamp { commune { name code } }
  ... on SiretChamp { etablissement { ...PersonneMoraleFragment } }
"""

DOSSIERS_QUERY = (
    """
query getDossiers(
  $demarcheNumber: Int!
  $first: Int
  $after: String
  $updatedSince: ISO8601DateTime
  $includeDeleted: Boolean = false
) {
  demarche(number: $demarcheNumber) {
    number
    dossiers(first: $first, after: $after, updatedSince: $updatedSince) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        number
        state
        archived
        dateDepot
        dateDerniereModification
        demandeur {
          __typename
          ... on PersonneMorale { ...PersonneMoraleFragment }
          ... on PersonneMoraleIncomplete { siret }
        }
        champs {
          ...ChampFragment
          ... on RepetitionChamp { rows { champs { ...ChampFragment } } }
        }
      }
    }
    deletedDossiers(first: 100, deletedSince: $updatedSince) @include(if: $includeDeleted) {
      nodes { id number state reason dateSupression }
    }
  }
}

fragment ChampFragment on Champ {"""
    + _CHAMP_FIELDS
    + """}

fragment PersonneMoraleFragment on PersonneMorale {
  siret
  naf
  libelleNaf
  address { cityCode cityName postalCode }
  entreprise { raisonSociale formeJuridique formeJuridiqueCode }
  association { rna titre }
}
"""
)

# The platform's own columns of the export, filled from the dossier rather than a champ.
ID_COLUMN = "ID"
STATE_COLUMN = "État du dossier"
UPDATED_COLUMN = "Dernière mise à jour le"
DEPOSITED_COLUMN = "Déposé le"
APPLICANT_SIRET_COLUMN = "Établissement SIRET"
APPLICANT_NAME_COLUMN = "Entreprise raison sociale"
PLATFORM_COLUMNS = (
    ID_COLUMN,
    STATE_COLUMN,
    UPDATED_COLUMN,
    DEPOSITED_COLUMN,
    APPLICANT_SIRET_COLUMN,
    APPLICANT_NAME_COLUMN,
)


def _establishment(data: Mapping[str, Any] | None) -> Establishment | None:
    if not data or not data.get("siret"):
        return None
    enterprise = data.get("entreprise") or {}
    association = data.get("association") or {}
    address = data.get("address") or {}
    return Establishment(
        naf=data.get("naf"),
        legal_category=enterprise.get("formeJuridiqueCode"),
        commune=address.get("cityCode"),
        name=enterprise.get("raisonSociale") or association.get("titre"),
    )


def champ_value(champ: Mapping[str, Any], separator: str, establishments: dict[str, Establishment]) -> Any:
    """The value a champ shows in the export; remember what a SIRET champ says of its establishment."""
    kind = champ.get("__typename")
    if kind == "MultipleDropDownListChamp" and champ.get("values") is not None:
        return separator.join(champ["values"])
    if kind == "CheckboxChamp" and champ.get("checked") is not None:
        return bool(champ["checked"])
    if kind == "DateChamp" and champ.get("date"):
        return champ["date"]
    if kind == "CommuneChamp" and champ.get("commune"):
        return f"{champ['commune']['name']} ({champ['commune']['code']})"
    if kind == "SiretChamp" and champ.get("etablissement"):
        siret = str(champ["etablissement"]["siret"])
        if (found := _establishment(champ["etablissement"])) is not None:
            establishments["".join(siret.split())] = found
        return siret
    return champ.get("stringValue")


def _put(table: Table, values: dict[str, Any], column: str, value: Any) -> None:
    key = label_key(column)
    table.columns.setdefault(key, column)
    values[key] = value


def _champ_values(
    table: Table,
    values: dict[str, Any],
    champs: Iterable[Mapping[str, Any]],
    separator: str,
    found: dict[str, Establishment],
) -> None:
    for champ in champs:
        if champ.get("__typename") == "RepetitionChamp":
            continue
        value = champ_value(champ, separator, found)
        _put(table, values, str(champ["label"]), value)
        if champ.get("champDescriptorId"):
            _put(table, values, str(champ["champDescriptorId"]), value)


def _block(node: Mapping[str, Any], names: Mapping[str, str]) -> list[Mapping[str, Any]]:
    """The rows of the repeated block a mapping section names (by label or champDescriptorId)."""
    wanted = label_key(names["sheet"])
    for champ in node.get("champs") or []:
        if champ.get("__typename") != "RepetitionChamp":
            continue
        if wanted in (
            label_key(str(champ.get("label", ""))),
            label_key(str(champ.get("champDescriptorId", ""))),
        ):
            rows: list[Mapping[str, Any]] = champ.get("rows") or []
            return rows
    return []


def source_from_dossiers(
    demarche: int, nodes: Iterable[Mapping[str, Any]], mapping: DemarchesMapping
) -> Source:
    """Lay out API dossiers as the export's tables, ready for the mapping."""
    file = f"démarche {demarche}"
    dossiers = Table(title="Dossiers", file=file, columns={})
    blocks = {
        section: Table(title=names["sheet"], file=file, columns={})
        for section, names in (("partners", mapping.partners), ("ties", mapping.ties))
        if names is not None
    }
    source = Source(name=file, dossiers=dossiers, partners=blocks.get("partners"), ties=blocks.get("ties"))
    for node in nodes:
        number = str(node["number"])
        place = f"{file}, dossier {number}"
        values: dict[str, Any] = {}
        applicant = node.get("demandeur") or {}
        for column, value in (
            (ID_COLUMN, node["number"]),
            (STATE_COLUMN, node.get("state")),
            (UPDATED_COLUMN, node.get("dateDerniereModification")),
            (DEPOSITED_COLUMN, node.get("dateDepot")),
            (APPLICANT_SIRET_COLUMN, applicant.get("siret")),
            (APPLICANT_NAME_COLUMN, ((applicant.get("entreprise") or {}).get("raisonSociale"))),
        ):
            _put(dossiers, values, column, value)
        if (found := _establishment(applicant)) is not None:
            source.establishments["".join(str(applicant["siret"]).split())] = found
        _champ_values(dossiers, values, node.get("champs") or [], mapping.separator, source.establishments)
        dossiers.rows.append(TableRow(values, place, None, None))
        for section, table in blocks.items():
            names = mapping.partners if section == "partners" else mapping.ties
            assert names is not None
            for line, row in enumerate(_block(node, names), start=1):
                cells: dict[str, Any] = {}
                _put(table, cells, names["dossier_id"], node["number"])
                _champ_values(table, cells, row.get("champs") or [], mapping.separator, source.establishments)
                table.rows.append(TableRow(cells, place, table.title, line))
    return source


__all__ = ["DOSSIERS_QUERY", "PLATFORM_COLUMNS", "champ_value", "source_from_dossiers"]
