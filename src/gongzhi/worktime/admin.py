"""Admin pages; every change goes through the services (audit entry, clock stamp, checks)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gongzhi.worktime import services
from gongzhi.worktime.models import CalendarDay, WorkingHours
from gongzhi.worktime.periods import parse_periods, periods_to_json


class CalendarDayAdminForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name", "note"]

    def clean(self):
        cleaned = super().clean()
        date, kind = cleaned.get("date"), cleaned.get("kind")
        if date and kind:
            try:
                services.check_calendar_day(
                    day=date, kind=kind, name=cleaned.get("name", ""), note=cleaned.get("note", "")
                )
            except ValidationError as exc:
                raise ValidationError(exc.message_dict) from exc
        return cleaned


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    form = CalendarDayAdminForm
    list_display = ["date", "kind", "name", "note", "source", "updated_at"]
    list_filter = ["kind", "source"]
    search_fields = ["name", "note"]
    date_hierarchy = "date"
    actions = ["remove_selected"]

    def get_readonly_fields(self, request, obj=None):
        # A day's date is its identity: remove it and add the right one instead.
        return ["date", "source"] if obj else ["source"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        data = {k: form.cleaned_data.get(k, "") for k in ("kind", "name", "note")}
        if change:
            saved = services.calendar_day_update(day=obj, actor=request.user, **data)
        else:
            saved = services.calendar_day_add(
                date=form.cleaned_data["date"], actor=request.user, **data
            )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.calendar_day_remove(day=obj, actor=request.user)

    @admin.action(description=_("Remove the selected days"))
    def remove_selected(self, request, queryset):
        days = list(queryset)
        for day in days:
            services.calendar_day_remove(day=day, actor=request.user)
        messages.success(
            request,
            ngettext("%(n)d day removed.", "%(n)d days removed.", len(days)) % {"n": len(days)},
        )


class WorkingHoursAdminForm(forms.ModelForm):
    class Meta:
        model = WorkingHours
        fields = ["node", "periods", "note"]

    def clean_periods(self):
        periods = self.cleaned_data["periods"]
        try:
            return periods_to_json(parse_periods(periods))
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc

    def clean_node(self):
        node = self.cleaned_data["node"]
        try:
            services.check_hours_node(node)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return node


@admin.register(WorkingHours)
class WorkingHoursAdmin(admin.ModelAdmin):
    form = WorkingHoursAdminForm
    list_display = ["node", "periods", "note", "updated_at"]
    search_fields = ["node__name", "node__code"]
    raw_id_fields = ["node"]

    def get_readonly_fields(self, request, obj=None):
        # Moving a row to another node would be a new row: clear this one, set the other.
        return ["node"] if obj else []

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        saved = services.working_hours_set(
            node=obj.node,
            periods=form.cleaned_data["periods"],
            note=form.cleaned_data.get("note", ""),
            actor=request.user,
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.working_hours_clear(node=obj.node, actor=request.user)
