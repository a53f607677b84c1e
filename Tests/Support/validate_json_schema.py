#!/usr/bin/env python3
"""Validate JSON files against a JSON Schema (Draft 2020-12) with the `jsonschema` package.

Usage: validate_json_schema.py SCHEMA FILE...
Prints one line per error as `FILE: error: <json path>: <message>` and exits 1 when any file is
invalid, 0 when all are valid. Used by the Swift tests, which run it on every graph they write.
"""
import json
import sys

import jsonschema


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failed = False
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            instance = json.load(f)
        for error in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path)):
            failed = True
            where = "/" + "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: error: {where}: {error.message}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
