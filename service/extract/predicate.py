"""Predicate attributions: the long tail of cues that news annotation schemes (PolNeAR)
count as attribution although no speech verb is there ("Trump unleashed a flurry of
tweets", "Clinton laid out her proposals", "The group also views X more favorably").

Wherever no other detector claimed the text, each verb with a subject is a candidate
(source: the subject; content: what the verb governs after it, or the passive subject
when the source is an agent; at least one argument that says something: an object of
three words, of two that are not an article and a noun ("rising rents", not "the
results"), a bare noun or a name, a clause, or an about/on/against/... phrase that is no
time).
A small logistic model scores the candidate from its lemma, the kind of subject, the
verb's dependents (auxiliaries, adverbs, the verb it governs or hangs from, what its
object is about) and what follows it (its length, any quoted words). Its weights were
fitted on the PolNeAR train compartment (bench/train_predicate.py) and live in
predicate_weights.json. The threshold (0.30) sits just above what an unknown verb of a
person with a plain object scores ("X opened the bridge" ~0.27), so plain actions stay
the reporter's.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from service.extract.candidates import MIN_OBJECT_WORDS, Candidate
from service.extract.framing import is_cue_verb
from service.extract.lexicon import GROUP_NOUNS, ORG_NOUNS, ROLE_FAMILIES
from service.extract.syntax import char_range, subject_of, trim_span

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


@lru_cache(maxsize=1)
def model() -> tuple[float, dict[str, float], float]:
    """(bias, weights, threshold) from predicate_weights.json; no file, no candidates."""
    if not WEIGHTS_FILE.is_file():
        return 0.0, {}, 2.0
    raw = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    return float(raw["bias"]), dict(raw["weights"]), float(raw["threshold"])


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


def score(feats: list[str]) -> float:
    bias, weights, _ = model()
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


def predicate_candidates(
    chunk: tuple[Any, int],
    text: str,
    index: int,
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
    doc, base = chunk
    scored = []
    starts = [s for s, _ in taken]
    for sent in doc.sents:
        lo, hi = base + sent.start_char, base + sent.end_char
        k = bisect_left(starts, lo)
        near = [t for t in taken[max(0, k - 3) : bisect_left(starts, hi)] if t[1] > lo]
        for verb, subject, (s, e) in sentence_candidates(sent):
            cue = base + verb.idx
            if used_cues and cue in used_cues:
                continue
            if any(a <= cue < b or min(b, base + e) > max(a, base + s) for a, b in near):
                continue
            p = score(features(verb, subject))
            if p >= threshold:
                scored.append((p, verb, subject, s, e))
    scored.sort(key=lambda x: -x[0])
    kept: list[Candidate] = []
    for p, verb, subject, s, e in scored:
        start, end = trim_span(text, base + s, base + e)
        cue = (base + verb.idx, base + verb.idx + len(verb.text))
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
                round(min(0.6, p), 3),
                cue,
                verb.lemma_.lower(),
                subject=subject,
                doc_index=index,
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
