"""Issue 18, the access log: one line per request with the key's id (never its token), method,
route template, status and duration, on `rootcause.access`; 401 and 403 leave a trace."""

from __future__ import annotations

import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from api_fakes import save_model

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^key=(?P<key>\S+) method=(?P<method>\S+) route=(?P<route>\S+) status=(?P<status>\d+) ms=(?P<ms>\d+\.\d)$")


def _access(caplog) -> list[dict[str, str]]:
    lines = [r.getMessage() for r in caplog.records if r.name == "rootcause.access"]
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    return [m.groupdict() for m in parsed if m]


def test_one_line_per_request_with_key_id_route_status_and_duration(client, keys, caplog):
    caplog.set_level(logging.INFO, logger="rootcause.access")
    r = client.get("/v1/contacts/jean.dupont@example.com?x=1", headers=keys("ingest"))
    assert r.status_code == 404
    client.post("/v1/classify", headers=keys("classify"), json={"text": "my parcel never arrived"})
    lines = _access(caplog)
    assert [(x["key"], x["method"], x["route"], x["status"]) for x in lines] == [
        (keys.ids["ingest"], "GET", "/v1/contacts/{contact_id}", "404"),
        (keys.ids["classify"], "POST", "/v1/classify", "200"),
    ]
    assert all(float(x["ms"]) >= 0 for x in lines)
    text = caplog.text
    assert "jean" not in text and "x=1" not in text and "parcel" not in text
    assert not any(token in text for token in keys.tokens.values())


def test_401_and_403_leave_a_trace_without_the_token(client, keys, caplog):
    caplog.set_level(logging.INFO, logger="rootcause.access")
    wrong = keys.tokens["admin"][:-4] + "XXXX"  # a real key's id, a wrong secret
    assert client.get("/v1/drivers").status_code == 401
    assert client.get("/v1/drivers", headers={"Authorization": f"Bearer {wrong}"}).status_code == 401
    assert client.get("/v1/drivers", headers={"Authorization": "Bearer hunter2-not-a-key"}).status_code == 401
    assert client.get("/v1/drivers", headers=keys("classify")).status_code == 403
    lines = _access(caplog)
    assert [(x["key"], x["route"], x["status"]) for x in lines] == [
        ("-", "/v1/drivers", "401"),
        ("-", "/v1/drivers", "401"),
        ("-", "/v1/drivers", "401"),
        (keys.ids["classify"], "/v1/drivers", "403"),
    ]
    assert wrong not in caplog.text and "hunter2" not in caplog.text
    assert keys.tokens["classify"] not in caplog.text


def test_a_refused_body_and_an_unmatched_path_are_logged_too(client, keys, caplog, settings):
    caplog.set_level(logging.INFO, logger="rootcause.access")
    big = {"contacts": [{"id": str(i), "text": "x" * 1000} for i in range(settings.max_request_bytes // 1000 + 1)]}
    assert client.post("/v1/contacts/batch", headers=keys("ingest"), json=big).status_code == 413
    assert client.get("/v1/no/such/route/jean.dupont@example.com").status_code == 404
    lines = _access(caplog)
    assert [(x["method"], x["route"], x["status"]) for x in lines] == [
        ("POST", "unmatched", "413"),  # refused before routing: no template yet, and never the path
        ("GET", "unmatched", "404"),
    ]
    assert "jean" not in caplog.text


def test_serve_logging_config_sends_the_access_log_where_asked(tmp_path):
    """`rootcause serve` configures the handlers (uvicorn applies them in every worker)."""
    code = (
        "import logging, logging.config, sys\n"
        "from rootcause.cli_serve import logging_config\n"
        "logging.config.dictConfig(logging_config(sys.argv[1]))\n"
        "logging.getLogger('rootcause.access').info('key=k1 method=GET route=/v1/drivers status=403 ms=1.0')\n"
        "logging.getLogger('rootcause.api').error('error e1: StoreError on POST /v1/contacts/batch')\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    r = subprocess.run([sys.executable, "-c", code, "stderr"], capture_output=True, text=True, env=env, check=True)
    assert "rootcause.access: key=k1 method=GET route=/v1/drivers status=403" in r.stderr
    assert "ERROR rootcause.api: error e1" in r.stderr and r.stdout == ""
    log = tmp_path / "logs" / "access.log"
    r = subprocess.run([sys.executable, "-c", code, str(log)], capture_output=True, text=True, env=env, check=True)
    assert "status=403" in log.read_text(encoding="utf-8") and "status=403" not in r.stderr
    assert "error e1" in r.stderr  # errors stay on stderr
    r = subprocess.run([sys.executable, "-c", code, "off"], capture_output=True, text=True, env=env, check=True)
    assert "status=403" not in r.stderr + r.stdout and "error e1" in r.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.timeout(180)
def test_rootcause_serve_writes_the_access_log(tmp_path):
    """The real server: its access log file gets a line per request, 401 and 403 included."""
    from rootcause.store import Store

    url = f"sqlite:///{tmp_path / 'rootcause.db'}"
    store = Store(url)
    store.migrate()
    key, token = store.create_key("crm", ["classify"])
    store.close()
    port, log = _free_port(), tmp_path / "access.log"
    paths = [str(Path(__file__).parent), *sys.path]  # the fake model's stub unpickles from api_fakes
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "ROOTCAUSE_DATA_DIR": str(tmp_path / "data")}
    cmd = [sys.executable, "-m", "rootcause.cli", "serve", "--port", str(port), "--model", str(save_model(tmp_path / "model")),
           "--database-url", url, "--access-log", str(log)]
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/v1"
    try:
        for _ in range(600):
            assert proc.poll() is None, proc.communicate()[1].decode()[-2000:]
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        auth = {"Authorization": f"Bearer {token}"}
        assert httpx.post(f"{base}/classify", headers=auth, json={"text": "refund"}).status_code == 200
        assert httpx.get(f"{base}/drivers", headers=auth).status_code == 403
        assert httpx.get(f"{base}/drivers", headers={"Authorization": "Bearer nope"}).status_code == 401
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    lines = log.read_text(encoding="utf-8").splitlines()
    tails = [line.split("rootcause.access: ", 1)[1].rsplit(" ms=", 1)[0] for line in lines]
    assert f"key={key.key_id} method=POST route=/v1/classify status=200" in tails
    assert f"key={key.key_id} method=GET route=/v1/drivers status=403" in tails
    assert "key=- method=GET route=/v1/drivers status=401" in tails
    assert token not in log.read_text(encoding="utf-8") + err.decode()
