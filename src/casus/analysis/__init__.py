"""Analyses over a loaded corpus: treaty comparison, timelines, the alliance network on a date.

These read the model (and, where they need a finding, the engine); the
command line and the renderers sit on top of them.
"""
