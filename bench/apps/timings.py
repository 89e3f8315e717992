"""What the kept-values apps measure inside their own runs (``bench.kept``
reads it in the same process): the first read of the kept value in each run,
and the physical floor, a C-level ``type()`` scan of the same list."""

first_read: list[float] = []
floor: list[float] = []
# Whether the apps time the floor too: only bench.kept asks (it is a scan of
# 100,000 objects, which the whole-rerun comparison should not include).
measure_floor = False
