# attack: a Q1 whose child never finds its own PID: the parent prints child.pid and the child reads it in the parent's captured output file in the run's folder; the parent returns what the child sends back
# task: q1
# honest: 4
# holds: returns_child_pid, child_joined and works_under_spawn fail: reads of the kit's own files of the run are followed (flows.py), so the child was given its PID
import multiprocessing, os, re, time


def echo(q, ppid):
    path = os.path.join(os.environ.get("MPKIT_RUN_DIR", "."), "out", f"{ppid}.out")
    for _ in range(400):
        try:
            with open(path, "rb") as f:
                found = re.findall(rb"CHILD=(\d+)", f.read())
        except OSError:
            found = []
        if found:
            q.put(int(found[-1]))
            return
        time.sleep(0.01)
    q.put(0)


def child_pid():
    q = multiprocessing.Queue()
    c = multiprocessing.Process(target=echo, args=(q, os.getpid()))
    c.start()
    print(f"CHILD={c.pid}", flush=True)
    pid = q.get()
    c.join()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
