from django.contrib import admin

from .models import Department, Profile, Region

admin.site.register(Region)
admin.site.register(Department)
admin.site.register(Profile)
