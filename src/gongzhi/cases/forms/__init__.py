"""Forms of the case pages: they parse input; the services decide and write."""
