#!/usr/bin/python3
"""Parses a Drydock HTML report with Python's html.parser and prints what the tests check, as JSON:
tag counts, the report's structure (title, section ids, findings, waived rows) and anything that could
run or fetch (script/iframe/object/embed/img/link tags, on* attributes, external URLs), plus tags that
were opened and never closed or closed without being opened."""
import json
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "rect", "path", "circle", "line"}
ACTIVE = {"script", "iframe", "object", "embed", "img", "link", "form", "base", "applet", "frame"}


class Report(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = {}
        self.stack = []
        self.unbalanced = []
        self.active = []
        self.handlers = []
        self.external = []
        self.ids = []
        self.findings = 0
        self.waived_rows = 0
        self.title = ""
        self.h1 = ""
        self._in = None

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag in ACTIVE:
            self.active.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(name)
            if name in ("src", "href", "action", "data") and value and not value.startswith("#"):
                self.external.append(value)
            if name == "id":
                self.ids.append(value)
        cls = dict(attrs).get("class") or ""
        # A finding is a row of its object's table, or an entry on the line of an object with info only (#20).
        if "finding" in cls.split():
            self.findings += 1
        if tag == "tr" and "waived" in cls.split():
            self.waived_rows += 1
        if tag in ("title", "h1"):
            self._in = tag
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.unbalanced.append(tag)
        self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "h1":
            self.h1 += data


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    r = Report()
    r.feed(text)
    r.close()
    json.dump({"doctype": text.lstrip().lower().startswith("<!doctype html>"), "tags": r.tags,
               "unclosed": r.stack, "unbalanced": r.unbalanced, "active": r.active, "handlers": r.handlers,
               "external": r.external, "ids": r.ids, "findings": r.findings, "waivedRows": r.waived_rows,
               "title": r.title, "h1": r.h1}, sys.stdout)


if __name__ == "__main__":
    main()
