"""All SQL the dashboard runs, and its per-build cache. No layout here."""
