"""Authoring: the author's tools around the pipeline (new, schema, help, the message table)."""
