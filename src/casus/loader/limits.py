"""The limits on reading one treaty file (see docs/treaty-format.md, "Folders, checking and limits").

Kept apart so that code which only needs the numbers does not import the YAML parser.
"""

MAX_BYTES = 1_000_000
"""The largest treaty file read, in bytes (the largest built-in one is about 32 kB)."""
MAX_DEPTH = 64
"""The deepest nesting of lists and mappings (built-in files nest about a dozen levels)."""
MAX_VALUES = 100_000
"""The most values a file may hold once its aliases are expanded (built-in files hold a few thousand)."""
