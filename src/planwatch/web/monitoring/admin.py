from django.contrib import admin

from .models import Observation, ObservationEvent


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("indicator", "region", "year", "value", "flag", "status", "simulated")
    list_filter = ("status", "simulated", "flag", "year")


admin.site.register(ObservationEvent)
