#!/usr/bin/python3
"""Validates compose files against the Compose Specification schema (tests/data/compose-spec, draft-07) and
checks what the schema cannot: every named volume and network a service uses is declared at the top level,
and every secret a service names is declared. Usage: validate-compose.py SCHEMA FILE...
Prints one line per problem ("FILE: path: message") and a count; exit 1 when there is any."""
import json
import sys

import yaml
from jsonschema import Draft7Validator


def references(doc):
    """Problems the schema does not see: undeclared named volumes, networks and secrets."""
    problems = []
    volumes = doc.get("volumes") or {}
    networks = doc.get("networks") or {}
    secrets = doc.get("secrets") or {}
    for name, service in (doc.get("services") or {}).items():
        if not isinstance(service, dict):
            continue
        for v in service.get("volumes") or []:
            if isinstance(v, str):
                parts = v.split(":")
                source = parts[0] if len(parts) > 1 else ""
                kind = "volume" if source and source[0] not in "/.~$" else "other"
            else:
                source, kind = v.get("source", ""), v.get("type")
            if kind == "volume" and source and source not in volumes:
                problems.append("services/%s/volumes: named volume %r is not declared" % (name, source))
        nets = service.get("networks") or []
        for n in nets if isinstance(nets, list) else nets.keys():
            if n != "default" and n not in networks:
                problems.append("services/%s/networks: network %r is not declared" % (name, n))
        for s in service.get("secrets") or []:
            s = s if isinstance(s, str) else s.get("source")
            if s not in secrets:
                problems.append("services/%s/secrets: secret %r is not declared" % (name, s))
    return problems


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    Draft7Validator.check_schema(schema)
    validator = Draft7Validator(schema)
    count = 0
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        problems = ["%s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message[:300])
                    for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))]
        if isinstance(doc, dict):
            problems += references(doc)
        for p in problems:
            print("%s: %s" % (path, p))
        count += len(problems)
    print("%d file(s), %d problem(s)" % (len(sys.argv) - 2, count))
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
