"""The size of the network a report or what-if is computed for on request (the API and the pages)."""

from __future__ import annotations

from graph_service.domain.errors import NetworkTooLarge
from graph_service.domain.models import Project


def network_members(project: Project, added: int = 0) -> int:
    """Members of N(P): the lead and each distinct partner, plus ``added`` ones (a what-if)."""
    return len(set(project.member_ids)) + added


def check_network_size(project: Project, limit: int, added: int = 0) -> None:
    """Refuse (413) to measure a network of more than ``limit`` members on request.

    Measuring N(P) costs memory and time that grow faster than its size (a 2,000-member network
    took 974 MB for its report); the CLI, run by an operator, has no such bound.
    """
    members = network_members(project, added)
    if members > limit:
        raise NetworkTooLarge(
            f"le réseau du projet « {project.id} » compte {members} membres, au-delà de la limite de "
            f"{limit} mesurée à la demande (réglable par PARTNERSHIP_GRAPH_MAX_NETWORK_MEMBERS) ; "
            "la commande « partnership-graph report » le mesure sans limite",
            message_en=f"project {project.id!r} has {members} network members, over the limit of {limit}",
        )


__all__ = ["check_network_size", "network_members"]
