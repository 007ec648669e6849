"""The task the scheduler enqueues for each due job; the task worker runs it."""

from django_tasks import task

from gongzhi.core.jobs import run_job


@task()
def run_scheduled_job(name: str) -> str | None:
    return run_job(name)
