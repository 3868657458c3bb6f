"""Build ``export-dossiers.xlsx``: a fictional démarches-simplifiées export, in the platform's shape.

A ``Dossiers`` sheet (one row per application: the platform's own columns, then the form's fields
by their labels) and a ``Partenaires`` sheet for the repeated block (``Dossier ID``, ``Ligne``,
then the block's fields; one row per partner). Every organisation and person is fictional; the
SIRETs are made up with a correct Luhn key. The communes are real INSEE codes of the Nord, the
territory of the demo.

Run from the repository root: ``python examples/demarches/build_example.py``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from graph_service.domain.codes import luhn_valid

HERE = Path(__file__).parent
CREATED = datetime(2019, 6, 3, 9, 0)


def siret(number: int) -> str:
    """A fictional SIRET: ``99`` then the number, then the digit that makes the Luhn key right."""
    body = f"99{number:011d}"
    return body + next(key for key in "0123456789" if luhn_valid(body + key))


# name → (SIRET, sector as shown in the form)
ORGANISATIONS = {
    "Association Trait d'Union": (siret(101), "Action sociale"),
    "Mission locale du Douaisis (fictive)": (siret(102), "Emploi / insertion"),
    "CIO de Douai (fictif)": (siret(103), "Éducation / formation"),
    "Menuiseries de la Scarpe": (siret(104), "Entreprise"),
    "Centre médico-psychologique Jeunes": (siret(105), "Santé"),
    "Auto-école sociale Sambre-Avesnois": (siret(106), "Action sociale"),
    "Garage solidaire du Val de Sambre": (siret(107), "Entreprise"),
    "Mission locale Sambre (fictive)": (siret(108), "Emploi / insertion"),
    "Réseau Employeurs Nord": (siret(109), "Entreprise"),
    "Centre social Les Dunes": (siret(110), "Action sociale"),
    "SPIP du Littoral (fictif)": (siret(111), "Justice"),
    "Foyer de jeunes travailleurs de l'Estran": (siret(112), "Logement"),
    "Club de prévention du Douaisis": (siret(113), "Action sociale"),
}

PLATFORM_COLUMNS = [
    "ID",
    "Email",
    "Archivé",
    "État du dossier",
    "Dernière mise à jour le",
    "Déposé le",
    "Passé en instruction le",
    "Traité le",
    "Motivation de la décision",
    "Instructeurs",
]
FORM_COLUMNS = [
    "Intitulé du projet",
    "SIRET de la structure porteuse",
    "Raison sociale de la structure porteuse",
    "Secteur de la structure porteuse",
    "Communes d'intervention",
    "Publics visés",
    "Budget total (€)",
]
# (ID, e-mail, state, title, lead, communes, publics, budget)
DOSSIERS = [
    (
        1201,
        "contact@trait-d-union.example",
        "en_instruction",
        "Les Passerelles du Douaisis",
        "Association Trait d'Union",
        "Douai (59178), Sin-le-Noble (59569)",
        "Jeunes NEET de 16 à 25 ans, Habitants des quartiers prioritaires",
        185000,
    ),
    (
        1202,
        "direction@autoecole-sambre.example",
        "en_construction",
        "Sambre Mobilité Jeunes",
        "Auto-école sociale Sambre-Avesnois",
        "Maubeuge (59392)",
        "Jeunes de 16 à 29 ans",
        64000,
    ),
    (
        1203,
        "accueil@cs-lesdunes.example",
        "en_instruction",
        "Littoral en route",
        "Centre social Les Dunes",
        "Dunkerque (59183), Grande-Synthe (59271)",
        "Jeunes NEET de 16 à 25 ans, Personnes sous main de justice",
        122500,
    ),
    (
        1204,
        "projets@ml-douaisis.example",
        "accepte",
        "Raccrochage à Sin-le-Noble",
        "Mission locale du Douaisis (fictive)",
        "Sin-le-Noble (59569)",
        "Décrocheurs scolaires",
        48000,
    ),
]
PARTNER_COLUMNS = [
    "Dossier ID",
    "Ligne",
    "SIRET du partenaire",
    "Nom du partenaire",
    "Secteur du partenaire",
    "Nature de l'engagement",
    "Rôle dans le projet",
    "Étapes du parcours",
]
# (dossier, partner, commitment as shown, role, stages as shown)
PARTNERS = [
    (
        1201,
        "Mission locale du Douaisis (fictive)",
        "Convention signée",
        "Suivi des jeunes repérés",
        "Accompagnement",
    ),
    (
        1201,
        "CIO de Douai (fictif)",
        "Lettre d'engagement",
        "Bilans d'orientation",
        "Accompagnement, Formation",
    ),
    (1201, "Menuiseries de la Scarpe", "Lettre d'engagement", "Immersions et stages", "Emploi"),
    (1201, "Centre médico-psychologique Jeunes", "Partenariat informel", "", "Levée des freins"),
    (
        1202,
        "Garage solidaire du Val de Sambre",
        "Cofinancement",
        "Véhicules à prix solidaire",
        "Levée des freins",
    ),
    (1202, "Mission locale Sambre (fictive)", "Convention signée", "Orientation des jeunes", ""),
    (1203, "SPIP du Littoral (fictif)", "Convention signée", "Orientation des sortants", "Repérage"),
    (
        1203,
        "Foyer de jeunes travailleurs de l'Estran",
        "Lettre d'engagement",
        "Hébergement",
        "Levée des freins",
    ),
    (1203, "Réseau Employeurs Nord", "Partenariat informel", "Offres d'emploi", "Emploi"),
    (1202, "Réseau Employeurs Nord", "Lettre d'engagement", "Mises en situation", "Emploi"),
    (1204, "Club de prévention du Douaisis", "Partenariat informel", "Repérage de rue", ""),
]


def build() -> Workbook:
    workbook = Workbook()
    dossiers = workbook.active
    assert dossiers is not None
    dossiers.title = "Dossiers"
    dossiers.append(PLATFORM_COLUMNS + FORM_COLUMNS)
    for number, email, state, title, lead, communes, publics, budget in DOSSIERS:
        lead_siret, lead_sector = ORGANISATIONS[lead]
        processed = state == "accepte"
        dossiers.append(
            [
                number,
                email,
                False,
                state,
                datetime(2019, 6, 14, 17, 2),
                datetime(2019, 5, 28, 11, 40),
                datetime(2019, 6, 3, 9, 15) if state != "en_construction" else None,
                datetime(2019, 6, 14, 17, 2) if processed else None,
                "Partenariat solide" if processed else None,
                "instructeur@dreets.example",
                title,
                # The platform writes SIRETs with spaces; the loader removes them.
                f"{lead_siret[:3]} {lead_siret[3:6]} {lead_siret[6:9]} {lead_siret[9:]}",
                lead,
                lead_sector,
                communes,
                publics,
                budget,
            ]
        )
    partners = workbook.create_sheet("Partenaires")
    partners.append(PARTNER_COLUMNS)
    lines: dict[int, int] = {}
    for dossier, name, commitment, role, stages in PARTNERS:
        lines[dossier] = lines.get(dossier, 0) + 1
        partner_siret, sector = ORGANISATIONS[name]
        partners.append(
            [dossier, lines[dossier], partner_siret, name, sector, commitment, role or None, stages or None]
        )
    workbook.properties.creator = "demarches-simplifiees (exemple fictif)"
    workbook.properties.created = CREATED
    workbook.properties.modified = CREATED
    return workbook


if __name__ == "__main__":
    build().save(HERE / "export-dossiers.xlsx")
    print(f"écrit : {HERE / 'export-dossiers.xlsx'}")
