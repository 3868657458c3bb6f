"""From metric values to family scores (0–100), the federation verdict and the partnership strength.

Each family score is a weighted mean of sub-scores in [0, 1], one per metric that can be read as
"more is better" once normalised (the normalisation of each is written next to it); a sub-score
that is ``None`` (undefined metric) is left out, and a family with no sub-score left has no
score. The strength is the weighted mean of the family scores that exist, with the configured
family weights.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from queries.scoring import CRITICAL_RULES, FAMILIES, ScoringConfig

Parts = list[tuple[float, float | None]]


def clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


def weighted(parts: Parts) -> float | None:
    """Weighted mean of the defined sub-scores, as a 0–100 score rounded to one decimal."""
    kept = [(w, v) for w, v in parts if v is not None and w > 0]
    total = sum(w for w, _ in kept)
    if not total:
        return None
    return round(100 * sum(w * v for w, v in kept) / total, 1)


def _ratio(value: Any, target: float) -> float | None:
    return None if value is None else clamp(value / target)


def _inverse(count: int) -> float:
    """1 for none, 1/2 for one, 1/3 for two…: each extra problem costs less than the last."""
    return 1.0 / (1 + count)


def _complementarity(values: dict[str, Any], members: int, config: ScoringConfig) -> Parts:
    return [
        (2, values["stage_coverage"]),
        (1, values["barrier_coverage"]),
        (1, values["public_coverage"]),
        (1, values["territory_coverage"]),
        (1, _ratio(values["sector_diversity"], config.thresholds.diversity_target)),
        (1, values["mean_capability_distance"]),
    ]


def _redundancy(values: dict[str, Any], members: int, config: ScoringConfig) -> Parts:
    pairs = len(values["redundant_pairs"] or [])
    size = values["lead_effective_size"]
    overlaps = values["scheme_overlaps"]  # None: the source never asked for the schemes
    return [
        (2, clamp(1 - pairs / max(1, members - 1)) if members > 1 else None),
        (2, None if overlaps is None else _inverse(len(overlaps))),
        (1, _inverse(len(values["overlapping_projects"] or []))),
        # Burt's effective size per partner (structure view): 1 when no two partners are tied,
        # lower as ties among them make contacts redundant. Informality is not read here
        # (lead_formal_tie_share is, in the federation family).
        (1, None if size is None or members < 2 else clamp(size / (members - 1))),
    ]


def _federation(values: dict[str, Any], members: int, config: ScoringConfig) -> Parts:
    t = config.thresholds
    components = values["components_without_lead"]
    return [
        (2, values["lead_formal_tie_share"]),
        (2, values["lead_reach_2"]),
        (1, values["lead_reach_1"]),
        (1, _ratio(values["partner_tie_density"], t.federates_partner_density)),
        (1, 1 / components if components else None),
        (1, _ratio(values["lead_sectors_spanned"], t.sectors_target)),
    ]


def _decompartmentalisation(values: dict[str, Any], members: int, config: ScoringConfig) -> Parts:
    ei, lead_ei, q = values["ei_index"], values["lead_ei_index"], values["sector_modularity"]
    # Members all of one sector: modularity is 0 by construction (one group), which would read as
    # "half crossing"; there is no other sector to cross to, so it counts 0.
    single_sector = values["sector_diversity"] == 0 and members > 1
    return [
        (1, None if ei is None else (ei + 1) / 2),
        (1, None if lead_ei is None else (lead_ei + 1) / 2),
        # Modularity by sector: −0.5 (every tie crosses) → 1, 0 → 0.5, ≥ 0.5 (compartments) → 0.
        (1, None if q is None else 0.0 if single_sector else clamp(0.5 - q)),
        (1, _ratio(values["sectors_linked"], config.thresholds.sectors_linked_target)),
    ]


def _schemes(values: dict[str, Any], members: int, config: ScoringConfig) -> Parts:
    if values["scheme_articulation_share"] is None:
        return []
    return [(2, values["scheme_articulation_share"]), (1, 0.0 if values["missing_key_schemes"] else 1.0)]


def _enterprise(values: dict[str, Any], members: int, config: ScoringConfig) -> Parts:
    if values["enterprise_count"] == 0:
        # No enterprise: the downstream the call asks for is missing, whatever other exits the
        # members offer (a training body's « formation » is not an enterprise): 0, not 66.7.
        return [(1, 0.0)]
    return [
        (1, _ratio(values["enterprise_count"], config.thresholds.enterprise_target)),
        (1, values["enterprise_formal_share"]),
        (2, values["exit_stage_coverage"]),
    ]


def _trajectories(values: dict[str, Any], members: int, config: ScoringConfig) -> Parts:
    handoffs = values["mean_handoffs"]
    return [
        (2, values["complete_trajectory_share"]),
        # One hand-off is ideal; two count 2/3, three 1/2.
        (1, None if handoffs is None else clamp(2 / (1 + max(1.0, handoffs)))),
        (1, _inverse(len(values["dead_ends"] or []))),
    ]


def _resilience(values: dict[str, Any], members: int, config: ScoringConfig) -> Parts:
    if members < 2:
        return []
    return [
        (2, clamp(1 - len(values["single_points_of_failure"]) / members)),
        (1, clamp(1 - len(values["articulation_points"]) / members)),
    ]


SCORERS: dict[str, Callable[[dict[str, Any], int, ScoringConfig], Parts]] = {
    "complementarity": _complementarity,
    "redundancy": _redundancy,
    "federation": _federation,
    "decompartmentalisation": _decompartmentalisation,
    "scheme_articulation": _schemes,
    "enterprise_downstream": _enterprise,
    "trajectories": _trajectories,
    "resilience": _resilience,
}
assert tuple(SCORERS) == FAMILIES


def family_scores(values: dict[str, Any], members: int, config: ScoringConfig) -> dict[str, float | None]:
    """The 0–100 score of each family (``None`` when none of its sub-scores is defined)."""
    return {family: weighted(SCORERS[family](values, members, config)) for family in FAMILIES}


# Missing is not absent. What an application's source never asked (``unreported`` on N(P): a form
# without ties, stages or schemes) makes the metrics read from it « non renseigné » (``None``),
# so their sub-scores leave the family mean and the rules that read them do not fire; a family
# resting on them alone is « non renseigné » and leaves the strength's mean.
UNREPORTED_METRICS: dict[str, tuple[str, ...]] = {
    "ties": (
        "partner_tie_density",
        "components_without_lead",
        "ei_index",
        "sector_modularity",
        "sectors_linked",
    ),
    "stages": (
        "stage_coverage",
        "exit_stage_coverage",
        "complete_trajectory_share",
        "mean_handoffs",
        "dead_ends",
    ),
    "schemes": ("articulated_schemes", "scheme_articulation_share", "missing_key_schemes", "scheme_overlaps"),
}
UNREPORTED_FAMILIES: dict[str, tuple[str, ...]] = {
    "ties": ("decompartmentalisation",),
    "stages": ("trajectories",),
    "schemes": ("scheme_articulation",),
}


def unreported_values(values: dict[str, Any], unreported: Collection[str]) -> dict[str, Any]:
    """``values`` with the metrics read from what the source never asked set to ``None``."""
    hidden = {key for item in unreported for key in UNREPORTED_METRICS.get(item, ())}
    return {key: None if key in hidden else value for key, value in values.items()}


def unreported_families(unreported: Collection[str]) -> list[str]:
    """The families « non renseigné » when the source did not ask for ``unreported``, in order."""
    found = {family for item in unreported for family in UNREPORTED_FAMILIES.get(item, ())}
    return [family for family in FAMILIES if family in found]


def strength(scores: dict[str, float | None], config: ScoringConfig) -> float | None:
    """Weighted mean of the family scores that exist, with the configured family weights."""
    return weighted(
        [(config.family_weights.get(f, 0.0), None if s is None else s / 100) for f, s in scores.items()]
    )


@dataclass(frozen=True)
class Criterion:
    code: str
    met: bool
    value: Any
    target: Any


def federation_criteria(
    values: dict[str, Any], config: ScoringConfig, details: dict[str, dict[str, Any]] | None = None
) -> list[Criterion]:
    """The checks behind the verdict, in the order the reasons are given.

    ``details`` are the metrics' details (``Measure.detail``): the members as central as the lead
    (``lead_betweenness_rank``'s ``above`` and ``tied``) make the ``hub`` criterion's value.
    """
    t = config.thresholds
    details = details or {}
    formal = values["lead_formal_tie_share"]
    reach = values["lead_reach_2"]
    density = values["partner_tie_density"]
    components = values["components_without_lead"]
    spanned = values["lead_sectors_spanned"]
    rank = details.get("lead_betweenness_rank", {})
    rivals = [*rank.get("above", []), *rank.get("tied", [])]
    return [
        Criterion(
            "formal_ties",
            formal is not None and formal >= t.federates_formal_share,
            formal,
            t.federates_formal_share,
        ),
        Criterion("reach", reach is not None and reach >= t.federates_reach_2, reach, t.federates_reach_2),
        Criterion(
            "partner_ties",
            density is not None and density >= t.federates_partner_density,
            density,
            t.federates_partner_density,
        ),
        Criterion("cohesion", components is not None and components <= 1, components, 1),
        Criterion("sectors", spanned is not None and spanned >= t.sectors_target, spanned, t.sectors_target),
        Criterion("hub", values["lead_betweenness_rank"] is not None and not rivals, rivals, None),
    ]


def verdict(
    values: dict[str, Any], config: ScoringConfig, details: dict[str, dict[str, Any]] | None = None
) -> tuple[str, list[Criterion]]:
    """``federates`` / ``partially`` / ``does_not`` and the criteria behind it.

    - ``does_not``: no partner; or the lead's formal tie share is below
      ``partially_formal_share`` and the application declares no tie between two partners
      (ties known on the territory do not count: informal letters never federate, whatever the
      territory already knows).
    - ``federates``: formal ties and reach met, partners tied to each other or holding together
      without the lead, enough sectors spanned, and no other member as central as the lead in
      the working view (``hub``: a figurehead lead beside an operational hub does not federate;
      that member is named).
    - ``partially`` otherwise.
    """
    details = details or {}
    criteria = federation_criteria(values, config, details)
    met = {c.code: c.met for c in criteria}
    formal = values["lead_formal_tie_share"]
    declared = (details.get("partner_tie_density") or {}).get("declared", 0)
    if formal is None:
        return "does_not", criteria
    if formal < config.thresholds.partially_formal_share and not declared:
        return "does_not", criteria
    works_together = met["partner_ties"] or met["cohesion"]
    if met["formal_ties"] and met["reach"] and works_together and met["sectors"] and met["hub"]:
        return "federates", criteria
    return "partially", criteria


@dataclass(frozen=True)
class Failure:
    """A critical failure that fired: its rule code, what it costs, and what it is about."""

    code: str
    penalty: float
    max_band: str | None
    items: tuple[str, ...] = ()


def critical_failures(
    values: dict[str, Any],
    members: int,
    verdict_code: str,
    config: ScoringConfig,
    largest_sector_share: float | None = None,
) -> list[Failure]:
    """The enabled rules of ``config.critical`` that fire, in :data:`CRITICAL_RULES` order.

    - ``does_not_federate``: the federation verdict is ``does_not``;
    - ``no_exit``: ``exit_stage_coverage`` is 0 (no member does ``formation`` nor ``emploi``);
    - ``single_sector``: a silo: two members or more and one sector holding at least
      ``silo_sector_share`` of them, lead included (``largest_sector_share``; without it,
      ``sector_diversity`` 0), whatever the lead's own sector;
    - ``too_small``: a lead with partners, but fewer than ``solid_min_partners`` of them or a
      ``stage_coverage`` below ``solid_min_stage_coverage`` (a stage coverage « non renseigné »
      is not held against it); a lead alone is judged by ``does_not_federate``;
    - ``scheme_duplicate``: ``scheme_overlaps`` is not empty (penalty once per scheme; the
      failure's items are the schemes' names).
    """
    t = config.thresholds
    overlaps = [str(o.get("name") or o["scheme"]) for o in values["scheme_overlaps"] or []]
    partners = members - 1
    coverage = values["stage_coverage"]
    small = partners < t.solid_min_partners or (
        coverage is not None and coverage < t.solid_min_stage_coverage
    )
    fired = {
        "does_not_federate": (verdict_code == "does_not", ()),
        "no_exit": (members > 0 and values["exit_stage_coverage"] == 0, ()),
        "single_sector": (members > 1 and _silo(values, largest_sector_share, t.silo_sector_share), ()),
        "too_small": (partners > 0 and small, ()),
        "scheme_duplicate": (bool(overlaps), tuple(overlaps)),
    }
    found = []
    for code in CRITICAL_RULES:
        rule = config.critical.get(code)
        hit, items = fired[code]
        if rule is None or not rule.enabled or not hit:
            continue
        times = len(items) if code == "scheme_duplicate" else 1
        found.append(Failure(code, rule.penalty * times, rule.max_band, items))
    return found


def _silo(values: dict[str, Any], largest_share: float | None, threshold: float) -> bool:
    if largest_share is None:
        return bool(values["sector_diversity"] == 0)
    return largest_share >= threshold


def largest_sector_share(sectors: list[str | None]) -> tuple[str | None, float | None]:
    """The sector holding the most members and its share of them (``None`` for no member).

    Members of unknown sector count in the whole, not in any sector. Ties go to the sector
    named first.

    >>> largest_sector_share(["employment", "employment", "social", "employment"])
    ('employment', 0.75)
    """
    counts: dict[str, int] = {}
    for sector in sectors:
        if sector:
            counts[sector] = counts.get(sector, 0) + 1
    if not counts:
        return None, None
    top = max(counts, key=lambda s: counts[s])
    return top, counts[top] / len(sectors)


def apply_failures(total: float | None, failures: list[Failure], config: ScoringConfig) -> float | None:
    """The strength once the critical failures are applied (see ``default_scoring.toml``).

    Penalties are subtracted (floor 0); then, for each ``max_band``, a strength that is higher
    than the rescaled one, ``min + s × (upper − min) / 100``, takes it (kept strictly below the
    band's upper limit), so the application lands in that band or lower and capped
    applications keep their order. With several caps the lowest band wins, applied once.
    Rounded to one decimal.
    """
    if total is None or not failures:
        return total
    value = max(0.0, total - sum(f.penalty for f in failures))
    limits = [found for f in failures if f.max_band and (found := config.ceiling(f.max_band)) is not None]
    if limits:
        low, upper = min(limits)  # the lowest band wins, applied once
        rescaled = round(low + value * (upper - low) / 100, 1)
        value = min(value, rescaled if rescaled < upper else upper - 0.1)
    return round(value, 1)


__all__ = [
    "Criterion",
    "Failure",
    "apply_failures",
    "critical_failures",
    "family_scores",
    "federation_criteria",
    "largest_sector_share",
    "strength",
    "unreported_families",
    "unreported_values",
    "verdict",
    "weighted",
]
