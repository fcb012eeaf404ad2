#!/usr/bin/env python
# coding: utf-8

# In[ ]:


get_ipython().run_line_magic('pinfo', 'useful')
Multiprocessing starts extra Python processes so that work runs on several cores at once.
That makes heavy calculations finish sooner.


# In[ ]:


get_ipython().run_line_magic('pinfo', 'multithreading')
A thread shares the memory of its process, a process has memory of its own.
Threads are lighter, processes are not held back by the GIL.


# In[ ]:


Q3. Write a python code to create a process using the multiprocessing module.


# In[4]:


import multiprocessing
import time

def slow_hello():
    time.sleep(0.1)
    print("hello after a nap")

if __name__ == "__main__":
    proc = multiprocessing.Process(target=slow_hello)
    proc.start()
    proc.join()


# In[ ]:


get_ipython().run_line_magic('pinfo', 'used')
A pool is a fixed set of worker processes that are given tasks one after another.


# In[ ]:


get_ipython().run_line_magic('pinfo', 'module')


# In[7]:


from multiprocessing import Pool

def inc(v):
    return v + 10

if __name__ == "__main__":
    with Pool(3) as p:
        print(p.map(inc, [1, 2, 3, 4]))


# In[ ]:


Q6. Write a python program to create 4 processes, each process should print a different number using the multiprocessing module in python.


# In[9]:


def tell(num):
    print("I got", num)

if __name__ == "__main__":
    kids = [multiprocessing.Process(target=tell, args=(num,)) for num in (3, 6, 9, 12)]
    for k in kids:
        k.start()
    for k in kids:
        k.join()
