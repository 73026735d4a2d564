"""One router per page (or group of pages) of the web UI."""
