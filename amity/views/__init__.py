"""Views: the data each API endpoint and dashboard page shows, built by calling ``Amity`` only.

``amity.api`` renders these as JSON and ``amity.web`` as HTML; the two never call each other.

- ``params``: checks of user-given values (actor codes, dates, dyads), the same for both faces;
- ``http``: the FastAPI parameter types and dependencies both faces declare routes with;
- ``records``: stored articles, events, actors, dyads and counts, with their links;
- ``analysis``: series, timelines, the network, claims and search over merged events.
"""
