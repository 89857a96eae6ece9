"""MetricExtractor and its data (locale/metric_words.yml)."""
from collections import defaultdict

import pytest
import yaml

from db.vocabulary import METRICS
from actions.metrics import LABELS, RELATED
from i18n import languages
from i18n.catalog import translator
from nlu.metrics import METRIC_WORDS_FILE, NOT_A_METRIC, find_metrics, load_metric_words
from nlu.text import fold
from tests.support.understanding import parse, values


def metrics_in(text):
    """What the pipeline keeps (modifiers and broader metrics are dropped by the router)."""
    return [e["value"] for e in sorted(parse(text)["entities"], key=lambda e: e["start"]) if e["entity"] == "metric"]


@pytest.mark.parametrize("text,expected", [
    ("how much NGO funding did they get", ["aid_received"]),
    ("how many aid projects", ["programmes_projects"]),
    ("how many delegatons came", ["delegations"]),            # a typo
    ("so doan ra nuoc ngoai", ["delegations_outgoing"]),
    ("đoàn vào bao nhiêu", ["delegations_incoming"]),
    ("kitne wafood aaye", ["delegations"]),
    ("kitne wafood bahar se aaye", ["delegations_incoming"]),   # "came from abroad"
    ("कितने प्रतिनिधिमंडल आए", ["delegations"]),
    ("कितने प्रतिनिधिमंडल बाहर गए", ["delegations_outgoing"]),
    ("brp pertubuhan bukan kerajaan", ["foreign_ngos"]),
    ("so to chuc pcpnn", ["foreign_ngos"]),                    # PCPNN expanded
    ("bao nhiêu biên bản ghi nhớ", ["mous"]),
    ("kitne mou sign hue", ["mous"]),
    ("how many sister cities", ["sister_localities"]),
    ("which countries are they in", ["partner_countries"]),
    ("how many lao villages", ["twinned_villages"]),
    ("abtc cards processed", ["abtc_applications"]),
    ("how much did aid increase", ["aid_change"]),             # the narrower metric
    ("how many NGO delegations", ["delegations"]),              # "NGO" only describes them
    ("giai đoạn 2019 2024", []),                               # a period, not a delegation
    ("bạn có biết không", []),
])
def test_metrics_named_in_questions(text, expected):
    assert metrics_in(text) == expected


def test_every_metric_has_words_in_every_language():
    data = yaml.safe_load(METRIC_WORDS_FILE.read_text(encoding="utf-8"))
    for metric in METRICS:
        assert metric in data, f"{metric} has no words"
        langs = set(data[metric])
        missing = [code for code in languages.supported() if code not in langs and "any" not in langs]
        assert not missing, f"{metric}: no words for {missing}"


def test_no_phrase_names_two_metrics():
    owners = defaultdict(set)
    for phrase, metric in load_metric_words():
        owners[fold(phrase)].add(metric)
    clashes = {p: m for p, m in owners.items() if len(m) > 1}
    assert not clashes


def test_an_unknown_metric_code_is_refused(tmp_path):
    bad = tmp_path / "metric_words.yml"
    bad.write_text("no_such_metric:\n  en: [things]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no_such_metric"):
        load_metric_words(bad)


def test_not_metrics_are_consumed_silently():
    assert [m.label for m in find_metrics("climate change projects")] == ["programmes_projects"]
    assert NOT_A_METRIC not in metrics_in("climate change projects")


@pytest.mark.parametrize("lang", languages.supported())
def test_every_label_the_assistant_writes_is_understood_as_its_metric(lang):
    """Users copy the words of the last reply ("and the Incoming delegations?"): each
    metric's label, in each language's catalog, reads back as that metric ("delegations"
    as its two directions)."""
    translate = translator(lang)
    misread = {}
    for code, msgid in LABELS.items():
        understood = set(values(parse(translate.gettext(msgid)), "metric"))
        if understood != {code} and not (understood and understood <= set(RELATED.get(code, ()))):
            misread[translate.gettext(msgid)] = sorted(understood)
    assert misread == {}
