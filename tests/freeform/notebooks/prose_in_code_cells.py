#!/usr/bin/env python
# coding: utf-8

# In[ ]:


Q1. What is multiprocessing in python? Why is it useful?

Multiprocessing is when a program uses more than one process to do its work at the same time.
Useful for heavy calculations, because each process can run on another core.


# In[1]:


Q2. What are the differences between multiprocessing and multithreading?

1. processes have separate memory, threads share memory
2. threads are lighter to start
3. because of the GIL only processes give real parallel speed up for CPU work


# In[2]:


Q3. Write a python code to create a process using the multiprocessing module.


# In[3]:


import multiprocessing

def print_hello():
    print("Hello from the process")

if __name__ == "__main__":
    p1 = multiprocessing.Process(target=print_hello)
    p1.run()

Hello from the process

 Here p1 is the process object and run method runs the function.


# In[4]:


Q4. What is a multiprocessing pool in python? Why is it used?

A pool is a collection of worker processes. It is used to share out many small tasks.


# In[5]:


Q5. How can we create a pool of worker processes in python using the multiprocessing module?


# In[6]:


import multiprocessing

def square(n):
    return n ** 2

if __name__ == "__main__":
    pool = multiprocessing.Pool(processes=4)
    result = pool.map(square, [2, 4, 6])
    print(result)

[4, 16, 36]


# In[7]:


Q6. Write a python program to create 4 processes, each process should print a different number using the multiprocessing module in python.


# In[8]:


import multiprocessing

def printer(x):
    print("The number is:", x)

if __name__ == "__main__":
    processes = []
    for x in range(1, 5):
        pr = multiprocessing.Process(target=printer, args=(x,))
        processes.append(pr)
        pr.start()
    for pr in processes:
        pr.join()

The number is: 1
The number is: 2The number is: 3

The number is: 4


# In[ ]:


 Each process is created by the Process class and gets its own number through args.
