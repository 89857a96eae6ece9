"""Evaluates the trained NLU model on the held-out files tests/nlu/<lang>.yml.

Reports, per language: intent accuracy, entity precision/recall/F1 (an entity
counts only when its type, start and end all match), and the confused pairs.
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
from typing import Dict, List

REPO = Path(__file__).resolve().parents[1]
TEST_DIR = REPO / "tests" / "nlu"


def _spans(entities) -> set:
    return {(e["entity"], e["start"], e["end"]) for e in entities or [] if "start" in e}


def latest_model(model_dir: Path) -> Path:
    models = sorted(model_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise SystemExit(f"no model in {model_dir}: run `make train`")
    return models[-1]


async def evaluate(model: Path) -> Dict[str, Dict]:
    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.loading import load_data

    agent = Agent.load(str(model))
    results: Dict[str, Dict] = {}
    for path in sorted(TEST_DIR.glob("*.yml")):
        lang = path.stem
        examples = load_data(str(path)).intent_examples
        correct, confusions = 0, Counter()
        tp = fp = fn = 0
        for example in examples:
            text, expected = example.get("text"), example.get("intent")
            parsed = await agent.parse_message(text)
            predicted = parsed["intent"]["name"]
            if predicted == expected:
                correct += 1
            else:
                confusions[f"{expected} → {predicted}"] += 1
            gold, found = _spans(example.get("entities")), _spans(parsed.get("entities"))
            tp, fp, fn = tp + len(gold & found), fp + len(found - gold), fn + len(gold - found)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        results[lang] = {
            "examples": len(examples),
            "intent_accuracy": correct / len(examples) if examples else 0.0,
            "entity_precision": precision,
            "entity_recall": recall,
            "entity_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "confusions": dict(confusions.most_common(10)),
        }
    return results


def write_report(results: Dict[str, Dict], out: Path, model: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "nlu.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    lines = [
        "# NLU evaluation on held-out data",
        "",
        f"Model: `{model.name}`. Test data: `tests/nlu/<lang>.yml` (never used for training).",
        "Entities count only on an exact match of type, start and end.",
        "",
        "| language | examples | intent accuracy | entity precision | entity recall | entity F1 |",
        "|---|---|---|---|---|---|",
    ]
    for lang, r in results.items():
        lines.append(f"| {lang} | {r['examples']} | {r['intent_accuracy']:.1%} | "
                     f"{r['entity_precision']:.1%} | {r['entity_recall']:.1%} | {r['entity_f1']:.1%} |")
    lines += ["", "## Most frequent intent confusions", ""]
    for lang, r in results.items():
        pairs = ", ".join(f"{k} ({v})" for k, v in r["confusions"].items()) or "none"
        lines.append(f"- {lang}: {pairs}")
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
