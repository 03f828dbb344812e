"""What each CLI command does, callable without the CLI (tests call these directly)."""
