"""Notifications: what reaches a person's inbox, and the e-mail outbox that carries it."""
