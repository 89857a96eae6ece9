"""Evaluates the trained NLU pipeline on the held-out files tests/nlu/<name>.yml.

Per file: the intent classifier's accuracy (before the IntentRouter, which turns a
message that names something into a question, so "Son La?" annotated ask_briefing
becomes follow_up by design), and for each kind of entity the file annotates the
share of examples whose understood values equal the annotated ones (places as unit
codes, periods as dates, metrics and languages as codes: what the actions use,
whatever the span), and how often the message's language was identified as the
file's (Hindi or Urdu in Latin letters counts when both are candidates).
Writes reports/nlu.json and reports/nlu.md.

    python scripts/nlu_eval.py [--model models] [--out reports]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Set

REPO = Path(__file__).resolve().parents[1]
TEST_DIR = REPO / "tests" / "nlu"
KINDS = ("place", "period", "metric", "language")


def latest_model(model_dir: Path) -> Path:
    models = sorted(model_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise SystemExit(f"no model in {model_dir}: run `make train`")
    return models[-1]


def file_language(name: str) -> str:
    """tests/nlu/hi-latn.yml holds Hindi typed in Latin letters."""
    return name.split("-", 1)[0]


def _gold_values(example, kind: str, adb) -> Set[str]:
    from i18n import periods

    text = example.get("text")
    out = set()
    for entity in example.get("entities") or []:
        if entity["entity"] != kind:
            continue
        typed = text[entity["start"]:entity["end"]]
        if kind == "place":
            resolution = adb.resolve_place(typed)
            out.add(resolution.candidates[0].unit_code if resolution.status == "found" else f"?{typed}")
        elif kind == "period":
            found = periods.find_periods(typed) or periods.find_periods(text)
            out |= {f"{_iso(p.start)}..{_iso(p.end)}" for p in found[:1]}
        else:
            out.add(str(entity.get("value")))
    return out


def _iso(day) -> str:
    return day.isoformat() if day else ""


def _found_values(parsed, kind: str) -> Set[str]:
    out = set()
    for entity in parsed.get("entities") or []:
        if entity["entity"] != kind:
            continue
        if kind == "place" and entity.get("status", "found") != "found":
            out.add(f"?{entity.get('text') or entity.get('value')}")
        else:
            out.add(str(entity["value"]))
    return out


def _language_ok(parsed, lang: str) -> Optional[bool]:
    found = parsed.get("language") or {}
    if found.get("code") == lang:
        return True
    return found.get("code") is None and lang in (found.get("candidates") or [])


async def evaluate(model: Path) -> Dict[str, Dict]:
    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.loading import load_data

    from db.api import AidDatabase

    adb = AidDatabase.from_env()
    agent = Agent.load(str(model))
    results: Dict[str, Dict] = {}
    for path in sorted(TEST_DIR.glob("*.yml")):
        lang = file_language(path.stem)
        examples = load_data(str(path)).intent_examples
        annotated = {e["entity"] for example in examples for e in example.get("entities") or []}
        correct, language_ok, confusions = 0, 0, Counter()
        kind_total, kind_ok = Counter(), Counter()
        for example in examples:
            text, expected = example.get("text"), example.get("intent")
            parsed = await agent.parse_message(text)
            predicted = parsed["intent"].get("routed_from") or parsed["intent"]["name"]
            if predicted == expected:
                correct += 1
            else:
                confusions[f"{expected} → {predicted}"] += 1
            language_ok += bool(_language_ok(parsed, lang))
            for kind in (k for k in KINDS if k in annotated):
                gold = _gold_values(example, kind, adb)
                if gold or _found_values(parsed, kind):
                    kind_total[kind] += 1
                    kind_ok[kind] += gold == _found_values(parsed, kind)
        n = len(examples)
        results[path.stem] = {
            "examples": n,
            "intent_accuracy": correct / n if n else 0.0,
            "language_accuracy": language_ok / n if n else 0.0,
            "entities": {k: {"examples": kind_total[k], "accuracy": kind_ok[k] / kind_total[k]}
                         for k in KINDS if kind_total[k]},
            "confusions": dict(confusions.most_common(10)),
        }
    return results


def write_report(results: Dict[str, Dict], out: Path, model: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "nlu.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    lines = [
        "# NLU evaluation on held-out data",
        "",
        f"Model: `{model.name}`. Test data: `tests/nlu/<file>.yml` (never used for training).",
        "Entities: share of examples whose understood values (unit codes, dates, metric and",
        "language codes) equal the annotated ones, among examples where either has one.",
        "Language: the message's language identified as the file's (for Hindi/Urdu in Latin",
        "letters, also when both are candidates and the dialogue decides).",
        "",
        "| file | examples | intent | language | " + " | ".join(KINDS) + " |",
        "|---|---|---|---|" + "---|" * len(KINDS),
    ]
    for name, r in results.items():
        cells = [f"{r['entities'][k]['accuracy']:.1%} ({r['entities'][k]['examples']})" if k in r["entities"]
                 else "–" for k in KINDS]
        lines.append(f"| {name} | {r['examples']} | {r['intent_accuracy']:.1%} | {r['language_accuracy']:.1%} | "
                     + " | ".join(cells) + " |")
    lines += ["", "## Most frequent intent confusions", ""]
    for name, r in results.items():
        pairs = ", ".join(f"{k} ({v})" for k, v in r["confusions"].items()) or "none"
        lines.append(f"- {name}: {pairs}")
    (out / "nlu.md").write_text("\n".join(lines) + "\n")


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=str(REPO / "models"))
    parser.add_argument("--out", default=str(REPO / "reports"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    model = Path(args.model)
    model = latest_model(model) if model.is_dir() else model
    results = asyncio.run(evaluate(model))
    write_report(results, Path(args.out), model)
    print((Path(args.out) / "nlu.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
