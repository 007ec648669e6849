"""Static files in production: WhiteNoise's compressed, hashed storage, made by collectstatic.

Names are hashed (``site.3f2a….css``) so browsers may cache them for a year. A process started
without collectstatic still renders its pages (with plain names) rather than failing on a
missing manifest; docs/deployment.md runs collectstatic before the web processes start.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    def hashed_name(self, name, content=None, filename=None):
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:  # not collected: serve the plain name
            return name
