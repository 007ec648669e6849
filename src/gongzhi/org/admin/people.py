"""Admin for households, people and hub households (direct writes, audited)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gongzhi.org.admin.audit import AuditedAdminMixin
from gongzhi.org.models import Household, HubHousehold, Person


class MemberInline(admin.TabularInline):
    model = Person
    fields = ["name", "relation", "phone", "party_member_kind"]
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        # A new member needs their node too; add them on the person form.
        return False


@admin.register(Household)
class HouseholdAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "building", "unit", "created_at"]
    search_fields = ["unit", "address", "building__name", "building__code"]
    autocomplete_fields = ["building"]
    readonly_fields = ["created_at"]
    inlines = [MemberInline]
    list_select_related = ["building"]


@admin.register(Person)
class PersonAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "phone", "node", "household", "kinds_display"]
    list_filter = [
        "is_resident",
        "party_member_kind",
        "is_grid_worker",
        "is_staff_member",
        "is_volunteer",
        "public_name",
    ]
    search_fields = ["name", "phone", "=id_number"]
    autocomplete_fields = ["node", "household", "user"]
    readonly_fields = ["created_at", "display_name"]
    list_select_related = ["node", "household", "household__building"]
    fieldsets = [
        (None, {"fields": ["name", "gender", "birth_date", "node", "household", "relation"]}),
        (_("Contacts"), {"fields": ["phone", "email", "id_number", "address"]}),
        (
            _("Kinds"),
            {
                "fields": [
                    "is_resident",
                    "party_member_kind",
                    "is_grid_worker",
                    "is_staff_member",
                    "is_volunteer",
                ]
            },
        ),
        (
            _("Account and privacy"),
            {"fields": ["user", "public_name", "display_name", "created_at"]},
        ),
    ]

    @admin.display(description=_("kinds"))
    def kinds_display(self, obj):
        return "、".join(obj.kinds)


@admin.register(HubHousehold)
class HubHouseholdAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["household", "member", "group"]
    search_fields = ["household__unit", "household__building__name", "member__name", "group__name"]
    autocomplete_fields = ["household", "member", "group", "looked_after"]
    list_select_related = ["household__building", "member", "group"]
