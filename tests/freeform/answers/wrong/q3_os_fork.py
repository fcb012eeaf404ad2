# task: q3
# fails: starts_process, target_runs_in_child
# says: os.fork
# Not the multiprocessing module.
import os

pid = os.fork()
if pid == 0:
    print("child", os.getpid())
    os._exit(0)
else:
    os.waitpid(pid, 0)
    print("parent done")
