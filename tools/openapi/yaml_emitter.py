"""Writes plain data (dict, list, str, int, float, bool, None) as block-style YAML, deterministically.

Stdlib only: PyYAML is not guaranteed on every machine. Strings are quoted whenever a YAML 1.1 or 1.2
reader could read them as anything other than the same string.
"""

import re

# A string matching this and not a reserved word is safe as a plain scalar in block context.
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
# Words YAML 1.1 (PyYAML) reads as booleans or null.
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
# Characters that must be escaped inside a double-quoted scalar (YAML would fold or reject them).
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _quote(text):
    out = []
    for ch in text:
        code = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF):
            out.append("\\u%04X" % code)
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _string(text):
    if _PLAIN.match(text) and text.lower() not in _RESERVED:
        return text
    return _quote(text)


def _scalar(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dict) and not value:
        return "{}"
    if isinstance(value, list) and not value:
        return "[]"
    raise TypeError("cannot write %r as YAML" % (value,))


def _is_block(value):
    return isinstance(value, (dict, list)) and len(value) > 0


def _lines(value, indent):
    pad = " " * indent
    lines = []
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError("mapping keys must be strings, got %r" % (key,))
            if _is_block(item):
                lines.append(pad + _string(key) + ":")
                lines.extend(_lines(item, indent + 2))
            else:
                lines.append(pad + _string(key) + ": " + _scalar(item))
    else:
        for item in value:
            if _is_block(item):
                nested = _lines(item, indent + 2)
                lines.append(pad + "- " + nested[0][indent + 2:])
                lines.extend(nested[1:])
            else:
                lines.append(pad + "- " + _scalar(item))
    return lines


def dump(document):
    """Returns the YAML text of a mapping, ending with a newline."""
    if not isinstance(document, dict):
        raise TypeError("the document must be a mapping")
    return "\n".join(_lines(document, 0)) + "\n"
