"""What a French reader sees: the comparison's labels, what-if results and errors as pages."""

from __future__ import annotations

import re

from queries.comparison import FAMILIES, SORT_KEYS, column_label, row_headers
from tests.pages.conftest import Site


def _column_headers(html: str) -> list[str]:
    thead = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    cells = re.findall(r"<th[^>]*>(.*?)</th>", thead, flags=re.S)
    # A header's direction note (« moins de doublons ↑ ») is a span of its own, not its name.
    cells = [re.sub(r'<span class="direction">.*?</span>', "", cell, flags=re.S) for cell in cells]
    return [re.sub(r"<[^>]+>|▼|▲|\u00ad", "", cell).strip() for cell in cells]


def test_the_comparison_page_names_its_columns_as_the_exports_do(site: Site) -> None:
    client = site.sign_in("reviewer")
    html = client.get("/pages/appels/aap-test").text
    headers = _column_headers(html)
    exported = row_headers("fr")
    for family in FAMILIES:
        assert column_label(family) in headers
        assert column_label(family) in exported  # one table for the page and the downloads
        assert family not in headers
    assert "Force (sur 100) et tranche" in headers and "Candidature et chef de file" in headers
    assert "Verdict de fédération" in headers  # the verdict, not the federation score's name
    csv_header = client.get("/pages/appels/aap-test/comparaison.csv").content.decode("utf-8-sig")
    assert column_label("complementarity") in csv_header.splitlines()[0]


def test_the_comparison_caption_says_the_sort_in_french(site: Site) -> None:
    client = site.sign_in("reviewer")
    html = client.get("/pages/appels/aap-test?tri=complementarity&decroissant=false").text
    assert "«\u202fComplémentarité\u202f»" in html  # French spacing inside guillemets
    html = html.replace("\u202f", " ")
    caption = html.split("<caption", 1)[1].split("</caption>", 1)[0]
    assert "« Complémentarité », ordre croissant" in caption
    assert "complementarity" not in caption.split(">", 1)[1]
    shown = html.split('id="tri-courant" class="hint">', 1)[1].split("</p>", 1)[0]
    assert shown.startswith("2 candidatures sur 2, triées par « Complémentarité », ordre croissant")
    assert "plus haut = moins de doublons" in shown  # the redundancy score's direction
    # The current column says its order to assistive technologies, and a click reverses it.
    assert 'aria-sort="ascending"' in html
    assert "?tri=complementarity&amp;decroissant=true" in html


def test_every_sort_key_of_the_page_has_a_french_label(site: Site) -> None:
    for key in SORT_KEYS:
        assert column_label(key) != key, key


def test_what_if_results_show_labels_not_codes(site: Site) -> None:
    client = site.sign_in("lead")
    response = client.post("/pages/candidatures/p-xss/simulation", data={"retirer": ["sante"]})
    result = response.text.split('id="resultat"', 1)[1]
    text = re.sub(r"<[^>]+>", " ", result)
    for raw in ("complementarity", "scheme_articulation", "federates", "tres_solide", "<code>", "['"):
        assert raw not in text, raw
    assert "Complémentarité" in text


def test_an_unknown_page_is_a_french_404_page_with_a_link_home(site: Site) -> None:
    client = site.sign_in("reviewer")
    response = client.get("/pages/nulle-part")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>Page introuvable</h1>" in response.text
    assert 'href="/pages/"' in response.text


def test_a_missing_application_is_a_french_404_page(site: Site) -> None:
    client = site.sign_in("reviewer")
    response = client.get("/pages/candidatures/p-inexistant")
    assert response.status_code == 404
    assert "<h1>Page introuvable</h1>" in response.text and "text/html" in response.headers["content-type"]


def test_a_lead_gets_the_same_404_page_for_another_application_as_for_a_missing_one(site: Site) -> None:
    client = site.sign_in("lead")
    other = client.get("/pages/candidatures/p-other")
    missing = client.get("/pages/candidatures/p-absent")
    assert other.status_code == missing.status_code == 404
    assert other.text.replace("p-other", "ID") == missing.text.replace("p-absent", "ID")


def test_a_bad_query_parameter_is_a_french_422_page_naming_it(site: Site) -> None:
    client = site.sign_in("reviewer")
    response = client.get("/pages/territoires/59?seuil=beaucoup")
    assert response.status_code == 422
    assert "text/html" in response.headers["content-type"]
    assert "<h1>Paramètres invalides</h1>" in response.text
    assert "« seuil » : un nombre entier est attendu" in response.text.replace("\u202f", " ")
    unknown_sort = client.get("/pages/appels/aap-test?tri=nimporte")
    assert unknown_sort.status_code == 422 and "<h1>Paramètres invalides</h1>" in unknown_sort.text


def test_pages_still_send_to_sign_in_without_a_session(site: Site) -> None:
    response = site.client.get("/pages/territoires/59", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/pages/connexion")


def test_the_json_api_keeps_its_json_errors(site: Site) -> None:
    headers = {"Authorization": f"Bearer {site.tokens['admin']}"}
    missing = site.client.get("/projects/p-absent", headers=headers)
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    route = site.client.get("/nulle-part", headers=headers)
    assert route.status_code == 404 and route.json()["error"] == "not_found"
    bad = site.client.get("/projects?limit=beaucoup", headers=headers)
    assert bad.status_code == 422 and bad.json()["error"] == "invalid_request"
