# The interface language a person chose with the switch, remembered per user (planwatch.web.language).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_apitoken_expires'),
    ]

    operations = [
        migrations.AddField(
            model_name='profile',
            name='language',
            field=models.CharField(blank=True, choices=[('zh-hans', '简体中文'), ('en', 'English')],
                                   help_text='用页面上的语言切换按钮设定；留空为中文', max_length=10,
                                   verbose_name='界面语言'),
        ),
    ]
