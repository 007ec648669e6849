"""Admin: the ledger and stock are read-only here; rules and goods change through services."""

from django.contrib import admin

from gongzhi.points.models import (
    Account,
    Entry,
    GoodDeed,
    Goods,
    Order,
    PointsPolicy,
    PointsRule,
    StockMovement,
    Transaction,
)
from gongzhi.points.services import goods_create, goods_update, policy_set, rule_set


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EntryInline(admin.TabularInline):
    model = Entry
    extra = 0
    fields = ["account", "amount"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "kind", "balance", "created_at"]
    list_filter = ["kind"]
    search_fields = ["person__name", "node__name"]
    list_select_related = ["person", "node"]


@admin.register(Transaction)
class TransactionAdmin(ReadOnlyAdmin):
    list_display = ["pk", "kind", "reason", "community", "memo", "occurred_at", "created_at"]
    list_filter = ["kind", "reason"]
    search_fields = ["idempotency_key", "memo"]
    date_hierarchy = "created_at"
    inlines = [EntryInline]
    list_select_related = ["community"]


@admin.register(StockMovement)
class StockMovementAdmin(ReadOnlyAdmin):
    list_display = ["goods", "kind", "quantity", "donor", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["goods", "donor"]


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    list_display = ["code", "person", "goods", "quantity", "points", "state", "placed_at"]
    list_filter = ["state"]
    search_fields = ["code", "person__name", "goods__name"]
    list_select_related = ["person", "goods"]


@admin.register(GoodDeed)
class GoodDeedAdmin(ReadOnlyAdmin):
    list_display = ["person", "occurred_on", "state", "proposed_at", "decided_at"]
    list_filter = ["state"]
    list_select_related = ["person"]


@admin.register(PointsRule)
class PointsRuleAdmin(admin.ModelAdmin):
    """Rules change through ``rule_set`` so that every change is audited."""

    list_display = [
        "community",
        "reason",
        "points_per_unit",
        "daily_cap",
        "monthly_cap",
        "is_active",
    ]
    list_filter = ["reason", "is_active"]
    list_select_related = ["community"]

    def save_model(self, request, obj, form, change):
        saved = rule_set(
            community=obj.community,
            reason=obj.reason,
            points_per_unit=obj.points_per_unit,
            daily_cap=obj.daily_cap,
            monthly_cap=obj.monthly_cap,
            is_active=obj.is_active,
            actor=request.user,
        )
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PointsPolicy)
class PointsPolicyAdmin(admin.ModelAdmin):
    list_display = ["community", "expire_yearly", "updated_at"]

    def save_model(self, request, obj, form, change):
        obj.pk = policy_set(
            community=obj.community, expire_yearly=obj.expire_yearly, actor=request.user
        ).pk

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Goods)
class GoodsAdmin(admin.ModelAdmin):
    """Goods details change through the services; stock only through movements."""

    list_display = ["name", "community", "price", "stock", "donor", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    readonly_fields = ["stock"]
    list_select_related = ["community", "donor"]

    def save_model(self, request, obj, form, change):
        fields = {
            name: form.cleaned_data[name] for name in form.changed_data if name != "community"
        }
        if change:
            goods_update(goods=obj, actor=request.user, **fields)
        else:
            fields = {
                n: form.cleaned_data[n]
                for n in form.cleaned_data
                if n not in {"community", "stock"}
            }
            obj.pk = goods_create(community=obj.community, actor=request.user, **fields).pk

    def has_delete_permission(self, request, obj=None):
        return False
