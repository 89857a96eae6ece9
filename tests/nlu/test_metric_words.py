"""locale/metric_words.yml (the actions' fallback for metric words) matches the training data."""
from scripts import metric_words


def test_metric_words_file_is_in_step_with_the_nlu_data():
    expected = metric_words.render(metric_words.collect())
    assert metric_words.OUTPUT.read_text(encoding="utf-8") == expected, \
        "run: python scripts/metric_words.py"
