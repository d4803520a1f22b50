"""Thin views of the roles app: people and roles (people.py), passwords (passwords.py)."""
