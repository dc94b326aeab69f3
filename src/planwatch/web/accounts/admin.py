from django.contrib import admin

from .models import ApiToken, Department, Profile, Region

admin.site.register(Region)
admin.site.register(Department)
admin.site.register(Profile)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "user", "created", "last_used", "expires")
    readonly_fields = ("key_hash", "created", "last_used")
