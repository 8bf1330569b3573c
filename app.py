"""Entry point: page config, navigation over the registry's pages, and the controls every page shares."""

import streamlit as st

from pages import PAGES, navigation_pages, next_page_link
from ui.controls import start_run, unit_control
from ui.fair_share import wait_for_turn
from ui.links import class_link, note_rejected_values, remember_opening_link, share_link
from ui.memory import freeze_once
from ui.play import stop_on_leaving
from ui.style import app_style

wait_for_turn()  # first: a session over its share of the server waits here, before any cost
st.set_page_config(page_title="Cross-entropy, explained", page_icon=":material/show_chart:", layout="wide")
remember_opening_link()
start_run()
app_style()

page = st.navigation(navigation_pages())
stop_on_leaving(page.url_path)
top_row = unit_control()
notices = st.container()
page.run()
class_link(page.url_path)  # at the end, where a teacher who has set the page up finishes
next_page_link(next(entry for entry in PAGES if entry.url_path == page.url_path))
note_rejected_values(notices)
share_link(page.url_path, top_row)
freeze_once(page.url_path)  # last: the long-lived objects this page needs, all made, are set aside from the collector
