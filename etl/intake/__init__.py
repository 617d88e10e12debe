"""Received files checked before they are accepted: `etl validate` and the upload page."""
