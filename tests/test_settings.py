"""The service's settings (one frozen, strict object read once) and the CLI's global options."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from extract.errors import BoardpapersError, SettingsError
from service.cli import main
from service.config import ServiceSettings


def test_settings_are_frozen_and_reject_unknown_keys(tmp_path: Path) -> None:
    settings = ServiceSettings(data_dir=tmp_path)
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.token = "x"  # type: ignore[misc]
    with pytest.raises(SettingsError, match="unknown service setting"):
        ServiceSettings.from_dict({"data_dir": tmp_path, "tokn": "x"})
    with pytest.raises(SettingsError, match="passage_backend"):
        ServiceSettings(passage_backend="gpu")


def test_settings_come_from_flags_over_environment_over_defaults(tmp_path: Path) -> None:
    env = {
        "BOARDPAPERS_DATA_DIR": str(tmp_path / "from-env"),
        "BOARDPAPERS_TOKEN": " secret ",
        "BOARDPAPERS_MAX_UPLOAD_MB": "2.5",
        "BOARDPAPERS_PASSAGE_BACKEND": "onnx-float",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    settings = ServiceSettings.from_env(env)
    assert settings.data_dir == tmp_path / "from-env"
    assert settings.token == "secret" and settings.max_upload_bytes == int(2.5 * 1024 * 1024)
    assert settings.passage_backend == "onnx-float"
    assert settings.model_cache == tmp_path / "cache" / "boardpapers" / "models"
    flagged = ServiceSettings.from_env(env, data_dir=str(tmp_path / "flag"))
    assert flagged.data_dir == tmp_path / "flag"


def test_the_store_and_the_models_live_in_the_data_dir_by_default(tmp_path: Path) -> None:
    settings = ServiceSettings.from_env({}, data_dir=str(tmp_path))
    assert settings.store == f"sqlite:///{tmp_path / 'store.db'}"
    assert settings.sqlite_path == tmp_path / "store.db"
    assert settings.models_dir == tmp_path / "models"  # the passage model's cache too
    moved = ServiceSettings.from_env({"BOARDPAPERS_MODELS_DIR": str(tmp_path / "m")})
    assert moved.models_dir == tmp_path / "m"


def test_a_store_url_names_the_sqlite_file_and_an_unreachable_postgresql_fails_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "elsewhere" / "boardpapers.db"
    args = ["--data-dir", str(tmp_path / "d"), "--store", f"sqlite:///{db}", "status", "--json"]
    assert main(args) == 0
    assert db.is_file() and not (tmp_path / "d" / "store.db").exists()
    capsys.readouterr()
    # no server there: one line naming the store, never its password
    url = f"postgresql://user:s3cret@/boardpapers?host={tmp_path / 'no-socket'}"
    assert main(["--data-dir", str(tmp_path / "d"), "--store", url, "status"]) == 2
    err = capsys.readouterr().err
    assert "cannot reach the store" in err and err.count("\n") == 1
    assert "s3cret" not in err and "user:***@" in err
    with pytest.raises(BoardpapersError):
        ServiceSettings(store="mysql://x")


def test_global_options_work_after_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "after"
    assert main(["status", "--data-dir", str(data)]) == 0
    assert (data / "store.db").is_file()
    capsys.readouterr()
    # given both before and after, the one after the command wins; absent after, before holds
    assert main(["--data-dir", str(tmp_path / "before"), "status", "--data-dir", str(data)]) == 0
    assert not (tmp_path / "before").exists()


def test_asking_an_empty_store_says_nothing_has_been_indexed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "empty"
    assert main(["ask", "when did we last discuss school transport?", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "Nothing has been indexed yet" in out and str(data) in out
    assert main(["search", "school transport", "--data-dir", str(data)]) == 0
    assert "Nothing has been indexed yet" in capsys.readouterr().out


def test_the_api_notes_an_empty_store(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    data = c.get("/search", params={"q": "school transport", "mode": "bm25"}).json()
    assert data["results"] == []
    assert any("nothing has been indexed yet" in note for note in data["notes"])
