"""Text to normalised float32 vectors; encoders.choose is the one place that picks the encoder."""
