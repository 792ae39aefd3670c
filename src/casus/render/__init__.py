"""Views of engine results: terminal tables and JSON. No logic lives here."""
