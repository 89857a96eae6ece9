"""The aid database: schema, migrations, seed data, queries, place resolution.

Other parts of the project import only :mod:`db.api`.
"""
