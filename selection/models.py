"""Vendors, criteria and the five seats' scorecards arrive with the selection issue (#6)."""
