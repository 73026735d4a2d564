"""A YAML file a person wrote (the segments file, a campaign file, an import mapping), read so that what
is wrong says where it is and what to do, with a code an interface words in its own language: PyYAML's
English problem ('mapping values are not allowed here') and the operating system's ('Is a directory') stay
in the English message only. Each reader raises its own coded error from a YamlFileError, with its own
code prefix (segments: file.<ending>, a campaign file: spec.unreadable.<ending>, an import mapping:
import.mapping_<ending>); web/yaml_errors.py words them."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from segmint.store.files import UNREADABLE, read_text, unreadable

# what can be wrong, as the code's ending: the file cannot be opened (UNREADABLE), it is not text, or not
# YAML (the usual mistakes each their own, so each has its own advice)
ENDINGS = (
    *UNREADABLE,
    "not_utf8",
    "yaml",
    "yaml.colon",
    "yaml.tab",
    "yaml.character",
    "yaml.control",
    "yaml.unclosed_quote",
    "yaml.bracket",
    "yaml.after_quote",
    "yaml.indent",
)


class YamlFileError(Exception):
    """Why a YAML file cannot be read: `ending`, one of ENDINGS, and `params` (file; line and column where
    PyYAML tells them; the character, quote or bracket its advice names). str() is the English message."""

    def __init__(self, message: str, ending: str, params: dict):
        super().__init__(message)
        self.ending, self.params = ending, params


def read_yaml(path: str | Path, *, indent: str) -> tuple[str, object]:
    """The file's text (UTF-8, else Windows-1251, as a Windows editor in Ukraine or Russia saves it) and
    its YAML document. `indent`: what to do about a line indented unlike the lines above it, in the
    words of the file's own layout. An OSError other than UNREADABLE's is raised as it is."""
    path = Path(path)
    try:
        text = read_text(path)
    except OSError as exc:
        code = unreadable(exc)
        if code is None:
            raise
        raise YamlFileError(f"{path}: {UNREADABLE[code]}", code, {"file": str(path)}) from None
    except UnicodeDecodeError as exc:
        raise YamlFileError(
            f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})",
            "not_utf8",
            {"file": str(path), "reason": exc.reason, "byte": exc.start},
        ) from None
    try:
        return text, yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise yaml_problem(path, text, exc, indent) from None


def yaml_problem(path: Path, text: str, exc: yaml.YAMLError, indent: str) -> YamlFileError:
    """PyYAML's error as where it is in the file (file, line, column) and what to do, with an ending for
    each mistake people make in a YAML file. A character YAML does not take (a control character) is a
    ReaderError with an offset into the text, not a line."""
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        place = {"file": str(path), "line": line, "column": column, "character": f"U+{ord(character):04X}"}
        return YamlFileError(
            f"{where(place)}: not valid YAML: {exc.reason} ({place['character']}); remove the character",
            "yaml.control",
            place,
        )
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""

    def at(mark) -> dict:
        place = {"file": str(path)}
        if mark is not None:
            place.update(line=mark.line + 1, column=mark.column + 1)
        return place

    place = at(getattr(exc, "problem_mark", None))
    english = f"{where(place)}: not valid YAML: {problem}"
    if problem == "mapping values are not allowed here":
        return YamlFileError(
            f"{english}; a value with ': ' in it goes in quotes, or the key is indented more than the keys "
            "above it",
            "yaml.colon",
            place,
        )
    character = re.fullmatch(r"found character '(.+)' that cannot start any token", problem)
    if (character and character[1] == "\\t") or problem.startswith("found a tab character"):
        return YamlFileError(
            f"{english}; YAML indents with spaces only: replace the tab with spaces",
            "yaml.tab",
            place,
        )
    if character:
        place["character"] = character[1]
        return YamlFileError(
            f"{english}; a value that starts with {character[1]!r} goes in quotes",
            "yaml.character",
            place,
        )
    if "quoted scalar" in context and problem == "found unexpected end of stream":
        place = at(exc.context_mark)  # where the quote opens: the end of the file says nothing
        place["quote"] = text.split("\n")[exc.context_mark.line][exc.context_mark.column]
        return YamlFileError(
            f"{where(place)}: not valid YAML: the text in quotes that starts here is not closed: a "
            f"{place['quote']} is missing",
            "yaml.unclosed_quote",
            place,
        )
    bracket = re.fullmatch(r"expected ',' or '([]}])', but got .*", problem)
    if bracket:
        place = at(exc.context_mark)  # where the list or mapping opens
        place.update(bracket="[" if bracket[1] == "]" else "{", closing=bracket[1])
        return YamlFileError(
            f"{where(place)}: not valid YAML: {problem}; the {place['bracket']} that opens here is not "
            f"closed with {place['closing']}, or its items are not separated by commas",
            "yaml.bracket",
            place,
        )
    if problem == "expected <block end>, but found '<scalar>'":
        return YamlFileError(
            f"{english}; a value that starts with a quote ends with it: put the whole value in single "
            "quotes, or write it after '|' on the lines below",
            "yaml.after_quote",
            place,
        )
    if problem.startswith("expected <block end>, but found"):
        return YamlFileError(
            f"{english}; the line is not indented as the lines above it: {indent}",
            "yaml.indent",
            place,
        )
    said = f"{context}, {problem}" if context and problem.startswith("but ") else problem
    return YamlFileError(f"{where(place)}: not valid YAML: {said}", "yaml", place)


def where(place: dict) -> str:
    """`FILE: line N[, column C]`, as the docs promise; `FILE` when its line cannot be told."""
    where = str(place["file"])
    if "line" in place:
        where += f": line {place['line']}"
    if "column" in place:
        where += f", column {place['column']}"
    return where
