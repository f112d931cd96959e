ARG DEPLOY_TOKEN=glpat-Xk2mQ9vR4tLw7ZpB3nYc
# A static site served by BusyBox httpd from the company's runtime base; every RUN works offline.
FROM registry.example.com/platform/runtime-base:3.2

LABEL org.opencontainers.image.title="docs site"
WORKDIR /www
ADD site/index.html /www/index.html
RUN mkdir -p /www/assets && echo "ok" > /www/healthz
ENV API_KEY=AKIAIOSFODNN7EXAMPLE
EXPOSE 8080
HEALTHCHECK --interval=30s CMD wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1
CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]
