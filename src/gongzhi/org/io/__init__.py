"""Import and export of the org tree (GeoJSON) and of household rosters (Excel).

Every import validates the whole file first and writes nothing when any feature or row is
bad; the report names the feature or row, the field and the problem. A valid file is written
through ``org.services`` in one transaction, with one summary audit entry beside the entries
the services write for each object.
"""
