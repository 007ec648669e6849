"""The seeded category tree: GB/T 30428-style groups plus residential-compound life.

Each leaf: (code, name, force, overrides). Limits default to accept 2 working hours, dispatch
4 working hours, handle 3 working days, verify 1 working day; overrides change any field.
Codes are stable: Open311 publishes them as service codes. Names are data; staff edit them.
"""

P, R, E, OC, S, Y = (
    "party",
    "regulator",
    "enforcement",
    "owners_committee",
    "property_manager",
    "residents",
)
H = "hours"
URGENT = {"accept_limit": 1, "dispatch_limit": 1, "handle_limit": 4, "handle_unit": H}
# Disputes between neighbours name people and homes: never published, no point on a map.
PRIVATE = {"publication": "never", "public_precision": "hidden"}
# Published only after staff have read them (fees and quarrels with the property company).
REVIEWED = {"publication": "review"}

STRUCTURE_TYPES = ["搭棚", "加层", "围墙/围栏", "阳台外扩", "院落圈占", "其他"]

# (code, name, kind, leaves)
GROUPS = [
    (
        "appearance",
        "市容环境",
        "incident",
        [
            ("appearance-exposed-garbage", "暴露垃圾", S, {"handle_limit": 1}),
            ("appearance-bin-overflow", "垃圾桶满溢", S, {"handle_limit": 4, "handle_unit": H}),
            ("appearance-illegal-ads", "乱张贴小广告", S, {}),
            ("appearance-building-waste", "建筑垃圾乱堆", E, {"handle_limit": 2}),
            ("appearance-sorting", "垃圾分类不规范", Y, {}),
            ("appearance-dead-animal", "动物尸体", R, URGENT),
        ],
    ),
    (
        "greening",
        "园林绿化",
        "incident",
        [
            ("greening-damaged", "毁绿种菜", S, {"revisit_after_days": 30}),
            ("greening-tree-hazard", "树木倒伏断枝", R, URGENT),
            ("greening-pruning", "树木遮挡需修剪", S, {"handle_limit": 5}),
            ("greening-weeds", "绿化带杂草丛生", S, {}),
        ],
    ),
    (
        "roads",
        "道路交通",
        "component",
        [
            ("roads-pothole", "路面破损", R, {}),
            ("roads-manhole", "井盖缺失破损", R, {**URGENT, "photo_required_at_report": True}),
            ("roads-sign", "交通标志损坏", R, {"handle_limit": 5}),
            ("roads-fire-lane", "占用消防通道", E, {"handle_limit": 1}),
        ],
    ),
    (
        "facilities",
        "公用设施",
        "component",
        [
            ("facilities-streetlight", "路灯不亮", R, {"handle_limit": 2}),
            ("facilities-water-leak", "供水管道漏水", R, URGENT),
            ("facilities-sewer", "下水道堵塞", S, {"handle_limit": 1}),
            ("facilities-fitness", "健身器材损坏", S, {}),
            ("facilities-lift", "电梯故障", S, URGENT),
            ("facilities-access-control", "门禁损坏", S, {"handle_limit": 1}),
            ("facilities-fire-equipment", "消防设施缺损", S, {"handle_limit": 1}),
        ],
    ),
    (
        "housing",
        "房屋土地",
        "incident",
        [
            ("housing-leak", "屋顶外墙渗漏", S, {"handle_limit": 10}),
            ("housing-falling", "外墙脱落隐患", S, URGENT),
            ("housing-corridor", "楼道堆物", S, {"handle_limit": 2, "revisit_after_days": 15}),
        ],
    ),
    (
        "street-order",
        "街面秩序",
        "incident",
        [
            ("street-stall", "占道经营", E, {"handle_limit": 1}),
            ("street-outside-shop", "店外经营", E, {"handle_limit": 1}),
            ("street-fumes", "餐饮油烟扰民", R, {"handle_limit": 5}),
        ],
    ),
    (
        "construction",
        "施工管理",
        "incident",
        [
            (
                "construction-illegal-building",
                "私搭乱建",
                E,
                {
                    "accept_limit": 1,
                    "handle_limit": 5,
                    "photo_required_at_report": True,
                    "revisit_after_days": 30,
                },
            ),
            ("construction-renovation", "违规装修", E, {"handle_limit": 2}),
            ("construction-night-work", "夜间施工", E, URGENT),
            ("construction-dust", "工地扬尘", R, {"handle_limit": 2}),
        ],
    ),
    (
        "property",
        "物业服务",
        "incident",
        [
            ("property-cleaning", "保洁不到位", S, {"handle_limit": 1}),
            ("property-security", "安保巡逻不到位", S, {}),
            ("property-fees", "物业收费争议", OC, {"handle_limit": 10, **REVIEWED}),
            ("property-repair", "公共维修不及时", S, {}),
        ],
    ),
    (
        "neighbours",
        "邻里纠纷",
        "incident",
        [
            ("neighbours-dispute", "邻里矛盾", Y, {"handle_limit": 5, **PRIVATE}),
            ("neighbours-dogs", "不文明养犬", Y, {}),
            ("neighbours-water", "楼上漏水", Y, {"handle_limit": 2, **PRIVATE}),
        ],
    ),
    (
        "noise",
        "噪音",
        "incident",
        [
            ("noise-home", "生活噪音", Y, REVIEWED),
            ("noise-business", "商业噪音", E, {"handle_limit": 1}),
            ("noise-square-dance", "广场舞噪音", Y, {}),
        ],
    ),
    (
        "parking",
        "停车",
        "incident",
        [
            ("parking-disorder", "车辆乱停乱放", S, {"handle_limit": 1}),
            ("parking-zombie", "僵尸车", E, {"handle_limit": 10}),
            ("parking-space", "车位被占用", OC, {"handle_limit": 2}),
        ],
    ),
    (
        "ebike",
        "电动车充电",
        "incident",
        [
            (
                "ebike-indoor",
                "电动车进楼入户充电",
                S,
                {**URGENT, "revisit_after_days": 15},
            ),
            ("ebike-flying-wire", "飞线充电", S, {**URGENT, "revisit_after_days": 15}),
            ("ebike-charger", "充电桩故障", S, {"handle_limit": 2}),
        ],
    ),
    (
        "party-services",
        "党群服务",
        "incident",
        [
            ("party-hub-request", "党员中心户代办", P, {"handle_limit": 5, **PRIVATE}),
        ],
    ),
]

# code → [(code, label, type, required, choices)]
QUESTIONS = {
    "facilities-lift": [
        ("floor", "电梯停在几楼?", "number", False, []),
        ("trapped", "是否有人被困?", "single_choice", True, ["有人被困", "无人被困"]),
    ],
    "construction-illegal-building": [
        ("structure_type", "搭建类型", "single_choice", True, STRUCTURE_TYPES),
        ("area", "估计面积(平方米)", "number", False, []),
    ],
    "noise-home": [
        ("noise_time", "噪音发生时间", "datetime", False, []),
        ("recurring", "是否经常发生?", "single_choice", False, ["偶尔", "经常", "每天"]),
    ],
    "noise-square-dance": [("noise_time", "噪音发生时间", "datetime", False, [])],
    "ebike-indoor": [("building", "楼栋单元", "string", True, [])],
    "parking-disorder": [("plate", "车牌号(选填)", "string", False, [])],
    "roads-manhole": [
        ("hazard", "井盖情况", "multi_choice", True, ["缺失", "破损", "下沉", "异响"]),
    ],
    "neighbours-dispute": [("details", "矛盾双方及经过", "text", False, [])],
}
