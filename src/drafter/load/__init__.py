"""Reading untrusted YAML: `yaml.py` (the safe event loader, with locations) and `checks.py`
(located, typed checks every loader shares)."""
