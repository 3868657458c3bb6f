"""Expert cases: small applications where any instructeur agrees on the answer.

Each case quotes the sentence of the call it illustrates (``docs`` of the call: « Repérer et
mobiliser les publics invisibles », Direccte, 2019) and states the verdict, band or finding an
expert expects, with the arithmetic behind each value in a comment. The applications are built
with :mod:`tests.queries.applications` and measured through the real N(P) builder and report, so
what a case checks is what a reviewer would read.

The ten problems of issue 13 are pinned here (P1 … P10), with the demo's eight applications,
degenerate sizes, competitor and territory ties, a co-hub, a silo led from outside its sector and
a strong consortium split into clusters that only its lead holds together.
"""

from __future__ import annotations

import itertools

import pytest

from graph_service.services.demo import demo_dataset
from graph_service.services.reports import project_report
from graph_service.stores.sqlite import SQLiteStore
from queries.report import Report
from queries.report.render import render_text
from tests.queries.applications import Application, cluster, org, scheme

# The call's sentences (appel-a-projets-publics-invisibles.txt), quoted by the cases.
NETWORK = (
    "Le travail en réseau de différents acteurs impliqués dans la vie quotidienne ou dans "
    "l'accompagnement de ces publics est un atout majeur."
)
PARTNERSHIPS = (
    "L'organisation et la nature des partenariats conclus entre le porteur de projets et les "
    "acteurs présents sur le territoire constituent un autre facteur clé."
)
FEDERATE = (
    "un pilotage local de qualité, assuré par un chef de file en capacité de fédérer et de "
    "décloisonner les interventions des partenaires impliqués."
)
ENTERPRISES = (
    "Les partenariats avec les entreprises, y compris les entreprises adaptées et les petites et "
    "moyennes entreprises, pour garantir l'aval de la phase de repérage et de mobilisation "
    "représentent également un atout majeur."
)
COMPLEMENTARY = (
    "Le projet doit assurer la complémentarité des réponses des acteurs intervenant dans le "
    "repérage et la mobilisation des personnes."
)
TRAJECTORIES = "Il doit permettre de construire des trajectoires d'insertion pour fluidifier les parcours."
SILOS = (
    "Il doit concourir au décloisonnement des approches et doit s'articuler avec les dispositifs "
    "préexistants au niveau local."
)
SOLUTION = (
    "La finalité de ces actions de repérage et de mobilisation est de les amener vers la solution "
    "la plus appropriée à leurs besoin qui n'est pas nécessairement, dans un premier temps, "
    "l'emploi ou la formation."
)


def call_says(sentence: str) -> None:
    """Mark which sentence of the call a case illustrates (checked against the call's text)."""
    assert sentence in CALL_TEXT


CALL_TEXT = " ".join(
    [NETWORK, PARTNERSHIPS, FEDERATE, ENTERPRISES, COMPLEMENTARY, TRAJECTORIES, SILOS, SOLUTION]
)

# -- a complete, well-federated partnership and its pieces -----------------------------------


def youth_lead() -> object:
    return org("asso", "youth_sport_culture", name="Association Horizon", stages=["reperage", "mobilisation"])


def complete(commitment: str = "convention") -> Application:
    """Lead and five partners covering the six stages, five sectors besides the lead's."""
    app = Application(youth_lead())  # type: ignore[arg-type]
    app.partner(org("ml", "employment", name="Mission Locale", stages=["accompagnement"]), commitment)
    app.partner(
        org("ccas", "social", name="CCAS", stages=["levee_freins"], barriers=["acces_droits"]), commitment
    )
    app.partner(
        org("mda", "health", name="Maison des ados", stages=["levee_freins"], barriers=["sante"]), commitment
    )
    app.partner(org("of", "education", name="Organisme de formation", stages=["formation"]), commitment)
    app.partner(org("pme", "enterprise", name="Menuiserie", stages=["emploi"], subtype="sme"), commitment)
    return app


def woven(app: Application) -> Application:
    """The partners of :func:`complete` tied along the pathway, as P declares."""
    return (
        app.declare("ml", "ccas")
        .declare("ml", "mda")
        .declare("ml", "of")
        .declare("of", "pme")
        .declare("ccas", "mda")
    )


def verdict(report: Report) -> str:
    return report.federation_verdict.verdict


def band(report: Report) -> str | None:
    return report.band.code if report.band else None


def all_text(report: Report) -> str:
    """Every sentence a reviewer reads: reasons, failures, findings."""
    parts = [*report.federation_verdict.reasons, *(f.text for f in report.critical_failures)]
    for family in report.families.values():
        parts += [f.text for f in family.findings]
    return "\n".join(parts)


# -- P1: a competitor's file, the territory's knowledge ---------------------------------------


def test_a_competitors_ties_between_shared_partners_do_not_change_the_report() -> None:
    call_says(PARTNERSHIPS)
    # A declares no tie; B, which shares five of A's partners, declares ties between them. The
    # ties are B's: A's report must be the same with or without them (P1).
    alone = complete()
    with_rival = complete()
    for a, b in [("ml", "ccas"), ("ml", "mda"), ("ml", "of"), ("of", "pme"), ("ccas", "mda")]:
        with_rival.declared_by("p-rival", a, b)
    before, after = alone.report(), with_rival.report()
    assert after.metrics == before.metrics
    assert (verdict(after), after.partnership_strength) == (verdict(before), before.partnership_strength)
    assert after.metrics["partner_tie_density"] == 0  # no tie of A's own between partners


def test_one_known_territory_tie_does_not_lift_an_all_informal_application() -> None:
    call_says(PARTNERSHIPS)
    # Five informal partners, no tie declared; the territory knows one cooperation between two of
    # them. Informal letters alone never federate, whatever the territory knows (P1): does_not,
    # capped at « fragile ».
    app = complete("informel").known("ml", "ccas")
    report = app.report()
    assert verdict(report) == "does_not"
    assert band(report) == "fragile"


def test_a_known_tie_is_credited_as_existing_cooperation_never_as_declared() -> None:
    call_says(NETWORK)
    report = complete().known("ml", "ccas").report()
    text = all_text(report)
    # Between partners, the known tie counts (1 of the 5·4/2 = 10 pairs) as existing cooperation,
    # and the report says none of it is the application's declaration.
    assert report.metrics["partner_tie_density"] == pytest.approx(1 / 10)
    assert report.details["partner_tie_density"] == {"declared": 0, "known": 1}
    assert "0 déclaré par la candidature, 1 coopération existante sur le territoire" in text


def test_informal_letters_never_federate_even_when_the_territory_knows_every_partner_tie() -> None:
    call_says(FEDERATE)
    app = complete("informel")
    for a, b in [("ml", "ccas"), ("ml", "mda"), ("ml", "of"), ("of", "pme"), ("ccas", "mda")]:
        app.known(a, b, formal=True)
    assert verdict(app.report()) != "federates"


# -- P2: a figurehead lead, a co-hub, the lead-organisation form --------------------------------


def figurehead() -> Application:
    """The lead signs letters with eight partners and declares no tie; the Mission Locale is
    tied (P's declared ties) to the seven others."""
    app = Application(youth_lead())  # type: ignore[arg-type]
    app.partner(
        org("ml", "employment", name="Mission Locale", stages=["accompagnement"]), "lettre_engagement"
    )
    others = [
        org("ccas", "social", stages=["levee_freins"]),
        org("mda", "health", stages=["levee_freins"]),
        org("of", "education", stages=["formation"]),
        org("pme", "enterprise", stages=["emploi"], subtype="sme"),
        org("fjt", "housing", stages=["levee_freins"]),
        org("spip", "justice", stages=["accompagnement"]),
        org("club", "youth_sport_culture", stages=["mobilisation"]),
    ]
    app.partners_of(others, "lettre_engagement")
    for other in others:
        app.declare("ml", other.id)
    return app


def test_a_figurehead_lead_does_not_federate_and_the_hub_is_named() -> None:
    call_says(FEDERATE)
    report = figurehead().report()
    # Working view: the lead is tied to the 8 partners, the Mission Locale to the lead and the 7
    # others. Each of the 21 pairs of the 7 others has two shortest paths, one through each hub:
    # both get 21 / 2 = 10.5, the same betweenness. The lead is not the only hub (P2).
    assert verdict(report) == "partially"
    assert any("Mission Locale" in reason for reason in report.federation_verdict.reasons)
    assert report.metrics["lead_betweenness_rank"] == 1
    assert report.details["lead_betweenness_rank"]["tied"] == ["ml"]


def test_a_co_hub_as_central_as_the_lead_is_named_and_the_lead_only_partially_federates() -> None:
    call_says(FEDERATE)
    # A formal, woven partnership where the CCAS is tied to every partner, as the lead is: two
    # hubs of equal betweenness (every pair of the four others has one path through each).
    app = complete()
    for other in ("ml", "mda", "of", "pme"):
        app.declare("ccas", other)
    report = app.report()
    assert verdict(report) == "partially"
    assert any("CCAS" in reason for reason in report.federation_verdict.reasons)


def test_a_consortium_split_into_clusters_only_the_lead_holds_together_federates() -> None:
    call_says(FEDERATE)
    # Provan & Kenis (2008), lead-organisation governance: three clusters of three partners
    # (social, employment, enterprise), dense formal ties inside each, none between them; the
    # lead has conventions with all nine. Partner tie density: 3 clusters × 3 ties = 9 of the
    # 9·8/2 = 36 pairs, 0.25 ≥ 0.15; the lead is the only bridge: it federates.
    app = Application(youth_lead())  # type: ignore[arg-type]
    social = cluster("soc", "social", 3, stages=["levee_freins"])
    work = cluster("emp", "employment", 3, stages=["accompagnement", "formation"])
    firms = cluster("ent", "enterprise", 3, stages=["emploi"], subtype="sme")
    for group in (social, work, firms):
        app.partners_of(group)
        a, b, c = (o.id for o in group)
        app.declare(a, b).declare(b, c).declare(a, c)
    report = app.report()
    assert report.metrics["partner_tie_density"] == pytest.approx(9 / 36)
    assert report.metrics["components_without_lead"] == 3
    assert report.metrics["governance_form"] == "lead_organisation"
    assert verdict(report) == "federates"


def test_a_woven_formal_partnership_federates_and_is_very_strong() -> None:
    call_says(FEDERATE)
    report = woven(complete()).report()
    # Lead: conventions with all five (formal share 1), every member within one step (reach 1);
    # partners tied along the pathway (5 of 10 pairs: density 0.5); five sectors beyond its own.
    assert report.metrics["lead_formal_tie_share"] == 1
    assert report.metrics["partner_tie_density"] == pytest.approx(5 / 10)
    assert verdict(report) == "federates"
    assert band(report) == "tres_solide"


# -- P3 and P10: silos, E-I ---------------------------------------------------------------------


def silo_led_from_outside() -> Application:
    """Twelve employment members led by a youth association, tied among themselves."""
    app = Application(youth_lead())  # type: ignore[arg-type]
    members = cluster("emp", "employment", 12, stages=["accompagnement", "formation", "emploi"])
    app.partners_of(members)
    for left, right in itertools.pairwise(members):
        app.declare(left.id, right.id)
    return app


def test_a_silo_led_from_another_sector_is_still_a_silo() -> None:
    call_says(SILOS)
    report = silo_led_from_outside().report()
    # One sector holds 12 of the 13 members (92 % ≥ 75 %): a silo, whatever the lead's sector (P3).
    assert "single_sector" in [f.code for f in report.critical_failures]
    assert band(report) in ("a_consolider", "fragile")
    # Between partners, the 11 declared ties all stay inside employment: E-I = (0 − 11)/11 = −1.
    assert report.metrics["ei_index"] == -1
    assert "traversent" not in all_text(report)


def test_an_ei_index_of_exactly_zero_is_not_called_crossing() -> None:
    call_says(SILOS)
    # Between partners: ml–ccas (crosses), ccas–ccas2 (inside social): E = 1, I = 1, E-I = 0.
    app = complete().partner(org("ccas2", "social", stages=["levee_freins"]))
    app.declare("ml", "ccas").declare("ccas", "ccas2")
    report = app.report()
    assert report.metrics["ei_index"] == 0
    assert "traversent" not in all_text(report)


def test_the_single_sector_demo_silo_is_capped() -> None:
    call_says(SILOS)
    # Five employment members, lead included (Blau 1 − 1² = 0): a silo under any rule.
    app = Application(org("ml", "employment", stages=["reperage", "accompagnement"]))
    app.partners_of(cluster("emp", "employment", 4, stages=["formation", "emploi"]))
    report = app.report()
    assert report.metrics["sector_diversity"] == 0
    assert "single_sector" in [f.code for f in report.critical_failures]


# -- P4: redundancy -----------------------------------------------------------------------------


def test_members_sharing_a_public_and_one_stage_across_sectors_are_not_redundant() -> None:
    call_says(COMPLEMENTARY)
    # France Travail {accompagnement, emploi; neet, qpv} and an SME {emploi; neet, qpv}: Jaccard
    # over stages and publics 3/4, but an employer and the employment service are not comparable
    # organisations: complementary, not redundant (P4).
    app = Application(youth_lead())  # type: ignore[arg-type]
    app.partner(org("ft", "employment", stages=["accompagnement", "emploi"], publics=["neet_16_25", "qpv"]))
    app.partner(org("pme", "enterprise", stages=["emploi"], publics=["neet_16_25", "qpv"], subtype="sme"))
    assert app.report().metrics["redundant_pairs"] == []


def test_two_missions_locales_doing_the_same_for_the_same_people_on_the_same_communes_are_redundant() -> None:
    call_says(COMPLEMENTARY)
    app = Application(youth_lead())  # type: ignore[arg-type]
    app.partner(org("ml-a", "employment", stages=["accompagnement"], publics=["neet_16_25"]))
    app.partner(org("ml-b", "employment", stages=["accompagnement"], publics=["neet_16_25"]))
    pairs = app.report().metrics["redundant_pairs"]
    assert [sorted(p[:2]) for p in pairs] == [["ml-a", "ml-b"]]


def test_the_same_work_on_different_communes_is_not_redundant() -> None:
    call_says(COMPLEMENTARY)
    app = Application(youth_lead())  # type: ignore[arg-type]
    app.territories = ["59512", "59599"]
    app.partner(org("ml-a", "employment", stages=["accompagnement"], territories=["59512"]))
    app.partner(org("ml-b", "employment", stages=["accompagnement"], territories=["59599"]))
    assert app.report().metrics["redundant_pairs"] == []


# -- P5: degenerate sizes -----------------------------------------------------------------------


def test_a_lead_alone_does_not_federate_and_is_fragile() -> None:
    call_says(NETWORK)
    report = Application(youth_lead()).report()  # type: ignore[arg-type]
    assert verdict(report) == "does_not"
    assert band(report) == "fragile"
    assert "aucun partenaire" in report.federation_verdict.reasons[0]


def test_a_lead_and_one_partner_covering_two_stages_is_not_solide() -> None:
    call_says(NETWORK)
    # Lead + 1 partner by convention, 2 of 6 stages, no barrier: not a network (P5).
    app = Application(youth_lead())  # type: ignore[arg-type]
    app.partner(org("ml", "employment", stages=["accompagnement"]))
    report = app.report()
    assert band(report) not in ("solide", "tres_solide")
    assert not any("restent reliés" in r for r in report.federation_verdict.reasons)


def test_two_partners_are_not_a_solid_consortium() -> None:
    call_says(NETWORK)
    app = Application(youth_lead())  # type: ignore[arg-type]
    app.partner(org("ml", "employment", stages=["accompagnement", "formation"]))
    app.partner(org("pme", "enterprise", stages=["emploi"], subtype="sme"))
    app.declare("ml", "pme")
    assert band(app.report()) not in ("solide", "tres_solide")


# -- P6: dead ends ------------------------------------------------------------------------------


def test_a_member_with_a_working_path_to_an_exit_is_no_dead_end() -> None:
    call_says(TRAJECTORIES)
    # The Mission Locale (accompagnement) is tied only to the lead (repérage, earlier), which is
    # tied to the employer: ml – lead – pme is a working path to an exit (P6).
    app = Application(youth_lead())  # type: ignore[arg-type]
    app.partner(org("ml", "employment", stages=["accompagnement"]))
    app.partner(org("pme", "enterprise", stages=["emploi"], subtype="sme"))
    report = app.report()
    assert report.metrics["complete_trajectory_share"] == 1
    assert report.metrics["dead_ends"] == []


def test_without_any_exit_every_member_is_a_dead_end() -> None:
    call_says(SOLUTION)
    app = Application(youth_lead())  # type: ignore[arg-type]
    app.partner(org("ccas", "social", stages=["levee_freins"]))
    report = app.report()
    assert report.metrics["complete_trajectory_share"] == 0
    assert "ccas" in report.metrics["dead_ends"]


# -- P7, P8: views and brokerage ----------------------------------------------------------------


def test_an_all_informal_star_has_an_effective_size_of_n_in_the_structure_view() -> None:
    call_says(PARTNERSHIPS)
    # Burt: in a star of n contacts not tied to each other, effective size = n (structure view);
    # its informality is measured by lead_formal_tie_share = 0, not hidden by deleting edges (P7).
    report = complete("informel").report()
    assert report.metrics["lead_effective_size"] == 5
    assert report.metrics["lead_formal_tie_share"] == 0


def test_brokerage_roles_sum_to_the_total_as_ucinet_and_sna_count_them() -> None:
    call_says(FEDERATE)
    # The lead (employment) and six partners: two of employment, two social, two health; P
    # declares one tie, social-1 – health-1. UCINET and sna read each undirected tie as two arcs,
    # so each open pair {a, c} of the lead's contacts is two two-paths a→lead→c and c→lead→a:
    #   coordinator (both employment): {emp-1, emp-2}, 1 pair × 2 = 2;
    #   itinerant (both of one other sector): {soc-1, soc-2}, {hea-1, hea-2}, 2 × 2 = 4;
    #   representative and gatekeeper (one end employment): 2 × 4 = 8 pairs, one of each per
    #   pair: 8 and 8;
    #   liaison (two other, distinct sectors): 2 × 2 = 4 pairs, minus the tied one, 3 × 2 = 6;
    #   total 2 + 4 + 8 + 8 + 6 = 28, the sum of the roles (P8).
    app = Application(org("ml", "employment", stages=["reperage"]))
    app.partners_of(cluster("emp", "employment", 2))
    app.partners_of(cluster("soc", "social", 2))
    app.partners_of(cluster("hea", "health", 2))
    app.declare("soc-1", "hea-1")
    roles = app.report().metrics["lead_brokerage"]
    assert {r: roles[r] for r in ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")} == {
        "coordinator": 2,
        "itinerant": 4,
        "representative": 8,
        "gatekeeper": 8,
        "liaison": 6,
    }
    assert roles["total"] == 28


# -- P9: missing data ---------------------------------------------------------------------------


def test_an_application_that_names_no_scheme_where_none_is_active_has_no_scheme_score() -> None:
    call_says(SILOS)
    # No local scheme on its territory: articulation cannot be measured, the family has no score
    # and is left out of the mean (not scored 0).
    report = complete().report()
    assert report.families["scheme_articulation"].score is None


def form_application(unreported: list[str]) -> Application:
    """The complete partnership imported from a form; a Promo 16-18 does its entry stages on
    Roubaix, and the application names no scheme."""
    app = complete()
    app.local_schemes.append(scheme("promo-roubaix", "promo_16_18", stages=["reperage", "mobilisation"]))
    app.unreported = unreported
    return app


def test_what_a_form_never_asked_is_not_provided_not_zero() -> None:
    call_says(SILOS)
    # The form asks for no tie and no scheme (P9). Absent (a JSON file that could say and does
    # not): no articulation, the Promo 16-18 duplicated, −5 points. Missing (the form): the
    # scheme and decompartmentalisation families are « non renseigné », out of the mean, and no
    # scheme_duplicate fires.
    absent = form_application([]).report()
    missing = form_application(["ties", "schemes"]).report()
    assert "scheme_duplicate" in [f.code for f in absent.critical_failures]
    assert absent.families["scheme_articulation"].score is not None
    assert missing.critical_failures == []
    assert missing.families["scheme_articulation"].score is None
    assert missing.families["decompartmentalisation"].score is None
    assert missing.metrics["partner_tie_density"] is None and missing.metrics["scheme_overlaps"] is None
    assert missing.unreported == ["decompartmentalisation", "scheme_articulation"]
    assert missing.band is not None and "non renseigné" in missing.band.label
    assert any("non renseignés" in reason for reason in missing.federation_verdict.reasons)
    # The strength is the weighted mean of the six families left: 20, 10, 20, 10, 15, 5 (80).
    weights = {
        "complementarity": 20,
        "redundancy": 10,
        "federation": 20,
        "enterprise_downstream": 10,
        "trajectories": 15,
        "resilience": 5,
    }
    scores = {f: missing.families[f].score for f in weights}
    mean = sum(weights[f] * (scores[f] or 0) for f in weights) / sum(weights.values())
    assert missing.strength_before_rules == pytest.approx(mean, abs=0.1)


# -- P10: wording -------------------------------------------------------------------------------


def test_no_enterprise_means_no_enterprise_downstream_score() -> None:
    call_says(ENTERPRISES)
    # A training body does « formation » (an exit stage) but no member is an enterprise: the
    # downstream the call asks for is missing; the family scores 0, not 66.7 (P10).
    app = Application(youth_lead())  # type: ignore[arg-type]
    app.partner(org("of", "education", stages=["formation"]))
    app.partner(org("ml", "employment", stages=["accompagnement"]))
    app.partner(org("ccas", "social", stages=["levee_freins"]))
    report = app.report()
    assert report.metrics["enterprise_count"] == 0
    assert report.families["enterprise_downstream"].score == 0


def test_governance_form_and_shares_read_as_a_reviewer_reads_them() -> None:
    call_says(PARTNERSHIPS)
    text = render_text(woven(complete()).report())
    assert "lead_organisation" not in text and "Forme de gouvernance" in text
    # lead_formal_tie_share 1 reads « 100 % », never « 1 » or « 1,0 ».
    assert "100\u202f%" in text  # French typography: a narrow no-break space before %


# -- the demo's eight applications --------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    store = SQLiteStore(tmp_path_factory.mktemp("expert") / "demo.db")
    store.upsert_dataset(demo_dataset())
    try:
        return {p.id: project_report(store, p.id) for p in store.list_projects()}
    finally:
        store.close()


def test_demo_strong_consortium_federates_and_ranks_first(demo: dict[str, Report]) -> None:
    call_says(FEDERATE)
    first = max(demo, key=lambda p: demo[p].partnership_strength or 0)
    assert first == "p-2019-01"
    assert verdict(demo["p-2019-01"]) == "federates" and band(demo["p-2019-01"]) == "tres_solide"


def test_demo_lead_of_informal_names_does_not_federate_and_ranks_last(demo: dict[str, Report]) -> None:
    call_says(PARTNERSHIPS)
    last = min(demo, key=lambda p: demo[p].partnership_strength or 0)
    assert last == "p-2019-02"
    assert verdict(demo["p-2019-02"]) == "does_not" and band(demo["p-2019-02"]) == "fragile"


def test_demo_employment_silo_is_capped_below_solide(demo: dict[str, Report]) -> None:
    call_says(SILOS)
    report = demo["p-2019-03"]
    assert "single_sector" in [f.code for f in report.critical_failures]
    assert band(report) == "a_consolider"


def test_demo_duplicate_of_a_local_scheme_is_flagged(demo: dict[str, Report]) -> None:
    call_says(SILOS)
    report = demo["p-2019-04"]
    assert [o["scheme"] for o in report.metrics["scheme_overlaps"]] == ["promo1618-littoral"]
    assert "scheme_duplicate" in [f.code for f in report.critical_failures]


@pytest.mark.parametrize(("project", "rival"), [("p-2019-05", "p-2019-06"), ("p-2019-06", "p-2019-05")])
def test_demo_competitors_see_each_other_and_no_credit_from_each_others_ties(
    demo: dict[str, Report], project: str, rival: str
) -> None:
    call_says(PARTNERSHIPS)
    report = demo[project]
    assert [o["project"] for o in report.metrics["overlapping_projects"]] == [rival]
    # No tie key of N(P) was declared by the rival.
    for evidence in (report.families[f].evidence for f in report.families):
        for tie_evidence in evidence.values():
            assert not any(key.endswith(f"|{rival}") for key in tie_evidence.ties)


def test_demo_application_without_exit_is_capped_and_lists_dead_ends(demo: dict[str, Report]) -> None:
    call_says(TRAJECTORIES)
    report = demo["p-2019-07"]
    assert report.metrics["exit_stage_coverage"] == 0 and report.metrics["complete_trajectory_share"] == 0
    assert report.metrics["dead_ends"]
    assert band(report) == "a_consolider"


def test_demo_ordinary_application_is_never_does_not_and_ranks_after_the_strong_one(
    demo: dict[str, Report],
) -> None:
    call_says(NETWORK)
    report = demo["p-2019-08"]
    assert verdict(report) in ("partially", "federates")
    assert (report.partnership_strength or 0) < (demo["p-2019-01"].partnership_strength or 0)
