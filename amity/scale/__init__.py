"""Scale-out: parse-resolve-code on a Dask cluster (``amity ingest --cluster local:N``)."""

from amity.scale.engine import (
    ClusterSpec,
    code_batch,
    coded_from_dict,
    coded_to_dict,
    ingest_distributed,
    parse_cluster,
)

__all__ = [
    "ClusterSpec",
    "code_batch",
    "coded_from_dict",
    "coded_to_dict",
    "ingest_distributed",
    "parse_cluster",
]
