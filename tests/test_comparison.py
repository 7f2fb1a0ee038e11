"""Who says where: one exercise's claims by place, marked as the disagreement summary marks them."""

from __future__ import annotations

import dataclasses
import re

from sources.comparison import compare_exercise
from sources.frame import claims_frame, filter_frame
from sources.view import ViewState


def test_one_row_per_claim_grouped_by_place(seeds):
    view = filter_frame(claims_frame(seeds.claims), ViewState())
    comparison = compare_exercise(view, "aras-2025")
    located = view[(view["exercise"] == "aras-2025")]
    assert comparison.claims == len(located)
    assert sorted(r.claim_id for g in comparison.groups for r in g.rows) == sorted(located["id"])
    assert len({g.place_id for g in comparison.groups}) == located["place_id"].nunique()
    assert {g.agreement for g in comparison.groups} <= {"consistent", "conflicting"}
    hadrut = next(g for g in comparison.groups if "Hadrut" in g.label)
    assert "(" in hadrut.label  # the place with its country
    assert any(
        'class="atlas-place"' in r.sentence_html and "Hadrut</mark>" in r.sentence_html
        for r in hadrut.rows
    )


def test_conflicting_places_come_first(seeds):
    view = filter_frame(claims_frame(seeds.claims), ViewState())
    order = [g.agreement for g in compare_exercise(view, "aras-2025").groups]
    assert order == sorted(order, key=lambda a: a != "conflicting")


def test_hostile_sentences_stay_inert_html(seeds):
    claims = []
    for c in seeds.claims:
        if c.exercise == "aras-2025" and c.role == "exercise":
            hostile = (
                f"<script>alert(1)</script> [x](javascript:alert(1)) ![t](//evil/p.png) {c.mention}"
            )
            c = dataclasses.replace(
                c,
                sentence=hostile,
                sentence_start=c.start - (len(hostile) - len(c.mention)),
                outlet="<img src=x onerror=alert(1)>",
            )
        claims.append(c)
    view = filter_frame(claims_frame(claims), ViewState())
    rows = [r for g in compare_exercise(view, "aras-2025").groups for r in g.rows]
    assert rows
    for row in rows:
        assert "<script>" not in row.sentence_html
        assert "&lt;script&gt;" in row.sentence_html
        assert "<img" not in row.sentence_html
        # Only the quote's own two elements: the blockquote and the marked place.
        assert len(re.findall(r"<[a-z]", row.sentence_html)) == 2, row.sentence_html


def test_rows_can_be_read_from_a_lighter_view(seeds):
    frame = claims_frame(seeds.claims)
    light = frame.drop(columns=["sentence", "hierarchy"])
    asked = []

    def full(rows):
        asked.append(len(rows))
        return frame.set_index("id").loc[rows["id"]].reset_index()

    heavy = compare_exercise(frame, "aras-2025")
    lighter = compare_exercise(light, "aras-2025", full=full)
    assert heavy == lighter
    assert asked == [heavy.claims]


def test_places_are_marked_as_the_disagreement_summary_marks_them(seeds):
    from sources.disagreement import compare_places

    view = filter_frame(claims_frame(seeds.claims), ViewState())
    summary = compare_places(view[view["exercise"] == "aras-2025"])
    marked = dict(zip(summary["place_id"], summary["agreement"], strict=True))
    groups = compare_exercise(view, "aras-2025").groups
    assert {g.place_id: g.agreement for g in groups} == marked
    assert {"consistent", "conflicting"} == set(marked.values())


def test_a_big_exercise_shows_fewer_rows_a_place_but_counts_them_all(seeds):
    view = filter_frame(claims_frame(seeds.claims), ViewState())
    located = view[(view["exercise"] == "aras-2025") & (view["role"] == "exercise")]
    full = compare_exercise(view, "aras-2025")
    tight = compare_exercise(view, "aras-2025", total=len(full.groups))
    assert tight.claims == full.claims == len(located)
    assert [g.total for g in tight.groups] == [g.total for g in full.groups]
    assert max(len(g.rows) for g in tight.groups) == 2 < max(len(g.rows) for g in full.groups)
    assert all(len(g.rows) == min(2, g.total) for g in tight.groups)


def test_the_summarys_places_are_used_as_they_are(seeds):
    from sources.disagreement import summarise_frame

    view = filter_frame(claims_frame(seeds.claims), ViewState())
    [summary] = [s for s in summarise_frame(view) if s.exercise == "aras-2025"]
    assert compare_exercise(view, "aras-2025", summary=summary) == compare_exercise(
        view, "aras-2025"
    )
    other = next(s for s in summarise_frame(view) if s.exercise != "aras-2025")
    # A summary of another exercise is not mistaken for this one's.
    assert compare_exercise(view, "aras-2025", summary=other) == compare_exercise(view, "aras-2025")


def test_a_row_is_one_inert_block_with_the_exact_sentence(seeds):
    from sources.comparison import HEADINGS, header_html, row_html

    view = filter_frame(claims_frame(seeds.claims), ViewState())
    row = compare_exercise(view, "aras-2025").groups[0].rows[0]
    hostile = dataclasses.replace(
        row, outlet="<img src=x onerror=alert(1)>", credited="<script>x</script>"
    )
    block = row_html(hostile)
    assert "<img" not in block and "<script>" not in block
    assert "&lt;img src=x onerror=alert(1)&gt;" in block
    assert block.count("<div>") == 5  # four fields and the sentence
    assert row.sentence_html in block
    # The heading's grid is the rows' grid, so the columns line up.
    grid = re.search(r'style="([^"]+)"', block).group(1)
    assert f'style="{grid}"' in header_html()
    assert all(f"<strong>{h}</strong>" in header_html() for h in HEADINGS)
