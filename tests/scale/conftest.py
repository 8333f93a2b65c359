"""The single-process ingest every scale-out path is compared with."""

from __future__ import annotations

from typing import Any

import pytest

from amity.core import Amity
from tests.scale.test_distributed import write_corpus


@pytest.fixture(scope="module")
def single(tmp_path_factory: pytest.TempPathFactory) -> tuple[Amity, Any, list[str]]:
    """One process ingest of the shared test corpus: (amity, report, paths)."""
    root = tmp_path_factory.mktemp("single")
    paths = write_corpus(root / "corpus")
    amity = Amity(f"sqlite:///{root / 'single.db'}")
    return amity, amity.ingest(paths), paths
