"""Domain models and pure rules. Nothing here knows of Textual, SQL or Word."""
