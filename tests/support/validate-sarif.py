#!/usr/bin/python3
"""Validates a JSON document against a JSON schema with jsonschema's Draft 2020-12 validator (the dialect
the schema must declare): SARIF against the official SARIF 2.1.0 schema, the scan JSON against
resources/schema/scan-v2.schema.json. Prints one line per error; exit 1 when there is any."""
import json
import sys

from jsonschema import Draft202012Validator


def main():
    schema_path, sarif_path = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with open(sarif_path, encoding="utf-8") as f:
        doc = json.load(f)
    if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
        print("unexpected schema dialect: %s" % schema.get("$schema"))
        return 1
    Draft202012Validator.check_schema(schema)
    errors = sorted(Draft202012Validator(schema).iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors:
        print("%s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message[:300]))
    print("%d error(s)" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
