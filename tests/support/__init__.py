"""Test support: the local Bot API stand-in and the bots built against it."""
