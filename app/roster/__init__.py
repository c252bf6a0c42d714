"""Client rosters: imported as keyed hashes (:mod:`.store`, :mod:`.importer`), matched
against a draft's parse (:mod:`.matcher`)."""
