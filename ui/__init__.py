"""The Streamlit side that several pages share: controls bound to the link, the weights editor, charts,
metric cards and the share link. It may import ``streamlit`` and ``core``; ``core`` never imports it."""
