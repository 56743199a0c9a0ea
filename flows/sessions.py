"""The `--sessions` option: a session list in the form users type it."""

from __future__ import annotations


def parse_sessions(spec: str | None) -> set[int] | None:
    """'75-78' -> {75, 76, 77, 78}; '58,60' -> {58, 60}; None -> every session."""
    if not spec:
        return None
    sessions: set[int] = set()
    for piece in spec.split(","):
        low, _, high = piece.strip().partition("-")
        try:
            sessions.update(range(int(low), int(high or low) + 1))
        except ValueError:
            raise ValueError(f"--sessions takes '75-78' or '58,60', not {spec!r}") from None
    return sessions
