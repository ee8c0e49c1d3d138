"""Enrichment speed: entities + figures + tables vs spaCy's own NER on the same text.

    python -m benchmarks.enrich [PDF ...] [--repeat N]   (default: ../shared/corpus/*.pdf)

For each pack: words/s of the enrichment stage (``extract.enrich.enrich``) and
of spaCy's NER alone (``nlp.pipe`` over the pack's page texts with only the
``ner`` component), and their time ratio. Target: ratio <= 1.3. The model is
loaded before timing; each figure is the best of ``--repeat`` runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.common import best_of, pdfs_and_repeat
from extract import ExtractSettings, extract
from extract.enrich import enrich
from extract.enrich import nlp as nlp_mod
from extract.enrich.entities import extract_entities
from extract.enrich.figures import extract_figures
from extract.enrich.tables import extract_tables
from extract.enrich.text import blocks_of
from extract.model import Pack


def spacy_ner(texts: list[str]) -> None:
    nlp = nlp_mod.get_nlp()
    with nlp.select_pipes(enable=["ner"]):
        for _ in nlp.pipe(texts, batch_size=nlp_mod.BATCH):
            pass


def measure(
    pack: Pack, pdf: Path, texts: list[str], repeat: int
) -> tuple[float, float, float, float, float]:
    """Seconds: spaCy NER alone, the whole enrichment, then entities, figures, tables."""
    settings = ExtractSettings()
    t_spacy = best_of(lambda: spacy_ner(texts), repeat)
    t_enrich = best_of(lambda: enrich(pack, pdf, settings), repeat)
    blocks = blocks_of(pack)
    t_ents = best_of(lambda: extract_entities(pack, blocks), 1)
    t_figs = best_of(lambda: extract_figures(blocks), 1)
    t_tabs = best_of(lambda: extract_tables(pack, pdf), 1)
    return t_spacy, t_enrich, t_ents, t_figs, t_tabs


def main(argv: list[str] | None = None) -> int:
    args = pdfs_and_repeat(__doc__, argv, 2)
    pdfs = args.pdfs
    if not pdfs:
        print("no PDFs given and ../shared/corpus is absent", file=sys.stderr)
        return 1
    nlp_mod.get_nlp()  # load once, outside the timings
    settings = ExtractSettings()
    print(
        f"{'pack':48} {'words':>6} {'enrich w/s':>10} {'spaCy w/s':>9} {'ratio':>5}"
        f"   {'ents':>5} {'figs':>5} {'tabls':>5}"
    )
    worst = 0.0
    for pdf in pdfs:
        result = extract(pdf, settings.replace(enrich=False))
        if result.pack is None:
            print(f"{pdf.name}: extraction failed: {result.reason}")
            continue
        pack: Pack = result.pack
        texts = [p.text for p in pack.pages if p.text.strip()]
        words = sum(len(t.split()) for t in texts)
        t_spacy, t_enrich, t_ents, t_figs, t_tabs = measure(pack, pdf, texts, args.repeat)
        ratio = t_enrich / t_spacy
        worst = max(worst, ratio)
        print(
            f"{pdf.name[:48]:48} {words:6d} {words / t_enrich:10.0f} {words / t_spacy:9.0f} "
            f"{ratio:5.2f}   {t_ents:5.2f} {t_figs:5.2f} {t_tabs:5.2f}"
        )
    print(f"worst ratio {worst:.2f} (target <= 1.3); stage columns are seconds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
