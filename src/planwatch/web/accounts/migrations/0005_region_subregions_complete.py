# Whether a region's sub-regions in the platform make up the whole of it: a region marked incomplete (全国 above the
# one district loaded) is never filled by a roll-up from its children (core.rollup).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_profile_language'),
    ]

    operations = [
        migrations.AddField(
            model_name='region',
            name='subregions_complete',
            field=models.BooleanField(default=True,
                                      help_text='取消勾选：平台中录入的下级地区不是本地区的全部（如全国之下只录入了一个区），'
                                                '本地区缺少的数据不再由下级地区汇总，只用本地区自己的数据',
                                      verbose_name='下辖地区已全部录入'),
        ),
    ]
