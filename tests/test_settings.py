"""Settings a user meets: how many worker processes the default gives, and bad values."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from amity import settings as settings_module
from amity.cli import cli
from amity.errors import UsageError
from amity.settings import Settings, available_cores


def test_by_default_amity_uses_every_core_it_may_run_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AMITY_N_PROCESS", raising=False)
    monkeypatch.setattr(settings_module.os, "sched_getaffinity", lambda _pid: {0, 1, 2}, raising=False)
    monkeypatch.setattr(settings_module, "_cgroup_cpu_quota", lambda: None)
    assert Settings.from_env().n_process == 0
    assert Settings.from_env().processes == 3
    assert Settings(n_process=1).processes == 1, "an explicit number is kept"


def test_a_container_cpu_quota_caps_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings_module.os, "sched_getaffinity", lambda _pid: set(range(64)), raising=False)
    monkeypatch.setattr(settings_module, "_cgroup_cpu_quota", lambda: 1.5)
    assert available_cores() == 2


def test_the_environment_sets_the_worker_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMITY_N_PROCESS", "1")
    assert Settings.from_env().processes == 1
    monkeypatch.setenv("AMITY_N_PROCESS", "two")
    with pytest.raises(UsageError, match="AMITY_N_PROCESS must be a whole number, not 'two'"):
        Settings.from_env()


def test_a_negative_process_count_is_refused() -> None:
    with pytest.raises(UsageError, match="--n-process must be 0 \\(one per core\\) or more, not -2"):
        _ = Settings(n_process=-2).processes
    result = CliRunner().invoke(cli, ["--n-process", "-1", "stats"])
    assert result.exit_code == 2
    assert "-1 is not in the range x>=0" in result.output
