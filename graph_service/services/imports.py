"""Importing files into a store: load and validate everything first, then one atomic upsert."""

from __future__ import annotations

from pathlib import Path

from graph_service.domain.models import TABLES, Dataset
from graph_service.domain.validation import InputError, InvalidInput, KnownIds
from graph_service.stores.protocol import ImportSummary, Store
from loaders import Limits, Loaded, load_bytes, load_path


def merge_known(known: KnownIds, dataset: Dataset) -> KnownIds:
    """Ids of the store plus those of a dataset about to be imported."""
    return KnownIds(
        territories=known.territories | {t.code for t in dataset.territories},
        organisations=known.organisations | {o.id for o in dataset.organisations},
        schemes=known.schemes | {s.id for s in dataset.schemes},
        projects=known.projects | {p.id for p in dataset.projects},
        sirets=known.sirets,
    )


def combine(datasets: list[Dataset]) -> Dataset:
    """Concatenate datasets read from several files (validated again as a whole by the caller)."""
    return Dataset(
        territories=[t for d in datasets for t in d.territories],
        organisations=[o for d in datasets for o in d.organisations],
        schemes=[s for d in datasets for s in d.schemes],
        projects=[p for d in datasets for p in d.projects],
        ties=[t for d in datasets for t in d.ties],
    )


def load_files(
    paths: list[Path],
    store: Store,
    max_bytes: int,
    mapping: Path | None = None,
    limits: Limits | None = None,
) -> list[Loaded]:
    """Load every file, collecting the errors of all of them before raising."""
    known = store.known_ids()
    if len(paths) == 1:
        # One file: its own loader checks references against the store and locates each error
        # in its sheet, row and column (the combined second pass below only knows entity indexes).
        return [load_path(paths[0], known=known, max_bytes=max_bytes, mapping=mapping, limits=limits)]
    loaded: list[Loaded] = []
    errors: list[InputError] = []
    unreported = 0  # errors counted by a loader beyond the ones it reported
    # Files may reference each other (organisations in one, projects in the next): read all the
    # ids first, without references, then validate each against the union.
    for path in paths:
        try:
            loaded.append(
                load_path(
                    path, known=KnownIds.trusting(), max_bytes=max_bytes, mapping=mapping, limits=limits
                )
            )
        except InvalidInput as exc:
            errors.extend(exc.errors)
            unreported += exc.total - len(exc.errors)
    if errors:
        raise InvalidInput(errors, total=len(errors) + unreported)
    everything = known
    for item in loaded:
        everything = merge_known(everything, item.dataset)
    # Second pass, file by file, against the store and every file: each file's own loader locates
    # a dangling reference at its sheet, row and column (a combined pass only knows positions in
    # the concatenation). Reading twice costs little next to an import that fails.
    for path in paths:
        try:
            load_path(path, known=everything, max_bytes=max_bytes, mapping=mapping, limits=limits)
        except InvalidInput as exc:
            errors.extend(exc.errors)
            unreported += exc.total - len(exc.errors)
    errors.extend(_repeated_across_files(paths, loaded))
    if errors:
        raise InvalidInput(errors, total=len(errors) + unreported)
    return loaded


def _repeated_across_files(paths: list[Path], loaded: list[Loaded]) -> list[InputError]:
    """Ids that two files both define (a file's own repeats are its loader's to report)."""
    errors = []
    first: dict[tuple[str, str], str] = {}
    for path, item in zip(paths, loaded, strict=True):
        for table in TABLES:
            for entity in getattr(item.dataset, table):
                key = entity.key if table == "ties" else entity.code if table == "territories" else entity.id
                owner = first.setdefault((table, key), path.name)
                if owner != path.name:
                    errors.append(
                        InputError(
                            code="duplicate_id",
                            message=f"« {key} » est déjà défini dans {owner}",
                            message_en=f"{table[:-1]} {key!r} is already defined in {owner}",
                            file=path.name,
                            sheet=table,
                        )
                    )
    return errors


def import_files(
    paths: list[Path],
    store: Store,
    max_bytes: int,
    mapping: Path | None = None,
    limits: Limits | None = None,
) -> tuple[ImportSummary, list[Loaded]]:
    """Load, validate and store files; all of them or nothing."""
    loaded = load_files(paths, store, max_bytes, mapping, limits)
    summary = store.upsert_dataset(combine([item.dataset for item in loaded]))
    return summary, loaded


def import_upload(
    data: bytes,
    name: str,
    store: Store,
    max_bytes: int,
    mapping: bytes | None = None,
    limits: Limits | None = None,
) -> tuple[ImportSummary, Loaded]:
    """Load, validate and store one uploaded file; all of it or nothing."""
    loaded = load_upload(data, name, store, max_bytes, mapping, limits)
    return store.upsert_dataset(loaded.dataset), loaded


def load_upload(
    data: bytes,
    name: str,
    store: Store,
    max_bytes: int,
    mapping: bytes | None = None,
    limits: Limits | None = None,
) -> Loaded:
    """Load and validate one uploaded file against the store's ids; nothing is stored."""
    return load_bytes(
        data, name, known=store.known_ids(), max_bytes=max_bytes, mapping=mapping, limits=limits
    )


__all__ = ["combine", "import_files", "import_upload", "load_files", "load_upload", "merge_known"]
