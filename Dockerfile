# The app in one container, as Streamlit's deployment guide sets it up: a slim Python base, the app's
# own requirements only, a non-root user, port 8501 and a health check on /_stcore/health.
#   docker build -t cross-entropy . && docker run -p 8501:8501 cross-entropy
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 app
WORKDIR /home/app/site

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY .streamlit .streamlit
COPY app.py .
COPY core core
COPY pages pages
COPY ui ui
COPY static static
COPY data data

USER app
EXPOSE 8501
# The slim image has no curl: Python asks instead.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
ENTRYPOINT ["streamlit", "run", "app.py", "--server.port=8501", "--server.address=0.0.0.0"]
