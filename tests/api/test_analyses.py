"""Analyses over HTTP on the demo territory: reports, gaps, what-if, comparison, and what they hide."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from graph_service.api import create_app
from graph_service.auth import Role
from graph_service.services.demo import demo_dataset
from graph_service.settings import Settings
from graph_service.stores.protocol import Store
from tests.api.conftest import Api

CALL = "aap-invisibles-2019"
RIVAL_ID, RIVAL_TITLE = "p-2019-06", "Escaut Solidaire"


@pytest.fixture
def demo(store: Store, settings: Settings) -> Iterator[Api]:
    store.upsert_dataset(demo_dataset())
    app = create_app(settings, store)
    with TestClient(app) as client:
        services = app.state.services
        tokens = {
            "admin": services.tokens.create(Role.ADMIN).secret,
            "reviewer": services.tokens.create(Role.REVIEWER, regions=["32"]).secret,
            # The lead of p-2019-05, which competes with p-2019-06 on the same communes.
            "lead": services.tokens.create(Role.LEAD, organisation="cap-hainaut-jeunes").secret,
        }
        yield Api(client=client, services=services, tokens=tokens)


def test_a_report_names_the_overlapping_application_to_a_reviewer(demo: Api) -> None:
    report = demo.client.get("/projects/p-2019-05/report", headers=demo.headers("reviewer")).json()
    assert [o["project"] for o in report["metrics"]["overlapping_projects"]] == [RIVAL_ID]


@pytest.mark.parametrize("query", ["", "?format=html", "?format=text&lang=en"])
def test_a_lead_sees_that_its_application_is_overlapped_but_never_by_whom(demo: Api, query: str) -> None:
    response = demo.client.get(f"/projects/p-2019-05/report{query}", headers=demo.headers("lead"))
    assert response.status_code == 200
    assert RIVAL_ID not in response.text
    assert RIVAL_TITLE not in response.text
    if not query:
        assert len(response.json()["metrics"]["overlapping_projects"]) == 1


def test_a_lead_gets_gaps_and_what_if_of_its_project_without_the_rival(demo: Api) -> None:
    gaps = demo.client.get("/projects/p-2019-05/gaps", headers=demo.headers("lead"))
    assert gaps.status_code == 200
    assert gaps.json()["project"] == "p-2019-05"
    whatif = demo.client.post(
        "/projects/p-2019-05/whatif",
        json={"remove": ["ml-valenciennois"]},
        headers=demo.headers("lead"),
    )
    assert whatif.status_code == 200, whatif.text
    assert whatif.json()["removed"] == ["ml-valenciennois"]
    for body in (gaps.text, whatif.text):
        assert RIVAL_ID not in body and RIVAL_TITLE not in body


def test_the_rivals_report_is_missing_for_the_lead(demo: Api) -> None:
    for path in (f"/projects/{RIVAL_ID}/report", f"/projects/{RIVAL_ID}/gaps"):
        assert demo.client.get(path, headers=demo.headers("lead")).status_code == 404


def test_what_if_refuses_an_organisation_the_lead_cannot_see_as_missing(demo: Api) -> None:
    response = demo.client.post(
        "/projects/p-2019-05/whatif",
        json={"add": [{"organisation": "nowhere"}]},
        headers=demo.headers("lead"),
    )
    assert response.status_code == 404


def test_a_reviewer_compares_every_application_of_the_call_strongest_first(demo: Api) -> None:
    comparison = demo.client.get(f"/calls/{CALL}/comparison", headers=demo.headers("reviewer")).json()
    rows = comparison["rows"]
    assert len(rows) == 8
    assert rows[0]["project"] == "p-2019-01"  # the demo's strong consortium ranks first
    strengths = [row["strength"] for row in rows]
    assert strengths == sorted(strengths, reverse=True)


def test_the_comparison_downloads_as_csv_with_one_line_per_application(demo: Api) -> None:
    response = demo.client.get(f"/calls/{CALL}/comparison?format=csv", headers=demo.headers("reviewer"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert sum(1 for line in lines if line and line[0].startswith("p-2019-")) >= 8


def test_an_unknown_sort_key_is_a_422_naming_it_not_a_crash(demo: Api) -> None:
    response = demo.client.get(f"/calls/{CALL}/comparison?sort=nope", headers=demo.headers("admin"))
    assert response.status_code == 422
    assert response.json()["error"] == "unknown_sort_key"


def test_a_write_through_the_api_refreshes_the_cached_report(demo: Api) -> None:
    headers = demo.headers("admin")
    first = demo.client.get("/projects/p-2019-01/report", headers=headers).json()
    demo.client.patch("/projects/p-2019-01", json={"title": "Titre neuf"}, headers=headers)
    second = demo.client.get("/projects/p-2019-01/report", headers=headers).json()
    assert first["title"] != "Titre neuf"
    assert second["title"] == "Titre neuf"


def test_the_ecosystem_of_the_department_shows_a_lead_no_other_application(demo: Api) -> None:
    response = demo.client.get("/territories/59/ecosystem", headers=demo.headers("lead"))
    assert response.status_code == 200
    ecosystem = response.json()
    assert [p["id"] for p in ecosystem["projects"]] == ["p-2019-05"]
    assert all(t["project"] in (None, "p-2019-05") for t in ecosystem["ties"])
    assert len(ecosystem["organisations"]) > 20  # the territory's actors, partners elsewhere or not
    assert RIVAL_ID not in response.text


def test_a_second_identical_report_request_is_served_from_the_cache(demo: Api) -> None:
    headers = demo.headers("reviewer")
    first = demo.client.get("/projects/p-2019-01/report", headers=headers)
    version = demo.services.cache.version
    second = demo.client.get("/projects/p-2019-01/report", headers=headers)
    reports = [key for key in demo.services.cache._values if key[0] == "report"]
    assert first.content == second.content
    assert len(reports) == 1
    assert demo.services.cache.version == version


def test_hidden_titles_are_removed_from_html_in_every_escaping() -> None:
    from graph_service.auth.redaction import HIDDEN, html_variants, scrub_text

    title = "Le service public de l'emploi & « les jeunes »"
    page = f"<p>{title}</p><p>Le service public de l&#39;emploi &amp; « les jeunes »</p>"
    page += "<p>Le service public de l&#x27;emploi &amp; « les jeunes »</p>"
    scrubbed = scrub_text(page, html_variants((title,)))
    assert "emploi" not in scrubbed
    assert scrubbed.count(HIDDEN) == 3


def test_the_lead_reads_the_notice_of_its_own_application_never_of_the_rivals(demo: Api) -> None:
    own = demo.client.get("/projects/p-2019-05/report?format=notice", headers=demo.headers("lead"))
    assert own.status_code == 200
    assert own.headers["content-type"].startswith("text/plain")
    assert "aide à l'instruction" in own.text and "Données traitées et leurs sources" in own.text
    assert RIVAL_ID not in own.text and RIVAL_TITLE not in own.text
    rival = demo.client.get(f"/projects/{RIVAL_ID}/report?format=notice", headers=demo.headers("lead"))
    assert rival.status_code == 404


def test_what_if_over_http_formalises_a_commitment_and_declares_a_tie(demo: Api) -> None:
    # p-2019-05's partners as the demo lists them; the first one gets a convention.
    project = demo.services.store.get_project("p-2019-05")
    assert project is not None
    informal = [p.organisation for p in project.partners if p.commitment.value == "informel"]
    members = [p.organisation for p in project.partners]
    body = {
        "commit": [{"organisation": informal[0]}] if informal else [],
        "declare": [[members[0], members[1]]],
    }
    response = demo.client.post("/projects/p-2019-05/whatif", json=body, headers=demo.headers("lead"))
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["declared"] == [[members[0], members[1]]]
    assert [c["commitment"] for c in result["committed"]] == ["convention"] * len(body["commit"])
    wrong = demo.client.post(
        "/projects/p-2019-05/whatif", json={"declare": [[members[0], "nobody"]]}, headers=demo.headers("lead")
    )
    assert wrong.status_code == 422 and "deux membres distincts" in wrong.text
