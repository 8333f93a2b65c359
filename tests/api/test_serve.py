"""``amity serve`` binds to loopback by default and warns when bound elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from amity.cli import cli
from amity.cli.serve import is_loopback


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def test_serve_binds_to_loopback_by_default(runs: list[dict[str, Any]], tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "s.db"), "serve"])
    assert result.exit_code == 0, result.output
    assert runs[0]["host"] == "127.0.0.1" and runs[0]["port"] == 8000
    assert "read-only" in result.output and "Warning" not in result.output
    assert runs[0]["app"].state.write_token is None


def test_serve_warns_when_bound_to_all_interfaces(runs: list[dict[str, Any]], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMITY_WRITE_TOKEN", "tok")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "s.db"), "serve", "--host", "0.0.0.0",
                                      "--port", "9001"])
    assert result.exit_code == 0, result.output
    assert "Warning: binding to 0.0.0.0" in result.output
    assert runs[0]["app"].state.write_token == "tok" and runs[0]["port"] == 9001


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                                ("0.0.0.0", False), ("192.168.1.5", False), ("example.org", False)])
def test_loopback_detection(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
