# A Flask API with gunicorn and PostgreSQL drivers built from source.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

WORKDIR /app

RUN apt-get update \
    && apt-get install -y gcc libpq-dev

ADD requirements.txt /app/
RUN pip install --no-cache-dir --trusted-host pypi.org -r requirements.txt

COPY . /app
COPY .env /app/.env

EXPOSE 5000
CMD ["gunicorn", "--bind", "0.0.0.0:5000", "wsgi:app"]
