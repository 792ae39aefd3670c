"""The ``casus`` program: the ``casus`` command (see ``[project.scripts]``) and ``python -m casus``."""

import gc

COLLECT_AFTER = 100_000
"""How many new container objects the cyclic garbage collector lets pass before it looks (Python's default: 700)."""


def run() -> None:
    """Run the command line in this process, which it then ends.

    A command makes most of its objects once (the modules, the compiled
    corpus) and keeps them until it ends.  With Python's default thresholds
    the collector walks them again and again while they are made, and once
    more at exit: some 15 % of a short command.  So it looks less often
    (it still runs, in a long ``casus serve``), and what is alive at the end
    is frozen, which the last collection skips.
    """
    gc.set_threshold(COLLECT_AFTER, *gc.get_threshold()[1:])
    try:
        from casus.cli import entry

        entry()
    finally:
        gc.freeze()


if __name__ == "__main__":
    run()
