"""One router per resource; segmint.api.app includes them all."""
