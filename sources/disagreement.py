"""Where sources disagree: for each exercise, the distinct places claimed and by whom."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from geo.distance import greatest_distance
from geo.places import Place
from sources.claims import Claim

__all__ = ["Disagreement", "PlaceClaimed", "summarise"]


@dataclass(frozen=True)
class PlaceClaimed:
    place: Place
    mentions: tuple[str, ...]
    credited: tuple[str, ...]
    outlets: tuple[str, ...]
    claims: tuple[str, ...]


@dataclass(frozen=True)
class Disagreement:
    exercise: str | None
    places: tuple[PlaceClaimed, ...]
    spread_km: float
    farthest: tuple[str, str] | None

    @property
    def disputed(self) -> bool:
        return len(self.places) > 1


def summarise(claims: Iterable[Claim]) -> list[Disagreement]:
    """One summary per exercise over its exercise-location claims, widest spread first."""
    by_exercise: dict[str | None, list[Claim]] = {}
    for claim in claims:
        if claim.role == "exercise":
            by_exercise.setdefault(claim.exercise, []).append(claim)
    summaries = [_summary(ex, group) for ex, group in by_exercise.items()]
    return sorted(summaries, key=lambda s: (-len(s.places), -s.spread_km, s.exercise or "~"))


def _summary(exercise: str | None, claims: list[Claim]) -> Disagreement:
    by_place: dict[str, list[Claim]] = {}
    for claim in claims:
        by_place.setdefault(claim.place.id, []).append(claim)
    places = tuple(
        PlaceClaimed(
            place=group[0].place,
            mentions=_unique(c.mention for c in group),
            credited=_unique(_credit(c) for c in group),
            outlets=_unique(c.outlet for c in group),
            claims=tuple(c.id for c in group),
        )
        for group in by_place.values()
    )
    km, a, b = greatest_distance([p.place for p in places])
    farthest = (a.name, b.name) if a is not None and b is not None else None
    return Disagreement(exercise, places, km, farthest)


def _credit(claim: Claim) -> str:
    if claim.attributed_to and claim.attributed_to != claim.outlet:
        return f"{claim.attributed_to}, as quoted by {claim.outlet}"
    return claim.outlet


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
