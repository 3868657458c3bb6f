"""A seeded generator of data·inclusion files of the published shape (schema v1), all fictional.

Rows carry every field of ``data_inclusion.schema.v1.Structure`` / ``Service`` (absent ones
``null``), as the open data JSON does, with descriptions of a realistic length so that the files
weigh what the real ones weigh per row. Structures are spread over the communes given; about 70 %
have a SIRET (SIREN range 000, never allocated, right Luhn key), 4 % are published a second time
by another producer with the same SIRET, networks and themes follow the referential's mix (many
associations with no network, some Missions Locales, France Travail agencies, SIAE…).

``python -m benchmarks.data_inclusion_generator [--structures N] [--services N] -o DIR`` writes
``structures.json`` and ``services.json``; everything comes from one ``random.Random(seed)``.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from data_inclusion.schema import v1

from graph_service.domain.codes import luhn_valid

STRUCTURE_FIELDS = list(v1.Structure.model_fields)
SERVICE_FIELDS = list(v1.Service.model_fields)
PRODUCERS = ["dora", "emplois-de-linclusion", "soliguide", "mission-locale", "france-travail", "mes-aides"]
# (network, weight): the referential is mostly associations with no network.
NETWORKS = [
    (None, 40),
    ("ccas-cias", 6),
    ("mission-locale", 4),
    ("france-travail", 4),
    ("aci", 5),
    ("ei", 3),
    ("etti", 2),
    ("ea", 2),
    ("esat", 2),
    ("geiq", 1),
    ("ecoles-de-la-deuxieme-chance", 1),
    ("epide", 1),
    ("afpa", 1),
    ("plie", 1),
    ("cap-emploi-reseau-cheops", 1),
    ("fcsf", 3),
    ("france-service", 3),
    ("conseillers-numeriques", 3),
    ("chrs", 2),
    ("residences-fjt", 1),
    ("cmp", 1),
    ("csapa", 1),
    ("spip", 1),
    ("mjc", 2),
    ("restos-du-coeur", 2),
    ("secours-populaire", 2),
    ("wimoov", 1),
]
KINDS = [
    "Association",
    "Centre social",
    "Espace",
    "Atelier",
    "Maison",
    "Point accueil",
    "Chantier d'insertion",
    "Épicerie solidaire",
    "Permanence",
    "Collectif",
]
WORDS = [
    "Renouveau",
    "Élan",
    "Horizons",
    "Passerelle",
    "Tremplin",
    "Les Mésanges",
    "Cap Avenir",
    "Solidarité",
]
THEMES = [t.value for t in v1.Thematique]
TYPES = [t.value for t in v1.TypeService]
PUBLICS = [p.value for p in v1.Public if p is not v1.Public.TOUS_PUBLICS]
TEXT = (
    "Structure fictive générée pour les mesures : accueil, écoute, orientation et accompagnement "
    "des personnes du quartier, en lien avec les partenaires de l'insertion du territoire. "
)


def _siret(rng: random.Random) -> str:
    prefix = "000" + "".join(rng.choice("0123456789") for _ in range(10))
    return next(f"{prefix}{key}" for key in range(10) if luhn_valid(f"{prefix}{key}"))


def _date(rng: random.Random) -> str:
    return (date(2025, 1, 1) + timedelta(days=rng.randrange(600))).isoformat()


def _structure(
    rng: random.Random, index: int, commune: tuple[str, str], producer: str, siret: str | None
) -> dict[str, Any]:
    network = rng.choices([n for n, _ in NETWORKS], weights=[w for _, w in NETWORKS])[0]
    row: dict[str, Any] = dict.fromkeys(STRUCTURE_FIELDS)
    code, name = commune
    row.update(
        source=producer,
        id=f"{producer}--{code}-{index:06d}",
        nom=f"{rng.choice(KINDS)} (fictif) {rng.choice(WORDS)} de {name} n° {index}",
        date_maj=_date(rng),
        description=TEXT * rng.randint(1, 3),
        siret=siret,
        commune=name,
        code_postal=f"{code[:2].replace('A', '0').replace('B', '0')}{rng.randrange(1000):03d}",
        code_insee=code,
        adresse=f"{rng.randint(1, 200)} rue de la République",
        longitude=round(3.0 + rng.random(), 6),
        latitude=round(50.0 + rng.random(), 6),
        reseaux_porteurs=[network] if network else [],
        horaires_accueil="Mo-Fr 09:00-12:00",
    )
    return row


def _service(rng: random.Random, structure: dict[str, Any], index: int) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(SERVICE_FIELDS)
    publics = ["tous-publics"] if rng.random() < 0.4 else rng.sample(PUBLICS, rng.randint(1, 3))
    row.update(
        source=structure["source"],
        structure_id=structure["id"],
        id=f"{structure['id']}--service-{index}",
        nom=f"Service (fictif) n° {index} de {structure['commune']}",
        description=TEXT * rng.randint(1, 4),
        date_maj=structure["date_maj"],
        type=rng.choice(TYPES),
        thematiques=rng.sample(THEMES, rng.randint(1, 3)),
        frais="gratuit",
        publics=publics,
        code_insee=structure["code_insee"],
        commune=structure["commune"],
        modes_accueil=["en-presentiel"],
        zone_eligibilite=[structure["code_insee"][:2]],
    )
    return row


def generate(
    structures: int, services: int, communes: Sequence[tuple[str, str]], seed: int = 15
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``structures`` structures on ``communes`` (code, name) and ``services`` services among them."""
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    while len(rows) < structures:
        index = len(rows)
        commune = communes[index % len(communes)]
        siret = _siret(rng) if rng.random() < 0.7 else None
        row = _structure(rng, index, commune, rng.choice(PRODUCERS), siret)
        rows.append(row)
        if siret and rng.random() < 0.04 and len(rows) < structures:
            other = rng.choice([p for p in PRODUCERS if p != row["source"]])
            twin = {
                **row,
                "source": other,
                "id": f"{other}--{commune[0]}-{len(rows):06d}",
                "date_maj": _date(rng),
            }
            rows.append(twin)
    made: list[dict[str, Any]] = []
    for index in range(services):
        # Every structure gets one service before any gets a second.
        structure = rows[index] if index < len(rows) else rng.choice(rows)
        made.append(_service(rng, structure, index))
    return rows, made


def national_communes(count: int = 3000) -> list[tuple[str, str]]:
    """Synthetic communes spread over the 96 départements of metropolitan France."""
    departements = [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B"]
    return [
        (f"{departements[i % len(departements)]}{i // len(departements) + 1:03d}", f"Commune {i}")
        for i in range(count)
    ]


def write(
    directory: Path, structures: list[dict[str, Any]], services: list[dict[str, Any]]
) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = (directory / "structures.json", directory / "services.json")
    for path, rows in zip(paths, (structures, services), strict=True):
        path.write_text(json.dumps(rows, ensure_ascii=False), "utf-8")
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--structures", type=int, default=60_000)
    parser.add_argument("--services", type=int, default=80_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("-o", "--output", type=Path, required=True)
    arguments = parser.parse_args()
    rows, services = generate(arguments.structures, arguments.services, national_communes(), arguments.seed)
    print(*write(arguments.output, rows, services))


if __name__ == "__main__":
    main()
