"""ui.memory: the objects alive at the end of each page's first run are set aside from the collector."""

import gc

from ui import memory


def test_each_pages_first_run_freezes_what_is_alive_and_later_runs_do_not():
    try:
        made = [[] for _ in range(1000)]  # tracked objects that are alive at the freeze
        before = gc.get_freeze_count()
        memory.freeze_once("a page of this test")
        frozen = gc.get_freeze_count()
        assert frozen >= before + len(made)
        more = [[] for _ in range(1000)]
        memory.freeze_once("a page of this test")  # its second run: nothing more
        assert gc.get_freeze_count() == frozen
        memory.freeze_once("another page of this test")  # another page's first run
        assert gc.get_freeze_count() >= frozen + len(more)
    finally:
        gc.unfreeze()
