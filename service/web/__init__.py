"""Serving: the HTTP API (:mod:`.api`, one router per wing), uploads that index
(:mod:`.uploads`, :mod:`.jobs`), the web UI (:mod:`.ui`, ``static/``), the OpenAPI docs
(:mod:`.apidocs`) and the JSON of every route and command (:mod:`.views`). No ranking here:
search and answers come from :mod:`service.query`.
"""
