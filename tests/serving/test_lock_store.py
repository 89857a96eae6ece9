"""The atomic Redis lock store against the real Redis on 127.0.0.1:6379."""
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from rasa.core.lock_store import _create_from_endpoint_config
from rasa.utils.endpoints import EndpointConfig

from serving.lock_store import AtomicRedisLockStore

CONFIG = EndpointConfig(url="127.0.0.1", type="serving.lock_store.AtomicRedisLockStore",
                        port=6379, db=1, key_prefix="locktest")
PROCESSES = 24


def test_rasa_loads_it_from_the_endpoint_config():
    assert isinstance(_create_from_endpoint_config(CONFIG), AtomicRedisLockStore)


def _tickets_issued_at_once() -> list:
    """Each thread plays a Rasa process with its own connection, all asking at once for a
    ticket of the same new conversation (Rasa's own RedisLockStore hands out the same
    ticket twice here, in every run we tried)."""
    conversation = f"burst-{uuid.uuid4().hex}"
    stores = [AtomicRedisLockStore(CONFIG) for _ in range(PROCESSES)]
    with ThreadPoolExecutor(PROCESSES) as pool:
        tickets = list(pool.map(lambda store: store.issue_ticket(conversation), stores))
    stores[0].delete_lock(conversation)
    return tickets


def test_processes_issuing_tickets_at_once_each_get_their_own():
    for _ in range(5):
        tickets = _tickets_issued_at_once()
        assert sorted(tickets) == list(range(PROCESSES))


def test_a_released_ticket_lets_the_next_one_in_and_the_last_release_deletes_the_lock():
    store = AtomicRedisLockStore(CONFIG)
    conversation = f"turns-{uuid.uuid4().hex}"
    first, second = store.issue_ticket(conversation), store.issue_ticket(conversation)
    assert store.get_lock(conversation).is_locked(second)
    store.cleanup(conversation, first)
    assert not store.get_lock(conversation).is_locked(second)
    store.cleanup(conversation, second)
    assert store.get_lock(conversation) is None


@pytest.mark.asyncio
async def test_the_lock_context_serves_one_ticket_at_a_time():
    store = AtomicRedisLockStore(CONFIG)
    conversation = f"ctx-{uuid.uuid4().hex}"
    async with store.lock(conversation):
        waiting = store.issue_ticket(conversation)
        assert store.get_lock(conversation).is_locked(waiting)
    assert not store.get_lock(conversation).is_locked(waiting)
    store.cleanup(conversation, waiting)
