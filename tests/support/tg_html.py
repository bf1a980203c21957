"""Telegram's ``parse_mode=HTML`` parser, reimplemented closely enough to fail where it fails.

The bot renders its replies as HTML. A stand-in that accepted any string would let through the
classic production failures (an unescaped ``<`` in a user's name, a tag cut in half by a length
split, an unsupported ``<br>``) that Telegram rejects with ``can't parse entities``. This follows
the algorithm of TDLib's ``parse_html`` (which the Bot API server uses): the same supported tags,
the same five character references, the same error messages with UTF-8 byte offsets. It returns
the plain text and the entities (offsets in UTF-16 code units, as Telegram reports them), so the
stand-in can store and answer what a client would really see.
"""

from __future__ import annotations

import re
from typing import Any

SUPPORTED_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler",
        "tg-emoji", "tg-time", "span", "pre", "code", "blockquote",
    }
)  # fmt: skip

_ENTITY_TYPE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "u": "underline",
    "ins": "underline",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "pre": "pre",
    "code": "code",
    "blockquote": "blockquote",
}
_NAMED_REFERENCES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_REFERENCE_RE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
_SPACES = " \t\r\n\v\f\0"


class EntityParseError(ValueError):
    """The detail Telegram puts after ``Bad Request: can't parse entities: ``."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: the unit of every entity offset in the Bot API."""
    return len(text.encode("utf-16-le")) // 2


def _decode_reference(text: str, i: int) -> tuple[str, int] | None:
    """Decode ``&lt;``-style or numeric reference at ``i``; unknown ones stay literal text."""
    match = _REFERENCE_RE.match(text, i)
    if match is None:
        return None
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        char = _NAMED_REFERENCES.get(name)
        if char is None:
            return None
        return char, match.end()
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


class _Open:
    """A start tag waiting for its end tag."""

    __slots__ = ("attributes", "offset", "tag")

    def __init__(self, tag: str, attributes: dict[str, str], offset: int) -> None:
        self.tag = tag
        self.attributes = attributes
        self.offset = offset


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Return ``(plain_text, entities)`` for ``text`` or raise :class:`EntityParseError`."""
    out: list[str] = []
    out_len = 0  # UTF-16 units written so far
    stack: list[_Open] = []
    entities: list[dict[str, Any]] = []
    n = len(text)

    def at(k: int) -> str:
        return text[k] if k < n else "\0"

    def byte_offset(k: int) -> int:
        return len(text[:k].encode("utf-8"))

    i = 0
    while i < n:
        c = text[i]
        if c == "&":
            decoded = _decode_reference(text, i)
            if decoded is not None:
                char, i = decoded
                out.append(char)
                out_len += utf16_len(char)
                continue
        if c != "<":
            out.append(c)
            out_len += utf16_len(c)
            i += 1
            continue
        begin = i
        i += 1
        if at(i) != "/":
            while at(i) not in _SPACES and at(i) != ">":
                i += 1
            if i >= n:
                raise EntityParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            tag = text[begin + 1 : i].lower()
            if tag not in SUPPORTED_TAGS:
                raise EntityParseError(
                    f'Unsupported start tag "{tag}" at byte offset {byte_offset(begin)}'
                )
            attributes, i = _parse_attributes(text, i, tag, byte_offset(begin))
            if tag == "span" and attributes.get("class") != "tg-spoiler":
                raise EntityParseError(
                    f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset(begin)}'
                )
            stack.append(_Open(tag, attributes, out_len))
            i += 1  # past ">"
            continue
        if not stack:
            raise EntityParseError(f"Unexpected end tag at byte offset {byte_offset(begin)}")
        i += 1
        name_start = i
        while at(i) not in _SPACES and at(i) != ">":
            i += 1
        end_name = text[name_start:i].lower()
        while i < n and at(i) in _SPACES:
            i += 1
        if at(i) != ">":
            raise EntityParseError(f"Unclosed end tag at byte offset {byte_offset(begin)}")
        opened = stack.pop()
        if end_name and end_name != opened.tag:
            raise EntityParseError(
                f"Unmatched end tag at byte offset {byte_offset(begin)}, "
                f'expected "</{opened.tag}>", found "</{end_name}>"'
            )
        i += 1
        entity = _make_entity(opened, out_len, "".join(out))
        if entity is not None:
            entities.append(entity)
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    plain = "".join(out)
    return _strip(plain, _merge_pre_code(entities))


def _parse_attributes(text: str, i: int, tag: str, begin_byte: int) -> tuple[dict[str, str], int]:
    """Parse ``name="value"`` / ``name=token`` pairs up to the ``>``; return them and its index."""
    n = len(text)

    def at(k: int) -> str:
        return text[k] if k < n else "\0"

    attributes: dict[str, str] = {}
    while at(i) != ">":
        while i < n and at(i) in _SPACES:
            i += 1
        if at(i) == ">":
            break
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {begin_byte}")
        name_start = i
        while at(i) not in _SPACES and at(i) not in "=>":
            i += 1
        name = text[name_start:i].lower()
        if not name:
            raise EntityParseError(
                f'Empty attribute name in the tag "{tag}" at byte offset {begin_byte}'
            )
        while i < n and at(i) in _SPACES:
            i += 1
        if at(i) != "=":
            if tag == "blockquote" and name == "expandable":
                attributes[name] = ""
                continue
            raise EntityParseError(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                f"at byte offset {begin_byte}"
            )
        i += 1
        while i < n and at(i) in _SPACES:
            i += 1
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {begin_byte}")
        if at(i) not in "'\"":
            token_start = i
            while at(i).isalnum() or at(i) in ".-":
                i += 1
            value = text[token_start:i].lower()
            if at(i) not in _SPACES and at(i) != ">":
                offset = len(text[:token_start].encode("utf-8"))
                raise EntityParseError(f"Unexpected end of name token at byte offset {offset}")
        else:
            quote = text[i]
            i += 1
            chars: list[str] = []
            while i < n and text[i] != quote:
                if text[i] == "&":
                    decoded = _decode_reference(text, i)
                    if decoded is not None:
                        chars.append(decoded[0])
                        i = decoded[1]
                        continue
                chars.append(text[i])
                i += 1
            if i < n:
                i += 1
            value = "".join(chars)
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {begin_byte}")
        attributes[name] = value
    return attributes, i


def _make_entity(opened: _Open, end: int, plain: str) -> dict[str, Any] | None:
    """The MessageEntity a closed tag produces, or None for empty or argument-less ones."""
    length = end - opened.offset
    if length <= 0:
        return None
    entity: dict[str, Any] = {"offset": opened.offset, "length": length}
    tag, attrs = opened.tag, opened.attributes
    if tag == "a":
        href = attrs.get("href") or _utf16_slice(plain, opened.offset, end)
        user = re.fullmatch(r"tg://user\?id=(\d+)", href)
        if user:
            entity |= {"type": "text_mention", "user": _mention_user(int(user.group(1)))}
        elif re.match(r"^(https?|tg|ftp|mailto)://|^[\w.-]+\.[a-z]{2,}", href, re.IGNORECASE):
            entity |= {"type": "text_link", "url": href}
        else:
            return None  # Telegram drops links it can't make sense of and keeps the text
    elif tag == "tg-emoji":
        if not attrs.get("emoji-id"):
            return None
        entity |= {"type": "custom_emoji", "custom_emoji_id": attrs["emoji-id"]}
    elif tag == "tg-time":
        if not attrs.get("unix", "").isdigit():
            return None
        entity |= {"type": "date_time", "unix_time": int(attrs["unix"])}
        if attrs.get("format"):
            entity["date_time_format"] = attrs["format"]
    elif tag == "blockquote":
        entity["type"] = "expandable_blockquote" if "expandable" in attrs else "blockquote"
    else:
        entity["type"] = _ENTITY_TYPE[tag]
        if tag == "code" and attrs.get("class", "").startswith("language-"):
            entity["language"] = attrs["class"].removeprefix("language-")
    return {"type": entity.pop("type"), **entity}


def _mention_user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": str(user_id)}


def _utf16_slice(text: str, start: int, end: int) -> str:
    encoded = text.encode("utf-16-le")
    return encoded[start * 2 : end * 2].decode("utf-16-le", errors="replace")


def _merge_pre_code(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``<pre><code class="language-x">`` is one ``pre`` entity with a language, as in TDLib."""
    pres = {(e["offset"], e["length"]): e for e in entities if e["type"] == "pre"}
    merged: list[dict[str, Any]] = []
    for entity in entities:
        pre = pres.get((entity["offset"], entity["length"]))
        if entity["type"] == "code" and pre is not None:
            if "language" in entity:
                pre["language"] = entity["language"]
            continue
        merged.append(entity)
    return sorted(merged, key=lambda e: (e["offset"], -e["length"]))


def _strip(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Telegram trims leading and trailing whitespace of every message and clips entities."""
    stripped = text.lstrip()
    shift = utf16_len(text) - utf16_len(stripped)
    stripped = stripped.rstrip()
    limit = utf16_len(stripped)
    kept: list[dict[str, Any]] = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, limit)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


def strip_plain(
    text: str, entities: list[dict[str, Any]] | None = None
) -> tuple[str, list[dict[str, Any]]]:
    """Apply the same trimming to text sent without a parse mode."""
    return _strip(text, list(entities or []))
