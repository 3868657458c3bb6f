"""What one principal may write: the write side of :mod:`graph_service.auth.visibility`.

- ``admin`` writes anything.
- ``reviewer`` writes nothing.
- ``lead`` writes its own projects (not who leads them) and the ties they declare, and nothing it
  cannot already read: a tie only between two members of its own project; a partner or a scheme
  only among the organisations and schemes it already sees; a territory only inside the
  départements it already reads. Widening its scope goes through an admin.

A refusal never tells whether an invisible entity exists: a reference to an organisation or a
scheme the lead cannot see is answered with the very error a missing one gets (the import's
« introuvable »), and a tie naming a project the lead does not lead is refused the same way
whether that project exists or not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from graph_service.auth.principal import Role
from graph_service.auth.visibility import Visibility
from graph_service.domain.errors import DomainError
from graph_service.domain.french import agree
from graph_service.domain.models import Project
from graph_service.domain.validation import InputError, InvalidInput, KnownIds


class OutOfScope(DomainError):
    """A write outside what the token may change (403, same answer whatever exists)."""

    code = "forbidden"
    status_code = 403


def writes_anything(visibility: Visibility) -> bool:
    return visibility.principal.role is Role.ADMIN


def check_tie_writable(
    visibility: Visibility, project_id: str | None, ends: Mapping[str, str], file: str
) -> None:
    """Refuse a tie a lead may not write: not its project's, or an end outside that project.

    ``ends`` maps ``source`` and ``target`` to the organisations the tie joins; a non-member is
    refused with the same error whether the organisation exists, is invisible or is missing.
    """
    if writes_anything(visibility):
        return
    project = visibility.store.get_project(project_id) if project_id else None
    if project is None or not visibility.project_editable(project):
        raise OutOfScope(
            "ce jeton ne peut écrire que les liens déclarés par son propre projet",
            message_en="this token writes only the ties its own project declares",
        )
    members = set(project.member_ids)
    errors = [
        InputError(
            code="not_a_member",
            message=f"l'organisation « {organisation} » n'est pas membre du projet « {project.id} » : "
            "un porteur ne déclare des liens qu'entre les membres de son projet",
            message_en=f"organisation {organisation!r} is not a member of project {project.id!r}",
            file=file,
            sheet="ties",
            row=1,
            column=end,
        )
        for end, organisation in ends.items()
        if organisation not in members
    ]
    if errors:
        raise InvalidInput(errors)


def check_project_update(visibility: Visibility, before: Project, update: Mapping[str, Any]) -> None:
    """Refuse the fields of a PATCH a lead may not change: who leads, territories out of its scope."""
    if writes_anything(visibility):
        return
    if not visibility.project_editable(before):
        raise OutOfScope(
            "ce jeton ne peut pas modifier ce projet", message_en="this token cannot edit the project"
        )
    if update.get("lead", before.lead) != before.lead:
        raise OutOfScope(
            "un porteur ne peut pas céder son projet", message_en="a lead cannot hand its project over"
        )
    added = [code for code in update.get("territories") or [] if code not in before.territories]
    # An unknown code is left to validation, which names it « introuvable ».
    outside = [code for code in added if code in visibility.parents and not visibility.in_scope([code])]
    if outside:
        raise OutOfScope(
            f"{agree(len(outside), 'territoire')} {', '.join(outside)} hors des départements de vos candidatures : "
            "seul un administrateur étend le territoire d'une candidature",
            message_en=f"territories {', '.join(outside)} lie outside this token's départements",
        )


def known_to_writer(visibility: Visibility, known: KnownIds, members: Iterable[str] = ()) -> KnownIds:
    """The stored ids a write by this principal may name: what it sees, plus ``members``.

    Validating against these makes an invisible organisation or scheme « introuvable », exactly
    like a missing one; territories are public reference data and stay as they are.
    """
    if writes_anything(visibility):
        return known
    organisations = {i for i in known.organisations if i in visibility.visible_organisation_ids}
    schemes = {s.id for s in visibility.store.list_schemes() if visibility.scheme_visible(s)}
    return replace(
        known,
        organisations=organisations | set(members),
        schemes=schemes & known.schemes,
        projects=set(visibility.visible_project_ids),
        sirets={},
    )


__all__ = ["OutOfScope", "check_project_update", "check_tie_writable", "known_to_writer", "writes_anything"]
