"""Predicate attributions: the long tail of cues that news annotation schemes (PolNeAR)
count as attribution although no speech verb is there ("Reyes fired off a string of
posts", "Holloway set out her ideas", "The union looks on X more kindly").

Wherever no other detector claimed the text, each verb with a subject is a candidate
(source: the subject; content: what the verb governs after it, or the passive subject
when the source is an agent; at least one argument that says something: an object of
three words, of two that are not an article and a noun ("rising rents", not "the
results"), a bare noun or a name, a clause, or an about/on/against/... phrase that is no
time).
A small logistic model scores the candidate from sparse features (its lemma, the kind of
subject, the verb's dependents: auxiliaries, adverbs, the verb it governs or hangs from,
what its object is about; what follows it: its length, any quoted words) and from the
parse's own context vectors: the rows of ``doc.tensor`` (en_core_web_sm's shared tok2vec
output, 96 wide, already computed for every parse) of the verb, the subject, the verb's
first argument and the mean over the sentence, standardised and fitted together with the
sparse features in one regression. At run time that costs one small product per
sentence with a candidate (the sentence's rows times a 96 x 4 matrix) and a few lookups.
Its weights were fitted on the PolNeAR train compartment (tools/train/train_predicate.py) and
live in predicate_weights.json ("dense", with the spaCy model, version and tensor width
they were fitted on; threshold 0.28, chosen end to end: on PolNeAR dev lowering it from
0.32 lets more of the acts the reporter's sentences would otherwise carry keep their
speaker, for a little claim precision). A doc whose tensor is missing or of another shape
(a Doc built by hand, a DocBin, another configured spaCy model) is scored by the
sparse-only model fitted beside it (top level of the file, threshold 0.30). Either way a
plain action of a person ("X opened the bridge") scores below the threshold, so it stays
the reporter's.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from service.extract.lexicon import GROUP_NOUNS, ORG_NOUNS, ROLE_FAMILIES
from service.extract.lexicon.cues import is_cue_verb
from service.extract.model import MIN_OBJECT_WORDS, Candidate, Context
from service.extract.registry import CONFIDENCE, rule
from service.extract.syntax import char_range, sentences, subject_of, trim_span

WEIGHTS_FILE = Path(__file__).with_name("predicate_weights.json")
VERB_DEPS = {"ROOT", "conj", "advcl", "xcomp", "ccomp", "relcl", "acl", "pcomp"}
SKIP_CHILD = {
    "nsubj",
    "csubj",
    "agent",
    "aux",
    "auxpass",
    "neg",
    "punct",
    "mark",
    "cc",
    "conj",
    "expl",
    "prt",
}
CORE_DEPS = {"dobj", "ccomp", "xcomp", "dative", "attr", "acomp", "oprd", "nsubjpass"}
# prepositions that take what is said or thought about; others (after, outside, in, at,
# during ...) only place the act in time or space, which makes no claim
# verbs whose bare object is the one spoken to, not what is said
HEARER_VERBS = {"tell", "inform", "brief", "assure", "remind", "warn", "ask", "urge", "advise"}
MIN_PREDICATE_CHARS = 4  # "criticized Reed": a short name is content enough
QUOTE_MARKS = set("\"“”'‘’")
ARGUMENT_PREPS = {"about", "on", "against", "for", "of", "with", "to", "over", "into", "as"}


# parts of doc.tensor (the tok2vec rows) the dense model reads, in the order of its
# columns; a part with no token (no object, a root verb) reads as a row of zeros
DENSE_PARTS = ("verb", "subject", "object", "modifiers", "head", "sentence")
OBJECT_DEPS = {"dobj", "attr", "ccomp", "xcomp", "dative", "acomp", "oprd"}
MODIFIER_DEPS = {"prt", "advmod", "xcomp", "neg", "aux", "auxpass"}


class DenseModel(NamedTuple):
    """Sparse weights plus one weight vector per tensor part, fitted together; the
    standardisation of the tensor is folded into ``bias`` and ``matrix``."""

    bias: float
    weights: dict[str, float]
    threshold: float
    parts: tuple[str, ...]
    matrix: np.ndarray  # (width, len(parts)): column k weighs part k's row
    width: int
    static_vectors: int  # width of the vocab's static vectors (0 for en_core_web_sm)


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    if not WEIGHTS_FILE.is_file():
        return {}
    return dict(json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def model() -> tuple[float, dict[str, float], float]:
    """(bias, weights, threshold) of the sparse-only model in predicate_weights.json,
    the fallback wherever a doc has no usable tensor; no file, no candidates."""
    raw = _raw()
    if not raw:
        return 0.0, {}, 2.0
    return float(raw["bias"]), dict(raw["weights"]), float(raw["threshold"])


@lru_cache(maxsize=1)
def dense_model() -> DenseModel | None:
    """The sparse + tensor model of predicate_weights.json ("dense"), if there is one."""
    dense = _raw().get("dense")
    if not dense:
        return None
    parts = tuple(dense["parts"])
    matrix = np.array([dense["vectors"][p] for p in parts], dtype=np.float32).T
    return DenseModel(
        float(dense["bias"]),
        dict(dense["weights"]),
        float(dense["threshold"]),
        parts,
        np.ascontiguousarray(matrix),
        int(dense["width"]),
        int(dense.get("static_vectors", 0)),
    )


def usable_dense(doc: Any) -> DenseModel | None:
    """The dense model when ``doc.tensor`` is the kind it was fitted on: one row per
    token of the fitted width, from a pipeline with the same static-vector width (so that
    en_core_web_md/lg, whose tok2vec is also 96 wide, fall back too). Otherwise None: a
    doc built by hand, a transformer pipeline, another model -> the sparse-only model."""
    dm = dense_model()
    tensor = getattr(doc, "tensor", None)
    if dm is None or tensor is None or getattr(tensor, "ndim", 0) != 2:
        return None
    if tensor.shape != (len(doc), dm.width) or doc.vocab.vectors.shape[1] != dm.static_vectors:
        return None
    return dm


def _part_tokens(verb: Any, subject: Any, sent: Any, part: str) -> range | list[int]:
    """The token indices one tensor part averages over (empty: a row of zeros)."""
    if part == "verb":
        return [verb.i]
    if part == "subject":
        return [subject.i]
    if part == "object":  # the first argument after or around the verb
        return next(
            (
                [c.i]
                for c in verb.children
                if c.dep_ in OBJECT_DEPS or (c.dep_ == "prep" and c.i > verb.i)
            ),
            [],
        )
    if part == "modifiers":
        return [c.i for c in verb.children if c.dep_ in MODIFIER_DEPS]
    if part == "head":
        return [verb.head.i] if verb.head.i != verb.i else []
    return range(sent.start, sent.end)  # "sentence"


def dense_input(verb: Any, subject: Any, parts: tuple[str, ...] = DENSE_PARTS) -> np.ndarray:
    """The raw tensor rows of one candidate, part after part (what the trainer fits)."""
    tensor = verb.doc.tensor
    zero = np.zeros(tensor.shape[1], dtype=np.float32)
    rows = [list(_part_tokens(verb, subject, verb.sent, p)) for p in parts]
    return np.concatenate([tensor[r].mean(0) if r else zero for r in rows])


def _dense_z(
    projected: np.ndarray, sent: Any, verb: Any, subject: Any, parts: tuple[str, ...]
) -> float:
    """The tensor parts' share of the logit, read off ``projected``, the sentence's rows
    of ``doc.tensor @ matrix`` (the mean of projected rows is the projection of the mean
    row). A token outside the sentence (a parse that links across) reads as zeros."""
    z = 0.0
    for k, part in enumerate(parts):
        if part == "sentence":
            z += projected[:, k].mean()
            continue
        idx = [i - sent.start for i in _part_tokens(verb, subject, sent, part)]
        idx = [i for i in idx if 0 <= i < len(projected)]
        if len(idx) == 1:
            z += projected[idx[0], k]
        elif idx:
            z += projected[idx, k].mean()
    return float(z)


def features(verb: Any, subject: Any) -> list[str]:
    """Sparse binary features of one (verb, subject) candidate."""
    lemma = verb.lemma_.lower()
    feats = [f"lemma={lemma}", f"dep={verb.dep_}", f"tag={verb.tag_}"]
    if is_cue_verb(lemma):
        feats.append("cue_verb")
    deps = {c.dep_ for c in verb.children}
    feats += [f"has={d}" for d in sorted(deps - {"punct"})]
    feats += [f"prep={c.lower_}" for c in verb.children if c.dep_ == "prep" and c.i > verb.i]
    feats += [f"prt={lemma}_{c.lower_}" for c in verb.children if c.dep_ == "prt"]
    feats.append(f"subj_pos={subject.pos_}")
    feats.append(f"subj_ent={subject.ent_type_ or '-'}")
    feats.append(f"subj_dep={subject.dep_}")
    low = subject.lower_
    if subject.pos_ == "PRON":
        feats.append(f"subj_low={low}")
    elif subject.pos_ == "NOUN" and subject.is_lower and not subject.ent_type_:
        # common nouns only: no feature names a person
        feats.append(f"subj_lemma={subject.lemma_.lower()}")
    if low in GROUP_NOUNS or subject.lemma_.lower() in ORG_NOUNS:
        feats.append("subj_group_or_org")
    if subject.lemma_.lower() in ROLE_FAMILIES:
        feats.append("subj_role")
    if subject.i > verb.i:
        feats.append("subj_after")
    objects = [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
    if objects:
        feats.append(f"obj_ent={objects[0].ent_type_ or '-'}")
        if objects[0].is_lower and not objects[0].ent_type_:
            feats.append(f"obj_lemma={objects[0].lemma_.lower()}")
        # "attacks on X", "a letter to Y": what the object is about
        feats += [f"objprep={c.lower_}" for c in objects[0].children if c.dep_ == "prep"]
    return feats + _context_features(verb)


def _context_features(verb: Any) -> list[str]:
    """Auxiliaries and adverbs ("could", "has", "also"), the verb it hangs from or that
    hangs from it ("tries to draw", "draw" under "try"), quoted words in what follows it,
    and how much follows it."""
    feats = [f"aux={c.lemma_.lower()}" for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    feats += [f"advmod={c.lemma_.lower()}" for c in verb.children if c.dep_ == "advmod"]
    feats += [f"xcomp={c.lemma_.lower()}" for c in verb.children if c.dep_ == "xcomp"]
    if verb.dep_ != "ROOT":
        feats.append(f"head={verb.head.lemma_.lower()}")
    after = [t for c in verb.children if c.i > verb.i for t in c.subtree]
    if any(t.text in QUOTE_MARKS for t in after):
        feats.append("content_quote")
    feats.append(f"len={min(4, len(after) // 5)}")
    return feats


def score(feats: list[str], dense: DenseModel | None = None, dense_z: float = 0.0) -> float:
    """The probability of one candidate: the sparse-only model, or with ``dense`` the
    combined one, ``dense_z`` being the tensor parts' share of its logit."""
    if dense is None:
        bias, weights, _ = model()
    else:
        bias, weights = dense.bias + dense_z, dense.weights
    z = bias + sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def sentence_candidates(sent: Any) -> Iterator[tuple[Any, Any, tuple[int, int]]]:
    """(verb, subject, doc-local content char range) for each verb with a subject."""
    for verb in sent:
        if verb.pos_ not in {"VERB", "AUX"} or verb.dep_ not in VERB_DEPS:
            continue
        if verb.pos_ == "AUX" and verb.dep_ != "ROOT":
            continue
        subject = subject_of(verb)
        if subject is None or subject.lower_ in {"there", "what"}:
            continue
        content = _content(verb, subject)
        if content is not None:
            yield verb, subject, content


def _content(verb: Any, subject: Any) -> tuple[int, int] | None:
    """What the act is about: the verb's arguments after it (or its passive subject),
    with at least one core argument that says something."""
    parts = [
        c
        for c in verb.children
        if (c.i > verb.i and c.dep_ not in SKIP_CHILD and c.i != subject.i) or c.dep_ == "nsubjpass"
    ]
    core = [
        c
        for c in parts
        if c.dep_ in CORE_DEPS or (c.dep_ == "prep" and c.lower_ in ARGUMENT_PREPS and not _when(c))
    ]
    if not core:
        return None
    if all(c.dep_ in {"dobj", "attr", "nsubjpass", "prep"} for c in core) and not any(
        _says_something(c) for c in core
    ):
        return None
    first = min(c.left_edge.i for c in parts)
    last = max(c.right_edge.i for c in parts)
    if first <= subject.i <= last:
        return None
    return char_range(verb.doc, first, last + 1)


PREDICATE = "predicate.model"


@rule(
    PREDICATE,
    "predicate",
    examples=[
        "Reyes pushed back against the agency's plan to delay the new flood maps.",
        "The mayor doubled down on her pledge to cut ferry fares by a third.",
    ],
)
def predicate_candidates(
    ctx: Context,
    taken: list[tuple[int, int]],
    used_cues: set[int] | None = None,
) -> list[Candidate]:
    """Scored candidates above the model's threshold in one parsed chunk, clear of the
    ``taken`` spans (claims found by the other detectors; sorted by start) and of the
    verbs that already cue one of them (``used_cues``, their offsets), and at most
    one per stretch of text: the best-scoring wins where contents overlap."""
    _, weights, threshold = model()
    if not weights:
        return []
    doc, base = ctx.doc, ctx.base
    dense = usable_dense(doc)
    if dense is not None:
        threshold = dense.threshold
    scored = []
    starts = [s for s, _ in taken]
    for sent in sentences(doc):
        # (tokens, parts), once per sentence with a candidate: a product this small stays
        # on one thread (a whole chunk's would wake BLAS threads that then spin)
        projected = None
        lo, hi = base + sent.start_char, base + sent.end_char
        k = bisect_left(starts, lo)
        near = [t for t in taken[max(0, k - 3) : bisect_left(starts, hi)] if t[1] > lo]
        for verb, subject, (s, e) in sentence_candidates(sent):
            cue = ctx.at(verb)
            if used_cues and cue in used_cues:
                continue
            if any(a <= cue < b or min(b, base + e) > max(a, base + s) for a, b in near):
                continue
            if dense is None:
                p = score(features(verb, subject))
            else:
                if projected is None:
                    projected = doc.tensor[sent.start : sent.end] @ dense.matrix
                dz = _dense_z(projected, sent, verb, subject, dense.parts)
                p = score(features(verb, subject), dense, dz)
            if p >= threshold:
                scored.append((p, verb, subject, s, e))
    return _best(ctx, scored)


def _best(ctx: Context, scored: list[tuple[float, Any, Any, int, int]]) -> list[Candidate]:
    """The best-scoring candidate wherever contents (or a content and a cue) overlap."""
    base, text, index = ctx.base, ctx.text, ctx.index
    scored.sort(key=lambda x: -x[0])
    kept: list[Candidate] = []
    for p, verb, subject, s, e in scored:
        start, end = trim_span(text, base + s, base + e)
        cue = ctx.token_span(verb)
        if end - start < MIN_PREDICATE_CHARS or any(
            k.overlap(start, end) or k.start <= cue[0] < k.end for k in kept
        ):
            continue
        kept.append(
            Candidate(
                start,
                end,
                "indirect",
                "reported:predicate",
                round(min(CONFIDENCE[PREDICATE], p), 3),
                cue,
                verb.lemma_.lower(),
                subject=subject,
                doc_index=index,
                rule=PREDICATE,
            )
        )
    return kept


def _says_something(arg: Any) -> bool:
    """An argument of three words or more, a name, two words that are not an article and
    a noun, or a bare noun object that is not the hearer: "his piece", "climate change",
    "(supports) deregulation" say something; "the results", "a speech", "(told) reporters"
    do not."""
    words = [t for t in arg.subtree if t.is_alpha]
    if len(words) >= MIN_OBJECT_WORDS or any(t.pos_ == "PROPN" for t in arg.subtree):
        return True
    if len(words) == 1 and words[0].pos_ == "NOUN" and arg.dep_ == "dobj":
        return arg.head.lemma_.lower() not in HEARER_VERBS  # "told reporters": the hearers
    return len(words) == MIN_OBJECT_WORDS - 1 and words[0].lower_ not in {"the", "a", "an"}


def _when(prep: Any) -> bool:
    """ "on Monday", "for two hours": a time, not what the act is about."""
    return any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in prep.children)
