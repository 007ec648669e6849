"""The enforcement demo's plan: the authorities, the sixteen structures of 易家桥新村 demolished
on 2026-07-19 and the records still in the procedure (pure data; ``demo.py`` writes it)."""

import datetime as dt

from gongzhi.enforcement.choices import RecordState

DISTRICT_CODE = "320602"
XINCHENGQIAO_CODE = "320602-xinchengqiao"
YIJIAQIAO_CODE = "320602-xinchengqiao-yijiaqiao"
KAIFAQU_CODE = "320602-kaifaqu"
COMPOUND = "易家桥新村"
DEMOLITION_DAY = dt.date(2026, 7, 19)

AUTHORITIES = [
    # (street code, name, code, document prefix, address, phone)
    (
        XINCHENGQIAO_CODE,
        "新城桥街道综合行政执法局",
        "XCQ",
        "崇新执",
        "崇川区新城桥街道人民西路8号",
        "0513-85012345",
    ),
    (
        KAIFAQU_CODE,
        "崇川经济开发区综合行政执法局",
        "KFQ",
        "崇开执",
        "崇川经济开发区新开南路1号",
        "0513-85098765",
    ),
]
REVIEW_BODY = "南通市崇川区人民政府"
COURT = "南通市崇川区人民法院"

# The sixteen structures demolished on 2026-07-19: (building, where, type, m², party, by whom).
# "self": the party took it down that day after the order; "forced": the bureau did.
DEMOLISHED = [
    (1, "一楼院落", "yard", "24.50", "王建国", "forced"),
    (2, "北侧空地", "shed", "18.00", "李秀英", "forced"),
    (2, "顶楼露台", "extra_floor", "31.20", "张卫东", "forced"),
    (3, "一楼南阳台", "balcony", "12.60", "陈桂兰", "self"),
    (4, "楼道口", "shed", "22.80", "刘志强", "forced"),
    (5, "东山墙外", "wall_fence", "15.40", "赵美华", "forced"),
    (5, "一楼院落", "yard", "28.00", "孙国庆", "forced"),
    (6, "二楼阳台", "balcony", "9.60", "周丽萍", "self"),
    (7, "车棚旁", "shed", "16.50", "吴德明", "forced"),
    (8, "一楼院落", "yard", "20.30", "郑红梅", "forced"),
    (8, "西侧绿地", "wall_fence", "14.20", "冯建华", "self"),
    (9, "北侧空地", "shed", "26.70", "钱玉珍", "forced"),
    (10, "三楼阳台", "balcony", "11.80", "何永刚", "self"),
    (10, "楼前", "shed", "19.50", "许凤英", "forced"),
    (11, "南侧通道", "other", "17.10", "沈国华", "forced"),
    (12, "车库顶", "shed", "12.30", "韩淑珍", "self"),
]
FACTS = "未取得建设工程规划许可证,擅自在{where}搭建{what},占用公共空间,影响小区环境和消防通道。"

# Records still in the procedure, dated from the day the demo is built:
# (building, where, type, m², party, state, days ago found).
OPEN = [
    (7, "楼顶", "extra_floor", "35.00", "马建军", RecordState.FOUND, 1),
    (3, "一楼院落", "yard", "16.00", "朱秀兰", RecordState.INVESTIGATED, 3),
    (9, "二楼阳台", "balcony", "8.40", "胡晓东", RecordState.STOP_ORDER_SERVED, 10),
    (11, "北侧空地", "shed", "21.00", "林桂芳", RecordState.DEMOLITION_ORDER_SERVED, 20),
    (4, "东侧绿地", "wall_fence", "13.50", "高志明", RecordState.REMINDED, 30),
]
