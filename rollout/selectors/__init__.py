"""Every non-trivial read of the rollout app, one module per subject."""
