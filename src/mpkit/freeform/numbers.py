"""The numbers a process printed (Q6: "each process should print a different number").

Read from what the process wrote on its standard output (the kit's own
record of who wrote what), with what differs by itself left out:

- PIDs (os.getpid(), os.getppid()): a process that prints nothing else has
  printed a number all the same (advice `number_given` says the rest);
- names multiprocessing gives processes ("Process-2"): a name, not a number;
- clock readings: time.time() and time.time_ns() (ten digits or more),
  dates and times of day ("2026-12-02 19:06:58.123", "19:06:58",
  time.ctime()'s "Wed Dec  2 19:06:58 2026"): the moment a process printed
  is not a number it was given, and the same program prints other ones on
  every run;
- labels: a number followed by ":", "=" or "->" when a number follows it on
  the same line ("Process 3: 5" prints 5: four processes printing
  "Process i: 5" all print 5; "Process 2: 2" prints 2).
"""
from __future__ import annotations

import re

from ..sandbox.record import Proc, RunRecord

_DAYS = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_TIME = r"\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?(?:\s?[AP]M)?(?:[+-]\d{2}:?\d{2}|Z)?"
CLOCK = re.compile("|".join([
    rf"\d{{4}}-\d{{2}}-\d{{2}}(?:[ T]{_TIME})?",  # datetime.now(), logging's asctime
    rf"{_DAYS}\s+{_MONTHS}\s+\d{{1,2}}\s+{_TIME}\s+\d{{4}}",  # time.ctime()
    rf"\d{{1,2}}/\d{{1,2}}/\d{{2,4}}(?:,?\s+{_TIME})?",  # strftime("%d/%m/%Y")
    _TIME,  # strftime("%H:%M:%S"), datetime.now().time()
]))
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_LABEL_END = re.compile(r"\s*(?::|->|=>|=)")


def _line_numbers(line: str, pids: set) -> tuple[list, list]:
    """(numbers, PIDs) of one line, clocks and labels left out."""
    line = CLOCK.sub(lambda m: " " * len(m.group()), line)
    found, pid_values = [], []
    for match in _NUMBER.finditer(line):
        start = match.start()
        if start and (line[start - 1].isalnum() or line[start - 1] in "_."):
            continue  # part of a word or of a number: "x2", "Process_3"
        text = match.group()
        if len(text) > 40:
            continue  # no process's number: a run of digits (int() of 4300 or more digits would raise)
        value = float(text) if "." in text else int(text)
        if isinstance(value, int) and abs(value) in pids:
            pid_values.append(value)
        elif abs(value) >= 1e9:
            continue  # a clock reading: time.time(), time.time_ns()
        else:
            found.append((value, bool(_LABEL_END.match(line, match.end()))))
    numbers = [v for i, (v, label) in enumerate(found) if not (label and i < len(found) - 1)]
    return numbers, pid_values


def numbers_of(run: RunRecord, proc: Proc) -> tuple[tuple, bool]:
    """The numbers in what `proc` printed on standard output, and whether they are only PIDs."""
    text = proc.out.text
    for other in run.procs.values():
        for name in {other.name} - {None, ""}:
            text = text.replace(name, " ")
    pids = set(run.procs) | {p.ppid for p in run.procs.values() if p.ppid}
    found, only_pids = [], []
    for line in text.splitlines():
        numbers, pid_values = _line_numbers(line, pids)
        found += numbers
        only_pids += pid_values
    return (tuple(found), False) if found else (tuple(only_pids), bool(only_pids))


def printed_numbers(run: RunRecord, proc: Proc) -> tuple:
    """The numbers `proc` printed (see numbers_of)."""
    return numbers_of(run, proc)[0]
