"""Importers: turn other data sets into casus treaty files (one job per module)."""
