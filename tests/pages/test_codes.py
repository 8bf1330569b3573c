"""The codes page in AppTest."""

import math

import pytest

from core import BITS, NATS, cross_entropy, entropy, format_value, kl_divergence
from core.codes import bits_per_symbol, huffman_code, sample_message
from tests.pages.conftest import chart, metric_values

PAGE = "pages/codes.py"
P, Q = [0.5, 0.3, 0.2], [0.2, 0.5, 0.3]


def _tables(at):
    return [m.value for m in at.markdown if m.value.startswith("| ")]


def _sentence(at):
    return next(m.value for m in at.markdown if m.value.startswith("Sending symbols from p"))


def test_defaults(open_link):
    at = open_link(PAGE)
    values = metric_values(at)
    assert values["Cross-entropy H(p, q)"] == format_value(cross_entropy(P, Q), BITS)
    assert values["Entropy H(p)"] == format_value(entropy(P), BITS)
    assert values["q's Huffman code"] == "1.7000 bits"  # codewords 00, 1, 01: 0.5·2 + 0.3·1 + 0.2·2
    assert values["p's Huffman code"] == "1.5000 bits"  # codewords 0, 11, 10
    assert f"D(p‖q) = {format_value(kl_divergence(P, Q), BITS)}" in _sentence(at)
    symbols, message = _tables(at)
    assert "| 1 | 0.500 | 0.200 | 2.322 | `00` | `0` |" in symbols
    assert "| 2 | 0.300 | 0.500 | 1.000 | `1` | `11` |" in symbols
    drawn = sample_message(P, 100, 1)
    for name, code in (("q's code", huffman_code(Q)), ("p's code", huffman_code(P))):
        row = next(line for line in message.splitlines() if line.startswith(f"| {name}"))
        assert f"| {format_value(bits_per_symbol(drawn, code), decimals=3)} |" in row
        assert f"`{' '.join(code[s] for s in drawn[:8])}` …" in row
    lengths = chart(at)
    assert [t["name"] for t in lengths["data"]] == [
        "ideal for q: log₂(1/qᵢ)",
        "q's Huffman codeword",
        "p's Huffman codeword",
    ]
    assert not at.info and not at.error and not at.warning


def test_length_and_seed_live_in_the_link(open_link):
    at = open_link(PAGE, length="500", seed="7")
    assert at.slider(key="length").value == 500 and at.slider(key="seed").value == 7
    assert at.slider(key="seed").proto.query_param_key == "seed"
    drawn = sample_message(P, 500, 7)
    row = next(line for line in _tables(at)[1].splitlines() if line.startswith("| p's code"))
    assert f"| {format_value(bits_per_symbol(drawn, huffman_code(P)), decimals=3)} |" in row
    at.slider(key="seed").set_value(8).run()
    assert f"**{' '.join(str(s + 1) for s in sample_message(P, 500, 8)[:8])}**" in "".join(m.value for m in at.markdown)


def test_other_units_say_how_bits_convert(open_link):
    at = open_link(PAGE, unit="nats")
    assert "1 bit = 0.693 nats" in at.info[0].value
    values = metric_values(at)
    assert values["Cross-entropy H(p, q)"] == format_value(cross_entropy(P, Q, base=math.e), NATS)
    assert values["p's Huffman code"] == format_value(1.5 * math.log(2), NATS)
    assert "| 2.322 |" in _tables(at)[0]  # the code lengths stay in bits
    at = open_link(PAGE, unit="hartleys")
    assert "1 bit = 0.301 hartleys" in at.info[0].value


def test_a_symbol_q_rules_out_has_no_codeword(open_link):
    at = open_link(PAGE, q_weight2="0")
    values = metric_values(at)
    assert values["Cross-entropy H(p, q)"] == values["q's Huffman code"] == "∞"
    assert "Symbol 2 can come from p" in at.error[0].value
    symbols, message = _tables(at)
    assert "| 2 | 0.300 | 0.000 | ∞ | none | `11` |" in symbols
    assert "| q's code | cannot send them | ∞ | ∞ |" in message


def test_q_equal_to_p_costs_nothing_extra(open_link):
    at = open_link(PAGE)
    at.selectbox(key="q_preset").set_value("q = p").run()
    values = metric_values(at)
    assert values["Cross-entropy H(p, q)"] == values["Entropy H(p)"]
    assert values["q's Huffman code"] == values["p's Huffman code"]
    assert "D(p‖q) = 0.0000 bits" in _sentence(at)


def test_a_certain_symbol_costs_no_bits(open_link):
    at = open_link(PAGE, p_weight1="10", p_weight2="0", p_weight3="0", q_weight1="1", q_weight2="0", q_weight3="0")
    assert metric_values(at)["p's Huffman code"] == "0.0000 bits"
    assert "| 1 | 1.000 | 1.000 | 0.000 | empty | empty |" in _tables(at)[0]
    assert "| p's code | `· · · · · · · ·` … | 0.000 | 0.000 | 0.000 |" in _tables(at)[1]


@pytest.mark.parametrize("n", [2, 8])
def test_every_number_of_symbols(open_link, n):
    at = open_link(PAGE, n=str(n))
    assert len(_tables(at)[0].splitlines()) == n + 2
    assert not at.exception
