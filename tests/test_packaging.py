"""``pip install 'amity[all]'`` installs every extra a user can ask for."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def test_the_all_extra_names_every_user_extra() -> None:
    extras = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    wanted = set(extras) - {"all", "dev"}  # dev is the developers' tools, not a feature
    assert wanted >= {"postgres", "scale"}
    (requirement,) = (Requirement(r) for r in extras["all"])
    assert requirement.name == "amity" and requirement.extras == wanted
