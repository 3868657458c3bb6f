"""Sync through the démarches-simplifiées GraphQL API, against a real local GraphQL server.

The server (``tests.support.ds_graphql``) speaks the API's published contract over HTTP on
127.0.0.1; the client under test is the product's, unmocked.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph_service.domain.validation import InvalidInput
from graph_service.domain.vocabulary import Sector, TieKind
from graph_service.services.demarches_sync import read_state, sync_demarche
from graph_service.services.demo import demo_dataset
from graph_service.stores.sqlite import SQLiteStore
from loaders.demarches_client import DemarchesApiError, DemarchesClient, DemarchesTokenMissing
from tests.support.ds_fixtures import deleted_dossier, dossier, example_dossiers
from tests.support.ds_graphql import Behaviour, serve

MAPPING = (Path(__file__).resolve().parents[2] / "examples" / "demarches" / "mapping.toml").read_bytes()
DEMARCHE = 4242


@pytest.fixture
def behaviour() -> Behaviour:
    return Behaviour(demarches={DEMARCHE: example_dossiers(), 777: []}, forbidden={666})


@pytest.fixture
def url(behaviour: Behaviour) -> Iterator[str]:
    with serve(behaviour) as endpoint:
        yield endpoint


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    store = SQLiteStore(tmp_path / "graph.db")
    store.upsert_dataset(demo_dataset())  # the communes and schemes the dossiers name
    yield store
    store.close()


def client(url: str, token: str = "jeton-de-test", **options: float) -> DemarchesClient:
    settings = {"timeout": 5.0, "retries": 3, "backoff": 0.05, **options}
    return DemarchesClient(
        url=url,
        token=token,
        timeout=settings["timeout"],
        retries=int(settings["retries"]),
        backoff=settings["backoff"],
        page_size=int(options.get("page_size", 2)),
    )


def test_a_first_sync_pages_through_every_dossier_and_imports_the_whole_form(
    url: str, behaviour: Behaviour, store: SQLiteStore, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    seen: list[tuple[int, int]] = []
    result = sync_demarche(
        client(url), store, DEMARCHE, MAPPING, state, progress=lambda p, n: seen.append((p, n))
    )
    # Four dossiers, two per page: two pages, the second with hasNextPage false.
    assert (result.pages, result.dossiers) == (2, 4)
    assert seen == [(1, 2), (2, 4)]
    assert [r["variables"]["after"] for r in behaviour.requests][1] is not None
    assert behaviour.requests[0]["variables"]["includeDeleted"] is False  # nothing stored to compare
    # « en_construction » (1202) is left out by the mapping's states, as in the export.
    assert sorted(p.id for p in store.list_projects() if p.id.startswith("ds-")) == [
        "ds-1201",
        "ds-1203",
        "ds-1204",
    ]
    project = store.get_project("ds-1201")
    assert project is not None
    assert project.schemes == ["cej-douaisis", "plie-douaisis"]
    assert [p.organisation for p in project.partners][4:] == ["W595009871", "ds-1201-partenaire-6"]
    ties = store.list_ties(project="ds-1201")
    assert len(ties) == 4 and {t.kind for t in ties} == {TieKind.ORIENTATION, TieKind.ECHANGE_INFORMATION}
    # The hostel's sector came from its SiretChamp.etablissement (NAF 55.90Z), the form had none.
    hostel = next(o for o in store.list_organisations() if o.name.startswith("Foyer"))
    assert hostel.sector is Sector.HOUSING
    assert result.summary is not None and result.summary.added > 0
    saved = read_state(state, DEMARCHE)
    assert saved.updated_since is not None and saved.end_cursor is not None


def test_the_same_sync_reads_like_the_export(url: str, store: SQLiteStore, tmp_path: Path) -> None:
    from loaders import load_path

    example = Path(__file__).resolve().parents[2] / "examples" / "demarches"
    exported = load_path(
        example / "export-dossiers.xlsx", known=store.known_ids(), mapping=example / "mapping.toml"
    ).dataset
    synced = sync_demarche(client(url), store, DEMARCHE, MAPPING, tmp_path / "s.json", dry_run=True).dataset
    assert synced.projects == exported.projects
    assert synced.ties == exported.ties
    assert [o.id for o in synced.organisations] == [o.id for o in exported.organisations]


def test_a_second_sync_with_nothing_changed_fetches_one_page_and_changes_nothing(
    url: str, behaviour: Behaviour, store: SQLiteStore, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    sync_demarche(client(url), store, DEMARCHE, MAPPING, state)
    before = store.export_dataset()
    first_state = read_state(state, DEMARCHE)
    behaviour.requests.clear()
    again = sync_demarche(client(url), store, DEMARCHE, MAPPING, state)
    assert (again.pages, again.dossiers, len(behaviour.requests)) == (1, 0, 1)
    variables = behaviour.requests[0]["variables"]
    assert (variables["updatedSince"], variables["after"]) == (
        first_state.updated_since,
        first_state.end_cursor,
    )
    assert again.summary is not None
    assert (again.summary.added, again.summary.changed) == (0, 0)
    assert store.export_dataset() == before


def test_a_dossier_changed_since_the_last_sync_is_all_the_next_sync_fetches(
    url: str, behaviour: Behaviour, store: SQLiteStore, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    sync_demarche(client(url), store, DEMARCHE, MAPPING, state)
    values = next(
        d
        for d in __import__("runpy").run_path(
            str(Path(__file__).resolve().parents[2] / "examples" / "demarches" / "build_example.py")
        )["DOSSIERS"]
        if d[0] == 1204
    )
    changed = dossier(
        (*values[:3], "Raccrochage à Sin-le-Noble, saison 2", *values[4:]),
        modified="2999-01-01T00:00:00+00:00",
    )
    behaviour.demarches[DEMARCHE] = [d for d in behaviour.demarches[DEMARCHE] if d["number"] != 1204] + [
        changed
    ]
    again = sync_demarche(client(url), store, DEMARCHE, MAPPING, state)
    assert again.dossiers == 1
    assert again.summary is not None and again.summary.tables["projects"].changed == 1
    project = store.get_project("ds-1204")
    assert project is not None and project.title.endswith("saison 2")


def test_deleted_dossiers_are_reported_with_the_projects_the_store_still_holds(
    url: str, behaviour: Behaviour, store: SQLiteStore, tmp_path: Path
) -> None:
    from graph_service.services.demarches_sync import deleted_notes

    state = tmp_path / "state.json"
    sync_demarche(client(url), store, DEMARCHE, MAPPING, state)
    behaviour.deleted[DEMARCHE] = [deleted_dossier(1203, "2999-01-01T00:00:00+00:00")]
    again = sync_demarche(client(url), store, DEMARCHE, MAPPING, state)
    assert behaviour.requests[-1]["variables"]["includeDeleted"] is True
    assert [d["number"] for d in again.deleted] == [1203]
    assert again.deleted_projects == ["ds-1203"]
    (note,) = deleted_notes(again)
    assert "1203" in note and "ds-1203" in note


def test_a_429_is_honoured_with_its_retry_after(url: str, behaviour: Behaviour, tmp_path: Path) -> None:
    behaviour.throttle_next, behaviour.retry_after = 1, "1"
    waits: list[float] = []
    api = client(url)
    api.sleep = waits.append
    page = api.page(DEMARCHE, None, None, with_deleted=False)
    assert len(page.nodes) == 2
    assert waits == [1.0]
    assert len(behaviour.requests) == 2


def test_a_timeout_is_retried_with_backoff(url: str, behaviour: Behaviour) -> None:
    # Timeout and delay far apart, so a loaded machine answering in 0.5 s is not taken for slow.
    behaviour.slow_next, behaviour.slow_seconds = 1, 4.0
    waits: list[float] = []
    api = client(url, timeout=1.5, backoff=0.1)
    api.sleep = waits.append
    page = api.page(DEMARCHE, None, None, with_deleted=False)
    assert len(page.nodes) == 2
    assert waits == [0.1]


def test_timeouts_past_the_retries_stop_with_a_french_message(url: str, behaviour: Behaviour) -> None:
    behaviour.slow_next, behaviour.slow_seconds = 3, 3.0
    api = client(url, timeout=1.0, backoff=0.01, retries=2)
    with pytest.raises(DemarchesApiError, match="ne répond pas"):
        api.page(DEMARCHE, None, None, with_deleted=False)
    assert len(behaviour.requests) == 3


def test_an_expired_token_stops_the_sync_and_says_what_to_do(
    url: str, store: SQLiteStore, tmp_path: Path
) -> None:
    with pytest.raises(DemarchesApiError, match="expiré ou révoqué") as excinfo:
        sync_demarche(client(url, token="jeton-expire"), store, DEMARCHE, MAPPING, tmp_path / "s.json")
    assert "jeton-expire" not in str(excinfo.value)  # the token is never repeated
    assert not (tmp_path / "s.json").exists()


def test_a_forbidden_demarche_is_named(url: str, store: SQLiteStore, tmp_path: Path) -> None:
    with pytest.raises(DemarchesApiError, match="accès refusé à la démarche 666"):
        sync_demarche(client(url), store, 666, MAPPING, tmp_path / "s.json")


def test_a_graphql_error_stops_with_the_platforms_message(
    url: str, store: SQLiteStore, tmp_path: Path
) -> None:
    with pytest.raises(DemarchesApiError, match="Demarche not found"):
        sync_demarche(client(url), store, 999, MAPPING, tmp_path / "s.json")


def test_no_token_is_refused_before_any_request(url: str, behaviour: Behaviour) -> None:
    with pytest.raises(DemarchesTokenMissing, match="DS_API_TOKEN"):
        client(url, token="")
    assert behaviour.requests == []


def test_an_invalid_dossier_stores_nothing_and_keeps_the_state(
    url: str, behaviour: Behaviour, store: SQLiteStore, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    broken = example_dossiers()
    broken[0]["champs"][0]["stringValue"] = None  # no title
    behaviour.demarches[DEMARCHE] = broken
    before = store.export_dataset()
    with pytest.raises(InvalidInput) as excinfo:
        sync_demarche(client(url), store, DEMARCHE, MAPPING, state)
    (error,) = excinfo.value.errors
    assert (error.file, error.column) == ("démarche 4242, dossier 1201", "Intitulé du projet")
    assert store.export_dataset() == before
    assert not state.exists()


def test_a_dry_run_validates_without_storing_nor_moving_the_state(
    url: str, store: SQLiteStore, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    before = store.export_dataset()
    result = sync_demarche(client(url), store, DEMARCHE, MAPPING, state, dry_run=True)
    assert result.summary is None and len(result.dataset.projects) == 3
    assert store.export_dataset() == before
    assert not state.exists()


def test_the_state_file_keeps_each_demarche_apart(url: str, store: SQLiteStore, tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    sync_demarche(client(url), store, DEMARCHE, MAPPING, state)
    sync_demarche(client(url), store, 777, MAPPING, state)
    document = json.loads(state.read_text("utf-8"))
    assert set(document["demarches"]) == {str(DEMARCHE), "777"}
    assert document["demarches"]["777"]["end_cursor"] is None


def test_the_mapping_may_name_champs_and_blocks_by_their_champ_descriptor_id(
    url: str, store: SQLiteStore, tmp_path: Path
) -> None:
    from tests.support.ds_fixtures import champ

    title = champ("TextChamp", "Intitulé du projet", None)["champDescriptorId"]
    block = champ("RepetitionChamp", "Partenaires", None)["champDescriptorId"]
    mapping = MAPPING.replace(b'title = "Intitul\xc3\xa9 du projet"', f'title = "{title}"'.encode())
    mapping = mapping.replace(b'sheet = "Partenaires"', f'sheet = "{block}"'.encode())
    assert mapping != MAPPING
    by_label = sync_demarche(client(url), store, DEMARCHE, MAPPING, tmp_path / "a.json", dry_run=True).dataset
    by_id = sync_demarche(client(url), store, DEMARCHE, mapping, tmp_path / "b.json", dry_run=True).dataset
    assert [p.title for p in by_id.projects] == [p.title for p in by_label.projects]
    assert [p.partners for p in by_id.projects] == [p.partners for p in by_label.projects]


def test_an_applicant_the_platform_could_not_look_up_keeps_its_siret(
    url: str, store: SQLiteStore, tmp_path: Path
) -> None:
    # Dossier 1203's demandeur is a PersonneMoraleIncomplete: only its SIRET, no establishment.
    mapping = MAPPING.replace(
        b'lead_siret = "SIRET de la structure porteuse"', 'lead_siret = "Établissement SIRET"'.encode()
    )
    dataset = sync_demarche(client(url), store, DEMARCHE, mapping, tmp_path / "s.json", dry_run=True).dataset
    leads = {p.id: p.lead for p in dataset.projects}
    assert leads["ds-1203"] == "99000000001109"
    assert (
        next(o for o in dataset.organisations if o.id == leads["ds-1203"]).name == "Centre social Les Dunes"
    )
