"""Sign-in: passwords, sessions, bearer tokens, and the user administration."""
