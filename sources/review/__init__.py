"""The review loop: a person confirms, fixes or adds claims; nothing is ever deleted."""
