"""Forms of the rollout app (the gates); the rules themselves are checked again in the services."""
