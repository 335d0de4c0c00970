"""The HTTP API, settings, sign-in and the `kanun` command line."""
