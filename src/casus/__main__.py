from casus.cli import entry

entry()
