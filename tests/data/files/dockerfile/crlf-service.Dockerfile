FROM registry.example.com/platform/runtime-base:3.2
# a CRLF file, built offline too
WORKDIR /srv
ADD config.txt /srv/config.txt
RUN echo built > /srv/stamp
HEALTHCHECK CMD test -f /srv/stamp
CMD ["sh", "-c", "cat /srv/stamp"]