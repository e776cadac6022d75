"""Speaker resolution beyond names: a document entity model (entities.py), features of a
mention and a candidate entity (features.py), a learned mention ranker (ranker.py,
weights.json) and the run-time entry the speaker resolver calls (resolve.py)."""
