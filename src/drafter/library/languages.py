"""The six official languages of the United Nations, as drafter names them.

A leaf module (it imports nothing of drafter), so that every part of the library — the model,
notes on sources, supplied versions — reads the same list. `LANGUAGES` lists the library's own
two first (the order texts are stored and printed in); `UN_ORDER` is the UN's own order, used
wherever the six are listed for a reader.
"""

from __future__ import annotations

LANGUAGES = ("en", "zh", "ar", "fr", "ru", "es")
UN_ORDER = ("ar", "zh", "en", "fr", "ru", "es")
LANGUAGE_NAMES = {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian",
                  "es": "Spanish"}
