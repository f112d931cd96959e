# A pinned base, ADD --checksum of a URL (the verified form: no IMG-004), a heredoc RUN and COPY, keys copied in.
FROM python:3.12-slim@sha256:2f3e0a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7
ARG PIP_INDEX_TOKEN
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2015d0e0a9f3d5a5 https://example.com/wheel.tar.gz /tmp/
RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends gcc libpq-dev
pip install --no-cache-dir -r /tmp/requirements.txt
rm -rf /var/lib/apt/lists/*
EOF
COPY <<-EOT /etc/app.conf
	listen 8000
	password_file /run/secrets/db
EOT
COPY id_rsa /root/.ssh/id_rsa
COPY .env /app/.env
RUN useradd -r -u 10001 app
USER app
HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1
CMD ["gunicorn", "api:app"]
