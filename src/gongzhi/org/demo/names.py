"""Made-up but plausible personal data: Chinese names, mobile numbers and ID numbers.

Nothing here names a real person: names are drawn at random from common surnames and given-name
characters; ID numbers are well-formed (valid check digit) for the demo district's area code
but are generated, and phone numbers are random within real mobile prefixes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from gongzhi.org.choices import Gender

# Ages are counted from this fixed day so that the demo is the same whenever it is built.
REFERENCE_DATE = date(2026, 1, 1)
AREA_CODE = "320602"

# Common surnames, weighted towards those frequent around Nantong (顾, 陈, 张, 朱, 季, 曹…).
SURNAMES = (
    "顾陈张朱王徐季曹沈陆黄施范缪葛吴周李刘杨钱孙姜严冯邱包瞿袁蔡丁赵宋郁"
    "胡郭何高林罗郑梁谢唐许韩邓彭曾肖田董潘蒋余杜叶程苏魏吕任姚卢崔钟陶"
    "倪汤殷秦俞万邵贾毛龚薛"
)
SURNAME_WEIGHTS = tuple(5 if i < 12 else 3 if i < 33 else 1 for i in range(len(SURNAMES)))

# Given-name characters by generation: people born before 1970, 1970–1994, and after.
GIVEN = {
    ("old", Gender.MALE): "建国军华明强伟平荣福根林宝兴德祥海金忠良卫东红生发志才",
    ("old", Gender.FEMALE): "秀英兰芳桂珍凤霞玉梅华琴萍娟美丽红菊莲芬英月巧云",
    ("mid", Gender.MALE): "勇伟涛斌磊杰峰军辉刚健波超鹏浩亮俊宇飞晨鑫春雷锋",
    ("mid", Gender.FEMALE): "丽敏静燕艳娟婷霞芳琳洁慧颖雪晶倩玲蕾红梅薇佳婧莉",
    ("new", Gender.MALE): "子轩浩然宇航梓睿俊熙博文一诺铭泽皓辰逸晨昊天明轩",
    ("new", Gender.FEMALE): "欣怡梓涵诗琪语桐雨萱可馨若汐思彤佳怡紫涵一诺芷若",
}

# Mobile prefixes of the three carriers (13x, 15x, 18x).
PHONE_PREFIXES = (
    *(f"13{d}" for d in range(10)),
    *(f"15{d}" for d in "012356789"),
    *(f"18{d}" for d in range(10)),
)

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """The 18th character of a resident ID number (GB 11643, ISO 7064 MOD 11-2)."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("an ID number's body is 17 digits")
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def id_gender(id_number: str) -> str:
    """The gender an ID number records: the 17th digit is odd for men, even for women."""
    return Gender.MALE if int(id_number[16]) % 2 else Gender.FEMALE


def _generation(birth: date) -> str:
    if birth.year < 1970:
        return "old"
    return "mid" if birth.year < 1995 else "new"


@dataclass
class PersonMaker:
    """Draws people with unique ID numbers and phone numbers; one maker per demo plan."""

    used_ids: set[str] = field(default_factory=set)
    used_phones: set[str] = field(default_factory=set)

    def surname(self, rng: random.Random) -> str:
        return rng.choices(SURNAMES, weights=SURNAME_WEIGHTS)[0]

    def given_name(self, rng: random.Random, gender: str, birth: date) -> str:
        pool = GIVEN[(_generation(birth), gender)]
        if _generation(birth) == "new" and rng.random() < 0.6:
            # Two-character given names are usual for the young; take a ready-made pair.
            start = rng.randrange(0, len(pool) // 2) * 2
            return pool[start : start + 2]
        length = 1 if rng.random() < 0.35 else 2
        return "".join(rng.choice(pool) for _ in range(length))

    def birth_date(self, rng: random.Random, age: int) -> date:
        start = date(REFERENCE_DATE.year - age - 1, REFERENCE_DATE.month, REFERENCE_DATE.day)
        return start + timedelta(days=rng.randrange(1, 365))

    def id_number(self, rng: random.Random, birth: date, gender: str) -> str:
        for _attempt in range(1000):
            parity = rng.choice("13579" if gender == Gender.MALE else "02468")
            body = f"{AREA_CODE}{birth:%Y%m%d}{rng.randrange(100):02d}{parity}"
            number = body + id_check_digit(body)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number
        raise RuntimeError("ran out of ID numbers for one birth date")

    def phone(self, rng: random.Random) -> str:
        while True:
            number = rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number
