"""Scenario tests as data: a pytest plugin that runs YAML scenario files."""
