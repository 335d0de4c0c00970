"""The demo: a sample social-services law and what is seeded with it."""
