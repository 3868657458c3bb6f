"""Checks of French administrative identifiers: INSEE territory codes, SIREN and SIRET."""

from __future__ import annotations

import re

from graph_service.domain.vocabulary import TerritoryLevel

# La Poste's establishments share one SIREN and follow their own rule (sum of digits % 5); only
# the head office's SIRET follows Luhn.
_LA_POSTE_SIREN = "356000000"
_LA_POSTE_HEAD_OFFICE = "35600000000048"

_TERRITORY_PATTERNS: dict[TerritoryLevel, re.Pattern[str]] = {
    TerritoryLevel.COMMUNE: re.compile(r"(?:\d{5}|2[AB]\d{3})", re.ASCII),
    TerritoryLevel.EPCI: re.compile(r"\d{9}", re.ASCII),
    # No "20": Corsica has been 2A and 2B since 1976.
    TerritoryLevel.DEPARTEMENT: re.compile(r"(?:0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-6])", re.ASCII),
    TerritoryLevel.REGION: re.compile(r"\d{2}", re.ASCII),
    TerritoryLevel.QPV: re.compile(r"Q[NP]\d{3}[0-9A-Z]{3,4}", re.ASCII),
}

_TERRITORY_SHAPES = {
    TerritoryLevel.COMMUNE: "5 caractères (ex. 59512, 2A004)",
    TerritoryLevel.EPCI: "SIREN à 9 chiffres (ex. 200093201)",
    TerritoryLevel.DEPARTEMENT: "2 ou 3 caractères (ex. 59, 2A, 974)",
    TerritoryLevel.REGION: "2 chiffres (ex. 32)",
    TerritoryLevel.QPV: "code QPV (ex. QN05912M)",
}


# Luhn doubles every second digit from the right and adds the digits of the product: 7 → 14 → 5.
_DOUBLED = {str(d): (2 * d) % 10 + (2 * d) // 10 for d in range(10)}
_SINGLE = {str(d): d for d in range(10)}


def luhn_valid(digits: str) -> bool:
    """Return whether a string of digits passes the Luhn checksum (ISO/IEC 7812-1).

    Table look-ups rather than arithmetic per digit: every stored organisation is checked again
    when it is read back.
    """
    if not (digits.isascii() and digits.isdigit()):
        return False
    total = sum(_SINGLE[c] for c in digits[::-1][::2]) + sum(_DOUBLED[c] for c in digits[::-1][1::2])
    return total % 10 == 0


def siren_valid(siren: str) -> bool:
    """Return whether ``siren`` is nine digits with a valid Luhn key."""
    return len(siren) == 9 and luhn_valid(siren)


def siret_valid(siret: str) -> bool:
    """Return whether ``siret`` is fourteen digits with a valid key.

    The key is Luhn over the fourteen digits, except for La Poste's establishments, whose SIRETs
    have a digit sum divisible by 5 (INSEE's published exception); La Poste's head office,
    35600000000048, follows Luhn like everyone else.
    """
    if len(siret) != 14 or not (siret.isascii() and siret.isdigit()):
        return False
    if siret.startswith(_LA_POSTE_SIREN) and siret != _LA_POSTE_HEAD_OFFICE:
        return sum(int(c) for c in siret) % 5 == 0
    return luhn_valid(siret)


def territory_code_problem(code: str, level: TerritoryLevel) -> str | None:
    """Return why ``code`` is not a valid code for ``level``, or ``None`` when it is."""
    if not _TERRITORY_PATTERNS[level].fullmatch(code):
        return f"code INSEE mal formé pour le niveau {level.value} : attendu {_TERRITORY_SHAPES[level]}"
    if level is TerritoryLevel.EPCI and not luhn_valid(code):
        return "SIREN d'EPCI invalide (clé de Luhn fausse)"
    return None


_SIRET_SEPARATORS = re.compile(r"[\s.\u00a0\u202f-]")


def normalise_siret(raw: str) -> str:
    """Strip the spaces, dots and non-breaking spaces people type inside SIRETs."""
    return raw if raw.isdigit() else _SIRET_SEPARATORS.sub("", raw)
