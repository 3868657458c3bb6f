"""The sector of an organisation from its SIRET's NAF code and legal category, offline.

A form (or the API's ``SiretChamp.etablissement``) often gives the activity code and the legal
form of a structure but not the product's sector. This small nomenclature, shipped with the
package (``demarches_sectors.toml``, INSEE's public codes), fills the sector in when nothing else
does; it never overrides a sector the form gives.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from graph_service.domain.vocabulary import EnterpriseSubtype, Sector


@dataclass(frozen=True)
class Nomenclature:
    legal_category: dict[str, str]
    legal_category_enterprise: dict[str, str]
    naf: dict[str, str]
    naf_enterprise_divisions: range
    subtype: dict[str, str]


def load_nomenclature() -> Nomenclature:
    """Read the shipped table (a reader loads it once per import)."""
    text = resources.files("loaders").joinpath("demarches_sectors.toml").read_text("utf-8")
    document: dict[str, Any] = tomllib.loads(text)
    divisions = document["naf_enterprise_divisions"]
    table = Nomenclature(
        legal_category=document["legal_category"],
        legal_category_enterprise=document["legal_category_enterprise"],
        naf=document["naf"],
        naf_enterprise_divisions=range(int(divisions["first"]), int(divisions["last"]) + 1),
        subtype=document["subtype"],
    )
    for value in [
        *table.legal_category.values(),
        *table.legal_category_enterprise.values(),
        *table.naf.values(),
    ]:
        Sector(value)  # a typo in the table fails loudly, here
    for value in table.subtype.values():
        EnterpriseSubtype(value)
    return table


def normalise_naf(code: str | None) -> str | None:
    """``88.10C``, ``8810c`` and ``88.10 C`` all read ``8810C``."""
    if not code:
        return None
    cleaned = "".join(c for c in code if c.isalnum()).upper()
    return cleaned or None


def _by_prefix(table: dict[str, str], code: str, lengths: tuple[int, ...]) -> str | None:
    for length in lengths:
        if len(code) >= length and code[:length] in table:
            return table[code[:length]]
    return None


def sector_from_codes(table: Nomenclature, naf: str | None, legal_category: str | None) -> Sector | None:
    """The sector that a NAF code and a legal category decide, or ``None`` when they do not.

    A public legal category (a commune, a CCAS, a hospital) decides first: a commune's NAF code
    (84.11Z) says less. Then the NAF sub-class, class or division; then a legal category that only
    says "a company".

    Examples
    --------
    >>> table = load_nomenclature()
    >>> sector_from_codes(table, "88.99B", "9220")
    <Sector.SOCIAL: 'social'>
    >>> sector_from_codes(table, "84.11Z", "7361")
    <Sector.SOCIAL: 'social'>
    >>> sector_from_codes(table, "43.32A", None)
    <Sector.ENTERPRISE: 'enterprise'>
    >>> sector_from_codes(table, "94.99Z", "9220") is None
    True
    """
    category = "".join(c for c in (legal_category or "") if c.isdigit())
    if found := _by_prefix(table.legal_category, category, (4, 2)):
        return Sector(found)
    code = normalise_naf(naf)
    if code:
        if found := _by_prefix(table.naf, code, (5, 4, 2)):
            return Sector(found)
        if code[:2].isdigit() and int(code[:2]) in table.naf_enterprise_divisions:
            return Sector.ENTERPRISE
    if found := _by_prefix(table.legal_category_enterprise, category, (2,)):
        return Sector(found)
    return None


def subtype_from_naf(table: Nomenclature, naf: str | None) -> EnterpriseSubtype | None:
    """The enterprise subtype a NAF code decides (an ESAT), or ``None``."""
    code = normalise_naf(naf)
    found = _by_prefix(table.subtype, code, (5,)) if code else None
    return EnterpriseSubtype(found) if found else None


__all__ = ["Nomenclature", "load_nomenclature", "normalise_naf", "sector_from_codes", "subtype_from_naf"]
