"""Thin views of the roles app: people and roles (people.py), the four qualities (reviews.py)."""
