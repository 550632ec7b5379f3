# Training image (layout as in the DTU MLOps course): dependencies first, code last, so editing the
# code reuses the cached dependency layer; pip's cache lives in a BuildKit cache mount.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1
WORKDIR /app

COPY requirements.txt requirements.txt
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt

COPY src/ src/

ENTRYPOINT ["python", "-u", "src/train.py"]
