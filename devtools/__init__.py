"""What the tests and the benchmarks share to run the app: its servers, the browser, the load generator.

- ``devtools.servers``: ``streamlit run`` on a free port (``running_app``), and replicas of it
  behind nginx, started by the classroom command ``python -m deploy.classroom`` as a teacher starts
  it (``replicas_behind_nginx``).
- ``devtools.browser``: Debian's headless Chromium and how to wait for a page to settle.
- ``devtools.load``: sessions over Streamlit's websocket protocol, without a browser, and the figures
  of a load run.

It is not part of the app: nothing in ``app.py``, ``pages/`` or ``core/`` imports it, and it is not
deployed (the Dockerfile does not copy it). It raises ``RuntimeError`` where something cannot start,
and never imports pytest: the tests' fixtures turn those errors into failures.
"""
