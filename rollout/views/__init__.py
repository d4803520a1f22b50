"""Thin views of the rollout app, one module per page family."""
