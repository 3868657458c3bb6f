"""The pages over HTTP: sign-in cookie, roles, escaping, downloads, what-if."""

from __future__ import annotations

import re

import pytest

from tests.pages.conftest import Site
from tests.visualisations.fixtures import XSS_IMG, XSS_SCRIPT


def test_pages_ask_to_sign_in_first(site: Site) -> None:
    response = site.client.get("/pages/candidatures/p-xss", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/pages/connexion?suite=/pages/candidatures/p-xss"


def test_signing_in_sets_an_httponly_samesite_cookie_and_signing_out_clears_it(site: Site) -> None:
    response = site.client.post(
        "/pages/connexion",
        data={"token": site.tokens["reviewer"], "suite": "/pages/appels/aap-test"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/pages/appels/aap-test"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/pages" in cookie
    assert site.client.get("/pages/").status_code == 200
    response = site.client.post("/pages/deconnexion", follow_redirects=False)
    assert response.status_code == 303
    assert 'partnership_graph_session=""' in response.headers["set-cookie"]
    assert "Max-Age=0" in response.headers["set-cookie"]
    site.client.cookies.clear()  # what the browser does with Max-Age=0
    assert site.client.get("/pages/", follow_redirects=False).status_code == 303


def test_sign_out_posted_from_another_site_is_refused_and_the_session_kept(site: Site) -> None:
    client = site.sign_in("reviewer")
    response = client.post(
        "/pages/deconnexion", headers={"Origin": "http://evil.example"}, follow_redirects=False
    )
    assert response.status_code == 403
    assert "set-cookie" not in response.headers
    referred = client.post(
        "/pages/deconnexion", headers={"Referer": "http://evil.example/page"}, follow_redirects=False
    )
    assert referred.status_code == 403
    assert client.get("/pages/", follow_redirects=False).status_code == 200
    same_site = client.post(
        "/pages/deconnexion", headers={"Origin": "http://127.0.0.1"}, follow_redirects=False
    )
    assert same_site.status_code == 303


def test_a_wrong_token_is_refused_in_french(site: Site) -> None:
    response = site.client.post("/pages/connexion", data={"token": "pg_faux"}, follow_redirects=False)
    assert response.status_code == 401
    assert "jeton inconnu" in response.text
    assert "set-cookie" not in response.headers


def test_sign_in_never_redirects_to_another_site(site: Site) -> None:
    response = site.client.post(
        "/pages/connexion",
        data={"token": site.tokens["admin"], "suite": "//evil.example/"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/pages/"


def test_a_form_posted_from_another_site_is_refused(site: Site) -> None:
    client = site.sign_in("lead")
    response = client.post(
        "/pages/candidatures/p-xss/simulation",
        data={"retirer": "ml"},
        headers={"Origin": "http://evil.example"},
    )
    assert response.status_code == 403


def test_a_lead_gets_404_on_another_application_and_its_report(site: Site) -> None:
    client = site.sign_in("lead")
    for path in (
        "/pages/candidatures/p-other",
        "/pages/candidatures/p-other/rapport",
        "/pages/candidatures/p-other/manques",
        "/pages/candidatures/p-other/simulation",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Raccrocher à Tourcoing" not in response.text
    assert client.get("/pages/candidatures/p-xss").status_code == 200


def test_a_lead_sees_no_comparison_nor_overlap_of_the_call(site: Site) -> None:
    client = site.sign_in("lead")
    assert client.get("/pages/appels/aap-test").status_code == 404
    assert client.get("/pages/appels/aap-test/comparaison.csv").status_code == 404
    assert client.get("/pages/appels/aap-test/recouvrements").status_code == 404


def test_a_leads_ecosystem_never_names_the_other_application(site: Site) -> None:
    client = site.sign_in("lead")
    response = client.get("/pages/territoires/59")
    assert response.status_code == 200
    assert "Raccrocher à Tourcoing" not in response.text
    assert "p-other" not in response.text


def test_reviewer_sees_the_calls_applications_with_scores_and_flags(site: Site) -> None:
    client = site.sign_in("reviewer")
    response = client.get("/pages/appels/aap-test")
    assert response.status_code == 200
    rows = re.findall(r'<tr data-project="([^"]+)">', response.text)
    assert sorted(rows) == ["p-other", "p-xss"]
    assert "/pages/candidatures/p-xss" in response.text
    cells = dict(re.findall(r'<tr data-project="([^"]+)">(.*?)</tr>', response.text, re.S))
    # p-other has no enterprise partner, p-xss has one (ent): only p-other carries the flag.
    assert "aucune entreprise" in cells["p-other"]
    assert "aucune entreprise" not in cells["p-xss"]


@pytest.mark.parametrize(
    ("extension", "media"),
    [("csv", "text/csv"), ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")],
)
def test_the_comparison_downloads_as_csv_and_xlsx(site: Site, extension: str, media: str) -> None:
    client = site.sign_in("reviewer")
    response = client.get(f"/pages/appels/aap-test/comparaison.{extension}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert f'filename="comparaison.{extension}"' in response.headers["content-disposition"]
    if extension == "xlsx":
        assert response.content[:2] == b"PK"
    else:
        assert "p-xss" in response.text and "p-other" in response.text


def test_pages_escape_names_and_forbid_inline_scripts(site: Site) -> None:
    client = site.sign_in("admin")
    for path in (
        "/pages/candidatures/p-xss",
        "/pages/appels/aap-test",
        "/pages/appels/aap-test/recouvrements",
        "/pages/territoires/59512",
        "/pages/candidatures/p-xss/simulation",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert XSS_IMG not in response.text and XSS_SCRIPT not in response.text, path
        assert "<script>alert" not in response.text, path
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert response.headers["x-content-type-options"] == "nosniff"
        # Every script element of a page either loads a file of ours or holds JSON data.
        for tag in re.findall(r"<script[^>]*>", response.text):
            assert tag.startswith(('<script src="/pages/static/', '<script type="application/json"')), tag


def test_the_project_page_puts_the_report_beside_the_map(site: Site) -> None:
    client = site.sign_in("lead")
    page = client.get("/pages/candidatures/p-xss").text
    assert '<iframe src="/pages/candidatures/p-xss/rapport"' in page
    assert 'id="map-data"' in page
    report = client.get("/pages/candidatures/p-xss/rapport")
    assert report.status_code == 200 and report.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in report.headers["content-security-policy"]


def test_gaps_page_lists_what_is_missing_and_who_would_fill_it(site: Site) -> None:
    client = site.sign_in("lead")
    response = client.get("/pages/candidatures/p-xss/manques")
    assert response.status_code == 200
    assert "Levée des freins" in response.text  # nobody lifts barriers in p-xss


def test_what_if_removing_a_partner_shows_before_and_after(site: Site) -> None:
    client = site.sign_in("lead")
    response = client.post("/pages/candidatures/p-xss/simulation", data={"retirer": ["sante"]})
    assert response.status_code == 200, response.text
    assert 'id="resultat"' in response.text
    assert "Force du partenariat (0-100)" in response.text


def test_what_if_with_an_impossible_change_explains_it_on_the_form(site: Site) -> None:
    client = site.sign_in("lead")
    response = client.post("/pages/candidatures/p-xss/simulation", data={"retirer": ["lead"]})
    assert response.status_code in (409, 422)
    assert 'class="error"' in response.text


def test_static_files_are_served_from_the_service(site: Site) -> None:
    response = site.client.get("/pages/static/vis-network.min.js")
    assert response.status_code == 200 and "vis-network" in response.text[:400]
    assert site.client.get("/pages/static/../app.py").status_code == 404


def test_what_if_from_a_link_runs_on_the_first_click(site: Site) -> None:
    client = site.sign_in("lead")
    response = client.get("/pages/candidatures/p-xss/simulation", params={"retirer": "sante"})
    assert response.status_code == 200, response.text
    assert 'id="resultat"' in response.text
    form = client.get("/pages/candidatures/p-xss/simulation")
    assert form.status_code == 200 and 'id="resultat"' not in form.text
