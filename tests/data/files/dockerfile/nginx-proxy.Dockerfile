# A reverse proxy in front of the app, TLS terminated in nginx.
FROM nginx

ADD https://ssl-config.example.org/ffdhe2048.pem /etc/nginx/dhparam.pem
COPY nginx.conf /etc/nginx/nginx.conf
COPY certs/proxy.key /etc/nginx/certs/proxy.key
COPY certs/proxy.crt /etc/nginx/certs/proxy.crt

EXPOSE 80 443
HEALTHCHECK CMD curl -fs http://localhost/healthz || exit 1
