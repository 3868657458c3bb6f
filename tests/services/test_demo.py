"""The demo territory: valid, big enough, and each application shows the pattern its README names."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph_service.cli.main import app
from graph_service.demo import build_demo
from graph_service.domain.models import Dataset, Project
from graph_service.domain.vocabulary import EXIT_STAGES, EnterpriseSubtype, Sector, Stage, TerritoryLevel
from graph_service.services.demo import demo_dataset
from graph_service.stores.sqlite import SQLiteStore

CALL = "aap-invisibles-2019"
STRONG, NOBODY, SILO, DUPLICATE = "p-2019-01", "p-2019-02", "p-2019-03", "p-2019-04"
COMPETITOR_A, COMPETITOR_B, NO_EXIT, ORDINARY = "p-2019-05", "p-2019-06", "p-2019-07", "p-2019-08"


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return demo_dataset()


def project(demo: Dataset, project_id: str) -> Project:
    return next(p for p in demo.projects if p.id == project_id)


def sectors(demo: Dataset, p: Project) -> list[Sector]:
    by_id = {o.id: o for o in demo.organisations}
    return [by_id[m].sector for m in p.member_ids]


def stages_done(demo: Dataset, p: Project) -> set[Stage]:
    """What the project's members do in it: a partner's declared stages, else its own."""
    by_id = {o.id: o for o in demo.organisations}
    done = set(by_id[p.lead].stages)
    for partner in p.partners:
        done |= set(partner.stages if partner.stages is not None else by_id[partner.organisation].stages)
    return done


def ties_between(demo: Dataset, members: set[str], project_id: str | None = None) -> list[str]:
    return [
        t.key
        for t in demo.ties
        if t.source in members and t.target in members and (project_id is None or t.project == project_id)
    ]


def communes_under(demo: Dataset, code: str) -> set[str]:
    """The territory and everything below it (EPCI → communes → QPV)."""
    found = {code}
    changed = True
    while changed:
        below = {t.code for t in demo.territories if t.parent in found} - found
        found |= below
        changed = bool(below)
    return found


def test_demo_file_is_what_the_build_script_writes(demo: Dataset) -> None:
    rebuilt = build_demo.render(build_demo.build_dataset())
    assert build_demo.OUTPUT.read_text(encoding="utf-8") == rebuilt
    assert demo == build_demo.build_dataset()


def test_demo_has_sixty_organisations_covering_every_sector_and_enterprise_subtype(demo: Dataset) -> None:
    assert len(demo.organisations) >= 60
    assert {o.sector for o in demo.organisations} == set(Sector)
    assert {o.subtype for o in demo.organisations if o.subtype} == set(EnterpriseSubtype)


def test_every_organisation_is_marked_fictional(demo: Dataset) -> None:
    not_marked = [o.name for o in demo.organisations if "fictif" not in o.name and "fictive" not in o.name]
    assert not_marked == []


def test_demo_has_eight_schemes_each_with_an_operator_and_territories(demo: Dataset) -> None:
    assert len(demo.schemes) >= 8
    assert all(s.operator and s.territories and s.stages and s.publics for s in demo.schemes)


def test_nord_has_at_least_three_infra_departmental_territories(demo: Dataset) -> None:
    levels = {t.code: t.level for t in demo.territories}
    assert levels["59"] is TerritoryLevel.DEPARTEMENT
    assert next(t for t in demo.territories if t.code == "59").parent == "32"
    epcis = [t for t in demo.territories if t.level is TerritoryLevel.EPCI and t.parent == "59"]
    assert len(epcis) >= 3
    for epci in epcis:
        assert any(t.parent == epci.code for t in demo.territories if t.level is TerritoryLevel.COMMUNE)
    assert any(t.level is TerritoryLevel.QPV for t in demo.territories)


def test_the_call_has_at_least_six_applications(demo: Dataset) -> None:
    assert len([p for p in demo.projects if p.call == CALL]) >= 6


def test_some_ties_are_known_outside_any_application(demo: Dataset) -> None:
    assert sum(1 for t in demo.ties if t.project is None) >= 10


def test_strong_consortium_is_formal_cross_sector_with_enterprises_downstream(demo: Dataset) -> None:
    p = project(demo, STRONG)
    by_id = {o.id: o for o in demo.organisations}
    assert set(sectors(demo, p)) == set(Sector)
    assert stages_done(demo, p) == set(Stage)
    assert all(partner.commitment.formal for partner in p.partners)
    subtypes = {by_id[m].subtype for m in p.member_ids}
    assert {EnterpriseSubtype.SME, EnterpriseSubtype.ENTREPRISE_ADAPTEE, EnterpriseSubtype.SIAE} <= subtypes
    declared = [t for t in demo.ties if t.project == STRONG]
    between_partners = [t for t in declared if p.lead not in (t.source, t.target)]
    assert len(between_partners) >= 20
    assert all(t.formal for t in declared if t.kind.value == "convention")
    cross_sector = [t for t in between_partners if by_id[t.source].sector != by_id[t.target].sector]
    assert len(cross_sector) >= 15
    active = {
        s.id
        for s in demo.schemes
        if any(set(communes_under(demo, c)) & set(p.territories) for c in s.territories)
    }
    assert active and active <= set(p.schemes)


def test_lead_that_federates_nobody_has_no_ties_and_only_informal_partners(demo: Dataset) -> None:
    p = project(demo, NOBODY)
    assert len(p.partners) >= 4
    assert all(partner.commitment.value == "informel" for partner in p.partners)
    assert [t for t in demo.ties if t.project == NOBODY] == []
    # Not even a tie known on the territory links two of its members.
    assert ties_between(demo, set(p.member_ids)) == []


def test_silo_members_share_one_sector(demo: Dataset) -> None:
    p = project(demo, SILO)
    assert len(p.member_ids) >= 4
    assert set(sectors(demo, p)) == {Sector.EMPLOYMENT}
    assert all(len(set(sectors(demo, other))) > 1 for other in demo.projects if other.id != SILO), (
        "the silo must be the only single-sector application"
    )


def test_duplicate_covers_a_scheme_it_does_not_articulate_with(demo: Dataset) -> None:
    p = project(demo, DUPLICATE)
    scheme = next(s for s in demo.schemes if s.id == "promo1618-littoral")
    assert scheme.id not in p.schemes
    assert set(scheme.territories) <= set(p.territories)
    assert set(scheme.stages) <= stages_done(demo, p)
    assert set(scheme.publics) & set(p.publics)
    assert scheme.operator not in p.member_ids


def test_other_applications_articulate_with_every_scheme_on_their_communes(demo: Dataset) -> None:
    for p in demo.projects:
        if p.id == DUPLICATE:
            continue
        active = {
            s.id
            for s in demo.schemes
            if any(communes_under(demo, c) & set(p.territories) for c in s.territories)
        }
        assert active <= set(p.schemes), p.id


def test_competing_applications_share_territory_publics_and_partners(demo: Dataset) -> None:
    a, b = project(demo, COMPETITOR_A), project(demo, COMPETITOR_B)
    assert a.lead != b.lead
    assert len(set(a.territories) & set(b.territories)) >= 2
    assert set(a.publics) == set(b.publics)
    shared = {x.organisation for x in a.partners} & {x.organisation for x in b.partners}
    assert len(shared) >= 2


def test_no_other_pair_of_applications_shares_a_territory(demo: Dataset) -> None:
    pairs = [
        (p.id, q.id)
        for i, p in enumerate(demo.projects)
        for q in demo.projects[i + 1 :]
        if set(p.territories) & set(q.territories)
    ]
    assert pairs == [(COMPETITOR_A, COMPETITOR_B)]


def test_application_without_exit_has_nobody_training_or_employing(demo: Dataset) -> None:
    p = project(demo, NO_EXIT)
    by_id = {o.id: o for o in demo.organisations}
    assert not stages_done(demo, p) & EXIT_STAGES
    assert not any(set(by_id[m].stages) & EXIT_STAGES for m in p.member_ids)
    assert Sector.ENTERPRISE not in sectors(demo, p)
    assert Stage.REPERAGE in stages_done(demo, p)


def test_ordinary_application_is_between_the_extremes(demo: Dataset) -> None:
    p = project(demo, ORDINARY)
    declared = [t for t in demo.ties if t.project == ORDINARY]
    strong = [t for t in demo.ties if t.project == STRONG]
    assert 0 < len(declared) < len(strong)
    assert stages_done(demo, p) & EXIT_STAGES


def test_demo_command_loads_the_demo_into_the_store(tmp_path: Path, demo: Dataset) -> None:
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(app, ["--db", str(db), "demo"])
    assert result.exit_code == 0, result.output
    assert STRONG in result.output
    rerun = CliRunner().invoke(app, ["--db", str(db), "demo"])
    assert rerun.exit_code == 0, rerun.output
    assert "Entités : 0 ajoutée, 0 modifiée," in rerun.output
    again = CliRunner().invoke(
        app, ["--db", str(db), "export", "--format", "json", "-o", str(tmp_path / "x.json")]
    )
    assert again.exit_code == 0, again.output
    exported = Dataset.model_validate_json((tmp_path / "x.json").read_text(encoding="utf-8"))
    assert {p.id for p in exported.projects} == {p.id for p in demo.projects}
    assert len(exported.organisations) == len(demo.organisations)


def test_readme_describes_every_application_and_says_it_is_fictional(demo: Dataset) -> None:
    readme = (Path(build_demo.__file__).parent / "README.md").read_text(encoding="utf-8")
    assert "fictif" in readme
    for p in demo.projects:
        assert f"| `{p.id}` | {p.title} |" in readme


def test_ecosystem_of_an_epci_holds_its_communes_actors_and_not_the_others(
    tmp_path: Path, demo: Dataset
) -> None:
    store = SQLiteStore(tmp_path / "eco.db")
    try:
        store.upsert_dataset(demo)
        ecosystem = store.territory_ecosystem("200044618")  # Douaisis Agglo
    finally:
        store.close()
    ids = {o.id for o in ecosystem.organisations}
    # The silo's members and the social actors it leaves out are all there, for recommendations.
    assert set(project(demo, SILO).member_ids) <= ids
    assert {"ccas-douai", "cs-terrils-verts", "prev-scarpe"} <= ids
    assert "ml-roubaix" not in ids
