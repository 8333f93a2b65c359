"""The ingest run: read → triage → code → write → index (:class:`IngestRun`).

- :mod:`amity.pipeline.run`: ``IngestRun`` and ``executor_for`` (which executor the settings ask for)
- :mod:`amity.pipeline.triage`: new, changed, unchanged, duplicate and rejected input
- :mod:`amity.pipeline.coding`: ``code_batch(nlp, articles)``, the pure function workers run
- :mod:`amity.pipeline.executors`: the ``Executor`` protocol, in-process, process-pool and auto executors
- :mod:`amity.pipeline.cluster`: the Dask executor (``--cluster local:N`` / ``tcp://host:8786``)
- :mod:`amity.pipeline.window`: the ordered window all three executors share
- :mod:`amity.pipeline.write`, :mod:`amity.pipeline.report`: the write stage and what it reports
"""

from amity.pipeline.coding import batched, code_batch, doc_to_coded
from amity.pipeline.executors import (
    AutoExecutor,
    Executor,
    InProcessExecutor,
    Outcome,
    PoolExecutor,
)
from amity.pipeline.report import IngestReport, Progress, Written, count_written
from amity.pipeline.run import IngestRun, executor_for
from amity.pipeline.triage import TRIAGE_CHUNK, triage
from amity.pipeline.write import write_coded

__all__ = [
    "TRIAGE_CHUNK",
    "AutoExecutor",
    "Executor",
    "InProcessExecutor",
    "IngestReport",
    "IngestRun",
    "Outcome",
    "PoolExecutor",
    "Progress",
    "Written",
    "batched",
    "code_batch",
    "count_written",
    "doc_to_coded",
    "executor_for",
    "triage",
    "write_coded",
]
