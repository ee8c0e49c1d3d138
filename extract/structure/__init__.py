"""Stage 3: layout -> pack structure (meeting, agenda, documents, minutes, reports)."""
