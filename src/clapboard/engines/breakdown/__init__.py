"""The breakdown engine: standard categories, the lexicon, and suggestions read from a script.

``suggest(screenplay)`` proposes breakdown elements scene by scene (``suggest.py``);
``CATEGORIES`` are the standard categories with their colours (``categories.py``); the
bilingual word list behind the suggestions is ``lexicon.py``. Categories and words are
versioned data in ``data/``.
"""

from __future__ import annotations

from clapboard.engines.breakdown.categories import CATEGORIES, CATEGORY_CODES, Category, category
from clapboard.engines.breakdown.lexicon import Lexicon, default_lexicon, detect_language, load_lexicon
from clapboard.engines.breakdown.suggest import Suggestion, distinct_elements, suggest, suggest_for_scene

__all__ = [
    "CATEGORIES",
    "CATEGORY_CODES",
    "Category",
    "Lexicon",
    "Suggestion",
    "category",
    "default_lexicon",
    "detect_language",
    "distinct_elements",
    "load_lexicon",
    "suggest",
    "suggest_for_scene",
]
