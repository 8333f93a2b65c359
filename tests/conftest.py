"""Shared fixtures. Tests that read ../shared are marked `shared` and skip without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("AMITY_SHARED_DIR", REPO.parent / "shared"))


@pytest.fixture
def shared_dir() -> Path:
    """The read-only ../shared folder (seeds, reference); skips the test when absent."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not present (a user's fresh clone has none)")
    return SHARED


@pytest.fixture
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "seeds"
