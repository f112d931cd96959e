# A builder stage that another builder stage starts FROM, in the shape of docker/awesome-compose's wasmedge
# examples: the curl | bash of the first stage was reported once for each stage that builds on it.
FROM rust:1.74 AS buildbase
WORKDIR /src
RUN curl -sSf https://example.com/install.sh | bash

FROM buildbase AS build
COPY . .
RUN cargo build --release

FROM scratch
COPY --from=build /src/target/release/app /app
USER 10001
ENTRYPOINT ["/app"]
