"""Stage 9, build claims: one :class:`~sources.claims.Claim` per located mention."""

from __future__ import annotations

from sources.claims import Claim
from sources.extraction.attribution import Attributed

__all__ = ["build_claims"]


def build_claims(attributed: Attributed) -> tuple[Claim, ...]:
    assigned = attributed.assigned
    roles = assigned.roles
    article = roles.resolved.places.matches.languages.segments.article
    claims = []
    for i, located in enumerate(roles.resolved.located):
        sentence = roles.sentences[i]
        claims.append(
            Claim.at(
                article,
                span=(located.start, located.end),
                sentence=(sentence.start, sentence.end),
                place=located.place,
                role=roles.roles[i],
                exercise=assigned.exercises[i],
                attributed_to=attributed.credits[i],
                note=located.note,
                hierarchy=roles.hierarchy[i],
                exercise_name=assigned.names[i],
            )
        )
    return tuple(claims)
