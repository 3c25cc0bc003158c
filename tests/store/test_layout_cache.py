"""The index keeps a few documents' layouts parsed: bounded by the memory they hold, not by their JSON's length (a
parsed list of runs holds some eight times its JSON), the least recently read going first, safe between threads."""

from __future__ import annotations

import gc
import sys
import threading
import tracemalloc

from askdocs.ingest.layout import Layout
from askdocs.store.rows import LayoutCache


def _raw(runs: int, seed: int) -> str:
    """The stored JSON of a layout recording `runs` escape runs (as a log full of colour codes does)."""
    return Layout(blanked=tuple((seed + i * 20, seed + i * 20 + 5, i % 2) for i in range(runs))).to_json()


def test_the_layouts_kept_hold_well_under_the_budget_in_memory() -> None:
    raws = [_raw(100_000, seed) for seed in range(4)]  # 1.7 MB of JSON each, some 13 MB parsed
    cache = LayoutCache()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for raw in raws:
            cache.parsed(raw)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held < 40 * 1024 * 1024, f"{held / 2**20:.0f} MB kept"
    assert cache.parsed(raws[-1]) is cache.parsed(raws[-1])  # the last read is kept


def test_a_layout_read_again_stays_the_least_recently_read_goes() -> None:
    a, b, c = (_raw(10, seed) for seed in range(3))
    cache = LayoutCache(documents=2)
    kept_a, kept_b = cache.parsed(a), cache.parsed(b)
    assert cache.parsed(a) is kept_a  # read again: now the most recent
    cache.parsed(c)
    assert cache.parsed(a) is kept_a and cache.parsed(b) is not kept_b


def test_threads_sharing_the_cache_keep_its_count_true() -> None:
    raws = [_raw(20, seed) for seed in range(12)]
    cache = LayoutCache(limit=5 * (LayoutCache.BYTES_PER_CHAR * len(raws[0]) + 1024))
    errors: list[BaseException] = []

    def read(offset: int) -> None:
        try:
            for i in range(3000):
                assert cache.parsed(raws[(i + offset) % len(raws)]).blanked
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    workers = [threading.Thread(target=read, args=(n,)) for n in range(4)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns often, as they would on a busy machine
    try:
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    finally:
        sys.setswitchinterval(interval)
    assert not errors, errors
    kept = cache._kept  # noqa: SLF001 - the count the bound is kept by
    assert cache.size == sum(cache._cost(raw) for raw in kept) <= 5 * cache._cost(raws[0])  # noqa: SLF001
