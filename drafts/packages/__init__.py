"""Draft packages: amendments, their review, comments, meetings, stages and consolidation."""
