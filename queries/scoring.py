"""The scoring configuration: weights, thresholds, required stages and key schemes, per call.

Defaults live in ``queries/default_scoring.toml`` (documented there). :func:`load_config` reads a
TOML file over those defaults; :meth:`ScoringConfig.for_call` applies a call's overrides;
:meth:`ScoringConfig.digest` is the sha256 of the canonical JSON of the whole configuration, which
every report carries with :data:`METRICS_VERSION`.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from graph_service.domain.errors import DomainError
from graph_service.domain.validation import pydantic_message_en, translate_error
from graph_service.domain.vocabulary import Barrier, SchemeKind, Stage

# Bump when a metric's definition or a score's formula changes, so old and new reports are
# not compared as if they measured the same thing.
METRICS_VERSION = "2.0.0"

DEFAULT_CONFIG_PATH = Path(__file__).with_name("default_scoring.toml")

FAMILIES = (
    "complementarity",
    "redundancy",
    "federation",
    "decompartmentalisation",
    "scheme_articulation",
    "enterprise_downstream",
    "trajectories",
    "resilience",
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Thresholds(_Model):
    redundancy_jaccard: float = Field(0.5, ge=0, le=1)
    diversity_target: float = Field(0.6, gt=0, le=1)
    sectors_target: int = Field(3, ge=1)
    sectors_linked_target: int = Field(4, ge=1)
    enterprise_target: int = Field(2, ge=1)
    shared_density: float = Field(0.5, ge=0, le=1)
    lead_centralization: float = Field(0.5, ge=0, le=1)
    federates_formal_share: float = Field(0.75, ge=0, le=1)
    federates_reach_2: float = Field(0.9, ge=0, le=1)
    federates_partner_density: float = Field(0.15, ge=0, le=1)
    partially_formal_share: float = Field(0.4, ge=0, le=1)
    silo_sector_share: float = Field(0.75, gt=0, le=1)
    solid_min_partners: int = Field(3, ge=0)
    solid_min_stage_coverage: float = Field(0.5, ge=0, le=1)


# Critical failures of the call's success factors (see ``default_scoring.toml``), in report order.
CRITICAL_RULES = ("does_not_federate", "no_exit", "single_sector", "too_small", "scheme_duplicate")


class Rule(_Model):
    """What a critical failure does to the strength: points off and a highest band reachable.

    ``penalty`` is subtracted from the strength (for ``scheme_duplicate``, once per duplicated
    scheme); ``max_band`` is the code of the highest band the application can still reach.
    """

    enabled: bool = True
    max_band: str | None = None
    penalty: float = Field(0.0, ge=0, le=100)


def _critical_rules(value: dict[str, Rule]) -> dict[str, Rule]:
    unknown = sorted(set(value) - set(CRITICAL_RULES))
    if unknown:
        raise ValueError(f"règle inconnue : {', '.join(unknown)} (attendu : {', '.join(CRITICAL_RULES)})")
    return value


class Band(_Model):
    min: float = Field(ge=0, le=100)
    code: str
    fr: str
    en: str


def _family_weights(value: dict[str, float]) -> dict[str, float]:
    unknown = sorted(set(value) - set(FAMILIES))
    if unknown:
        raise ValueError(f"famille inconnue : {', '.join(unknown)} (attendu : {', '.join(FAMILIES)})")
    if any(w < 0 for w in value.values()):
        raise ValueError("un poids de famille ne peut pas être négatif")
    return value


class CallOverrides(_Model):
    required_stages: list[Stage] | None = None
    barriers: list[Barrier] | None = None
    key_schemes: list[SchemeKind] | None = None
    thresholds: dict[str, float] = Field(default_factory=dict)
    family_weights: dict[str, float] = Field(default_factory=dict)
    critical: dict[str, Rule] = Field(default_factory=dict)

    _rules = field_validator("critical")(_critical_rules)

    @field_validator("thresholds")
    @classmethod
    def _known_thresholds(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - set(Thresholds.model_fields))
        if unknown:
            raise ValueError(f"seuil inconnu : {', '.join(unknown)}")
        return value

    _weights = field_validator("family_weights")(_family_weights)


class ScoringConfig(_Model):
    required_stages: list[Stage] = Field(default_factory=lambda: list(Stage))
    barriers: list[Barrier] = Field(default_factory=lambda: list(Barrier))
    key_schemes: list[SchemeKind] = Field(default_factory=lambda: [SchemeKind.CEJ, SchemeKind.PLIE])
    thresholds: Thresholds = Field(default_factory=Thresholds)
    family_weights: dict[str, float] = Field(default_factory=lambda: dict.fromkeys(FAMILIES, 1.0))
    bands: list[Band] = Field(default_factory=list)
    critical: dict[str, Rule] = Field(default_factory=dict)
    calls: dict[str, CallOverrides] = Field(default_factory=dict)

    _weights = field_validator("family_weights")(_family_weights)
    _rules = field_validator("critical")(_critical_rules)

    @model_validator(mode="after")
    def _known_bands(self) -> ScoringConfig:
        codes = {b.code for b in self.bands}
        rules = [
            *self.critical.items(),
            *((k, r) for c in self.calls.values() for k, r in c.critical.items()),
        ]
        for name, rule in rules:
            if rule.max_band is not None and rule.max_band not in codes:
                raise ValueError(
                    f"critical.{name}.max_band : niveau inconnu {rule.max_band!r} (attendu : {', '.join(sorted(codes))})"
                )
        return self

    def for_call(self, call: str | None) -> ScoringConfig:
        """The configuration with ``call``'s overrides applied (itself when the call has none)."""
        override = self.calls.get(call) if call is not None else None
        if override is None:
            return self
        key = (id(self), call)
        found = _FOR_CALL.get(key)
        if found is not None and found[0] is self:
            return found[1]
        update: dict[str, Any] = {
            "thresholds": self.thresholds.model_copy(update=override.thresholds),
            "family_weights": {**self.family_weights, **override.family_weights},
            "critical": {**self.critical, **override.critical},
        }
        for name in ("required_stages", "barriers", "key_schemes"):
            if getattr(override, name) is not None:
                update[name] = getattr(override, name)
        effective = self.model_copy(update=update)
        if len(_FOR_CALL) > 64:
            _FOR_CALL.clear()
        _FOR_CALL[key] = (self, effective)
        return effective

    def canonical_json(self) -> str:
        return json.dumps(
            self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )

    def digest(self) -> str:
        """sha256 (hex) of the canonical JSON of the whole configuration, call overrides included.

        Computed once per configuration object (it is frozen): every report carries it.
        """
        found = _DIGESTS.get(id(self))
        if found is not None and found[0] is self:
            return found[1]
        value = hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()
        if len(_DIGESTS) > 64:
            _DIGESTS.clear()
        _DIGESTS[id(self)] = (self, value)
        return value

    def band(self, score: float | None) -> Band | None:
        """The band of a strength score: the first band, highest ``min`` first, that it reaches."""
        if score is None:
            return None
        for band in sorted(self.bands, key=lambda b: -b.min):
            if score >= band.min:
                return band
        return None

    def ceiling(self, code: str) -> tuple[float, float] | None:
        """The range ``[min, upper)`` of strengths of band ``code`` (upper 100 for the top band)."""
        ordered = sorted(self.bands, key=lambda b: b.min)
        for index, band in enumerate(ordered):
            if band.code == code:
                upper = ordered[index + 1].min if index + 1 < len(ordered) else 100.0
                return band.min, upper
        return None


# Per configuration object (kept alive with its entry, so an id is never reused for another).
_DIGESTS: dict[int, tuple[ScoringConfig, str]] = {}
_FOR_CALL: dict[tuple[int, str | None], tuple[ScoringConfig, ScoringConfig]] = {}


class ConfigError(DomainError):
    """A scoring configuration file that cannot be read or validated."""

    code = "invalid_config"
    status_code = 422


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict) and key != "calls":
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _default_document() -> dict[str, Any]:
    # Next to this module rather than importlib.resources: an editable install made before
    # ``queries/__init__.py`` existed maps ``queries`` as a namespace package.
    text = DEFAULT_CONFIG_PATH.read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def default_config() -> ScoringConfig:
    """The packaged defaults of ``default_scoring.toml``."""
    return ScoringConfig.model_validate(_default_document())


def parse_config(text: str, source: str = "configuration") -> ScoringConfig:
    """Read TOML text over the defaults; errors name the source and the field."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{source} : TOML illisible ({exc})", message_en=f"{source}: unreadable TOML ({exc})"
        ) from exc
    try:
        return ScoringConfig.model_validate(_merge(_default_document(), document))
    except ValidationError as exc:
        errors = exc.errors()
        where = [".".join(str(p) for p in error["loc"]) for error in errors]
        problems = "; ".join(f"{w} : {translate_error(e)[0]}" for w, e in zip(where, errors, strict=True))
        problems_en = "; ".join(f"{w}: {pydantic_message_en(e)}" for w, e in zip(where, errors, strict=True))
        raise ConfigError(f"{source} : {problems}", message_en=f"{source}: {problems_en}") from exc


def load_config(path: str | Path | None = None) -> ScoringConfig:
    """The defaults, or a TOML file read over them."""
    if path is None:
        return default_config()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(
            f"{path.name} : fichier de configuration illisible ({exc.strerror})",
            message_en=f"{path.name}: cannot read the configuration file ({exc.strerror})",
        ) from exc
    return parse_config(text, path.name)


__all__ = [
    "CRITICAL_RULES",
    "FAMILIES",
    "METRICS_VERSION",
    "Band",
    "CallOverrides",
    "ConfigError",
    "Rule",
    "ScoringConfig",
    "Thresholds",
    "default_config",
    "load_config",
    "parse_config",
]
