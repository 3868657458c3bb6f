"""Build ``export-dossiers.xlsx``: a fictional démarches-simplifiées export, in the platform's shape.

A ``Dossiers`` sheet (one row per application: the platform's own columns, then the form's fields
by their labels), a ``Partenaires`` sheet for the repeated block of partners and a ``Liens entre
partenaires`` sheet for the block of ties (``Dossier ID``, ``Ligne``, then the block's fields).
Written the way the platform writes it: states as displayed (« En instruction »), typographic
apostrophes (« Lettre d’engagement »), SIRETs with spaces, date cells, empty optional cells, a
partner known by its RNA number and one with neither SIRET nor RNA.

Every organisation and person is fictional; the SIRETs are made up with a correct Luhn key, the
RNA numbers are made up too. The communes are real INSEE codes of the Nord, the territory of the
demo, and the schemes are the demo's.

Run from the repository root: ``python examples/demarches/build_example.py``.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from graph_service.domain.codes import luhn_valid

HERE = Path(__file__).parent
CREATED = datetime(2019, 6, 3, 9, 0)


def siret(number: int) -> str:
    """A fictional SIRET: ``99`` then the number, then the digit that makes the Luhn key right."""
    body = f"99{number:011d}"
    return body + next(key for key in "0123456789" if luhn_valid(body + key))


def spaced(number: str) -> str:
    """A SIRET as the platform writes it: ``999 000 000 10 1``-like groups of 3, 3, 3 and 5."""
    return f"{number[:3]} {number[3:6]} {number[6:9]} {number[9:]}"


# name → (SIRET or "", RNA or "", sector as shown in the form or "" with NAF and legal category)
ORGANISATIONS: dict[str, tuple[str, str, str, str, str]] = {
    "Association Trait d’Union": (siret(101), "", "Action sociale", "", ""),
    "Mission locale du Douaisis (fictive)": (siret(102), "", "Emploi / insertion", "", ""),
    "CIO de Douai (fictif)": (siret(103), "", "Éducation / formation", "", ""),
    "Menuiseries de la Scarpe": (siret(104), "", "Entreprise", "", ""),
    "Centre médico-psychologique Jeunes": (siret(105), "", "Santé", "", ""),
    "Auto-école sociale Sambre-Avesnois": (siret(106), "", "Action sociale", "", ""),
    "Garage solidaire du Val de Sambre": (siret(107), "", "Entreprise", "", ""),
    "Mission locale Sambre (fictive)": (siret(108), "", "Emploi / insertion", "", ""),
    "Réseau Employeurs Nord": (siret(109), "", "Entreprise", "", ""),
    "Centre social Les Dunes": (siret(110), "", "Action sociale", "", ""),
    "SPIP du Littoral (fictif)": (siret(111), "", "Justice", "", ""),
    # No sector in the form: read from its NAF code (55.90Z, other accommodation) offline.
    "Foyer de jeunes travailleurs de l’Estran": (siret(112), "", "", "55.90Z", "9220"),
    "Club de prévention du Douaisis": (siret(113), "", "Action sociale", "", ""),
    # An association known by its RNA number only, and a residents' group with no number at all.
    "Les Petits Débrouillards du Douaisis (fictifs)": ("", "W595009871", "Jeunesse, sport, culture", "", ""),
    "Collectif d’habitants du Faubourg de Béthune": ("", "", "Action sociale", "", ""),
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
    "Date de démarrage",
    "SIRET de la structure porteuse",
    "Raison sociale de la structure porteuse",
    "Secteur de la structure porteuse",
    "Étapes du parcours assurées par la structure porteuse",
    "Freins levés par la structure porteuse",
    "Publics accompagnés par la structure porteuse",
    "Communes d’intervention",
    "Publics visés",
    "Dispositifs avec lesquels le projet s’articule",
    "Budget total (€)",
]
# (ID, e-mail, state as displayed, title, lead, lead stages, lead barriers, lead publics, communes,
#  publics, schemes, budget); the lead intervenes on the project's communes.
DOSSIERS = [
    (
        1201,
        "contact@trait-d-union.example",
        "En instruction",
        "Les Passerelles du Douaisis",
        "Association Trait d’Union",
        "Repérage, Mobilisation",
        "Mobilité, Accès aux droits",
        "Jeunes NEET de 16 à 25 ans, Habitants des quartiers prioritaires",
        "Douai (59178), Sin-le-Noble (59569)",
        "Jeunes NEET de 16 à 25 ans, Habitants des quartiers prioritaires",
        "CEJ du Douaisis, PLIE du Douaisis",
        185000,
    ),
    (
        1202,
        "direction@autoecole-sambre.example",
        "En construction",
        "Sambre Mobilité Jeunes",
        "Auto-école sociale Sambre-Avesnois",
        "Levée des freins",
        "Mobilité",
        "Jeunes de 16 à 29 ans",
        "Maubeuge (59392)",
        "Jeunes de 16 à 29 ans",
        "",
        64000,
    ),
    (
        1203,
        "accueil@cs-lesdunes.example",
        "En instruction",
        "Littoral en route",
        "Centre social Les Dunes",
        "Repérage, Accompagnement",
        "Logement",
        "Jeunes NEET de 16 à 25 ans, Personnes sous main de justice",
        "Dunkerque (59183), Grande-Synthe (59271)",
        "Jeunes NEET de 16 à 25 ans, Personnes sous main de justice",
        "CEJ du Littoral",
        122500,
    ),
    (
        1204,
        "projets@ml-douaisis.example",
        "Accepté",
        "Raccrochage à Sin-le-Noble",
        "Mission locale du Douaisis (fictive)",
        "Accompagnement, Formation",
        # An optional field left empty: the lead's barriers are « non renseigné ».
        "",
        "Décrocheurs scolaires",
        "Sin-le-Noble (59569)",
        "Décrocheurs scolaires",
        "CEJ du Douaisis",
        48000,
    ),
]
PARTNER_COLUMNS = [
    "Dossier ID",
    "Ligne",
    "SIRET du partenaire",
    "Numéro RNA du partenaire",
    "Nom du partenaire",
    "Secteur du partenaire",
    "Code NAF du partenaire",
    "Catégorie juridique du partenaire",
    "Type d’entreprise",
    "Nature de l’engagement",
    "Rôle dans le projet",
    "Étapes du parcours",
    "Freins levés",
]
# (dossier, partner, commitment as shown, role, stages as shown, barriers, enterprise type)
PARTNERS = [
    (
        1201,
        "Mission locale du Douaisis (fictive)",
        "Convention signée",
        "Suivi des jeunes repérés",
        "Accompagnement",
        "",
        "",
    ),
    (
        1201,
        "CIO de Douai (fictif)",
        "Lettre d’engagement",
        "Bilans d’orientation",
        "Accompagnement, Formation",
        "",
        "",
    ),
    (
        1201,
        "Menuiseries de la Scarpe",
        "Lettre d’engagement",
        "Immersions et stages",
        "Emploi",
        "",
        "PME / TPE",
    ),
    (1201, "Centre médico-psychologique Jeunes", "Partenariat informel", "", "Levée des freins", "Santé", ""),
    (
        1201,
        "Les Petits Débrouillards du Douaisis (fictifs)",
        "Lettre d’engagement",
        "Ateliers",
        "Mobilisation",
        "Numérique",
        "",
    ),
    (
        1201,
        "Collectif d’habitants du Faubourg de Béthune",
        "Partenariat informel",
        "Aller vers",
        "Repérage",
        "",
        "",
    ),
    (
        1202,
        "Garage solidaire du Val de Sambre",
        "Cofinancement",
        "Véhicules à prix solidaire",
        "Levée des freins",
        "Mobilité",
        "Structure d'insertion par l'activité économique",
    ),
    (1202, "Mission locale Sambre (fictive)", "Convention signée", "Orientation des jeunes", "", "", ""),
    (
        1203,
        "SPIP du Littoral (fictif)",
        "Convention signée",
        "Orientation des sortants",
        "Repérage",
        "Justice",
        "",
    ),
    (
        1203,
        "Foyer de jeunes travailleurs de l’Estran",
        "Lettre d’engagement",
        "Hébergement",
        "Levée des freins",
        "Logement",
        "",
    ),
    (
        1203,
        "Réseau Employeurs Nord",
        "Partenariat informel",
        "Offres d’emploi",
        "Emploi",
        "",
        "Groupement d'employeurs",
    ),
    (
        1202,
        "Réseau Employeurs Nord",
        "Lettre d’engagement",
        "Mises en situation",
        "Emploi",
        "",
        "Groupement d'employeurs",
    ),
    (1204, "Club de prévention du Douaisis", "Partenariat informel", "Repérage de rue", "", "", ""),
]
TIE_COLUMNS = [
    "Dossier ID",
    "Ligne",
    "Partenaire d’origine",
    "Partenaire destinataire",
    "Nature du lien",
    "Lien formalisé",
    "Intensité",
]
# (dossier, from, to, kind as shown, formal, strength); a tie names a member by its name or SIRET,
# or the lead as « Porteur ».
TIES = [
    (1201, "Collectif d’habitants du Faubourg de Béthune", "Porteur", "Orientation", "Non", 2),
    (1201, "Porteur", "Mission locale du Douaisis (fictive)", "Orientation", "Oui", 3),
    (
        1201,
        "Mission locale du Douaisis (fictive)",
        "CIO de Douai (fictif)",
        "Échange d’information",
        "Oui",
        2,
    ),
    (1201, "CIO de Douai (fictif)", "Menuiseries de la Scarpe", "Orientation", "Non", 1),
    (1203, "SPIP du Littoral (fictif)", "Porteur", "Orientation", "Oui", 2),
    (1203, "Porteur", spaced(siret(112)), "Co-intervention", "Oui", 2),
    (1203, "Foyer de jeunes travailleurs de l’Estran", "Réseau Employeurs Nord", "Orientation", "Non", 1),
]


def build() -> Workbook:
    workbook = Workbook()
    dossiers = workbook.active
    assert dossiers is not None
    dossiers.title = "Dossiers"
    dossiers.append(PLATFORM_COLUMNS + FORM_COLUMNS)
    for (
        number,
        email,
        state,
        title,
        lead,
        stages,
        barriers,
        served,
        communes,
        publics,
        schemes,
        budget,
    ) in DOSSIERS:
        lead_siret, _, lead_sector, _, _ = ORGANISATIONS[lead]
        processed = state == "Accepté"
        dossiers.append(
            [
                number,
                email,
                False,
                state,
                datetime(2019, 6, 14, 17, 2),
                datetime(2019, 5, 28, 11, 40),
                datetime(2019, 6, 3, 9, 15) if state != "En construction" else None,
                datetime(2019, 6, 14, 17, 2) if processed else None,
                "Partenariat solide" if processed else None,
                "instructeur@dreets.example",
                title,
                date(2019, 9, 2),
                # The platform writes SIRETs with spaces; the loader removes them.
                spaced(lead_siret),
                lead,
                lead_sector,
                stages,
                barriers or None,
                served,
                communes,
                publics,
                schemes or None,
                budget,
            ]
        )
    partners = workbook.create_sheet("Partenaires")
    partners.append(PARTNER_COLUMNS)
    lines: dict[int, int] = {}
    for dossier, name, commitment, role, stages, barriers, enterprise in PARTNERS:
        lines[dossier] = lines.get(dossier, 0) + 1
        number, rna, sector, naf, legal = ORGANISATIONS[name]
        partners.append(
            [
                dossier,
                lines[dossier],
                spaced(number) if number else None,
                rna or None,
                name,
                sector or None,
                naf or None,
                legal or None,
                enterprise or None,
                commitment,
                role or None,
                stages or None,
                barriers or None,
            ]
        )
    ties = workbook.create_sheet("Liens entre partenaires")
    ties.append(TIE_COLUMNS)
    lines = {}
    for dossier, source, target, kind, formal, strength in TIES:
        lines[dossier] = lines.get(dossier, 0) + 1
        ties.append([dossier, lines[dossier], source, target, kind, formal, strength])
    workbook.properties.creator = "demarches-simplifiees (exemple fictif)"
    workbook.properties.created = CREATED
    workbook.properties.modified = CREATED
    return workbook


if __name__ == "__main__":
    build().save(HERE / "export-dossiers.xlsx")
    print(f"écrit : {HERE / 'export-dossiers.xlsx'}")
