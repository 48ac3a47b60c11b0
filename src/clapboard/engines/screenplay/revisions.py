"""Script revisions: what changed between two drafts of the same script.

A production imports each new draft as a new version of its script. This module compares
two versions scene by scene and answers the questions that follow an import:

* ``match_scenes(old, new, *, numbers_locked)`` pairs the scenes of the two drafts and
  says, in the new draft's reading order, which are unchanged, changed, added or omitted
  and which moved (``RevisionDiff``).
* ``assign_locked_numbers(diff)`` (``numbering.py``) numbers the new draft when scene
  numbers were locked on the old one: kept scenes keep their numbers, new ones get
  ``12A``, ``12B``…, omitted ones stay as ``OMITTED`` placeholders.
* ``carry_span`` and ``carry_spans`` (``carry.py``) move breakdown tags (character ranges
  of a scene's text) from the old text of a scene to its new text, when the tagged words
  survived.
* ``department_impact`` and ``department_impact_counts`` (``impact.py``) say, for each
  breakdown category, which elements appear or disappear (and, with scene counts, which
  grow).

This module does the matching and re-exports the other three, so that callers import
everything about revisions from here.

Scenes come in as ``SceneRecord``: the web app builds them from its rows (the key is the
row's id), and ``records_from_screenplay`` builds them from a parsed ``Screenplay``.

How scenes are paired (``match_scenes``), pass by pass; a scene is paired at most once:

1. With locked numbers, a scene number found once in each draft pairs its two scenes.
2. Scenes whose heading and text are identical (up to case and spacing in the heading,
   spacing in the text) pair up, nearest relative positions first for duplicates.
3. The rest pair by similarity: ``score = 0.3 * heading + 0.7 * text``, where heading
   similarity is the overlap (Dice coefficient) of the words of the two headings and text
   similarity is difflib's ratio on the word sequences. Pairs are accepted greedily, best
   score first, down to ``MATCH_THRESHOLD`` (0.5); equal scores go to the pair whose
   relative positions in the two drafts are closest, which settles repeated headings
   such as several ``INT. CUISINE - JOUR``. Greedy is enough here: a rewritten scene is
   nearly always far closer to its own earlier version than to any other scene, so the
   only contested pairs are near-duplicates, which the positional tie-break orders; an
   optimal assignment (Hungarian method, cubic time) would change almost nothing. It
   stays fast because the word-overlap bound (difflib's ``quick_ratio``, computed on
   bitsets) is tried first and the exact ratio is computed only for pairs whose bound
   could still win (best-first search over a heap).
4. Scenes still unpaired that have the same heading and sit in the same place, i.e.
   between the same two paired scenes that did not move, pair up: a scene heavily
   rewritten in place is the same scene for the production (same set, same slot). This
   pass skips gaps of more than ``SAME_SLOT_LIMIT`` (3) unpaired scenes on either side.

A pair is ``unchanged`` when heading and text are identical in the sense of pass 2,
otherwise ``changed``. ``moved`` marks the pairs outside a longest increasing subsequence
of old positions taken in new order: the fewest scenes whose moves explain the new order,
so that moving one scene does not mark every scene after it.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from clapboard.engines.screenplay.carry import carry_span, carry_spans
from clapboard.engines.screenplay.headings import split_scene_number
from clapboard.engines.screenplay.impact import Impact, department_impact, department_impact_counts
from clapboard.engines.screenplay.model import Screenplay
from clapboard.engines.screenplay.numbering import NumberedScene, assign_locked_numbers

__all__ = [
    "HEADING_WEIGHT",
    "MATCH_THRESHOLD",
    "SAME_SLOT_LIMIT",
    "STATUSES",
    "Impact",
    "NumberedScene",
    "RevisionDiff",
    "SceneChange",
    "SceneRecord",
    "SceneStatus",
    "assign_locked_numbers",
    "carry_span",
    "carry_spans",
    "department_impact",
    "department_impact_counts",
    "match_scenes",
    "records_from_screenplay",
]

SceneStatus = Literal["unchanged", "changed", "added", "omitted"]
STATUSES: tuple[SceneStatus, ...] = ("unchanged", "changed", "added", "omitted")

# The weight of heading similarity in a pair's score (text similarity has the rest).
HEADING_WEIGHT = 0.3
# The lowest score at which two scenes are taken for the same scene (pass 3).
MATCH_THRESHOLD = 0.5
# The largest gap (unpaired scenes on either side) where pass 4 pairs scenes by heading.
SAME_SLOT_LIMIT = 3

_WORDS = re.compile(r"\w+")
_TOKENS = re.compile(r"\S+")
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"\s*[-\u2013\u2014]+\s*")


@dataclass(frozen=True, slots=True)
class SceneRecord:
    """One scene of one draft, as the revision engine needs it.

    ``key`` identifies the stored scene (the web app passes database ids as text);
    ``number`` is the scene number as written (``12A``) or None; ``heading`` is the
    heading without its number; ``text`` the printed text of the scene; ``eighths`` its
    length in eighths of a page.
    """

    key: str
    number: str | None
    heading: str
    text: str
    eighths: int


@dataclass(frozen=True, slots=True)
class SceneChange:
    """One line of a revision: a scene of the new draft, or an omitted one of the old.

    ``old_*`` fields are None for an added scene, ``new_*`` fields for an omitted one.
    ``heading`` is the new heading (the old one for an omitted scene). ``similarity`` is
    the pair's score from 0 to 1 (1.0 when unchanged, 0.0 when added or omitted).
    ``moved`` is true when the scene changed place relative to the others; ``text_changed``
    and ``heading_changed`` say what made a pair ``changed``. ``eighths_delta`` is new
    length minus old length (the whole length, positive or negative, for an added or
    omitted scene), so that the deltas add up to the change of the script's length.
    """

    status: SceneStatus
    old_key: str | None
    new_key: str | None
    old_number: str | None
    new_number: str | None
    heading: str
    similarity: float
    moved: bool
    text_changed: bool
    heading_changed: bool
    eighths_delta: int


@dataclass(frozen=True, slots=True)
class RevisionDiff:
    """The comparison of two drafts: every scene of the new draft in reading order, with the
    omitted scenes of the old one placed where they were (after the scene that preceded
    them in the old draft, when that scene kept its place)."""

    changes: tuple[SceneChange, ...]
    numbers_locked: bool

    @property
    def counts(self) -> dict[SceneStatus, int]:
        """How many scenes have each status (every status is present, possibly with 0)."""
        counts: dict[SceneStatus, int] = dict.fromkeys(STATUSES, 0)
        for change in self.changes:
            counts[change.status] += 1
        return counts

    @property
    def moved_count(self) -> int:
        """How many scenes moved."""
        return sum(1 for change in self.changes if change.moved)

    @property
    def eighths_delta(self) -> int:
        """The change of the script's length, in eighths of a page."""
        return sum(change.eighths_delta for change in self.changes)


def records_from_screenplay(screenplay: Screenplay) -> tuple[SceneRecord, ...]:
    """The scenes of a parsed screenplay as records, keyed by their index (``"1"``, ``"2"``…)."""
    return tuple(
        SceneRecord(
            key=str(scene.index),
            number=scene.number,
            heading=scene.heading,
            text=scene.text,
            eighths=scene.eighths,
        )
        for scene in screenplay.scenes
    )


# --- matching -------------------------------------------------------------------------


def _normal_heading(heading: str) -> str:
    """Heading for comparison: no scene number, upper case, one kind of dash, single spaces."""
    heading, _ = split_scene_number(heading)
    return " ".join(_DASHES.sub(" - ", heading.upper()).split())


def _normal_text(text: str) -> str:
    """Text for comparison: runs of white space (line breaks too) count as one space."""
    return _SPACES.sub(" ", text).strip()


def _normal_number(number: str | None) -> str | None:
    if number is None:
        return None
    number = number.strip().upper()
    return number or None


class _Bitsets:
    """Encodes word sequences as integers whose set bits are (word, occurrence) pairs, so
    that ``(a & b).bit_count()`` is the size of the multiset intersection of two
    sequences (the numerator of difflib's ``quick_ratio``), computed in C."""

    def __init__(self) -> None:
        self._bits: dict[str, list[int]] = {}  # word -> bit of its 1st, 2nd… occurrence
        self._size = 0

    def encode(self, words: Sequence[str]) -> int:
        positions: list[int] = []
        for word, count in Counter(words).items():
            bits = self._bits.setdefault(word, [])
            while len(bits) < count:
                bits.append(self._size)
                self._size += 1
            positions.extend(bits[:count])
        if not positions:
            return 0
        buffer = bytearray(max(positions) // 8 + 1)
        for position in positions:
            buffer[position >> 3] |= 1 << (position & 7)
        return int.from_bytes(buffer, "little")


@dataclass(frozen=True, slots=True)
class _Features:
    """What similarity needs of a scene, computed only for scenes that reach pass 3 or 4."""

    heading_bits: int
    heading_size: int
    words: list[str]
    word_bits: int


@dataclass(slots=True)
class _Prepared:
    """A scene ready for comparison: normalised heading, text and number."""

    record: SceneRecord
    heading: str
    text: str
    number: str | None
    features: _Features | None = None


def _prepare(records: Sequence[SceneRecord]) -> list[_Prepared]:
    return [
        _Prepared(
            record=record,
            heading=_normal_heading(record.heading),
            text=_normal_text(record.text),
            number=_normal_number(record.number),
        )
        for record in records
    ]


def _dice(a: int, size_a: int, b: int, size_b: int) -> float:
    """Twice the common elements over the total: 1.0 for two empty sequences."""
    if size_a + size_b == 0:
        return 1.0
    return 2 * (a & b).bit_count() / (size_a + size_b)


class _Matcher:
    """Pairs the scenes of two drafts (the passes of the module docstring)."""

    def __init__(self, old: Sequence[SceneRecord], new: Sequence[SceneRecord]) -> None:
        self.old = _prepare(old)
        self.new = _prepare(new)
        self._headings = _Bitsets()
        self._texts = _Bitsets()
        self.new_of_old: dict[int, int] = {}
        self.old_of_new: dict[int, int] = {}
        self.scores: dict[tuple[int, int], float] = {}
        self._sequence_matchers: dict[int, SequenceMatcher[str]] = {}

    # Helpers.

    def _pair(self, i: int, j: int, score: float) -> None:
        self.new_of_old[i] = j
        self.old_of_new[j] = i
        self.scores[(i, j)] = score

    def _free_old(self) -> list[int]:
        return [i for i in range(len(self.old)) if i not in self.new_of_old]

    def _free_new(self) -> list[int]:
        return [j for j in range(len(self.new)) if j not in self.old_of_new]

    def _distance(self, i: int, j: int) -> float:
        """How far apart two scenes sit, in fractions of their drafts (the tie-break)."""
        return abs((i + 0.5) / len(self.old) - (j + 0.5) / len(self.new))

    def _identical(self, i: int, j: int) -> bool:
        old, new = self.old[i], self.new[j]
        return old.heading == new.heading and old.text == new.text

    def _features(self, scene: _Prepared) -> _Features:
        if scene.features is None:
            heading_words = _WORDS.findall(scene.heading.casefold())
            words = _WORDS.findall(scene.record.text.casefold())
            scene.features = _Features(
                heading_bits=self._headings.encode(heading_words),
                heading_size=len(heading_words),
                words=words,
                word_bits=self._texts.encode(words),
            )
        return scene.features

    def _heading_similarity(self, i: int, j: int) -> float:
        old, new = self._features(self.old[i]), self._features(self.new[j])
        return _dice(old.heading_bits, old.heading_size, new.heading_bits, new.heading_size)

    def _text_bound(self, i: int, j: int) -> float:
        old, new = self._features(self.old[i]), self._features(self.new[j])
        return _dice(old.word_bits, len(old.words), new.word_bits, len(new.words))

    def _text_similarity(self, i: int, j: int) -> float:
        old, new = self._features(self.old[i]).words, self._features(self.new[j]).words
        if not old or not new:
            return 1.0 if not old and not new else 0.0
        matcher = self._sequence_matchers.get(j)
        if matcher is None:
            # The second sequence is indexed once per new scene and reused.
            matcher = SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(new)
            self._sequence_matchers[j] = matcher
        matcher.set_seq1(old)
        return matcher.ratio()

    def score(self, i: int, j: int) -> float:
        """The similarity of two scenes, from 0 to 1 (1.0 when identical)."""
        if self._identical(i, j):
            return 1.0
        heading = self._heading_similarity(i, j)
        return HEADING_WEIGHT * heading + (1 - HEADING_WEIGHT) * self._text_similarity(i, j)

    # The passes.

    def match_numbers(self) -> None:
        """Pass 1: a number found once in each draft pairs its two scenes."""
        old_numbers = _unique_positions(scene.number for scene in self.old)
        new_numbers = _unique_positions(scene.number for scene in self.new)
        for number, i in old_numbers.items():
            j = new_numbers.get(number)
            if j is not None:
                self._pair(i, j, self.score(i, j))

    def match_identical(self) -> None:
        """Pass 2: identical scenes, nearest relative positions first among duplicates."""
        by_content: dict[tuple[str, str], list[int]] = {}
        for i in self._free_old():
            by_content.setdefault((self.old[i].heading, self.old[i].text), []).append(i)
        candidates: list[tuple[float, int, int]] = []
        for j in self._free_new():
            for i in by_content.get((self.new[j].heading, self.new[j].text), ()):
                candidates.append((self._distance(i, j), i, j))
        for _, i, j in sorted(candidates):
            if i not in self.new_of_old and j not in self.old_of_new:
                self._pair(i, j, 1.0)

    def match_similar(self) -> None:
        """Pass 3: greedy by score over ``MATCH_THRESHOLD``, best first.

        The heap holds upper bounds (kind 0) and exact scores (kind 1). When a bound comes
        out on top, its exact score is computed and pushed back; when an exact score comes
        out on top, no other pair can beat it, so it is accepted if both scenes are free.
        At equal values bounds come out first, then the closer pair.
        """
        heap: list[tuple[float, int, float, int, int]] = []
        text_weight = 1 - HEADING_WEIGHT
        # The bound of every pair, inlined: this loop runs for every free old x new pair.
        news = [(j, self._features(self.new[j])) for j in self._free_new()]
        for i in self._free_old():
            a = self._features(self.old[i])
            for j, b in news:
                sizes = len(a.words) + len(b.words)
                if sizes:
                    # Lengths alone bound the overlap (difflib's real_quick_ratio).
                    if (
                        HEADING_WEIGHT + text_weight * 2 * min(len(a.words), len(b.words)) / sizes
                        < MATCH_THRESHOLD
                    ):
                        continue
                    text = 2 * (a.word_bits & b.word_bits).bit_count() / sizes
                else:
                    text = 1.0
                headings = a.heading_size + b.heading_size
                heading = 2 * (a.heading_bits & b.heading_bits).bit_count() / headings if headings else 1.0
                bound = HEADING_WEIGHT * heading + text_weight * text
                if bound >= MATCH_THRESHOLD:
                    heap.append((-bound, 0, self._distance(i, j), i, j))
        heapq.heapify(heap)
        while heap:
            value, kind, distance, i, j = heapq.heappop(heap)
            if i in self.new_of_old or j in self.old_of_new:
                continue
            if kind == 1:
                self._pair(i, j, -value)
                continue
            score = self.score(i, j)
            if score >= MATCH_THRESHOLD:
                heapq.heappush(heap, (-score, 1, distance, i, j))

    def match_same_slot(self) -> None:
        """Pass 4: same heading, same place between two paired scenes that kept their order.

        Only in gaps of at most ``SAME_SLOT_LIMIT`` unpaired scenes on each side: in a
        longer stretch rewritten wholesale, "the same place" no longer means much.
        """
        anchors = sorted((j, self.old_of_new[j]) for j in _kept_order(self.old_of_new))
        anchor_old = sorted(i for _, i in anchors)
        anchor_new = [j for j, _ in anchors]
        old_gaps: dict[int, list[int]] = {}
        for i in self._free_old():
            old_gaps.setdefault(bisect.bisect_left(anchor_old, i), []).append(i)
        new_gaps: dict[int, list[int]] = {}
        for j in self._free_new():
            new_gaps.setdefault(bisect.bisect_left(anchor_new, j), []).append(j)
        for gap, olds in old_gaps.items():
            news = new_gaps.get(gap, [])
            if len(olds) > SAME_SLOT_LIMIT or len(news) > SAME_SLOT_LIMIT:
                continue
            candidates = sorted(
                (-self._text_bound(i, j), self._distance(i, j), i, j)
                for i in olds
                for j in news
                if self.old[i].heading == self.new[j].heading
            )
            for _, _, i, j in candidates:
                if i not in self.new_of_old and j not in self.old_of_new:
                    self._pair(i, j, self.score(i, j))


def _unique_positions(numbers: Iterable[str | None]) -> dict[str, int]:
    """Number → position, for the numbers that appear exactly once."""
    positions: dict[str, int] = {}
    repeated: set[str] = set()
    for position, number in enumerate(numbers):
        if number is None:
            continue
        if number in positions:
            repeated.add(number)
        positions[number] = position
    return {number: position for number, position in positions.items() if number not in repeated}


def _kept_order(old_of_new: Mapping[int, int]) -> set[int]:
    """The new positions of the pairs in one longest increasing subsequence of old positions
    taken in new order: the pairs that kept their relative order (O(n log n))."""
    new_positions = sorted(old_of_new)
    tails: list[int] = []  # old position ending the best subsequence of each length
    tail_index: list[int] = []  # index in new_positions of that end
    previous: list[int] = [-1] * len(new_positions)
    for index, j in enumerate(new_positions):
        old = old_of_new[j]
        length = bisect.bisect_left(tails, old)
        if length == len(tails):
            tails.append(old)
            tail_index.append(index)
        else:
            tails[length] = old
            tail_index[length] = index
        previous[index] = tail_index[length - 1] if length > 0 else -1
    kept: set[int] = set()
    index = tail_index[-1] if tail_index else -1
    while index != -1:
        kept.add(new_positions[index])
        index = previous[index]
    return kept


def match_scenes(
    old: Sequence[SceneRecord], new: Sequence[SceneRecord], *, numbers_locked: bool
) -> RevisionDiff:
    """Compare two drafts scene by scene (the passes are in the module docstring).

    With ``numbers_locked``, scenes with the same number are the same scene whatever their
    content, and similarity pairs only the others. Keys are taken as given; they need not
    be unique across the two drafts.
    """
    matcher = _Matcher(old, new)
    if numbers_locked:
        matcher.match_numbers()
    matcher.match_identical()
    matcher.match_similar()
    matcher.match_same_slot()
    return _diff(matcher, numbers_locked=numbers_locked)


def _diff(matcher: _Matcher, *, numbers_locked: bool) -> RevisionDiff:
    kept = _kept_order(matcher.old_of_new)
    kept_old = sorted(matcher.old_of_new[j] for j in kept)
    # Each omitted scene follows the nearest earlier old scene that kept its place.
    omitted_after: dict[int | None, list[int]] = {}
    for i in range(len(matcher.old)):
        if i not in matcher.new_of_old:
            anchor = bisect.bisect_left(kept_old, i)
            omitted_after.setdefault(kept_old[anchor - 1] if anchor else None, []).append(i)

    def omitted(i: int) -> SceneChange:
        record = matcher.old[i].record
        return SceneChange(
            status="omitted",
            old_key=record.key,
            new_key=None,
            old_number=record.number,
            new_number=None,
            heading=record.heading,
            similarity=0.0,
            moved=False,
            text_changed=False,
            heading_changed=False,
            eighths_delta=-record.eighths,
        )

    changes = [omitted(i) for i in omitted_after.get(None, ())]
    for j, scene in enumerate(matcher.new):
        record = scene.record
        paired = matcher.old_of_new.get(j)
        if paired is None:
            changes.append(
                SceneChange(
                    status="added",
                    old_key=None,
                    new_key=record.key,
                    old_number=None,
                    new_number=record.number,
                    heading=record.heading,
                    similarity=0.0,
                    moved=False,
                    text_changed=False,
                    heading_changed=False,
                    eighths_delta=record.eighths,
                )
            )
            continue
        old = matcher.old[paired]
        text_changed = old.text != scene.text
        heading_changed = old.heading != scene.heading
        changes.append(
            SceneChange(
                status="changed" if text_changed or heading_changed else "unchanged",
                old_key=old.record.key,
                new_key=record.key,
                old_number=old.record.number,
                new_number=record.number,
                heading=record.heading,
                similarity=matcher.scores[(paired, j)],
                moved=j not in kept,
                text_changed=text_changed,
                heading_changed=heading_changed,
                eighths_delta=record.eighths - old.record.eighths,
            )
        )
        if j in kept:
            changes.extend(omitted(k) for k in omitted_after.get(paired, ()))
    return RevisionDiff(changes=tuple(changes), numbers_locked=numbers_locked)
