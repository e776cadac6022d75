"""Model backends. The only package that imports torch, transformers or
sentence-transformers (lazily, inside the functions that need them)."""
