"""End-to-end evaluation of understanding: blind conversation sets scored through
the REST channel (the right figure, in the right language; honest no-data answers).
See evaluation/README.md."""
