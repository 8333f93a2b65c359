"""The actor network: actors as nodes, directed dyads as weighted edges (merged events).

Nodes carry ``events`` (merged events as source or target), ``as_source``, ``as_target``
and a ``label``; edges ``source → target`` carry ``weight`` (= ``events``), ``coop`` and
``conflict`` counts, Goldstein ``goldstein_sum`` and ``goldstein_mean``.
Domestic events make self-loops (``KHM → KHM``). Pure functions over ``MergedEvent`` records.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from amity.errors import UsageError
from amity.models import Actor, MergedEvent

if TYPE_CHECKING:  # networkx (~0.1 s to import) is imported where a network is built or written
    import networkx as nx

Level = Literal["country", "code"]


@dataclass
class ActorNetwork:
    """A ``networkx.DiGraph`` of actors with exports to GraphML and node-link JSON."""

    graph: nx.DiGraph
    level: str = "country"

    def to_graphml(self, path: str | Path) -> None:
        import networkx as nx

        nx.write_graphml(self.graph, str(path))

    def to_json(self) -> dict[str, Any]:
        """Node-link JSON (``nodes``, ``edges``), as d3 and networkx read it."""
        import networkx as nx

        data: dict[str, Any] = nx.node_link_data(self.graph, edges="edges")
        data["level"] = self.level
        return data

    def to_dict(self) -> dict[str, Any]:
        return self.to_json()

    def write(self, path: str | Path) -> None:
        """``.graphml`` or ``.json`` by the file's suffix."""
        suffix = Path(path).suffix.lower()
        if suffix == ".graphml":
            self.to_graphml(path)
        elif suffix == ".json":
            Path(path).write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False), encoding="utf-8")
        else:
            raise UsageError(f"network output must end in .graphml or .json, not {suffix or 'nothing'!r}")


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Country and IGO code → name, from the actor codebook (empty if it cannot be read)."""
    try:
        from amity.codebook.actors import ActorCodebook

        book = ActorCodebook.load()
    except Exception:  # noqa: BLE001 - labels are a nicety: fall back to the events' own names
        return {}
    return {e.code: e.name for e in book.entries() if e.kind in ("country", "igo") and e.code and e.name}


def node_key(actor: Actor, level: str) -> str:
    if level == "country":
        return actor.country or actor.code
    return actor.code


def _label(actor: Actor, level: str) -> str | None:
    """A readable name: at country level only a country-wide actor's name names the country."""
    if level == "code" or not actor.sector or actor.sector == "IGO":
        return actor.name
    return None


def _add_node(graph: nx.DiGraph, key: str, names: dict[str, Counter[str]], side: str) -> None:
    if key not in graph:
        graph.add_node(key, label=key, events=0, as_source=0, as_target=0)
    graph.nodes[key]["events"] += 1
    graph.nodes[key][side] += 1
    names.setdefault(key, Counter())


def _add_edge(graph: nx.DiGraph, a: str, b: str, goldstein: float, quad: str) -> None:
    if not graph.has_edge(a, b):
        graph.add_edge(a, b, weight=0, events=0, coop=0, conflict=0, goldstein_sum=0.0, goldstein_mean=0.0)
    edge = graph.edges[a, b]
    edge["weight"] += 1
    edge["events"] += 1
    edge["coop" if quad.endswith("coop") else "conflict"] += 1
    edge["goldstein_sum"] = round(edge["goldstein_sum"] + goldstein, 4)
    edge["goldstein_mean"] = round(edge["goldstein_sum"] / edge["events"], 3)


def check_level(level: str) -> None:
    """UsageError unless ``level`` is ``country`` or ``code``."""
    if level not in ("country", "code"):
        raise UsageError(f"network level must be country or code, not {level!r}")


def network_of(found: Iterable[MergedEvent], level: str = "country") -> ActorNetwork:
    """The network of merged events at ``country`` or ``code`` level."""
    import networkx as nx

    check_level(level)
    graph = nx.DiGraph()
    names: dict[str, Counter[str]] = {}
    for merged in found:
        event = merged.event
        a, b = node_key(event.source, level), node_key(event.target, level)
        _add_node(graph, a, names, "as_source")
        _add_node(graph, b, names, "as_target")
        for key, actor in ((a, event.source), (b, event.target)):
            if label := _label(actor, level):
                names[key][label] += 1
        _add_edge(graph, a, b, event.goldstein, event.quad)
    known = country_names() if level == "country" else {}
    for key, counter in names.items():
        if key in known or counter:
            graph.nodes[key]["label"] = known.get(key) or counter.most_common(1)[0][0]
    return ActorNetwork(graph, level)
