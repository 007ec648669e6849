from tests.demo.fixtures import demo_db, demo_fixture  # noqa: F401

demo = demo_fixture()
