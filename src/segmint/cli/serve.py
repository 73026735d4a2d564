"""`segmint serve`: the REST API (segmint.api) on uvicorn, by default on 127.0.0.1:8000."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from segmint.cli import wording
from segmint.cli.common import WorkspaceOption, console
from segmint.cli.main import app
from segmint.config import CONFIG_FILE
from segmint.store.workspace import resolve_path

DEMO_FOLDER = Path("demo-workspace")  # where `segmint demo` builds by default


@app.command()
def serve(
    workspace: WorkspaceOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the REST API and the web UI (/ui/). Without a workspace, the demo one (built in
    ./demo-workspace if missing). When the workspace has no live token yet, an admin token is made and
    printed once."""
    import uvicorn

    from segmint.api.app import create_app
    from segmint.api.tokens import create_token, has_live_token

    path = _workspace_path(workspace)
    api = create_app(path)
    ws = api.state.workspace.ws
    # opened by the app, not by open_workspace: said in its language too
    wording.use(ws.settings.language, ws.settings.families)
    if not has_live_token(ws):
        token, secret = create_token(ws, "admin", "first admin (segmint serve)")
        console.print(wording.say("serve_token", token=token.token_id), highlight=False)
        console.print(f"ADMIN TOKEN: {secret}", highlight=False, soft_wrap=True)
    url = f"http://{host}:{port}"
    console.print(wording.say("serve_serving", path=path, url=url), highlight=False)
    console.print(wording.say("serve_ui", url=url), highlight=False)
    uvicorn.run(api, host=host, port=port, log_level="info")


def _workspace_path(given: Path | None) -> Path:
    path = resolve_path(given)
    if given is not None or (path / CONFIG_FILE).exists():
        return path
    if not (DEMO_FOLDER / CONFIG_FILE).exists():
        import segmint

        console.print(f"No workspace here: building the demo shop in {DEMO_FOLDER} …")
        segmint.build_demo(DEMO_FOLDER)
        with segmint.Workspace.open(DEMO_FOLDER) as ws:
            segmint.refresh(ws)
    return DEMO_FOLDER
