"""The outcome document: assembled from the database as data, then rendered (Word, Markdown, CSV, JSON)."""
