"""Pure linguistic logic over spaCy Docs: quotes, reported speech, speakers, framing.
No torch, no Flask."""
