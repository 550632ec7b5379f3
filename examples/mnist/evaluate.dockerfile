# Evaluation image: the same dependency layers as training (shared cache), a different entry point.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1
WORKDIR /app

COPY requirements.txt requirements.txt
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt

COPY src/ src/

ENTRYPOINT ["python", "-u", "src/evaluate.py"]
