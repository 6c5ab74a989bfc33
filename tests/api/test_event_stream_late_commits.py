"""The live stream over HTTP when an event commits after a later one (PostgreSQL): a stream cut
meanwhile says to resume below the late event, which the reconnection then brings."""
import re

from tests.integration.test_event_cursor import on_postgres, write


@on_postgres
def test_a_stream_cut_while_an_event_is_uncommitted_gives_it_on_reconnection(api, client, engine, centre, clock):
    assert api.take("HT").status_code == 201      # today's first ticket: streams start at its event
    slow = engine.connect()
    slow_transaction = slow.begin()
    write(slow, centre.centre, "X901", clock())
    with engine.begin() as quick:
        write(quick, centre.centre, "X902", clock())
    first = client.get("/api/v1/events?last_event_id=0").get_data(as_text=True)   # ends, X901 still open
    assert '"number": "X902"' in first and "X901" not in first
    resume = re.findall(r"^id: (\d+)$", first, re.MULTILINE)[-1]
    assert int(resume) < int(re.search(r'"id": (\d+), "kind": "called", "at": "[^"]+", "number": "X902"', first).group(1))
    slow_transaction.commit()
    slow.close()
    again = client.get("/api/v1/events", headers={"Last-Event-ID": resume}).get_data(as_text=True)
    assert '"number": "X901"' in again
