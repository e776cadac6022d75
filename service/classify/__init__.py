"""The classify stage: zero-shot labels, check-worthiness and stance for extracted claims.

No torch here: everything goes through an ``Embedder`` (``service.nlp``) and numpy.

    zero_shot_embedding.py  EmbeddingZeroShot, the "embedding" ZeroShotClassifier backend
    labels.py               default label sets (seeds/labels) and callers' labels
    cache.py                per-worker LRU of label/target/prototype embeddings
    checkworthiness.py      hand-set logistic over surface signals + prototype similarity
    stance.py               claim stance (favor/against/neutral), document stance (FNC-1)
    stage.py                ClassifyStage: the pipeline step, one embedding call per batch
"""
