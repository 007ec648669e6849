from django.urls import path

from gongzhi.points.views import clerk, resident, staff, staff_ledger, staff_store, wall

app_name = "points"

urlpatterns = [
    path("", resident.my_points, name="my_points"),
    path("store/", resident.store, name="store"),
    path("store/<int:pk>/", resident.goods_detail, name="goods_detail"),
    path("orders/", resident.my_orders, name="my_orders"),
    path("orders/<int:pk>/", resident.order_detail, name="order_detail"),
    path("orders/<int:pk>/cancel/", resident.order_cancel_view, name="order_cancel"),
    path("good-deeds/new/", resident.good_deed_new, name="good_deed_new"),
    path("clerk/", clerk.clerk, name="clerk"),
    path("wall/", wall.wall_index, name="wall_index"),
    path("wall/<str:code>/", wall.wall, name="wall"),
    path("manage/", staff.manage_index, name="manage_index"),
    path("manage/<str:code>/", staff.manage, name="manage"),
    path("manage/<str:code>/rules/<str:reason>/", staff.rule_edit, name="rule_edit"),
    path("manage/<str:code>/policy/", staff.policy_edit, name="policy_edit"),
    path("manage/<str:code>/goods/new/", staff_store.goods_new, name="goods_new"),
    path("manage/<str:code>/goods/<int:pk>/", staff_store.goods_edit, name="goods_edit"),
    path("manage/<str:code>/goods/<int:pk>/stock/", staff_store.goods_stock, name="goods_stock"),
    path("manage/<str:code>/goods/<int:pk>/stock/in/", staff_store.stock_in, name="stock_in"),
    path(
        "manage/<str:code>/goods/<int:pk>/stock/write-off/",
        staff_store.write_off,
        name="write_off",
    ),
    path("manage/<str:code>/good-deeds/", staff_ledger.good_deeds, name="good_deeds"),
    path(
        "manage/<str:code>/good-deeds/<int:pk>/<str:decision>/",
        staff_ledger.good_deed_decide,
        name="good_deed_decide",
    ),
    path("manage/<str:code>/ledger/", staff_ledger.ledger, name="ledger"),
    path(
        "manage/<str:code>/ledger/<int:pk>/reverse/",
        staff_ledger.reverse_view,
        name="reverse",
    ),
]
