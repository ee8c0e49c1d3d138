"""The service's settings: one frozen object that rejects unknown keys (like
:class:`extract.settings.ExtractSettings`), read from flags and the environment ONCE, at the
edge (the CLI's ``main``, or ``create_app``/``Indexer`` when given none), and passed in.

| setting | flag | environment | default |
| --- | --- | --- | --- |
| ``data_dir`` | ``--data-dir`` | ``BOARDPAPERS_DATA_DIR`` | ``./data`` |
| ``store`` | ``--store`` | ``BOARDPAPERS_STORE`` | ``sqlite:///<data_dir>/store.db`` |
| ``models_dir`` | | ``BOARDPAPERS_MODELS_DIR`` | ``<data_dir>/models`` |
| ``model_cache`` | | ``XDG_CACHE_HOME`` | ``~/.cache/boardpapers/models`` |
| ``embed_backend`` | | ``BOARDPAPERS_EMBED_BACKEND`` | ``auto`` |
| ``passage_backend`` | | ``BOARDPAPERS_PASSAGE_BACKEND`` | ``auto`` |
| ``token`` | | ``BOARDPAPERS_TOKEN`` | none (writes refused) |
| ``max_upload_mb`` | | ``BOARDPAPERS_MAX_UPLOAD_MB`` | 100 |

``models_dir`` holds every model file a store uses (the int8 query model, the passage model's
export or bf16 check); ``model_cache`` is a machine-wide copy of those files that a new data
directory links from instead of exporting them again (empty: none).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from extract.errors import SettingsError

DEFAULT_DATA_DIR = Path("data")
EMBED_BACKENDS = ("auto", "torch", "onnx")
PASSAGE_BACKENDS = ("auto", "torch-bf16", "onnx-float", "onnx-int8", "torch")
STORE_SCHEMES = ("sqlite", "postgresql")
DEFAULT_MAX_UPLOAD_MB = 100.0

# setting -> environment variable (read once, by from_env)
ENVIRONMENT = {
    "data_dir": "BOARDPAPERS_DATA_DIR",
    "store": "BOARDPAPERS_STORE",
    "models_dir": "BOARDPAPERS_MODELS_DIR",
    "embed_backend": "BOARDPAPERS_EMBED_BACKEND",
    "passage_backend": "BOARDPAPERS_PASSAGE_BACKEND",
    "token": "BOARDPAPERS_TOKEN",
    "max_upload_mb": "BOARDPAPERS_MAX_UPLOAD_MB",
}


def _user_cache(environ: Mapping[str, str]) -> Path:
    base = environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "boardpapers" / "models"


@dataclass(frozen=True, slots=True)
class ServiceSettings:
    data_dir: Path = DEFAULT_DATA_DIR
    store: str = ""  # a URL; "" means sqlite:///<data_dir>/store.db
    models_dir: Path | None = None  # None means <data_dir>/models
    model_cache: Path | None = None  # machine-wide copies of model files; None: none
    embed_backend: str = "auto"  # the query model
    passage_backend: str = "auto"  # the model that embeds stored passages
    token: str | None = None  # the bearer token of write routes; None: writes refused
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB

    def __post_init__(self) -> None:
        data_dir = Path(self.data_dir).expanduser()
        set_ = object.__setattr__
        set_(self, "data_dir", data_dir)
        set_(self, "store", (self.store or "").strip() or f"sqlite:///{data_dir / 'store.db'}")
        models = Path(self.models_dir).expanduser() if self.models_dir else data_dir / "models"
        set_(self, "models_dir", models)
        set_(self, "token", (self.token or "").strip() or None)
        for name, allowed in (
            ("embed_backend", EMBED_BACKENDS),
            ("passage_backend", PASSAGE_BACKENDS),
        ):
            value = (getattr(self, name) or "auto").strip().lower()
            if value not in allowed:
                raise SettingsError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
            set_(self, name, value)
        try:
            mb = float(self.max_upload_mb)
        except (TypeError, ValueError):
            raise SettingsError(
                f"BOARDPAPERS_MAX_UPLOAD_MB is not a number: {self.max_upload_mb!r}"
            ) from None
        if mb <= 0:
            raise SettingsError(f"the upload limit must be positive, not {mb} MB")
        set_(self, "max_upload_mb", mb)
        self.store_scheme  # noqa: B018 - a URL of an unknown kind fails here, at the edge

    # ---------------------------------------------------------------- building
    @classmethod
    def from_dict(cls, values: Mapping[str, Any] | None = None) -> ServiceSettings:
        values = dict(values or {})
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise SettingsError(f"unknown service setting(s): {', '.join(unknown)}")
        return cls(**values)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **flags: Any) -> ServiceSettings:
        """Flags (``None``: not given) over the environment over the defaults."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name, var in ENVIRONMENT.items():
            raw = env.get(var, "").strip()
            if raw:
                values[name] = raw
        values["model_cache"] = _user_cache(env)
        values.update({k: v for k, v in flags.items() if v is not None})
        return cls.from_dict(values)

    def replace(self, **changes: Any) -> ServiceSettings:
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        if "data_dir" in changes:  # derived paths follow a new data dir unless given
            values.update(store="", models_dir=None)
        return ServiceSettings.from_dict({**values, **changes})

    # ---------------------------------------------------------------- the store
    @property
    def store_scheme(self) -> str:
        scheme = urlparse(self.store).scheme.lower()
        if scheme in ("postgres", "postgresql+psycopg"):
            scheme = "postgresql"
        if scheme not in STORE_SCHEMES:
            raise SettingsError(
                f"the store URL must start with sqlite:/// or postgresql://, not {self.store!r}"
            )
        return scheme

    @property
    def sqlite_path(self) -> Path:
        """The SQLite file of a ``sqlite:///PATH`` store (``sqlite:////abs`` or
        ``sqlite:///rel``, as SQLAlchemy spells them)."""
        if self.store_scheme != "sqlite":
            raise SettingsError(f"{self.store!r} is not a SQLite store URL")
        path = unquote(self.store.split(":", 1)[1])
        if not path.startswith("///"):
            raise SettingsError(f"a SQLite store URL is sqlite:///PATH, not {self.store!r}")
        return Path(path[3:]).expanduser()

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)


def resolve_data_dir(cli_value: str | None = None) -> Path:
    """--data-dir, else $BOARDPAPERS_DATA_DIR, else ./data."""
    return ServiceSettings.from_env(data_dir=cli_value).data_dir
