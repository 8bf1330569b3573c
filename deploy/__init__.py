"""Serving the app: ``python -m deploy.classroom`` runs replicas of it behind nginx, configured by
``deploy/nginx.conf``, and keeps them alive. It needs the app's own requirements and nginx, nothing
of the tests'."""
