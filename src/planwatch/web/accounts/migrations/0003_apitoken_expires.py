# API tokens expire (90 days by default). Tokens that exist when this runs get 90 days from then.

from django.db import migrations, models

import planwatch.web.accounts.models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_apitoken'),
    ]

    operations = [
        migrations.AddField(
            model_name='apitoken',
            name='expires',
            field=models.DateTimeField(default=planwatch.web.accounts.models._token_expiry, verbose_name='到期'),
        ),
        migrations.AlterField(
            model_name='apitoken',
            name='created',
            field=models.DateTimeField(auto_now_add=True, verbose_name='创建'),
        ),
        migrations.AlterField(
            model_name='apitoken',
            name='last_used',
            field=models.DateTimeField(blank=True, null=True, verbose_name='最近使用'),
        ),
    ]
