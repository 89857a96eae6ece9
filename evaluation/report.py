"""Summaries of scored turns: per language, per kind, follow-ups, Latin-script Hindi/Urdu."""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Dict, List


def _rate(rows: List[dict]) -> dict:
    right = sum(1 for r in rows if r["ok"])
    return {"turns": len(rows), "right": right, "rate": right / len(rows) if rows else 0.0}


def summarise(results: List[dict]) -> dict:
    by_lang: Dict[str, List[dict]] = defaultdict(list)
    for r in results:
        by_lang[r["lang"]].append(r)
    no_data = [r for r in results if r["kind"] == "no_data"]
    return {
        "all": _rate(results),
        "languages": {lang: _rate(rows) for lang, rows in sorted(by_lang.items())},
        "follow_ups": _rate([r for r in results if r["follow_up"]]),
        "questions": _rate([r for r in results if r["kind"] == "question"]),
        "no_data": _rate(no_data),
        "no_data_with_figure": sum(1 for r in no_data if any("states" in p for p in r["problems"])),
        "latin_hi_ur": _rate([r for r in results if r["lang"] in ("hi", "ur") and r.get("script") == "latin"]),
        "native_hi_ur": _rate([r for r in results if r["lang"] in ("hi", "ur") and r.get("script") == "native"]),
        "wrong_language": sum(1 for r in results if any(p.startswith("language") for p in r["problems"])),
        "per_language_kind": {
            lang: {kind: _rate([r for r in rows if (r["follow_up"] if kind == "follow_up" else r["kind"] == kind)])
                   for kind in ("question", "follow_up", "no_data", "other")}
            for lang, rows in sorted(by_lang.items())},
    }


def _pct(row: dict) -> str:
    return f"{row['rate']:.1%} ({row['right']}/{row['turns']})" if row["turns"] else "–"


def markdown(name: str, summary: dict, results: List[dict], show_failures: bool = True) -> str:
    langs = list(summary["languages"])
    lines = [f"# End-to-end evaluation: set `{name}`", "",
             "Scored through the REST channel of the real assistant (evaluation/scoring.py): the right "
             "figure, in the right language; no-data questions answered honestly.", "",
             f"- all turns: **{_pct(summary['all'])}**",
             f"- follow-ups: {_pct(summary['follow_ups'])}",
             f"- Latin-script Hindi/Urdu: {_pct(summary['latin_hi_ur'])}; native script: {_pct(summary['native_hi_ur'])}",
             f"- no-data questions: {_pct(summary['no_data'])}; answered with a figure: {summary['no_data_with_figure']}",
             f"- replies in the wrong language: {summary['wrong_language']}", "",
             "| | " + " | ".join(langs) + " |", "|---|" + "---|" * len(langs),
             "| all | " + " | ".join(_pct(summary["languages"][l]) for l in langs) + " |"]
    for kind in ("question", "follow_up", "no_data", "other"):
        lines.append(f"| {kind} | " + " | ".join(_pct(summary["per_language_kind"][l][kind]) for l in langs) + " |")
    if show_failures:
        failures = [r for r in results if not r["ok"]]
        lines += ["", f"## Failures ({len(failures)})", ""]
        for r in failures:
            lines.append(f"- `{r['conversation']}` {r['kind']}: {r['say']!r} — {'; '.join(r['problems'])}")
    return "\n".join(lines) + "\n"


def write_report(out_dir: Path, name: str, summary: dict, results: List[dict]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"eval-{name}.md").write_text(markdown(name, summary, results), encoding="utf-8")
    (out_dir / f"eval-{name}.json").write_text(
        json.dumps({"summary": summary, "results": results}, ensure_ascii=False, indent=1), encoding="utf-8")
