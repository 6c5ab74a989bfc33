"""The paper forms of Circular 03/2025/TT-VPCP (Annex I), printed from the officer's browser as
HTML and made into PDF from the same HTML (WeasyPrint, Roboto embedded)."""
