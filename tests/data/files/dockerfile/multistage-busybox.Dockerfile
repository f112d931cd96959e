# A two-stage build on the company's runtime base: a tool prepared in a build stage, copied into the final one.
# Every RUN works offline (the install script cannot be fetched, so the pipe runs nothing).
FROM registry.example.com/platform/runtime-base:3.2 AS build
RUN mkdir -p /out \
 && printf '#!/bin/sh\necho hello\n' > /out/hello.sh \
 && chmod 755 /out/hello.sh
RUN wget -qO- http://127.0.0.1:9/install.sh | sh

FROM registry.example.com/platform/runtime-base:3.2
COPY --from=build /out/hello.sh /usr/local/bin/hello.sh
ENV DB_PASSWORD=Zx8qPl2mVn5rTs9w
USER root
CMD ["/usr/local/bin/hello.sh"]
