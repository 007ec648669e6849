"""Address → place: a local gazetteer built from the org tree's names.

Reports that carry only an address (Open311 clients sending ``address_string``, 12345 work
orders) are placed by the names of the places they mention: streets, communities, grids,
compounds (小区, the name a building's name starts with: 观河华府 in 观河华府3幢) and buildings.

Addresses and names go through the same normalisation, so that the usual ways of writing one
place meet: full-width digits and letters (３幢), Chinese numerals (三幢, 第三网格), the building
markers 幢 / 栋 / 号楼 / 座 (and 号 right after a compound's name), 小区 after a compound's
name, spaces and punctuation, and the district, street and community written before the
compound or left out. The most precise match wins: a building, else the compound (the lowest
node holding all of its buildings), else a grid, community or street named in the address.
Anything else is ``None``: the caller falls back to its dispatcher and says why.

The index is kept per process and rebuilt when nodes are added or removed (a cheap count
query per lookup) and at the latest every ``MAX_AGE`` seconds, so that renamed places are
found under their new names without a restart.
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Count, Max

from gongzhi.org.choices import Level
from gongzhi.org.models import Node

MAX_AGE = 300.0
LEVELS = (Level.STREET, Level.COMMUNITY, Level.GRID, Level.MICROGRID, Level.BUILDING)
# Words that name the kind of an area and may be left out in an address (新胜社区 → 新胜).
AREA_SUFFIXES = ("街道办事处", "街道", "社区居委会", "居委会", "社区", "新村", "村", "镇")
# Place words that may follow a compound's name without changing the place (观河华府小区).
COMPOUND_WORDS = ("小区", "花园小区", "住宅小区", "家园小区")
_MARKER = "幢"
_NUMERALS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_NUMERALS.update({"五": 5, "六": 6, "七": 7, "八": 8, "九": 9})
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百]+(?=幢|栋|号楼|号|座|单元|网格|楼)")
_BUILDING_MARK = re.compile(r"(\d+)\s*(?:号楼|栋|幢|座)")
_NOISE = re.compile(r"[\s,，、。.·•:：;；()（）\[\]【】\"'“”‘’]+")
_BUILDING_NAME = re.compile(r"^(.*?)(\d+)幢$")
_BUILDING_IN_TEXT = re.compile(r"(\d+)(?:幢|号)")


def chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105 (up to 999); None when not a number."""
    if not text or any(ch not in _NUMERALS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + _NUMERALS[ch] if current else _NUMERALS[ch]
    return total + current


def normalise(text: str) -> str:
    """One spelling for the ways people write a place (see the module's doc)."""
    value = unicodedata.normalize("NFKC", text or "")
    value = _NOISE.sub("", value)

    def arabic(match):
        number = chinese_number(match.group(0))
        return str(number) if number is not None else match.group(0)

    value = _CN_NUMBER.sub(arabic, value)
    return _BUILDING_MARK.sub(lambda m: f"{int(m.group(1))}{_MARKER}", value)


def _area_variants(name: str) -> set[str]:
    full = normalise(name)
    variants = {full}
    for suffix in AREA_SUFFIXES:
        if full.endswith(suffix) and len(full) - len(suffix) >= 2:
            variants.add(full[: -len(suffix)])
    return variants


@dataclass(frozen=True)
class Place:
    id: int
    path: str
    level: str
    name: str


@dataclass(frozen=True)
class Match:
    """Where an address lies: ``place`` (a ``Place``), what kind of name matched it (``how``:
    building, compound, grid, community, street) and the words that matched."""

    place: Place
    how: str
    matched: str

    @property
    def node(self) -> Node:
        return Node.objects.get(pk=self.place.id)


def _common_path(paths: list[str], steplen: int) -> str:
    first = min(paths)
    last = max(paths)
    length = 0
    while length < len(first) and first[length] == last[length]:
        length += 1
    return first[: length - length % steplen]


@dataclass
class Gazetteer:
    """The index: normalised names → places. Build with ``Gazetteer.build(rows)``."""

    places: dict[str, Place] = field(default_factory=dict)  # path → place
    areas: dict[str, list[Place]] = field(default_factory=dict)  # name variant → areas
    compounds: dict[str, list[Place]] = field(default_factory=dict)  # name → its buildings
    numbers: dict[tuple[str, int], list[Place]] = field(default_factory=dict)  # (compound, n)
    key: tuple = ()
    built_at: float = 0.0

    @classmethod
    def build(cls, rows, key=()) -> Gazetteer:
        """``rows``: (id, path, level, name) of the tree's streets … buildings."""
        index = cls(key=key, built_at=time.monotonic())
        for pk, path, level, name in rows:
            place = Place(pk, path, level, name)
            index.places[path] = place
            if level == Level.BUILDING:
                match = _BUILDING_NAME.match(normalise(name))
                if match is None:
                    continue
                compound, number = match.group(1), int(match.group(2))
                index.numbers.setdefault((compound, number), []).append(place)
                if len(compound) >= 2:
                    index.compounds.setdefault(compound, []).append(place)
            elif level != Level.MICROGRID:
                for variant in _area_variants(name):
                    index.areas.setdefault(variant, []).append(place)
        return index

    def _areas_in(self, text: str) -> list[tuple[str, Place]]:
        """Areas named in ``text``, longest names first; a grid's name only counts inside a
        community or street also named (第一网格 exists in every community)."""
        found = [(n, p) for n, places in self.areas.items() if n in text for p in places]
        found.sort(key=lambda item: (-len(item[0]), item[1].path))
        outer = [p for _n, p in found if p.level != Level.GRID]
        return [
            (n, p)
            for n, p in found
            if p.level != Level.GRID or any(p.path.startswith(o.path) for o in outer)
        ]

    def _lowest(self, places: list[Place]) -> Place | None:
        path = _common_path([p.path for p in places], Node.steplen)
        while path and path not in self.places:
            path = path[: -Node.steplen]
        return self.places.get(path)

    def find(self, address: str, *, within: str = "") -> Match | None:
        """The place ``address`` names, inside the subtree at path ``within`` when given."""
        text = normalise(address)
        if not text:
            return None
        areas = [(n, p) for n, p in self._areas_in(text) if p.path.startswith(within)]
        deepest = max((p for _n, p in areas), key=lambda p: len(p.path), default=None)

        def inside(places):
            places = [p for p in places if p.path.startswith(within)]
            if deepest is not None:
                narrowed = [p for p in places if p.path.startswith(deepest.path)]
                places = narrowed or places
            return places

        for compound in sorted(self.compounds, key=len, reverse=True):
            if compound not in text:
                continue
            # Each place the name occurs (a community may carry its compound's name: 易家桥新村
            # 易家桥新村5幢); the first followed by a building number names the building.
            for at in (m.start() for m in re.finditer(re.escape(compound), text)):
                rest = text[at + len(compound) :]
                for word in COMPOUND_WORDS:
                    rest = rest.removeprefix(word)
                number = _BUILDING_IN_TEXT.match(rest)
                if number is None:
                    continue
                buildings = inside(self.numbers.get((compound, int(number.group(1))), []))
                if len(buildings) == 1:
                    return Match(buildings[0], Level.BUILDING, compound + number.group(0))
            # The compound as a whole (the lowest place holding its buildings), never one
            # building of it that happens to be the only one left after narrowing.
            buildings = inside(self.compounds[compound])
            place = self._lowest(buildings) if buildings else None
            if place is not None and place.level == Level.BUILDING:
                place = self.places.get(place.path[: -Node.steplen])
            if place is not None and place.path.startswith(within):
                return Match(place, "compound", compound)
        if deepest is not None:
            # A building written without a compound (5幢) inside the area named before it.
            number = re.search(r"(\d+)幢", text)
            if number is not None:
                buildings = [
                    p
                    for (_c, n), places in self.numbers.items()
                    if n == int(number.group(1))
                    for p in places
                    if p.path.startswith(deepest.path)
                ]
                if len(buildings) == 1:
                    return Match(buildings[0], Level.BUILDING, number.group(0))
            name = next(n for n, p in areas if p is deepest)
            return Match(deepest, deepest.level, name)
        return None


_lock = threading.Lock()
_current: Gazetteer | None = None


def _signature() -> tuple:
    row = Node.objects.filter(level__in=LEVELS).aggregate(n=Count("id"), last=Max("id"))
    return (row["n"], row["last"])


def get_gazetteer() -> Gazetteer:
    """This process's gazetteer, rebuilt when the tree's nodes changed or it grew old."""
    global _current
    key = _signature()
    index = _current
    if index is not None and index.key == key and time.monotonic() - index.built_at < MAX_AGE:
        return index
    with _lock:
        index = _current
        if index is None or index.key != key or time.monotonic() - index.built_at >= MAX_AGE:
            rows = Node.objects.filter(level__in=LEVELS).values_list("id", "path", "level", "name")
            index = _current = Gazetteer.build(rows.iterator(), key=key)
    return index


def locate_address(address: str, *, within=None) -> Match | None:
    """The place an address names (inside ``within``, a node, when given), or None."""
    return get_gazetteer().find(address, within=within.path if within is not None else "")
