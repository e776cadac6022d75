"""Word lists for attribution, kept as data files in ``data/`` with their sources:

- the cue table (``cues.tsv``, read by ``cues.py``): lemma -> framing, kind, complement;
- people, roles and groups for speaker resolution: demonyms, role nouns, group and
  organisation nouns, gendered words, titles (documented in README "Attribution")."""

from __future__ import annotations

from service.extract.lexicon.load import mapping, words

DEMONYMS = mapping("demonyms.tsv")  # demonym / adjective -> country key (lowercase)
ROLE_FAMILIES = mapping("role_families.tsv")  # role noun -> family
GROUP_NOUNS = words("group_nouns.txt")
ORG_NOUNS = words("org_nouns.txt")
ORG_NAME_WORDS = {
    noun: frozenset(more.split()) for noun, more in mapping("org_name_words.tsv").items()
}
PEOPLE_NOUNS = words("people_nouns.txt")  # who may act after a quote ("the crowd yelled")
SPEAKING_THINGS = words("speaking_things.txt")  # "the ad says": never a person's epithet
MALE = words("male.txt")
FEMALE = words("female.txt")
TITLES = words("titles.txt")
GLITCH_SAFE_PREFIXES = words("glitch_safe_prefixes.txt")
