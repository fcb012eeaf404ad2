# task: q6
# fails: four_children, each_prints_number, numbers_differ
# says: os.fork
import os

children = []
for n in range(1, 5):
    pid = os.fork()
    if pid == 0:
        print(n)
        os._exit(0)
    children.append(pid)
for pid in children:
    os.waitpid(pid, 0)
