"""``screener scan``: a calendar of posts read (:mod:`.reader`), checked in chunks or in
worker processes (:mod:`.runner`), reported as CSV, JSON Lines or HTML (:mod:`.report`)."""
