"""A small, MNIST-shaped stand-in data set: 8x8 digit glyphs with noise, made from a seed.

Real MNIST is a download; this example must run offline, so it draws its digits instead. Same seed,
same data: the point of the example is that results reproduce.
"""
import numpy as np

# 8x8 glyphs of the digits 0-9, one string per row ('#' = ink).
GLYPHS = [
    ["..####..", ".#....#.", "#......#", "#......#", "#......#", "#......#", ".#....#.", "..####.."],
    ["...##...", "..###...", ".#.##...", "...##...", "...##...", "...##...", "...##...", ".######."],
    ["..####..", ".#....#.", "......#.", ".....#..", "....#...", "...#....", "..#.....", ".######."],
    ["..####..", ".#....#.", "......#.", "...###..", "......#.", "......#.", ".#....#.", "..####.."],
    [".....#..", "....##..", "...#.#..", "..#..#..", ".#...#..", ".######.", ".....#..", ".....#.."],
    [".######.", ".#......", ".#......", ".#####..", "......#.", "......#.", ".#....#.", "..####.."],
    ["..####..", ".#......", "#.......", "#.####..", "##....#.", "#......#", ".#....#.", "..####.."],
    [".######.", "......#.", ".....#..", "....#...", "...#....", "...#....", "...#....", "...#...."],
    ["..####..", ".#....#.", ".#....#.", "..####..", ".#....#.", "#......#", ".#....#.", "..####.."],
    ["..####..", ".#....#.", "#......#", ".#....##", "..####.#", ".......#", "......#.", "..####.."],
]
TEMPLATES = np.array([[[c == "#" for c in row] for row in g] for g in GLYPHS], dtype=np.float64).reshape(10, 64)


def make_digits(n: int, seed: int, noise: float = 0.5):
    """n noisy digits: each pixel of the glyph plus Gaussian noise, and a random one-pixel shift."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 10, size=n)
    images = TEMPLATES[labels].reshape(n, 8, 8)
    shifts = rng.integers(-1, 2, size=(n, 2))
    for i, (dy, dx) in enumerate(shifts):
        images[i] = np.roll(images[i], (dy, dx), axis=(0, 1))
    images = images.reshape(n, 64) + rng.normal(0.0, noise, size=(n, 64))
    return images.astype(np.float64), labels


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def forward(params, x):
    """Hidden ReLU activations and class probabilities of the two-layer network."""
    h = np.maximum(0.0, x @ params["w1"] + params["b1"])
    return h, softmax(h @ params["w2"] + params["b2"])
