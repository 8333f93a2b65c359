"""The analyst's view over the store: merged events, series, timelines, network, claims, search.

Plain functions over a ``Store`` (plus ``EventQuery`` filters) returning dataclasses with
``to_dict()``; the CLI, the REST API and the dashboard all call these.
"""

from amity.analysis.claims import Claim, ClaimGroup, claims
from amity.analysis.merge import (
    MergedEvent,
    MergeSettings,
    ensure_merges,
    merged_events,
    update_merges,
)
from amity.analysis.network import ActorNetwork, build_network
from amity.analysis.search import SearchHit, search, update_search_index
from amity.analysis.series import SeriesPoint, date_label, dyad_series
from amity.analysis.timeline import TimelineEntry, timeline

__all__ = [
    "ActorNetwork", "Claim", "ClaimGroup", "MergeSettings", "MergedEvent", "SearchHit", "SeriesPoint",
    "TimelineEntry", "build_network", "claims", "date_label", "dyad_series", "ensure_merges",
    "merged_events", "search", "timeline", "update_merges", "update_search_index",
]
