"""The one ordered window every executor codes through: batches go out in input order,
results come back in input order, and at most ``limit`` batches are pending at a time, so
memory stays bounded however long the input is and the input is read lazily."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class Pending(Protocol[R_co]):
    """A submitted batch: ``concurrent.futures.Future`` and ``distributed.Future`` both fit."""

    def result(self) -> R_co: ...

    def cancel(self) -> object: ...


class Done(Generic[R]):
    """A batch computed on the spot (the in-process executor)."""

    def __init__(self, value: R) -> None:
        self._value = value

    def result(self) -> R:
        return self._value

    def cancel(self) -> bool:
        return False


def in_order(batches: Iterable[T], submit: Callable[[T], Pending[R]], limit: int) -> Iterator[R]:
    """``submit`` each batch and yield the results in submission order, with at most
    ``limit`` batches pending; pending batches are cancelled if the caller stops early."""
    pending: deque[Pending[R]] = deque()
    try:
        for batch in batches:
            pending.append(submit(batch))
            if len(pending) >= max(1, limit):
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
