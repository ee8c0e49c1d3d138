"""Schemathesis hooks for this API: what an upload's ``file`` part is.

``POST /packs`` declares its ``file`` part as ``application/pdf`` (the OpenAPI ``encoding``),
and answers 415 to a file without the ``%PDF-`` magic. JSON Schema cannot describe a PDF's
bytes, so schemathesis, left alone, sends images labelled ``application/pdf`` as "valid"
uploads. Registering the media type makes its valid uploads PDFs (a well-formed one-page
file, or the magic followed by anything: the API accepts both and the background job reports
what became of them).

Loaded by ``schemathesis.toml`` (``schemathesis run`` from the repository root) and by
``tests/test_api_fuzz.py``.
"""

from __future__ import annotations

import schemathesis
from hypothesis import strategies as st

# the smallest well-formed PDF: one empty page
ONE_PAGE = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

PDF_FILES = st.one_of(
    st.just(ONE_PAGE),
    st.binary(max_size=256).map(lambda tail: b"%PDF-1.7\n" + tail),
)

schemathesis.openapi.media_type("application/pdf", PDF_FILES)
