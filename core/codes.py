"""Bits as message length: prefix codes built from a distribution, and what they cost under another.

A code gives each symbol a codeword of 0s and 1s, no codeword the start of another (a prefix code),
so a string of bits decodes one way. The ideal length of symbol i in a code built for q is
log₂(1/qᵢ) bits; if the symbols come from p, the expected ideal length is exactly the cross-entropy
H(p, q) in bits. Huffman's algorithm builds an actual prefix code of whole-bit codewords whose
expected length under q is the least any prefix code achieves.

A symbol that q gives probability 0 gets no codeword (``None``): q's code cannot send it, its ideal
length is ∞, and a message from p holding it cannot be encoded; the expected length under p is then
∞ if pᵢ > 0 (and that symbol contributes 0 if pᵢ = 0). A symbol certain under q (one symbol with
qᵢ = 1) gets the empty codeword: it carries no information, and a message of it is sent as no bits
(its decoder must be told how many symbols to read).

Every function checks its distributions as ``core.measures`` does (ValueError, naming the argument).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

from core import _checks, measures
from core._checks import FloatArray
from core.units import format_value

__all__ = [
    "CODE_HEADER",
    "MESSAGE_HEADER",
    "CodeComparison",
    "Codebook",
    "bits_per_symbol",
    "code_rows",
    "compare_codes",
    "decode",
    "encode",
    "expected_length",
    "huffman_code",
    "ideal_lengths",
    "kraft_sum",
    "lengths",
    "message_rows",
    "sample_message",
    "shannon_lengths",
]

#: One codeword per symbol: a string of "0" and "1", or ``None`` for a symbol the code cannot send.
Codebook: TypeAlias = tuple[str | None, ...]


def huffman_code(q: npt.ArrayLike) -> Codebook:
    """An optimal prefix code for the distribution ``q``, built by Huffman's algorithm.

    Parameters
    ----------
    q : array_like, shape (n,)
        The distribution the code is built for.

    Returns
    -------
    tuple of (str or None)
        Symbol i's codeword; ``None`` where qᵢ = 0 (the code cannot send it); ``""`` for the only
        symbol when one symbol is certain.

    Notes
    -----
    The two least likely subtrees are merged until one is left; the first taken gets the bit 0 and
    the second the bit 1. Ties go to the subtree whose smallest symbol index is smallest, so the
    code depends only on ``q``. Among all prefix codes for the symbols with qᵢ > 0, none has a
    smaller expected length Σ qᵢ·lᵢ, and H(q) ≤ Σ qᵢ·lᵢ < H(q) + 1 bits.

    Examples
    --------
    >>> huffman_code([0.5, 0.25, 0.125, 0.125])
    ('0', '10', '110', '111')
    >>> huffman_code([0.4, 0.0, 0.6])
    ('0', None, '1')
    >>> huffman_code([1.0, 0.0])
    ('', None)
    """
    q = _checks.distribution(q, "q")
    if q.ndim != 1:
        raise ValueError(f"q must be one distribution, got shape {q.shape}")
    codewords: list[str | None] = [None] * q.size
    # (weight, smallest symbol in the subtree, the subtree's symbols with their codewords so far)
    heap = [(float(w), i, [i]) for i, w in enumerate(q) if w > 0]
    for i in range(q.size):
        if q[i] > 0:
            codewords[i] = ""
    heapq.heapify(heap)
    while len(heap) > 1:
        w0, first0, symbols0 = heapq.heappop(heap)
        w1, first1, symbols1 = heapq.heappop(heap)
        for bit, symbols in (("0", symbols0), ("1", symbols1)):
            for s in symbols:
                codewords[s] = bit + str(codewords[s])
        heapq.heappush(heap, (w0 + w1, min(first0, first1), symbols0 + symbols1))
    return tuple(codewords)


def lengths(codewords: Codebook) -> FloatArray:
    """The length of each codeword in bits; ∞ for a symbol without one.

    Examples
    --------
    >>> lengths(("0", None, "10", "11")).tolist()
    [1.0, inf, 2.0, 2.0]
    """
    return np.array([math.inf if c is None else float(len(c)) for c in codewords])


def ideal_lengths(q: npt.ArrayLike) -> FloatArray:
    """The ideal code lengths log₂(1/qᵢ) in bits, fractions of a bit allowed; ∞ where qᵢ = 0.

    Examples
    --------
    >>> ideal_lengths([0.5, 0.25, 0.25, 0.0]).tolist()
    [1.0, 2.0, 2.0, inf]
    """
    return np.asarray(measures.surprisal(_checks.distribution(q, "q"), base=2), dtype=np.float64)


def shannon_lengths(q: npt.ArrayLike) -> FloatArray:
    """Shannon's code lengths ⌈log₂(1/qᵢ)⌉: whole bits, each at most one above the ideal; ∞ where qᵢ = 0.

    They satisfy Kraft's inequality, so a prefix code of these lengths exists; under any p its
    expected length L satisfies H(p, q) ≤ L < H(p, q) + 1 bits.

    Examples
    --------
    >>> shannon_lengths([0.5, 0.3, 0.2, 0.0]).tolist()
    [1.0, 2.0, 3.0, inf]
    """
    return np.ceil(ideal_lengths(q))


def expected_length(p: npt.ArrayLike, code_lengths: npt.ArrayLike) -> float:
    """The expected length Σ pᵢ·lᵢ in bits of a code when the symbols come from ``p``.

    Parameters
    ----------
    p : array_like, shape (n,)
        The distribution the symbols come from.
    code_lengths : array_like, shape (n,)
        Each symbol's length in bits (``lengths``, ``ideal_lengths``); ∞ for one the code cannot send.

    Returns
    -------
    float
        The expected length; a symbol with pᵢ = 0 adds 0 whatever its length, so it is ∞ only when
        the code cannot send a symbol that can happen.

    Examples
    --------
    >>> expected_length([0.5, 0.5, 0.0], [1, 2, math.inf])
    1.5
    >>> expected_length([0.5, 0.5], [1, math.inf])
    inf
    """
    p = _checks.distribution(p, "p")
    ell = np.asarray(_checks.real_array(code_lengths, "code_lengths"), dtype=np.float64)
    if ell.shape != p.shape:
        raise ValueError(f"code_lengths must have one length per symbol of p, got shapes {ell.shape} and {p.shape}")
    if np.isnan(ell).any() or (ell < 0).any():
        raise ValueError("code_lengths must be non-negative lengths in bits")
    happens = p > 0
    return math.fsum((p[happens] * ell[happens]).tolist())


def kraft_sum(code_lengths: npt.ArrayLike) -> float:
    """Kraft's sum Σ 2^(−lᵢ) over the symbols with a codeword (∞ lengths add 0).

    A prefix code with these lengths exists if and only if the sum is at most 1; a Huffman code for
    two or more symbols of positive probability has exactly 1: no codeword could be shorter.

    Examples
    --------
    >>> kraft_sum(lengths(huffman_code([0.5, 0.3, 0.2])))
    1.0
    >>> kraft_sum([1, 2, 3])
    0.875
    """
    ell = np.asarray(_checks.real_array(code_lengths, "code_lengths"), dtype=np.float64)
    return math.fsum(np.exp2(-ell).tolist())


def encode(message: Sequence[int] | npt.NDArray[np.integer], codewords: Codebook) -> str:
    """The bits of a message, its symbols' codewords one after another.

    Raises ValueError for a symbol that has no codeword, or that is not a symbol of the code.

    Examples
    --------
    >>> encode([0, 2, 1, 0], ("0", "10", "11"))
    '011100'
    """
    bits = []
    for symbol in message:
        s = int(symbol)
        if not 0 <= s < len(codewords):
            raise ValueError(
                f"symbol {s} is not one of the code's {len(codewords)} symbols (0 to {len(codewords) - 1})"
            )
        word = codewords[s]
        if word is None:
            raise ValueError(f"symbol {s} has no codeword: the code was built for a distribution that rules it out")
        bits.append(word)
    return "".join(bits)


def bits_per_symbol(message: Sequence[int] | npt.NDArray[np.integer], codewords: Codebook) -> float:
    """The measured cost of a message: its length in bits over its number of symbols; ∞ if the code
    cannot send one of its symbols, NaN for an empty message.

    Examples
    --------
    >>> bits_per_symbol([0, 1, 2, 0], ("0", "10", "11"))
    1.5
    >>> bits_per_symbol([0, 2], ("0", "1", None))
    inf
    """
    if any(codewords[int(s)] is None for s in message):
        return math.inf
    return len(encode(message, codewords)) / len(message) if len(message) else math.nan


def decode(bits: str, codewords: Codebook, *, count: int | None = None) -> list[int]:
    """The symbols a string of bits encodes with a prefix code: the inverse of ``encode``.

    ``count`` is the number of symbols to read; it is needed only when a codeword is empty (one
    symbol certain), since no bits then tell how many there were. Raises ValueError for bits that
    are not a whole message.

    Examples
    --------
    >>> decode("011100", ("0", "10", "11"))
    [0, 2, 1, 0]
    >>> decode("", ("", None), count=3)
    [0, 0, 0]
    """
    table = {word: s for s, word in enumerate(codewords) if word is not None}
    if "" in table:
        if count is None:
            raise ValueError("a code with an empty codeword sends no bits: give the number of symbols, count")
        if bits:
            raise ValueError("a code whose only codeword is empty encodes every message as no bits")
        return [table[""]] * count
    symbols, word = [], ""
    for bit in bits:
        word += bit
        if word in table:
            symbols.append(table[word])
            word = ""
    if word or (count is not None and len(symbols) != count):
        raise ValueError("the bits do not end at the end of a codeword, or hold another number of symbols")
    return symbols


def sample_message(p: npt.ArrayLike, length: int, seed: int) -> npt.NDArray[np.int64]:
    """``length`` symbols drawn independently from ``p``, the same for the same seed.

    The draws come from ``numpy.random.default_rng(seed).choice``; symbols are indices 0 … n − 1.

    Examples
    --------
    >>> sample_message([0.0, 1.0], 3, seed=0).tolist()
    [1, 1, 1]
    >>> len(sample_message([0.5, 0.5], 10, seed=1))
    10
    """
    p = _checks.distribution(p, "p")
    if p.ndim != 1:
        raise ValueError(f"p must be one distribution, got shape {p.shape}")
    if length < 0:
        raise ValueError(f"length must be a non-negative number of symbols, got {length}")
    # Generator.choice inverts the cumulative sums (searching to the right), so a symbol of
    # probability 0 is never drawn.
    return np.random.default_rng(seed).choice(p.size, size=length, p=p).astype(np.int64)


@dataclass(frozen=True)
class CodeComparison:
    """Symbols come from ``p``; they are sent with a code built for ``q``, or with one built for ``p``.

    Every length is in bits, the unit a code is counted in.

    Attributes
    ----------
    p, q : ndarray, shape (n,)
    ideal_q, ideal_p : ndarray
        The ideal lengths log₂(1/qᵢ) and log₂(1/pᵢ); ∞ where the probability is 0.
    huffman_q, huffman_p : tuple of (str or None)
        The Huffman codes for q and for p.
    cross_entropy : float
        H(p, q): the expected ideal length with q's code.
    entropy : float
        H(p): the expected ideal length with p's code, the least of any code.
    kl_divergence : float
        D(p‖q) = H(p, q) − H(p): the extra bits per symbol of using q's code.
    huffman_q_length, huffman_p_length : float
        The expected lengths under p of the two Huffman codes; ∞ if q's cannot send a symbol of p.
    """

    p: FloatArray
    q: FloatArray
    ideal_q: FloatArray
    ideal_p: FloatArray
    huffman_q: Codebook
    huffman_p: Codebook
    cross_entropy: float
    entropy: float
    kl_divergence: float
    huffman_q_length: float
    huffman_p_length: float

    @property
    def ruled_out(self) -> list[int]:
        """The symbols, numbered from 1, that p can send and q's code cannot: pᵢ > 0 = qᵢ.

        Examples
        --------
        >>> compare_codes([0.5, 0.5, 0.0], [1.0, 0.0, 0.0]).ruled_out
        [2]
        """
        return [int(i) + 1 for i in np.flatnonzero((self.p > 0) & (self.q == 0))]


def compare_codes(p: npt.ArrayLike, q: npt.ArrayLike) -> CodeComparison:
    """Both codes for symbols from ``p``: q's and p's, ideal and Huffman, and their expected lengths.

    Examples
    --------
    >>> c = compare_codes([0.5, 0.25, 0.25], [0.25, 0.25, 0.5])
    >>> c.huffman_q, c.huffman_p
    (('00', '01', '1'), ('0', '10', '11'))
    >>> float(c.cross_entropy), c.huffman_q_length, float(c.entropy), c.huffman_p_length
    (1.75, 1.75, 1.5, 1.5)
    """
    p = _checks.distribution(p, "p")
    q = _checks.distribution(q, "q")
    _checks.same_outcomes(p, q)
    huffman_q, huffman_p = huffman_code(q), huffman_code(p)
    return CodeComparison(
        p=p,
        q=q,
        ideal_q=ideal_lengths(q),
        ideal_p=ideal_lengths(p),
        huffman_q=huffman_q,
        huffman_p=huffman_p,
        cross_entropy=float(measures.cross_entropy(p, q, base=2)),
        entropy=float(measures.entropy(p, base=2)),
        kl_divergence=float(measures.kl_divergence(p, q, base=2)),
        huffman_q_length=expected_length(p, lengths(huffman_q)),
        huffman_p_length=expected_length(p, lengths(huffman_p)),
    )


#: The columns of ``code_rows``.
CODE_HEADER = ("i", "pᵢ", "qᵢ", "log₂(1/qᵢ)", "q's code", "p's code")
#: The columns of ``message_rows``.
MESSAGE_HEADER = ("code", "first bits", "measured", "expected", "ideal")


def _word(codeword: str | None) -> str:
    """A codeword as code text; "none" for a symbol the code cannot send, "empty" for a certain one."""
    return "none" if codeword is None else f"`{codeword}`" if codeword else "empty"


def code_rows(c: CodeComparison) -> list[list[str]]:
    """A row of text per symbol, under ``CODE_HEADER``: its probabilities, its ideal length in q's code
    and its codewords in q's and p's Huffman codes (a codeword's length is its number of bits).

    Examples
    --------
    >>> code_rows(compare_codes([0.5, 0.5, 0.0], [1.0, 0.0, 0.0]))[1]
    ['2', '0.500', '0.000', '∞', 'none', '`1`']
    """
    rows = zip(c.p, c.q, c.ideal_q, c.huffman_q, c.huffman_p, strict=True)
    return [
        [str(i), f"{pi:.3f}", f"{qi:.3f}", format_value(ideal, decimals=3), _word(wq), _word(wp)]
        for i, (pi, qi, ideal, wq, wp) in enumerate(rows, start=1)
    ]


def message_rows(c: CodeComparison, message: npt.NDArray[np.integer], shown: int) -> list[list[str]]:
    """A row of text per code, q's then p's, under ``MESSAGE_HEADER``: the codewords of the message's
    first ``shown`` symbols (· for an empty one), then, in bits per symbol, the message's measured
    length, the code's expected length and the ideal one, H(p, q) or H(p).

    Examples
    --------
    >>> c = compare_codes([0.5, 0.5], [1.0, 0.0])
    >>> message_rows(c, np.array([0, 1, 1, 0]), 3)[0][:3]
    ["q's code", 'cannot send them', '∞']
    >>> message_rows(c, np.array([0, 1, 1, 0]), 3)[1]
    ["p's code", '`0 1 1` …', '1.000', '1.000', '1.000']
    """
    first = message[:shown]
    rows = []
    codes = (
        ("q's code", c.huffman_q, c.huffman_q_length, c.cross_entropy),
        ("p's code", c.huffman_p, c.huffman_p_length, c.entropy),
    )
    for name, code, expected, ideal in codes:
        sendable = all(code[s] is not None for s in first)
        words = f"`{' '.join(code[s] or '·' for s in first)}` …" if sendable else "cannot send them"
        measured = bits_per_symbol(message, code)
        rows.append([name, words, *(format_value(value, decimals=3) for value in (measured, expected, ideal))])
    return rows
