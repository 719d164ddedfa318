# One app server. For a shared deployment run several behind a load balancer with sticky
# sessions, all pointing at one PostgreSQL (see README, "Shared deployment").
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

RUN useradd --create-home --uid 10001 scorecard
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY --chown=scorecard:scorecard . .
USER scorecard

EXPOSE 8501
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health')"
# Listens on every interface inside the container, so anyone the container network lets in
# can reach it: sign-in is required (secrets mounted at /app/.streamlit/secrets.toml). Without
# it the app would be in local mode, which makes whoever opens it an administrator; the app
# itself then refuses everyone, but the container stops at start instead, saying what is
# missing (`check-sign-in`), so a deployment without secrets fails where it is noticed.
CMD ["sh", "-c", "python -m scorecard check-sign-in && exec streamlit run app.py --server.address=0.0.0.0 --server.port=8501"]
