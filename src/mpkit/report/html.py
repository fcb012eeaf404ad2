"""Feedback as one self-contained web page: scores, what to fix, and process timelines.

`html_report(report)` builds the page with ElementTree (so every text from a
submission is escaped); each task's runs are drawn as inline SVG, one bar per
process from its start to its end, with marks where it printed and where it
was joined. No script, font or image is loaded from anywhere.
"""
from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path

from .results import ERROR, PASSED, Report
from .timeline import CHILD, MAIN, POOL_WORKER, label, notes

WIDTH, LEFT, RIGHT, ROW, TOP = 760, 200, 16, 24, 30
COLOURS = {MAIN: "#94a3b8", CHILD: "#3b82f6", POOL_WORKER: "#8b5cf6"}
OTHER_COLOUR = "#14b8a6"

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #1e293b; }
h1 { margin-bottom: 0.2em; } .total { font-size: 1.3em; }
section.task { border-top: 2px solid #cbd5e1; margin-top: 2em; }
.score { float: right; font-weight: bold; } .full { color: #15803d; }
ul.checks { list-style: none; padding-left: 0; } ul.checks li { margin: 0.4em 0; }
li.passed::before { content: "\\2713  "; color: #15803d; font-weight: bold; }
li.advice::before { content: "tip  "; color: #b45309; font-weight: bold; }
pre.prose { white-space: pre-wrap; background: #f8fafc; border: 1px solid #e2e8f0; padding: 0.6em; }
li.failed::before, li.error::before { content: "\\2717  "; color: #b91c1c; font-weight: bold; }
dl.why { margin: 0.3em 0 0.6em 1.6em; display: grid; grid-template-columns: 6em 1fr; gap: 0.2em 0.6em; }
dl.why dt { color: #64748b; } dl.why dd { margin: 0; white-space: pre-wrap; font-family: ui-monospace, monospace; }
.tag { color: #64748b; font-size: 0.85em; } figure { margin: 1em 0; } figcaption { color: #475569; }
svg.timeline { background: #f8fafc; border: 1px solid #e2e8f0; }
svg text { font: 11px ui-monospace, monospace; fill: #1e293b; } svg text.note { fill: #b91c1c; }
.legend { color: #475569; font-size: 0.9em; }
"""
LEGEND = ("Each bar is one process, from when it started to when it ended (time 0: your code began). "
          "\u25cf where it printed, \u25bc where its parent's join() returned. Red outline: never joined; "
          "dashed: still running when the run ended, stopped by the grader.")


def _sub(parent, tag, text=None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): str(v) for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def _step(span: float) -> float:
    """A round tick interval giving at most about 8 ticks."""
    raw = span / 8 or 1e-3
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _seconds(t: float) -> str:
    return f"{t * 1000:.0f} ms" if t < 1 else f"{t:.2f} s"


def timeline_svg(timeline: dict, task_id: str = "") -> ET.Element:
    """One run as SVG: a row per process (a `g.proc` holding exactly one `rect.bar`)."""
    rows = timeline["processes"]
    span = max(timeline["duration"], 1e-3)
    height = TOP + ROW * len(rows) + 8
    svg = ET.Element("svg", {
        "class": "timeline", "xmlns": "http://www.w3.org/2000/svg", "width": str(WIDTH), "height": str(height),
        "viewBox": f"0 0 {WIDTH} {height}", "role": "img", "data-task": task_id, "data-run": timeline["run"],
    })
    _sub(svg, "title", f"Processes of run {timeline['run']}: {timeline['what']}")

    def x(t: float) -> float:
        return round(LEFT + max(0.0, min(t, span)) / span * (WIDTH - LEFT - RIGHT), 1)

    step = _step(span)
    for i in range(int(span / step) + 1):
        t = i * step
        _sub(svg, "line", x1=x(t), x2=x(t), y1=TOP - 6, y2=height - 4, stroke="#e2e8f0")
        _sub(svg, "text", _seconds(t), x=x(t), y=TOP - 10, text_anchor="middle")
    for n, row in enumerate(rows):
        y = TOP + n * ROW
        said = notes(row)
        group = _sub(svg, "g", class_="proc", data_pid=row["pid"], data_role=row["role"],
                     data_never_joined=str(row["never_joined"]).lower())
        _sub(group, "text", label(row)[:26], x=6, y=y + 15)
        left, right = x(row["start"]), x(row["end"])
        style = {"fill": COLOURS.get(row["role"], OTHER_COLOUR)}
        if row["never_joined"]:
            style.update(stroke="#b91c1c", stroke_width=2.5)
        if row["still_running"]:
            style.update(stroke="#b91c1c", stroke_width=2, stroke_dasharray="5 3", fill_opacity=0.5)
        bar = _sub(group, "rect", class_="bar", x=left, y=y + 5, width=max(2.0, round(right - left, 1)),
                   height=ROW - 10, rx=3, data_start=row["start"], data_end=row["end"], **style)
        tip = f"{label(row)}: from {_seconds(row['start'])} to {_seconds(row['end'])}"
        _sub(bar, "title", "; ".join([tip] + said))
        for mark in row["prints"]:
            dot = _sub(group, "circle", class_="print", cx=x(mark["t"]), cy=y + ROW / 2, r=3.5,
                       fill="#0f172a" if mark["stream"] == "out" else "#b91c1c", data_t=mark["t"])
            _sub(dot, "title", f"printed to std{mark['stream']} at {_seconds(mark['t'])}")
        for join in row["joins"]:
            jx = x(join["t"])
            tick = _sub(group, "path", class_="join", d=f"M{jx - 5},{y + 1} L{jx + 5},{y + 1} L{jx},{y + 8} Z "
                        f"M{jx},{y + 8} L{jx},{y + ROW - 2}", fill="#15803d", stroke="#15803d", stroke_width=1.5,
                        data_t=join["t"], data_by=join["by"])
            _sub(tick, "title", f"joined by PID {join['by']} at {_seconds(join['t'])}")
        if said:
            room = WIDTH - RIGHT - right > 180
            _sub(group, "text", "; ".join(said)[:60], class_="note", x=right + 6 if room else left - 6,
                 y=y + 15, text_anchor="start" if room else "end")
    return svg


def _task_section(body, task, timelines: list) -> None:
    section = _sub(body, "section", class_="task", id=f"task-{task.task_id}", data_task=task.task_id)
    full = task.score == task.max_score
    heading = _sub(section, "h2", f"{task.task_id.upper()}. {task.title} ")
    _sub(heading, "span", f"{task.score:g} / {task.max_score:g}", class_="score full" if full else "score")
    checks = _sub(section, "ul", class_="checks")
    for check in task.checks:
        status = "advice" if check.advice and check.status != PASSED else check.status
        item = _sub(checks, "li", check.description, class_=status, data_check=check.check_id)
        if check.visibility == "hidden":
            _sub(item, "span", " (hidden check)", class_="tag")
        if check.status == PASSED:
            continue
        if check.status == ERROR:
            _sub(item, "p", "The grader itself failed on this check (a bug in the kit; please report it).")
            details = _sub(item, "details")
            _sub(details, "summary", "traceback")
            _sub(details, "pre", check.details)
            continue
        why = _sub(item, "dl", class_="why")
        for name, text in (("expected", check.expected), ("observed", check.observed), ("hint", check.hint)):
            if text:
                _sub(why, "dt", name)
                _sub(why, "dd", text)
    if not timelines:
        _sub(section, "p", "No run of this task finished, so there is no timeline.", class_="legend")
        return
    _sub(section, "h3", "What your processes did")
    _sub(section, "p", LEGEND, class_="legend")
    for timeline in timelines:
        figure = _sub(section, "figure")
        caption = f"{timeline['run']}: {timeline['what']} ({_seconds(timeline['duration'])}"
        _sub(figure, "figcaption", caption + (", stopped at the time limit)" if timeline["timed_out"] else ")"))
        figure.append(timeline_svg(timeline, task.task_id))


def html_report(report: Report) -> str:
    html = ET.Element("html", lang="en")
    head = _sub(html, "head")
    _sub(head, "meta", charset="utf-8")
    _sub(head, "title", f"{report.title}: feedback")
    _sub(head, "style", STYLE)
    body = _sub(html, "body")
    _sub(body, "h1", report.title)
    _sub(body, "p", f"Submission: {report.submission}")
    passed = sum(1 for c in report.checks if c.status == PASSED)
    _sub(body, "p", f"Total: {report.score:g} / {report.max_score:g} points ({passed} of {len(report.checks)} "
         "checks passed)", class_="total")
    if report.sandbox.get("text"):
        _sub(body, "p", report.sandbox["text"], class_="sandbox")
    for task in report.tasks:
        _task_section(body, task, report.timelines.get(task.task_id, []))
    if report.free_form:
        from ..freeform.report_html import free_form_sections

        free_form_sections(body, report.free_form, _sub)
    return "<!DOCTYPE html>\n" + ET.tostring(html, encoding="unicode", method="html") + "\n"


def write_html_report(report: Report, path: Path) -> Path:
    """Write the feedback page for one graded submission (what `mpkit grade --html` does)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html_report(report), encoding="utf-8")
    return path
