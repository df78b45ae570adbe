"""The keys names are compared by, each written once.

* :func:`name_key` is the *identity* key: two surface forms with one key are one
  name in the catalogue and in the graph (``LLaMA-2`` = ``Llama 2`` = ``llama2``,
  while ``Qwen2.5`` ≠ ``Qwen25`` and ``HumanEval+`` ≠ ``HumanEval``);
  :func:`cased_key` is the same with the letters' case kept, for names that
  must match as written (``MATH``).
* :func:`slug` is the identity of an entity in its IRI; :func:`singular` takes
  a plural -s off a key (``KelpNets`` and ``KelpNet`` are one name).
* :func:`lookup_key` is the *fuzzy look-up* key of the query API and of
  ``mlkg html --focus``: the identity key, case-folded, so a name typed in any
  case, spacing or punctuation finds what the graph holds under that name, and
  never matches what the graph keeps apart.

Other keys live with their owners: ``kg.learn.norm`` mirrors the external
scorer, ``kg.extract.recognise.part_key`` keys the parts of a name, and
``kg.ingest.normalize_title`` merges papers by title.
"""

from __future__ import annotations

import re
import unicodedata

# Letters (any script), digits, "+" (HumanEval+ is not HumanEval) and dots between digits.
_NON_KEY = re.compile(r"[^\w.+]+|_")
_LOOSE_DOT = re.compile(r"(?<![0-9])\.|\.(?![0-9])")


def fold(text: str) -> str:
    """The text without accents and compatibility forms (``Tülu`` → ``Tulu``, ``ﬁ`` → ``fi``)."""
    if text.isascii():  # nothing to fold: most names
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def cased_key(text: str) -> str:
    """Like :func:`name_key` but keeps the letters' case.

    >>> cased_key("Llama 3.1-8B"), cased_key("MATH.")
    ('Llama3.18B', 'MATH')
    """
    if text.isalnum() and text.isascii():  # letters and digits alone ("GSM8K"): the key is the text
        return text
    return _LOOSE_DOT.sub("", _NON_KEY.sub("", fold(text)))


def name_key(text: str) -> str:
    """The identity key of a name.

    >>> name_key("LLaMA-2") == name_key("Llama 2") == name_key("llama2")
    True
    >>> name_key("HumanEval+") == name_key("HumanEval"), name_key("PixArt-Σ") == name_key("PixArt-α")
    (False, False)
    >>> name_key("Qwen2.5-7B"), name_key("Llama 3.1 8B"), name_key('T\\\\"ULU 3')
    ('qwen2.57b', 'llama3.18b', 'tulu3')
    """
    key = _NAME_KEYS.get(text)
    if key is None:
        key = cased_key(text).lower()
        if len(text) <= _NAME_KEYS_LONGEST:  # names, not titles: the store stays small
            if len(_NAME_KEYS) >= _NAME_KEYS_MAX:
                _NAME_KEYS.clear()
            _NAME_KEYS[text] = key
    return key


# name_key of names seen since the store was last emptied (it is emptied whole when full, not least recently
# used first): extraction asks for the same names' keys again and again (catalogue look-ups, groups, proposals:
# about 70 calls a paper), and a key with punctuation costs two regex passes
_NAME_KEYS: dict[str, str] = {}
_NAME_KEYS_MAX = 1 << 16
_NAME_KEYS_LONGEST = 64


def lookup_key(text: str) -> str:
    """The key a name typed by a user is looked up by: :func:`name_key`, case-folded.

    >>> lookup_key("LLaMA-3 8b"), lookup_key("Llama 3-8B"), lookup_key("HumanEval+")
    ('llama38b', 'llama38b', 'humaneval+')
    >>> lookup_key("Qwen2.5") == lookup_key("qwen 2.5"), lookup_key("Qwen2.5") == lookup_key("Qwen25")
    (True, False)
    """
    return cased_key(text).casefold()


def singular(key: str) -> str:
    """A name key without a plural -s: ``KelpNets`` and ``KelpNet`` are one name.

    >>> singular("kelpnets"), singular("srns"), singular("pegasus"), singular("class")
    ('kelpnet', 'srn', 'pegasus', 'class')
    """
    if len(key) > 3 and key.endswith("s") and key[-2] not in "su" and not key[-2].isdigit():
        return key[:-1]
    return key


def slug(text: str) -> str:
    """A readable, IRI-safe identifier.

    >>> slug("Llama 3.1 8B"), slug("GPT-4o mini"), slug("Tülu 3")
    ('llama-3.1-8b', 'gpt-4o-mini', 'tulu-3')
    """
    text = fold(text).lower()
    text = re.sub(r"[^0-9a-z.]+", "-", text)
    text = _LOOSE_DOT.sub("-", text)
    return re.sub(r"-{2,}", "-", text).strip("-") or "x"
