"""Build the fictional demo territory (``demo.json``) from the tables below.

Run ``python -m graph_service.demo.build_demo`` to regenerate ``demo.json`` next to this file. The
build is deterministic (no randomness, sorted output), so running it twice gives the same bytes.

The territory is real (département du Nord, its EPCIs and communes, with their INSEE codes); the
QPV codes and names, every organisation, every SIRET, every scheme and every application are
invented. See ``README.md`` for which application illustrates which partnership pattern.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypedDict

from graph_service.domain.codes import luhn_valid
from graph_service.domain.models import Dataset
from graph_service.domain.validation import parse_document

CALL = "aap-invisibles-2019"
OUTPUT = Path(__file__).with_name("demo.json")

# Real INSEE codes and SIRENs (EPCI SIRENs pass the Luhn check the model applies).
REGION, NORD = "32", "59"
MEL, DOUAISIS, VALENCIENNES_METRO = "200093201", "200044618", "245901160"
PORTE_HAINAUT, MAUBEUGE_SAMBRE, DUNKERQUE_CU = "200042190", "200043396", "245900428"
ROUBAIX, TOURCOING, WATTRELOS, LILLE = "59512", "59599", "59650", "59350"
DOUAI, SIN_LE_NOBLE = "59178", "59569"
VALENCIENNES, ANZIN, DENAIN = "59606", "59014", "59172"
MAUBEUGE, DUNKERQUE, GRANDE_SYNTHE = "59392", "59183", "59271"
# Invented QPV codes: the "X" makes them impossible as real codes (real ones are QP + 6 digits).
QPV_ROUBAIX, QPV_TOURCOING, QPV_DENAIN, QPV_VALENCIENNES = "QP059X01", "QP059X02", "QP059X03", "QP059X04"

TERRITORIES: list[tuple[str, str, str, str | None]] = [
    (REGION, "Hauts-de-France", "region", None),
    (NORD, "Nord", "departement", REGION),
    (MEL, "Métropole Européenne de Lille", "epci", NORD),
    (DOUAISIS, "Douaisis Agglo", "epci", NORD),
    (VALENCIENNES_METRO, "CA Valenciennes Métropole", "epci", NORD),
    (PORTE_HAINAUT, "CA de la Porte du Hainaut", "epci", NORD),
    (MAUBEUGE_SAMBRE, "CA Maubeuge Val de Sambre", "epci", NORD),
    (DUNKERQUE_CU, "Communauté urbaine de Dunkerque", "epci", NORD),
    (ROUBAIX, "Roubaix", "commune", MEL),
    (TOURCOING, "Tourcoing", "commune", MEL),
    (WATTRELOS, "Wattrelos", "commune", MEL),
    (LILLE, "Lille", "commune", MEL),
    (DOUAI, "Douai", "commune", DOUAISIS),
    (SIN_LE_NOBLE, "Sin-le-Noble", "commune", DOUAISIS),
    (VALENCIENNES, "Valenciennes", "commune", VALENCIENNES_METRO),
    (ANZIN, "Anzin", "commune", VALENCIENNES_METRO),
    (DENAIN, "Denain", "commune", PORTE_HAINAUT),
    (MAUBEUGE, "Maubeuge", "commune", MAUBEUGE_SAMBRE),
    (DUNKERQUE, "Dunkerque", "commune", DUNKERQUE_CU),
    (GRANDE_SYNTHE, "Grande-Synthe", "commune", DUNKERQUE_CU),
    (QPV_ROUBAIX, "Quartier fictif du Pont-Vert (Roubaix)", "qpv", ROUBAIX),
    (QPV_TOURCOING, "Quartier fictif des Trois-Navettes (Tourcoing)", "qpv", TOURCOING),
    (QPV_DENAIN, "Quartier fictif des Corons-Bleus (Denain)", "qpv", DENAIN),
    (QPV_VALENCIENNES, "Quartier fictif du Canal-Rouge (Valenciennes)", "qpv", VALENCIENNES),
]

# fmt: off
# id, name, sector[/subtype], territories, stages, barriers, publics (space-separated codes).
ORGANISATIONS: list[tuple[str, str, str, str, str, str, str]] = [
    # Département, région: bodies acting everywhere.
    ("dept-insertion", "Direction de l'insertion du Département (fictive)", "public_authority",
     NORD, "", "mobilite acces_droits", "jeunes_16_29"),
    ("dept-ase", "Service départemental de l'aide sociale à l'enfance (fictif)", "social",
     NORD, "accompagnement levee_freins", "logement acces_droits", "sortants_ase"),
    ("caf-fictive", "Caisse d'allocations familiales (fictive) du Nord", "social",
     NORD, "levee_freins", "acces_droits garde_enfants", "femmes_isolees"),
    ("prefecture-egalite", "Délégation (fictive) du préfet à l'égalité des chances", "public_authority",
     NORD, "", "", "qpv"),
    ("region-orientation", "Service régional de l'orientation (fictif)", "public_authority",
     REGION, "mobilisation", "", "decrocheurs jeunes_16_29"),
    ("spip-fictif", "Antenne (fictive) du service pénitentiaire d'insertion", "justice",
     NORD, "accompagnement levee_freins", "justice", "sous_main_justice"),
    # Métropole: Roubaix, Wattrelos, Tourcoing, Lille.
    ("ml-roubaix", "Mission Locale (fictive) de Roubaix-Wattrelos", "employment",
     f"{ROUBAIX} {WATTRELOS}", "mobilisation accompagnement formation", "mobilite numerique acces_droits", "neet_16_25 jeunes_16_29 qpv"),
    ("ft-roubaix", "Agence France Travail (fictive) du Pont-Vert", "employment",
     f"{ROUBAIX} {WATTRELOS}", "accompagnement emploi", "numerique", "jeunes_16_29 qpv"),
    ("capemploi-mel", "Cap emploi (fictif) de la métropole", "employment",
     MEL, "accompagnement emploi", "sante", "handicap"),
    ("mde-mel", "Maison de l'emploi (fictive) de la métropole", "employment",
     MEL, "accompagnement emploi", "mobilite", "qpv jeunes_16_29"),
    ("ccas-roubaix", "CCAS (fictif) de Roubaix", "social",
     ROUBAIX, "accompagnement levee_freins", "acces_droits logement", "sans_domicile femmes_isolees qpv"),
    ("prev-passerelles", "Association de prévention spécialisée Les Passerelles (fictive)", "social",
     f"{ROUBAIX} {WATTRELOS} {QPV_ROUBAIX}", "reperage mobilisation", "justice", "jeunes_16_29 decrocheurs qpv"),
    ("cs-pont-vert", "Centre social (fictif) du Pont-Vert", "social",
     f"{ROUBAIX} {QPV_ROUBAIX}", "reperage mobilisation levee_freins", "garde_enfants numerique langue", "qpv femmes_isolees"),
    ("permis-pour-tous", "Auto-école sociale (fictive) Permis pour tous", "social",
     MEL, "levee_freins", "mobilite", "jeunes_16_29 qpv"),
    ("mlds-roubaix", "Cellule (fictive) de lutte contre le décrochage du bassin roubaisien", "education",
     f"{ROUBAIX} {WATTRELOS} {TOURCOING}", "reperage mobilisation", "", "decrocheurs"),
    ("e2c-grand-lille", "École de la deuxième chance (fictive) du Grand Lille", "education",
     MEL, "mobilisation formation", "numerique", "neet_16_25 decrocheurs"),
    ("cfa-batisseurs", "CFA (fictif) des Bâtisseurs de la métropole", "education",
     MEL, "formation", "", "jeunes_16_29"),
    ("clic-et-code", "Atelier de formation (fictif) Clic & Code", "education",
     f"{ROUBAIX} {TOURCOING}", "formation", "numerique", "jeunes_16_29 qpv"),
    ("ch-roubaix-pass", "Permanence santé (fictive) de l'hôpital du Pont-Vert", "health",
     ROUBAIX, "levee_freins", "sante acces_droits", "sans_domicile refugies"),
    ("mda-versant-est", "Maison des adolescents (fictive) du versant est", "health",
     f"{ROUBAIX} {TOURCOING} {WATTRELOS}", "reperage levee_freins", "sante", "jeunes_16_29 decrocheurs"),
    ("csapa-le-relais", "CSAPA (fictif) Le Relais", "health",
     MEL, "levee_freins", "sante", "sans_domicile sous_main_justice"),
    ("fjt-filature", "Foyer de jeunes travailleurs (fictif) La Filature", "housing",
     ROUBAIX, "levee_freins", "logement", "jeunes_16_29 sortants_ase"),
    ("logis-metropole", "Bailleur social (fictif) Logis Métropole", "housing",
     MEL, "reperage levee_freins", "logement", "qpv"),
    ("pjj-versant-est", "Unité éducative (fictive) de la protection judiciaire de la jeunesse", "justice",
     f"{ROUBAIX} {TOURCOING}", "accompagnement", "justice", "sous_main_justice jeunes_16_29"),
    ("etoile-filante", "Association sportive (fictive) Roubaix Étoile Filante", "youth_sport_culture",
     f"{ROUBAIX} {QPV_ROUBAIX}", "reperage mobilisation", "", "qpv jeunes_16_29"),
    ("beat-et-brique", "Collectif culturel (fictif) Beat & Brique", "youth_sport_culture",
     f"{ROUBAIX} {TOURCOING} {WATTRELOS}", "reperage mobilisation", "", "jeunes_16_29 qpv"),
    ("pij-lille", "Point information jeunesse (fictif) de Lille-Centre", "youth_sport_culture",
     LILLE, "reperage", "numerique", "jeunes_16_29"),
    ("jeunesse-roubaix", "Service municipal jeunesse (fictif) de Roubaix", "public_authority",
     ROUBAIX, "reperage", "", "jeunes_16_29 qpv"),
    ("mel-insertion", "Direction (fictive) de l'insertion de la métropole", "public_authority",
     MEL, "", "mobilite", "qpv"),
    ("tissages-pont-vert", "Tissages du Pont-Vert (entreprise fictive)", "enterprise/sme",
     ROUBAIX, "emploi", "", "jeunes_16_29"),
    ("colis-solidaires", "Entreprise adaptée (fictive) Colis Solidaires", "enterprise/entreprise_adaptee",
     f"{ROUBAIX} {WATTRELOS}", "emploi", "", "handicap"),
    ("regie-roubaix", "Régie de quartier (fictive) Roubaix Services", "enterprise/siae",
     f"{ROUBAIX} {QPV_ROUBAIX}", "formation emploi", "mobilite", "qpv sous_main_justice"),
    ("ge-competences", "Groupement d'employeurs (fictif) Métropole Compétences", "enterprise/employer_group",
     MEL, "formation emploi", "", "jeunes_16_29"),
    ("hyper-grand-nord", "Hypermarché (fictif) Grand Nord Distribution", "enterprise/large",
     MEL, "emploi", "", "jeunes_16_29"),
    ("esat-canal", "ESAT (fictif) Les Ateliers du Canal", "enterprise/esat",
     f"{WATTRELOS} {ROUBAIX}", "emploi", "", "handicap"),
    ("octet-nordique", "Jeune pousse (fictive) Octet Nordique", "enterprise/sme",
     f"{LILLE} {TOURCOING}", "formation emploi", "numerique", "jeunes_16_29"),
    ("ml-tourcoing", "Mission Locale (fictive) de Tourcoing-Vallée de la Lys", "employment",
     TOURCOING, "mobilisation accompagnement formation", "mobilite numerique", "neet_16_25 qpv"),
    ("prev-tisserands", "Club de prévention (fictif) Les Tisserands", "social",
     f"{TOURCOING} {QPV_TOURCOING}", "reperage mobilisation", "justice", "jeunes_16_29 qpv"),
    ("mjc-trois-navettes", "Maison des jeunes (fictive) des Trois-Navettes", "youth_sport_culture",
     f"{TOURCOING} {QPV_TOURCOING}", "reperage mobilisation", "numerique", "jeunes_16_29 qpv"),
    ("pain-d-ici", "Boulangerie (fictive) Pain d'Ici", "enterprise/sme",
     TOURCOING, "emploi", "", "jeunes_16_29"),
    # Douaisis: the employment-only silo lives here, with social actors it leaves out.
    ("ml-douaisis", "Mission Locale (fictive) du Douaisis", "employment",
     f"{DOUAI} {SIN_LE_NOBLE}", "reperage mobilisation accompagnement formation", "mobilite", "neet_16_25 jeunes_16_29"),
    ("ft-douai", "Agence France Travail (fictive) de la Scarpe", "employment",
     f"{DOUAI} {SIN_LE_NOBLE}", "accompagnement emploi", "numerique", "jeunes_16_29"),
    ("capemploi-douaisis", "Cap emploi (fictif) du Douaisis", "employment",
     DOUAISIS, "accompagnement emploi", "sante", "handicap"),
    ("plie-douaisis-asso", "Association (fictive) porteuse du PLIE du Douaisis", "employment",
     DOUAISIS, "accompagnement formation emploi", "", "jeunes_16_29 qpv"),
    ("mde-douaisis", "Maison de l'emploi (fictive) du Douaisis", "employment",
     DOUAISIS, "accompagnement emploi", "mobilite", "jeunes_16_29"),
    ("ccas-douai", "CCAS (fictif) de Douai", "social",
     DOUAI, "accompagnement levee_freins", "acces_droits logement", "sans_domicile femmes_isolees"),
    ("cs-terrils-verts", "Centre social (fictif) des Terrils-Verts", "social",
     f"{DOUAI} {SIN_LE_NOBLE}", "reperage mobilisation levee_freins", "garde_enfants numerique", "qpv"),
    ("prev-scarpe", "Association de prévention (fictive) Scarpe Jeunesse", "social",
     f"{DOUAI} {SIN_LE_NOBLE}", "reperage mobilisation", "justice", "jeunes_16_29 decrocheurs"),
    ("lp-imaginaire-douai", "Lycée professionnel (fictif) des Beffrois", "education",
     DOUAI, "formation", "", "decrocheurs"),
    # Valenciennois: two applications compete here.
    ("cap-hainaut-jeunes", "Association (fictive) Cap Hainaut Jeunes", "youth_sport_culture",
     f"{VALENCIENNES} {ANZIN}", "reperage mobilisation", "", "jeunes_16_29 qpv"),
    ("fede-cs-escaut", "Fédération (fictive) des centres sociaux de l'Escaut", "social",
     f"{VALENCIENNES} {ANZIN}", "reperage mobilisation levee_freins", "garde_enfants langue", "qpv femmes_isolees"),
    ("ml-valenciennois", "Mission Locale (fictive) du Valenciennois", "employment",
     f"{VALENCIENNES} {ANZIN}", "mobilisation accompagnement formation", "mobilite numerique", "neet_16_25 qpv"),
    ("ccas-valenciennes", "CCAS (fictif) de Valenciennes", "social",
     VALENCIENNES, "accompagnement levee_freins", "acces_droits logement", "sans_domicile qpv"),
    ("prev-escaut-jeunes", "Club de prévention (fictif) Escaut Jeunes", "social",
     f"{VALENCIENNES} {ANZIN} {QPV_VALENCIENNES}", "reperage mobilisation", "justice", "jeunes_16_29 decrocheurs qpv"),
    ("cs-roue-anzin", "Centre social (fictif) La Roue", "social",
     ANZIN, "reperage levee_freins", "garde_enfants numerique", "qpv femmes_isolees"),
    ("boxe-hainaut", "Club (fictif) de boxe éducative du Hainaut", "youth_sport_culture",
     f"{VALENCIENNES} {QPV_VALENCIENNES}", "reperage mobilisation", "", "jeunes_16_29 qpv"),
    ("cmp-valenciennois", "Centre médico-psychologique (fictif) du Valenciennois", "health",
     f"{VALENCIENNES} {ANZIN}", "levee_freins", "sante", "jeunes_16_29"),
    ("hainaut-competences", "Organisme de formation (fictif) Hainaut Compétences", "education",
     VALENCIENNES_METRO, "formation", "numerique", "jeunes_16_29 neet_16_25"),
    ("jardins-escaut", "Chantier d'insertion (fictif) Les Jardins de l'Escaut", "enterprise/siae",
     f"{VALENCIENNES} {ANZIN}", "formation emploi", "mobilite", "qpv"),
    ("ferronnerie-rhonelle", "Ferronnerie (fictive) de la Rhonelle", "enterprise/sme",
     VALENCIENNES, "emploi", "", "jeunes_16_29"),
    # Denaisis: outreach without any exit.
    ("veilleurs-denaisis", "Association (fictive) Les Veilleurs du Denaisis", "social",
     f"{DENAIN} {QPV_DENAIN}", "reperage mobilisation accompagnement", "acces_droits", "neet_16_25 qpv"),
    ("prev-denain", "Club de prévention (fictif) Escaut-Denain", "social",
     f"{DENAIN} {QPV_DENAIN}", "reperage mobilisation", "justice", "jeunes_16_29 decrocheurs qpv"),
    ("cs-corons-bleus", "Centre social (fictif) des Corons-Bleus", "social",
     f"{DENAIN} {QPV_DENAIN}", "mobilisation levee_freins", "garde_enfants numerique", "qpv femmes_isolees"),
    ("paej-denaisis", "Point accueil écoute jeunes (fictif) du Denaisis", "health",
     DENAIN, "reperage levee_freins", "sante", "jeunes_16_29"),
    ("basket-avenir", "Club (fictif) Denain Basket Avenir", "youth_sport_culture",
     f"{DENAIN} {QPV_DENAIN}", "reperage mobilisation", "", "jeunes_16_29 qpv"),
    ("residence-chevalement", "Résidence sociale (fictive) Le Chevalement", "housing",
     DENAIN, "levee_freins", "logement", "sans_domicile jeunes_16_29"),
    ("ml-denaisis", "Mission Locale (fictive) de la Porte du Hainaut", "employment",
     PORTE_HAINAUT, "mobilisation accompagnement formation", "mobilite", "neet_16_25"),
    ("atelier-chevalet", "Menuiserie (fictive) L'Atelier du Chevalet", "enterprise/sme",
     DENAIN, "emploi", "", "jeunes_16_29"),
    # Sambre: a lead that federates nobody.
    ("sambre-avenir", "Association (fictive) Sambre Avenir Jeunesse", "youth_sport_culture",
     MAUBEUGE, "reperage mobilisation", "", "neet_16_25"),
    ("ml-sambre", "Mission Locale (fictive) Sambre-Avesnois", "employment",
     MAUBEUGE_SAMBRE, "mobilisation accompagnement formation", "mobilite", "neet_16_25 rural"),
    ("ccas-maubeuge", "CCAS (fictif) de Maubeuge", "social",
     MAUBEUGE, "accompagnement levee_freins", "acces_droits logement", "sans_domicile"),
    ("cio-sambre", "Centre d'information et d'orientation (fictif) de la Sambre", "education",
     MAUBEUGE, "mobilisation", "", "decrocheurs"),
    ("sante-pres-sambre", "Centre de santé (fictif) des Prés-de-Sambre", "health",
     MAUBEUGE, "levee_freins", "sante", "jeunes_16_29"),
    ("metallerie-sambre", "Métallerie (fictive) du Val de Sambre", "enterprise/sme",
     MAUBEUGE, "emploi", "", "jeunes_16_29"),
    ("plie-sambre-asso", "Association (fictive) porteuse du PLIE Sambre-Avesnois", "employment",
     MAUBEUGE_SAMBRE, "accompagnement formation emploi", "", "jeunes_16_29 rural"),
    # Littoral: a project that duplicates the local Promo 16-18.
    ("dunes-et-jeunesse", "Association (fictive) Dunes et Jeunesse", "social",
     f"{DUNKERQUE} {GRANDE_SYNTHE}", "reperage mobilisation accompagnement", "acces_droits", "decrocheurs neet_16_25"),
    ("ml-littoral", "Mission Locale (fictive) du Littoral", "employment",
     f"{DUNKERQUE} {GRANDE_SYNTHE}", "mobilisation accompagnement formation", "mobilite", "neet_16_25 jeunes_16_29"),
    ("littoral-formation", "Organisme de formation (fictif) Littoral Formation", "education",
     DUNKERQUE_CU, "reperage mobilisation accompagnement formation", "numerique", "decrocheurs neet_16_25"),
    ("cs-dunes-grises", "Centre social (fictif) des Dunes-Grises", "social",
     GRANDE_SYNTHE, "reperage mobilisation levee_freins", "garde_enfants langue", "qpv refugies"),
    ("prev-littoral", "Club de prévention (fictif) Vent du Large", "social",
     f"{DUNKERQUE} {GRANDE_SYNTHE}", "reperage mobilisation", "justice", "jeunes_16_29 decrocheurs"),
    ("cmp-littoral", "Centre médico-psychologique (fictif) du Littoral", "health",
     DUNKERQUE_CU, "levee_freins", "sante", "jeunes_16_29"),
    ("port-solidaire", "Entreprise adaptée (fictive) Port Solidaire", "enterprise/entreprise_adaptee",
     DUNKERQUE, "emploi", "", "handicap"),
    ("acierie-littoral", "Aciérie (fictive) du Littoral", "enterprise/large",
     DUNKERQUE_CU, "formation emploi", "", "jeunes_16_29"),
]

# id, name, kind, operator, territories, stages, publics.
SCHEMES: list[tuple[str, str, str, str, str, str, str]] = [
    ("cej-roubaix", "Contrat d'engagement jeune — Roubaix-Wattrelos (fictif)", "cej", "ml-roubaix",
     f"{ROUBAIX} {WATTRELOS}", "accompagnement formation emploi", "neet_16_25"),
    ("plie-mel", "PLIE (fictif) de la métropole", "plie", "mde-mel",
     MEL, "accompagnement formation emploi", "qpv jeunes_16_29"),
    ("e2c-mel", "École de la deuxième chance (fictive) du Grand Lille", "e2c", "e2c-grand-lille",
     MEL, "mobilisation formation", "neet_16_25 decrocheurs"),
    ("prevspe-roubaix", "Prévention spécialisée (fictive) Roubaix-Wattrelos", "prevention_specialisee", "prev-passerelles",
     f"{ROUBAIX} {WATTRELOS} {QPV_ROUBAIX}", "reperage mobilisation", "jeunes_16_29 qpv"),
    ("pass-roubaix", "PASS (fictive) de l'hôpital du Pont-Vert", "pass", "ch-roubaix-pass",
     ROUBAIX, "levee_freins", "sans_domicile refugies"),
    ("cej-tourcoing", "Contrat d'engagement jeune — Tourcoing (fictif)", "cej", "ml-tourcoing",
     TOURCOING, "accompagnement formation emploi", "neet_16_25"),
    ("club-prev-tourcoing", "Club de prévention (fictif) des Trois-Navettes", "club_prevention", "prev-tisserands",
     f"{TOURCOING} {QPV_TOURCOING}", "reperage mobilisation", "jeunes_16_29 qpv"),
    ("cej-douaisis", "Contrat d'engagement jeune — Douaisis (fictif)", "cej", "ml-douaisis",
     f"{DOUAI} {SIN_LE_NOBLE}", "accompagnement formation emploi", "neet_16_25"),
    ("plie-douaisis", "PLIE (fictif) du Douaisis", "plie", "plie-douaisis-asso",
     DOUAISIS, "accompagnement formation emploi", "jeunes_16_29 qpv"),
    ("cej-valenciennois", "Contrat d'engagement jeune — Valenciennois (fictif)", "cej", "ml-valenciennois",
     f"{VALENCIENNES} {ANZIN}", "accompagnement formation emploi", "neet_16_25"),
    ("prevspe-valenciennes", "Prévention spécialisée (fictive) Valenciennes-Anzin", "prevention_specialisee", "prev-escaut-jeunes",
     f"{VALENCIENNES} {ANZIN} {QPV_VALENCIENNES}", "reperage mobilisation", "jeunes_16_29 qpv"),
    ("prevspe-denain", "Prévention spécialisée (fictive) du Denaisis", "prevention_specialisee", "prev-denain",
     f"{DENAIN} {QPV_DENAIN}", "reperage mobilisation", "jeunes_16_29 qpv"),
    ("cej-sambre", "Contrat d'engagement jeune — Sambre (fictif)", "cej", "ml-sambre",
     MAUBEUGE, "accompagnement formation emploi", "neet_16_25"),
    ("plie-sambre", "PLIE (fictif) Sambre-Avesnois", "plie", "plie-sambre-asso",
     MAUBEUGE_SAMBRE, "accompagnement formation emploi", "jeunes_16_29 rural"),
    ("cej-littoral", "Contrat d'engagement jeune — Littoral (fictif)", "cej", "ml-littoral",
     f"{DUNKERQUE} {GRANDE_SYNTHE}", "accompagnement formation emploi", "neet_16_25"),
    ("promo1618-littoral", "Promo 16-18 (fictive) du Littoral", "promo_16_18", "littoral-formation",
     f"{DUNKERQUE} {GRANDE_SYNTHE}", "reperage mobilisation accompagnement", "decrocheurs neet_16_25"),
]

# A partner: organisation, commitment, role, stages it takes on in the project ("" = its own).
PartnerRow = tuple[str, str, str, str]
# A tie: source, target, kind, formal, strength.
TieRow = tuple[str, str, str, bool, int]


class ProjectRow(TypedDict):
    """An application; territories, publics and schemes are space-separated codes."""

    id: str
    title: str
    lead: str
    territories: str
    publics: str
    schemes: str
    partners: list[PartnerRow]
    ties: list[TieRow]


PROJECTS: list[ProjectRow] = [
    {
        "id": "p-2019-01",
        "title": "Roubaix-Wattrelos : aller vers, raccrocher, embaucher",
        "lead": "ml-roubaix",
        "territories": f"{ROUBAIX} {WATTRELOS} {QPV_ROUBAIX}",
        "publics": "neet_16_25 decrocheurs qpv sortants_ase sous_main_justice",
        "schemes": "cej-roubaix plie-mel e2c-mel prevspe-roubaix pass-roubaix",
        "partners": [
            (
                "prev-passerelles",
                "convention",
                "maraudes éducatives dans le quartier",
                "reperage mobilisation",
            ),
            ("cs-pont-vert", "convention", "accueil des familles, repérage par les pairs", ""),
            ("etoile-filante", "lettre_engagement", "activités sportives d'accroche", ""),
            ("mlds-roubaix", "convention", "repérage des décrocheurs scolaires", ""),
            ("mda-versant-est", "convention", "écoute et orientation santé des jeunes", ""),
            ("ccas-roubaix", "convention", "ouverture des droits, aides d'urgence", ""),
            ("fjt-filature", "convention", "logement temporaire des jeunes en parcours", ""),
            ("ch-roubaix-pass", "lettre_engagement", "accès aux soins sans droits ouverts", ""),
            ("pjj-versant-est", "lettre_engagement", "relais pour les jeunes sous main de justice", ""),
            ("dept-ase", "convention", "préparation des sorties de l'aide sociale à l'enfance", ""),
            ("e2c-grand-lille", "convention", "remise à niveau et parcours de formation", ""),
            ("clic-et-code", "convention", "formation courte aux métiers du numérique", ""),
            ("ft-roubaix", "convention", "mise en relation avec les offres d'emploi", ""),
            ("tissages-pont-vert", "convention", "stages et embauches en atelier textile", ""),
            ("colis-solidaires", "convention", "emplois en entreprise adaptée", ""),
            ("regie-roubaix", "convention", "contrats d'insertion dans le quartier", ""),
            ("ge-competences", "lettre_engagement", "emplois partagés et alternance", ""),
            ("mel-insertion", "cofinancement", "cofinancement et pilotage territorial", ""),
        ],
        "ties": [
            ("ml-roubaix", "prev-passerelles", "orientation", True, 3),
            ("ml-roubaix", "ft-roubaix", "convention", True, 3),
            ("ml-roubaix", "e2c-grand-lille", "orientation", True, 3),
            ("prev-passerelles", "cs-pont-vert", "co_intervention", True, 3),
            ("prev-passerelles", "etoile-filante", "co_intervention", True, 2),
            ("prev-passerelles", "mda-versant-est", "orientation", True, 2),
            ("prev-passerelles", "pjj-versant-est", "echange_information", True, 2),
            ("cs-pont-vert", "ccas-roubaix", "orientation", True, 2),
            ("cs-pont-vert", "etoile-filante", "co_intervention", False, 2),
            ("mlds-roubaix", "e2c-grand-lille", "convention", True, 3),
            ("mlds-roubaix", "mda-versant-est", "echange_information", True, 2),
            ("mda-versant-est", "ch-roubaix-pass", "orientation", True, 2),
            ("ccas-roubaix", "fjt-filature", "orientation", True, 2),
            ("ccas-roubaix", "ch-roubaix-pass", "orientation", True, 2),
            ("dept-ase", "fjt-filature", "convention", True, 3),
            ("dept-ase", "ccas-roubaix", "echange_information", True, 2),
            ("e2c-grand-lille", "ge-competences", "convention", True, 3),
            ("e2c-grand-lille", "tissages-pont-vert", "orientation", True, 2),
            ("clic-et-code", "ge-competences", "orientation", True, 2),
            ("clic-et-code", "ft-roubaix", "convention", True, 2),
            ("ft-roubaix", "tissages-pont-vert", "orientation", True, 2),
            ("ft-roubaix", "colis-solidaires", "orientation", True, 2),
            ("ft-roubaix", "regie-roubaix", "convention", True, 3),
            ("regie-roubaix", "cs-pont-vert", "co_intervention", True, 2),
            ("regie-roubaix", "pjj-versant-est", "orientation", True, 2),
            ("mel-insertion", "regie-roubaix", "financement", True, 3),
            ("mel-insertion", "colis-solidaires", "financement", True, 2),
        ],
    },
    {
        "id": "p-2019-02",
        "title": "Sambre Avenir : repérer les jeunes invisibles de Maubeuge",
        "lead": "sambre-avenir",
        "territories": MAUBEUGE,
        "publics": "neet_16_25",
        "schemes": "cej-sambre plie-sambre",
        "partners": [
            ("ml-sambre", "informel", "accueil des jeunes repérés", ""),
            ("ccas-maubeuge", "informel", "aides ponctuelles", ""),
            ("cio-sambre", "informel", "information sur l'orientation", ""),
            ("sante-pres-sambre", "informel", "consultations", ""),
            ("metallerie-sambre", "informel", "visites d'entreprise", ""),
        ],
        "ties": [],
    },
    {
        "id": "p-2019-03",
        "title": "Douaisis : le service public de l'emploi va vers les jeunes",
        "lead": "ml-douaisis",
        "territories": f"{DOUAI} {SIN_LE_NOBLE}",
        "publics": "neet_16_25 jeunes_16_29",
        "schemes": "cej-douaisis plie-douaisis",
        "partners": [
            ("ft-douai", "convention", "inscription et offres d'emploi", ""),
            ("capemploi-douaisis", "convention", "jeunes en situation de handicap", ""),
            ("plie-douaisis-asso", "convention", "parcours renforcés", ""),
            ("mde-douaisis", "lettre_engagement", "forums emploi", ""),
        ],
        "ties": [
            ("ml-douaisis", "ft-douai", "convention", True, 3),
            ("ml-douaisis", "plie-douaisis-asso", "orientation", True, 3),
            ("ft-douai", "capemploi-douaisis", "orientation", True, 2),
            ("ft-douai", "plie-douaisis-asso", "co_intervention", True, 2),
            ("plie-douaisis-asso", "mde-douaisis", "convention", True, 3),
            ("mde-douaisis", "ft-douai", "echange_information", True, 2),
        ],
    },
    {
        "id": "p-2019-04",
        "title": "Littoral : raccrocher les décrocheurs de Dunkerque et Grande-Synthe",
        "lead": "dunes-et-jeunesse",
        "territories": f"{DUNKERQUE} {GRANDE_SYNTHE}",
        "publics": "decrocheurs neet_16_25",
        "schemes": "cej-littoral",
        "partners": [
            ("prev-littoral", "convention", "repérage dans l'espace public", ""),
            ("cs-dunes-grises", "convention", "repérage et mobilisation par les familles", ""),
            ("ml-littoral", "convention", "accompagnement vers la formation", ""),
            ("cmp-littoral", "lettre_engagement", "soins psychiques", ""),
            ("port-solidaire", "lettre_engagement", "mises en situation de travail", ""),
            ("acierie-littoral", "informel", "découverte des métiers industriels", ""),
        ],
        "ties": [
            ("dunes-et-jeunesse", "prev-littoral", "co_intervention", True, 2),
            ("prev-littoral", "cs-dunes-grises", "co_intervention", True, 2),
            ("ml-littoral", "port-solidaire", "orientation", True, 2),
            ("cs-dunes-grises", "cmp-littoral", "orientation", False, 1),
        ],
    },
    {
        "id": "p-2019-05",
        "title": "Valenciennes-Anzin : les quartiers vont vers leurs jeunes",
        "lead": "cap-hainaut-jeunes",
        "territories": f"{VALENCIENNES} {ANZIN} {QPV_VALENCIENNES}",
        "publics": "neet_16_25 qpv",
        "schemes": "cej-valenciennois prevspe-valenciennes",
        "partners": [
            ("ml-valenciennois", "convention", "accompagnement des jeunes repérés", ""),
            ("prev-escaut-jeunes", "convention", "maraudes communes", ""),
            ("ccas-valenciennes", "lettre_engagement", "ouverture des droits", ""),
            ("hainaut-competences", "lettre_engagement", "formations qualifiantes", ""),
            ("cs-roue-anzin", "convention", "accueil de proximité à Anzin", ""),
            ("jardins-escaut", "lettre_engagement", "contrats d'insertion", ""),
            ("ferronnerie-rhonelle", "informel", "stages de découverte", ""),
        ],
        "ties": [
            ("cap-hainaut-jeunes", "prev-escaut-jeunes", "co_intervention", True, 2),
            ("ml-valenciennois", "hainaut-competences", "orientation", True, 2),
            ("ml-valenciennois", "jardins-escaut", "orientation", True, 2),
            ("cs-roue-anzin", "ccas-valenciennes", "orientation", False, 1),
        ],
    },
    {
        "id": "p-2019-06",
        "title": "Escaut Solidaire : repérage et mobilisation à Valenciennes et Anzin",
        "lead": "fede-cs-escaut",
        "territories": f"{VALENCIENNES} {ANZIN} {QPV_VALENCIENNES}",
        "publics": "neet_16_25 qpv",
        "schemes": "cej-valenciennois prevspe-valenciennes",
        "partners": [
            ("ml-valenciennois", "lettre_engagement", "accompagnement des jeunes repérés", ""),
            ("prev-escaut-jeunes", "convention", "présence éducative de rue", ""),
            ("ccas-valenciennes", "convention", "aides et droits", ""),
            ("hainaut-competences", "lettre_engagement", "remise à niveau", ""),
            ("boxe-hainaut", "convention", "accroche par le sport", ""),
            ("cmp-valenciennois", "lettre_engagement", "soutien psychologique", ""),
            ("jardins-escaut", "informel", "premières heures de travail", ""),
        ],
        "ties": [
            ("fede-cs-escaut", "boxe-hainaut", "co_intervention", True, 2),
            ("prev-escaut-jeunes", "boxe-hainaut", "co_intervention", True, 2),
            ("ccas-valenciennes", "cmp-valenciennois", "orientation", False, 1),
            ("ml-valenciennois", "hainaut-competences", "orientation", True, 2),
        ],
    },
    {
        "id": "p-2019-07",
        "title": "Les Veilleurs du Denaisis : repérer et mobiliser sans relâche",
        "lead": "veilleurs-denaisis",
        "territories": f"{DENAIN} {QPV_DENAIN}",
        "publics": "neet_16_25 qpv",
        "schemes": "prevspe-denain",
        "partners": [
            ("prev-denain", "convention", "maraudes du soir", "reperage mobilisation"),
            ("cs-corons-bleus", "convention", "ateliers de remobilisation", "mobilisation levee_freins"),
            ("paej-denaisis", "convention", "écoute des jeunes", "reperage levee_freins"),
            ("basket-avenir", "lettre_engagement", "tournois de rue", "reperage mobilisation"),
            ("residence-chevalement", "lettre_engagement", "mise à l'abri", "levee_freins"),
        ],
        "ties": [
            ("veilleurs-denaisis", "prev-denain", "co_intervention", True, 3),
            ("prev-denain", "basket-avenir", "co_intervention", True, 2),
            ("prev-denain", "paej-denaisis", "orientation", True, 2),
            ("cs-corons-bleus", "residence-chevalement", "orientation", True, 2),
            ("cs-corons-bleus", "paej-denaisis", "echange_information", True, 2),
        ],
    },
    {
        "id": "p-2019-08",
        "title": "Tourcoing : des Trois-Navettes vers l'emploi",
        "lead": "ml-tourcoing",
        "territories": f"{TOURCOING} {QPV_TOURCOING}",
        "publics": "neet_16_25 qpv",
        "schemes": "cej-tourcoing club-prev-tourcoing plie-mel e2c-mel",
        "partners": [
            ("prev-tisserands", "convention", "repérage dans le quartier", ""),
            ("mjc-trois-navettes", "lettre_engagement", "accroche par les loisirs", ""),
            ("mda-versant-est", "lettre_engagement", "santé des adolescents", ""),
            ("e2c-grand-lille", "convention", "parcours de formation", ""),
            ("octet-nordique", "informel", "stages numériques", ""),
            ("pain-d-ici", "lettre_engagement", "apprentissage en boulangerie", ""),
        ],
        "ties": [
            ("ml-tourcoing", "prev-tisserands", "orientation", True, 2),
            ("prev-tisserands", "mjc-trois-navettes", "co_intervention", True, 2),
            ("ml-tourcoing", "e2c-grand-lille", "orientation", True, 2),
            ("e2c-grand-lille", "pain-d-ici", "orientation", False, 1),
        ],
    },
]

# Ties known on the territory, declared by no application (source: local diagnoses).
TERRITORY_TIES: list[TieRow] = [
    ("ml-roubaix", "mde-mel", "convention", True, 3),
    ("mde-mel", "capemploi-mel", "echange_information", True, 2),
    ("prev-passerelles", "ccas-roubaix", "echange_information", False, 1),
    ("logis-metropole", "ccas-roubaix", "orientation", True, 2),
    ("logis-metropole", "cs-pont-vert", "co_intervention", False, 1),
    ("caf-fictive", "ccas-roubaix", "convention", True, 3),
    ("caf-fictive", "ccas-douai", "convention", True, 3),
    ("spip-fictif", "csapa-le-relais", "orientation", True, 2),
    ("spip-fictif", "regie-roubaix", "orientation", True, 2),
    ("permis-pour-tous", "ml-roubaix", "orientation", False, 1),
    ("hyper-grand-nord", "mde-mel", "convention", True, 2),
    ("esat-canal", "capemploi-mel", "orientation", True, 2),
    ("cfa-batisseurs", "ge-competences", "convention", True, 3),
    ("pij-lille", "beat-et-brique", "co_intervention", False, 1),
    ("jeunesse-roubaix", "etoile-filante", "financement", True, 2),
    ("prefecture-egalite", "prev-passerelles", "financement", True, 2),
    ("region-orientation", "mlds-roubaix", "echange_information", True, 1),
    ("dept-insertion", "plie-douaisis-asso", "financement", True, 3),
    ("ml-douaisis", "ccas-douai", "orientation", False, 1),
    ("prev-scarpe", "cs-terrils-verts", "co_intervention", True, 2),
    ("lp-imaginaire-douai", "ml-douaisis", "echange_information", True, 2),
    ("ml-valenciennois", "prev-escaut-jeunes", "orientation", True, 2),
    ("ml-littoral", "littoral-formation", "convention", True, 3),
    ("littoral-formation", "prev-littoral", "orientation", True, 2),
    ("ml-denaisis", "atelier-chevalet", "orientation", True, 2),
    ("ml-sambre", "plie-sambre-asso", "convention", True, 3),
]
# fmt: on


def codes(text: str) -> list[str]:
    """Split a space-separated list of codes."""
    return text.split()


def fictional_siret(index: int) -> str:
    """Return a Luhn-valid SIRET no real establishment can hold.

    The SIREN starts with ``000``, a range INSEE has never allotted; its ninth digit and the
    establishment's key (last digit) are chosen so both the SIREN and the SIRET pass Luhn.
    """
    body = f"000{index:05d}"
    siren = next(body + d for d in "0123456789" if luhn_valid(body + d))
    nic = "0001"
    return next(siren + nic + d for d in "0123456789" if luhn_valid(siren + nic + d))


def organisation_document(index: int, row: tuple[str, str, str, str, str, str, str]) -> dict[str, Any]:
    identifier, name, sector, territories, stages, barriers, publics = row
    sector, _, subtype = sector.partition("/")
    return {
        "id": identifier,
        "name": name,
        "sector": sector,
        "subtype": subtype or None,
        # Public bodies are identified by their name here, as applications often leave them without SIRET.
        "siret": None if sector == "public_authority" else fictional_siret(index + 1),
        "territories": codes(territories),
        "stages": codes(stages),
        "barriers": codes(barriers),
        "publics": codes(publics),
    }


def tie_document(row: TieRow, project: str | None) -> dict[str, Any]:
    source, target, kind, formal, strength = row
    return {
        "source": source,
        "target": target,
        "kind": kind,
        "formal": formal,
        "strength": strength,
        "project": project,
    }


def build_document() -> dict[str, Any]:
    """Assemble the demo as a canonical document (not yet validated)."""
    projects = [
        {
            "id": p["id"],
            "title": p["title"],
            "call": CALL,
            "lead": p["lead"],
            "territories": codes(p["territories"]),
            "publics": codes(p["publics"]),
            "partners": [
                {
                    "organisation": organisation,
                    "commitment": commitment,
                    "role": role,
                    "stages": codes(stages) if stages else None,
                }
                for organisation, commitment, role, stages in p["partners"]
            ],
            "schemes": codes(p["schemes"]),
        }
        for p in PROJECTS
    ]
    ties = [tie_document(row, p["id"]) for p in PROJECTS for row in p["ties"]]
    ties += [tie_document(row, None) for row in TERRITORY_TIES]
    return {
        "territories": [
            {"code": code, "name": name, "level": level, "parent": parent}
            for code, name, level, parent in TERRITORIES
        ],
        "organisations": [organisation_document(i, row) for i, row in enumerate(ORGANISATIONS)],
        "schemes": [
            {
                "id": identifier,
                "name": name,
                "kind": kind,
                "operator": operator,
                "territories": codes(territories),
                "stages": codes(stages),
                "publics": codes(publics),
            }
            for identifier, name, kind, operator, territories, stages, publics in SCHEMES
        ],
        "projects": projects,
        "ties": ties,
    }


def build_dataset() -> Dataset:
    """Build and validate the demo dataset (raises ``InvalidInput`` listing every problem)."""
    return parse_document(build_document(), file="build_demo.py")


def render(dataset: Dataset) -> str:
    """Serialise the dataset as the canonical JSON document, byte-for-byte reproducible."""
    return json.dumps(dataset.to_document(), ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    dataset = build_dataset()
    OUTPUT.write_text(render(dataset), encoding="utf-8")
    print(f"{OUTPUT.name} : {dataset.size} entités écrites.")


if __name__ == "__main__":
    main()
