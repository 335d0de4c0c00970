"""Page routes: thin handlers that call the same services as the JSON API."""
