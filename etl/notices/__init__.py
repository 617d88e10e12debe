"""A notice document -> its facts (issuer, theme, period, deadlines, attachments)."""
