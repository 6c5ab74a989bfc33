"""python -m counter_server: the same as the counter-server command."""
from .cli import main

main()
