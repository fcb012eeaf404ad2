#!/usr/bin/env python
# coding: utf-8

# # Multiprocessing assignment

# Q1. What is multiprocessing in python? Why is it useful?

# In[ ]:


get_ipython().run_line_magic('pinfo', 'cores')
Because one process runs on one core, and with several processes all the cores get work.


# Q2. What are the differences between multiprocessing and multithreading?

# In[ ]:


Threads share memory and processes do not
get_ipython().run_line_magic('pinfo2', 'faster')


# Q3. Write a python code to create a process using the multiprocessing module.

# In[1]:


import multiprocessing

def count_down(n):
    while n > 0:
        print(n)
        n -= 1

if __name__ == "__main__":
    p = multiprocessing.Process(target=count_down, args=(3,))
    p.start()
    p.join()


# In[ ]:


get_ipython().run_line_magic('pinfo', 'start')


# Q4. What is a multiprocessing pool in python? Why is it used?

# In[ ]:


get_ipython().run_line_magic('pinfo', 'pool')
It is a fixed group of worker processes that the program gives jobs to.


# Q5. How can we create a pool of worker processes in python using the multiprocessing module?

# In[2]:


from multiprocessing import Pool

def double(x):
    return 2 * x

if __name__ == "__main__":
    with Pool(4) as pool:
        print(pool.map(double, [5, 6, 7]))


# In[ ]:


get_ipython().run_line_magic('pinfo', 'result')


# Q6. Write a python program to create 4 processes, each process should print a different number using the multiprocessing module in python.

# In[3]:


import multiprocessing

def say(number):
    print(number)

if __name__ == "__main__":
    procs = []
    for number in [7, 8, 9, 10]:
        procs.append(multiprocessing.Process(target=say, args=(number,)))
    for p in procs:
        p.start()
    for p in procs:
        p.join()
