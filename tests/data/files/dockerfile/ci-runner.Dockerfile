# A self-hosted CI runner image with SSH access, in the style of many runner how-tos.
FROM ubuntu:22.04

ARG RUNNER_TOKEN
ARG DEBIAN_FRONTEND=noninteractive

RUN apt-get update && apt-get dist-upgrade -y && apt-get install -y curl git openssh-server sudo make gcc
RUN curl -L https://packages.gitlab.com/install/repositories/runner/gitlab-runner/script.deb.sh | bash
RUN echo "Acquire::https::Verify-Peer false;" > /etc/apt/apt.conf.d/99insecure \
 && apt-get install -y --allow-unauthenticated gitlab-runner

RUN mkdir /var/run/sshd
EXPOSE 22
CMD ["/usr/sbin/sshd", "-D"]
