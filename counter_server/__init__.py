"""Counter server: ticket numbering, counter assignment, REST API (Flask + SQLAlchemy)."""
