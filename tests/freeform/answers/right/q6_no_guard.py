# task: q6
# advice: main_guard
from multiprocessing import Process

def number(n):
    print(n)

ps = []
for n in range(1, 5):
    p = Process(target=number, args=(n,))
    p.start()
    ps.append(p)
for p in ps:
    p.join()
