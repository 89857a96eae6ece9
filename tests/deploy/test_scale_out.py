"""Scale-out on Rasa's own engines, here on loopback: two `rasa run` processes sharing a
PostgreSQL tracker store and a Redis lock store (deploy/endpoints.yml), the aid data on
PostgreSQL read through a SELECT-only role, one action server. One cluster per module."""
from __future__ import annotations

import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import psycopg2
import pytest
import sqlalchemy as sa

from tests.support.cluster import ask, start_cluster, text_of

# One conversation's turns, with what each answer must (and must not) state: the
# follow-ups only make sense with the previous turns' context.
SCRIPT = [
    ("How many foreign NGOs are there in Son La?", ["31", "Son La"], []),
    ("and Quang Nam?", ["77", "Quang Nam"], ["31"]),
    ("and in Can Tho?", ["more than 40", "Can Tho"], ["77"]),
    ("how much NGO funding did Quang Nam get since 2019?", ["Quang Nam", "more than US$43 million"], []),
    ("and in Son La?", ["Son La", "nearly US$4.9 million"], ["43 million"]),
]
USERS, MESSAGES = 16, 25


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    running = start_cluster(tmp_path_factory.mktemp("cluster"), rasa_instances=2)
    yield running
    running.stop()


def check(reply: str, expected, absent, where: str) -> None:
    for text in expected:
        assert text in reply, f"{where}: expected {text!r} in:\n{reply}"
    without_links = re.sub(r"https?://\S+", "", reply)     # URLs hold digits of their own
    for text in absent:
        assert text not in without_links, f"{where}: {text!r} must not be in:\n{reply}"


def turns_of(events):
    """The stored events cut into turns: each user event with what followed it."""
    turns = []
    for event in events:
        if event["event"] == "user":
            turns.append([event])
        elif turns:
            turns[-1].append(event)
    return turns


def check_stored_turns(cluster, sender: str, sent, expectations) -> None:
    events = cluster.events(sender)
    timestamps = [e["timestamp"] for e in events]
    assert timestamps == sorted(timestamps), f"{sender}: events out of order"
    turns = turns_of(events)
    assert [t[0]["text"] for t in turns] == sent, f"{sender}: stored user messages differ from the sent ones"
    for turn, (expected, absent) in zip(turns, expectations):
        kinds = [e["event"] for e in turn]
        assert turn[-1] == {**turn[-1], "event": "action", "name": "action_listen"}, kinds
        assert sum(1 for e in turn if e["event"] == "action" and e["name"] != "action_listen") == 1, kinds
        bot = "\n".join(e.get("text") or "" for e in turn if e["event"] == "bot")
        check(bot, expected, absent, f"{sender} stored {turn[0]['text']!r}")


def test_one_conversation_alternating_between_the_instances_keeps_its_context(cluster):
    sender = f"alt-{uuid.uuid4().hex[:8]}"
    first, second = cluster.rasa_urls
    for i, (message, expected, absent) in enumerate(SCRIPT):
        url = first if i % 2 == 0 else second
        check(text_of(ask(url, sender, message)), expected, absent, f"turn {i + 1} via {url}")
    check_stored_turns(cluster, sender, [m for m, _, _ in SCRIPT], [(e, a) for _, e, a in SCRIPT])


def test_sixteen_users_times_twenty_five_messages_over_both_instances(cluster):
    failures, lock = [], threading.Lock()
    senders = [f"load{u}-{uuid.uuid4().hex[:8]}" for u in range(USERS)]

    def user(u: int) -> None:
        with httpx.Client(timeout=60) as client:
            for i in range(MESSAGES):
                message, expected, absent = SCRIPT[i % len(SCRIPT)]
                url = cluster.rasa_urls[(u + i) % 2]
                try:
                    replies = ask(url, senders[u], message, client=client)
                    assert replies, "empty reply (an action failed or the action server is down)"
                    check(text_of(replies), expected, absent, f"user {u} message {i + 1}")
                except Exception as error:  # collected: every user runs to the end
                    with lock:
                        failures.append(f"user {u} message {i + 1} via {url}: {error}")

    with ThreadPoolExecutor(USERS) as pool:
        list(pool.map(user, range(USERS)))
    assert not failures, "\n".join(failures[:10]) + f"\n({len(failures)} failures)"
    for u, sender in enumerate(senders):
        sent = [SCRIPT[i % len(SCRIPT)][0] for i in range(MESSAGES)]
        expectations = [SCRIPT[i % len(SCRIPT)][1:] for i in range(MESSAGES)]
        check_stored_turns(cluster, sender, sent, expectations)


def test_messages_of_one_conversation_sent_at_once_to_both_instances_are_handled_one_by_one(cluster):
    """The Redis lock store: without it both processes would load the same tracker at the
    same time and one would drop or interleave the other's events."""
    questions = {
        "How many foreign NGOs are there in Son La?": "31",
        "How many foreign NGOs are there in Quang Nam?": "77",
        "How many foreign NGOs are there in Can Tho?": "more than 40",
        "how many MOUs has Can Tho signed?": "124",
    }
    senders = [f"burst-{uuid.uuid4().hex[:8]}" for _ in range(4)]
    jobs = [(s, q, cluster.rasa_urls[i % 2]) for s in senders for i, q in enumerate(questions)]
    with ThreadPoolExecutor(len(jobs)) as pool:
        replies = list(pool.map(lambda job: text_of(ask(job[2], job[0], job[1])), jobs))
    for (sender, question, _), reply in zip(jobs, replies):
        assert questions[question] in reply, f"{sender} {question!r}:\n{reply}"
    for sender in senders:
        turns = turns_of(cluster.events(sender))
        assert sorted(t[0]["text"] for t in turns) == sorted(questions)
        for turn in turns:   # every turn whole: its own answer, then listening again
            bot = "\n".join(e.get("text") or "" for e in turn if e["event"] == "bot")
            assert questions[turn[0]["text"]] in bot, [e["event"] for e in turn]
            assert turn[-1]["event"] == "action" and turn[-1]["name"] == "action_listen"


def test_the_aid_database_role_can_only_read(cluster):
    engine = sa.create_engine(cluster.reader_aid_url, future=True)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM reported_figure")).scalar() > 0
    for statement in ("UPDATE reported_figure SET value_low = 0",
                      "DELETE FROM figure_citation",
                      "INSERT INTO data_version (id, version, token) VALUES (99, 1, 'x')",
                      "CREATE TABLE intruder (id int)",
                      "DROP TABLE unit_alias"):
        with engine.connect() as conn:
            with pytest.raises(sa.exc.DBAPIError) as error:
                conn.execute(sa.text(statement))
                conn.commit()
            assert isinstance(error.value.orig, psycopg2.errors.InsufficientPrivilege), statement
    engine.dispose()


def test_the_assistant_answers_through_the_read_only_role(cluster):
    sender = f"ro-{uuid.uuid4().hex[:8]}"
    check(text_of(ask(cluster.rasa_urls[0], sender, "How many foreign NGOs are there in Son La?")),
          ["31"], [], "read-only role")
    admin = sa.create_engine(cluster.admin_aid_url, future=True)
    with admin.connect() as conn:
        users = set(conn.execute(sa.text(
            "SELECT usename FROM pg_stat_activity WHERE datname = current_database()")).scalars())
    admin.dispose()
    # the action server's and both Rasa processes' (NLU place names) connections
    assert cluster.reader_role in users
    assert users - {cluster.reader_role} <= {"postgres"}      # the only other one is this check's
