"""The ordered window every executor codes through: input order out, bounded read-ahead,
nothing left running when the caller stops."""

from __future__ import annotations

from amity.pipeline.window import in_order


class Pending:
    """A submitted batch whose result is ready when asked; remembers being cancelled."""

    def __init__(self, value: int) -> None:
        self.value, self.cancelled = value, False

    def result(self) -> int:
        return self.value * 10

    def cancel(self) -> bool:
        self.cancelled = True
        return True


def test_results_come_back_in_input_order_with_at_most_limit_batches_pending() -> None:
    submitted: list[Pending] = []

    def submit(batch: int) -> Pending:
        submitted.append(Pending(batch))
        return submitted[-1]

    stream = in_order(iter(range(10)), submit, limit=3)
    assert next(stream) == 0
    assert len(submitted) == 3, "read more than the window ahead of the first result"
    assert list(stream) == [10 * n for n in range(1, 10)]


def test_batches_still_pending_when_the_caller_stops_are_cancelled() -> None:
    submitted: list[Pending] = []

    def submit(batch: int) -> Pending:
        submitted.append(Pending(batch))
        return submitted[-1]

    stream = in_order(range(10), submit, limit=3)
    assert next(stream) == 0
    stream.close()  # as when the run is interrupted
    assert [p.cancelled for p in submitted] == [False, True, True]
