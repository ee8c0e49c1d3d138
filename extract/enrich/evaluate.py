"""Precision/recall of PERSON and ORG entities against a hand-checked list.

The list (``corpora/eval/entities_<pack>.json``) names every person and
organisation in one pack, plus ``optional`` names that are neither rewarded
nor penalised (teams, programmes, brands). A predicted entity matches an
entry when any of its forms (text or aliases), normalised, equals any form of
the entry. A second prediction matching an entry already matched is a
duplicate (a canonicalisation miss): reported, not counted as a hit.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.enrich.roster import strip_title
from extract.model import Entity


def norm(text: str) -> str:
    name, _ = strip_title(text)
    t = name.replace("’", "'").replace("&", " and ").lower()
    t = re.sub(r"'s\b", "s", t)
    t = re.sub(r"^the\s+", "", t)
    return " ".join(re.sub(r"[^a-z0-9 ]", "", t.replace("-", "")).split())


@dataclass(slots=True)
class Score:
    label: str
    tp: int = 0
    fp: int = 0
    duplicates: int = 0
    ignored: int = 0
    gold: int = 0
    missed: list[str] = field(default_factory=list)
    duplicate_of: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0


def load_gold(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _forms(entry: dict[str, Any]) -> set[str]:
    return {norm(entry["name"]), *(norm(a) for a in entry.get("aliases", []))} - {""}


def score(entities: list[Entity], gold: dict[str, Any]) -> dict[str, Score]:
    optional = {norm(x) for x in gold.get("optional", [])}
    out: dict[str, Score] = {}
    for label, key in (("PERSON", "people"), ("ORG", "orgs")):
        entries = [(e["name"], _forms(e)) for e in gold.get(key, [])]
        s = Score(label=label, gold=len(entries))
        matched: set[str] = set()
        for ent in entities:
            if ent.label != label:
                continue
            forms = {norm(ent.text), *(norm(a) for a in ent.aliases)} - {""}
            hit = next((name for name, gf in entries if forms & gf), None)
            if hit is None:
                if forms & optional:
                    s.ignored += 1
                else:
                    s.fp += 1
                    s.false_positives.append(ent.text)
            elif hit in matched:
                s.duplicates += 1
                s.duplicate_of.append(f"{ent.text} = {hit}")
            else:
                matched.add(hit)
                s.tp += 1
        s.missed = [name for name, _ in entries if name not in matched]
        out[label] = s
    return out
