from django.contrib import admin

from .models import ProgressUpdate, SupervisionNotice

admin.site.register(ProgressUpdate)
admin.site.register(SupervisionNotice)
