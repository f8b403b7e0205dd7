"""Whether a name a package makes public holds a value it seals.

A package publishes names the filer chose: each document's file name (the public PDF's name, the
chart's document column, the manifest), the case number (chart, manifest, bag-info.txt) and the
package folder's name (every entry of the zip). A document saved as "Daniel Ortega brief.pdf"
would print on the filed chart the name the brief redacts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

RUN_TOGETHER = 6  # letters and digits a value needs to be found written without spaces ("DanielOrtega")
SHORT_NUMBER = 4  # numbers this short are left alone, as repeats do: a year, an exhibit, a count


def words(text: str) -> list[str]:
    """The letters-and-digits runs of `text`, compared as a file system of any case would."""
    return re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).casefold())


def holds(name: str, value: str) -> bool:
    """Whether `value` can be read in `name`: its words in a row ("Daniel Ortega brief",
    "exhibit_512-43-8817"), or, for a longer value, its letters and digits run together."""
    sought = words(value)
    joined = "".join(sought)
    if not sought or (joined.isdigit() and len(joined) <= SHORT_NUMBER):
        return False
    inside = words(name)
    span = len(sought)
    if any(inside[i : i + span] == sought for i in range(len(inside) - span + 1)):
        return True
    return len(joined) >= RUN_TOGETHER and joined in "".join(inside)


def sealed_in(name: str, values: Iterable[tuple[str, str]]) -> str | None:
    """The category of the first sealed value `name` holds, or None. `values` are (text,
    category) pairs; the text is never returned, so that no message can quote it."""
    return next((category for text, category in values if holds(name, text)), None)
