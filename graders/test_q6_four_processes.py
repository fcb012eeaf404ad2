"""Grader for Q6: four processes, started together, each printing its own PID and number.

Which process wrote a line is known from the output files the kit gives each
process, never from what the line says.
"""
import re

from mpkit.grading import (RunSpec, check, describe_children, exit_code_hint, expect, fail, import_hint,
                           joined_by_main, no_leftovers, returned_value, shown, under_spawn)

TASK = "q6"
LINE = re.compile(r"^Process ID:\s*(\d{1,30})\s*-\s*Number:\s*(-?\d{1,30})$")
# The PID and the number as true_pids and numbers_one_to_four read them: a slip
# in the line's form ("number: 1.") is one_line_each's business only.
PID = re.compile(r"process\s*id\s*:?\s*(\d{1,30})(?!\d)", re.IGNORECASE)  # no 5000-digit int() of a line
NUMBER = re.compile(r"number\s*:?\s*(-?\d{1,30})(?!\d)", re.IGNORECASE)
RUNS = {
    "call": RunSpec(function="run_four_processes", hold_exits=True),
    "program": RunSpec(mode="program", hold_exits=True),
    "spawn": RunSpec(function="run_four_processes", start_method="spawn", hold_exits=True),
}


def four(run):
    children = run.own_children()
    if len(children) != 4:
        workers = run.pool_workers()
        others = workers or [p for p in run.all_processes() if not p.is_mp_process]
        fail(expected="exactly four child processes",
             observed=describe_children(children) if children
             else f"no multiprocessing.Process was started ({describe_children(others)} ran instead: "
             f"{'workers of a Pool' if workers else 'made with os.fork()'})" if others
             else "no child process was started",
             hint=import_hint(run, "Create one multiprocessing.Process for each number 1 to 4."))
    pids = {p.pid for p in children}
    expect(len(pids) == 4 and run.main_pid not in pids, expected="four distinct child PIDs",
           observed=f"PIDs {sorted(pids)}", hint="Start four separate Process objects.")
    return children


def lines_of(proc):
    return [line.strip() for line in proc.out.lines() if line.strip()]


def printed_nothing(proc) -> str:
    """What to say about a process with no line on standard output."""
    err = proc.err.text.strip()
    if err and any(LINE.match(line.strip()) for line in err.splitlines()):
        return f"{proc.label()} printed nothing on standard output; its line went to standard error: {err[:120]!r}"
    return f"{proc.label()} printed nothing"


def id_lines(run, pattern=LINE):
    """The lines of each child that `pattern` finds (pid -> matches); every child must
    print one. Extra lines are one_line_each's business only, so one mistake costs one check."""
    children = four(run)
    parent = [line for line in (run.main.out.lines() if run.main else []) if LINE.match(line.strip())]
    expect(not parent, expected="only the children to print the 'Process ID' lines",
           observed=f"the parent process printed {parent[:2]!r}",
           hint="Call print_number in the children (as the target), not in the parent.")
    found = {}
    for child in children:
        lines = lines_of(child)
        found[child.pid] = [m for m in map(pattern.search, lines) if m]
        if not lines:
            fail(expected=f"{child.label()} to print a line 'Process ID: <pid> - Number: <number>'",
                 observed=printed_nothing(child), hint='print_number should print(f"Process ID: ... - Number: ...") '
                 "to standard output (the default), and the child should end normally: os._exit() throws away "
                 "output not yet flushed.")
        if not found[child.pid]:
            fail(expected="a line of the form 'Process ID: <pid> - Number: <number>'",
                 observed=f"{child.label()} printed {lines[0]!r}",
                 hint='Use print(f"Process ID: {os.getpid()} - Number: {number}").')
    return found


def one_line_each(run):
    found = id_lines(run)
    for child in four(run):
        lines = lines_of(child)
        if len(lines) != 1:
            fail(expected=f"{child.label()} to print exactly one line",
                 observed=f"it printed {len(lines)} lines: {lines[:4]!r}",
                 hint="print_number prints one line with a single print call, and nothing else prints in the child.")
    return found


def true_pids(run):
    for pid, matches in id_lines(run, PID).items():
        for match in matches:
            printed = int(match.group(1))
            expect(printed == pid, expected="each line to show the PID of the process that printed it",
                   observed=f"the line printed by process {pid} says PID {printed}",
                   hint="Call os.getpid() inside print_number, in the child.")


def numbers(run):
    got = sorted(int(m.group(1)) for matches in id_lines(run, NUMBER).values() for m in matches)
    expect(got == [1, 2, 3, 4], expected="the numbers 1, 2, 3 and 4, each once", observed=f"numbers {got}",
           hint="Give each process its own number: args=(number,) for number in 1 to 4.")


def all_children_work(run):
    true_pids(run)
    numbers(run)


@check("four_children")
def test_four_children(runs):
    four(runs.returned("call"))


@check("one_line_each")
def test_one_line_each(runs):
    one_line_each(runs.returned("call"))


@check("true_pids")
def test_true_pids(runs):
    true_pids(runs.returned("call"))


@check("numbers_one_to_four")
def test_numbers_one_to_four(runs):
    numbers(runs.returned("call"))


@check("started_before_joined")
def test_started_before_joined(runs):
    run = runs.returned("call")
    children = four(run)
    # A join() that timed out still shows when the parent began to wait; an
    # is_alive() that found a child ended at a look (not in a loop) is no wait.
    # The runs hold each child at its exit until its parent waits for it
    # (RunSpec.hold_exits): a look always finds it running, and a loop of
    # looks is a wait when the hold ends for want of a wait call.
    joins = [(t, n) for p in children for by, _, t, n in p.joins if by == run.main_pid and (t, n) not in p.looks]
    joins += [(t, n) for p in children for by, t, n in p.join_calls if by == run.main_pid]
    expect(bool(joins), expected="the processes to be joined", observed="none of them was joined",
           hint="Start all four, then join all four.")
    first_join = min(joins)
    late = [p for p in children if p.start_seq > first_join]
    expect(not late, expected="all four processes started before the first join()",
           observed=f"{describe_children(late)} started only after the parent waited for an earlier process "
           "(join(), a wait on it, or a loop watching for its end), so the processes ran one after another",
           hint="Use two loops: one that starts every process, then one that joins every process.")
    gaps = serial_gaps(run, children)
    expect(gaps is None, expected="the four processes to run at the same time (all started before waiting for any)",
           observed="the processes ran one after another: each had ended before the next was started, and the "
           f"parent let {', '.join(f'{g / 1e9:.2f} s' for g in gaps or ())} pass between one start and the next "
           "(the operating system saw each process start and end)",
           hint="Start the next process right away, without sleeping or waiting in between: "
           "start all four in one loop, then join all four in a second loop.")


# The parent waited, without a wait call, for each child to end before starting
# the next (time.sleep between starts): the kernel saw the four lifetimes one
# after another, each child ended before the next was started, and the starts
# at least this far apart. Start to start, not end to start: a sleep of s
# seconds puts at least s between two starts however long the child took to
# end. An honest loop of starts puts the parent's own time between two
# start() calls: measured 1 to 19 ms on the loaded 2-core machine (observer and
# recorder on); children that end at once may then not overlap at all, so
# lifetimes alone do not tell. sleep(0.4) puts 400 ms.
SERIAL_GAP_NS = 200_000_000


def serial_gaps(run, children):
    """The three intervals (ns) between one child's start and the next one's,
    when the kernel saw the four run one after another (each ended before the
    next started), each interval at least SERIAL_GAP_NS; else None."""
    kernel = run.kernel
    if kernel is None or not kernel.usable:
        return None
    lives = []
    for child in children:
        first = child.start_seq[0] if child.start_seq else None
        mine = [k for k in kernel.incarnations(child.pid) if k.start_ns is not None and k.end_ns is not None
                and (first is None or k.start_ns <= first)]
        if not mine:
            return None
        lives.append(max(mine, key=lambda k: k.start_ns))
    lives.sort(key=lambda k: k.start_ns)
    # A child held at its exit (RunSpec.hold_exits) was over when its exit began.
    if any(b.start_ns <= (a.exit_ns or a.end_ns) for a, b in zip(lives, lives[1:])):
        return None
    gaps = [b.start_ns - a.start_ns for a, b in zip(lives, lives[1:])]
    return gaps if all(g >= SERIAL_GAP_NS for g in gaps) else None


@check("all_joined")
def test_all_joined(runs):
    run = runs.returned("call")
    for child in four(run):
        expect(joined_by_main(run, child), expected=f"{child.label()} to be joined before run_four_processes() returns",
               observed="it was not joined", hint="Call join() on each of the four processes.")
        expect(child.exitcode == 0, expected=f"{child.label()} to exit with code 0",
               observed=f"it exited with code {child.exitcode}",
               hint=exit_code_hint(child.exitcode))


@check("returns_processes")
def test_returns_processes(runs):
    run = runs.returned("call")
    children = four(run)
    value = returned_value(run)
    returned = [v.get("$process") if isinstance(v, dict) else None for v in value] if isinstance(value, list) else None
    expect(returned is not None and all(isinstance(pid, int) for pid in returned)
           and sorted(returned) == sorted(p.pid for p in children),
           expected="run_four_processes() to return a list of its four Process objects",
           observed=f"it returned {shown(value)}", hint="Return the list you kept the processes in.")


@check("program_runs")
def test_program_runs(runs):
    all_children_work(runs.finished("program"))


@check("works_under_spawn")
def test_works_under_spawn(runs):
    under_spawn(runs, all_children_work)


@check("no_leftover_processes")
def test_no_leftover_processes(runs):
    no_leftovers(runs)
