"""amity's codebook: one :class:`Codebook` whose sections are every lexicon amity codes with.

See :mod:`amity.codebook.book` for the sections, their files and how a user's folder
overlays ours; :mod:`amity.codebook.reader` is the one YAML reader they share.
"""

from amity.codebook.book import (
    DATA_DIR,
    SHIPPED,
    Codebook,
    activate,
    current,
    depends_on_codebook,
    load_codebook,
    word_set,
    word_tuple,
    words,
)

__all__ = ["DATA_DIR", "SHIPPED", "Codebook", "activate", "current", "depends_on_codebook", "load_codebook",
           "word_set", "word_tuple", "words"]
