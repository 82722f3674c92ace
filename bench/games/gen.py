"""Random bimatrix games in Gambit .nfg and lrsnash formats (seeded, reproducible)."""
import random


def random_game(m, n, seed, high=999):
    """Integer payoffs drawn uniformly from 0..high with Python's Mersenne Twister."""
    rng = random.Random(seed)
    a = [[rng.randint(0, high) for _ in range(n)] for _ in range(m)]
    b = [[rng.randint(0, high) for _ in range(n)] for _ in range(m)]
    return a, b


def to_nfg(a, b, title):
    m, n = len(a), len(a[0])
    pay = []
    for j in range(n):          # .nfg order: the first player's strategy changes fastest
        for i in range(m):
            pay += [a[i][j], b[i][j]]
    return (f'NFG 1 R "{title}" {{ "1" "2" }} {{ {m} {n} }}\n\n'
            + " ".join(map(str, pay)) + "\n")


def to_lrs(a, b):
    m, n = len(a), len(a[0])
    rows = lambda mat: "\n".join(" ".join(map(str, r)) for r in mat)
    return f"{m} {n}\n\n{rows(a)}\n\n{rows(b)}\n"
