"""The engine: evaluate scenarios against a loaded corpus."""
