"""Stable codes of the call's vocabulary, with French and English display labels.

The codes are the ones of DESIGN.md; they are stored and exchanged as they are. Labels are for
people: ``label(code)`` gives the French one, ``label(code, "en")`` the English one.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

Lang = Literal["fr", "en"]


class Sector(StrEnum):
    EMPLOYMENT = "employment"
    SOCIAL = "social"
    EDUCATION = "education"
    HEALTH = "health"
    HOUSING = "housing"
    JUSTICE = "justice"
    YOUTH_SPORT_CULTURE = "youth_sport_culture"
    PUBLIC_AUTHORITY = "public_authority"
    ENTERPRISE = "enterprise"


class EnterpriseSubtype(StrEnum):
    SME = "sme"
    LARGE = "large"
    ENTREPRISE_ADAPTEE = "entreprise_adaptee"
    SIAE = "siae"
    ESAT = "esat"
    EMPLOYER_GROUP = "employer_group"


class Stage(StrEnum):
    REPERAGE = "reperage"
    MOBILISATION = "mobilisation"
    ACCOMPAGNEMENT = "accompagnement"
    LEVEE_FREINS = "levee_freins"
    FORMATION = "formation"
    EMPLOI = "emploi"


class Barrier(StrEnum):
    SANTE = "sante"
    LOGEMENT = "logement"
    MOBILITE = "mobilite"
    NUMERIQUE = "numerique"
    JUSTICE = "justice"
    GARDE_ENFANTS = "garde_enfants"
    ACCES_DROITS = "acces_droits"
    LANGUE = "langue"


class Public(StrEnum):
    NEET_16_25 = "neet_16_25"
    JEUNES_16_29 = "jeunes_16_29"
    DECROCHEURS = "decrocheurs"
    QPV = "qpv"
    RURAL = "rural"
    HANDICAP = "handicap"
    SORTANTS_ASE = "sortants_ase"
    SOUS_MAIN_JUSTICE = "sous_main_justice"
    SANS_DOMICILE = "sans_domicile"
    FEMMES_ISOLEES = "femmes_isolees"
    REFUGIES = "refugies"


class Commitment(StrEnum):
    CONVENTION = "convention"
    LETTRE_ENGAGEMENT = "lettre_engagement"
    COFINANCEMENT = "cofinancement"
    INFORMEL = "informel"

    @property
    def formal(self) -> bool:
        return self is not Commitment.INFORMEL


class TieKind(StrEnum):
    ORIENTATION = "orientation"
    CO_INTERVENTION = "co_intervention"
    CONVENTION = "convention"
    ECHANGE_INFORMATION = "echange_information"
    FINANCEMENT = "financement"
    MISE_A_DISPOSITION = "mise_a_disposition"


class TerritoryLevel(StrEnum):
    COMMUNE = "commune"
    EPCI = "epci"
    DEPARTEMENT = "departement"
    REGION = "region"
    QPV = "qpv"


class SchemeKind(StrEnum):
    CEJ = "cej"
    PLIE = "plie"
    GARANTIE_JEUNES = "garantie_jeunes"
    E2C = "e2c"
    EPIDE = "epide"
    PRIJ = "prij"
    PREVENTION_SPECIALISEE = "prevention_specialisee"
    CLUB_PREVENTION = "club_prevention"
    PASS = "pass"
    SIAE = "siae"
    OBLIGATION_FORMATION = "obligation_formation"
    PROMO_16_18 = "promo_16_18"
    OTHER = "other"


FORMAL_COMMITMENTS = frozenset(c for c in Commitment if c.formal)
EXIT_STAGES = frozenset({Stage.FORMATION, Stage.EMPLOI})
ENTRY_STAGE = Stage.REPERAGE

_LABELS: dict[str, tuple[str, str]] = {
    # sectors
    "employment": ("Emploi", "Employment"),
    "social": ("Social", "Social services"),
    "education": ("Éducation et formation", "Education and training"),
    "health": ("Santé", "Health"),
    "housing": ("Logement", "Housing"),
    "justice": ("Justice", "Justice"),
    "youth_sport_culture": ("Jeunesse, sport et culture", "Youth, sport and culture"),
    "public_authority": ("Collectivité ou État", "Public authority"),
    "enterprise": ("Entreprise", "Enterprise"),
    # enterprise subtypes
    "sme": ("PME / TPE", "SME"),
    "large": ("Grande entreprise", "Large enterprise"),
    "entreprise_adaptee": ("Entreprise adaptée", "Disability-inclusive enterprise"),
    "siae": ("Structure d'insertion par l'activité économique", "Work-integration enterprise"),
    "esat": ("ESAT", "Sheltered workshop (ESAT)"),
    "employer_group": ("Groupement d'employeurs", "Employer group"),
    # stages
    "reperage": ("Repérage", "Outreach"),
    "mobilisation": ("Mobilisation", "Re-engagement"),
    "accompagnement": ("Accompagnement", "Support"),
    "levee_freins": ("Levée des freins", "Lifting barriers"),
    "formation": ("Formation", "Training"),
    "emploi": ("Emploi", "Employment"),
    # barriers
    "sante": ("Santé", "Health"),
    "logement": ("Logement", "Housing"),
    "mobilite": ("Mobilité", "Mobility"),
    "numerique": ("Numérique", "Digital access"),
    "garde_enfants": ("Garde d'enfants", "Childcare"),
    "acces_droits": ("Accès aux droits", "Access to rights"),
    "langue": ("Langue", "Language"),
    # publics
    "neet_16_25": ("Jeunes NEET de 16 à 25 ans", "NEET aged 16-25"),
    "jeunes_16_29": ("Jeunes de 16 à 29 ans", "Young people aged 16-29"),
    "decrocheurs": ("Décrocheurs scolaires", "Early school leavers"),
    "qpv": ("Habitants des quartiers prioritaires", "Priority-district residents"),
    "rural": ("Publics ruraux", "Rural publics"),
    "handicap": ("Personnes en situation de handicap", "People with disabilities"),
    "sortants_ase": ("Sortants de l'aide sociale à l'enfance", "Care leavers"),
    "sous_main_justice": ("Personnes sous main de justice", "People under justice supervision"),
    "sans_domicile": ("Personnes sans domicile", "Homeless people"),
    "femmes_isolees": ("Femmes isolées", "Isolated women"),
    "refugies": ("Réfugiés", "Refugees"),
    # commitments
    "convention": ("Convention signée", "Signed agreement"),
    "lettre_engagement": ("Lettre d'engagement", "Letter of commitment"),
    "cofinancement": ("Cofinancement", "Co-funding"),
    "informel": ("Informel", "Informal"),
    # tie kinds (convention shares the commitment label)
    "orientation": ("Orientation", "Referral"),
    "co_intervention": ("Co-intervention", "Joint intervention"),
    "echange_information": ("Échange d'information", "Information sharing"),
    "financement": ("Financement", "Funding"),
    "mise_a_disposition": ("Mise à disposition", "Secondment or shared resources"),
    # territory levels
    "commune": ("Commune", "Municipality"),
    "epci": ("Intercommunalité (EPCI)", "Inter-municipality (EPCI)"),
    "departement": ("Département", "Département"),
    "region": ("Région", "Region"),
    # scheme kinds (qpv shares the public label)
    "cej": ("Contrat d'engagement jeune", "Youth commitment contract (CEJ)"),
    "plie": ("PLIE", "Local plan for inclusion and employment (PLIE)"),
    "garantie_jeunes": ("Garantie jeunes", "Youth guarantee"),
    "e2c": ("École de la deuxième chance", "Second-chance school (E2C)"),
    "epide": ("EPIDE", "EPIDE"),
    "prij": ("PRIJ", "Regional youth inclusion plan (PRIJ)"),
    "prevention_specialisee": ("Prévention spécialisée", "Specialised street prevention"),
    "club_prevention": ("Club de prévention", "Prevention club"),
    "pass": ("PASS (permanence d'accès aux soins)", "Health access desk (PASS)"),
    "obligation_formation": ("Obligation de formation 16-18 ans", "Training obligation 16-18"),
    "promo_16_18": ("Promo 16-18", "Promo 16-18"),
    "other": ("Autre dispositif", "Other scheme"),
}


def label(code: str, lang: Lang = "fr") -> str:
    """Return the display label of ``code`` in ``lang``; the code itself when it has none."""
    pair = _LABELS.get(str(code))
    if pair is None:
        return str(code)
    return pair[0] if lang == "fr" else pair[1]


__all__ = [
    "ENTRY_STAGE",
    "EXIT_STAGES",
    "FORMAL_COMMITMENTS",
    "Barrier",
    "Commitment",
    "EnterpriseSubtype",
    "Lang",
    "Public",
    "SchemeKind",
    "Sector",
    "Stage",
    "TerritoryLevel",
    "TieKind",
    "label",
]
