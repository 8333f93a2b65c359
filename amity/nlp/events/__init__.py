"""The event coder: who did what to whom, when (the ``amity_events_v1`` component).

A few small passes per sentence, each a module:

- ``index``: a per-document view of the parse (tokens read in bulk);
- ``parts``: the earlier components' spans (actors, dates, amounts, places) by clause;
- ``roles``: the actor index and the participant roles of a predicate;
- ``grammar``: the sentence parser, candidate clauses and event nouns, then settled; it
  composes the passes ``participants`` (a verb's entry, agents and recipients),
  ``modality`` (negation, factuality, intent), ``clauses`` (coded verbs), ``nouns``
  (event nouns), ``agreements`` (named, dated agreements), ``judgements`` (statements
  coded by what they say) and ``recipients`` (implied participants, the story's pair);
- ``dating``: when each act happened;
- ``records``: dyads, actors at the event date, spans, one record per act;
- ``coder``: the spaCy component that runs them and writes ``doc._.events``.
"""

from amity.nlp.events.coder import EventCoder, make_event_coder

__all__ = ["EventCoder", "make_event_coder"]
