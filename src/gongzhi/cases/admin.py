"""Admin: categories and policy edited through the services (audited); cases read-only."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from gongzhi.cases.models import Case, CaseEvent, CasePolicy, Category, CategoryQuestion
from gongzhi.cases.services.categories import (
    CATEGORY_FIELDS,
    POLICY_FIELDS,
    category_update,
    policy_save,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CategoryQuestionInline(admin.TabularInline):
    model = CategoryQuestion
    extra = 0
    fields = ["code", "label", "type", "choices", "required", "order"]
    readonly_fields = fields  # questions change through category_question_save

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    """Leaves are edited through ``category_update`` so that every change is audited."""

    list_display = [
        "code",
        "name",
        "parent",
        "responsible_force",
        "handle_limit",
        "handle_unit",
        "publication",
        "public_precision",
    ]
    list_filter = [
        "is_group",
        "kind",
        "responsible_force",
        "is_active",
        "publication",
        "public_precision",
    ]
    search_fields = ["code", "name", "keywords"]
    inlines = [CategoryQuestionInline]

    def get_readonly_fields(self, request, obj=None):
        return ["code", "parent", "kind", "is_group"] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        changes = {f: form.cleaned_data[f] for f in form.changed_data if f in CATEGORY_FIELDS}
        if changes:
            try:
                category_update(category=obj, actor=request.user, **changes)
            except (PermissionDenied, ValidationError) as exc:
                messages.error(request, "; ".join(getattr(exc, "messages", [str(exc)])))


@admin.register(CasePolicy)
class CasePolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "reference_prefix", "duplicate_radius_m", "unsatisfied_action"]

    def save_model(self, request, obj, form, change):
        fields = {f: form.cleaned_data[f] for f in POLICY_FIELDS if f in form.cleaned_data}
        try:
            policy_save(actor=request.user, node=obj.node, **fields)
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, "; ".join(getattr(exc, "messages", [str(exc)])))


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    fields = ["created_at", "action", "from_state", "to_state", "actor", "public", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    """Cases move only through the workflow services; the admin shows them."""

    list_display = ["reference", "category", "node", "state", "step_deadline_at", "channel"]
    list_filter = ["state", "channel", "category"]
    search_fields = ["reference", "description", "external_id"]
    date_hierarchy = "reported_at"
    inlines = [CaseEventInline]
    list_select_related = ["category", "node"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser
