"""The demo district's place list: 崇川区 (Nantong) with the streets and communities the seed
article names, at their approximate real locations (WGS84).

Coordinates are approximations for a believable map, not survey data. Street boundaries come
from a Voronoi partition of the district outline around one seed point per street; the streets
the demo does not build still take part, so that the named streets get plausible extents.
"""

from __future__ import annotations

from dataclasses import dataclass

DISTRICT_CODE = "320602"
DISTRICT_NAME = "崇川区"

# The district outline (lon, lat), clockwise from the Yangtze bank at 天生港.
DISTRICT_OUTLINE = (
    (120.770, 32.020),
    (120.790, 32.062),
    (120.812, 32.090),
    (120.850, 32.100),
    (120.900, 32.096),
    (120.940, 32.082),
    (120.972, 32.052),
    (120.988, 32.010),
    (120.978, 31.968),
    (120.942, 31.944),
    (120.896, 31.930),
    (120.856, 31.934),
    (120.830, 31.954),
    (120.806, 31.984),
    (120.782, 32.000),
)


@dataclass(frozen=True)
class Street:
    slug: str
    name: str
    seed: tuple[float, float]  # (lon, lat) the street's cell grows around
    built: bool = True


@dataclass(frozen=True)
class Community:
    street: str  # the street's slug
    slug: str
    name: str
    center: tuple[float, float]
    radius_m: float  # rough radius of the community's outline
    grids: int  # grids inside it
    buildings_per_grid: int = 0  # buildings directly under each grid (lighter communities)
    building_prefix: str = ""


STREETS = (
    Street("chengdong", "城东街道", (120.902, 32.014)),
    Street("wenfeng", "文峰街道", (120.904, 31.982)),
    Street("xinchengqiao", "新城桥街道", (120.872, 32.031)),
    Street("langshanzhen", "狼山镇街道", (120.872, 31.954)),
    Street("xingfu", "幸福街道", (120.926, 32.068)),
    Street("tianshenggangzhen", "天生港镇街道", (120.792, 32.028)),
    Street("tangzhazhen", "唐闸镇街道", (120.818, 32.058)),
    Street("kaifaqu", "崇川经济开发区", (120.948, 31.992)),
    # Neighbours that shape the partition; the demo does not build them.
    Street("hepingqiao", "和平桥街道", (120.866, 32.008), built=False),
    Street("rengang", "任港街道", (120.842, 32.016), built=False),
    Street("hongqiao", "虹桥街道", (120.848, 31.990), built=False),
    Street("xuetian", "学田街道", (120.880, 31.996), built=False),
    Street("zhongxiu", "钟秀街道", (120.900, 32.042), built=False),
    Street("guanyinshan", "观音山街道", (120.958, 32.030), built=False),
    Street("chenqiao", "陈桥街道", (120.842, 32.086), built=False),
    Street("qinzao", "秦灶街道", (120.876, 32.066), built=False),
    Street("yongxing", "永兴街道", (120.848, 32.046), built=False),
)

XINSHENG_GRIDS = 6
XINSHENG_MICROGRIDS_PER_GRID = 12
COMPOUND_NAME = "观河华府"

COMMUNITIES = (
    Community("chengdong", "guoliyuan", "郭里园社区", (120.904, 32.016), 520, 3),
    Community("wenfeng", "xincheng", "新城社区", (120.903, 31.984), 520, 3),
    Community(
        "xinchengqiao",
        "yijiaqiao",
        "易家桥新村",
        (120.874, 32.030),
        480,
        3,
        buildings_per_grid=4,
        building_prefix="易家桥新村",
    ),
    Community("langshanzhen", "wushan", "五山社区", (120.874, 31.955), 560, 3),
    Community("xingfu", "xingfujiayuan", "幸福家苑社区", (120.925, 32.066), 500, 3),
    Community("tianshenggangzhen", "tongsui", "通燧社区", (120.794, 32.030), 520, 3),
    Community("tangzhazhen", "gongyuan", "公园社区", (120.819, 32.057), 500, 3),
    Community("kaifaqu", "xinsheng", "新胜社区", (120.948, 31.991), 720, XINSHENG_GRIDS),
)

# Rough resident counts for the nodes whose people the demo does not register one by one.
DISTRICT_ESTIMATE = {"population": 1_240_000, "household_count": 468_000}
STREET_ESTIMATE = {"population": 72_000, "household_count": 27_000}
COMMUNITY_ESTIMATE = {"population": 9_500, "household_count": 3_600}

GRID_NAMES = ("第一网格", "第二网格", "第三网格", "第四网格", "第五网格", "第六网格")


def street_code(slug: str) -> str:
    return f"{DISTRICT_CODE}-{slug}"


def community_code(community: Community) -> str:
    return f"{street_code(community.street)}-{community.slug}"


def grid_code(community_code_: str, number: int) -> str:
    return f"{community_code_}-g{number}"


def microgrid_code(grid_code_: str, number: int) -> str:
    return f"{grid_code_}-m{number:02d}"


def building_code(parent_code: str, number: int) -> str:
    return f"{parent_code}-b{number:02d}"


def grid_name(number: int) -> str:
    return GRID_NAMES[number - 1] if number <= len(GRID_NAMES) else f"第{number}网格"


# The codes other apps' demo builders and tests can rely on.
XINSHENG_CODE = f"{DISTRICT_CODE}-kaifaqu-xinsheng"
KAIFAQU_CODE = street_code("kaifaqu")
XINCHENGQIAO_CODE = street_code("xinchengqiao")
YIJIAQIAO_CODE = f"{DISTRICT_CODE}-xinchengqiao-yijiaqiao"
GUOLIYUAN_CODE = f"{DISTRICT_CODE}-chengdong-guoliyuan"
XINCHENG_CODE = f"{DISTRICT_CODE}-wenfeng-xincheng"
XINSHENG_GRID_CODES = tuple(grid_code(XINSHENG_CODE, n) for n in range(1, XINSHENG_GRIDS + 1))
