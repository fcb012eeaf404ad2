"""When each process of a run lived, printed and was joined: data and a text picture.

`run_timeline()` turns a RunRecord into plain JSON-able data (times in seconds
from the run's first recorded event), kept in the Report so that feedback
can be drawn after the runs are gone: as text here (`text_timeline`, for the
terminal) and as SVG in report/html.py.
"""
from __future__ import annotations

from ..sandbox.record import RunRecord

MAIN, CHILD, POOL_WORKER, OTHER = "main", "child", "pool worker", "process"
NS = 1e9


def _who(proc, main_pid) -> str:
    if proc.pid == main_pid:
        return MAIN
    if proc.is_pool_worker:
        return POOL_WORKER
    return CHILD if proc.is_mp_process else OTHER


def _target(proc) -> str | None:
    return proc.target.rsplit(".", 1)[-1] if proc.target else None


def run_timeline(name: str, what: str, record: RunRecord) -> dict:
    """The processes of one run (the grader's main process and every process it led to)."""
    events = record.events
    first = min((e["t"] for e in events), default=0)
    last = max((e["t"] for e in events), default=0)
    if record.timed_out:  # nothing is recorded while a run hangs; the bar lasts until it was stopped
        last = max(last, first + int(record.duration * NS))
    by_pid: dict = {}
    for e in events:
        by_pid.setdefault(e["pid"], []).append(e)
    others = sorted(record.all_processes(), key=lambda p: _start_ns(p, by_pid) or 0)
    procs = ([record.main] if record.main else []) + others
    # Time 0 is when the student's code began (not the interpreter's start-up before it).
    began = record.first("call_start") or record.first("run_start")
    starts = [t for t in (_start_ns(p, by_pid) for p in others) if t is not None]
    t0 = min([began["t"] if began else first] + starts)
    leftovers = set(record.leftovers)

    def secs(t) -> float:
        return round((t - t0) / NS, 6)

    rows = []
    for p in procs:
        own = by_pid.get(p.pid, [])
        start = _start_ns(p, by_pid)
        end_event = next((e for e in own if e["e"] in ("proc_end", "run_end")), None)
        still_running = p.pid in leftovers or (record.timed_out and end_event is None)
        if still_running:
            end = last
        elif end_event is not None:
            end = end_event["t"]
        else:
            end = max([e["t"] for e in own] + [t for _, _, t, _ in p.joins if t], default=start or t0)
        role = _who(p, record.main_pid)
        joins = [{"t": secs(t), "by": by} for by, code, t, _ in p.joins if code is not None]
        rows.append({
            "pid": p.pid,
            "ppid": p.ppid,
            "role": role,
            "target": _target(p),
            "start": secs(max(start, t0) if start is not None else t0),
            "end": secs(end),
            "still_running": still_running,
            "joins": joins,
            "prints": [{"t": secs(e["t"]), "stream": e.get("stream", "out")} for e in own if e["e"] == "print"],
            "out_bytes": p.out.size,
            "err_bytes": p.err.size,
            "exitcode": p.end_code,
            "never_joined": role == CHILD and not joins,
        })
    return {
        "run": name,
        "what": what,
        "start_method": record.start_method,
        "timed_out": record.timed_out,
        "duration": secs(last) if events else 0.0,
        "processes": rows,
    }


def _start_ns(proc, by_pid) -> int | None:
    """When the process came to be: its parent's start() or its own first record, whichever came first.

    On a busy machine a forked child may first run well after start() returned in the parent; the
    start() call is what the student's code did, so a late first record does not move the bar.
    """
    own = by_pid.get(proc.pid, [])
    times = [e["t"] for e in own if e["e"] == "born"][:1] + ([proc.start_seq[0]] if proc.start_seq else [])
    if not times and own:
        times = [own[0]["t"]]
    return min(times) if times else None


def label(row: dict) -> str:
    if row["role"] == MAIN:
        return f"PID {row['pid']} main"
    return f"PID {row['pid']} {row['target'] or row['role']}"


def notes(row: dict) -> list[str]:
    """What stands out about a process, in words."""
    said = []
    if row["never_joined"]:
        said.append("never joined")
    if row["still_running"]:
        said.append("still running when the run ended (stopped by the grader)")
    if row["exitcode"] not in (None, 0) and row["role"] == CHILD:  # a pool stops its workers itself
        said.append(f"exit code {row['exitcode']}")
    if row["out_bytes"] and not row["prints"]:
        said.append(f"wrote {row['out_bytes']} bytes to stdout")
    return said


def text_timeline(timeline: dict, width: int = 44) -> list[str]:
    """One line per process: `=` while it ran, `p` where it printed, `J` where it was joined."""
    span = max(timeline["duration"], 1e-6)

    def col(t: float) -> int:
        return min(width - 1, max(0, int(t / span * (width - 1) + 0.5)))

    head = f"{timeline['run']}: {timeline['what']} ({timeline['duration']:.3f} s"
    head += ", stopped at the time limit)" if timeline["timed_out"] else ")"
    out = [head]
    for row in timeline["processes"]:
        cells = [" "] * width
        for i in range(col(row["start"]), col(row["end"]) + 1):
            cells[i] = "="
        for mark in row["prints"]:
            cells[col(mark["t"])] = "p"
        for join in row["joins"]:
            cells[col(join["t"])] = "J"
        said = notes(row)
        out.append(f"  {label(row)[:24]:<24} |{''.join(cells)}|" + (f" {'; '.join(said)}" if said else ""))
    return out


TEXT_LEGEND = "(= running, p printed, J joined; time runs left to right)"
