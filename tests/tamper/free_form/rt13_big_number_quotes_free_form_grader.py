# attack: a free-form Q6 answer whose four processes each print their number and a number of 5000 digits: the free-form grader's int() of the printed digits (freeform/numbers.py) raises ValueError (Python's 4300-digit limit for int from text), and the grader error is reported with its traceback, which quotes the hidden free-form grader's source (graders/free_form/q6.py, which mpkit release leaves out of the students' bundle) and its path into results.json
# task: q6 (free-form: mpkit grade --free-form THIS_FILE)
# honest: 6 (full; measured 3 with the long number: each_prints_number and numbers_differ are grader errors)
# leak: numbers = printed_numbers(run, proc)
# holds: no output holds hidden grader text
# automated: tests/test_tamper.py (free-form attacks)
# Ans 6

import multiprocessing


def show(n):
    print(n)
    print("9" * 5000)


if __name__ == "__main__":
    processes = [multiprocessing.Process(target=show, args=(n,)) for n in range(1, 5)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
