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


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    from amity.settings import normalise_db_url

    engine = create_engine(normalise_db_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store URL: an SQLite file, and PostgreSQL when AMITY_TEST_PG_URL is set."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'amity.db'}"
    url = os.environ.get("AMITY_TEST_PG_URL")
    if not url:
        pytest.skip("AMITY_TEST_PG_URL is not set (no PostgreSQL server for this run)")
    _reset_postgres(url)
    return url


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` (long fuzz, load and kill loops) run only with AMITY_SLOW=1."""
    if os.environ.get("AMITY_SLOW") == "1":
        return
    skip = pytest.mark.skip(reason="slow: set AMITY_SLOW=1 to run it")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
