"""The analyst's view of events: merging, series, timelines, network, claims, search snippets.

Pure functions over records (``Event``, ``MergedEvent``, ``GroupHead``, ``Article``) returning
dataclasses with ``to_dict()``; no database here. ``Amity`` (``amity/reading.py``) reads
the records from the store and calls these; the CLI, the REST API and the dashboard call ``Amity``.
"""

from amity.analysis.claims import Claim, ClaimGroup, amount_groups, claim_groups, rank_groups
from amity.analysis.merge import MergedEvent, MergeSettings, cluster, dates_compatible
from amity.analysis.network import ActorNetwork, network_of
from amity.analysis.search import SearchHit, parse_query, search_hits
from amity.analysis.series import SeriesPoint, date_label, series_of, series_points
from amity.analysis.timeline import TimelineEntry, entry_of, timeline_entries, timeline_order

__all__ = [
    "ActorNetwork", "Claim", "ClaimGroup", "MergeSettings", "MergedEvent", "SearchHit", "SeriesPoint",
    "TimelineEntry", "amount_groups", "claim_groups", "cluster", "date_label", "dates_compatible", "entry_of",
    "network_of", "parse_query", "rank_groups", "search_hits", "series_of", "series_points", "timeline_entries",
    "timeline_order",
]
