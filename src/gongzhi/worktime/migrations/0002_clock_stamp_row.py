from django.db import migrations


def create_stamp(apps, schema_editor):
    # The single row every calendar write locks first, so that concurrent writers queue.
    apps.get_model("worktime", "ClockStamp").objects.get_or_create(pk=1, defaults={"token": ""})


class Migration(migrations.Migration):
    dependencies = [("worktime", "0001_initial")]

    operations = [migrations.RunPython(create_stamp, migrations.RunPython.noop)]
