"""Simplified ↔ Traditional conversion with OpenCC (phrase-level, not character maps).

Traditional output uses ``s2tw``: OpenCC's phrase conversion with the character forms
most Traditional readers expect (為, 裡), but without Taiwan vocabulary substitution
(``s2twp`` would turn 信息 into 資訊), so policy terms keep their mainland wording.
"""

from __future__ import annotations

from functools import lru_cache

import opencc

SCRIPTS = ("hans", "hant")
LANG = {"hans": "zh-Hans", "hant": "zh-Hant"}
NAMES = {"hans": "简体", "hant": "繁體", "hant-mixed": "繁体(机器转换,夹有简体字形)"}


@lru_cache(maxsize=2)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_script(text: str, script: str) -> str:
    """``text`` in ``script`` (``hans`` or ``hant``), whatever script it was in."""
    if not text:
        return text
    return _converter("t2s" if script == "hans" else "s2tw").convert(text)


def normalise(text: str) -> str:
    """Script-neutral form for matching and similarity: Simplified."""
    return to_script(text, "hans")
