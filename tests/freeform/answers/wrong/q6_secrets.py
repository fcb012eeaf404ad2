# task: q6
# fails: numbers_differ
# says: secrets.randbelow
import multiprocessing
import secrets

def token():
    print("number", secrets.randbelow(50))

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=token) for _ in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
