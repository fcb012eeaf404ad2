"""The free-form part of the HTML report: where each answer was found, and
the prose answers (Q1, Q2, Q4) for the instructor to grade by hand."""
from __future__ import annotations


def free_form_sections(body, free_form: dict, sub) -> None:
    """Append to the page's body (ElementTree, so every text is escaped); `sub` is html_report's _sub."""
    section = sub(body, "section", class_="task", id="free-form-found")
    sub(section, "h2", f"Where the answers were found in {free_form['source']}")
    found = sub(section, "ul", class_="checks")
    for task_id, entry in free_form["questions"].items():
        if entry.get("missing"):
            sub(found, "li", f"{task_id.upper()}: not found", class_="failed", data_question=task_id)
            continue
        said = f"{task_id.upper()}: found by {entry['found_by']}"
        if entry.get("answer") == "code":
            said += f"; program from {', '.join(entry.get('cells') or []) or 'no code cell'}"
        item = sub(found, "li", said, class_="passed", data_question=task_id)
        for why in entry.get("left_out") or []:
            sub(item, "p", f"left out {why}", class_="tag")
        if entry.get("imports_from_earlier_cells"):
            sub(item, "p", "imports from earlier cells: " + "; ".join(entry["imports_from_earlier_cells"]), class_="tag")
        if entry.get("definitions_from_earlier_cells"):
            sub(item, "p", "definitions from earlier cells: " + "; ".join(entry["definitions_from_earlier_cells"]),
                class_="tag")
    prose = sub(body, "section", class_="task", id="free-form-prose")
    sub(prose, "h2", "Answers in words (graded by hand)")
    for task_id, entry in free_form["questions"].items():
        if entry.get("answer") != "prose":
            continue
        sub(prose, "h3", f"{task_id.upper()}. {entry['asks']}")
        if entry.get("missing"):
            sub(prose, "p", "Not answered: no part of the notebook names this question.", class_="legend")
        else:
            sub(prose, "pre", entry.get("prose") or "(the part has no text)", class_="prose", data_question=task_id)
