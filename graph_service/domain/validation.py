"""Whole-dataset validation, and the one error type every entry point reports.

Loaders build entities row by row with :func:`build_dataset`; every problem found, in one entity or
across entities (dangling, duplicate or self references), becomes an :class:`InputError` that names
the file, sheet, row and column when the loader knows them, in French with an English code.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from pydantic import BaseModel, ValidationError

from graph_service.domain.models import Dataset, Organisation, Project, Scheme, Territory, Tie
from graph_service.domain.vocabulary import TerritoryLevel

Loc = tuple[str | int, ...]

ENTITY_MODELS: dict[str, type[BaseModel]] = {
    "territories": Territory,
    "organisations": Organisation,
    "schemes": Scheme,
    "projects": Project,
    "ties": Tie,
}

TABLE_LABELS = {
    "territories": "territoire",
    "organisations": "organisation",
    "schemes": "dispositif",
    "projects": "projet",
    "ties": "lien",
}


class InputError(BaseModel):
    """One problem in an input, located as precisely as the format allows."""

    code: str
    message: str
    message_en: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def where(self) -> str:
        """Return the location in French: ``fichier f, feuille s, ligne 3, colonne x``."""
        parts = []
        if self.file:
            parts.append(f"fichier {self.file}")
        if self.sheet:
            parts.append(f"feuille {self.sheet}")
        if self.row is not None:
            parts.append(f"ligne {self.row}")
        if self.column:
            parts.append(f"colonne {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where} : {self.message} [{self.code}]" if where else f"{self.message} [{self.code}]"


# A file with a million bad rows is told about its first errors and how many there are in all.
MAX_REPORTED_ERRORS = 100


class InvalidInput(Exception):
    """Raised with the errors found (the first :data:`MAX_REPORTED_ERRORS`); nothing was stored.

    ``total`` counts every error found, reported or not.
    """

    def __init__(self, errors: Sequence[InputError], total: int | None = None) -> None:
        self.errors = list(errors[:MAX_REPORTED_ERRORS])
        self.total = max(total or 0, len(errors))
        super().__init__("\n".join(str(e) for e in self.errors[:20]))


@dataclass(frozen=True)
class Problem:
    """A problem located inside the dataset: table, entity index, field path."""

    table: str
    index: int | None
    loc: Loc
    code: str
    message: str
    message_en: str


Locator = Callable[[Problem], InputError]


def json_locator(file: str | None) -> Locator:
    """Locate problems in a canonical JSON document: the row is the entity's 1-based position."""

    def locate(problem: Problem) -> InputError:
        column = ".".join(str(part) for part in problem.loc) or None
        return InputError(
            code=problem.code,
            message=problem.message,
            message_en=problem.message_en,
            file=file,
            sheet=problem.table,
            row=None if problem.index is None else problem.index + 1,
            column=column,
        )

    return locate


_PYDANTIC_MESSAGES: dict[str, str] = {
    "missing": "champ obligatoire manquant",
    "missing_argument": "champ obligatoire manquant",
    "extra_forbidden": "champ inconnu",
    "string_too_short": "valeur vide",
    "string_type": "texte attendu",
    "string_unicode": "texte attendu",
    "string_pattern_mismatch": "texte de forme inattendue",
    "list_type": "liste attendue",
    "tuple_type": "liste attendue",
    "set_type": "liste attendue",
    "bool_parsing": "valeur booléenne attendue (vrai/faux, oui/non, true/false, 1/0)",
    "bool_type": "valeur booléenne attendue",
    "int_parsing": "nombre entier attendu",
    "int_parsing_size": "nombre entier trop long",
    "int_type": "nombre entier attendu",
    "int_from_float": "nombre entier attendu",
    "float_parsing": "nombre attendu",
    "float_type": "nombre attendu",
    "finite_number": "nombre fini attendu",
    "model_type": "objet attendu",
    "model_attributes_type": "objet JSON attendu",
    "dict_type": "objet attendu",
    "json_invalid": "JSON illisible",
    "json_type": "JSON attendu",
    "none_required": "aucune valeur attendue",
    "bytes_type": "fichier attendu",
    "datetime_parsing": "date et heure attendues (AAAA-MM-JJTHH:MM:SS)",
    "datetime_type": "date et heure attendues (AAAA-MM-JJTHH:MM:SS)",
    "date_parsing": "date attendue (AAAA-MM-JJ)",
    "date_type": "date attendue (AAAA-MM-JJ)",
    "url_parsing": "adresse web attendue",
    "url_type": "adresse web attendue",
    "uuid_parsing": "identifiant UUID attendu",
    "union_tag_invalid": "type de valeur inconnu",
    "union_tag_not_found": "type de valeur manquant",
}

# Bounds: pydantic's ctx key, then the French wording.
_BOUNDS = {
    "greater_than": ("gt", "valeur trop petite « {value} » : attendu plus de {bound}"),
    "greater_than_equal": ("ge", "valeur trop petite « {value} » : attendu au moins {bound}"),
    "less_than": ("lt", "valeur trop grande « {value} » : attendu moins de {bound}"),
    "less_than_equal": ("le", "valeur trop grande « {value} » : attendu au plus {bound}"),
}


def _number(bound: Any) -> Any:
    """A bound as a person writes it: 0 rather than 0.0, a decimal comma."""
    if isinstance(bound, float):
        return int(bound) if bound.is_integer() else str(bound).replace(".", ",")
    return bound


def translate_error(error: Mapping[str, Any]) -> tuple[str, str]:
    """Return the French message and English code of one pydantic error.

    Every entry point (loaders, API bodies and parameters, configuration) words pydantic's errors
    through here, so no English sentence of pydantic reaches a French message; a kind this table
    does not know gets a French generic wording (its English stays in ``message_en``).
    """
    kind = str(error["type"])
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if "message_en" in ctx:
        # Raised by the models with :func:`graph_service.domain.models.invalid`: already French.
        return str(error["msg"]), kind
    if kind == "enum":
        expected = str(ctx.get("expected", "")).replace(" or ", ", ")
        return f"code inconnu « {value} » ; codes admis : {expected}", "unknown_code"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", ", ")
        return f"valeur inconnue « {value} » ; valeurs admises : {expected}", kind
    if kind == "string_too_long":
        length = len(value) if isinstance(value, str) else "?"
        limit = ctx.get("max_length")
        return f"texte trop long ({length} caractères, au plus {limit})", "too_long"
    if kind in {"too_long", "too_short"}:
        size = len(value) if isinstance(value, list | tuple | set | dict) else "?"
        if kind == "too_long":
            return f"trop de valeurs ({size}, au plus {ctx.get('max_length')})", kind
        return f"pas assez de valeurs ({size}, au moins {ctx.get('min_length')})", kind
    if kind in _BOUNDS:
        key, wording = _BOUNDS[kind]
        return wording.format(value=value, bound=_number(ctx.get(key))), "out_of_range"
    if kind == "value_error":
        message = str(ctx.get("error", error.get("msg", "")))
        return message, "invalid_value"
    return _PYDANTIC_MESSAGES.get(kind, "valeur refusée"), kind


def pydantic_message_en(error: Mapping[str, Any]) -> str:
    """The English side of one pydantic error: ours when a model raised it, else pydantic's."""
    ctx = error.get("ctx") or {}
    return str(ctx.get("message_en") or error.get("msg", error["type"]))


def entity_problems(table: str, index: int, exc: ValidationError) -> list[Problem]:
    """Turn one entity's pydantic errors into located problems."""
    problems = []
    for error in exc.errors():
        message, code = translate_error(error)
        ctx = error.get("ctx") or {}
        loc = tuple(error["loc"])
        if ctx.get("field") and (not loc or loc[-1] != ctx["field"]):
            loc = (*loc, ctx["field"])
        message_en = pydantic_message_en(error)
        problems.append(Problem(table, index, loc, code, message, message_en))
    return problems


@dataclass
class KnownIds:
    """Ids that already exist in the store, which a partial import may reference."""

    territories: set[str] = field(default_factory=set)
    organisations: set[str] = field(default_factory=set)
    schemes: set[str] = field(default_factory=set)
    projects: set[str] = field(default_factory=set)
    # SIRET -> id of the organisation that holds it in the store.
    sirets: dict[str, str] = field(default_factory=dict)
    # A first pass over several files that reference each other checks each file alone, before
    # the ids of the others are known: references are then taken on trust and checked later.
    trust_references: bool = False

    @classmethod
    def trusting(cls) -> KnownIds:
        """Ids for a first pass that checks everything but references."""
        return cls(trust_references=True)


def build_dataset(
    raw: Mapping[str, Sequence[Any]],
    locate: Locator,
    known: KnownIds | None = None,
) -> Dataset:
    """Validate raw entity dicts table by table, then across tables; raise every error at once.

    Raises
    ------
    InvalidInput
        With one :class:`InputError` per problem, located by ``locate``.
    """
    problems: list[Problem] = []
    built: dict[str, list[Any]] = {}
    for table, model in ENTITY_MODELS.items():
        built[table] = []
        for index, item in enumerate(raw.get(table, [])):
            try:
                built[table].append(model.model_validate(item))
            except ValidationError as exc:
                problems.extend(entity_problems(table, index, exc))
                built[table].append(None)
    unknown_tables = sorted(set(raw) - set(ENTITY_MODELS))
    for table in unknown_tables:
        problems.append(
            Problem(table, None, (), "unknown_table", f"table inconnue « {table} »", "unknown table")
        )
    problems.extend(cross_reference_problems(built, _with_invalid_ids(raw, known or KnownIds())))
    if problems:
        raise InvalidInput([locate(p) for p in problems[:MAX_REPORTED_ERRORS]], total=len(problems))
    return Dataset(**{table: built[table] for table in ENTITY_MODELS})


def _with_invalid_ids(raw: Mapping[str, Sequence[Any]], known: KnownIds) -> KnownIds:
    """Count the ids of entities that failed their own checks as present.

    An organisation with a bad sector is reported once, not again in every project naming it.
    """

    def ids(table: str, key: str) -> set[str]:
        return {str(item[key]) for item in raw.get(table, []) if isinstance(item, Mapping) and key in item}

    return KnownIds(
        territories=known.territories | ids("territories", "code"),
        organisations=known.organisations | ids("organisations", "id"),
        schemes=known.schemes | ids("schemes", "id"),
        projects=known.projects | ids("projects", "id"),
        sirets=known.sirets,
        trust_references=known.trust_references,
    )


def _duplicates(
    table: str, keys: Iterable[str | None], what: str, loc: Loc, code: str = "duplicate_id"
) -> list[Problem]:
    keys = list(keys)
    present = [key for key in keys if key is not None]
    if len(set(present)) == len(present):  # the usual case, at C speed
        return []
    problems = []
    seen: Counter[str] = Counter()
    for index, key in enumerate(keys):
        if key is None:
            continue
        seen[key] += 1
        if seen[key] == 2:
            problems.append(
                Problem(
                    table,
                    index,
                    loc,
                    code,
                    f"{what} « {key} » en double",
                    f"duplicate {what if code != 'duplicate_id' else table[:-1]} {key!r}",
                )
            )
    return problems


def _dangling(table: str, index: int, loc: Loc, kind: str, ref: str) -> Problem:
    return Problem(
        table,
        index,
        loc,
        "dangling_reference",
        f"{TABLE_LABELS[kind]} « {ref} » introuvable",
        f"unknown {kind[:-1]} {ref!r}",
    )


_TIE_FIELDS = attrgetter("source", "target", "kind", "project")
_SOURCE, _TARGET, _PROJECT = attrgetter("source"), attrgetter("target"), attrgetter("project")


def _tie_duplicates(ties: list[Tie | None]) -> list[Problem]:
    """Ties declared twice; the check itself compares field tuples, at C speed, not key strings."""
    present = [tie for tie in ties if tie is not None]
    if len(set(map(_TIE_FIELDS, present))) == len(present):
        return []
    return _duplicates("ties", (t.key if t else None for t in ties), "lien", ("target",))


def _ties_resolve(ties: list[Tie | None], organisation_ids: set[str], project_ids: set[str]) -> bool:
    """Whether every tie's ends and project are known: the usual case, checked set against set."""
    present = [tie for tie in ties if tie is not None]
    ends = set(map(_SOURCE, present))
    ends.update(map(_TARGET, present))
    projects = set(map(_PROJECT, present))
    projects.discard(None)
    return ends <= organisation_ids and projects <= project_ids


def cross_reference_problems(built: Mapping[str, Sequence[Any]], known: KnownIds) -> list[Problem]:
    """Find dangling, duplicate and self references across the tables of a dataset.

    Entities that failed their own validation are ``None`` and are skipped. Problems come table
    by table: duplicates first, then SIRETs already stored, then each table's references.
    """
    territories: list[Territory | None] = list(built.get("territories", []))
    organisations: list[Organisation | None] = list(built.get("organisations", []))
    schemes: list[Scheme | None] = list(built.get("schemes", []))
    projects: list[Project | None] = list(built.get("projects", []))
    ties: list[Tie | None] = list(built.get("ties", []))

    problems = [
        *_duplicate_problems(territories, organisations, schemes, projects, ties),
        *_stored_siret_problems(organisations, known),
    ]
    if known.trust_references:
        return problems
    territory_ids = known.territories | {t.code for t in territories if t}
    organisation_ids = known.organisations | {o.id for o in organisations if o}
    scheme_ids = known.schemes | {s.id for s in schemes if s}
    project_ids = known.projects | {p.id for p in projects if p}
    problems += _parent_problems(territories, territory_ids)
    for index, organisation in enumerate(organisations):
        if organisation:
            problems += _territory_problems("organisations", index, organisation.territories, territory_ids)
    for index, scheme in enumerate(schemes):
        if scheme:
            problems += _territory_problems("schemes", index, scheme.territories, territory_ids)
            if scheme.operator is not None and scheme.operator not in organisation_ids:
                problems.append(_dangling("schemes", index, ("operator",), "organisations", scheme.operator))
    for index, project in enumerate(projects):
        if project:
            problems += _project_problems(index, project, organisation_ids, scheme_ids)
            problems += _territory_problems("projects", index, project.territories, territory_ids)
    return problems + _tie_problems(ties, organisation_ids, project_ids)


def _duplicate_problems(
    territories: list[Territory | None],
    organisations: list[Organisation | None],
    schemes: list[Scheme | None],
    projects: list[Project | None],
    ties: list[Tie | None],
) -> list[Problem]:
    """Keys, and SIRETs, given twice in the dataset."""
    return [
        *_duplicates("territories", (t.code if t else None for t in territories), "territoire", ("code",)),
        *_duplicates("organisations", (o.id if o else None for o in organisations), "organisation", ("id",)),
        *_duplicates("schemes", (s.id if s else None for s in schemes), "dispositif", ("id",)),
        *_duplicates("projects", (p.id if p else None for p in projects), "projet", ("id",)),
        # A tie's key spans four fields; the target is the one people most often repeat.
        *_tie_duplicates(ties),
        *_duplicates(
            "organisations",
            (o.siret if o and o.siret else None for o in organisations),
            "SIRET",
            ("siret",),
            "duplicate_siret",
        ),
    ]


def _stored_siret_problems(organisations: list[Organisation | None], known: KnownIds) -> list[Problem]:
    """Organisations whose SIRET already belongs to another stored organisation."""
    problems = []
    for index, organisation in enumerate(organisations):
        holder = known.sirets.get(organisation.siret) if organisation and organisation.siret else None
        if organisation and holder is not None and holder != organisation.id:
            problems.append(
                Problem(
                    "organisations",
                    index,
                    ("siret",),
                    "duplicate_siret",
                    f"SIRET « {organisation.siret} » déjà enregistré pour l'organisation « {holder} »",
                    f"SIRET {organisation.siret} already belongs to stored organisation {holder!r}",
                )
            )
    return problems


def _parent_problems(territories: list[Territory | None], territory_ids: set[str]) -> list[Problem]:
    """Territories whose parent is unknown, or not of a higher level."""
    levels = {t.code: t.level for t in territories if t}
    problems = []
    for index, territory in enumerate(territories):
        if not territory or territory.parent is None:
            continue
        if territory.parent not in territory_ids:
            problems.append(_dangling("territories", index, ("parent",), "territories", territory.parent))
        elif _ranks_above(levels.get(territory.parent), territory.level) is False:
            problems.append(
                Problem(
                    "territories",
                    index,
                    ("parent",),
                    "invalid_parent",
                    f"le parent « {territory.parent} » n'est pas d'un niveau supérieur",
                    "parent is not of a higher level",
                )
            )
    return problems


def _territory_problems(
    table: str, index: int, codes: Iterable[str], territory_ids: set[str]
) -> list[Problem]:
    """The codes an entity names that are no known territory."""
    return [
        _dangling(table, index, ("territories", position), "territories", code)
        for position, code in enumerate(codes)
        if code not in territory_ids
    ]


def _tie_problems(ties: list[Tie | None], organisation_ids: set[str], project_ids: set[str]) -> list[Problem]:
    """Ties whose ends or project are unknown."""
    if _ties_resolve(ties, organisation_ids, project_ids):
        return []
    problems = []
    for index, tie in enumerate(ties):
        if tie is None:
            continue
        for end in ("source", "target"):
            ref = getattr(tie, end)
            if ref not in organisation_ids:
                problems.append(_dangling("ties", index, (end,), "organisations", ref))
        if tie.project is not None and tie.project not in project_ids:
            problems.append(_dangling("ties", index, ("project",), "projects", tie.project))
    return problems


_LEVEL_RANK = {
    TerritoryLevel.QPV: 0,
    TerritoryLevel.COMMUNE: 1,
    TerritoryLevel.EPCI: 2,
    TerritoryLevel.DEPARTEMENT: 3,
    TerritoryLevel.REGION: 4,
}


def _ranks_above(parent: TerritoryLevel | None, child: TerritoryLevel) -> bool | None:
    if parent is None:
        return None
    return _LEVEL_RANK[parent] > _LEVEL_RANK[child]


def _project_problems(
    index: int, project: Project, organisation_ids: set[str], scheme_ids: set[str]
) -> list[Problem]:
    problems = []
    if project.lead not in organisation_ids:
        problems.append(_dangling("projects", index, ("lead",), "organisations", project.lead))
    seen: set[str] = set()
    for position, partner in enumerate(project.partners):
        loc: Loc = ("partners", position, "organisation")
        if partner.organisation == project.lead:
            problems.append(
                Problem(
                    "projects",
                    index,
                    loc,
                    "lead_is_partner",
                    f"le porteur « {project.lead} » ne peut pas être aussi son propre partenaire",
                    "the lead is listed as its own partner",
                )
            )
        elif partner.organisation in seen:
            problems.append(
                Problem(
                    "projects",
                    index,
                    loc,
                    "duplicate_partner",
                    f"partenaire « {partner.organisation} » listé deux fois",
                    "partner listed twice",
                )
            )
        elif partner.organisation not in organisation_ids:
            problems.append(_dangling("projects", index, loc, "organisations", partner.organisation))
        seen.add(partner.organisation)
    for position, scheme in enumerate(project.schemes):
        if scheme not in scheme_ids:
            problems.append(_dangling("projects", index, ("schemes", position), "schemes", scheme))
    return problems


def parse_document(document: Any, file: str | None = None, known: KnownIds | None = None) -> Dataset:
    """Validate a canonical JSON document (already decoded) into a :class:`Dataset`."""
    locate = json_locator(file)
    if not isinstance(document, Mapping):
        raise InvalidInput(
            [
                InputError(
                    code="not_an_object",
                    message="le document doit être un objet JSON avec les tables territories, "
                    "organisations, schemes, projects et ties",
                    message_en="the document must be a JSON object of tables",
                    file=file,
                )
            ]
        )
    bad_tables = [t for t, rows in document.items() if t in ENTITY_MODELS and not isinstance(rows, list)]
    if bad_tables:
        raise InvalidInput(
            [
                InputError(
                    code="list_type",
                    message=f"la table « {t} » doit être une liste",
                    message_en=f"table {t!r} must be a list",
                    file=file,
                    sheet=t,
                )
                for t in bad_tables
            ]
        )
    return build_dataset(document, locate, known)


__all__ = [
    "ENTITY_MODELS",
    "MAX_REPORTED_ERRORS",
    "InputError",
    "InvalidInput",
    "KnownIds",
    "Locator",
    "Problem",
    "build_dataset",
    "cross_reference_problems",
    "json_locator",
    "parse_document",
    "pydantic_message_en",
    "translate_error",
]
