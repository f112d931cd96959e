# A database image with the schema baked in, as many projects extend the official postgres image.
FROM postgres:16.2

ENV POSTGRES_USER=app \
    POSTGRES_DB=app
ENV POSTGRES_PASSWORD=Sup3rS3cretPassw0rd

COPY init/*.sql /docker-entrypoint-initdb.d/

HEALTHCHECK --interval=10s --timeout=5s --retries=5 CMD pg_isready -U app -d app
EXPOSE 5432
