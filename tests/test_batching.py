"""How a run cuts its documents into parse tasks, and reads `--sessions` (pure functions)."""

from __future__ import annotations

import pytest

from flows.pipeline import split_batches
from flows.sessions import parse_sessions
from flows.sources import LandedDocument


def documents(count: int) -> list[LandedDocument]:
    return [
        LandedDocument(f"/d/{n}.xml", f"{n:064x}", f"/l/{n}.xml", 1, True) for n in range(count)
    ]


@pytest.mark.parametrize(
    ("count", "workers", "sizes"),
    [
        (0, 2, []),
        (1, 2, [1]),
        (600, 2, [250, 350]),  # small runs: the low end; a small remainder joins the last
        (1324, 2, [331, 250, 250, 250, 243]),
        (5296, 2, [1000, 1000, 824, 618, 464, 348, 261, 250, 250, 281]),  # shrinking to the end
        # large runs: the high end bounds a worker's memory
        (21184, 2, [1000] * 18 + [796, 597, 448, 336, 252, 250, 250, 255]),
        (
            21184,
            8,
            [1000] * 6
            + [949, 890, 835, 782, 733, 688, 645, 604, 567, 531, 498, 467]
            + [438, 410, 385, 361, 338, 317, 297, 279, 261]
            + [250] * 15
            + [159],
        ),
    ],
)
def test_split_batches(count: int, workers: int, sizes: list[int]) -> None:
    batches = split_batches(documents(count), workers)
    assert [len(batch) for batch in batches] == sizes
    assert [d for batch in batches for d in batch] == documents(count)  # order kept


@pytest.mark.parametrize(
    ("spec", "sessions"),
    [
        (None, None),
        ("", None),
        ("58", {58}),
        ("75-78", {75, 76, 77, 78}),
        ("58, 60-61", {58, 60, 61}),
    ],
)
def test_parse_sessions(spec: str | None, sessions: set[int] | None) -> None:
    assert parse_sessions(spec) == sessions


@pytest.mark.parametrize("spec", ["fifty", "-3", "75-x"])
def test_parse_sessions_refuses_what_it_cannot_read(spec: str) -> None:
    with pytest.raises(ValueError, match="--sessions takes"):
        parse_sessions(spec)
