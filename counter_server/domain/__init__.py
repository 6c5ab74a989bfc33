"""Queue rules in plain Python: no Flask, no SQLAlchemy. The service layer applies them."""
