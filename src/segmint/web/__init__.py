"""The web UI: server-rendered pages (Jinja, autoescaped) with htmx for the live parts, on the API's app.

Pages live under /ui/ so they never collide with the JSON routes; every script and style is served by the
app itself (htmx from the django-js-lib-htmx wheel, plotly.js from the plotly package), so the UI works on
a closed network. docs/web.md describes the pages, the session cookie and the CSRF checks.

The wiring onto the app (pages, static files, error pages) is in segmint.web.app; this package imports
nothing, so its plain-data modules (strings, strings_ru) load without FastAPI and every page: the HTML
report reads the UI's words from them.
"""
