"""Fixture dossiers for the GraphQL stand-in: the example export's applications, as the API gives them.

Built from the lists of ``examples/demarches/build_example.py``, so the example mapping reads the
API and the export alike. Differences are the API's own: states as enum values (``en_instruction``),
SIRET champs carrying their ``etablissement`` (the young workers' hostel leaves its NAF champ empty:
its ``etablissement.naf`` says 55.90Z), and a dossier whose applicant the platform could not look up
(``PersonneMoraleIncomplete``).
"""

from __future__ import annotations

import base64
import runpy
from datetime import date
from pathlib import Path
from typing import Any

EXAMPLE = runpy.run_path(
    str(Path(__file__).resolve().parents[2] / "examples" / "demarches" / "build_example.py")
)
ORGANISATIONS: dict[str, tuple[str, str, str, str, str]] = EXAMPLE["ORGANISATIONS"]
STATES = {"En instruction": "en_instruction", "En construction": "en_construction", "Accepté": "accepte"}
MODIFIED = "2019-06-14T17:02:00+02:00"
HOSTEL = "Foyer de jeunes travailleurs de l’Estran"


def _id(prefix: str, key: str) -> str:
    return base64.b64encode(f"{prefix}-{key}".encode()).decode()


def champ(kind: str, label: str, text: Any, **extra: Any) -> dict[str, Any]:
    """A champ as the API gives it; its champDescriptorId is stable, derived from its label here."""
    descriptor = _id("Champ", label)
    text = None if text in (None, "") else str(text)
    return {
        "__typename": kind,
        "id": descriptor,
        "champDescriptorId": descriptor,
        "label": label,
        "stringValue": text,
        "updatedAt": MODIFIED,
        "prefilled": False,
        **extra,
    }


def siret_champ(label: str, name: str) -> dict[str, Any]:
    number, _rna, _sector, naf, legal = ORGANISATIONS[name]
    if not number:
        return champ("SiretChamp", label, None, etablissement=None)
    establishment = {
        "__typename": "PersonneMorale",
        "id": _id("Etablissement", number),
        "siret": number,
        "siegeSocial": True,
        "naf": naf or "88.99B",
        "libelleNaf": "",
        "address": {"label": "", "cityName": "Douai", "cityCode": "59178", "postalCode": "59500"},
        "entreprise": {
            "siren": number[:9],
            "raisonSociale": name.upper(),
            "nomCommercial": "",
            "formeJuridique": None,
            "formeJuridiqueCode": legal or "9220",
        },
        "association": None,
    }
    return champ("SiretChamp", label, number, etablissement=establishment)


def multiple(label: str, text: str) -> dict[str, Any]:
    values = [item.strip() for item in text.split(",") if item.strip()]
    return champ("MultipleDropDownListChamp", label, ", ".join(values) or None, values=values)


def partner_row(partner: tuple[Any, ...]) -> dict[str, Any]:
    _dossier, name, commitment, role, stages, barriers, enterprise = partner
    _number, rna, sector, naf, legal = ORGANISATIONS[name]
    return {
        "id": _id("Row", name),
        "champs": [
            siret_champ("SIRET du partenaire", name),
            champ("TextChamp", "Numéro RNA du partenaire", rna),
            champ("TextChamp", "Nom du partenaire", name),
            champ("TextChamp", "Secteur du partenaire", sector),
            # The hostel's NAF code comes from its establishment, not from this champ.
            champ("TextChamp", "Code NAF du partenaire", None if name == HOSTEL else naf),
            champ("TextChamp", "Catégorie juridique du partenaire", None if name == HOSTEL else legal),
            champ("TextChamp", "Type d’entreprise", enterprise),
            champ("TextChamp", "Nature de l’engagement", commitment),
            champ("TextChamp", "Rôle dans le projet", role),
            multiple("Étapes du parcours", stages),
            multiple("Freins levés", barriers),
        ],
    }


def tie_row(tie: tuple[Any, ...]) -> dict[str, Any]:
    _dossier, source, target, kind, formal, strength = tie
    return {
        "id": _id("Row", f"{source}-{target}"),
        "champs": [
            champ("TextChamp", "Partenaire d’origine", source),
            champ("TextChamp", "Partenaire destinataire", target),
            champ("TextChamp", "Nature du lien", kind),
            champ("CheckboxChamp", "Lien formalisé", formal, value=formal == "Oui"),
            champ("TextChamp", "Intensité", strength),
        ],
    }


def dossier(values: tuple[Any, ...], modified: str = MODIFIED) -> dict[str, Any]:
    number, _email, state, title, lead, stages, barriers, served, communes, publics, schemes, _budget = values
    _siret, _rna, lead_sector, _naf, _legal = ORGANISATIONS[lead]
    blocks = [
        champ("RepetitionChamp", label, None, rows=[make(row) for row in rows if row[0] == number])
        for label, rows, make in (
            ("Partenaires", EXAMPLE["PARTNERS"], partner_row),
            ("Liens entre partenaires", EXAMPLE["TIES"], tie_row),
        )
    ]
    applicant = siret_champ("SIRET de la structure porteuse", lead)
    demandeur = (
        {"__typename": "PersonneMoraleIncomplete", "id": _id("Demandeur", str(number)), "siret": _siret}
        if number == 1203
        else applicant["etablissement"]
    )
    return {
        "id": _id("Dossier", str(number)),
        "number": number,
        "state": STATES[state],
        "archived": False,
        "dateDepot": "2019-05-28T11:40:00+02:00",
        "dateDerniereModification": modified,
        "demandeur": demandeur,
        "champs": [
            champ("TextChamp", "Intitulé du projet", title),
            champ("DateChamp", "Date de démarrage", "2019-09-02", date=date(2019, 9, 2).isoformat()),
            applicant,
            champ("TextChamp", "Raison sociale de la structure porteuse", lead),
            champ("TextChamp", "Secteur de la structure porteuse", lead_sector),
            multiple("Étapes du parcours assurées par la structure porteuse", stages),
            multiple("Freins levés par la structure porteuse", barriers),
            multiple("Publics accompagnés par la structure porteuse", served),
            multiple("Communes d’intervention", communes),
            multiple("Publics visés", publics),
            multiple("Dispositifs avec lesquels le projet s’articule", schemes),
            *blocks,
        ],
    }


def example_dossiers() -> list[dict[str, Any]]:
    """The four dossiers of the example export (1202 is still « en construction »)."""
    return [dossier(values) for values in EXAMPLE["DOSSIERS"]]


def deleted_dossier(number: int, when: str) -> dict[str, Any]:
    return {
        "id": _id("Dossier", str(number)),
        "number": number,
        "state": "en_instruction",
        "reason": "user_request",
        "dateSupression": when,
    }


__all__ = ["MODIFIED", "champ", "deleted_dossier", "dossier", "example_dossiers"]
