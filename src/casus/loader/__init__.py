"""From treaty files to the model: YAML with line numbers, the schema, checks."""
