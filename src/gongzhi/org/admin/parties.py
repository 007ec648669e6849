"""Admin for the six forces' parties, partner units and party organisations (direct writes,
audited)."""

from django.contrib import admin

from gongzhi.org.admin.audit import AuditedAdminMixin
from gongzhi.org.models import PartnerUnit, Party, PartyBinding, PartyOrg


class PartyBindingInline(admin.TabularInline):
    model = PartyBinding
    autocomplete_fields = ["node"]
    extra = 1


@admin.register(Party)
class PartyAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "force", "contact_name", "phone", "is_active"]
    list_filter = ["force", "is_active"]
    search_fields = ["name", "contact_name", "phone"]
    inlines = [PartyBindingInline]


@admin.register(PartnerUnit)
class PartnerUnitAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "node", "contact_name", "phone"]
    list_filter = ["kind"]
    search_fields = ["name", "contact_name", "phone", "node__name"]
    autocomplete_fields = ["node"]
    list_select_related = ["node"]


@admin.register(PartyOrg)
class PartyOrgAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "node", "secretary"]
    list_filter = ["kind"]
    search_fields = ["name", "node__name", "node__code"]
    autocomplete_fields = ["node", "secretary"]
    list_select_related = ["node", "secretary"]
