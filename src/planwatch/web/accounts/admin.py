from django.contrib import admin

from .models import ApiToken, Department, Profile, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "level", "parent", "population", "subregions_complete")
    list_editable = ("subregions_complete",)
    list_filter = ("level", "subregions_complete")


admin.site.register(Department)
admin.site.register(Profile)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "user", "created", "last_used", "expires")
    readonly_fields = ("key_hash", "created", "last_used")
