from django.contrib import admin

from .models import Commitment, Indicator, Plan, Project, Task


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("no", "name", "unit", "attribute", "kind", "lead")
    list_filter = ("plan", "attribute", "kind", "lead")


admin.site.register(Plan)
admin.site.register(Task)
admin.site.register(Project)
admin.site.register(Commitment)
