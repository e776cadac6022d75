"""The speakers stage: mentions → speakers (stage.py runs it; resolver.py names them)."""
