"""Size limits for import files, checked before a file is parsed.

They bound the memory and time one upload can take. A deployment that needs more can split
its files; the command-line imports use the same limits as the web page.
"""

MB = 1024 * 1024

# GeoJSON is parsed whole into memory; 30 MB holds a district's grids with detailed boundaries.
GEOJSON_MAX_BYTES = 30 * MB
GEOJSON_MAX_FEATURES = 50_000

# An .xlsx is a zip; the limit on the unpacked size stops "zip bombs" that are small on disk.
ROSTER_MAX_BYTES = 20 * MB
ROSTER_MAX_UNPACKED_BYTES = 400 * MB
ROSTER_MAX_ROWS = 100_000
# The web page takes fewer rows: every row is written through the services (a few ms each),
# and on SQLite other writers wait while an import's transaction is open.
WEB_ROSTER_MAX_ROWS = 5_000
# Only this many columns of each row are read, whatever the sheet claims.
ROSTER_MAX_COLUMNS = 40

# The web page refuses a request body above this before reading the upload.
UPLOAD_MAX_BYTES = 20 * MB
