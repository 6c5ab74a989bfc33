"""Manager reports: wait-time log, service statistics, on-time and satisfaction figures, charts
and exports. The figures are computed in the database (figures.py); the rest presents them."""
