"""The browser fixtures live in ``tests/browser/fixtures.py`` and are shared with every test
package through ``tests/conftest.py``."""
