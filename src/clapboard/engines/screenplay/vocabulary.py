"""Versioned vocabulary of the screenplay engine: heading prefixes, times of day, cue extensions.

Version 1 (2026). Sources: the Fountain syntax reference (fountain.io, "Scene Headings",
"Transitions"), the usual English screenplay conventions (Riley, *The Hollywood Standard*,
times of day and extensions), and French usage as taught for the "scénario" format
(INT./EXT., JOUR/NUIT, OFF/HC/SUITE). Add words here rather than in the parsers; the
tests read this module, so a change shows up in one place. The words that tell a
character introduced in capitals from a sound or a camera direction are in
``data/introductions.json`` (read by ``introductions.py``), with their own version.
"""

from __future__ import annotations

VOCABULARY_VERSION = 1

# Heading prefixes, upper case, longest first; the mapping gives int_ext.
# Each may be followed by a dot (already included where it is usual), and must be
# followed by a space, a dot or the end of the line.
HEADING_PREFIXES: tuple[tuple[str, str], ...] = (
    ("INT./EXT.", "INT/EXT"),
    ("INT/EXT.", "INT/EXT"),
    ("INT./EXT", "INT/EXT"),
    ("INT/EXT", "INT/EXT"),
    ("EXT./INT.", "INT/EXT"),
    ("EXT/INT.", "INT/EXT"),
    ("EXT./INT", "INT/EXT"),
    ("EXT/INT", "INT/EXT"),
    ("I./E.", "INT/EXT"),
    ("I/E.", "INT/EXT"),
    ("I/E", "INT/EXT"),
    ("E./I.", "INT/EXT"),
    ("E/I", "INT/EXT"),
    ("INT.", "INT"),
    ("INT", "INT"),
    ("EXT.", "EXT"),
    ("EXT", "EXT"),
    ("EST.", "EXT"),
    ("EST", "EXT"),
)

# Words that make a trailing phrase a time of day (English and French). A phrase after a
# comma is a time of day when it contains one of these words and every other word is a
# qualifier below ("A BIT LATER", "THE NEXT MORNING", "LE LENDEMAIN MATIN").
TIME_WORDS: frozenset[str] = frozenset(
    {
        # English
        "DAY",
        "NIGHT",
        "DAWN",
        "DUSK",
        "MORNING",
        "AFTERNOON",
        "EVENING",
        "NOON",
        "MIDNIGHT",
        "SUNRISE",
        "SUNSET",
        "TWILIGHT",
        "CONTINUOUS",
        "CONTINUED",
        "LATER",
        "SAME",
        "MOMENTS",
        "MAGIC",
        "FLASHBACK",
        "PRESENT",
        # French
        "JOUR",
        "NUIT",
        "AUBE",
        "CRÉPUSCULE",
        "CREPUSCULE",
        "MATIN",
        "MATINÉE",
        "MIDI",
        "MINUIT",
        "SOIR",
        "SOIRÉE",
        "JOURNÉE",
        "APRÈS-MIDI",
        "APRES-MIDI",
        "SUITE",
        "TARD",
        "LENDEMAIN",
        "CONTINU",
        "CONTINUITÉ",
        "AURORE",
        "COUCHANT",
        "INSTANT",
        "INSTANTS",
        "HEURE",
    }
)

TIME_QUALIFIERS: frozenset[str] = frozenset(
    {
        # English
        "A",
        "AN",
        "THE",
        "NEXT",
        "THAT",
        "SAME",
        "TIME",
        "EARLY",
        "LATE",
        "BIT",
        "FEW",
        "MOMENT",
        "MOMENTS",
        "MINUTE",
        "MINUTES",
        "HOUR",
        "HOURS",
        "SECOND",
        "SECONDS",
        "DAYS",
        "WEEKS",
        "WEEK",
        "MONTHS",
        "YEARS",
        "ONE",
        "TWO",
        "THREE",
        "SEVERAL",
        "PREVIOUS",
        "FOLLOWING",
        # French
        "LE",
        "LA",
        "LES",
        "L'",
        "DU",
        "DE",
        "DES",
        "UN",
        "UNE",
        "PLUS",
        "PEU",
        "MÊME",
        "MEME",
        "HEURE",
        "QUELQUES",
        "PETIT",
        "DÉBUT",
        "FIN",
        "TÔT",
        "TARD",
        "ENSUITE",
    }
)

# Times of day as a reference list (documentation and tests): every one is recognised.
KNOWN_TIMES_OF_DAY: tuple[str, ...] = (
    "DAY",
    "NIGHT",
    "DAWN",
    "DUSK",
    "MORNING",
    "AFTERNOON",
    "EVENING",
    "CONTINUOUS",
    "CONTINUED",
    "LATER",
    "MOMENTS LATER",
    "A BIT LATER",
    "SAME",
    "SAME TIME",
    "THE NEXT MORNING",
    "MAGIC HOUR",
    "JOUR",
    "NUIT",
    "AUBE",
    "CRÉPUSCULE",
    "MATIN",
    "SOIR",
    "SUITE",
    "PLUS TARD",
    "LE LENDEMAIN",
    "LE LENDEMAIN MATIN",
    "MÊME HEURE",
    "FIN DE JOURNÉE",
)

# Extensions a cue may carry; any parenthesised suffix is removed from the name anyway.
CUE_EXTENSIONS: tuple[str, ...] = (
    "V.O.",
    "O.S.",
    "O.C.",
    "CONT'D",
    "CONT\u2019D",
    "OFF",
    "HC",
    "H.C.",
    "SUITE",
)

# Transitions recognised without the "TO:" ending (upper case).
KNOWN_TRANSITIONS: frozenset[str] = frozenset(
    {
        "FADE OUT.",
        "FADE OUT",
        "FADE TO BLACK.",
        "FADE TO BLACK",
        "CUT TO BLACK.",
        "FONDU AU NOIR.",
        "FONDU AU NOIR",
        "FONDU ENCHAÎNÉ.",
        "FONDU ENCHAÎNÉ",
        "FERMETURE AU NOIR.",
        "NOIR.",
        "CUT.",
        "CUT",
    }
)
