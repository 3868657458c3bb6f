"""Commands for reviewers and leads: ``compare``, ``gaps`` and ``whatif``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from graph_service.cli.context import EXIT_USAGE, console, err_console, handled, store_of
from graph_service.domain.french import count, is_share, share
from graph_service.domain.vocabulary import Lang, label
from graph_service.services.analysis import compare_call, project_gaps, what_if
from queries.comparison import SORT_KEYS, Comparison, to_csv, to_xlsx
from queries.gaps import GapAnalysis, GapKind
from queries.report.labels import FAMILY_LABELS, METRIC_LABELS
from queries.scoring import ScoringConfig, load_config
from queries.whatif import FAMILY_OF, WhatIf

LangOption = Annotated[str, typer.Option("--lang", help="Langue : fr ou en.")]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="Configuration de notation TOML (défaut : celle du paquet).")
]


def _usage_error(message: str) -> typer.Exit:
    err_console.print(f"[bold red]Erreur :[/] {message}", highlight=False)
    return typer.Exit(EXIT_USAGE)


def _lang(value: str) -> Lang:
    if value not in ("fr", "en"):
        raise _usage_error(f"langue « {value} » inconnue (fr ou en).")
    return "fr" if value == "fr" else "en"


def _config(path: Path | None) -> ScoringConfig:
    with handled():
        return load_config(path)
    raise AssertionError("unreachable")  # handled() exits on error


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _delta(value: float | None, digits: int = 1) -> str:
    if value is None:
        return ""
    return f"{value:+.{digits}f}"


# Short headers so that eight families fit a terminal; the exports carry the full labels.
_SHORT_FAMILY = {
    "complementarity": ("Compl.", "Compl."),
    "redundancy": ("Redond.", "Redund."),
    "federation": ("Fédér.", "Feder."),
    "decompartmentalisation": ("Décloi.", "Decomp."),
    "scheme_articulation": ("Dispos.", "Schemes"),
    "enterprise_downstream": ("Entrep.", "Enterpr."),
    "trajectories": ("Traject.", "Traject."),
    "resilience": ("Résil.", "Resil."),
}

# -- compare -----------------------------------------------------------------------------------


def print_comparison(comparison: Comparison, lang: Lang) -> None:
    fr = lang == "fr"
    table = Table(title=f"{'Appel' if fr else 'Call'} {comparison.call}", show_edge=False)
    columns = (
        ("Rang", "Candidature", "Force", "Niveau", "Fédère ?", "Alertes")
        if fr
        else ("Rank", "Application", "Strength", "Band", "Federates?", "Flags")
    )
    for index, column in enumerate(columns):
        table.add_column(column, justify="right" if index in (0, 2) else "left", no_wrap=index != 5)
    for rank, row in enumerate(comparison.rows, 1):
        table.add_row(
            str(rank),
            row.project,
            _score(row.strength),
            row.band_label or "—",
            row.verdict_label if fr else row.verdict,
            " ; ".join(flag.text(lang) for flag in row.flags) or "—",
        )
    console.print(table)
    families = Table(title="Scores par famille (0-100)" if fr else "Family scores (0-100)", show_edge=False)
    families.add_column("Candidature" if fr else "Application", no_wrap=True)
    for family in FAMILY_LABELS:
        families.add_column(_SHORT_FAMILY[family][0 if lang == "fr" else 1], justify="right")
    for row in comparison.rows:
        families.add_row(row.project, *(_score(row.families.get(f)) for f in FAMILY_LABELS))
    console.print(families)
    findings = [o.sentence(lang) for o in comparison.overlaps.projects]
    findings += [d.sentence(lang) for d in comparison.overlaps.schemes]
    if findings:
        console.print("\n[bold]Chevauchements[/]" if fr else "\n[bold]Overlaps[/]")
    else:
        console.print("\nAucun chevauchement." if fr else "\nNo overlap.")
    for sentence in findings:
        console.print(f"  • {sentence}", highlight=False, markup=False)


def compare(
    ctx: typer.Context,
    call: Annotated[str, typer.Option("--call", help="Identifiant de l'appel à projets.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Fichier .csv ou .xlsx à écrire.")
    ] = None,
    sort: Annotated[
        str, typer.Option("--sort", help=f"Colonne de tri : {', '.join(SORT_KEYS)}.")
    ] = "strength",
    ascending: Annotated[
        bool | None,
        typer.Option("--asc/--desc", help="Ordre (défaut : décroissant pour les nombres)."),
    ] = None,
    lang: LangOption = "fr",
    config: ConfigOption = None,
) -> None:
    """Compare the applications of a call: scores, verdict, flags and overlaps."""
    chosen = _lang(lang)
    suffix = output.suffix.lower() if output is not None else None
    if suffix not in (None, ".csv", ".xlsx"):
        raise _usage_error(f"format de « {output} » inconnu : .csv ou .xlsx.")
    if sort not in SORT_KEYS:
        raise _usage_error(f"tri « {sort} » inconnu (admis : {', '.join(SORT_KEYS)}).")
    scoring = _config(config)
    descending = None if ascending is None else not ascending
    with store_of(ctx) as store:
        comparison = compare_call(store, call, sort=sort, descending=descending, config=scoring, lang=chosen)
    if output is None:
        print_comparison(comparison, chosen)
        return
    output.write_bytes(to_csv(comparison, chosen) if suffix == ".csv" else to_xlsx(comparison, chosen))
    console.print(
        f"Comparaison de {count(len(comparison.rows), 'candidature')} écrite dans {output}.",
        highlight=False,
        markup=False,
    )


# -- gaps --------------------------------------------------------------------------------------

_GAP_TITLES = {
    GapKind.STAGE: ("Étapes du parcours manquantes", "Missing pathway stages"),
    GapKind.BARRIER: ("Freins que personne ne lève", "Barriers nobody lifts"),
    GapKind.PUBLIC: ("Publics visés non servis", "Target publics not served"),
    GapKind.COMMUNE: ("Communes sans acteur", "Communes without an actor"),
    GapKind.SECTOR: ("Secteurs absents", "Missing sectors"),
    GapKind.ENTERPRISE: ("Entreprises", "Enterprises"),
    GapKind.SCHEME: ("Dispositifs locaux non articulés", "Local schemes not articulated"),
}


def _strength_change(change: float | None, fr: bool) -> str:
    """What joining with a convention would add to the strength, after the reason."""
    if change is None:
        return ""
    return f" Force : {_delta(change)}." if fr else f" Strength: {_delta(change)}."


def print_gaps(analysis: GapAnalysis, lang: Lang) -> None:
    fr = lang == "fr"
    console.print(
        f"[bold]{'Manques du partenariat' if fr else 'Gaps of the partnership'} {analysis.project}[/]"
    )
    if not analysis.gaps:
        console.print("Aucun manque." if fr else "No gap.")
    for kind in GapKind:
        names = [g.name if fr else g.name_en for g in analysis.gaps if g.kind is kind]
        if names:
            title = _GAP_TITLES[kind][0 if fr else 1]
            colon = " :" if fr else ":"
            console.print(f"  {title}{colon} {', '.join(names)}", highlight=False, markup=False)
    if analysis.actions:
        steps = Table(
            title="Avec les partenaires actuels" if fr else "With the current partners", show_edge=False
        )
        for column in ("Action", "Force" if fr else "Strength") if fr else ("Action", "Strength"):
            steps.add_column(column)
        for action in analysis.actions:
            steps.add_row(
                action.text if fr else action.text_en,
                f"{_score(action.strength_before)} → {_score(action.strength_after)} ({_delta(action.delta)})",
            )
        console.print(steps)
    if analysis.recommendations:
        table = Table(title="Partenaires à solliciter" if fr else "Partners to approach", show_edge=False)
        columns = (
            ("Rang", "Organisation", "Secteur", "Apport", "Raison")
            if fr
            else ("Rank", "Organisation", "Sector", "Gain", "Reason")
        )
        for column in columns:
            table.add_column(column)
        for r in analysis.recommendations:
            table.add_row(
                str(r.rank),
                f"{r.name} ({r.organisation})",
                label(r.sector, lang),
                f"{r.gain:g}",
                r.sentence(lang) + _strength_change(r.strength_change, fr),
            )
        console.print(table)
    else:
        console.print(
            "Aucune organisation du territoire ne comble ces manques."
            if fr
            else "No organisation of the territory fills these gaps."
        )
    if analysis.unfilled:
        unfilled = ", ".join(g.name if fr else g.name_en for g in analysis.unfilled)
        console.print(
            f"Sans candidat sur le territoire : {unfilled}"
            if fr
            else f"No candidate on the territory: {unfilled}",
            highlight=False,
            markup=False,
        )


def gaps(
    ctx: typer.Context,
    project_id: Annotated[str, typer.Argument(help="Identifiant de la candidature.")],
    limit: Annotated[int, typer.Option("--limit", min=1, help="Nombre de recommandations.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Le résultat en JSON.")] = False,
    lang: LangOption = "fr",
    config: ConfigOption = None,
) -> None:
    """What a partnership lacks, and the organisations of its territory that would fill it."""
    chosen = _lang(lang)
    scoring = _config(config)
    with store_of(ctx) as store:
        analysis = project_gaps(store, project_id, config=scoring, limit=limit)
    if as_json:
        typer.echo(json.dumps(analysis.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    print_gaps(analysis, chosen)


# -- whatif ------------------------------------------------------------------------------------


def _value(value: Any, key: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, int | float) and not isinstance(value, bool) and is_share(key):
        return share(value)
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, list):
        return count(len(value), "élément")
    if isinstance(value, dict):
        return count(len(value), "entrée")
    return str(value)


def print_what_if(result: WhatIf, lang: Lang) -> None:
    diff = result.diff
    changes = [f"+ {a.organisation} ({label(a.commitment, lang)})" for a in result.added]
    changes += [f"− {r}" for r in result.removed]
    changes += [f"{c.organisation} → {label(c.commitment, lang)}" for c in result.committed]
    changes += [
        f"{a} – {b} ({'lien déclaré' if lang == 'fr' else 'declared tie'})" for a, b in result.declared
    ]
    console.print(f"[bold]Simulation sur {result.project}[/] : {', '.join(changes)}", highlight=False)
    console.print(
        f"Force du partenariat : {_score(diff.strength.before)} → {_score(diff.strength.after)} "
        f"({_delta(diff.strength.delta)})",
        highlight=False,
    )
    console.print(
        f"Niveau : {result.before.band.label if result.before.band else '—'} → "
        f"{result.after.band.label if result.after.band else '—'}",
        highlight=False,
    )
    console.print(
        f"Fédération : {result.before.federation_verdict.label} → {result.after.federation_verdict.label}",
        highlight=False,
    )
    families = Table(title="Familles", show_edge=False)
    for column in ("Famille", "Avant", "Après", "Écart"):
        families.add_column(column, justify="left" if column == "Famille" else "right")
    for family in diff.families:
        families.add_row(
            FAMILY_LABELS.get(family.name, (family.name, family.name))[0 if lang == "fr" else 1],
            _score(family.before),
            _score(family.after),
            _delta(family.delta),
        )
    console.print(families)
    metrics = Table(title="Mesures qui changent", show_edge=False)
    for column in ("Famille", "Mesure", "Avant", "Après", "Écart"):
        metrics.add_column(column)
    for m in diff.changed_metrics:
        owner = FAMILY_OF.get(m.key)
        metrics.add_row(
            FAMILY_LABELS[owner][0 if lang == "fr" else 1] if owner else "",
            METRIC_LABELS.get(m.key, (m.key, m.key))[0 if lang == "fr" else 1],
            _value(m.before, m.key),
            _value(m.after, m.key),
            _delta(m.delta, 3),
        )
    console.print(metrics if diff.changed_metrics else "Aucune mesure ne change.")


def whatif(
    ctx: typer.Context,
    project_id: Annotated[str, typer.Argument(help="Identifiant de la candidature.")],
    add: Annotated[
        list[str] | None,
        typer.Option("--add", help="Organisation à ajouter : ORG ou ORG:engagement (défaut informel)."),
    ] = None,
    remove: Annotated[list[str] | None, typer.Option("--remove", help="Partenaire à retirer.")] = None,
    commit: Annotated[
        list[str] | None,
        typer.Option(
            "--commit",
            help="Partenaire dont l'engagement change : ORG ou ORG:engagement (défaut convention).",
        ),
    ] = None,
    declare: Annotated[
        list[str] | None,
        typer.Option("--declare", help="Lien à déclarer entre deux membres : ORG1,ORG2."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="L'écart en JSON.")] = False,
    lang: LangOption = "fr",
    config: ConfigOption = None,
) -> None:
    """Recompute an application's report with partners added or removed (nothing is saved)."""
    chosen = _lang(lang)
    if not add and not remove and not commit and not declare:
        raise _usage_error("indiquez au moins un --add, --remove, --commit ou --declare.")
    pairs = []
    for text in declare or []:
        first, _, second = text.partition(",")
        if not first.strip() or not second.strip():
            raise _usage_error(f"lien « {text} » : écrivez deux membres séparés par une virgule, ORG1,ORG2.")
        pairs.append((first.strip(), second.strip()))
    scoring = _config(config)
    with store_of(ctx) as store:
        result = what_if(
            store,
            project_id,
            add or [],
            remove or [],
            commit=commit or [],
            declare=pairs,
            config=scoring,
            lang=chosen,
        )
    if as_json:
        document = {
            "project": result.project,
            "added": [a.model_dump(mode="json") for a in result.added],
            "removed": result.removed,
            "diff": result.diff.model_dump(mode="json"),
        }
        document["committed"] = [c.model_dump(mode="json") for c in result.committed]
        document["declared"] = [list(pair) for pair in result.declared]
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    print_what_if(result, chosen)


def register(app: typer.Typer) -> None:
    app.command("compare", help="Comparer les candidatures d'un appel (tableau, CSV ou XLSX).")(compare)
    app.command("gaps", help="Manques d'un partenariat et organisations du territoire pour les combler.")(
        gaps
    )
    app.command("whatif", help="Simuler l'ajout ou le retrait de partenaires et voir l'écart.")(whatif)


__all__ = ["register"]
