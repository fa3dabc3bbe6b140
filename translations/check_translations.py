#!/usr/bin/env python3
"""Fails when a translation is not complete: an entry unfinished, vanished, obsolete or empty; a translation
whose %-placeholders differ from its source's; a numerus entry without every plural form; or a string in the
sources that a .ts file lacks (lupdate is run on a copy of each file, so the committed ones are never touched).

Usage: check_translations.py [--self-test] [--lupdate PATH --sources FILE... --include DIR...] --ts FILE...
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

PLACEHOLDER = re.compile(r"%(?:\d+|n|v|m|p)")
# Plural forms lrelease expects per language (Qt's numerus rules).
PLURAL_FORMS = {"en": 2, "de": 2, "zh_CN": 1}


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text or ""))


def problems_in(path):
    root = ElementTree.parse(path).getroot()
    language = root.get("language", "")
    forms_needed = PLURAL_FORMS.get(language)
    found = []
    if forms_needed is None:
        found.append(f"{path}: language '{language}' has no plural rule listed in {os.path.basename(__file__)}")
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            where = f"{path}: {name}: \"{source[:60]}\""
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "missing"
            if kind in ("unfinished", "vanished", "obsolete", "missing"):
                found.append(f"{where}: {kind}")
                continue
            if message.get("numerus") == "yes":
                texts = [form.text or "" for form in translation.findall("numerusform")]
                if forms_needed is not None and len(texts) != forms_needed:
                    found.append(f"{where}: {len(texts)} plural form(s), {language} needs {forms_needed}")
            else:
                texts = [translation.text or ""]
            for text in texts:
                if not text.strip():
                    found.append(f"{where}: empty translation")
                elif placeholders(text) != placeholders(source):
                    found.append(f"{where}: placeholders {placeholders(text)} differ from the source's "
                                 f"{placeholders(source)}")
    return found


INCLUDE_PATHS = []


def missing_from_sources(lupdate, sources, path):
    """Runs lupdate on a copy of `path`; new unfinished entries are strings the sources hold and `path` lacks."""
    with tempfile.TemporaryDirectory() as folder:
        copy = os.path.join(folder, os.path.basename(path))
        shutil.copyfile(path, copy)
        # The include paths let lupdate see the class declarations, hence the namespaces tr() looks up.
        options = ["-no-obsolete", "-locations", "none"] + [f"-I{folder}" for folder in INCLUDE_PATHS]
        if ElementTree.parse(path).getroot().get("language") == "en":
            options.append("-pluralonly")
        run = subprocess.run([lupdate, *options, *sources, "-ts", copy], capture_output=True, text=True)
        if run.returncode != 0:
            return [f"{path}: lupdate failed: {run.stderr.strip()}"]
        return [problem.replace(copy, path) + " (run: cmake --build build --target update_translations)"
                for problem in problems_in(copy)]


def self_test(lupdate, path):
    """The check must fail on a broken copy of a good file: an unfinished entry, a lost placeholder, a string
    the sources hold and the file lacks. Returns the failures of the check itself."""
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        good = open(path, encoding="utf-8").read()
        broken = os.path.join(folder, os.path.basename(path))

        def expect(description, text, sources, needle):
            with open(broken, "w", encoding="utf-8") as file:
                file.write(text)
            found = problems_in(broken) or missing_from_sources(lupdate, sources, broken)
            if not any(needle in problem for problem in found):
                failures.append(f"self-test: {description} was not reported (got {found})")

        unfinished = good.replace("<translation>", '<translation type="unfinished">', 1)
        expect("an unfinished entry", unfinished, [], "unfinished")
        lost = re.sub(r"(<translation>[^<]*?)%1", r"\1", good, count=1)
        expect("a lost placeholder", lost, [], "placeholders")
        source = os.path.join(folder, "extra.cpp")
        with open(source, "w", encoding="utf-8") as file:
            file.write('#include <QObject>\nclass Extra : public QObject { Q_OBJECT\n'
                       'void f() { tr("A string nobody translated"); } };\n')
        expect("a string missing from the file", good, [source], "A string nobody translated")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lupdate")
    parser.add_argument("--sources", nargs="*", default=[])
    parser.add_argument("--include", nargs="*", default=[], help="include paths, as the build gives lupdate")
    parser.add_argument("--ts", nargs="+", required=True)
    parser.add_argument("--self-test", action="store_true", help="also check that the check catches faults")
    arguments = parser.parse_args()
    INCLUDE_PATHS.extend(arguments.include)
    if arguments.self_test:
        failures = self_test(arguments.lupdate, arguments.ts[-1])
        for failure in failures:
            print(failure)
        if failures:
            return 1
    found = []
    for path in arguments.ts:
        problems = problems_in(path)
        found += problems
        if not problems and arguments.lupdate:
            found += missing_from_sources(arguments.lupdate, arguments.sources, path)
    for problem in found:
        print(problem)
    messages = sum(len(ElementTree.parse(path).getroot().findall(".//message")) for path in arguments.ts)
    print(f"{len(arguments.ts)} translation file(s), {messages} entries: "
          f"{'complete' if not found else f'{len(found)} problem(s)'}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
