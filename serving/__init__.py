"""How the assistant is served: Rasa extensions configured in endpoints.yml (no dialogue logic)."""
