"""The domain model: instruments, scenarios and findings as plain data."""
