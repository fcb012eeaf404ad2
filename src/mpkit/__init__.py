"""mpkit: auto-graded exercises that teach Python's multiprocessing.

Kept light on purpose: every sandboxed run's processes may import it.
"""

__version__ = "0.1.0"
