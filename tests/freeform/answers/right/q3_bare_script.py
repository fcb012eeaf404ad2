# task: q3
# advice: joins_child, main_guard
# Bare top-level code, no join: Python waits for the child at exit.
from multiprocessing import Process

def hello():
    print("hello")

p = Process(target=hello)
p.start()
