"""Manager reports: wait-time log, service statistics, on-time and satisfaction figures, charts
and exports. The database works out each ticket's figures (facts.py), once per closed day
(stored.py); figures.py groups them; the rest presents them."""
