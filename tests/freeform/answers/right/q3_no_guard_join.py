# task: q3
# advice: main_guard
import multiprocessing

def display():
    print('Displaying from the child')

p = multiprocessing.Process(target=display)
p.start()
p.join()
print('Finished')
