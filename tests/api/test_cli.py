"""`segmint tokens …` and `segmint serve` as real subprocesses."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest
from tests.cli import segmint

from segmint import Workspace
from segmint.api.tokens import TokenError, create_token, list_tokens, revoke_token, verify_token
from segmint.config import CONFIG_FILE, load_settings


def test_tokens_create_list_revoke(template, tmp_path):
    shutil.copytree(template[0], tmp_path / "ws")
    ws_dir = str(tmp_path / "ws")
    made = segmint("tokens", "create", "--role", "editor", "--name", "ci", "--json", "-w", ws_dir)
    assert made.returncode == 0, made.stderr
    token = json.loads(made.stdout)
    assert token["role"] == "editor" and token["token"].startswith("sgm_")
    listed = segmint("tokens", "list", "--json", "-w", ws_dir)
    assert token["token"] not in listed.stdout
    assert token["token_id"] in [t["token_id"] for t in json.loads(listed.stdout)["tokens"]]
    with Workspace.open(ws_dir) as ws:
        assert verify_token(ws, token["token"]).role == "editor"
    assert segmint("tokens", "revoke", token["token_id"], "-w", ws_dir).returncode == 0
    with Workspace.open(ws_dir) as ws:
        assert verify_token(ws, token["token"]) is None
    with Workspace.open(ws_dir) as ws:  # the library's refusals (the CLI prints them as `Error: …`)
        with pytest.raises(TokenError, match="owner"):
            create_token(ws, "owner")
        with pytest.raises(TokenError, match="nope"):
            revoke_token(ws, "nope")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_prints_an_admin_token_that_works(template, tmp_path):
    shutil.copytree(template[0], tmp_path / "ws")
    with Workspace.open(tmp_path / "ws") as ws:
        for token in list_tokens(ws):
            revoke_token(ws, token.token_id)  # a workspace without a live token: serve makes one
    port, log = _free_port(), tmp_path / "serve.log"
    with log.open("w") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "segmint", "serve", "-w", str(tmp_path / "ws"), "--port", str(port)],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={**os.environ, "COLUMNS": "200"},
        )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, log.read_text()
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.3)
        found = re.search(r"ADMIN TOKEN: (sgm_\S+)", log.read_text())
        assert found, log.read_text()
        # the rest in the workspace's language, the demo shop's Ukrainian (it was English in every one)
        assert load_settings(tmp_path / "ws" / CONFIG_FILE).language == "uk"
        assert f"Робочий простір {tmp_path / 'ws'}: {base}" in log.read_text(), log.read_text()
        assert f"Вебінтерфейс: {base}/ui/" in log.read_text(), log.read_text()
        headers = {"Authorization": f"Bearer {found[1]}"}
        assert httpx.get(f"{base}/segments", timeout=10).status_code == 401
        answer = httpx.get(f"{base}/segments", headers=headers, timeout=30)
        assert answer.status_code == 200
        assert [s["name"] for s in answer.json()["segments"]] == ["Big spenders"]
        assert httpx.get(f"{base}/tokens", headers=headers, timeout=10).status_code == 200  # admin
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
