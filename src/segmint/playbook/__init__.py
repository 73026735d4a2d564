"""The playbook: a recommended strategy and channel for every group of every built-in family, in English,
Ukrainian and Russian, changed per workspace by playbook.toml or [playbook] in segmint.toml
(docs/playbook.md).

    >>> from segmint.playbook import load_playbook
    >>> load_playbook().get("rfm_simple", "VIP").strategy["en"]
    'Exclusive offers and early access rather than discounts; personal service.'
"""

from segmint.playbook.defaults import DEFAULTS, LANGUAGES
from segmint.playbook.load import Play, Playbook, builtin, language, load_playbook

__all__ = ["DEFAULTS", "LANGUAGES", "Play", "Playbook", "builtin", "language", "load_playbook"]
