"""/codes in headless Chromium: the codewords, their chart and the message follow p, q and the seed."""

import re

from playwright.sync_api import expect

from core.codes import compare_codes, sample_message
from core.distributions import from_weights
from devtools.browser import page_slider, wait_until_idle

LENGTHS = "document.querySelector('.st-key-chart-lengths .live-chart')"


def _metric(page, label):
    return page.locator("[data-testid=stMetric]", has_text=label).locator("[data-testid=stMetricValue]").first


def _bars(page, name):
    return page.evaluate(f"n => Array.from({LENGTHS}._fullData.find(t => t.name === n).y)", name)


def test_the_chart_draws_the_codewords_of_the_table_and_follows_q_in_place(open_page):
    page = open_page("/codes?n=4&p_weight1=8&p_weight2=4&p_weight3=2&p_weight4=2")
    p = from_weights([8, 4, 2, 2])
    c = compare_codes(p, from_weights([2, 5, 3, 1]))  # q's default weights
    rows = page.locator("[data-testid=stMarkdown] table").first.locator("tbody tr")
    expect(rows).to_have_count(4)
    for row, for_q, for_p in zip(rows.all(), c.huffman_q, c.huffman_p, strict=True):
        cells = row.locator("td")
        expect(cells.nth(4)).to_have_text(for_q)
        expect(cells.nth(5)).to_have_text(for_p)
    assert _bars(page, "q's Huffman codeword") == [len(word) for word in c.huffman_q]
    assert _bars(page, "p's Huffman codeword") == [1, 2, 3, 3]  # 1/2, 1/4, 1/8, 1/8: lengths log₂(1/pᵢ)

    page.evaluate(f"{LENGTHS}.__kept = true")
    page.get_by_test_id("stSelectbox").nth(1).click()  # q's presets
    page.get_by_role("option", name="q = p").click()
    expect(page).to_have_url(re.compile(r"q_weight1=8"))
    wait_until_idle(page)
    page.wait_for_function(f'() => {LENGTHS}._fullData.find(t => t.name === "q\'s Huffman codeword").y[0] === 1')
    assert _bars(page, "q's Huffman codeword") == [1, 2, 3, 3]
    assert page.evaluate(f"{LENGTHS}.__kept") is True  # the same element, patched
    # For a dyadic p, its own code is ideal: every length is log₂(1/pᵢ), the average exactly H(p).
    expect(_metric(page, "Cross-entropy H(p, q)")).to_have_text("1.7500 bits")
    expect(_metric(page, "q's Huffman code")).to_have_text("1.7500 bits")


def test_the_seed_in_the_link_draws_the_same_message_and_another_seed_another(open_page):
    page = open_page("/codes?seed=7&length=50")
    c = compare_codes(from_weights([5, 3, 2]), from_weights([2, 3, 5]))  # the page's default weights
    first = " ".join(str(s + 1) for s in sample_message(c.p, 50, 7)[:8])
    expect(page.get_by_text(f"Its first 8 symbols of 50: {first} …")).to_be_visible()
    seed = page_slider(page, "Seed of the random draws")
    seed.focus()
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"seed=8"))
    wait_until_idle(page)
    after = " ".join(str(s + 1) for s in sample_message(c.p, 50, 8)[:8])
    expect(page.get_by_text(f"Its first 8 symbols of 50: {after} …")).to_be_visible()


def test_a_symbol_q_rules_out_has_no_codeword_and_an_infinite_length(open_page):
    page = open_page("/codes?q_weight1=0")
    expect(_metric(page, "Cross-entropy H(p, q)")).to_have_text("∞")
    expect(page.get_by_text("Symbol 1 can come from p, but q gives it probability 0")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
