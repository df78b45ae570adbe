"""Markup in titles and abstracts → plain text, before anything reads it.

arXiv abstracts carry LaTeX (``\\textbf{…}``, ``$\\tau$``, ````quotes''``,
``T\\"ulu``, ``K\\&K``), some carry Markdown emphasis (``**GeoDe**
(**Geo**metric **De**noising)``) and scraped pages carry HTML entities, some
of them broken (``x2014`` where ``&#`` was lost).  Names hidden in markup are
missed, and markup that reaches a name spoils its label, so ingest stores the
plain text: the ``Paper`` record, every evidence offset and every export refer
to this cleaned text, never to the raw input.

LaTeX is read by pylatexenc; this module only finds the islands of markup in
the prose (a bare ``%`` or ``$20`` in an abstract is not a comment or math) and
says which macros keep their argument (``kg/data/latex_macros.tsv``).
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec
from pylatexenc.latex2text import get_default_latex_context_db as text_context
from pylatexenc.latexwalker import LatexWalker
from pylatexenc.latexwalker import get_default_latex_context_db as parse_context
from pylatexenc.macrospec import MacroSpec

# Where LaTeX starts: math, a command or escape, a group opened by a command ({\\sc X}),
# TeX quotes, or a tie between words (Table~1).  Prose between these is left as it is, so
# a bare "%", "&" or "$20" in an abstract is never read as LaTeX.
_ISLAND = re.compile(r"\$(?=[^\s$])|\\(?:[A-Za-z]+|[\"'`^~=.&%$#_{}\\]|[(\[])|\{(?=\\)|``|(?<=\w)~(?=[\w\\])")
_BRACKET_MATH = {"\\(": re.compile(r"\\\(((?:(?!\\[()\[\]]).){1,300}?)\\\)"),
                 "\\[": re.compile(r"\\\[((?:(?!\\[()\[\]]).){1,300}?)\\\]")}
# A math pair: opens before a non-space and closes after one ("$5 and $6" is two prices).
_MATH = re.compile(r"(?<![\\$])\$(?=[^\s$])((?:\\.|[^$\\])*?)(?<=[^\s\\])\$(?!\$)")
_TEX_QUOTE = re.compile(r"``[^`\n]{0,300}?(?:''|\")")
_ACCENT = re.compile(r"[A-Za-z]|\\[ij](?![A-Za-z])")  # the letter after \" or \' (T\"ulu, \'{\i})
MAX_GROUP_CHARS = 500  # a brace group longer than this is not markup worth reading

# Markdown emphasis: **bold** may sit inside a word (**Geo**metric); *italic* only around words.
# Underscores are left alone: snake_case and __init__ are names, not emphasis.
_MD_STRONG = re.compile(r"\*\*(?=[^\s*])(.+?)(?<=[^\s*])\*\*")
_MD_EM = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*\\])\*(?![\w*])")
_MD_CODE = re.compile(r"(?<!`)`([^`'\n]+)`(?!`)")

# HTML character references, whole or with the "&" or "&#" lost on the way ("x2014", "#8212;").
_ENTITY_REMNANT = re.compile(r"(?<![&\w])#?(?:x([0-9a-fA-F]{4})\b;?|#(\d{2,5});)")
_REMNANT_HINT = re.compile(r"x[0-9a-fA-F]{4}|#\d")  # a quick first look: the pattern above is slow


# A name split after its hyphen ("Zeta- 3", a line break lost when the abstract was scraped): never a suspended
# hyphen, which is followed by "and", "or" or a comma ("pre- and post-training"), not by a digit.
_SPLIT_NAME = re.compile(r"\b([A-Z][^\W\d_]*[^\W\d_])-[ \u00a0]+(?=\d)")


def plain_text(text: str) -> str:
    """``text`` without HTML entities, Markdown emphasis or LaTeX markup.

    >>> plain_text(r'**GeoDe** (**Geo**metric **De**noising) beats T\\"ulu on K\\&K at $\\tau$ = 41% of $20')
    'GeoDe (Geometric Denoising) beats Tülu on K&K at τ = 41% of $20'
    """
    text = _entities(text)
    if "- " in text or "-\u00a0" in text:
        text = _SPLIT_NAME.sub(r"\1-", text)
    text = _markdown(text)
    if "\\" in text or "$" in text or "`" in text or "~" in text:
        text = _latex(text)
    return text


def _entities(text: str) -> str:
    if "&" in text:
        text = html.unescape(text)
    if _REMNANT_HINT.search(text):
        text = _ENTITY_REMNANT.sub(_remnant, text)
    return text


def _remnant(m: re.Match) -> str:
    """A character reference that lost its ``&#``, when it names punctuation, a symbol or a space."""
    code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    try:
        char = chr(code)
    except (ValueError, OverflowError):
        return m.group(0)
    return char if unicodedata.category(char)[0] in "PSZ" else m.group(0)


def _markdown(text: str) -> str:
    if "*" in text:
        text = _MD_STRONG.sub(r"\1", text)
        text = _MD_EM.sub(r"\1", text)
    if "`" in text:
        text = _MD_CODE.sub(r"\1", text)
    return text


def _latex(text: str) -> str:
    """Each LaTeX island of ``text`` turned into text by pylatexenc; prose around it unchanged."""
    out: list[str] = []
    last = pos = 0
    while m := _ISLAND.search(text, pos):
        end = _island_end(text, m)
        if end is None:
            pos = m.end()
            continue
        out.append(text[last:m.start()])
        plain = _island_text(_as_inline(text[m.start():end]))
        if not plain and text[end:end + 1] in {",", ".", ";"}:  # where a dropped \cite{} stood
            out[-1] = out[-1].rstrip(" ")
        out.append(plain)
        last = pos = end
    out.append(text[last:])
    return "".join(out)


def _as_inline(island: str) -> str:
    """Display math as inline math (no line breaks in an abstract), a ``quote" closed the TeX way."""
    if island[:2] in _BRACKET_MATH:
        return f"${island[2:-2]}$"
    return island[:-1] + "''" if island.startswith("``") and island.endswith('"') else island


def _island_end(text: str, m: re.Match) -> int | None:
    """Where the markup that starts at ``m`` ends, or None when it is not markup after all."""
    token = m.group(0)
    if token == "$":
        math = _MATH.match(text, m.start())
        if not math or math.group(1)[0].isdigit() and text[math.end():math.end() + 1].isdigit():
            return None  # "$500-$780": prices
        return math.end()
    if token == "{":
        return _group_end(text, m.start())
    if token in _BRACKET_MATH:  # \(x\) and \[x\] are math only when they close
        math = _BRACKET_MATH[token].match(text, m.start())
        return math.end() if math else None
    if token == "``":
        quote = _TEX_QUOTE.match(text, m.start())
        return quote.end() if quote else m.end()
    end = m.end()
    if token[1:] in {'"', "'", "`", "^", "~", "=", "."} and (accent := _ACCENT.match(text, end)):
        return accent.end()
    if token[1:].isalpha() or len(token) == 2 and token[1] in "\"'`^~=.":
        while end < len(text) and text[end] == "{" and (group := _group_end(text, end)):
            end = group
    return end


def _group_end(text: str, start: int) -> int | None:
    """The end of the brace group opened at ``start`` (escaped braces skipped), if it closes soon."""
    depth, i, stop = 0, start, min(len(text), start + MAX_GROUP_CHARS)
    while i < stop:
        char = text[i]
        if char == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return i + 1
        i += 1
    return None


@lru_cache(maxsize=8192)
def _island_text(island: str) -> str:
    try:
        plain = _converter().latex_to_text(island)
    except (RecursionError, IndexError, ValueError, TypeError, AttributeError):  # pylatexenc on odd input
        return island
    return plain.replace("^\u2218", "\u00b0")  # 360$^\circ$: a degree sign, not a ring operator


@cache
def _converter() -> _Converter:
    return _Converter()


class _Converter:
    """pylatexenc with abstract-friendly macros: keep \\texttt and \\url text, drop \\cite, spell \\etc."""

    def __init__(self) -> None:
        parsing, texts = parse_context(), text_context()
        specs, text_specs = [], []
        for name, action in _macro_table():
            specs.append(MacroSpec(name, {"second": "{{", "keep": "{", "drop": "{"}.get(action, "")))
            if action == "keep":
                text_specs.append(MacroTextSpec(name, discard=False))
            elif action == "drop":
                text_specs.append(MacroTextSpec(name, discard=True))
            elif action == "second":
                text_specs.append(MacroTextSpec(name, simplify_repl="%(2)s"))
            else:
                text_specs.append(MacroTextSpec(name, simplify_repl=action.split(" ", 1)[1]))
        parsing.add_context_category("mlkg", macros=specs, prepend=True)
        texts.add_context_category("mlkg", macros=text_specs, prepend=True)
        self.parsing = parsing
        self.to_text = LatexNodes2Text(latex_context=texts, math_mode="text", strict_latex_spaces=True)

    def latex_to_text(self, text: str) -> str:
        walker = LatexWalker(text, latex_context=self.parsing, tolerant_parsing=True)
        nodes, _, _ = walker.get_latex_nodes()
        return self.to_text.nodelist_to_text(nodes)


@cache
def _macro_table() -> tuple[tuple[str, str], ...]:
    """(macro, action) rows of ``kg/data/latex_macros.tsv``: keep, drop, second, or ``word <text>``."""
    rows = []
    path = resources.files("kg") / "data" / "latex_macros.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, action = line.split("\t", 1)
            rows.append((name.strip(), action.strip()))
    return tuple(rows)
