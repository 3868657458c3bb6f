"""French wording helpers (graph_service.domain.french) and where the pages use them."""

from __future__ import annotations

import doctest
import re
from html import unescape

import pytest

import graph_service.domain.french as french
from graph_service.domain.french import NBSP, count, count_en, is_share, plural, share, typography
from tests.pages.conftest import Site
from tests.support.french import english_words, typography_mistakes


def test_the_module_examples_hold() -> None:
    assert doctest.testmod(french).failed == 0


@pytest.mark.parametrize(
    ("number", "noun", "expected"),
    [
        (0, "lien", "0 lien"),
        (1, "dispositif", "1 dispositif"),
        (2, "lien", "2 liens"),
        (1, "autre acteur", "1 autre acteur"),
        (3, "autre acteur", "3 autres acteurs"),
        (2, "dispositif local", "2 dispositifs locaux"),
        (2, "lien de travail", "2 liens de travail"),
        (5, "nœud", "5 nœuds"),
        (2, "organisme agréé", "2 organismes agréés"),
        (1, "dossier lu", "1 dossier lu"),
        (3, "dossier lu", "3 dossiers lus"),
        (2, "rapprochement douteux écrit", "2 rapprochements douteux écrits"),
        (2, "organisation décrite", "2 organisations décrites"),
        (0, "paire de secteurs", "0 paire de secteurs"),
        (4, "paire de secteurs", "4 paires de secteurs"),
    ],
)
def test_count_agrees_the_noun_with_the_number(number: int, noun: str, expected: str) -> None:
    assert count(number, noun) == expected


def test_the_english_twin_takes_the_plural_for_zero_as_english_does() -> None:
    assert [count_en(n, "error") for n in (0, 1, 2)] == ["0 errors", "1 error", "2 errors"]
    assert count_en(2, "pair of sectors", "pairs of sectors") == "2 pairs of sectors"


def test_words_ending_in_s_x_or_z_keep_their_plural() -> None:
    assert plural("accès") == "accès" and plural("prix") == "prix" and plural("nez") == "nez"


def test_a_share_is_a_french_percentage_and_missing_reads_non_renseigne() -> None:
    assert share(0.5) == f"50{NBSP}%"
    assert share(0.125, digits=1) == f"12,5{NBSP}%"
    assert share(None) == "non renseigné"
    assert is_share("lead_formal_tie_share") and is_share("stage_coverage") and not is_share("density")


def test_typography_puts_a_no_break_space_before_double_punctuation_and_inside_guillemets() -> None:
    assert typography("Secteur : Justice ; voir « ceci » !") == (
        f"Secteur{NBSP}: Justice{NBSP}; voir «{NBSP}ceci{NBSP}»{NBSP}!"
    )
    assert typography("https://exemple 10:30") == "https://exemple 10:30"  # not punctuation


def test_the_scan_finds_english_words_and_typography_slips() -> None:
    assert english_words("Show this message and exit.", cli=False) == [
        "and",
        "exit",
        "message",
        "show",
        "this",
    ]
    assert typography_mistakes("1 dispositifs, 1 liens ; 2 membre(s), 50%") != []
    assert typography_mistakes(f"2 entités ajoutée(s), 3 rapprochement(x){NBSP}; 1 inscrit(e)") == [
        "e(s)",
        "t(x)",
        "t(e)",
    ]
    assert typography_mistakes(f"1 dispositif, 2 liens{NBSP}; 50{NBSP}%") == []


def test_every_page_of_the_site_is_french_and_well_spaced(site: Site) -> None:
    pages = {
        "reviewer": [
            "/pages/",
            "/pages/appels/aap-test",
            "/pages/appels/aap-test/ecart",
            "/pages/appels/aap-test/recouvrements",
            "/pages/candidatures/p-xss",
            "/pages/candidatures/p-xss/manques",
            "/pages/candidatures/p-xss/simulation",
            "/pages/territoires/59512?candidature=p-xss",
            "/pages/nulle-part",
        ],
        "lead": ["/pages/", "/pages/candidatures/p-xss/manques", "/pages/territoires/59512"],
    }
    for role, paths in pages.items():
        client = site.sign_in(role)
        for path in paths:
            html = client.get(path).text
            body = html.split("<body>", 1)[1].split('<script type="application/json"', 1)[0]
            text = unescape(re.sub(r"<[^>]+>", " ", body))
            assert english_words(text, cli=False) == [], path
            assert typography_mistakes(text) == [], path
    client = site.sign_in("reviewer")
    assert "Connexion" in site.client.get("/pages/connexion").text


def test_the_simulation_shows_shares_as_percentages(site: Site) -> None:
    client = site.sign_in("lead")
    result = client.post("/pages/candidatures/p-xss/simulation", data={"retirer": ["ml"]}).text
    changes = result.split('class="changes"', 1)[1].split("</ul>", 1)[0]
    stages = changes.split("Étapes du parcours couvertes", 1)[1].split("</li>", 1)[0]
    # Five of six stages, then four (hand count of p-xss without ml): a share, not « 0,83 ».
    assert f"83{NBSP}% → 67{NBSP}%" in stages
