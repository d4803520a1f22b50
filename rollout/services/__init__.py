"""Every write of the rollout app, one module per subject."""
