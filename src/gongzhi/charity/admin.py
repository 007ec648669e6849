"""Admin: read-only views of drives, pledges, the ledger and deliveries (they change through
the services and the staff pages); item kinds, places and organisation staff are editable.
Assistance files' sensitive details are not in the admin at all."""

from django.contrib import admin

from gongzhi.charity.models import (
    Acknowledgement,
    AssistanceFile,
    Delivery,
    DeliveryItem,
    Drive,
    DriveGoal,
    ItemKind,
    Movement,
    Organisation,
    OrganisationStaff,
    Pledge,
    PledgeItem,
    StockLevel,
    StoragePlace,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ItemKind)
class ItemKindAdmin(admin.ModelAdmin):
    list_display = ["name", "unit"]
    search_fields = ["name"]


@admin.register(StoragePlace)
class StoragePlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "node", "address"]
    list_select_related = ["node"]
    raw_id_fields = ["node"]


class StaffInline(admin.TabularInline):
    model = OrganisationStaff
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "node", "registration_number", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "registration_number"]
    list_select_related = ["node"]
    inlines = [StaffInline]

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser


class GoalInline(ReadOnlyInline):
    model = DriveGoal
    fields = ["item_kind", "quantity"]
    readonly_fields = fields


@admin.register(Drive)
class DriveAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "node", "starts_on", "ends_on", "state"]
    list_filter = ["state"]
    search_fields = ["title"]
    list_select_related = ["organisation", "node"]
    inlines = [GoalInline]


class PledgeItemInline(ReadOnlyInline):
    model = PledgeItem
    fields = ["item_kind", "quantity"]
    readonly_fields = fields


@admin.register(Pledge)
class PledgeAdmin(ReadOnlyAdmin):
    list_display = ["donor_name", "drive", "is_anonymous", "cash_amount", "state", "pledged_at"]
    list_filter = ["state", "is_anonymous"]
    search_fields = ["donor_name", "cash_receipt_number"]
    list_select_related = ["drive"]
    inlines = [PledgeItemInline]


@admin.register(Acknowledgement)
class AcknowledgementAdmin(ReadOnlyAdmin):
    list_display = ["number", "pledge", "issued_at"]
    search_fields = ["number"]
    exclude = ["check_code"]


@admin.register(StockLevel)
class StockLevelAdmin(ReadOnlyAdmin):
    list_display = ["drive", "place", "item_kind", "on_hand"]
    list_select_related = ["drive", "place", "item_kind"]


@admin.register(Movement)
class MovementAdmin(ReadOnlyAdmin):
    list_display = ["id", "drive", "place", "item_kind", "kind", "quantity", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["drive", "place", "item_kind"]


class DeliveryItemInline(ReadOnlyInline):
    model = DeliveryItem
    fields = ["item_kind", "quantity"]
    readonly_fields = fields


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["recipient_name", "drive", "scheduled_on", "state"]
    list_filter = ["state", "beneficiary_kind"]
    list_select_related = ["drive"]
    inlines = [DeliveryItemInline]


@admin.register(AssistanceFile)
class AssistanceFileAdmin(ReadOnlyAdmin):
    list_display = ["pseudonym", "node", "state", "opened_on", "consent_scope"]
    list_filter = ["state", "consent_scope"]
    list_select_related = ["node"]
    fields = [
        "pseudonym",
        "node",
        "categories",
        "state",
        "opened_on",
        "consent_scope",
        "consent_on",
    ]
