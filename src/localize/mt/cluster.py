"""Machine translation on a Ray cluster: the texts a run must translate, as batch inference.

:class:`RayRunner` is a :data:`~localize.mt.memory.ChunkRunner`: the
translation memory hands it the chunks of texts it does not have, it sends them
through ``ray.data`` ``map_batches`` to a pool of actors, each holding one
CTranslate2 translator (:class:`ChunkTranslator`, loading the same package with
the same settings), and yields each chunk's outputs as they come back, to be
stored in the memory at once. Everything else (planning, masks, deciding what
is written, provenance) stays in :mod:`localize.mt.fill` on the machine that
runs ``localize``, so the catalogs are the ones a local run writes: every chunk
is one ``translate`` call, on a worker as here.

Models reach the workers in one of two ways (``ship_models``): *shared*, the
package folder is read at the same path on every node (a shared file system,
or the same image); *shipped*, the driver puts the package's files
(``metadata.json``, ``model/``, ``sentencepiece.model``) in Ray's object store and
each node unpacks them once into its temporary folder. Ray is an optional
extra (``pip install 'localize[ray]'``) and is imported only when a runner
starts.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from localize.errors import LocalizeError, ModelError
from localize.mt.engine import (
    CTranslate2Engine,
    DecodeSettings,
    Engine,
    PivotEngine,
    default_threads,
)
from localize.mt.models import ModelInfo

__all__ = ["ChunkTranslator", "RayError", "RayRunner", "engine_recipe"]

log = logging.getLogger(__name__)

_PACKAGE_FILES = ("metadata.json", "model", "sentencepiece.model")
INSTALL_RAY = "install Ray with: pip install 'localize[ray]'"
LOOPBACK_ONLY = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"  # "0": Ray's node address is 127.0.0.1


class RayError(LocalizeError):
    """Ray is missing, cannot be reached, or a worker failed."""


# --- Engines rebuilt on a worker -------------------------------------------------------------

def engine_recipe(engine: Engine, models: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What a worker needs to build the same engine: the model (a path, or shipped files in
    ``models`` by model name) and the decoding settings, with the threads resolved here."""
    if isinstance(engine, PivotEngine):
        return {"pivot": [engine_recipe(engine.first, models), engine_recipe(engine.second,
                                                                              models)]}
    if not isinstance(engine, CTranslate2Engine):
        raise RayError(f"engine {engine.name!r} cannot run on Ray; only installed Argos "
                       "packages (CTranslate2) can")
    intra = default_threads()[1]
    settings = engine.settings
    settings = replace(settings, inter_threads=1,  # one batch at a time: the pool is the fan-out
                       intra_threads=intra if settings.intra_threads is None
                       else settings.intra_threads)
    model = asdict(engine.model) | {"path": str(engine.model.path)}
    shipped = (models or {}).get(engine.model.name)
    return {"model": model, "settings": asdict(settings), "shipped": shipped}


def _build(recipe: Mapping[str, Any]) -> Engine:
    if "pivot" in recipe:
        first, second = (_build(part) for part in recipe["pivot"])
        return PivotEngine(first, second)
    model = ModelInfo(**(dict(recipe["model"]) | {"path": Path(recipe["model"]["path"])}))
    if recipe.get("shipped") is not None:
        model = replace(model, path=_unpacked(recipe["shipped"]))
    return CTranslate2Engine(model, DecodeSettings(**recipe["settings"]))


def _pack(model: ModelInfo) -> tuple[str, bytes]:
    """The package files a worker needs, as a tar archive, and its digest."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name in _PACKAGE_FILES:
            if (model.path / name).exists():
                tar.add(model.path / name, arcname=name, filter=_plain)
    data = buffer.getvalue()
    return hashlib.sha256(data).hexdigest(), data


def _plain(member: tarfile.TarInfo) -> tarfile.TarInfo:
    """A member without owner or time, so the archive's digest names its content (a node
    unpacks each model once, however often it is installed)."""
    member.uid = member.gid = 0
    member.uname = member.gname = ""
    member.mtime = 0
    return member


def _unpacked(shipped: Mapping[str, Any]) -> Path:
    """The shipped package unpacked once per node (in its temporary folder), then reused."""
    import ray

    digest = str(shipped["digest"])
    folder = Path(tempfile.gettempdir()) / "localize-models" / digest
    if not folder.is_dir():
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{digest[:12]}-", dir=folder.parent))
        with tarfile.open(fileobj=io.BytesIO(ray.get(shipped["ref"]))) as tar:
            for member in tar.getmembers():  # our own archive, but never outside the folder
                if not (member.isfile() or member.isdir()) or ".." in Path(member.name).parts \
                        or Path(member.name).is_absolute():
                    raise ModelError(f"unexpected member {member.name!r} in a shipped model")
            safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
            tar.extractall(staging, **safe)  # type: ignore[arg-type]
        try:
            os.rename(staging, folder)
        except OSError:  # another actor of this node was first: use its copy
            shutil.rmtree(staging, ignore_errors=True)
    return folder


class ChunkTranslator:
    """A Ray Data actor: one translator, built from a recipe, translating one chunk per row."""

    def __init__(self, recipe: Mapping[str, Any]) -> None:
        self.engine = _build(recipe)

    def __call__(self, batch: Mapping[str, Any]) -> dict[str, list[Any]]:
        outputs = [json.dumps(self.engine.translate(json.loads(str(texts))), ensure_ascii=False)
                   for texts in batch["texts"]]
        return {"index": [int(i) for i in batch["index"]], "outputs": outputs}


# --- The runner ------------------------------------------------------------------------------

@dataclass
class RayRunner:
    """Runs chunks of texts on Ray: ``address`` names a running cluster (``ray://host:10001``,
    ``host:6379`` or ``auto``); None starts a local instance for this run.

    ``ship_models`` (default: True with an address) sends the package files with the job
    instead of reading them at the same path on every node; ``actors`` caps the actor pool
    (default: one per CPU of the cluster).
    """

    address: str | None = None
    ship_models: bool | None = None
    actors: int | None = None
    cpus_per_actor: float = 1.0
    local_cpus: int | None = None  # CPUs of a local instance (default: all of this machine)
    chunks: int = 0  # chunks sent to Ray by this runner
    _started: bool = False
    _shipped: dict[str, dict[str, Any]] | None = None

    def __call__(self, engine: Engine, chunks: Sequence[Sequence[str]]
                 ) -> Iterator[tuple[int, list[str]]]:
        if not chunks:
            return
        ray, data = self._ray()
        recipe = engine_recipe(engine, self._models(engine))
        rows = [{"index": i, "texts": json.dumps(list(chunk), ensure_ascii=False)}
                for i, chunk in enumerate(chunks)]
        pool = max(1, min(len(chunks), self._pool_size(ray)))
        dataset = data.from_items(rows, override_num_blocks=len(rows)).map_batches(
            ChunkTranslator, fn_constructor_kwargs={"recipe": recipe}, batch_size=1,
            compute=data.ActorPoolStrategy(min_size=1, max_size=pool),
            num_cpus=self.cpus_per_actor)
        log.debug("sending %d chunks to Ray (%d actors at most)", len(chunks), pool)
        self.chunks += len(chunks)
        try:
            for row in dataset.iter_rows():
                yield int(row["index"]), list(json.loads(row["outputs"]))
        except Exception as err:  # a worker's failure arrives as Ray's own exception types
            if isinstance(err, LocalizeError):
                raise
            raise RayError(f"translation on Ray failed: {_first_line(err)}") from err

    def _ray(self) -> tuple[Any, Any]:
        if self.address is None:
            # A local instance for this run listens on the loopback address only (Ray
            # otherwise binds to the machine's network address) and reports no usage.
            os.environ.setdefault(LOOPBACK_ONLY, "0")
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        try:
            import ray
            import ray.data
        except ImportError as err:
            raise RayError(f"Ray is not installed; {INSTALL_RAY}") from err
        if not ray.is_initialized():
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                       "logging_level": logging.WARNING}
            if self.address is None:
                options["num_cpus"] = self.local_cpus
            else:
                import localize

                options["runtime_env"] = {"py_modules": [Path(localize.__file__).parent]}
            try:
                ray.init(address=self.address, **options)
            except (ConnectionError, RuntimeError, ValueError) as err:
                raise RayError(f"cannot connect to Ray at {self.address or 'a local instance'}: "
                               f"{_first_line(err)}") from err
            self._started = True
            context = ray.data.DataContext.get_current()
            context.enable_progress_bars = False
            logging.getLogger("ray.data").setLevel(logging.WARNING)
        return ray, ray.data

    def _pool_size(self, ray: Any) -> int:
        if self.actors is not None:
            return self.actors
        cpus = float(ray.cluster_resources().get("CPU", 1))
        return max(1, int(cpus // self.cpus_per_actor))

    def _models(self, engine: Engine) -> dict[str, Any] | None:
        """The shipped packages of ``engine``'s models, put in the object store once each."""
        if not (self.address is not None if self.ship_models is None else self.ship_models):
            return None
        import ray

        self._shipped = self._shipped or {}
        for model in _models_of(engine):
            if model.name not in self._shipped:
                try:
                    digest, data = _pack(model)
                except OSError as err:
                    raise ModelError(f"cannot read the model to ship it: {err}",
                                     path=model.path) from err
                self._shipped[model.name] = {"digest": digest, "ref": ray.put(data)}
        return self._shipped

    def close(self) -> None:
        """Disconnect from Ray (and stop the local instance) if this runner started it."""
        if self._started:
            import ray

            ray.shutdown()
            self._started = False
            self._shipped = None

    def __enter__(self) -> RayRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _models_of(engine: Engine) -> list[ModelInfo]:
    if isinstance(engine, PivotEngine):
        return _models_of(engine.first) + _models_of(engine.second)
    return [engine.model] if isinstance(engine, CTranslate2Engine) else []


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[-1] if text else type(err).__name__
