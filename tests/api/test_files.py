"""Files are served by name from the data folder only: no path leads outside it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from amity.app import create_app
from amity.core import Amity


@pytest.fixture
def files(amity: Amity, tmp_path: Path) -> TestClient:
    data = tmp_path / "data"
    (data / "exports").mkdir(parents=True)
    (data / "exports" / "events.csv").write_text("event_id\nabc\n")
    (tmp_path / "secret.txt").write_text("do not serve")
    os.symlink(tmp_path / "secret.txt", data / "link.txt")
    return TestClient(create_app(amity, data_dir=str(data)), raise_server_exceptions=False)


def test_a_file_in_the_data_folder_is_served(files: TestClient) -> None:
    response = files.get("/api/files/exports/events.csv")
    assert response.status_code == 200 and response.text == "event_id\nabc\n"


@pytest.mark.parametrize("name", ["../secret.txt", "..%2Fsecret.txt", "%2e%2e/secret.txt",
                                  "exports/../../secret.txt", "link.txt", "%2Fetc%2Fpasswd",
                                  "..\\secret.txt", ".hidden", "exports/%00events.csv"])
def test_no_path_escapes_the_data_folder(files: TestClient, name: str) -> None:
    response = files.get(f"/api/files/{name}")
    assert response.status_code == 404
    assert "do not serve" not in response.text


def test_without_a_data_folder_no_file_is_served(client: TestClient) -> None:
    assert client.get("/api/files/anything.txt").status_code == 404
