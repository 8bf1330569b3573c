"""Codes: bits as message length. q's code used on symbols from p costs D(p‖q) extra bits a symbol."""

import streamlit as st

from core import format_value
from core.codes import CODE_HEADER, MESSAGE_HEADER, code_rows, compare_codes, message_rows, sample_message
from core.figures import code_lengths
from core.units import BIT, BITS
from pages import begin
from ui.charts import chart
from ui.controls import current_unit, slider
from ui.output import infinite, metrics, table
from ui.weights import true_and_estimate

begin(__file__)  # shows the title and lead paragraph of this page's registry row
unit = current_unit()

n = slider("n", 3)
p, q = true_and_estimate(n)

c = compare_codes(p, q)


def b(value: float) -> str:
    """Code lengths are counted in bits, whatever the unit of the page."""
    return format_value(value, BITS)


metrics(
    [
        ("Cross-entropy H(p, q)", unit.from_nats(c.cross_entropy * BIT)),
        ("q's Huffman code", unit.from_nats(c.huffman_q_length * BIT)),
        ("Entropy H(p)", unit.from_nats(c.entropy * BIT)),
        ("p's Huffman code", unit.from_nats(c.huffman_p_length * BIT)),
    ],
    unit,
    per_row=2,
)
if unit != BITS:
    st.info(
        f"A code is counted in bits: 1 bit = {format_value(unit.from_nats(BIT), unit, decimals=3)}. The numbers "
        f"above are in {unit.name}; the lengths below stay in bits.",
        icon=":material/swap_horiz:",
    )
if c.ruled_out:
    infinite(
        f"Symbol {', '.join(map(str, c.ruled_out))} can come from p, but q gives it probability 0, so q's code "
        "has no codeword for it: its ideal length log₂(1/0) is infinite, and so is the expected length."
    )
else:
    st.markdown(
        f"Sending symbols from p with **q's code** costs **D(p‖q) = {b(c.kl_divergence)}** more per symbol than "
        f"with p's own code: H(p, q) = {b(c.cross_entropy)} on average instead of H(p) = {b(c.entropy)}. In whole "
        f"bits, Huffman's code for q takes {b(c.huffman_q_length)} and for p {b(c.huffman_p_length)}: a real code "
        "can land on either side of H(p, q), but no code for symbols from p ever takes less than H(p)."
    )
table(CODE_HEADER, code_rows(c))
st.caption("Lengths in bits: a codeword's length is its number of bits, drawn below beside the ideal.")
chart(code_lengths(c), key="lengths")

st.header("A message from p")
left, right = st.columns(2)
count, seed = slider("length", 100, container=left), slider("seed", 1, container=right)
message = sample_message(c.p, count, seed)
st.markdown(f"Its first 8 symbols of {count}: **{' '.join(str(s + 1) for s in message[:8])}** …")
table(MESSAGE_HEADER, message_rows(c, message, 8))
st.caption(
    "In bits per symbol. Measured: the message's length in bits over its number of symbols; expected: the "
    "Huffman code's average under p; ideal: H(p, q) for q's code, H(p) for p's. A longer message comes closer "
    "to the expected length; another seed draws another message."
)
